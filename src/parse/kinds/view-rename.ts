/**
 * A table column renamed under the views that read it (`ALTER TABLE t RENAME COLUMN a TO b` with `CREATE VIEW v AS
 * SELECT a FROM t` before it): PostgreSQL holds a view's query by column number, so the view now reads `b` and keeps
 * its output column `a` (pg_dump prints `SELECT t.b AS a FROM t`). The native fold does the same on the view's
 * parse tree: every column reference that resolves to the renamed column (bare, or qualified by the table's name,
 * alias or schema, in the query, its joins, CTEs and subqueries, by SQL's innermost-scope rule) is renamed, and a
 * select-list entry it names gets the old name as its alias; a select-list `*` over the table is expanded first, as
 * PostgreSQL stored it. What the tree cannot resolve for sure (`*` outside a select list, a `USING` or an aliased
 * join naming the column, a partial column alias list of the table) is refused, located (E_NATIVE: the dev database replays it).
 */
import { qualifiedKey } from '../../model/names.js';
import type { Expr } from '../../model/types.js';
import { walk, type Node } from '../ast.js';
import { parseExpression } from '../pg.js';
import { Problem, type FoldScope } from './scope.js';
import { outputColumns, queryNodeOf, refoldView } from './view.js';
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

type RangeVarPayload = NonNullable<Node['RangeVar']>;

/** A relation's old and new place, for what reads it (views, rules) to follow. */
export interface RelationMove {
  readonly schema: string;
  readonly name: string;
  readonly toSchema: string;
  readonly toName: string;
  /** The relation's columns (a bare reference of its name that is not one of them is a whole-row reference; not checked without). */
  readonly columns?: readonly string[];
  /** The relation is in scope without naming it (a policy's expression on it): its name qualifies references. */
  readonly implicit?: boolean;
}

/**
 * `tree` (a parse tree whose relations are schema-qualified: a view's query, a rule) with relation `schema.name`
 * renamed or moved, as PostgreSQL prints an object that holds it by OID: its RangeVars name the new place, and the
 * references qualified by its old name (`t.a`, `public.t.a`) read the new one. When another FROM item anywhere in
 * the tree is referred by the old or the new name (an alias, a CTE, a like-named relation), PostgreSQL would pick
 * new reference names: refused through `refuse` (E_NATIVE: the dev database replays it). A new tree.
 *
 * @example
 * renameRelationInTree(q, { schema: 'public', name: 't', toSchema: 'public', toName: 'u', columns: ['a'] }, refuse)
 * // SELECT t.a FROM public.t  →  SELECT u.a FROM public.u
 */
export function renameRelationInTree(tree: Node, m: RelationMove, refuse: (why: string) => never): Node {
  const renamed = m.name !== m.toName;
  let hits = m.implicit ? 1 : 0;
  let bare = hits;
  const others = new Set<string>();
  // A RangeVar's payload: wrapped in a FROM list, bare as a statement's relation (a rule's INSERT INTO, UPDATE).
  const rangeVar = (x: object): RangeVarPayload | undefined => (typeof (x as RangeVarPayload).relname === 'string' ? x as RangeVarPayload : undefined);
  walk(tree, (x) => {
    const rv = rangeVar(x);
    if (rv) {
      if (rv.schemaname === m.schema && rv.relname === m.name) {
        hits++;
        if (!rv.alias) bare++;
        else others.add(rv.alias.aliasname!);
      } else others.add(rv.alias?.aliasname ?? rv.relname!);
    }
    for (const k of ['RangeSubselect', 'RangeFunction', 'JoinExpr', 'RangeTableFunc'] as const) {
      const a = (x as Record<string, { alias?: { aliasname?: string } } | undefined>)[k]?.alias?.aliasname;
      if (a) others.add(a);
    }
    if (x.CommonTableExpr?.ctename) others.add(x.CommonTableExpr.ctename);
  });
  if (!hits) return tree;
  if (renamed && bare && (others.has(m.name) || others.has(m.toName))) refuse(`another item of its FROM lists is named ${others.has(m.name) ? m.name : m.toName}`);
  return mapNodes(tree, (x) => {
    const rv = rangeVar(x);
    if (rv && rv.schemaname === m.schema && rv.relname === m.name) return { ...rv, schemaname: m.toSchema, relname: m.toName } as Node;
    const f: Node[] | undefined = x.ColumnRef?.fields;
    if (!f) return x;
    const star = !!f[f.length - 1]?.A_Star;
    const qual = f.slice(0, -1).map(sv);
    if (qual.length >= 2 && qual[qual.length - 2] === m.schema && qual[qual.length - 1] === m.name) {
      return { ColumnRef: { ...x.ColumnRef, fields: [...f.slice(0, qual.length - 2), { String: { sval: m.toSchema } }, { String: { sval: m.toName } }, f[f.length - 1]] } };
    }
    if (renamed && bare && qual.length === 1 && qual[0] === m.name) return { ColumnRef: { ...x.ColumnRef, fields: [{ String: { sval: m.toName } }, f[f.length - 1]] } };
    if (renamed && bare && !star && m.columns && f.length === 1 && sv(f[0]) === m.name && !m.columns.includes(m.name)) refuse(`a whole-row reference ${m.name}`);
    return x;
  });
}

