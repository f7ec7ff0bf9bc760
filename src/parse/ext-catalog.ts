/**
 * What the extensions a schema creates bring to expressions, for the native fold: their types (category, preferred),
 * operators (operand and result types), functions and casts, read from the generated snapshot of the extensions
 * PostgreSQL ships (./catalog/extensions.ts, written by scripts/pg-extension-snapshot.ts) and placed in the schema each
 * extension is created in. PostgreSQL's parser picks an extension's operator over a built-in one when it fits the
 * operands better (`email = 'a'`, email citext, is citext's `=(citext,citext)`) and prints it qualified under the
 * inspector's empty search_path (`email OPERATOR(public.=) 'a'::public.citext`); `operatorSchema` decides that here, as
 * parse_oper.c does (binary_oper_exact, then oper_select_candidate over every visible operator of the name).
 *
 * An extension type is named as a Model spells it (`public.citext`; `_public.citext` its array, as pg_type names
 * arrays), the built-in ones by typname (`int4`, `_text`). Only what every snapshot major has is used: an extension or
 * member some majors lack is left unknown (resolution then stays undecided, as before).
 *
 * In:  a Model's extensions (name → schema), a search_path, operand types. Out: a schema, or undefined.
 * Never: I/O.
 */
import type { Model } from '../model/types.js';
import { qualifiedKey } from '../model/names.js';
import { builtinCatalog } from './catalog/index.js';
import { EXTENSION_MEMBER_MAJORS, EXTENSION_MEMBERS } from './catalog/extensions.js';
import { selectCandidate, typeCategory, type TypeEnv } from './func-select.js';

/** One operator an extension creates, placed in its schema (types as named above). */
export interface ExtensionOperator {
  readonly schema: string;
  readonly left: string;
  readonly right: string;
  readonly result: string;
}

/** One function an extension creates, placed in its schema: argument types (names as above), result, set-returning. */
export interface ExtensionFunction {
  readonly schema: string;
  readonly args: readonly string[];
  /** How many trailing arguments have defaults. */
  readonly defaults: number;
  readonly variadic: boolean;
  readonly result: string;
  readonly set: boolean;
}

/** The members of a Model's extensions, in their schemas. */
export interface ExtensionCatalog {
  /** The name a type spelling resolves to here: an extension type's key (`public.citext`, `_public.citext`) or a built-in typname. */
  typeName(spelling: string): string | undefined;
  /** The operators of a name the extensions create. */
  operators(name: string): readonly ExtensionOperator[];
  /** The functions of a name the extensions create. */
  functions(name: string): readonly ExtensionFunction[];
  /** Candidate selection's view of types: implicit casts and categories, the extensions' with the built-in ones. */
  readonly env: TypeEnv;
  /** The operator classes of a name the extensions create (an index method's, its input type as named above). */
  opclasses(name: string): readonly ExtensionOpclass[];
}

/** One operator class an extension creates, placed in its schema: its index method, input type, whether it is the default. */
export interface ExtensionOpclass {
  readonly schema: string;
  readonly method: string;
  readonly type: string;
  readonly default: boolean;
}

const ALL = (1 << EXTENSION_MEMBER_MAJORS.length) - 1;
/** An entry without an `@N` tag, or with every major's bit: what every snapshot major has (undefined otherwise). */
function everywhere(e: string): string | undefined {
  const at = e.lastIndexOf('@');
  if (at <= 0 || !/^\d+$/.test(e.slice(at + 1))) return e;
  return Number(e.slice(at + 1)) === ALL ? e.slice(0, at) : undefined;
}
const entries = (text: string | undefined): string[] => (text ? text.split(' ').map(everywhere).filter((e): e is string => e !== undefined) : []);

