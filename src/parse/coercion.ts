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
import type { Node, Payload } from './ast.js';
import { builtinCatalog } from './catalog/index.js';
import { operatorCoercions, type UserFunction } from './expr-type.js';
import { commonType, isPolymorphic, resolveFunction, type ArgType } from './func-select.js';

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
export function withOperatorCoercions<C>(op: string, lexpr: Node | undefined, rexpr: Node | undefined, l: C, r: C, typeOf: (n: Node | undefined) => string | undefined, cast: (c: C, type: string) => C, domainOf: (n: Node | undefined) => boolean = () => false): [C, C] {
  if (op.includes('.') || !rexpr) return [l, r];
  const typeIf = (n: Node | undefined): string | undefined => (TYPED_KINDS.some((k) => n?.[k] !== undefined) ? typeOf(n) : undefined);
  const to = operatorCoercions(op, lexpr && typeIf(lexpr), typeIf(rexpr), !lexpr, [!!lexpr && domainOf(lexpr), domainOf(rexpr)]);
  if (!to) return [l, r];
  // A constant is folded into one of the type: only an untyped literal's value is read as that type (cast).
  const castable = (n: Node | undefined) => n?.A_Const === undefined || n.A_Const.sval !== undefined;
  return [to[0] !== undefined && castable(lexpr) ? cast(l, to[0]) : l, to[1] !== undefined && castable(rexpr) ? cast(r, to[1]) : r];
}

/** The argument kinds typed reliably for a function call: those of an operator's operands, and CASE / COALESCE / GREATEST. */
const ARG_KINDS = [...TYPED_KINDS, 'CoalesceExpr', 'CaseExpr', 'MinMaxExpr', 'A_ArrayExpr'] as const;

/** What a call's arguments become: each cast where PostgreSQL casts it, the trailing ones merged into `VARIADIC ARRAY[…]`. */
export interface CallCoercions {
  /** The type each argument is coerced to and printed cast to (Model spelling), undefined where none is printed. */
  readonly casts: readonly (string | undefined)[];
  /** The index from which the arguments are merged into one array (`VARIADIC ARRAY[…]`), when they are. */
  readonly variadicFrom?: number;
}

/**
 * The implicit coercions PostgreSQL adds to the arguments of a call of the built-in function `names` (parse_func.c:
 * make_fn_arguments coerces each to the chosen signature's type; ruleutils prints them, get_func_expr showing implicit
 * casts) and the variadic merge (a function taking `VARIADIC text[]` is stored with its trailing arguments in one
 * array, printed `VARIADIC ARRAY['a', 'b']`). `typeOf` gives an argument's type (Model spelling, `unknown` for an
 * untyped literal), `domainOf` whether it is a domain (its type then the base type). Undefined when the call is not
 * resolved here: a user function of that name exists (`userFunctions`), an argument's type is not known, a named
 * argument, a call written in SQL syntax (`EXTRACT(… FROM …)`, `x AT TIME ZONE z`: printed without implicit casts),
 * an ordered-set aggregate, or ./func-select.ts does not decide it.
 *
 * @example
 * // date_trunc('day', d), d a date
 * functionCoercions(call, typeOf, () => false, false) // { casts: ['text', 'timestamp with time zone'] }
 */
export function functionCoercions(v: Payload<'FuncCall'>, typeOf: (n: Node | undefined) => string | undefined, domainOf: (n: Node | undefined) => boolean, userFunctions: boolean): CallCoercions | undefined {
  const names = (v.funcname ?? []).map((x) => x.String?.sval ?? '');
  if (userFunctions || (names.length > 1 && (names.length !== 2 || names[0] !== 'pg_catalog'))) return undefined;
  if (v.funcformat === 'COERCE_SQL_SYNTAX' || v.agg_within_group || v.agg_star || v.func_variadic) return undefined;
  const args = v.args ?? [];
  if (!args.length) return undefined;
  const cat = builtinCatalog();
  const inputs: ArgType[] = [];
  for (const a of args) {
    const t = argType(a, typeOf, domainOf);
    if (!t) return undefined;
    inputs.push(t);
  }
  const r = resolveFunction(names[names.length - 1]!, inputs);
  if (!r) return undefined;
  // The anycompatible arguments are coerced to their common type (a domain smashed to its base type, unless all
  // are that domain); the other polymorphic ones are bound as they are.
  const compatible = r.args.flatMap((p, i) => (p === 'anycompatible' ? [inputs[i]!] : p === 'anycompatiblearray' && inputs[i]!.type.startsWith('_') ? [{ type: inputs[i]!.type.slice(1) }] : []));
  const common = compatible.length ? commonType(compatible) : undefined;
  const casts = r.args.map((p, i) => {
    const given = inputs[i]!;
    if (p === 'anycompatible' && common) return given.type === common.type && !!given.domain === !!common.domain ? undefined : cat.spelling(common.type);
    if (p === 'anycompatiblearray' && common && given.type !== 'unknown') return given.type === `_${common.type}` ? undefined : `${cat.spelling(common.type)}[]`;
    if (isPolymorphic(p)) return undefined;
    return p === given.type && !given.domain ? undefined : cat.spelling(p);
  });
  const from = r.nvargs ? args.length - r.nvargs : undefined;
  return { casts, ...(from !== undefined ? { variadicFrom: from } : {}) };
}

