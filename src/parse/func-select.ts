/**
 * Which built-in function a call resolves to, as PostgreSQL's parser picks it (parse_func.c func_get_detail over
 * namespace.c FuncnameGetCandidates: variadic and default-argument forms, the exact match, the candidates every
 * argument coerces to implicitly, then func_select_candidate's heuristics over type categories and preferred types),
 * and the common type of a set of expressions (parse_coerce.c select_common_type: CASE, COALESCE, GREATEST).
 * Used to print what PostgreSQL prints back: the implicit casts it adds to arguments and branches, and the
 * `VARIADIC ARRAY[…]` it makes of a variadic function's trailing arguments (./coercion.ts).
 *
 * A call is resolved only when every supported major decides it alike: the candidates are those of every major's
 * catalog (./catalog), and the one chosen must exist in every major; anything else is undefined (left as written).
 *
 * In:  a function name, argument types (typnames; `unknown` for an untyped literal), domain flags. Out: the chosen
 * signature with its arguments as matched, or undefined. Never: reads a database, knows user types.
 */
import { builtinCatalog, type FunctionSignature } from './catalog/index.js';
import { BUILTIN_MAJORS } from './catalog/builtins.js';
import { TYPE_CATEGORIES } from './catalog/extensions.js';

/**
 * pg_type.typcategory and typispreferred of the built-in types that are not arrays, from the generated snapshot
 * (./catalog/extensions.ts TYPE_CATEGORIES, `*`: preferred); an entry some majors lack (`@N`) counts too: a name is
 * one type in every major that has it.
 */
const CATEGORIES = new Map<string, [string, boolean]>();
for (const [cat, list] of Object.entries(TYPE_CATEGORIES)) for (const e of list.split(' ')) {
  const t = e.replace(/@\d+$/, '');
  CATEGORIES.set(t.replace('*', ''), [cat, t.endsWith('*')]);
}

/** typcategory and typispreferred of a built-in typname (`U`, not preferred, for the others: json, uuid, bytea …). */
export function typeCategory(t: string): [string, boolean] {
  if (t.startsWith('_') || t === 'int2vector' || t === 'oidvector') return ['A', false];
  return CATEGORIES.get(t) ?? ['U', false];
}

/**
 * What candidate selection reads of types: implicit coercion and category. The built-in catalog's by default; the
 * extensions' added by ./ext-catalog.ts.
 */
export interface TypeEnv {
  coerces(from: string, to: string): boolean;
  category(t: string): [string, boolean];
}

/** The built-in types alone. */
const BUILTIN_ENV: TypeEnv = { coerces: (from, to) => builtinCatalog().coerces(from, to), category: typeCategory };

const POLYMORPHIC = /^any/;

/** An argument's type: its typname (a domain's base type for a domain) and whether it is a domain. */
export interface ArgType {
  readonly type: string;
  readonly domain?: boolean;
}

/** A candidate as FuncnameGetCandidates gives it: the declared signature, its arguments as matched, how many variadic ones. */
export interface Resolved {
  readonly sig: FunctionSignature;
  /** The argument types the call's arguments are matched with (variadic ones expanded to the element type). */
  readonly args: readonly string[];
  /** The number of arguments merged into the variadic array (0: none, or a VARIADIC "any" function). */
  readonly nvargs: number;
}

/** The candidates of `sigs` for `n` arguments: each signature as is, with its defaults left out, or its variadic expanded. */
function expand(sigs: readonly FunctionSignature[], n: number): (Resolved & { ambiguous?: boolean })[] {
  const out = new Map<string, Resolved & { ambiguous?: boolean }>();
  for (const sig of sigs) {
    const p = sig.args.length;
    let args: string[];
    let nvargs = 0;
    if (sig.variadic && p <= n) {
      const last = sig.args[p - 1]!;
      const elem = last === 'any' ? 'any' : last.startsWith('_') ? last.slice(1) : last === 'anyarray' ? 'anyelement' : last === 'anycompatiblearray' ? 'anycompatible' : undefined;
      if (elem === undefined) continue;
      args = [...sig.args.slice(0, p - 1), ...Array<string>(n - p + 1).fill(elem)];
      nvargs = last === 'any' ? 0 : n - p + 1;
    } else if (p > n && n + sig.defaults >= p) args = sig.args.slice(0, n);
    else if (p === n) args = [...sig.args];
    else continue;
    const key = args.join(',');
    const prev = out.get(key);
    const variadic = sig.variadic && p <= n;
    if (!prev) out.set(key, { sig, args, nvargs });
    else {
      // namespace.c: a plain match is preferred to a variadic one with the same arguments; otherwise ambiguous.
      const prevVariadic = prev.sig.variadic && prev.sig.args.length <= n;
      if (variadic && !prevVariadic) continue;
      if (!variadic && prevVariadic) out.set(key, { sig, args, nvargs });
      else out.set(key, { ...prev, ambiguous: true });
    }
  }
  return [...out.values()];
}