/** Extension name → its snapshot members (the majors that lack it left out). */
const MEMBERS = new Map(Object.entries(EXTENSION_MEMBERS).map(([k, v]) => [everywhere(k), v] as const).filter((x): x is [string, (typeof EXTENSION_MEMBERS)[string]] => x[0] !== undefined));
/** Extension type name → the extension that creates it, and its `category` / `preferred` / domain base. */
const TYPE_OWNER = new Map<string, { ext: string; category: string; preferred: boolean; base?: string }>();
for (const [ext, m] of MEMBERS) for (const t of entries(m.t)) {
  const [, name, cat, star, base] = /^([^:]+):(.)(\*?)(?:=(.*))?$/.exec(t)!;
  TYPE_OWNER.set(name!, { ext, category: cat!, preferred: star === '*', ...(base ? { base } : {}) });
}

const cache = new Map<string, ExtensionCatalog>();

/**
 * The catalog of the extensions `extensions` creates (memoised by their names and schemas).
 *
 * @example
 * const cat = extensionCatalog({ citext: { kind: 'extension', name: 'citext', schema: 'public' } });
 * cat.operators('=')        // [{ schema: 'public', left: 'public.citext', right: 'public.citext', result: 'bool' }]
 * cat.env.coerces('public.citext', 'text') // true (an implicit cast)
 */
/**
 * Whether a type named `name` (unqualified) may be one of `extensions`' types: one whose snapshot lists it, or any
 * name when one of them is not in the snapshot (an extension outside contrib, such as postgis: its types are not
 * known here). False means no extension the file creates defines it: a typo, which the native checks report.
 *
 * @example
 * extensionMayDefine('cube', { cube: { name: 'cube', schema: 'public' } }) // true
 * extensionMayDefine('int44', { cube: { name: 'cube', schema: 'public' } }) // false
 */
export function extensionMayDefine(name: string, extensions: Model['extensions']): boolean {
  const created = Object.values(extensions).map((e) => e.name);
  if (created.some((e) => !MEMBERS.has(e))) return true;
  const owner = TYPE_OWNER.get(name)?.ext;
  return owner !== undefined && created.includes(owner);
}

export function extensionCatalog(extensions: Model['extensions']): ExtensionCatalog {
  const placed = Object.values(extensions).filter((e) => MEMBERS.has(e.name)).map((e) => [e.name, e.schema] as const).sort();
  const key = JSON.stringify(placed);
  let c = cache.get(key);
  if (!c) cache.set(key, (c = build(new Map(placed))));
  return c;
}

