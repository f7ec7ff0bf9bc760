/**
 * Indexes, folded: `CREATE INDEX` (definition rendered from the statement, re-rendered after renames), `ALTER INDEX`
 * (options, ATTACH PARTITION), rename and DROP.
 */
import type { Column, ExclusionConstraint, Index, Model, PrimaryKey, UniqueConstraint } from '../../model/types.js';
import { keySql } from '../../model/constraint-sql.js';
import { deparseStatement } from '../pg.js';
import type { Node, Payload } from '../ast.js';
import { indexShape } from '../canonical.js';
import { rowColumnType } from '../literal-type.js';
import { builtinCatalog } from '../catalog/index.js';
import type { KeyType } from '../catalog/default-opclasses.js';
import { Problem, notFound, type FoldScope, type MTable, type MView, type Mut } from './scope.js';
import { qualifiedKey } from '../../model/names.js';
import { indexOwner } from './index-owners.js';
import { chooseName, nameAddition, truncateIdent } from '../../model/naming.js';
import { mergeOptions, relOptions } from './nodes.js';
import { alterSubcommand } from '../statement-kind.js';
import { optionName } from '../../model/options.js';
import { sameIndex } from '../../diff/equal.js';
import { findKeyCopy, keySource, recordKeyCopy, renameKeyCopy, renameKeySource } from './partition-keys.js';
import { absorbAttached, attachable, cloneIndex, descendsFrom, findAttached, indexColNames, indexesOf, recordChild, renameAttached } from './partition-indexes.js';

/**
 * The index of `part` (a partition) of the same shape as its parent's index `parentIndex`, if any, attached to it:
 * like the inspector, the Model then leaves it to the parent's (its name in `parentIndex.attached`, with the names
 * of its own partitions' indexes). Without one, PostgreSQL creates one (named by it: partition-indexes.ts), and on a
 * partitioned `part` does the same for each of its partitions (DefineIndex recursing), recorded on `parentIndex`.
 */
function attachSameIndex(sc: FoldScope, part: MTable, parentIndex: Index): void {
  // An index ON ONLY the parent that is not valid yet takes one too (its other partitions still pending).
  const shape = { ...parentIndex, only: undefined };
  // PostgreSQL takes the first index (in creation order) CompareIndexInfo matches, which ignores the keys' order
  // (kept: Index.attachedOrder).
  const match = Object.values(part.indexes).find((x) => !x.only && attachable(x, shape));
  if (!match) {
    // A key of the partition whose index has the shape stays the partition's, attached to the parent's index.
    const key = Object.values(part.constraints).find((k) => (k.kind === 'primary_key' || k.kind === 'unique') && !k.attachedTo && sameIndex(keyIndex(part, k), shape));
    if (key) setAttachedTo(part, key.name, parentIndex);
    else {
      cloneIndex(sc, part, parentIndex);
      if (part.partitionBy) for (const p of partitionsOf(sc, qualifiedKey(part.schema, part.name))) attachSameIndex(sc, sc.model.tables[p]!, parentIndex);
    }
    return;
  }
  delete (part.indexes as Record<string, Index>)[match.name];
  sc.attachedIndexes.add(qualifiedKey(match.schema, match.name));
  recordChild(parentIndex, qualifiedKey(part.schema, part.name), match);
  absorbAttached(parentIndex, match);
}

/** The index behind a partition's PRIMARY KEY or UNIQUE constraint, as an Index (its shape, for matching). */
function keyIndex(t: MTable, k: PrimaryKey | UniqueConstraint): Index {
  return {
    kind: 'index', schema: t.schema, name: k.name, table: qualifiedKey(t.schema, t.name), unique: true, method: 'btree',
    keys: k.columns.map((column) => ({ column, descending: false, nullsFirst: false })), include: [...k.include],
    nullsNotDistinct: k.kind === 'unique' && k.nullsNotDistinct, options: k.options ?? [],
  };
}

