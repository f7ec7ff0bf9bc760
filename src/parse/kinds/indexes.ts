/**
 * Indexes, folded: `CREATE INDEX` (definition rendered from the statement, re-rendered after renames), `ALTER INDEX`
 * (options, ATTACH PARTITION), rename and DROP.
 */
import type { Column, Index } from '../../model/types.js';
import { figureColname } from '../normalize.js';
import { deparseStatement } from '../pg.js';
import type { Node, Payload } from '../ast.js';
import { indexShape } from '../canonical.js';
import { Problem, notFound, type FoldScope, type MTable, type MView, type Mut } from './scope.js';
import { qualifiedKey } from '../../model/names.js';
import { chooseName, nameAddition, truncateIdent } from '../naming.js';
import { relOptions } from './nodes.js';
import { alterSubcommand } from '../statement-kind.js';
import { optionName } from '../../model/options.js';

export function alterIndex(sc: FoldScope, n: Payload<'AlterTableStmt'>): void {
  for (const cmd of (n.cmds ?? []).map((x) => x.AlterTableCmd!)) {
    if (cmd.subtype === 'AT_AttachPartition') {
      const childNames = sc.rangeNames(cmd.def!.PartitionCmd!.name);
      const child = findIndex(sc, childNames);
      if (!child) {
        // The index behind a partition's PRIMARY KEY / UNIQUE / EXCLUDE constraint (pg_dump writes
        // `ALTER INDEX parent_pkey ATTACH PARTITION child_pkey` for each): once attached, PostgreSQL marks the
        // partition's constraint inherited (conislocal = false), and the inspector leaves it to the parent's.
        const owner = constraintIndexOwner(sc, childNames);
        if (!owner) throw new Problem('E_UNKNOWN', `index "${childNames.join('.')}" does not exist`);
        delete owner.table.constraints[owner.name];
        continue;
      }
      // Like the inspector: an index attached to a parent's index belongs to the parent's.
      delete (child.owner as { indexes: Record<string, Index> }).indexes[child.index.name];
      sc.attachedIndexes.add(qualifiedKey(child.index.schema, child.index.name));
      continue;
    }
    const ix = findIndex(sc, sc.rangeNames(n.relation));
    if (!ix) throw new Problem('E_UNKNOWN', `index "${sc.rangeNames(n.relation).join('.')}" does not exist`);
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

/** The table whose PRIMARY KEY / UNIQUE / EXCLUDE constraint is backed by the index `names` (same name, same schema). */
export function constraintIndexOwner(sc: FoldScope, names: readonly string[]): { table: MTable; name: string } | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas)
    for (const t of Object.values(sc.model.tables)) {
      const c = t.schema === s ? t.constraints[name] : undefined;
      if (c && (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion')) return { table: t, name };
    }
  return undefined;
}

export function findIndex(sc: FoldScope, names: readonly string[]): { owner: MTable | MView; index: Index } | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas) {
    for (const t of [...Object.values(sc.model.tables), ...Object.values(sc.model.views)]) {
      if (t.schema === s && t.indexes[name]) return { owner: t, index: t.indexes[name]! };
    }
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
  const colNames = params.map((p) => p.indexcolname ?? p.name ?? (p.expr ? figureColname(p.expr) : 'expr')).map((x: string) => (x === '?column?' ? 'expr' : x));
  const name = n.idxname ? truncateIdent(n.idxname) : chooseName(owner.name, nameAddition(colNames), n.primary ? 'pkey' : n.isconstraint ? 'key' : 'idx', (x) => sc.taken(schema, x));
  sc.claim(schema, name);
  const node = sc.qualify({ ...n, idxname: name, relation: { ...n.relation, schemaname: schema, relname: owner.name }, concurrent: false, if_not_exists: false });
  const ix: Mut<Index> = {
    kind: 'index', schema, name, table: t.key, unique: !!n.unique, method: n.accessMethod ?? 'btree', keys: [], include: [], nullsNotDistinct: !!n.nulls_not_distinct,
    options: relOptions(n.options), ...(n.whereClause ? { where: sc.expr(n.whereClause) } : {}), ...(n.relation!.inh === false ? { only: true } : {}), loc: sc.loc,
  };
  sc.indexNodes.set(ix, node);
  owner.indexes[name] = ix;
  refreshIndex(sc, owner, ix);
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
  const shape = indexShape(node);
  ix.keys = shape.keys;
  ix.include = shape.include;
  if (shape.where) ix.where = shape.where;
}

/** Column names an index statement's plain keys use. */
export function indexColumns(node: Payload<'IndexStmt'> | undefined): string[] {
  return (node?.indexParams ?? []).map((p) => p.IndexElem!.name).filter((x): x is string => !!x);
}

/** DROP INDEX. */
export function dropIndex(sc: FoldScope, names: readonly string[], missingOk: boolean): void {
  const ix = findIndex(sc, names);
  if (!ix) return notFound('index', names, missingOk);
  delete (ix.owner.indexes as Record<string, Index>)[ix.index.name];
  sc.release(ix.index.schema, ix.index.name);
}

/** ALTER INDEX … RENAME TO (the index behind a constraint renames the constraint). */
export function renameIndex(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const ix = findIndex(sc, sc.rangeNames(n.relation));
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
        return;
      }
    }
    if (n.missing_ok) return;
    throw new Problem('E_UNKNOWN', `index "${names.join('.')}" does not exist`);
  }
  const owner = ix.owner.indexes as Record<string, Index>;
  delete owner[ix.index.name];
  sc.release(ix.index.schema, ix.index.name);
  sc.claim(ix.index.schema, newname);
  const moved = ix.index as Mut<Index>;
  moved.name = newname;
  owner[newname] = moved;
  refreshIndex(sc, ix.owner, moved);
}
