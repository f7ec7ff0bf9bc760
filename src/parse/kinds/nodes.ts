/**
 * Small readers of parse-tree nodes shared by the kinds' fold modules (constants, options, walking).
 */
import type { Node, Payload, Tree } from '../ast.js';
import { optionName } from '../../model/options.js';
import { scalarConst } from '../normalize-parts.js';

export const sv = (n: Node | undefined): string => n?.String?.sval ?? '';

/** Storage parameters as `name=value`, sorted (the inspector's `reloptions` form). */
export function relOptions(list: Node[] | undefined): string[] {
  return (list ?? [])
    .map((o) => o.DefElem)
    .filter((d): d is Payload<'DefElem'> => !!d && d.defname !== 'oids')
    // As written (`on`, `off`, `1`): reloptions keep the text, and pg_dump prints it; a bare name is stored `=true`.
    .map((d) => `${d.defnamespace ? `${d.defnamespace}.` : ''}${d.defname}=${d.arg === undefined ? 'true' : constText(d.arg)}`);
}

/**
 * `SET (…)` on stored options, in the order PostgreSQL stores them (transformRelOptions): the options it does not
 * name, then the ones it sets, as written. pg_dump prints them in that order.
 *
 * @example mergeOptions(['fillfactor=70', 'autovacuum_enabled=false'], ['fillfactor=50']) // ['autovacuum_enabled=false', 'fillfactor=50']
 */
export function mergeOptions(cur: readonly string[], add: readonly string[]): string[] {
  const name = optionName;
  const set = new Set(add.map(name));
  return [...cur.filter((o) => !set.has(name(o))), ...add];
}

export function constText(a: Node): string {
  const v = a.A_Const && scalarConst(a.A_Const);
  if (v !== undefined) return v;
  if (a.String) return a.String.sval!;
  if (a.Integer) return String(a.Integer.ival ?? 0);
  if (a.Float) return String(a.Float.fval);
  if (a.Boolean) return a.Boolean.boolval ? 'true' : 'false';
  if (a.TypeName) return (a.TypeName.names ?? []).map(sv).join('.');
  return '';
}

/**
 * An expression PostgreSQL's grammar accepts where only a b_expr may stand (DEFAULT): constants, columns, casts,
 * function calls in call syntax, arrays, CASE/COALESCE/ROW, subqueries and operators over them. Not: AND/OR/NOT,
 * IS [NOT] NULL, IN, LIKE, BETWEEN, COLLATE, `AT TIME ZONE` (a call in SQL syntax).
 *
 * @example bExpr(parseExpression("now() AT TIME ZONE 'UTC'")!) // false
 */
export function bExpr(n: Tree): boolean {
  if (n.A_Expr) return n.A_Expr.kind === 'AEXPR_OP' || n.A_Expr.kind === 'AEXPR_DISTINCT' || n.A_Expr.kind === 'AEXPR_NOT_DISTINCT';
  // (EXTRACT, SUBSTRING, TRIM … are calls in SQL syntax too, allowed there; AT TIME ZONE / AT LOCAL and IS NORMALIZED are operators.)
  if (n.FuncCall) return n.FuncCall.funcformat !== 'COERCE_SQL_SYNTAX' || !['timezone', 'is_normalized'].includes(n.FuncCall.funcname?.[n.FuncCall.funcname.length - 1]?.String?.sval ?? '');
  if (n.SubLink) return n.SubLink.subLinkType === 'EXPR_SUBLINK' || n.SubLink.subLinkType === 'ARRAY_SUBLINK' || n.SubLink.subLinkType === 'EXISTS_SUBLINK';
  return !!(n.A_Const || n.ColumnRef || n.TypeCast || n.A_ArrayExpr || n.SQLValueFunction || n.ParamRef || n.RowExpr || n.CaseExpr || n.CoalesceExpr || n.MinMaxExpr || n.A_Indirection);
}