/** Records that the index of `t`'s key `name` is attached to the parent's plain index `parent` (Constraint.attachedTo). */
function setAttachedTo(t: MTable, name: string, parent: Index): void {
  const k = t.constraints[name] as Mut<PrimaryKey | UniqueConstraint | ExclusionConstraint>;
  t.constraints[name] = { ...k, attachedTo: qualifiedKey(parent.schema, parent.name) };
}

/**
 * `ALTER TABLE parent ATTACH PARTITION part`: each of the parent's indexes takes the partition's index of the same
 * shape instead of building one (PostgreSQL's AttachPartitionEnsureIndexes).
 *
 * @example
 * attachPartitionIndexes(sc, parent, part); // part's own index on (id) is now the parent's (id) index's
 */
export function attachPartitionIndexes(sc: FoldScope, parent: MTable, part: MTable): void {
  for (const ix of indexesOf(sc, parent)) attachSameIndex(sc, part, ix);
}

/** Keys of the tables that are partitions of the table `key`. */
function partitionsOf(sc: FoldScope, key: string): string[] {
  return Object.entries(sc.model.tables).flatMap(([k, t]) => (t.partitionOf?.parent === key ? [k] : []));
}

/**
 * `ALTER INDEX parent ATTACH PARTITION child` attached an index of the partition `table`: an `ON ONLY` index is
 * valid once every partition it still has has a valid index attached (PostgreSQL's validatePartitionedIndex). The
 * partitions a still invalid child index waits for (`childPending`) are the parent's to wait for, at any level.
 */
function attached(sc: FoldScope, parent: Index | undefined, table: string, childPending?: ReadonlySet<string>): void {
  const pending = parent && sc.onlyPending.get(parent);
  if (!parent || !pending) return;
  pending.delete(table);
  for (const p of childPending ?? []) pending.add(p);
  if ([...pending].some((p) => descendsFrom(sc, p, parent.table))) return;
  delete (parent as Mut<Index>).only;
  sc.onlyPending.delete(parent);
}

/**
 * What PostgreSQL checks before `ALTER INDEX parent ATTACH PARTITION child` (AttachPartitionEnsureIndexes'
 * neighbour ATExecAttachPartitionIdx): the parent is a partitioned table's index, the child an index of the same
 * shape on one of its partitions, which has no index attached to the parent's yet. E_INVALID otherwise.
 */
function checkAttach(sc: FoldScope, parent: { owner: MTable | MView; index: Index }, child: { owner: MTable | MView; index: Index }): void {
  const p = parent.index.name;
  const c = child.index.name;
  if (parent.owner.kind !== 'table' || !parent.owner.partitionBy) throw new Problem('E_INVALID', `ALTER action ATTACH PARTITION cannot be performed on relation "${p}" (not an index of a partitioned table)`);
  const part = sc.model.tables[child.index.table];
  if (part?.partitionOf?.parent !== parent.index.table) throw new Problem('E_INVALID', `cannot attach index "${c}" as a partition of index "${p}": index "${c}" is not an index on any partition of table "${parent.owner.name}"`);
  const key = qualifiedKey(parent.index.schema, parent.index.name);
  if (parent.index.attached?.[child.index.table] !== undefined || Object.values(part.constraints).some((k) => 'attachedTo' in k && k.attachedTo === key))
    throw new Problem('E_INVALID', `cannot attach index "${c}" as a partition of index "${p}": another index is already attached for partition "${part.name}"`);
  if (!attachable(child.index, parent.index)) throw new Problem('E_INVALID', `cannot attach index "${c}" as a partition of index "${p}": the index definitions do not match`);
}

/**
 * checkAttach's checks for a parent index that is a partition's index attached to `above.root`: the child is an
 * index of the same shape on a partition of that partition, which has none attached yet. E_INVALID otherwise.
 */
function checkAttachBelow(sc: FoldScope, above: { root: Index; part: string; name: string }, child: Index): void {
  const [p, c] = [above.name, child.name];
  const part = sc.model.tables[child.table];
  if (part?.partitionOf?.parent !== above.part) throw new Problem('E_INVALID', `cannot attach index "${c}" as a partition of index "${p}": index "${c}" is not an index on any partition of table "${sc.model.tables[above.part]?.name}"`);
  if (above.root.attached?.[child.table] !== undefined) throw new Problem('E_INVALID', `cannot attach index "${c}" as a partition of index "${p}": another index is already attached for partition "${part.name}"`);
  if (!attachable(child, above.root)) throw new Problem('E_INVALID', `cannot attach index "${c}" as a partition of index "${p}": the index definitions do not match`);
}