/**
 * The variadic merge PostgreSQL makes for a call of the file's own function whose last parameter is `VARIADIC t[]`
 * (parse_func.c: the trailing arguments become one `ARRAY[…]` of `t`, printed `f(a, VARIADIC ARRAY['x'::t])`), each
 * merged argument cast to `t` where its type is not `t` (an untyped literal, a column of another type). Undefined when
 * the call is not decided here: more than one function of that name (`candidates`), a call already `VARIADIC`, a named
 * argument, fewer arguments than parameters, a polymorphic or `"any"` variadic parameter, or a merged argument's type
 * not known.
 *
 * @example
 * // CREATE FUNCTION is_kind(id varchar, VARIADIC kinds app_kind[]) …; CHECK (is_kind(id, 'SAML'))
 * userVariadicCoercions(call, [isKind], typeOf, () => false) // { casts: [undefined, 'app_kind'], variadicFrom: 1 }
 */
export function userVariadicCoercions(v: Payload<'FuncCall'>, candidates: readonly UserFunction[], typeOf: (n: Node | undefined) => string | undefined, domainOf: (n: Node | undefined) => boolean): CallCoercions | undefined {
  if (candidates.length !== 1 || v.func_variadic || v.agg_star || v.agg_within_group || v.funcformat === 'COERCE_SQL_SYNTAX') return undefined;
  const args = v.args ?? [];
  if (args.some((a) => a.NamedArgExpr !== undefined)) return undefined;
  const params = candidates[0]!.args.filter((a) => a.mode === 'IN' || a.mode === 'INOUT' || a.mode === 'VARIADIC');
  const last = params[params.length - 1];
  if (last?.mode !== 'VARIADIC' || !last.type.endsWith('[]') || args.length < params.length) return undefined;
  const element = last.type.slice(0, -2);
  if (isPolymorphic(builtinCatalog().typeName(element) ?? element)) return undefined;
  const from = params.length - 1;
  const casts: (string | undefined)[] = [];
  for (let i = 0; i < args.length; i++) {
    if (i < from) { casts.push(undefined); continue; }
    const given = argType(args[i], typeOf, domainOf);
    if (!given) return undefined;
    const same = given.type === element || (given.type !== 'unknown' && given.type === builtinCatalog().typeName(element) && !given.domain);
    casts.push(same ? undefined : element);
  }
  return { casts, variadicFrom: from };
}

/** The type of a node for the coercions here: `typeOf`'s over the reliably typed kinds, `unknown` for a NULL constant. */
function argType(a: Node | undefined, typeOf: (n: Node | undefined) => string | undefined, domainOf: (n: Node | undefined) => boolean): ArgType | undefined {
  if (!a || a.A_Const?.isnull) return { type: 'unknown' };
  if (!ARG_KINDS.some((k) => a[k] !== undefined)) return undefined;
  const spelled = typeOf(a);
  const t = spelled === undefined ? undefined : spelled === 'unknown' ? 'unknown' : builtinCatalog().typeName(spelled);
  return t === undefined ? undefined : { type: t, ...(domainOf(a) ? { domain: true } : {}) };
}

/**
 * The casts PostgreSQL adds to CASE results, COALESCE and GREATEST / LEAST arguments and ARRAY[…] elements: each is
 * coerced to their common type (parse_coerce.c select_common_type: `COALESCE(b, n)`, b integer and n numeric, is
 * stored `COALESCE((b)::numeric, n)`; a domain is cast to its base type unless all are that domain), and ruleutils
 * prints the implicit casts there. `nodes`: the branches, undefined for a CASE without ELSE (its NULL). Undefined
 * when a branch's type is not known here or the types have no common type; else the common type (Model spelling)
 * and each branch's cast (undefined where none is printed).
 *
 * @example
 * // GREATEST(ts, tz), ts a timestamp and tz a timestamptz
 * commonCoercions([ts, tz], typeOf, () => false) // { type: 'timestamp with time zone', casts: ['timestamp with time zone', undefined] }
 */
export function commonCoercions(nodes: readonly (Node | undefined)[], typeOf: (n: Node | undefined) => string | undefined, domainOf: (n: Node | undefined) => boolean): { type: string; casts: (string | undefined)[] } | undefined {
  const inputs: ArgType[] = [];
  for (const n of nodes) {
    const t = argType(n, typeOf, domainOf);
    if (!t) return undefined;
    inputs.push(t);
  }
  const common = commonType(inputs);
  if (!common) return undefined;
  const spelled = builtinCatalog().spelling(common.type);
  return { type: spelled, casts: inputs.map((x) => (x.type === common.type && !!x.domain === !!common.domain ? undefined : spelled)) };
}
