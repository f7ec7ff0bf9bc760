/**
 * A table column renamed under the views that read it (`ALTER TABLE t RENAME COLUMN a TO b` with `CREATE VIEW v AS
 * SELECT a FROM t` before it): PostgreSQL holds a view's query by column number, so the view now reads `b` and keeps
 * its output column `a` (pg_dump prints `SELECT t.b AS a FROM t`). The native fold does the same on the view's
 * parse tree: every column reference that resolves to the renamed column (bare, or qualified by the table's name,
 * alias or schema, in the query, its joins, CTEs and subqueries, by SQL's innermost-scope rule) is renamed, and a
 * select-list entry it names gets the old name as its alias; a select-list `*` over the table is expanded first, as
 * PostgreSQL stored it. What the tree cannot resolve for sure (`*` outside a select list, a `USING` or an aliased
 * join naming the column, a partial column alias list of the table) is refused, located (E_NATIVE: the dev database replays it).
 * A view's own column renamed (`renameViewColumn`) reaches the views that read it the same way.
 */
import { qualifiedKey } from '../../model/names.js';
import type { Node } from '../ast.js';
import { Problem, type FoldScope } from './scope.js';
import { outputColumns, queryNodeOf, refoldView, withOutputNames } from './view.js';
import { readsRelation } from './relation-refs.js';
import * as privileges from './privileges.js';
import { sv } from './nodes.js';

/** A FROM item as a column reference sees it: the name it is referred by, its columns, and whether it is the table. */
interface Item {
  readonly ref: string;
  readonly key?: string;
  readonly cols: readonly string[];
  /** The renamed column is visible through this item under its old name. */
  readonly renamed: boolean;
}

interface Rename {
  readonly key: string;
  readonly schema: string;
  readonly table: string;
  /** The table's columns before the rename. */
  readonly columns: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly view: string;
}

/**
 * `query` (a view's qualified SELECT tree) with the references to column `from` of table `schema.table` renamed
 * `to`, the output names kept. A new tree; the input is not changed. Throws E_NATIVE where it cannot be sure.
 *
 * @example
 * renameColumnInQuery(sc, q, { key: 'public.t', schema: 'public', table: 't', columns: ['a'], from: 'a', to: 'b', view: 'v' })
 * // SELECT a, t.a + 1 AS c FROM public.t  →  SELECT b AS a, t.b + 1 AS c FROM public.t
 */
