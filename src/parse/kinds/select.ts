/**
 * A top-level SELECT in a schema file, folded. pg_dump's header `SELECT pg_catalog.set_config('search_path', '', false)`
 * sets the search path; `SELECT setval(…)` and other SELECTs are data (W_DATA), except a call of a procedural function
 * the file defines, whose body may create objects: like a CALL or a DO block, a database runs it (the dev database
 * route, `unsupported` natively).
 *
 * In: the SelectStmt payload and the fold's scope. Out: the scope's search path, or a report. Never: I/O.
 */
import { qualifiedKey } from '../../model/names.js';
import type { Payload } from '../ast.js';
import { sv } from './nodes.js';
import type { FoldScope } from './scope.js';

/**
 * Folds a top-level SELECT.
 *
 * @example
 * select(sc, parse("SELECT pg_catalog.set_config('search_path', '', false)")) // sc.searchPath: []
 */
export function select(sc: FoldScope, n: Payload<'SelectStmt'>): void {
  const t = n.targetList?.[0]?.ResTarget?.val?.FuncCall;
  if (n.targetList?.length === 1 && !n.fromClause && t && sv(t.funcname?.at(-1)) === 'set_config') {
    const [name, value] = (t.args ?? []).map((a) => a.A_Const?.sval?.sval);
    if (name === 'search_path' && value !== undefined) sc.searchPath = value.split(',').map((s) => s.trim()).filter(Boolean);
    return;
  }
  if (n.targetList?.length && !n.fromClause && n.targetList.every((x) => x.ResTarget?.val?.FuncCall && ['setval', 'set_config'].includes(sv(x.ResTarget.val.FuncCall.funcname?.at(-1))))) {
    return sc.report('W_DATA', "SELECT setval(…) sets a sequence's value (data): not part of the desired state");
  }
  // `SELECT f()` of a procedural function this file defines runs its body, which may create objects (ISC Kea's
  // script creates a table and foreign keys in one): as a CALL or a DO block, a database runs it.
  const own = (n.targetList ?? []).map((x) => x.ResTarget?.val?.FuncCall).find((f) => f && procedural(sc, f.funcname?.map(sv) ?? []));
  if (own) return sc.unsupported(`SELECT ${(own.funcname ?? []).map(sv).join('.')}(…), which runs a procedural function of this file (it may create objects),`);
  sc.report('W_DATA', 'SELECT statement is not part of the desired state: ignored');
}

/** True when `names` is a function of the file written in a procedural language (plpgsql, …), whose body the fold does not run. */
function procedural(sc: FoldScope, names: readonly string[]): boolean {
  if (!names.length) return false;
  const f = names.length >= 2 ? sc.functionsNamed(qualifiedKey(names[names.length - 2]!, names[names.length - 1]!))[0] : sc.findFunction(names[0]!);
  return !!f && !['sql', 'internal', 'c'].includes(f.language.toLowerCase());
}
