/**
 * The type of an expression as PostgreSQL's parser gives it, over the built-in catalog (./catalog/results.ts: the
 * result types of pg_catalog's functions and operators) and the Model's own functions (their declared RETURNS,
 * RETURNS TABLE and OUT parameters): what `date_trunc('day', ts)`, `a || b` or `count(*)` yields, and the columns
 * (names and types) a function in FROM gives (`generate_series(0, 11) AS n` has one column `n` of type integer).
 * The normaliser reads an untyped literal beside such an expression as that type (./literal-type.ts), and resolves
 * a column reference to a function in FROM as PostgreSQL does (`n` → `n.n`).
 *
 * Resolution follows parse_func.c / parse_oper.c in outline: an exact match of the argument types, else the
 * candidates every argument coerces to implicitly, those with the most exact matches kept; the result when the
 * remaining candidates agree on it (polymorphic results bound to the arguments' types). Anything not decided that
 * way is undefined (left as written, as before).
 *
 * In:  parse nodes, a callback giving the type of a leaf (a column, a cast), Model spellings (`integer`,
 * `timestamp with time zone`, `text[]`). Out: Model spellings, or undefined. Never: reads a database.
 */
import type { Node, Payload } from './ast.js';
import { builtinCatalog } from './catalog/index.js';
import { BUILTIN_FUNCTION_RESULTS, BUILTIN_OPERATOR_RESULTS } from './catalog/results.js';
import { commonType, resolveFunction, typeCategory } from './func-select.js';

/** A function's result: its type (Model spelling; `record` for a row of OUT columns), set-returning, its columns. */
export interface FunctionResult {
  readonly type: string;
  readonly set: boolean;
  /** The OUT (or TABLE) columns, when it declares them: names and Model spellings. */
  readonly out?: readonly { readonly name: string; readonly type: string }[];
}

/** A user function as the context knows it (a Model's `Func`: its arguments and its `returns`). */
export interface UserFunction {
  readonly args: readonly { readonly name?: string; readonly mode: string; readonly type: string }[];
  readonly returns?: string;
}

/** What typing needs from the normalise context: user functions by name, relations' columns (`RETURNS SETOF t`). */
export interface TypeContext {
  /** The result of a call of an extension's function the file creates (./ext-catalog.ts), when the context knows it. */
  extensionFunction?(names: readonly string[], args: readonly (string | undefined)[]): FunctionResult | undefined;
  /** The result type of the extension operator an unqualified operator name resolves to (./user-operator.ts OperatorSchemaContext). */
  operatorType?(name: string, left: string | undefined, right: string | undefined, prefix: boolean): string | undefined;
  functions?(names: readonly string[]): readonly UserFunction[];
  relation?(names: readonly string[]): { key: string; columns?: readonly string[]; types?: readonly (string | undefined)[] } | undefined;
}

/** A typname's Model spelling (`int4` → `integer`, `_text` → `text[]`). */
const spelling = (typname: string): string => builtinCatalog().spelling(typname);
/** A Model spelling's typname, when it is a built-in type (`character varying(20)` → `varchar`). */
const typname = (t: string | undefined): string | undefined => (t === undefined ? undefined : t === 'unknown' ? 'unknown' : builtinCatalog().typeName(t));

interface Signature { readonly args: readonly string[]; readonly result: string; readonly set: boolean; readonly out?: readonly { name: string; type: string }[] }

