/**
 * Tables, folded: `CREATE TABLE` (columns, LIKE, partitions and inheritance), rename, SET SCHEMA and DROP (with
 * what depends on a relation). `ALTER TABLE` is ./table-alter.ts; columns ./column.ts; constraints ./constraint.ts.
 */
import { cloneParentIndexes, retargetAttached } from './partition-indexes.js';
import { copyParentKeys, retargetKeyCopies } from './partition-keys.js';
import { newTableCopies } from './check-copies.js';
import { mergeDuplicateKeys } from './key-merge.js';
import type { Column, CompositeType, Index } from '../../model/types.js';
import { normalizeExpr } from '../normalize-forms.js';
import { bound } from './partition-bound.js';
import { deparseExpression } from '../pg.js';
import type { Node, Payload } from '../ast.js';
import { Problem, notFound, type FoldScope, type MTable, type Mut } from './scope.js';
import { qualifiedKey, quoteIdent, quoteLiteral } from '../../model/names.js';
import { chooseName } from '../../model/naming.js';
import * as publication from './publication.js';
import * as statistics from './statistics.js';
import * as rule from './rule.js';
import { type Deferred, column } from './column.js';
import { constraint, rerenderConstraints } from './constraint.js';
import { createIndex, refreshIndex } from './indexes.js';
import { relOptions, sv } from './nodes.js';
import { followRelation, renameView } from './view.js';
import { dropRelation } from './relation.js';
import { withoutPersistence } from './sequence.js';
import * as privileges from './privileges.js';

export function createTable(sc: FoldScope, n: Payload<'CreateStmt'>): void {
  const names = sc.rangeNames(n.relation);
  if (n.if_not_exists && sc.lookup(sc.model.tables, names)) return;
  if (sc.lookup(sc.model.tables, names) || sc.lookup(sc.model.views, names)) throw new Problem('E_DUPLICATE', `relation "${names.join('.')}" already exists`, n.relation!.location);
  const r = sc.creating(names);
  if (n.relation!.relpersistence === 't') throw new Problem('E_UNSUPPORTED', `temporary table "${r.name}" is not part of a schema`);
  sc.claim(r.schema, r.name);
  const t: MTable = {
    kind: 'table', schema: r.schema, name: r.name, columns: [], constraints: {}, indexes: {}, triggers: {}, policies: {},
    rowLevelSecurity: false, forceRowLevelSecurity: false, unlogged: n.relation!.relpersistence === 'u', inherits: [], options: relOptions(n.options), loc: sc.loc,
    // `USING heap` is the default, kept absent as the inspector does.
    ...(n.accessMethod && n.accessMethod !== 'heap' ? { accessMethod: n.accessMethod } : {}),
  };
  // Parents first: a partition or child starts with its parent's columns.
  const parents = (n.inhRelations ?? []).map((p) => sc.table(p.RangeVar)!);
  if (n.partbound) {
    const parent = parents[0]!;
    if (!parent.obj.partitionBy) throw new Problem('E_UNKNOWN', `"${parent.obj.name}" is not partitioned`);
    t.partitionOf = { parent: parent.key, bound: bound(sc, n.partbound, parent.obj) };
    if (parent.obj.unlogged !== t.unlogged && n.relation!.relpersistence !== 'u') t.unlogged = parent.obj.unlogged;
  } else t.inherits = parents.map((p: { key: string }) => p.key);
  for (const p of parents) {
    for (const c of p.obj.columns) {
      if (t.columns.some((x) => x.name === c.name)) continue;
      t.columns.push({ name: c.name, type: c.type, notNull: c.notNull, ...(c.default ? { default: c.default } : {}), ...(c.generated ? { generated: c.generated } : {}), ...(c.virtual ? { virtual: c.virtual } : {}), ...(c.collation ? { collation: c.collation } : {}), inherited: true });
    }
  }
  // `CREATE TABLE t OF type (…)`: the columns are the composite type's attributes, given options by `col WITH OPTIONS`.
  const typed = n.ofTypename ? ofType(sc, t, n.ofTypename) : [];
  sc.model.tables[r.key] = t;
  // A partition gets an index for each of its parent's (named by PostgreSQL, before its own constraints).
  if (n.partbound) {
    cloneParentIndexes(sc, parents[0]!.obj, t);
    copyParentKeys(sc, parents[0]!.obj, t);
  }
  const later: (() => void)[] = [];
  const likeIndexes: { table: MTable; node: Payload<'IndexStmt'> }[] = [];
  const deferred: Deferred[] = [];
  for (const e of n.tableElts ?? []) {
    if (e.ColumnDef) column(sc, t, e.ColumnDef, later, deferred);
    else if (e.Constraint) deferred.push({ ...e.Constraint, __table: true });
    else if (e.TableLikeClause) like(sc, t, e.TableLikeClause, deferred, likeIndexes);
  }
  if (n.partspec) {
    const ps = n.partspec;
    const strategy = ({ PARTITION_STRATEGY_RANGE: 'RANGE', PARTITION_STRATEGY_LIST: 'LIST', PARTITION_STRATEGY_HASH: 'HASH', r: 'RANGE', l: 'LIST', h: 'HASH' } as Record<string, 'RANGE' | 'LIST' | 'HASH'>)[ps.strategy!] ?? 'RANGE';
    const parts = (ps.partParams ?? []).map((p) => p.PartitionElem!);
    const items: Node[] = parts.map((p) => (p.name ? { ColumnRef: { fields: [{ String: { sval: p.name } }] } } : p.expr!));
    const keyNode: Node | undefined = items.length === 1 ? items[0] : { RowExpr: { args: items, row_format: 'COERCE_IMPLICIT_CAST' } };
    const text = `(${parts.map((p) => (p.name ? quoteIdent(p.name) : deparseExpression(sc.qualify(p.expr!)))).join(', ')})`;
    t.partitionBy = { strategy, key: { canonical: normalizeExpr(keyNode!, sc.ctx), text } };
  }
  // Constraints inherited from a partitioned parent or a parent table (CHECKs not NO INHERIT; a partition's FKs and
  // indexes) are not listed by the inspector (conislocal = false, indexes attached to a parent's index): nothing to add.
  for (const c of typed) delete c.inherited;
  // CREATE TABLE validates its (empty) table's CHECKs and foreign keys: a NOT VALID written there is overridden, the
  // constraint is valid (PostgreSQL's transformCheckConstraints, transformFKConstraints; not for a foreign table).
  for (const c of mergeDuplicateKeys(deferred)) constraint(sc, t, { ...c, skip_validation: false, initially_valid: true }, c.__column);
  for (const f of later) f();
  for (const { table, node } of likeIndexes.splice(0)) {
    createIndex(sc, { ...node, idxname: undefined, relation: { schemaname: table.schema, relname: table.name, inh: true } });
  }
  // Its copies of the NOT VALID checks above it are valid (./check-copies.ts).
  if (t.partitionOf || t.inherits.length) newTableCopies(sc.model, r.key);
}

