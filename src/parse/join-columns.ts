/**
 * The columns a FROM item gives `SELECT *`, as PostgreSQL expands them (parse_relation.c expandRTE, with the join
 * columns transformFromClauseItem builds), and the reference ruleutils prints for each:
 *   - a relation, subquery or function: its columns, read through its name (`t.c`);
 *   - a join `USING (c)` (or NATURAL: the columns both sides have, in the left's order, printed `USING (…)`): each
 *     merged column once and first, read through the left side for INNER and LEFT, the right side for RIGHT, and
 *     bare for FULL (its value is `COALESCE(l.c, r.c)`, printed by the join column's name); then the left side's other
 *     columns, then the right side's;
 *   - an aliased join (`(a JOIN b USING (c)) j`): those columns, read through the alias.
 * A bare reference to a merged column resolves the same way (`SELECT c FROM a JOIN b USING (c)` prints `a.c`): the
 * side that does not stand for it hides the name from bare lookups (ScopeItem.hidden).
 *
 * In: the join's parse node and its sides' columns. Out: column lists. Never: does I/O.
 */
import type { Payload } from './ast.js';
import type { ScopeItem } from './normalize-parts.js';
import { sv } from './colname.js';

/** A column `*` expands to: its output name and the reference (qualifier, column; or the bare column) it reads. */
export interface StarColumn {
  readonly name: string;
  readonly ref: readonly string[];
}

/**
 * The columns of a relation, subquery or function item, each read through the item's name; undefined when not known.
 *
 * @example itemStarColumns({ refname: 't', columns: ['a', 'b'] }) // [{ name: 'a', ref: ['t', 'a'] }, { name: 'b', ref: ['t', 'b'] }]
 */
export function itemStarColumns(item: ScopeItem): StarColumn[] | undefined {
  if (item.partial) return undefined; // which columns it has depends on the server's major
  return item.columns?.map((c) => ({ name: c, ref: [item.refname, c] }));
}

/** What a join gives: its columns for `*` (undefined when a side's are not known) and its USING list as PostgreSQL prints it. */
export interface JoinColumns {
  readonly columns: StarColumn[] | undefined;
  /** The merged columns: USING's, or NATURAL's common ones (undefined for NATURAL when a side's columns are not known). */
  readonly using: string[] | undefined;
}

/**
 * A join's columns for `*` and its merged columns; hides each merged name in `items` (the scope items of its sides)
 * from bare lookups where PostgreSQL does not read it (see the module comment).
 *
 * @example
 * joinStarColumns(join, [{ name: 'id', ref: ['a', 'id'] }, { name: 'x', ref: ['a', 'x'] }], [{ name: 'id', ref: ['b', 'id'] }], items)
 *   // USING (id): columns a.id, a.x; b's id hidden from bare references
 */
export function joinStarColumns(v: Payload<'JoinExpr'>, left: StarColumn[] | undefined, right: StarColumn[] | undefined, items: ScopeItem[]): JoinColumns {
  const using = v.isNatural
    ? left && right ? left.map((c) => c.name).filter((n) => right.some((r) => r.name === n)) : undefined
    : (v.usingClause ?? []).map(sv);
  if (using?.length) hideMerged(v.jointype, using, left, right, items);
  if (!left || !right || !using) return { columns: undefined, using };
  const merged = new Set(using);
  const pick = (side: StarColumn[] | undefined, n: string) => side?.find((c) => c.name === n)?.ref;
  const mergedColumns = using.map((n): StarColumn => {
    const ref = v.jointype === 'JOIN_RIGHT' ? pick(right, n) : v.jointype === 'JOIN_FULL' ? [n] : pick(left, n);
    return { name: n, ref: ref ?? [n] };
  });
  let columns = [...mergedColumns, ...left.filter((c) => !merged.has(c.name)), ...right.filter((c) => !merged.has(c.name))];
  const alias = v.alias?.aliasname;
  if (alias) {
    const names = (v.alias?.colnames ?? []).map(sv);
    columns = columns.map((c, i) => ({ name: names[i] ?? c.name, ref: [alias, names[i] ?? c.name] }));
  }
  return { columns, using };
}

/** Hides merged names from bare lookups on the side(s) PostgreSQL does not read them through. */
function hideMerged(jointype: string | undefined, using: readonly string[], left: StarColumn[] | undefined, right: StarColumn[] | undefined, items: ScopeItem[]): void {
  const hideOn = (side: StarColumn[] | undefined, n: string) => {
    const ref = side?.find((c) => c.name === n)?.ref;
    const item = ref && ref.length === 2 ? items.find((i) => i.refname === ref[0]) : undefined;
    if (item) item.hidden = new Set([...(item.hidden ?? []), n]);
  };
  for (const n of using) {
    if (jointype === 'JOIN_RIGHT' || jointype === 'JOIN_FULL') hideOn(left, n);
    if (jointype !== 'JOIN_RIGHT') hideOn(right, n);
  }
}
