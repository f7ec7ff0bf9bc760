/**
 * The implicit coercions PostgreSQL adds to an operator's operands and prints back: the parser coerces each operand
 * to the argument type of the operator it picked (parse_oper.c make_op → make_fn_arguments), and ruleutils shows
 * implicit casts under an operator (get_oper_expr reads its arguments with showimplicit), so `now() - ts` (ts a
 * timestamp column: there is no timestamptz - timestamp operator) is printed `now() - ts::timestamp with time zone`.
 * The normaliser (./normalize.ts) adds the same casts to the file's side; its own rule then drops those it drops
 * everywhere (to text, numeric, double precision …), so both sides compare alike.
 *
 * Only operands whose type is read reliably get one (columns, casts, function calls, operators, SQL value
 * functions); a constant is never cast (PostgreSQL folds the coercion of a literal into the constant), nor an
 * operand of a CASE or COALESCE (their common type is not modelled). Built-in operators only (./expr-type.ts).
 *
 * In:  an A_Expr's operator name and operand nodes, their canonical forms, typing and cast callbacks.
 * Out: the operands' canonical forms, cast where PostgreSQL casts. Never: I/O.
 */
import type { Node } from './ast.js';
import { operatorCoercions } from './expr-type.js';

/** The operand kinds whose type ./expr-type.ts gives as PostgreSQL's parser does. */
const TYPED_KINDS = ['A_Const', 'ColumnRef', 'TypeCast', 'FuncCall', 'A_Expr', 'SQLValueFunction'] as const;

/**
 * Operands `l` and `r` (canonical forms of `lexpr` and `rexpr`) with the implicit casts PostgreSQL adds for operator
 * `op`; `typeOf` types a node (Model spellings, `unknown` for an untyped literal), `cast` wraps a canonical form
 * in a cast by the normaliser's rule.
 *
 * @example
 * // now() - ts, ts timestamp
 * withOperatorCoercions('-', now, ts, L, R, typeOf, cast) // [L, cast(R, 'timestamp with time zone')]
 */
export function withOperatorCoercions<C>(op: string, lexpr: Node | undefined, rexpr: Node | undefined, l: C, r: C, typeOf: (n: Node | undefined) => string | undefined, cast: (c: C, type: string) => C): [C, C] {
  if (op.includes('.') || !rexpr) return [l, r];
  const typeIf = (n: Node | undefined): string | undefined => (TYPED_KINDS.some((k) => n?.[k] !== undefined) ? typeOf(n) : undefined);
  const to = operatorCoercions(op, lexpr && typeIf(lexpr), typeIf(rexpr), !lexpr);
  if (!to) return [l, r];
  return [to[0] !== undefined && lexpr?.A_Const === undefined ? cast(l, to[0]) : l, to[1] !== undefined && rexpr.A_Const === undefined ? cast(r, to[1]) : r];
}
