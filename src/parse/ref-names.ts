/**
 * The reference names PostgreSQL's deparser gives the FROM items of a query (ruleutils.c, set_rtable_names): each
 * item is named by its alias, else a relation's (or CTE's) name, a function's name…, and a name already used at the
 * same query level or at any enclosing level (a subquery's parents, a CTE body's query) gets `_1`, `_2`… appended.
 * A view `SELECT … FROM t WHERE x > (SELECT max(x) FROM t)` is printed back `… FROM t t_1` inside; sibling
 * subqueries do not see each other, so both get `t_1`. The normaliser (./normalize.ts) compares references by these
 * names, so the user's text and PostgreSQL's print agree.
 *
 * In:  a FROM list's parse nodes and the names of the enclosing levels. Out: the name of each item, by its payload.
 * Never: does I/O. PostgreSQL 15 and older also put a view's OLD and NEW items first, so a table named `old` or
 * `new` read by a view is printed `new_1` there (`FROM new new_1`) and `new` on 16 and newer: a view's query is
 * named as if those two came first (`VIEW_LEVEL`), which both prints normalise to alike.
 */
import type { Node } from './ast.js';
import { stringValue } from './ast.js';
import { NAMEDATALEN } from '../model/naming.js';

/**
 * The names a view's query level starts with: PostgreSQL 15 and older keep the view rule's OLD and NEW range-table
 * entries first in its stored query, and name the other items after them.
 */
export const VIEW_LEVEL: readonly string[] = ['old', 'new'];


/**
 * `name`, or `name_N` with the first N that makes it unused, recorded in `used` (name → the last N tried for it),
 * as set_rtable_names does with its hash table.
 *
 * @example
 * const used = new Map([['t', 0]]);
 * uniqueRefName(used, 't') // 't_1'
 * uniqueRefName(used, 't') // 't_2'
 */
export function uniqueRefName(used: Map<string, number>, name: string): string {
  const counter = used.get(name);
  if (counter === undefined) {
    used.set(name, 0);
    return name;
  }
  let n = counter;
  let base = name;
  let mod: string;
  do {
    n++;
    for (;;) {
      mod = `${base}_${n}`;
      // A name of NAMEDATALEN bytes or more is cut: ruleutils keeps the digits and drops characters.
      if (Buffer.byteLength(mod) < NAMEDATALEN) break;
      base = Array.from(base).slice(0, -1).join(''); // pg_mbcliplen: whole characters
    }
  } while (used.has(mod));
  used.set(name, n);
  used.set(mod, 0);
  return mod;
}

/**
 * The names PostgreSQL prints for the FROM items of one query level, in the order the parser makes its range
 * table (items left to right, a join's inputs before the join), unique among themselves and `parents` (every name
 * of the enclosing levels). Keyed by the item's payload (RangeVar, RangeSubselect, RangeFunction, JoinExpr).
 *
 * @example
 * levelRefNames(parseOne('SELECT 1 FROM t, u AS t_1').node.fromClause, ['t']) // RangeVar t → 't_1', u → 't_1_1'
 */
export function levelRefNames(from: readonly Node[] | undefined, parents: Iterable<string>): Map<object, string> {
  const out = new Map<object, string>();
  if (!from?.length) return out;
  const used = new Map<string, number>();
  for (const p of parents) used.set(p, 0);
  const name = (key: object, refname: string | undefined) => {
    if (refname !== undefined && refname !== '') out.set(key, uniqueRefName(used, refname));
  };
  const walk = (f: Node): void => {
    if (f.RangeVar) name(f.RangeVar, f.RangeVar.alias?.aliasname ?? f.RangeVar.relname);
    else if (f.RangeSubselect) name(f.RangeSubselect, f.RangeSubselect.alias?.aliasname);
    else if (f.RangeFunction) {
      const v = f.RangeFunction;
      const first = (v.functions?.[0]?.List?.items ?? [])[0]?.FuncCall;
      name(v, v.alias?.aliasname ?? (first ? stringValue(first.funcname?.[first.funcname.length - 1]) : undefined));
    } else if (f.RangeTableSample?.relation) walk(f.RangeTableSample.relation);
    else if (f.JoinExpr) {
      walk(f.JoinExpr.larg!);
      walk(f.JoinExpr.rarg!);
      name(f.JoinExpr, f.JoinExpr.alias?.aliasname);
    }
  };
  for (const f of from) walk(f);
  return out;
}