export function renameColumnInQuery(sc: FoldScope, query: Node, r: Rename): Node {
  const refuse = (why: string): never => {
    throw new Problem('E_NATIVE', `renaming column ${r.table}.${r.from} read by view ${r.view} (${why}) is not folded natively; the dev database replays it`);
  };
  const ctes = new Map<string, readonly string[]>();

  const item = (f: Node, scopes: Item[][], items: Item[]): Node => {
    if (f.RangeVar) {
      const rv = f.RangeVar;
      const aliasCols: string[] = rv.alias?.colnames?.map(sv) ?? [];
      const ref = (rv.alias?.aliasname ?? rv.relname)!;
      if (rv.schemaname && qualifiedKey(rv.schemaname, rv.relname!) === r.key) {
        const cols = r.columns.map((c, i) => aliasCols[i] ?? c);
        // (PostgreSQL prints a partial column alias list completed with the columns' names: not followed here.)
        if (aliasCols.length && aliasCols[r.columns.indexOf(r.from)] === undefined) refuse('a partial column alias list of the table');
        items.push({ ref, key: r.key, cols, renamed: aliasCols[r.columns.indexOf(r.from)] === undefined });
      } else {
        const cte = !rv.schemaname ? ctes.get(rv.relname!) : undefined;
        const cols = cte ?? (sc.ctx.relation!(rv.schemaname ? [rv.schemaname, rv.relname!] : [rv.relname!])?.columns ?? []);
        items.push({ ref, cols: cols.map((c, i) => aliasCols[i] ?? c), renamed: false });
      }
      return f;
    }
    if (f.JoinExpr) {
      const j = f.JoinExpr;
      const larg = item(j.larg!, scopes, items);
      const rarg = item(j.rarg!, scopes, items);
      if (j.alias && items.some((x) => x.renamed)) refuse('an aliased join');
      if ((j.usingClause ?? []).some((u: Node) => sv(u) === r.from) && items.some((x) => x.renamed)) refuse('a join USING the column');
      const quals = j.quals ? expr(j.quals, [items, ...scopes]) : j.quals;
      return { JoinExpr: { ...j, larg, rarg, ...(j.quals ? { quals } : {}) } };
    }
    if (f.RangeSubselect) {
      const s = f.RangeSubselect;
      const cols = outputColumns(sc, s.subquery?.SelectStmt);
      const subquery = s.subquery ? { SelectStmt: select(s.subquery.SelectStmt!, s.lateral ? [items, ...scopes] : scopes) } : s.subquery;
      const alias: string[] = s.alias?.colnames?.map(sv) ?? [];
      items.push({ ref: s.alias?.aliasname ?? '', cols: cols.map((c, i) => alias[i] ?? c), renamed: false });
      return { RangeSubselect: { ...s, subquery } };
    }
    if (f.RangeFunction) {
      const out = { RangeFunction: { ...f.RangeFunction, functions: expr(f.RangeFunction.functions as unknown as Node, [items, ...scopes]) } } as Node;
      const alias = f.RangeFunction.alias;
      items.push({ ref: alias?.aliasname ?? '', cols: alias?.colnames?.map(sv) ?? [], renamed: false });
      return out;
    }
    return expr(f, [items, ...scopes]);
  };

  /**
   * A select-list `*` or `x.*` that reaches the table, expanded into its items' columns (as PostgreSQL stores it at
   * CREATE VIEW), so the renamed column can be named.
   */
  const expandStar = (t: Node, items: Item[]): Node[] => {
    const f: Node[] | undefined = t.ResTarget?.val?.ColumnRef?.fields;
    if (!f?.some((x) => x.A_Star)) return [t];
    const names = f.filter((x) => !x.A_Star).map(sv);
    const reached = names.length === 0 ? items : names.length === 1 ? items.filter((x) => x.ref === names[0]) : items.filter((x) => x.key === qualifiedKey(names[0]!, names[1]!));
    if (!reached.some((x) => x.renamed)) return [t];
    if (reached.some((x) => !x.ref)) refuse('* over an unnamed subquery');
    return reached.flatMap((x) => x.cols.map((c) => ({ ResTarget: { val: { ColumnRef: { fields: [{ String: { sval: x.ref } }, { String: { sval: c } }] } } } })));
  };

  /** The item a column reference resolves to, innermost scope first. */
  const resolve = (fields: string[], scopes: Item[][]): Item | undefined => {
    const col = fields[fields.length - 1]!;
    for (const items of scopes) {
      const hit = fields.length === 1 ? items.find((x) => x.cols.includes(col))
        : fields.length === 2 ? items.find((x) => x.ref === fields[0])
        : items.find((x) => x.key !== undefined && x.key === qualifiedKey(fields[fields.length - 3]!, fields[fields.length - 2]!));
      if (hit) return hit;
    }
    return undefined;
  };

  const columnRef = (n: Node, scopes: Item[][]): Node => {
    const f: Node[] = n.ColumnRef!.fields ?? [];
    if (f.some((x) => x.A_Star)) {
      const names = f.filter((x) => !x.A_Star).map(sv);
      const reach = names.length ? [resolve([...names, ''], scopes)] : scopes[0] ?? [];
      if (reach.some((x) => x?.renamed)) refuse('* over the table');
      return n;
    }
    const names = f.map(sv);
    if (names[names.length - 1] !== r.from) return n;
    const hit = resolve(names, scopes);
    if (!hit?.renamed) return n;
    return { ColumnRef: { ...n.ColumnRef, fields: [...f.slice(0, -1), { String: { sval: r.to } }] } };
  };

  const expr = (n: Node, scopes: Item[][]): Node => {
    const go = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(go);
      if (!v || typeof v !== 'object') return v;
      const o = v as Node;
      if (o.ColumnRef) return columnRef(o, scopes);
      if (o.SelectStmt) return { ...o, SelectStmt: select(o.SelectStmt, scopes) };
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, go(x)]));
    };
    return go(n) as Node;
  };

  const select = (s: NonNullable<Node['SelectStmt']>, outer: Item[][]): NonNullable<Node['SelectStmt']> => {
    let out = { ...s };
    const saved = new Map(ctes);
    if (s.withClause) {
      const list = (s.withClause.ctes ?? []).map((c: Node) => {
        const cte = c.CommonTableExpr!;
        const q = cte.ctequery?.SelectStmt ? { SelectStmt: select(cte.ctequery.SelectStmt, outer) } : cte.ctequery;
        const alias: string[] = cte.aliascolnames?.map(sv) ?? [];
        ctes.set(cte.ctename!, outputColumns(sc, cte.ctequery?.SelectStmt).map((x, i) => alias[i] ?? x));
        return { CommonTableExpr: { ...cte, ctequery: q } };
      });
      out.withClause = { ...s.withClause, ctes: list };
    }
    if (s.op && s.op !== 'SETOP_NONE') {
      out.larg = select(s.larg!, outer);
      out.rarg = select(s.rarg!, outer);
      ctes.clear();
      for (const [k, v] of saved) ctes.set(k, v);
      return out;
    }
    const items: Item[] = [];
    out.fromClause = (s.fromClause ?? []).map((f: Node) => item(f, outer, items));
    const scopes = [items, ...outer];
    out.targetList = (s.targetList ?? []).flatMap((t: Node) => expandStar(t, items)).map((t: Node) => {
      const rt = t.ResTarget!;
      const val = rt.val ? expr(rt.val, scopes) : rt.val;
      // The output column keeps its name (PostgreSQL prints `t.b AS a`).
      const kept = !rt.name && rt.val?.ColumnRef && val !== rt.val ? { name: r.from } : {};
      return { ResTarget: { ...rt, val, ...kept } };
    });
    for (const k of ['whereClause', 'groupClause', 'havingClause', 'windowClause', 'sortClause', 'distinctClause', 'valuesLists'] as const) {
      if (s[k] !== undefined) (out as Record<string, unknown>)[k] = expr(s[k] as Node, scopes);
    }
    ctes.clear();
    for (const [k, v] of saved) ctes.set(k, v);
    out = { ...out };
    return out;
  };

  return { ...query, SelectStmt: select(query.SelectStmt!, []) };
}