export function alterIndex(sc: FoldScope, n: Payload<'AlterTableStmt'>): void {
  for (const cmd of (n.cmds ?? []).map((x) => x.AlterTableCmd!)) {
    if (cmd.subtype === 'AT_AttachPartition') {
      const childNames = sc.rangeNames(cmd.def!.PartitionCmd!.name);
      const child = findIndex(sc, childNames);
      if (!child) {
        // The index behind a partition's PRIMARY KEY / UNIQUE / EXCLUDE constraint (pg_dump writes
        // `ALTER INDEX parent_pkey ATTACH PARTITION child_pkey` for each): once attached to the index of the
        // parent's constraint, PostgreSQL marks the partition's constraint inherited (conislocal = false), and the
        // inspector leaves it to the parent's. Attached to a plain index of the parent, it stays the partition's.
        const owner = constraintIndexOwner(sc, childNames);
        if (!owner) throw new Problem('E_UNKNOWN', `index "${childNames.join('.')}" does not exist`);
        // The parent's key, or a partition's copy of a key above it (partition-keys.ts): the child's key is a copy now.
        const parentKey = constraintIndexOwner(sc, sc.rangeNames(n.relation));
        const copied = parentKey ? undefined : findKeyCopy(sc, sc.rangeNames(n.relation));
        if (parentKey || copied) {
          const own = owner.table.constraints[owner.name] as PrimaryKey | UniqueConstraint;
          delete owner.table.constraints[owner.name];
          if (parentKey) recordKeyCopy(sc, owner.table, owner.name, keySource(parentKey.table, parentKey.name), parentKey.table.constraints[parentKey.name] as PrimaryKey | UniqueConstraint, own);
          else recordKeyCopy(sc, owner.table, owner.name, copied!.source, copied!.key, own);
        } else {
          const parent = findIndex(sc, sc.rangeNames(n.relation));
          if (parent) setAttachedTo(owner.table, owner.name, parent.index);
        }
        attached(sc, findIndex(sc, sc.rangeNames(n.relation))?.index, qualifiedKey(owner.table.schema, owner.table.name));
        continue;
      }
      const parent = findIndex(sc, sc.rangeNames(n.relation));
      // The parent may itself be a partition's index attached to one above it (recorded there: Index.attached).
      const above = parent ? undefined : findAttached(sc, sc.rangeNames(n.relation));
      if (!parent && !above) throw new Problem('E_UNKNOWN', `index "${sc.rangeNames(n.relation).join('.')}" does not exist`);
      if (parent) checkAttach(sc, parent, child);
      else checkAttachBelow(sc, above!, child.index);
      const root = parent?.index ?? above!.root;
      // Like the inspector: an index attached to a parent's index belongs to the parent's (its name kept there), with
      // the names of its own partitions' indexes; the partitions it still waits for are the parent's.
      delete (child.owner as { indexes: Record<string, Index> }).indexes[child.index.name];
      sc.attachedIndexes.add(qualifiedKey(child.index.schema, child.index.name));
      recordChild(root, child.index.table, child.index);
      absorbAttached(root, child.index);
      const childPending = sc.onlyPending.get(child.index);
      sc.onlyPending.delete(child.index);
      attached(sc, root, child.index.table, childPending);
      continue;
    }
    const ix = findIndex(sc, sc.rangeNames(n.relation));
    if (!ix) {
      // The index behind a PRIMARY KEY / UNIQUE / EXCLUDE constraint: its storage parameters are the constraint's.
      const owner = constraintIndexOwner(sc, sc.rangeNames(n.relation));
      if (!owner) throw new Problem('E_UNKNOWN', `index "${sc.rangeNames(n.relation).join('.')}" does not exist`);
      if (cmd.subtype === 'AT_ChangeOwner') continue;
      if (cmd.subtype !== 'AT_SetRelOptions' && cmd.subtype !== 'AT_ResetRelOptions') throw new Problem('E_UNSUPPORTED', `ALTER INDEX … ${alterSubcommand(cmd.subtype)} on the index of constraint "${owner.name}" is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
      setConstraintIndexOptions(owner.table, owner.name, cmd.subtype === 'AT_SetRelOptions', (cmd.def?.List?.items ?? cmd.def ?? []) as Node[]);
      continue;
    }
    if (cmd.subtype === 'AT_SetRelOptions') {
      const node = sc.indexNodes.get(ix.index);
      const items = (cmd.def?.List?.items ?? cmd.def) as Node[];
      if (node) node.options = [...(node.options ?? []).filter((o: Node) => !items.some((d) => d.DefElem!.defname === o.DefElem!.defname)), ...items];
      refreshIndex(sc, ix.owner, ix.index);
      continue;
    }
    if (cmd.subtype === 'AT_SetStatistics') {
      // `ALTER INDEX … ALTER COLUMN <number> SET STATISTICS <target>` (PostgreSQL allows it on expression columns only).
      const num = cmd.num ?? 0;
      const value = cmd.def?.Integer?.ival ?? (cmd.def?.A_Const?.ival as { ival?: number } | undefined)?.ival ?? 0;
      const others = (ix.index.statistics ?? []).filter((s) => optionName(s) !== String(num));
      const next = value < 0 ? others : [...others, `${num}=${value}`].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
      const target = ix.index as Mut<Index>;
      if (next.length) target.statistics = next;
      else delete target.statistics;
      continue;
    }
    if (cmd.subtype === 'AT_ChangeOwner') continue;
    throw new Problem('E_UNSUPPORTED', `ALTER INDEX … ${alterSubcommand(cmd.subtype)} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
  }
}

/**
 * `ALTER INDEX k SET (…)` / `RESET (…)` on the index behind the key or exclusion constraint `name` of `t`: its
 * options (and the `WITH (…)` of its definition) change as PostgreSQL stores them (set ones last, in order written).
 *
 * @example
 * setConstraintIndexOptions(t, 't_pkey', true, items); // t_pkey: options ['fillfactor=50'], `PRIMARY KEY (id) WITH (fillfactor=50)`
 */
function setConstraintIndexOptions(t: MTable, name: string, set: boolean, items: Node[]): void {
  const k = t.constraints[name] as Mut<PrimaryKey | UniqueConstraint | ExclusionConstraint>;
  const cur = k.options ?? [];
  const drop = new Set(items.map((d) => d.DefElem!.defname));
  const next = set ? mergeOptions(cur, relOptions(items)) : cur.filter((o) => !drop.has(optionName(o)));
  if (next.length) k.options = next;
  else delete k.options;
  if (k.kind !== 'exclusion') {
    k.definition = keySql(k, next);
    return;
  }
  // `EXCLUDE USING m (…)[ WITH (…)][ WHERE …][ DEFERRABLE …]`: the storage parameters follow the element list.
  const d = k.definition;
  let i = d.indexOf('(');
  for (let depth = 0; i < d.length; i++) {
    if (d[i] === '(') depth++;
    else if (d[i] === ')' && --depth === 0) break;
  }
  const rest = d.slice(i + 1).replace(/^ WITH \([^()]*\)/, '');
  k.definition = `${d.slice(0, i + 1)}${next.length ? ` WITH (${next.join(', ')})` : ''}${rest}`;
}

/** The table whose PRIMARY KEY / UNIQUE / EXCLUDE constraint is backed by the index `names` (same name, same schema). */
export function constraintIndexOwner(sc: FoldScope, names: readonly string[]): { table: MTable; name: string } | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas) {
    const t = indexOwner(sc, s, name, 'key');
    if (t) return { table: t as MTable, name };
  }
  return undefined;
}