/**
 * check_generic_type_consistency, in part: the arguments at `anyelement`-family positions bind one element type
 * (an `anyarray` argument its element's); the `anycompatible` family, ranges and multiranges are not checked here.
 */
function consistent(declared: readonly string[], types: readonly string[]): boolean {
  let elem: string | undefined;
  for (let i = 0; i < declared.length; i++) {
    const d = declared[i]!, t = types[i]!;
    if (t === 'unknown') continue;
    const e = /^any(element|nonarray|enum)$/.test(d) ? t : d === 'anyarray' ? (t.startsWith('_') ? t.slice(1) : undefined) : null;
    if (e === null) continue;
    if (e === undefined || (elem !== undefined && elem !== e)) return false;
    elem = e;
  }
  return true;
}

/** All majors' signatures of a built-in function name (each once), and whether a signature exists in every major. */
const signatureCache = new Map<string, { all: FunctionSignature[]; everywhere: (s: FunctionSignature) => boolean }>();
function signatures(name: string): { all: FunctionSignature[]; everywhere: (s: FunctionSignature) => boolean } {
  let hit = signatureCache.get(name);
  if (!hit) signatureCache.set(name, (hit = readSignatures(name)));
  return hit;
}
function readSignatures(name: string): { all: FunctionSignature[]; everywhere: (s: FunctionSignature) => boolean } {
  const seen = new Map<string, FunctionSignature>();
  const key = (s: FunctionSignature) => `${s.args.join(',')}|${s.variadic}|${s.defaults}`;
  for (const m of BUILTIN_MAJORS) for (const s of builtinCatalog(m).functions(name)) if (!seen.has(key(s))) seen.set(key(s), s);
  const common = new Set(builtinCatalog().functions(name).map(key));
  return { all: [...seen.values()], everywhere: (s) => common.has(key(s)) };
}

/**
 * func_select_candidate over candidates that every argument coerces to: the most exact matches, then the most
 * exact-or-preferred matches (preferred within the argument's category), then the unknown arguments' categories
 * (string first), then the unknown arguments read as the one known type. One candidate, or undefined. `env`: the
 * types' coercions and categories (the built-in ones by default).
 *
 * @example
 * selectCandidate([{ args: ['public.hstore', 'text'] }, { args: ['public.hstore', '_text'] }], ['public.hstore', 'unknown'], env) // the text one
 */
export function selectCandidate<T extends { readonly args: readonly string[] }>(cands: readonly T[], inputs: readonly string[], env: TypeEnv = BUILTIN_ENV): T | undefined {
  const { coerces, category: typeCategory } = env;
  let left = [...cands];
  const most = (score: (c: T) => number) => {
    const best = Math.max(...left.map(score));
    left = left.filter((c) => score(c) === best);
  };
  const known = (i: number) => inputs[i] !== 'unknown';
  most((c) => c.args.filter((a, i) => known(i) && a === inputs[i]).length);
  if (left.length === 1) return left[0];
  most((c) => c.args.filter((a, i) => known(i) && (a === inputs[i] || (typeCategory(a)[1] && typeCategory(a)[0] === typeCategory(inputs[i]!)[0]))).length);
  if (left.length === 1) return left[0];
  if (!inputs.includes('unknown')) return undefined;
  let resolved = true;
  const slot: [string, boolean][] = [];
  inputs.forEach((t, i) => {
    if (t !== 'unknown' || !resolved) return;
    let cat: string | undefined, pref = false, conflict = false;
    for (const c of left) {
      const [k, p] = typeCategory(c.args[i]!);
      if (cat === undefined) (cat = k), (pref = p);
      else if (k === cat) pref ||= p;
      else if (k === 'S') (cat = k), (pref = p);
      else conflict = true;
    }
    if (conflict && cat !== 'S') resolved = false;
    slot[i] = [cat!, pref];
  });
  if (resolved) {
    const kept = left.filter((c) => inputs.every((t, i) => {
      if (t !== 'unknown') return true;
      const [k, p] = typeCategory(c.args[i]!);
      return k === slot[i]![0] && (!slot[i]![1] || p);
    }));
    if (kept.length === 1) return kept[0];
    if (kept.length) left = kept;
  }
  const knownTypes = new Set(inputs.filter((t) => t !== 'unknown'));
  if (knownTypes.size !== 1) return undefined;
  const only = [...knownTypes][0]!;
  const fit = left.filter((c) => c.args.every((a) => coerces(only, a)));
  return fit.length === 1 ? fit[0] : undefined;
}