function build(schemaOf: ReadonlyMap<string, string>): ExtensionCatalog {
  const builtin = builtinCatalog();
  /** A snapshot type reference (`%citext`, `%_citext`, `int4`) as named here; undefined when its extension is not created. */
  const ref = (t: string): string | undefined => {
    if (!t.startsWith('%')) return t;
    const array = t.startsWith('%_');
    const name = t.slice(array ? 2 : 1);
    const owner = TYPE_OWNER.get(name);
    const schema = owner && schemaOf.get(owner.ext);
    return schema === undefined ? undefined : `${array ? '_' : ''}${qualifiedKey(schema, name)}`;
  };
  const types = new Map<string, { category: string; preferred: boolean }>();
  const casts = new Set<string>();
  const operators = new Map<string, ExtensionOperator[]>();
  const functions = new Map<string, ExtensionFunction[]>();
  const opclasses = new Map<string, ExtensionOpclass[]>();
  for (const [ext, schema] of schemaOf) {
    const m = MEMBERS.get(ext)!;
    for (const t of entries(m.t)) {
      const name = t.slice(0, t.indexOf(':'));
      const o = TYPE_OWNER.get(name)!;
      types.set(qualifiedKey(schema, name), { category: o.category, preferred: o.preferred });
    }
    for (const c of entries(m.c)) {
      const [, s, t, ctx] = /^(.+)>(.+):(.)$/.exec(c)!;
      const [from, to] = [ref(s!), ref(t!)];
      if (ctx === 'i' && from !== undefined && to !== undefined) casts.add(`${from}>${to}`);
    }
    for (const [name, text] of Object.entries(m.o ?? {})) for (const e of entries(text)) {
      const [sig, res] = e.split('>') as [string, string];
      const [l, r] = sig.split(',') as [string, string];
      const [left, right, result] = [l === '' ? '' : ref(l), ref(r), ref(res)];
      if (left === undefined || right === undefined || result === undefined) continue;
      operators.set(name, [...(operators.get(name) ?? []), { schema, left, right, result }]);
    }
    for (const [name, text] of Object.entries(m.f ?? {})) for (const e of entries(text)) {
      const [, list, d, set, res] = /^([^=>]*)(?:=(\d+))?>(\*?)(.+)$/.exec(e)!;
      const raw = list === '-' ? [] : list!.split(',');
      const variadic = raw.length > 0 && raw.at(-1)!.startsWith('+');
      const args = raw.map((a) => ref(a.replace(/^\+/, '')));
      const result = ref(res!);
      if (result === undefined || args.some((a) => a === undefined)) continue;
      functions.set(name, [...(functions.get(name) ?? []), { schema, args: args as string[], defaults: Number(d ?? 0), variadic, result, set: set === '*' }]);
    }
    for (const e of entries(m.k)) {
      const [name, method, t, d] = e.split(':') as [string, string, string, string | undefined];
      const type = ref(t);
      if (type !== undefined) opclasses.set(name, [...(opclasses.get(name) ?? []), { schema, method, type, default: d === 'd' }]);
    }
  }
  // A domain over an extension type (earthdistance's earth over cube) is typed as its base type.
  const typeName = (spelling: string): string | undefined => {
    const s = spelling.trim();
    if (s.endsWith('[]')) {
      const elem = typeName(s.slice(0, -2));
      return elem === undefined ? undefined : elem.startsWith('_') ? undefined : `_${elem}`;
    }
    return types.has(s) ? s : builtin.typeName(s);
  };
  const env: TypeEnv = {
    coerces: (from, to) => builtin.coerces(from, to) || casts.has(`${from}>${to}`),
    category: (t) => {
      const x = types.get(t);
      return x ? [x.category, x.preferred] : typeCategory(t);
    },
  };
  return { typeName, operators: (name) => operators.get(name) ?? [], functions: (name) => functions.get(name) ?? [], env, opclasses: (name) => opclasses.get(name) ?? [] };
}

/** A candidate operator: its operand types, the schema it is in (undefined: pg_catalog's) and its result (an extension's). */
interface Candidate { readonly args: readonly [string, string]; readonly schema?: string; readonly result?: string }

/** The operator an unqualified name resolves to (see `resolveOperator`): its schema (undefined: pg_catalog's) and result. */
export interface ResolvedOperator {
  readonly schema?: string;
  /** Its result type as named here (an extension's operator only). */
  readonly result?: string;
}

/**
 * The operator an unqualified `name` over operands typed `left` and `right` (names as above; `unknown` for an untyped
 * literal; `left` '' for a prefix operator) resolves to through `searchPath`, as parse_oper.c decides it, when the
 * extensions have a visible operator of that name: its schema when it is an extension's (undefined for pg_catalog's)
 * and then its result. Undefined when no extension operator of that name is visible or it is not decided here
 * (an operand's type unknown, candidates left ambiguous).
 *
 * @example
 * resolveOperator(extensionCatalog(model.extensions), ['public'], '=', 'public.citext', 'unknown') // { schema: 'public', result: 'bool' }
 * resolveOperator(extensionCatalog(model.extensions), ['public'], '=', 'public.citext', 'text')    // {} (text = text)
 */
