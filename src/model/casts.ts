/**
 * What PostgreSQL does when a column (or a typed table's column, through its type's attribute) changes type: which
 * cast converts the values (PostgreSQL's find_coercion_pathway), whether ALTER COLUMN … TYPE needs USING for it,
 * whether it rewrites the table, or whether no cast exists at all.
 *
 * The built-in casts are pg_cast as generated from the servers (./cast-table.ts, by scripts/pg-catalog-snapshot.ts); a Model's own
 * `CREATE CAST`s come first when one is given. The rules PostgreSQL adds to pg_cast, in its order:
 *  - a domain converts as its base type (the domain's checks apply on the way in), a typmod is not a type;
 *  - a pg_cast entry for the two types decides alone (its context, its method);
 *  - else two array types convert by their elements' cast, in its context;
 *  - else the automatic I/O conversion: any type to a string type (text, varchar, bpchar, name) in assignment
 *    context, a string type to any type explicitly.
 */
import { CAST_MAJORS, CAST_STRING_TYPES, CAST_TABLE } from './cast-table.js';
import { objectKey } from './objects.js';
import type { CatalogObject } from './catalog-types.js';
import type { Model } from './types.js';

/** How PostgreSQL converts one type to another: the weakest context it applies in, and how. */
export interface CastPath {
  /** `i` implicit, `a` assignment (ALTER COLUMN … TYPE without USING), `e` explicit only (`::`, USING). */
  readonly context: 'i' | 'a' | 'e';
  /** `f` a function, `b` binary coercible (no work), `i` through the text form (I/O functions). */
  readonly method: 'f' | 'b' | 'i';
  /** A `CREATE CAST` of a Model's: its key (`cast (integer AS public.pair)`), for the plan to order the retype by it. */
  readonly user?: string;
}

/** pg_cast per major (a major not generated sees what every generated major has), keyed `source>target` (format_type spellings). */
const tables = new Map<number | undefined, Map<string, CastPath>>();
function builtinCasts(major?: number): Map<string, CastPath> {
  const key = major !== undefined && CAST_MAJORS.includes(major) ? major : undefined;
  let m = tables.get(key);
  if (!m) {
    const all = (1 << CAST_MAJORS.length) - 1;
    const bit = key === undefined ? all : 1 << CAST_MAJORS.indexOf(key);
    m = new Map();
    for (const e of CAST_TABLE) {
      const [body, mask] = e.includes('@') ? [e.slice(0, e.lastIndexOf('@')), Number(e.slice(e.lastIndexOf('@') + 1))] : [e, all];
      if ((mask & bit) !== bit) continue;
      const [pair, context, method] = body.split(':') as [string, CastPath['context'], CastPath['method']];
      m.set(pair, { context, method });
    }
    tables.set(key, m);
  }
  return m;
}
const STRING = new Set(CAST_STRING_TYPES.map((e) => e.replace(/@\d+$/, '')));

/** A type spelling without its typmod: `character varying(20)` → `character varying`, `numeric(10,2)[]` → `numeric[]`. */
const bare = (t: string) => t.trim().replace(/\s*\([^()]*\)/g, '');
const isArray = (t: string) => /\[\d*\]$/.test(t.trim());
const element = (t: string) => t.trim().replace(/\s*\[\d*\]$/, '');

/** The Models that define the types and casts (the current and the desired state: either may have a domain). */
export type CastModels = Model | readonly Model[] | undefined;
const list = (m: CastModels): readonly Model[] => (m === undefined ? [] : Array.isArray(m) ? m : [m as Model]);
const typeOf = (m: CastModels, key: string) => list(m).map((x) => x.types[key]).find((d) => d !== undefined);

/** The type a spelling converts as: a domain's base type (recursively), without typmod. */
function baseOf(t: string, model: CastModels): string {
  for (let i = 0, s = bare(t); i < 16; i++) {
    const d = typeOf(model, s);
    if (d?.kind !== 'domain') return s;
    s = bare(d.baseType);
  }
  return bare(t);
}

/** The `CREATE CAST` from base type `f` to base type `g` of the first Model of `model` that has one. */
function userCast(f: string, g: string, model: CastModels): Extract<CatalogObject, { kind: 'cast' }> | undefined {
  for (const m of list(model)) {
    for (const o of Object.values(m.objects ?? {})) if (o.kind === 'cast' && baseOf(o.source, model) === f && baseOf(o.target, model) === g) return o;
  }
  return undefined;
}

/**
 * How PostgreSQL converts `from` to `to` (format_type spellings, as columns carry them), or undefined when it cannot
 * at all (`time` → `timestamp`, `boolean` → `date`). `model` gives domains and `CREATE CAST`s; `major` the server's
 * pg_cast (default: what every generated major has).
 *
 * @example
 * castPath('bigint', 'integer')                       // { context: 'a', method: 'f' }
 * castPath('text', 'integer')                         // { context: 'e', method: 'i' } (I/O conversion)
 * castPath('time without time zone', 'timestamp without time zone') // undefined
 */
export function castPath(from: string, to: string, model?: CastModels, major?: number): CastPath | undefined {
  const [f, g] = [baseOf(from, model), baseOf(to, model)];
  if (f === g) return { context: 'i', method: 'b' };
  // A CREATE CAST of the first Model that has one (the planner gives the desired state first: the retype waits for a
  // cast it creates, and one only the current state has is dropped after the retype: ../plan/edges.ts `castIds`).
  const user = userCast(f, g, model);
  if (user) return { context: user.context === 'implicit' ? 'i' : user.context === 'assignment' ? 'a' : 'e', method: user.method === 'function' ? 'f' : user.method === 'binary' ? 'b' : 'i', user: objectKey(user) };
  const entry = builtinCasts(major).get(`${f}>${g}`);
  if (entry) return entry;
  if (isArray(f) && isArray(g)) {
    const e = castPath(element(f), element(g), model, major);
    if (e) return { context: e.context, method: e.method === 'b' ? 'b' : 'f', ...(e.user ? { user: e.user } : {}) };
  }
  if (STRING.has(g)) return { context: 'a', method: 'i' };
  if (STRING.has(f)) return { context: 'e', method: 'i' };
  return undefined;
}