const parsed = new Map<string, Signature[]>();
function signatures(table: Readonly<Record<string, string>>, kind: string, name: string): Signature[] {
  const key = `${kind}\u0000${name}`;
  let sigs = parsed.get(key);
  if (!sigs) {
    const text = Object.hasOwn(table, name) ? table[name]! : '';
    sigs = text ? text.split(' ').map((e) => {
      const at = e.indexOf('>');
      const list = e.slice(0, at);
      const m = /^(\*?)([^(]+)(?:\((.*)\))?$/.exec(e.slice(at + 1))!;
      const out = m[3]?.split(',').map((c) => {
        const [n, t] = c.split(':') as [string, string];
        return { name: n, type: t };
      });
      return { args: kind === 'f' ? (list === '-' ? [] : list.split(',')) : list.split(','), result: m[2]!, set: m[1] === '*', ...(out ? { out } : {}) };
    }) : [];
    parsed.set(key, sigs);
  }
  return sigs;
}

/** pg_type.typispreferred: the preferred type of each category (./func-select.ts, from the generated snapshot). */
const PREFERRED = { has: (t: string): boolean => typeCategory(t)[1] };
/** The string category (typcategory 'S'). */
const STRING = { has: (t: string): boolean => typeCategory(t)[0] === 'S' };
const POLY_ELEM = /^any(element|nonarray|compatible|compatiblenonarray|enum)$/;
const POLY_ARRAY = /^any(array|compatiblearray)$/;

/** The polymorphic element type the arguments bind (`anyelement` ← int4, `anyarray` ← _int4: int4). */
function bound(sig: Signature, args: readonly (string | undefined)[]): string | undefined {
  for (let i = 0; i < sig.args.length; i++) {
    const a = args[i];
    if (a === undefined || a === 'unknown') continue;
    if (POLY_ELEM.test(sig.args[i]!)) return a;
    if (POLY_ARRAY.test(sig.args[i]!) && a.startsWith('_')) return a.slice(1);
  }
  return undefined;
}

/** A signature's result with polymorphic types bound; undefined when unbound. */
function resultOf(sig: Signature, args: readonly (string | undefined)[]): Signature | undefined {
  if (POLY_ELEM.test(sig.result)) {
    const b = bound(sig, args);
    return b === undefined ? undefined : { ...sig, result: b };
  }
  if (POLY_ARRAY.test(sig.result)) {
    const b = bound(sig, args);
    return b === undefined ? undefined : { ...sig, result: `_${b}` };
  }
  return /^any/.test(sig.result) ? undefined : sig;
}

/**
 * The candidates `args` (typnames, 'unknown' for an untyped literal, undefined when not known) leave: the exact
 * match alone, else those the narrowing of func_select_candidate keeps (one when it decides).
 */
function candidates(sigs: readonly Signature[], args: readonly (string | undefined)[]): readonly Signature[] {
  let cands = sigs.filter((s) => s.args.length === args.length);
  if (!cands.length) return cands;
  const cat = builtinCatalog();
  const exact = cands.find((s) => s.args.every((p, i) => p === args[i]));
  if (exact) return [exact];
  cands = cands.filter((s) => s.args.every((p, i) => args[i] === undefined || cat.coerces(args[i]!, p)));
  // func_select_candidate: the most exact matches; then the most preferred types where a conversion is needed;
  // then, at an untyped literal's position, the string category when some candidate takes it there.
  const most = (score: (s: Signature) => number) => {
    if (cands.length < 2) return;
    const best = Math.max(...cands.map(score));
    cands = cands.filter((s) => score(s) === best);
  };
  most((s) => s.args.filter((p, i) => p === args[i]).length);
  most((s) => s.args.filter((p, i) => p !== args[i] && PREFERRED.has(p)).length);
  args.forEach((a, i) => {
    if (a === 'unknown' && cands.length > 1 && cands.some((s) => STRING.has(s.args[i]!))) cands = cands.filter((s) => STRING.has(s.args[i]!));
  });
  return cands;
}

/** The candidate `args` resolve to: the result when the remaining candidates agree on it (see `candidates`). */
function resolve(sigs: readonly Signature[], args: readonly (string | undefined)[]): Signature | undefined {
  const results = candidates(sigs, args).map((s) => resultOf(s, args));
  const first = results[0];
  if (!first || results.some((r) => !r || r.result !== first.result || r.set !== first.set || JSON.stringify(r.out) !== JSON.stringify(first.out))) return undefined;
  return first;
}

/** A built-in function's result for arguments of types `args` (Model spellings, `unknown`, undefined). */
export function builtinFunctionResult(name: string, args: readonly (string | undefined)[]): FunctionResult | undefined {
  const sigs = signatures(BUILTIN_FUNCTION_RESULTS, 'f', name);
  const names = args.map(typname);
  let sig = resolve(sigs, names);
  // A call resolved with variadic or default arguments (./func-select.ts): the result of the signature it chose.
  if (!sig && names.every((t) => t !== undefined)) {
    const r = resolveFunction(name, names.map((t) => ({ type: t! })));
    const hit = r && sigs.find((s) => s.args.join() === r.sig.args.join());
    sig = hit && resultOf(hit, r.args.map((a, i) => (/^any/.test(a) ? names[i] : a)));
  }
  return sig && { type: spelling(sig.result), set: sig.set, ...(sig.out ? { out: sig.out.map((c) => ({ name: c.name, type: spelling(c.type) })) } : {}) };
}

/**
 * The result type of operator `op` over operands of types `l` and `r` (Model spellings; `l` undefined for a prefix
 * operator's missing left), when the built-in catalog decides it.
 *
 * @example
 * operatorResult('||', 'integer', 'unknown') // 'text'
 * operatorResult('-', 'date', 'interval') // 'timestamp without time zone'
 */
export function operatorResult(op: string, l: string | undefined, r: string | undefined, prefix = false): string | undefined {
  const sigs = signatures(BUILTIN_OPERATOR_RESULTS, 'o', op);
  if (prefix) return spellingOf(resolve(sigs.filter((s) => s.args[0] === '').map((s) => ({ ...s, args: s.args.slice(1) })), [typname(r)]));
  const [a, b] = [typname(l), typname(r)];
  const binary = sigs.filter((s) => s.args[0] !== '');
  // binary_oper_exact: an untyped literal beside a typed operand is taken as that type when an operator takes two of it.
  const same = a === 'unknown' && b !== undefined ? b : b === 'unknown' && a !== undefined ? a : undefined;
  const exact = same === undefined ? undefined : binary.find((s) => s.args[0] === same && s.args[1] === same);
  const sig = exact ? resultOf(exact, [same, same]) : resolve(binary, [a, b]);
  return sig && spelling(sig.result);
}

/**
 * The types PostgreSQL coerces the operands of the built-in operator `op` to (Model spellings), over operands of
 * types `l` and `r` (`l` undefined for a prefix operator), when both are known (`unknown`: an untyped literal) and one
 * candidate remains: each operand is coerced to its argument's type (make_fn_arguments) and ruleutils prints the
 * coercion (`now() - ts` is `now() - ts::timestamp with time zone`). Undefined at a side needing none (the type
 * already, a polymorphic argument, an untyped literal, which becomes a constant of that type).
 *
 * @example
 * operatorCoercions('-', 'timestamp with time zone', 'timestamp without time zone') // [undefined, 'timestamp with time zone']
 * operatorCoercions('>', 'timestamp without time zone', 'timestamp with time zone') // [undefined, undefined] (a cross-type operator)
 */
export function operatorCoercions(op: string, l: string | undefined, r: string | undefined, prefix = false, domains: readonly [boolean, boolean] = [false, false]): [string | undefined, string | undefined] | undefined {
  const [a, b] = [prefix ? '' : typname(l), typname(r)];
  if (a === undefined || b === undefined) return undefined;
  const sigs = signatures(BUILTIN_OPERATOR_RESULTS, 'o', op).filter((s) => (s.args[0] === '') === prefix);
  const same = a === 'unknown' ? b : b === 'unknown' ? a : undefined;
  const exact = prefix || same === undefined ? undefined : sigs.find((s) => s.args[0] === same && s.args[1] === same);
  const cands = exact ? [exact] : candidates(sigs, [a, b]);
  if (cands.length !== 1) return undefined;
  // A domain operand (typed as its base type) is cast to the argument's type even when that is its base type; an
  // untyped literal becomes a constant of the argument's type when candidate selection chose it (`ts + '1 DAY'` is
  // `ts + '1 day'::interval`; the exact match's literal is typed by ./literal-type.ts).
  const to = (p: string, given: string, domain: boolean) => ((p === given && !domain) || (given === 'unknown' && exact) || /^any/.test(p) ? undefined : spelling(p));
  return [prefix ? undefined : to(cands[0]!.args[0]!, a, domains[0]), to(cands[0]!.args[1]!, b, domains[1])];
}

const spellingOf = (sig: Signature | undefined): string | undefined => sig && spelling(sig.result);

/**
 * binary_oper_exact (parse_oper.c) for an untyped literal beside an operand of typname `known`: the literal is taken
 * as `known` when an operator `op` takes two of it (or, `known` being an array, two polymorphic arrays), over the
 * operators every supported major has (./catalog); undefined when only candidate selection would decide.
 *
 * @example
 * unknownOperandType('<', 'interval') // 'interval'
 * unknownOperandType('@>', '_int4') // '_int4' (anyarray @> anyarray)
 * unknownOperandType('+', 'date') // undefined (no date + date)
 */
export function unknownOperandType(op: string, known: string): string | undefined {
  const isArray = known.startsWith('_');
  return builtinCatalog().operators(op).some(([l, r]) => (l === known && r === known) || (isArray && POLY_ARRAY.test(l) && POLY_ARRAY.test(r))) ? known : undefined;
}

/** A user function's result read from its declaration (`SETOF x`, `TABLE(a integer, …)`, OUT parameters). */
function userResult(f: UserFunction): FunctionResult | undefined {
  const out = f.args.filter((a) => a.mode === 'OUT' || a.mode === 'INOUT' || a.mode === 'TABLE').map((a) => ({ name: a.name ?? '', type: a.type }));
  const ret = f.returns ?? '';
  const set = /^SETOF\s/i.test(ret) || /^TABLE\s*\(/i.test(ret);
  const type = ret.replace(/^SETOF\s+/i, '');
  if (out.length > 1 || /^TABLE\s*\(/i.test(ret)) return { type: 'record', set, out };
  if (out.length === 1) return { type: out[0]!.type, set, out };
  return type ? { type, set } : undefined;
}

/**
 * The result of calling function `names` with `args` (Model spellings): a user function of that name when the
 * context has one taking that many arguments (one only), else the built-in one.
 */
export function functionResult(names: readonly string[], args: readonly (string | undefined)[], ctx: TypeContext): FunctionResult | undefined {
  const user = (ctx.functions?.(names) ?? []).filter((f) => f.args.filter((a) => a.mode !== 'OUT' && a.mode !== 'TABLE').length === args.length);
  if (user.length === 1) return userResult(user[0]!);
  if (user.length > 1) return undefined;
  const ext = ctx.extensionFunction?.(names, args);
  if (ext) return ext;
  if (names.length > 1 && names[0] !== 'pg_catalog') return undefined;
  return builtinFunctionResult(names[names.length - 1]!, args);
}

/** The type of an A_Const (`1` integer, `1.5` numeric, `'x'` unknown, `true` boolean). */
function constType(c: Payload<'A_Const'>): string | undefined {
  if (c.isnull) return undefined;
  if (c.ival !== undefined) return 'integer';
  if (c.fval !== undefined) return /^[+-]?\d+$/.test(String(c.fval.fval)) ? 'bigint' : 'numeric';
  if (c.sval !== undefined) return 'unknown';
  if (c.boolval !== undefined) return 'boolean';
  return undefined;
}

const SQL_VALUE: Record<string, string> = {
  SVFOP_CURRENT_DATE: 'date', SVFOP_CURRENT_TIME: 'time with time zone', SVFOP_CURRENT_TIME_N: 'time with time zone',
  SVFOP_CURRENT_TIMESTAMP: 'timestamp with time zone', SVFOP_CURRENT_TIMESTAMP_N: 'timestamp with time zone',
  SVFOP_LOCALTIME: 'time without time zone', SVFOP_LOCALTIME_N: 'time without time zone',
  SVFOP_LOCALTIMESTAMP: 'timestamp without time zone', SVFOP_LOCALTIMESTAMP_N: 'timestamp without time zone',
  SVFOP_CURRENT_ROLE: 'name', SVFOP_CURRENT_USER: 'name', SVFOP_USER: 'name', SVFOP_SESSION_USER: 'name', SVFOP_CURRENT_CATALOG: 'name', SVFOP_CURRENT_SCHEMA: 'name',
};

/**
 * The type of an expression node that is not a leaf (constants, function calls, operators, CASE, COALESCE …),
 * its operands typed by `typeOf` (the caller's: columns and casts); undefined when not decided here.
 *
 * @example
 * exprType(parseExpression("n || ' months'"), (x) => x.ColumnRef ? 'integer' : undefined, ctx) // 'text'
 */
export function exprType(n: Node | undefined, typeOf: (x: Node | undefined) => string | undefined, ctx: TypeContext): string | undefined {
  if (!n) return undefined;
  if (n.A_Const) return constType(n.A_Const);
  if (n.FuncCall) {
    const f = n.FuncCall;
    if (f.over || f.agg_within_group) return f.agg_star ? builtinFunctionResult(String(f.funcname!.at(-1)?.String?.sval), [])?.type : undefined;
    const r = functionResult(f.funcname!.map((x) => x.String?.sval ?? ''), f.agg_star ? [] : (f.args ?? []).map(typeOf), ctx);
    return r && !r.out?.length ? r.type : r?.out?.length === 1 ? r.out[0]!.type : undefined;
  }
  if (n.A_Expr?.kind === 'AEXPR_OP') {
    const names = (n.A_Expr.name ?? []).map((x) => x.String?.sval ?? '');
    if (names.length !== 1 && names[0] !== 'pg_catalog') return undefined;
    const [l, r, prefix] = [n.A_Expr.lexpr ? typeOf(n.A_Expr.lexpr) : undefined, typeOf(n.A_Expr.rexpr), !n.A_Expr.lexpr];
    // An extension's operator the context resolves (./ext-catalog.ts), else a built-in one.
    return (names.length === 1 ? ctx.operatorType?.(names[0]!, l, r, prefix) : undefined) ?? operatorResult(names[names.length - 1]!, l, r, prefix);
  }
  if (n.A_Expr || n.BoolExpr || n.NullTest || n.BooleanTest || (n.SubLink && n.SubLink.subLinkType !== 'EXPR_SUBLINK' && n.SubLink.subLinkType !== 'ARRAY_SUBLINK')) {
    return n.A_Expr && !['AEXPR_OP_ANY', 'AEXPR_OP_ALL', 'AEXPR_DISTINCT', 'AEXPR_NOT_DISTINCT', 'AEXPR_IN', 'AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_SIMILAR', 'AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN'].includes(String(n.A_Expr.kind)) ? undefined : 'boolean';
  }
  const firstTyped = (xs: readonly (Node | undefined)[]): string | undefined => {
    for (const x of xs) {
      const t = typeOf(x);
      if (t !== undefined && t !== 'unknown') return t;
    }
    return undefined;
  };
  // select_common_type over the branches when every one is typed (./func-select.ts), else the first typed one's.
  const common = (xs: readonly (Node | undefined)[]): string | undefined => {
    const names = xs.map((x) => (!x || x.A_Const?.isnull ? 'unknown' : typname(typeOf(x))));
    const c = names.every((t) => t !== undefined) ? commonType(names.map((t) => ({ type: t! }))) : undefined;
    return c ? spelling(c.type) : firstTyped(xs);
  };
  if (n.CoalesceExpr) return common(n.CoalesceExpr.args ?? []);
  if (n.MinMaxExpr) return common(n.MinMaxExpr.args ?? []);
  if (n.CaseExpr) return common([...(n.CaseExpr.args ?? []).map((w) => w.CaseWhen?.result), n.CaseExpr.defresult]);
  if (n.SQLValueFunction) return SQL_VALUE[String(n.SQLValueFunction.op)];
  if (n.A_ArrayExpr) {
    const t = firstTyped(n.A_ArrayExpr.elements ?? []);
    return t === undefined || t.endsWith('[]') ? t : `${t}[]`;
  }
  return undefined;
}

/**
 * The columns (names and types) a function in FROM gives, as PostgreSQL names them (parse_relation.c,
 * addRangeTableEntryForFunction): a column definition list's; a function returning a row, its OUT columns (or its
 * table's, `RETURNS SETOF t`); a scalar one, one column named after its single OUT parameter, else the alias (one
 * function), else the function; `ordinality` last WITH ORDINALITY; alias column names rename them in order.
 * Undefined when a function's result is not known.
 *
 * @example
 * // FROM generate_series(0, 11) AS n
 * rangeFunctionColumns(rf, typeOf, ctx) // { columns: ['n'], types: ['integer'] }
 */
export function rangeFunctionColumns(v: Payload<'RangeFunction'>, typeOf: (x: Node | undefined) => string | undefined, ctx: TypeContext):
  { columns: string[]; types: (string | undefined)[] } | undefined {
  const columns: string[] = [];
  const types: (string | undefined)[] = [];
  const fns = v.functions ?? [];
  for (const item of fns) {
    const [call, defs] = item.List?.items ?? [];
    const coldefs = (defs?.List?.items ?? []).map((d) => d.ColumnDef).filter((d) => d !== undefined);
    if (coldefs.length) {
      for (const d of coldefs) columns.push(d.colname!), types.push(undefined);
      continue;
    }
    const f = call?.FuncCall;
    if (!f) return undefined;
    const names = f.funcname!.map((x) => x.String?.sval ?? '');
    // unnest(a, b) in FROM is ROWS FROM (unnest(a), unnest(b)): one column per array, each named unnest.
    const args = (f.args ?? []).map(typeOf);
    if (names.length === 1 && names[0] === 'unnest' && args.length > 1) {
      for (const a of args) columns.push('unnest'), types.push(a?.endsWith('[]') ? a.slice(0, -2) : undefined);
      continue;
    }
    const r = functionResult(names, args, ctx);
    if (!r) return undefined;
    if (r.out && r.out.length > 1) {
      for (const c of r.out) columns.push(c.name), types.push(c.type);
      continue;
    }
    if (!r.out) {
      const rel = ctx.relation?.(r.type.includes('.') ? r.type.split('.') : [r.type]);
      if (rel?.columns && r.type.includes('.')) {
        columns.push(...rel.columns), types.push(...rel.columns.map((_, i) => rel.types?.[i]));
        continue;
      }
      if (r.type === 'record' || r.type.includes('.')) return undefined; // a record needs a definition list; a user type may be a row
    }
    const single = r.out?.[0]?.name;
    columns.push(single || (fns.length === 1 && v.alias?.aliasname ? v.alias.aliasname : names[names.length - 1]!));
    types.push(r.out?.[0]?.type ?? r.type);
  }
  if (v.ordinality) columns.push('ordinality'), types.push('bigint');
  const alias = (v.alias?.colnames ?? []).map((x) => x.String?.sval ?? '');
  alias.forEach((a, i) => {
    if (i < columns.length) columns[i] = a;
  });
  return { columns, types };
}