/**
 * The built-in function `name` called with arguments of types `inputs` resolves to, when PostgreSQL 13–18 all decide
 * it alike; undefined when ambiguous, not found, or a call PostgreSQL may read as a cast (`text(x)`).
 *
 * @example
 * resolveFunction('date_trunc', [{ type: 'unknown' }, { type: 'date' }])?.args // ['text', 'timestamptz']
 * resolveFunction('jsonb_extract_path_text', [{ type: 'jsonb' }, { type: 'unknown' }, { type: 'unknown' }])?.nvargs // 2
 */
export function resolveFunction(name: string, inputs: readonly ArgType[]): Resolved | undefined {
  const { all, everywhere } = signatures(name);
  if (!all.length) return undefined;
  const n = inputs.length;
  const cands = expand(all, n);
  const raw = inputs.map((a) => (a.domain ? `\u0000${a.type}` : a.type));
  const types = inputs.map((a) => a.type);
  const exact = cands.filter((c) => c.args.every((a, i) => a === raw[i]));
  let chosen: (Resolved & { ambiguous?: boolean }) | undefined;
  if (exact.length === 1) chosen = exact[0];
  else if (exact.length > 1) return undefined;
  else {
    // func_get_detail: a one-argument call named after a type may be a cast (`text(x)`, `int4(x)`): left alone.
    if (n === 1 && builtinCatalog().typeName(name) !== undefined) return undefined;
    const coerces = builtinCatalog().coerces;
    const fit = cands.filter((c) => c.args.every((a, i) => coerces(types[i]!, a)) && consistent(c.args, types));
    chosen = fit.length === 1 ? fit[0] : fit.length > 1 ? selectCandidate(fit, types) : undefined;
  }
  if (!chosen || chosen.ambiguous || !everywhere(chosen.sig)) return undefined;
  return { sig: chosen.sig, args: chosen.args, nvargs: chosen.nvargs };
}

/**
 * select_common_type: the type CASE branches, COALESCE or GREATEST/LEAST arguments are coerced to (typnames;
 * `unknown` for an untyped literal, a domain as its base type unless all are that same domain). Undefined when the
 * categories differ or a type is not built-in.
 *
 * @example
 * commonType([{ type: 'int4' }, { type: 'numeric' }]) // 'numeric'
 * commonType([{ type: 'timestamp' }, { type: 'timestamptz' }]) // 'timestamptz'
 */
export function commonType(inputs: readonly ArgType[]): ArgType | undefined {
  const first = inputs[0];
  if (!first) return undefined;
  if (first.type !== 'unknown' && inputs.every((x) => x.type === first.type && !!x.domain === !!first.domain)) return first;
  const coerces = builtinCatalog().coerces;
  let p = 'unknown';
  for (const x of inputs) {
    const t = x.type;
    if (t === 'unknown' || t === p) continue;
    if (p === 'unknown') {
      p = t;
      continue;
    }
    const [pc, pp] = typeCategory(p);
    const [nc] = typeCategory(t);
    if (nc !== pc || pc === 'U' || pc === 'P') return undefined;
    if (!pp && coerces(p, t) && !coerces(t, p)) p = t;
  }
  return { type: p === 'unknown' ? 'text' : p };
}

/** Whether a typname is polymorphic (`anyelement`, `anycompatiblearray` …: the call binds it, no cast is printed). */
export const isPolymorphic = (t: string): boolean => POLYMORPHIC.test(t);
