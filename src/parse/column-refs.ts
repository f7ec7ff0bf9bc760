/**
 * A query's column references checked against the columns of its FROM items, as PostgreSQL's parser checks them
 * (parse_relation.c: `column "x" does not exist`): for a view's query, where the fold knows every item's columns
 * (the file's tables and views, pg_catalog's relations: ./catalog-relations.ts). Decided only where it is plain:
 *   - every FROM item of the SELECT is a relation (or a join of relations, unaliased) whose columns are known; no
 *     CTE, subquery in FROM or function item (a name could be theirs), else nothing is said;
 *   - the select list, WHERE, JOIN … ON and HAVING are read; ORDER BY, GROUP BY, DISTINCT ON and WINDOW may name an
 *     output column, a subquery (SubLink) has its own scope: not read;
 *   - a bare name: a column of some item, a system column, or an item's name (a whole-row reference); `t.c`: a column of item `t`,
 *     a system column, or a function over its row (`t.f` is `f(t)`); other references are not judged.
 *
 * In: the query's parse tree, each relation's columns. Out: the first reference PostgreSQL refuses. Never: I/O.
 */
import type { Node, Payload } from './ast.js';
import { sv } from './colname.js';
import { SYSTEM_COLUMNS } from './normalize-context.js';

/** What the check needs of the schema around the query. */
export interface ColumnRefsContext {
  /** A relation's columns (undefined: not known). */
  columnsOf(rv: Payload<'RangeVar'>): readonly string[] | undefined;
  /** Whether some function of this name exists (`t.f` may call it over t's row). */
  isFunction(name: string): boolean;
}

/** A reference no FROM item has: PostgreSQL's message for it and the parser's offset. */
export interface MissingColumn {
  /** `column "c" does not exist`, `column t.c does not exist` (as parse_relation.c words them). */
  readonly message: string;
  readonly location?: number;
}

/**
 * The first column reference of `q` (a SELECT, or a set operation of them) that none of its FROM items has.
 *
 * @example
 * missingColumn(parseOne('SELECT relnam FROM pg_class').node, ctx) // { message: 'column "relnam" does not exist', location: 7 }
 */
export function missingColumn(q: Node, ctx: ColumnRefsContext): MissingColumn | undefined {
  const sel = (q.SelectStmt ?? q) as Payload<'SelectStmt'>;
  if (sel.withClause) return undefined;
  if (sel.op && sel.op !== 'SETOP_NONE') {
    for (const arm of [sel.larg, sel.rarg]) {
      const m = arm ? missingColumn(arm as Node, ctx) : undefined;
      if (m) return m;
    }
    return undefined;
  }
  if (sel.valuesLists) return undefined;
  const items: { refname: string; columns: readonly string[] }[] = [];
  const quals: Node[] = [];
  const add = (f: Node): boolean => {
    if (f.RangeVar) {
      const cols = ctx.columnsOf(f.RangeVar);
      if (!cols) return false;
      const alias = f.RangeVar.alias?.colnames?.map(sv) ?? [];
      items.push({ refname: (f.RangeVar.alias?.aliasname ?? f.RangeVar.relname)!, columns: cols.map((c, i) => alias[i] ?? c) });
      return true;
    }
    const j = f.JoinExpr;
    if (j && !j.alias && j.larg && j.rarg) {
      if (j.quals) quals.push(j.quals);
      return add(j.larg) && add(j.rarg);
    }
    return false;
  };
  if (!(sel.fromClause ?? []).every(add)) return undefined;
  let found: MissingColumn | undefined;
  const check = (r: Payload<'ColumnRef'>): void => {
    const fields = r.fields ?? [];
    if (found || !fields.length || !fields.every((f) => f.String || f.A_Star)) return;
    const parts = fields.map((f) => (f.A_Star ? '*' : sv(f)));
    const col = parts.at(-1)!;
    if (parts.length === 1) {
      if (col === '*' || SYSTEM_COLUMNS.has(col) || items.some((i) => i.columns.includes(col) || i.refname === col)) return;
      found = { message: `column "${col}" does not exist`, location: r.location };
    } else if (parts.length === 2) {
      const item = items.find((i) => i.refname === parts[0]);
      if (!item || col === '*' || item.columns.includes(col) || SYSTEM_COLUMNS.has(col) || col === 'oid' || ctx.isFunction(col)) return;
      found = { message: `column ${parts.join('.')} does not exist`, location: r.location };
    }
  };
  // Every node but a subquery's (its own scope, which may read this one's items as outer references).
  const read = (n: unknown): void => {
    if (found || n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) return void n.forEach(read);
    const x = n as Node;
    if (x.SubLink) return;
    if (x.ColumnRef) return check(x.ColumnRef);
    for (const v of Object.values(n)) read(v);
  };
  for (const n of [...(sel.targetList ?? []), sel.whereClause, ...quals, sel.havingClause]) read(n);
  return found;
}
