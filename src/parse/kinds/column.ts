/**
 * Columns, folded: a column definition (type, collation, default, NOT NULL, identity, generated, serial's
 * sequence) and `RENAME COLUMN` (everything that names the column follows).
 */
import type { Column, Constraint, Expr, Index, Model } from '../../model/types.js';
import { normalizeExpr } from '../normalize-forms.js';
import type { Node, Payload } from '../ast.js';
import { Problem, type FoldScope, type MTable, type Mut } from './scope.js';
import { qualifiedKey, quoteLiteral } from '../../model/names.js';
import { chooseName, truncateIdent } from '../../model/naming.js';
import { serialType } from '../typename.js';
import { foldColumnDefOptions } from './column-options.js';
import * as publication from './publication.js';
import * as statistics from './statistics.js';
import * as collations from './collation.js';
import { applyAttr, rerenderConstraints } from './constraint.js';
import { refreshIndex } from './indexes.js';
import { sv } from './nodes.js';
import { INT_LIMITS, seqOptions } from './sequence.js';
import { renameColumnInQuery } from './view-rename.js';
import { queryNodeOf, refoldView } from './view.js';
import { exprRefs } from '../../model/expr-refs.js';
import { parseExpression } from '../pg.js';
import * as privileges from './privileges.js';

/** A table constraint folded after the columns (`__table`: written as a table element; `__column`: a column's). */
export type Deferred = Payload<'Constraint'> & { __table?: boolean; __column?: string };

export function column(sc: FoldScope, t: MTable, c: Payload<'ColumnDef'>, later: (() => void)[], deferred: Deferred[]): void {
  const existing = t.columns.find((x) => x.name === c.colname);
  if (existing && !existing.inherited) throw new Problem('E_DUPLICATE', `column "${c.colname}" specified more than once`);
  // `col WITH OPTIONS …` of a typed table (`CREATE TABLE t OF type (…)`): the column is the type's attribute.
  if (!c.typeName && !existing) throw new Problem('E_UNKNOWN', `column "${c.colname}" does not exist`);
  const serial = c.typeName ? serialType(c.typeName) : undefined;
  const col: Mut<Column> = existing ?? { name: truncateIdent(c.colname!), type: '', notNull: false };
  const type = c.typeName ? serial ?? sc.type(c.typeName) : existing!.type;
  // A column declared in a child too is merged with the parent's (PostgreSQL requires the same type).
  if (existing && existing.type !== type) throw new Problem('E_MISMATCH', `column "${c.colname}" has a type conflict: ${existing.type} versus ${type}`);
  col.type = type;
  if (existing) delete col.inherited;
  col.loc = sc.loc;
  if (c.collClause) col.collation = collations.collationSpelling(sc.model, c.collClause.collname!.map(sv), sc.searchPath);
  if (!existing) t.columns.push(col);
  foldColumnDefOptions(col, c, sc.model as unknown as Model);
  if (c.raw_default) {
    const d = sc.defaultExpr(c.raw_default, col.type);
    if (d) col.default = d;
  }
  const cons: Payload<'Constraint'>[] = [];
  for (const k of (c.constraints ?? []).map((x) => x.Constraint!)) {
    if (k.contype!.startsWith('CONSTR_ATTR_')) {
      const last = cons[cons.length - 1];
      if (last) applyAttr(last, k.contype!);
      continue;
    }
    cons.push({ ...k });
  }
  for (const k of cons) {
    switch (k.contype) {
      case 'CONSTR_NOTNULL': col.notNull = true; break;
      case 'CONSTR_NULL': col.notNull = false; break;
      case 'CONSTR_DEFAULT': {
        const d = sc.defaultExpr(k.raw_expr, col.type);
        if (d) col.default = d;
        else delete col.default;
        break;
      }
      case 'CONSTR_IDENTITY':
        addIdentity(sc, t, col, k);
        break;
      case 'CONSTR_GENERATED':
        col.generated = sc.expr(k.raw_expr, t.columns);
        // 's' STORED, 'v' VIRTUAL: the parser's default when neither is written (PostgreSQL 18; 15 requires STORED).
        if (k.generated_kind === 'v') col.virtual = true;
        else delete col.virtual;
        break;
      default:
        deferred.push({ ...k, __column: col.name });
    }
  }
  if (serial) {
    const seqName = chooseName(t.name, col.name, 'seq', (x) => sc.taken(t.schema, x));
    sc.claim(t.schema, seqName);
    const [, max] = INT_LIMITS[serial]!;
    const key = qualifiedKey(t.schema, seqName);
    sc.model.sequences[key] = { kind: 'sequence', schema: t.schema, name: seqName, type: serial, start: '1', increment: '1', min: '1', max, cache: '1', cycle: false, ownedBy: { table: qualifiedKey(t.schema, t.name), column: col.name }, ...(t.unlogged ? { unlogged: true } : {}), loc: sc.loc };
    col.notNull = true;
    const lit = quoteLiteral(key);
    col.default = { canonical: normalizeExpr({ FuncCall: { funcname: [{ String: { sval: 'nextval' } }], args: [{ A_Const: { sval: { sval: key } } }] } }, sc.ctx), text: `nextval(${lit}::regclass)` };
  }
  void later;
}

