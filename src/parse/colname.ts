/**
 * PostgreSQL's FigureColname (parser/parse_target.c): the output name a select-list expression gets without
 * `AS`. Used by views' output columns, unnamed constraints' and indexes' generated names.
 *
 * In: a parse node. Out: a name. Never: does I/O.
 */
import type { Node } from './ast.js';

/** A name node's string; `*` for A_Star (the normaliser's reading of a field list). */
export const sv = (n: Node | undefined): string => (n?.String ? n.String.sval ?? '' : n?.A_Star ? '*' : '');

/**
 * PostgreSQL's FigureColname: the output name a select-list expression gets without `AS`.
 *
 * @example
 * figureColname(parseExpression('count(*)')) // 'count'
 */
export function figureColname(n: Node | undefined): string {
  if (!n) return '?column?';
  if (n.ColumnRef) {
    const f = n.ColumnRef.fields!;
    const last = sv(f[f.length - 1]);
    return last === '*' ? '?column?' : last;
  }
  if (n.FuncCall) return sv(n.FuncCall.funcname![n.FuncCall.funcname!.length - 1]);
  if (n.TypeCast) {
    const inner = figureColname(n.TypeCast.arg);
    if (inner !== '?column?') return inner;
    const names = n.TypeCast.typeName!.names!;
    const t = sv(names[names.length - 1]);
    return ({ int4: 'int4', varchar: 'varchar', bpchar: 'bpchar', bool: 'bool', numeric: 'numeric' } as Record<string, string>)[t] ?? t;
  }
  if (n.A_Indirection) {
    const ind = n.A_Indirection.indirection!;
    const last = ind[ind.length - 1];
    if (last?.String) return last.String.sval!;
    return figureColname(n.A_Indirection.arg);
  }
  if (n.CaseExpr) return 'case';
  if (n.A_ArrayExpr) return 'array';
  if (n.CoalesceExpr) return 'coalesce';
  if (n.MinMaxExpr) return n.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least';
  if (n.NullIfExpr || (n.A_Expr && n.A_Expr.kind === 'AEXPR_NULLIF')) return 'nullif';
  if (n.RowExpr) return 'row';
  if (n.SubLink) {
    const k = n.SubLink.subLinkType;
    if (k === 'EXISTS_SUBLINK') return 'exists';
    if (k === 'ARRAY_SUBLINK') return 'array';
    if (k === 'EXPR_SUBLINK') {
      const tl = n.SubLink.subselect?.SelectStmt?.targetList?.[0]?.ResTarget;
      if (tl) return tl.name ?? figureColname(tl.val);
    }
    return '?column?';
  }
  if (n.SQLValueFunction) {
    const op = String(n.SQLValueFunction.op).replace(/^SVFOP_/, '').toLowerCase();
    return op.replace(/_n$/, '');
  }
  if (n.GroupingFunc) return 'grouping';
  if (n.XmlExpr) return 'xmlelement';
  return '?column?';
}