/** `tree` with `f` applied to every object node, bottom-up, copied where it changed. */
function mapNodes(tree: Node, f: (n: Node) => Node): Node {
  const go = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(go);
    if (!v || typeof v !== 'object') return v;
    return f(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x)])) as Node);
  };
  return go(tree) as Node;
}

/** Does `tree` name relation `schema.name` (a qualified RangeVar)? */
export function readsRelation(tree: Node | undefined, schema: string, name: string): boolean {
  let hit = false;
  if (tree) walk(tree, (x) => { if (x.RangeVar?.schemaname === schema && x.RangeVar.relname === name) hit = true; });
  return hit;
}

/**
 * The views that read relation `m.schema.m.name` (table, view, materialized view, foreign table) follow its rename
 * or move, as PostgreSQL's do (they hold it by OID): each is folded again from its query with the relation's new
 * name (`renameRelationInTree`). Call it once the relation is in its new place in the Model (a `*` is expanded from
 * it). What cannot be followed for sure is refused, located (E_NATIVE).
 *
 * @example
 * followRelation(scope, { schema: 'public', name: 't', toSchema: 'public', toName: 'u', columns: ['a'] }, 'table public.t')
 */
export function followRelation(sc: FoldScope, m: RelationMove, what: string): void {
  const key = qualifiedKey(m.schema, m.name);
  const moved = qualifiedKey(m.toSchema, m.toName);
  // A SQL-standard body holds it by OID too; the Model keeps the body as written.
  const bodies = Object.values(sc.model.functions).filter((f) => f.reads?.includes(key));
  if (bodies.length) throw new Problem('E_NATIVE', `renaming ${what} read by the SQL-standard body of function ${bodies.map((f) => qualifiedKey(f.schema, f.name)).join(', ')} is not folded natively (PostgreSQL rewrites the body); the dev database replays it`);
  // Policies' expressions (a subquery reading it, or its own name qualifying its columns).
  for (const t of Object.values(sc.model.tables)) {
    for (const [name, p] of Object.entries(t.policies)) {
      const implicit = p.table === moved;
      const refuse = (why: string): never => {
        throw new Problem('E_NATIVE', `renaming ${what} read by policy ${name} on ${t.name} (${why}) is not folded natively; the dev database replays it`);
      };
      const follow = (e: Expr | undefined): Expr | undefined => {
        if (!e || (!implicit && !e.text.includes(m.name))) return e;
        const tree = parseExpression(e.text);
        if (!tree) return refuse('its expression could not be read back');
        const next = renameRelationInTree(tree, { ...m, implicit }, refuse);
        return next === tree ? e : sc.expr(next);
      };
      const using = follow(p.using);
      const withCheck = follow(p.withCheck);
      if (using !== p.using || withCheck !== p.withCheck) t.policies[name] = { ...p, ...(using ? { using } : {}), ...(withCheck ? { withCheck } : {}) };
    }
  }
  for (const v of Object.values(sc.model.views)) {
    if (qualifiedKey(v.schema, v.name) === moved) continue;
    const q = queryNodeOf(v);
    if (!readsRelation(q, m.schema, m.name) && !v.dependsOn.includes(key)) continue;
    const refuse = (why: string): never => {
      throw new Problem('E_NATIVE', `renaming ${what} read by view ${v.name}${why ? ` (${why})` : ''} is not folded natively (PostgreSQL rewrites the view); the dev database replays it`);
    };
    if (!q) refuse('');
    refoldView(sc, v, renameRelationInTree(q!, m, refuse));
  }
}