/** The most integer digits a value of an integer type has (numeric(p,s) takes them all when p - s is at least this). */
const INTEGER_DIGITS: Readonly<Record<string, number>> = { smallint: 5, integer: 10, bigint: 19 };

/** What ALTER COLUMN … TYPE does for one type change. */
export interface CastInfo {
  /** USING `col::type` is needed: the cast is explicit only (or none exists: see `none`). */
  readonly using: boolean;
  /** The table is rewritten (the values are converted, not just relabelled). */
  readonly rewrite: boolean;
  /** No cast exists at all: the column can only be dropped and added again (its values lost). */
  readonly none?: boolean;
  /** Converting may fail on existing values (an assignment or explicit cast: overflow, length, text that does not parse). */
  readonly mayFail?: boolean;
}

/**
 * What changing a column from `from` to `to` takes (see `castPath`; `model` gives domains and `CREATE CAST`s).
 *
 * @example
 * castInfo('character varying(10)', 'character varying(20)') // { using: false, rewrite: false }
 * castInfo('numeric', 'integer')                             // { using: false, rewrite: true, mayFail: true }
 * castInfo('integer', 'text')                                // { using: false, rewrite: true }
 * castInfo('integer', 'numeric(5,2)')                         // { using: false, rewrite: true, mayFail: true } (overflow)
 * castInfo('integer', 'boolean')                             // { using: true, rewrite: true, mayFail: true }
 * castInfo('time without time zone', 'timestamp without time zone') // { using: true, rewrite: true, none: true }
 */
export function castInfo(from: string, to: string, model?: CastModels, major?: number): CastInfo {
  const len = (t: string) => Number(/\((\d+)\)/.exec(t)?.[1] ?? Infinity);
  const num = (t: string) => /\((\d+),(\d+)\)/.exec(t);
  const [f, g] = [bare(from), bare(to)];
  // The same type with another typmod: its length coercion, relabelled where the new typmod admits every old value.
  if (f === g && f === 'character varying') return { using: false, rewrite: len(to) < len(from), mayFail: len(to) < len(from) };
  if (f === 'numeric' && g === 'numeric') {
    const a = num(from);
    const b = num(to);
    return { using: false, rewrite: !(a && b && a[2] === b[2] && Number(b[1]) >= Number(a[1])) && !(a && !b), mayFail: !!b && Number(b[1]) - Number(b[2]) < Number(a?.[1] ?? Infinity) - Number(a?.[2] ?? 0) };
  }
  // char(n) and bit varying(n) refuse a longer value, bit(n) one of another length (a length coercion: a rewrite).
  if (f === g && (f === 'character' || f === 'bit varying' || f === 'bit')) {
    const fails = f === 'bit' ? len(to) !== len(from) : len(to) < len(from);
    return { using: false, rewrite: true, ...(fails ? { mayFail: true } : {}) };
  }
  if (f === g) return { using: false, rewrite: true };
  const path = castPath(from, to, model, major);
  if (!path) return { using: true, rewrite: true, none: true };
  // A length coercion follows the cast to a type with a typmod (varchar(n), char(n), bit(n); `character` and `bit`
  // alone are of length 1): the values are checked (a rewrite), and so they are on the way into a constrained domain.
  const typmod = /\(/.test(to) || g === 'character' || g === 'bit';
  const rewrite = path.method !== 'b' || typmod || constrainedDomain(to, model);
  // Conversions that can refuse a value: explicit and assignment casts (overflow, text that does not parse), except to
  // a string type (every value has a text form), and lengths (varchar(n), char(n)).
  const toString = ['text', 'character varying', 'character', 'name'].includes(g);
  // numeric(p,s) refuses a value with more than p-s integer digits: an integer type's widest fits or not.
  const p = num(to);
  const numericOverflow = g === 'numeric' && !!p && Number(p[1]) - Number(p[2]) < (INTEGER_DIGITS[baseOf(from, model)] ?? Infinity);
  const mayFail = (path.context !== 'i' && !toString) || (typmod && ['character varying', 'character', 'bit', 'bit varying'].includes(g)) || numericOverflow || constrainedDomain(to, model);
  return { using: path.context === 'e', rewrite, ...(mayFail ? { mayFail: true } : {}) };
}

/**
 * Whether `t` is a domain of `model` (or over one) with checks or NOT NULL: converting to it (or adding a column of
 * it) checks every value.
 *
 * @example constrainedDomain('public.posint', model) // true for CREATE DOMAIN posint AS integer CHECK (VALUE > 0)
 */
export function constrainedDomain(t: string, model: CastModels): boolean {
  const d = typeOf(model, bare(t));
  return d?.kind === 'domain' && (d.checks.length > 0 || d.notNull || constrainedDomain(d.baseType, model));
}

/**
 * Whether PostgreSQL converts `from` to `to` by an assignment (or implicit) cast, as a column conversion without
 * USING does (an `ALTER TYPE … ALTER ATTRIBUTE … TYPE … CASCADE` on typed tables has no USING).
 *
 * @example castByAssignment('bigint', 'integer') // true
 * castByAssignment('text', 'integer') // false
 */
export function castByAssignment(from: string, to: string, model?: CastModels): boolean {
  return !castInfo(from, to, model).using;
}