/** `GENERATED … AS IDENTITY` (a column constraint or `ALTER COLUMN … ADD`): NOT NULL, and its sequence's name taken. */
export function addIdentity(sc: FoldScope, t: MTable, col: Mut<Column>, k: Payload<'Constraint'>): void {
  const { opts, name } = seqOptions(sc, k.options, undefined, col.type);
  const seqName = name ? name[name.length - 1]! : chooseName(t.name, col.name, 'seq', (x) => sc.taken(t.schema, x));
  // `(LOGGED)` / `(UNLOGGED)` (what pg_dump writes for a sequence whose persistence is not its table's).
  const persistence = (k.options ?? []).map((o) => o.DefElem?.defname).filter((d) => d === 'logged' || d === 'unlogged').pop();
  const unlogged = persistence === undefined || (persistence === 'unlogged') === !!t.unlogged ? {} : { unlogged: persistence === 'unlogged' };
  col.identity = { generation: k.generated_when === 'a' ? 'ALWAYS' : 'BY DEFAULT', sequence: opts, sequenceName: seqName, ...unlogged };
  col.notNull = true;
  sc.claim(t.schema, seqName);
}

/** ALTER TABLE … RENAME COLUMN: keys, foreign keys, indexes, owned sequences, publications and statistics follow. */
export function renameColumn(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const t = sc.table(n.relation, !!n.missing_ok);
  if (!t) return;
  const c = t.obj.columns.find((x) => x.name === n.subname);
  if (!c) throw new Problem('E_UNKNOWN', `column "${n.subname}" does not exist`);
  if (t.obj.columns.some((x) => x.name === newname)) throw new Problem('E_DUPLICATE', `column "${newname}" of relation "${t.obj.name}" already exists`);
  // The views that read the table now read the new name (PostgreSQL holds their queries by column number).
  const rename = { key: t.key, schema: t.obj.schema, table: t.obj.name, columns: t.obj.columns.map((x) => x.name), from: n.subname!, to: newname };
  const views = Object.values(sc.model.views).filter((v) => v.dependsOn.includes(t.key)).map((v) => {
    const q = queryNodeOf(v);
    if (!q) throw new Problem('E_NATIVE', `renaming column ${t.obj.name}.${n.subname} read by view ${v.name} is not folded natively (PostgreSQL rewrites the view); the dev database replays it`);
    return { v, q: renameColumnInQuery(sc, q, { ...rename, view: v.name }) };
  });
  c.name = newname;
  for (const { v, q } of views) refoldView(sc, v, q);
  privileges.renamePrivileges(sc.model.objects, ['COLUMN'], t.obj.schema, t.obj.name, { column: { from: n.subname!, to: newname } });
  publication.renameInPublications(sc.model, t.key, { column: { from: n.subname!, to: newname } });
  statistics.renameInStatistics(sc.model, t.key, { column: { from: n.subname!, to: newname } });
  const ren = (cols: readonly string[]) => cols.map((x) => (x === n.subname ? newname : x));
  for (const [k, con] of Object.entries(t.obj.constraints)) {
    if ('columns' in con) t.obj.constraints[k] = { ...con, columns: ren(con.columns), ...('include' in con ? { include: ren(con.include) } : {}) } as Constraint;
  }
  for (const other of Object.values(sc.model.tables)) {
    if (other === t.obj) continue;
    let changed = false;
    for (const [k, con] of Object.entries(other.constraints)) {
      if (con.kind === 'foreign_key' && con.refTable === t.key) {
        other.constraints[k] = { ...con, refColumns: ren(con.refColumns) };
        changed = true;
      }
    }
    if (changed) rerenderConstraints(other);
  }
  // What holds its columns by number in PostgreSQL (checks, generated columns, index expressions and predicates,
  // statistics expressions) now reads the new name.
  const renameRefs = (tree: Node) => renameColumnRefs(tree, t.obj.name, n.subname!, newname);
  const renameExpr = (e: Expr, what: string): Expr => {
    if (!exprRefs(e.canonical).columns.includes(n.subname!)) return e;
    const tree = parseExpression(e.text);
    if (!tree) throw new Problem('E_NATIVE', `renaming column ${t.obj.name}.${n.subname} read by ${what} is not folded natively; the dev database replays it`);
    return sc.expr(renameRefs(tree), t.obj.columns.map((c) => (c.name === n.subname ? { ...c, name: newname } : c)));
  };
  for (const [k, con] of Object.entries(t.obj.constraints)) {
    if (con.kind !== 'check') continue;
    const e = renameExpr(con.expr, `check ${con.name}`);
    if (e !== con.expr) t.obj.constraints[k] = { ...con, expr: e, definition: (con.definition ?? `CHECK (${con.expr.text})`).replace(`CHECK (${con.expr.text})`, `CHECK (${e.text})`) };
  }
  for (const col of t.obj.columns as Mut<Column>[]) if (col.generated) col.generated = renameExpr(col.generated, `generated column ${col.name}`);
  for (const st of Object.values(sc.model.objects ?? {})) {
    if (st.kind !== 'statistics' || st.table !== t.key) continue;
    (st as Mut<typeof st>).expressions = st.expressions.map((e) => renameExpr(e, `statistics ${st.name}`));
  }
  for (const ix of Object.values(t.obj.indexes)) {
    const node = sc.indexNodes.get(ix);
    // A new list: the statement's nodes are shared, not copied (see `qualify`), e.g. with a LIKE copy's index.
    if (node?.indexParams) {
      node.indexParams = node.indexParams.map((p: Node) => (p.IndexElem!.name === n.subname ? { IndexElem: { ...p.IndexElem, name: newname } }
        : p.IndexElem!.expr ? { IndexElem: { ...p.IndexElem, expr: renameRefs(p.IndexElem!.expr) } } : p));
    }
    if (node?.whereClause) node.whereClause = renameRefs(node.whereClause);
    refreshIndex(sc, t.obj, ix as Mut<Index>);
  }
  for (const s of Object.values(sc.model.sequences)) if (s.ownedBy?.table === t.key && s.ownedBy.column === n.subname) s.ownedBy = { table: t.key, column: newname };
  rerenderConstraints(t.obj);
}

/**
 * `tree` with its references to column `from` of table `table` (bare, or qualified by the table's name) renamed `to`.
 *
 * @example
 * renameColumnRefs(parseExpression('lower(t.c) <> c')!, 't', 'c', 'd') // lower(t.d) <> d
 */
export function renameColumnRefs(tree: Node, table: string, from: string, to: string): Node {
  return mapTree(tree, (x) => {
    const f = x.ColumnRef?.fields;
    const hit = f && sv(f[f.length - 1]) === from && (f.length === 1 || (f.length >= 2 && sv(f[f.length - 2]) === table));
    return hit ? { ColumnRef: { ...x.ColumnRef, fields: [...f.slice(0, -1), { String: { sval: to } }] } } : x;
  });
}

/** `tree` with `f` applied to every node, bottom-up, copied where it changed. */
function mapTree(tree: Node, f: (n: Node) => Node): Node {
  const go = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(go);
    if (!v || typeof v !== 'object') return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x)]));
    return f(o as Node);
  };
  return go(tree) as Node;
}