/**
 * `ALTER VIEW | MATERIALIZED VIEW v RENAME COLUMN a TO b` (or ALTER TABLE on a view): the view is folded again from
 * its query with the new name as that column's alias, as PostgreSQL prints it (`SELECT a AS b …`). A query with
 * `*` or a set operation is refused, located (E_NATIVE: the dev database replays it); the views that read it read the
 * new name (./view-rename.ts `renameColumnInQuery`).
 *
 * @example
 * renameViewColumn(scope, key, 'id', 'ident') // SELECT id FROM t  →  SELECT id AS ident FROM t
 */
export function renameViewColumn(sc: FoldScope, key: string, from: string, to: string): void {
  const v = sc.model.views[key]!;
  const q = queryNodeOf(v);
  const sel = q?.SelectStmt;
  if (!v.columns.includes(from)) throw new Problem('E_UNKNOWN', `column "${from}" of relation "${v.name}" does not exist`);
  if (v.columns.includes(to)) throw new Problem('E_DUPLICATE', `column "${to}" of relation "${v.name}" already exists`);
  const aliases = v.columns.map((c) => (c === from ? to : c));
  // Under `*` or a set operation the new name goes where PostgreSQL prints it: every SELECT's list, `*` expanded.
  if (!q || !sel || !withOutputNames(sc, sel, aliases)) throw new Problem('E_NATIVE', `renaming column ${v.name}.${from} of a view whose query uses * over an item whose columns are not known or an unnamed one is not folded natively; the dev database replays it`);
  // The views that read it now read the new name, their output names kept (as for a table's column).
  const rename = { key, schema: v.schema, table: v.name, columns: [...v.columns], from, to };
  const readers = Object.values(sc.model.views).filter((r) => r !== v && (r.dependsOn.includes(key) || readsRelation(queryNodeOf(r), v.schema, v.name))).map((r) => {
    const rq = queryNodeOf(r);
    if (!rq) throw new Problem('E_NATIVE', `renaming column ${v.name}.${from} read by view ${r.name} is not folded natively (PostgreSQL rewrites the view); the dev database replays it`);
    return { r, q: renameColumnInQuery(sc, rq, { ...rename, view: r.name }) };
  });
  const next = refoldView(sc, v, q, aliases);
  for (const { r, q: rq } of readers) refoldView(sc, r, rq);
  // What PostgreSQL keeps on the column by number follows the new name: comment, privileges, settings.
  const moved = <T>(m: Readonly<Record<string, T>> | undefined) => (m?.[from] === undefined ? m : Object.fromEntries(Object.entries(m).map(([k, x]) => [k === from ? to : k, x])));
  if (v.columnComments) next.columnComments = moved(v.columnComments);
  if (v.columnSettings) next.columnSettings = moved(v.columnSettings);
  if (v.columnDefaults) next.columnDefaults = moved(v.columnDefaults);
  privileges.renamePrivileges(sc.model.objects, ['COLUMN'], v.schema, v.name, { column: { from, to } });
}
