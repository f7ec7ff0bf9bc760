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

/** The members of a Model's extensions, in their schemas. */
export interface ExtensionCatalog {
  /** The name a type spelling resolves to here: an extension type's key (`public.citext`, `_public.citext`) or a built-in typname. */
  typeName(spelling: string): string | undefined;
  /** The operators of a name the extensions create. */
  operators(name: string): readonly ExtensionOperator[];
  /** Candidate selection's view of types: implicit casts and categories, the extensions' with the built-in ones. */
  readonly env: TypeEnv;
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
  return { typeName, operators: (name) => operators.get(name) ?? [], env };
}

/** A candidate operator: its operand types, and the schema it is in (undefined: pg_catalog's). */
interface Candidate { readonly args: readonly [string, string]; readonly schema?: string }

/**
 * The schema of the extension operator an unqualified `name` over operands typed `left` and `right` (names as above;
 * `unknown` for an untyped literal; `left` '' for a prefix operator) resolves to through `searchPath`, as
 * parse_oper.c decides it; undefined when it is pg_catalog's, or not decided here (an operand's type unknown, no
 * extension operator of that name visible, candidates left ambiguous).
 *
 * @example
 * operatorSchemaOf(extensionCatalog(model.extensions), ['public'], '=', 'public.citext', 'unknown') // 'public'
 * operatorSchemaOf(extensionCatalog(model.extensions), ['public'], '=', 'public.citext', 'text')    // undefined (text = text)
 */
export function operatorSchemaOf(cat: ExtensionCatalog, searchPath: readonly string[], name: string, left: string, right: string): string | undefined {
  const path = new Set(searchPath);
  const own = cat.operators(name).filter((o) => path.has(o.schema) && (o.left === '') === (left === ''));
  if (!own.length) return undefined;
  // OpernameGetCandidates: pg_catalog first (unless the path names it later), then the path's order; one operator per
  // signature, the first found.
  const order = (s: string | undefined) => (s === undefined ? -1 : searchPath.indexOf(s));
  const bySig = new Map<string, Candidate>();
  const all: Candidate[] = [
    ...builtinCatalog().operators(name).filter(([l]) => (l === '') === (left === '')).map(([l, r]) => ({ args: [l, r] as const })),
    ...own.map((o) => ({ args: [o.left, o.right] as const, schema: o.schema })),
  ];
  for (const c of all.sort((a, b) => order(a.schema) - order(b.schema))) if (!bySig.has(c.args.join())) bySig.set(c.args.join(), c);
  const cands = [...bySig.values()];
  // binary_oper_exact: both operands' types, or an untyped literal taken as the other operand's type.
  const [l, r] = left === 'unknown' && right !== 'unknown' ? [right, right] : right === 'unknown' && left !== 'unknown' && left !== '' ? [left, left] : [left, right];
  const exact = cands.find((c) => c.args[0] === l && c.args[1] === r);
  if (exact) return exact.schema;
  if (left === 'unknown' && right === 'unknown') return undefined;
  const inputs = left === '' ? [right] : [left, right];
  const args = (c: Candidate) => (left === '' ? [c.args[1]] : [...c.args]);
  const fit = cands.filter((c) => args(c).every((a, i) => cat.env.coerces(inputs[i]!, a))).map((c) => ({ ...c, args: args(c) }));
  const chosen = fit.length === 1 ? fit[0] : fit.length > 1 ? selectCandidate(fit, inputs, cat.env) : undefined;
  return chosen?.schema;
}
