/**
 * What the statement's syntax tree says about nullability, beyond what the server's Describe reports:
 * relations on the nullable side of outer joins, and result expressions that can never be NULL
 * (`count(…)`, `COALESCE(…, <non-null constant>)`, non-null constants, `EXISTS`).
 *
 * In:  one statement's libpg-query AST. Out: hints. Pure.
 */

import type { Tree } from '../parse/ast.js';

export interface NullabilityHints {
  /** `schema.relation` / `relation` names that may be NULL-extended by an outer join. */
  readonly outerJoined: readonly { schema: string | undefined; name: string }[];
  /** True when something other than a plain table sits on a nullable side (be conservative). */
  readonly opaqueOuterJoin: boolean;
  /** Per result position, true when the expression can never be NULL; undefined when unknown (e.g. `*`). */
  readonly neverNull: readonly boolean[] | undefined;
}

function relationsOf(n: Tree | undefined, out: { schema: string | undefined; name: string }[], flags: { opaque: boolean }): void {
  if (!n || typeof n !== 'object') return;
  if (n.RangeVar) {
    out.push({ schema: n.RangeVar.schemaname, name: n.RangeVar.relname! });
  } else if (n.JoinExpr) {
    relationsOf(n.JoinExpr.larg, out, flags);
    relationsOf(n.JoinExpr.rarg, out, flags);
  } else {
    flags.opaque = true; // subquery, function, VALUES… on a nullable side
  }
}

function walkFrom(n: Tree | undefined, out: { schema: string | undefined; name: string }[], flags: { opaque: boolean }): void {
  const j = n?.JoinExpr;
  if (!j) return;
  if (j.jointype === 'JOIN_LEFT' || j.jointype === 'JOIN_FULL') relationsOf(j.rarg, out, flags);
  if (j.jointype === 'JOIN_RIGHT' || j.jointype === 'JOIN_FULL') relationsOf(j.larg, out, flags);
  walkFrom(j.larg, out, flags);
  walkFrom(j.rarg, out, flags);
}

function neverNull(n: Tree | undefined): boolean {
  if (!n || typeof n !== 'object') return false;
  if (n.A_Const) return !n.A_Const.isnull;
  if (n.TypeCast) return neverNull(n.TypeCast.arg);
  if (n.FuncCall) return n.FuncCall.funcname?.at(-1)?.String?.sval?.toLowerCase() === 'count';
  if (n.CoalesceExpr) return (n.CoalesceExpr.args ?? []).some(neverNull);
  if (n.SubLink) return n.SubLink.subLinkType === 'EXISTS_SUBLINK';
  return false;
}

/**
 * Nullability hints of a parsed statement (`parseSync(sql).stmts[0].stmt`).
 *
 * @example
 * nullabilityHints(parseSync('SELECT count(*) FROM a LEFT JOIN b ON true').stmts[0].stmt)
 * // → { outerJoined: [{ schema: undefined, name: 'b' }], opaqueOuterJoin: false, neverNull: [true] }
 */
export function nullabilityHints(stmt: Tree | undefined): NullabilityHints {
  const outerJoined: { schema: string | undefined; name: string }[] = [];
  const flags = { opaque: false };
  const s: Tree = stmt ?? {};
  let targets: Tree[] | undefined;
  if (s.SelectStmt) {
    const sel = s.SelectStmt;
    if (sel.op && sel.op !== 'SETOP_NONE') return { outerJoined, opaqueOuterJoin: false, neverNull: undefined };
    for (const f of sel.fromClause ?? []) walkFrom(f, outerJoined, flags);
    targets = sel.targetList;
  } else {
    // UPDATE … FROM joins; PostgreSQL 18's tree holds RETURNING's list in `returningClause.exprs`.
    for (const f of s.UpdateStmt?.fromClause ?? []) walkFrom(f, outerJoined, flags);
    targets = (s.InsertStmt ?? s.UpdateStmt ?? s.DeleteStmt ?? s.MergeStmt)?.returningClause?.exprs;
  }
  let nn: boolean[] | undefined;
  if (targets) {
    nn = [];
    for (const t of targets) {
      const val = t.ResTarget?.val;
      if (val?.ColumnRef?.fields?.some((f) => 'A_Star' in f)) {
        nn = undefined; // `*` expands to an unknown number of columns
        break;
      }
      nn.push(neverNull(val));
    }
  }
  return { outerJoined, opaqueOuterJoin: flags.opaque, neverNull: nn };
}