export function resolveOperator(cat: ExtensionCatalog, searchPath: readonly string[], name: string, left: string, right: string): ResolvedOperator | undefined {
  const path = new Set(searchPath);
  const own = cat.operators(name).filter((o) => path.has(o.schema) && (o.left === '') === (left === ''));
  if (!own.length) return undefined;
  // OpernameGetCandidates: pg_catalog first (unless the path names it later), then the path's order; one operator per
  // signature, the first found.
  const order = (s: string | undefined) => (s === undefined ? -1 : searchPath.indexOf(s));
  const bySig = new Map<string, Candidate>();
  const all: Candidate[] = [
    ...builtinCatalog().operators(name).filter(([l]) => (l === '') === (left === '')).map(([l, r]) => ({ args: [l, r] as const })),
    ...own.map((o) => ({ args: [o.left, o.right] as const, schema: o.schema, result: o.result })),
  ];
  for (const c of all.sort((a, b) => order(a.schema) - order(b.schema))) if (!bySig.has(c.args.join())) bySig.set(c.args.join(), c);
  const cands = [...bySig.values()];
  const picked = (c: Pick<Candidate, 'schema' | 'result'> | undefined): ResolvedOperator | undefined => c && (c.schema === undefined ? {} : { schema: c.schema, ...(c.result ? { result: c.result } : {}) });
  // binary_oper_exact: both operands' types, or an untyped literal taken as the other operand's type.
  const [l, r] = left === 'unknown' && right !== 'unknown' ? [right, right] : right === 'unknown' && left !== 'unknown' && left !== '' ? [left, left] : [left, right];
  const exact = cands.find((c) => c.args[0] === l && c.args[1] === r);
  if (exact) return picked(exact);
  if (left === 'unknown' && right === 'unknown') return undefined;
  const inputs = left === '' ? [right] : [left, right];
  const args = (c: Candidate) => (left === '' ? [c.args[1]] : [...c.args]);
  const fit = cands.filter((c) => args(c).every((a, i) => cat.env.coerces(inputs[i]!, a))).map((c) => ({ ...c, args: args(c) }));
  return picked(fit.length === 1 ? fit[0] : fit.length > 1 ? selectCandidate(fit, inputs, cat.env) : undefined);
}

/**
 * A name as ./ext-catalog.ts names types (`public.citext`, `_public.citext`, `int4`) in a Model's spelling
 * (`public.citext[]`, `integer`).
 *
 * @example
 * modelSpelling('_public.ltree') // 'public.ltree[]'
 */
export function modelSpelling(t: string): string {
  return t.startsWith('_') ? `${modelSpelling(t.slice(1))}[]` : builtinCatalog().typeName(t) !== undefined ? builtinCatalog().spelling(t) : t;
}

/**
 * The result of a call of the extension function `names` (bare: through `searchPath`; qualified: that schema's) with
 * arguments typed `args` (names as above, `unknown` for an untyped literal, undefined when not known), when the name
 * is no built-in function's (those are resolved by ./func-select.ts) and the candidates every known argument coerces
 * to agree on it; undefined otherwise.
 *
 * @example
 * extensionFunctionResult(cat, ['public'], ['nlevel'], ['public.ltree']) // { result: 'int4', set: false }
 */
export function extensionFunctionResult(cat: ExtensionCatalog, searchPath: readonly string[], names: readonly string[], args: readonly (string | undefined)[]): { result: string; set: boolean } | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length === 1 ? new Set(searchPath) : new Set([names[names.length - 2]!]);
  if (names.length > 2 || builtinCatalog().functions(name).length) return undefined;
  const n = args.length;
  const cands = cat.functions(name).filter((f) => schemas.has(f.schema) && !f.variadic && f.args.length >= n && f.args.length - f.defaults <= n);
  const exact = cands.filter((f) => f.args.slice(0, n).every((a, i) => a === args[i]));
  const fit = exact.length ? exact : cands.filter((f) => f.args.slice(0, n).every((a, i) => args[i] === undefined || cat.env.coerces(args[i]!, a)));
  const first = fit[0];
  return first && fit.every((f) => f.result === first.result && f.set === first.set) && !/^any/.test(first.result) ? { result: first.result, set: first.set } : undefined;
}