/**
 * The columns of a typed table (`CREATE TABLE t OF person`): the composite type's attributes, marked `inherited`
 * while the table's elements are folded (so `col WITH OPTIONS …` merges into them); `t.ofType` is the type's key.
 *
 * @example
 * ofType(sc, t, typeName); // t.columns: [{ name: 'name', type: 'text', … }, { name: 'age', type: 'integer', … }]
 */
function ofType(sc: FoldScope, t: MTable, tn: Payload<'TypeName'>): Mut<Column>[] {
  const names = (tn.names ?? []).map(sv);
  const found = sc.lookup(sc.model.types, names);
  if (!found) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`, tn.location);
  const ty = found.obj as { attributes?: CompositeType['attributes'] };
  if (!ty.attributes) throw new Problem('E_MISMATCH', `type ${names.join('.')} is not a composite type`, tn.location);
  t.ofType = found.key;
  const cols = ty.attributes.map((a): Mut<Column> => ({ name: a.name, type: a.type, notNull: false, ...(a.collation ? { collation: a.collation } : {}), inherited: true }));
  t.columns.push(...cols);
  return cols;
}

/**
 * `LIKE source [INCLUDING …]`: columns with their NOT NULL, and as asked defaults, generated
 * expressions, identity, comments, CHECK constraints (names kept) and indexes / key constraints (named
 * after the new table, like PostgreSQL does).
 */
export function like(sc: FoldScope, t: MTable, l: Payload<'TableLikeClause'>, deferred: Deferred[], likeIndexes: { table: MTable; node: Payload<'IndexStmt'> }[]): void {
  const src = sc.table(l.relation)!.obj;
  const o = l.options ?? 0;
  const has = (bit: number) => (o & bit) !== 0;
  const [COMMENTS, CONSTRAINTS, DEFAULTS, GENERATED, IDENTITY, INDEXES] = [1, 4, 8, 16, 32, 64];
  for (const c of src.columns) {
    if (t.columns.some((x) => x.name === c.name)) throw new Problem('E_DUPLICATE', `column "${c.name}" specified more than once`);
    const col: Mut<Column> = { name: c.name, type: c.type, notNull: c.notNull, ...(c.collation ? { collation: c.collation } : {}) };
    if (has(DEFAULTS) && c.default) col.default = c.default;
    if (has(GENERATED) && c.generated) {
      col.generated = c.generated;
      if (c.virtual) col.virtual = c.virtual;
    }
    if (has(IDENTITY) && c.identity) {
      // PostgreSQL copies the options but not the sequence's AS type: the copy's sequence is a bigint one.
      const seqName = chooseName(t.name, c.name, 'seq', (x) => sc.taken(t.schema, x));
      // Its persistence is the new table's (the copy's own `unlogged` is left behind).
      col.identity = { ...withoutPersistence(c.identity), sequence: { ...c.identity.sequence, type: 'bigint' }, sequenceName: seqName };
      sc.claim(t.schema, seqName);
    }
    if (has(COMMENTS) && c.comment) col.comment = c.comment;
    t.columns.push(col);
  }
  // (The table's own comment is not copied: INCLUDING COMMENTS takes those of columns, constraints and indexes.)
  for (const c of Object.values(src.constraints)) {
    if (c.kind === 'check' && has(CONSTRAINTS)) {
      sc.claimCon(t.schema, c.name);
      const { comment, ...rest } = c;
      t.constraints[c.name] = { ...rest, ...(has(COMMENTS) && comment !== undefined ? { comment } : {}), loc: sc.loc };
    }
    if ((c.kind === 'primary_key' || c.kind === 'unique') && has(INDEXES)) {
      deferred.push({ contype: c.kind === 'primary_key' ? 'CONSTR_PRIMARY' : 'CONSTR_UNIQUE', keys: c.columns.map((x) => ({ String: { sval: x } })), including: c.include.map((x) => ({ String: { sval: x } })), nulls_not_distinct: c.kind === 'unique' && c.nullsNotDistinct, deferrable: c.deferrable, initdeferred: c.initiallyDeferred });
    }
  }
  if (has(INDEXES)) {
    for (const ix of Object.values(src.indexes)) {
      const node = sc.indexNodes.get(ix);
      if (node) likeIndexes.push({ table: t, node });
    }
  }
}

/** Points every reference to relation `from` at `to` (FKs, partitions, inheritance, view dependencies). */
export function retarget(sc: FoldScope, from: string, to: string): void {
  retargetAttached(sc, from, to);
  retargetKeyCopies(sc, from, to);
  for (const other of Object.values(sc.model.tables)) {
    for (const [k, c] of Object.entries(other.constraints)) if (c.kind === 'foreign_key' && c.refTable === from) other.constraints[k] = { ...c, refTable: to };
    if (other.partitionOf?.parent === from) other.partitionOf = { ...other.partitionOf, parent: to };
    if (other.inherits.includes(from)) other.inherits = other.inherits.map((x) => (x === from ? to : x));
    rerenderConstraints(other);
  }
  for (const v of Object.values(sc.model.views)) if (v.dependsOn.includes(from)) v.dependsOn = v.dependsOn.map((x) => (x === from ? to : x)).sort();
}

/** Points a table's own triggers and policies, keyed `from`, at its new key `to`. */
function retargetOwnParts(t: MTable, from: string, to: string): void {
  for (const [n2, tr] of Object.entries(t.triggers)) t.triggers[n2] = { ...tr, table: to, definition: tr.definition?.replace(` ON ${from} `, ` ON ${to} `) };
  for (const [n2, p] of Object.entries(t.policies)) t.policies[n2] = { ...p, table: to };
}

/**
 * `ALTER TABLE t RENAME TO u`: what holds the table by OID in PostgreSQL follows (foreign keys, partitions and
 * children, indexes, triggers, policies, owned sequences, publications, statistics, rules, and the views that read
 * it: ./view.ts `followRelation`).
 */
export function renameTable(sc: FoldScope, key: string, newname: string): void {
  const t = sc.model.tables[key]!;
  const move = { schema: t.schema, name: t.name, toSchema: t.schema, toName: newname, columns: t.columns.map((c) => c.name) };
  sc.claim(t.schema, newname);
  sc.release(t.schema, t.name);
  delete sc.model.tables[key];
  privileges.renamePrivileges(sc.model.objects, ['COLUMN'], t.schema, t.name, { name: newname });
  t.name = newname;
  const nk = qualifiedKey(t.schema, newname);
  sc.model.tables[nk] = t;
  retarget(sc, key, nk);
  for (const ix of Object.values(t.indexes)) {
    (ix as Mut<Index>).table = nk;
    refreshIndex(sc, t, ix as Mut<Index>);
  }
  retargetOwnParts(t, key, nk);
  for (const s of Object.values(sc.model.sequences)) if (s.ownedBy?.table === key) s.ownedBy = { ...s.ownedBy, table: nk };
  publication.renameInPublications(sc.model, key, { table: nk });
  statistics.renameInStatistics(sc.model, key, { table: nk });
  rule.retargetRules(sc, key, { schema: t.schema, name: newname });
  followRelation(sc, move, `table ${key}`);
}

/** DROP TABLE. */
export function dropTable(sc: FoldScope, names: readonly string[], cascade: boolean, missingOk: boolean): void {
  const t = sc.lookup(sc.model.tables, names);
  if (!t) return notFound('table', names, missingOk);
  dropRelation(sc, t.key, cascade);
}

/** ALTER TABLE / VIEW / MATERIALIZED VIEW … RENAME TO. */
export function renameRelation(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const names = sc.rangeNames(n.relation);
  const t = sc.lookup(sc.model.tables, names);
  if (t) return renameTable(sc, t.key, newname);
  renameView(sc, names, newname, !!n.missing_ok);
}

/** `ALTER TABLE … SET SCHEMA`: the table and its owned sequences, indexes and constraints move. */
export function setTableSchema(sc: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const t = sc.table(n.relation, !!n.missing_ok);
  if (!t) return;
  const from = t.obj.schema;
  const move = { schema: from, name: t.obj.name, toSchema: to, toName: t.obj.name, columns: t.obj.columns.map((c) => c.name) };
  const nk = qualifiedKey(to, t.obj.name);
  sc.claim(to, t.obj.name);
  sc.release(from, t.obj.name);
  delete sc.model.tables[t.key];
  privileges.renamePrivileges(sc.model.objects, ['COLUMN'], from, t.obj.name, { schema: to });
  t.obj.schema = to;
  sc.model.tables[nk] = t.obj;
  for (const ix of Object.values(t.obj.indexes) as Mut<Index>[]) {
    sc.release(from, ix.name);
    sc.claim(to, ix.name);
    ix.schema = to;
    ix.table = nk;
    refreshIndex(sc, t.obj, ix);
  }
  for (const c of Object.values(t.obj.constraints)) if (c.kind !== 'check' && c.kind !== 'foreign_key') { sc.release(from, c.name); sc.claim(to, c.name); }
  for (const [sk, seq] of Object.entries(sc.model.sequences)) {
    if (seq.ownedBy?.table !== t.key) continue;
    delete sc.model.sequences[sk];
    sc.release(from, seq.name);
    sc.claim(to, seq.name);
    privileges.renamePrivileges(sc.model.objects, ['SEQUENCE'], from, seq.name, { schema: to });
    seq.schema = to;
    seq.ownedBy = { ...seq.ownedBy, table: nk };
    const nsk = qualifiedKey(to, seq.name);
    sc.model.sequences[nsk] = seq;
    // Defaults hold the sequence by OID in PostgreSQL: nextval('old.seq') now reads nextval('new.seq').
    for (const c of t.obj.columns) {
      if (c.default && c.default.canonical.includes(JSON.stringify(sk))) {
        c.default = { canonical: c.default.canonical.split(JSON.stringify(sk)).join(JSON.stringify(nsk)), text: c.default.text.split(quoteLiteral(sk)).join(quoteLiteral(nsk)) };
      }
    }
  }
  retarget(sc, t.key, nk);
  rule.retargetRules(sc, t.key, { schema: to, name: t.obj.name });
  retargetOwnParts(t.obj, t.key, nk);
  followRelation(sc, move, `table ${t.key}`);
}
