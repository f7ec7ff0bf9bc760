/**
 * When a changed view can be replaced in place (`CREATE OR REPLACE VIEW`) instead of dropped and created again.
 *
 * PostgreSQL accepts the replacement when the new query yields the view's columns with the same names, types and
 * collations in the same order, and only appends new columns after them ("cannot drop columns from view", "cannot
 * change name/data type/collation of view column"); the view's options (security_barrier, security_invoker,
 * check_option) are replaced by the statement's. A replaced view keeps its privileges, comments, triggers, rules
 * and the views over it. Materialized views cannot be replaced (as migra and sqldef also decide: migra replaces a
 * view whose old columns are a prefix of the new ones, sqldef uses CREATE OR REPLACE VIEW for PostgreSQL views).
 *
 * What the Model knows about the column types decides how it is proved:
 *  - both views read from a database (the inspector's `columnTypes` / `columnCollations`): the leading columns'
 *    names, types and collations are compared;
 *  - otherwise (a view folded from SQL text carries no types: the native fold does not type expressions), the
 *    queries are compared by structure, in their typed form (`typedQuery`: the canonical form with every cast, the
 *    kind of each constant and functions' schemas kept, which the compared form drops): the leading output
 *    columns must be the same expressions over the same FROM and WITH clauses (so they bind to the same columns and
 *    resolve to the same types and collations), in each branch of a UNION/INTERSECT/EXCEPT. Anything the structure
 *    cannot prove (a column read from another table, a new cast, a database's query text next to a file's, where
 *    PostgreSQL prints its implicit casts) falls back to drop and create, which is always correct.
 * Relations the plan changes under the view (a column type change, a dropped table) make it a dependant that is
 * dropped and created anyway (src/plan/dependants.ts turns the replacement back into a drop and a create).
 */
import type { View } from '../model/types.js';

type Json = unknown;

/**
 * Whether `to` can replace `from` in place.
 *
 * @example
 * replaceableView(cur, { ...cur, columns: [...cur.columns, 'extra'], query: … }) // true: a column appended
 */
export function replaceableView(from: View, to: View): boolean {
  if (from.kind !== 'view' || to.kind !== 'view') return false;
  if (from.columns.length > to.columns.length || from.columns.some((c, i) => to.columns[i] !== c)) return false;
  if (from.columnTypes && to.columnTypes) {
    const kept = from.columns.every((c) => from.columnTypes![c] !== undefined && from.columnTypes![c] === to.columnTypes![c] && (from.columnCollations?.[c] ?? '') === (to.columnCollations?.[c] ?? ''));
    if (kept) return true;
  }
  const [a, b] = [parse(from.typedQuery), parse(to.typedQuery)];
  return a !== undefined && b !== undefined && sameLeading(a, b, from.columns.length);
}

function parse(canonical: string | undefined): Json {
  if (!canonical) return undefined;
  try {
    return JSON.parse(canonical) as Json;
  } catch {
    return undefined;
  }
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
type Rec = Record<string, Json>;
const isRec = (x: Json): x is Rec => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * The first `n` output columns of two canonical queries are the same expressions over the same sources.
 * Canonical shapes (src/parse/normalize.ts): `{ Select: { with, targets: [{ T: [name, expr] }], from, … } }`,
 * `{ SetOp: [op, all, left, right, sort] }`.
 */
function sameLeading(a: Json, b: Json, n: number): boolean {
  if (!isRec(a) || !isRec(b)) return false;
  if (Array.isArray(a.SetOp) && Array.isArray(b.SetOp)) {
    const [x, y] = [a.SetOp as Json[], b.SetOp as Json[]];
    // Every branch keeps its leading columns (the result types are resolved from the branches' types);
    // the operator itself (UNION, UNION ALL, …) does not change them.
    return sameLeading(x[2], y[2], n) && sameLeading(x[3], y[3], n);
  }
  if (isRec(a.Select) && isRec(b.Select)) {
    const [x, y] = [a.Select, b.Select];
    if (!same(x.with, y.with) || !same(x.from, y.from)) return false;
    const [tx, ty] = [x.targets, y.targets];
    if (!Array.isArray(tx) || !Array.isArray(ty) || tx.length < n || ty.length < n) return false;
    for (let i = 0; i < n; i++) if (!same(exprOf(tx[i]), exprOf(ty[i]))) return false;
    return true;
  }
  return same(a, b);
}

/** The expression of a target entry (`{ T: [name, expr] }`; the names are compared as the view's columns). */
function exprOf(t: Json): Json {
  return isRec(t) && Array.isArray(t.T) ? t.T[1] : t;
}