export function findIndex(sc: FoldScope, names: readonly string[]): { owner: MTable | MView; index: Index } | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas) {
    const t = indexOwner(sc, s, name, 'index');
    if (t) return { owner: t, index: t.indexes[name]! };
  }
  return undefined;
}

export function createIndex(sc: FoldScope, n: Payload<'IndexStmt'>): void {
  const rel = sc.rangeNames(n.relation);
  const t = sc.lookup(sc.model.tables, rel) ?? sc.lookup(sc.model.views, rel);
  if (!t) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`, n.relation!.location);
  const owner = t.obj as MTable | MView;
  if (owner.kind === 'view') throw new Problem('E_UNKNOWN', `cannot create index on view "${owner.name}"`);
  const schema = owner.schema;
  const params = (n.indexParams ?? []).map((p) => p.IndexElem!);
  for (const p of params) if (p.name && !('columns' in owner && Array.isArray(owner.columns) && (owner.columns as readonly (string | Column)[]).some((c) => (typeof c === 'string' ? c : c.name) === p.name))) throw new Problem('E_UNKNOWN', `column "${p.name}" does not exist in "${owner.name}"`);
  if (n.idxname && (owner.indexes[n.idxname] || sc.taken(schema, n.idxname))) {
    if (n.if_not_exists) return;
    throw new Problem('E_DUPLICATE', `relation "${n.idxname}" already exists`);
  }
  const colNames = indexColNames(n);
  const name = n.idxname ? truncateIdent(n.idxname) : chooseName(owner.name, nameAddition(colNames), n.primary ? 'pkey' : n.isconstraint ? 'key' : 'idx', (x) => sc.taken(schema, x));
  sc.claim(schema, name);
  const node = sc.qualify({ ...n, idxname: name, relation: { ...n.relation, schemaname: schema, relname: owner.name }, concurrent: false, if_not_exists: false });
  const ix: Mut<Index> = {
    kind: 'index', schema, name, table: t.key, unique: !!n.unique, method: n.accessMethod ?? 'btree', keys: [], include: [], nullsNotDistinct: !!n.nulls_not_distinct,
    options: relOptions(n.options), ...(n.whereClause ? { where: sc.expr(n.whereClause) } : {}), loc: sc.loc,
  };
  sc.indexNodes.set(ix, node);
  owner.indexes[name] = ix;
  refreshIndex(sc, owner, ix);
  // `ON ONLY parent` (the parser leaves `inh` out for ONLY: false is not written): on a partitioned table with
  // partitions, PostgreSQL creates the index invalid, without the partitions' indexes (pg_dump's form, followed by
  // `ALTER INDEX … ATTACH PARTITION` for each partition's index). With no partition yet it is valid at once.
  if (n.relation!.inh !== true && owner.kind === 'table' && owner.partitionBy) {
    const partitions = partitionsOf(sc, t.key);
    if (partitions.length) {
      ix.only = true;
      sc.onlyPending.set(ix, new Set(partitions));
    }
  } else if (owner.kind === 'table' && owner.partitionBy) {
    // Without ONLY, a partition's own index of the same shape is attached to the new one instead of building
    // another (PostgreSQL's DefineIndex).
    for (const p of partitionsOf(sc, t.key)) attachSameIndex(sc, sc.model.tables[p]!, ix);
  }
}

/** (Re)renders an index's definition from its statement, PostgreSQL-style (`CREATE INDEX n ON s.t USING m (…)`). */
export function refreshIndex(sc: FoldScope, owner: MTable | MView, ix: Mut<Index>): void {
  const node = sc.indexNodes.get(ix);
  if (!node) return;
  node.relation = { ...node.relation, schemaname: owner.schema, relname: owner.name };
  node.idxname = ix.name;
  if (!node.accessMethod) node.accessMethod = 'btree';
  ix.definition = deparseStatement('IndexStmt', node);
  ix.options = relOptions(node.options);
  const shape = owner.kind === 'table'
    ? indexShape(node, rowColumnType(owner.columns, sc.model.types), sc.operatorResolution(), keyTypes(owner.columns, sc.model.types))
    : indexShape(node, undefined, sc.operatorResolution());
  ix.keys = shape.keys;
  ix.include = shape.include;
  if (shape.where) ix.where = shape.where;
}

/**
 * The type of each of `columns` as the default operator class sees it (a domain is its base type): a built-in typname,
 * or the kind of a user type.
 *
 * @example
 * keyTypes([{ name: 'tags', type: 'text[]' }], model.types)('tags') // { typname: '_text' }
 */
function keyTypes(columns: readonly Column[], types: Model['types']): (column: string) => KeyType | undefined {
  const of = rowColumnType(columns, types);
  return (column) => {
    const spelling = of(column);
    if (spelling === undefined) return undefined;
    const typname = builtinCatalog().typeName(spelling);
    if (typname) return { typname };
    if (/\]$/.test(spelling)) return { user: 'array' };
    const kind = types[spelling]?.kind;
    return kind === 'enum' || kind === 'range' || kind === 'composite' ? { user: kind } : undefined;
  };
}

/** Column names an index statement's plain keys use. */
export function indexColumns(node: Payload<'IndexStmt'> | undefined): string[] {
  return (node?.indexParams ?? []).map((p) => p.IndexElem!.name).filter((x): x is string => !!x);
}

/** DROP INDEX. */
export function dropIndex(sc: FoldScope, names: readonly string[], missingOk: boolean): void {
  const ix = findIndex(sc, names);
  if (!ix) return notFound('index', names, missingOk);
  const key = qualifiedKey(ix.index.schema, ix.index.name);
  const held = Object.values(sc.model.tables).flatMap((t) => Object.values(t.constraints).filter((k) => 'attachedTo' in k && k.attachedTo === key).map((k) => `${t.name}.${k.name}`));
  if (held.length) throw new Problem('E_DEPENDS', `cannot drop index ${ix.index.name} because the partition keys ${held.join(', ')} are attached to it (DROP INDEX … CASCADE drops them too; write that in a migration)`);
  delete (ix.owner.indexes as Record<string, Index>)[ix.index.name];
  sc.release(ix.index.schema, ix.index.name);
  // The partitions' indexes attached to it go with it.
  for (const [part, name] of Object.entries(ix.index.attached ?? {})) sc.release(sc.model.tables[part]?.schema ?? ix.index.schema, name);
}

/** ALTER INDEX … RENAME TO (the index behind a constraint renames the constraint). */
export function renameIndex(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const ix = findIndex(sc, sc.rangeNames(n.relation));
  if (!ix && renameAttached(sc, sc.rangeNames(n.relation), newname)) return;
  if (!ix) {
    // Renaming the index behind a constraint renames the constraint.
    const names = sc.rangeNames(n.relation);
    for (const t of Object.values(sc.model.tables)) {
      const c = t.constraints[names[names.length - 1]!];
      if (c && c.kind !== 'check' && c.kind !== 'foreign_key' && (names.length < 2 || t.schema === names[0])) {
        delete t.constraints[c.name];
        t.constraints[newname] = { ...c, name: newname };
        sc.release(t.schema, c.name);
        sc.claim(t.schema, newname);
        if (c.kind === 'primary_key' || c.kind === 'unique') renameKeySource(sc, t, c.name, newname);
        return;
      }
    }
    // The index behind a partition's copy of its parent's key (PrimaryKey.copies).
    if (renameKeyCopy(sc, names, newname)) return;
    if (n.missing_ok) return;
    throw new Problem('E_UNKNOWN', `index "${names.join('.')}" does not exist`);
  }
  const owner = ix.owner.indexes as Record<string, Index>;
  delete owner[ix.index.name];
  sc.release(ix.index.schema, ix.index.name);
  sc.claim(ix.index.schema, newname);
  const from = qualifiedKey(ix.index.schema, ix.index.name);
  for (const t of Object.values(sc.model.tables))
    for (const k of Object.values(t.constraints))
      if ('attachedTo' in k && k.attachedTo === from) t.constraints[k.name] = { ...k, attachedTo: qualifiedKey(ix.index.schema, newname) };
  const moved = ix.index as Mut<Index>;
  moved.name = newname;
  owner[newname] = moved;
  refreshIndex(sc, ix.owner, moved);
}
