/**
 * The built-in catalog of one PostgreSQL major version, read from the generated snapshot (./builtins.ts,
 * written by scripts/pg-catalog-snapshot.ts): which types, functions (with argument types), operators
 * (with operand types) and implicit casts exist before any schema is loaded.
 *
 * A major the snapshot has (13 to 18) sees exactly its own entries. Any other major, or none (the target's
 * version is not known without connecting), sees only what every snapshot major has: a name that exists in
 * some versions only is then left to the dev database, whose server decides. The functions taking `internal` or
 * `cstring` (./internal-functions.ts, read from fewer majors) follow the same rule over their own majors.
 */
import { BUILTIN_CASTS, BUILTIN_FUNCTIONS, BUILTIN_MAJORS, BUILTIN_OPERATORS, BUILTIN_TYPE_NAMES, BUILTIN_TYPES } from './builtins.js';
import { INTERNAL_FUNCTIONS, INTERNAL_MAJORS } from './internal-functions.js';
import { CATALOG_COLUMN_MAJORS, CATALOG_COLUMNS } from './catalog-columns.js';

/** One built-in function signature: argument type names, how many trailing ones have defaults, variadic. */
export interface FunctionSignature {
  readonly args: readonly string[];
  readonly defaults: number;
  readonly variadic: boolean;
}

export interface BuiltinCatalog {
  /** The major version this catalog is of (undefined: what every snapshot major has). */
  readonly major: number | undefined;
  /** pg_type.typname of a built-in type spelling (`integer` → `int4`, `text[]` → `_text`), or undefined. */
  typeName(spelling: string): string | undefined;
  /** A typname's format_type spelling, the other direction of `typeName` (`int4` → `integer`, `_text` → `text[]`). */
  spelling(typname: string): string;
  /** The signatures of a built-in function name in this version (empty: none). */
  functions(name: string): readonly FunctionSignature[];
  /**
   * The signatures of a built-in function taking `internal` or `cstring` (estimators, planner and type support),
   * which `functions` leaves out: what a definition names (`RESTRICT = eqsel`), never a call in an expression.
   */
  internalFunctions(name: string): readonly FunctionSignature[];
  /** The operand types of a built-in operator name in this version (`''` for a prefix operator's left). */
  operators(name: string): readonly (readonly [string, string])[];
  /** Whether PostgreSQL coerces a value of type `from` to `to` implicitly (typnames; polymorphic targets accept what they may). */
  coerces(from: string, to: string): boolean;
  /**
   * Whether `name` is one of pg_catalog's own tables or views (`pg_class`, `pg_stat_activity`) in this version: a
   * built-in `pg_` type that is a relation's row type, i.e. one no built-in function reads (a base type such as
   * `pg_lsn` has its output function, `pg_lsn_out(pg_lsn)`).
   */
  relation(name: string): boolean;
  /**
   * The columns (name → typname, in order) of one of pg_catalog's tables or views in this version (./catalog-columns.ts);
   * with no major, those every major read has alike. Undefined when not known.
   */
  relationColumns(name: string): ReadonlyMap<string, string> | undefined;
}

/** The types some built-in function takes as an argument (base types: their output and send functions do). */
let argumentTypes: ReadonlySet<string> | undefined;
function functionArgumentTypes(): ReadonlySet<string> {
  if (argumentTypes) return argumentTypes;
  const out = new Set<string>();
  for (const text of [...Object.values(BUILTIN_FUNCTIONS), ...Object.values(INTERNAL_FUNCTIONS)]) {
    for (const e of text.split(' ')) for (const a of untagOver(e, 0)[0].split('=')[0]!.split(',')) out.add(a.replace(/^\+/, ''));
  }
  return (argumentTypes = out);
}

const ALL = (1 << BUILTIN_MAJORS.length) - 1;
/** Splits `entry@mask` into the entry and its bitmask over BUILTIN_MAJORS. */
const untag = (e: string): [string, number] => untagOver(e, ALL);
/** Splits `entry@mask` into the entry and its bitmask over a table's majors (`all`: the mask of every one). */
function untagOver(e: string, all: number): [string, number] {
  const at = e.lastIndexOf('@');
  return at > 0 && /^\d+$/.test(e.slice(at + 1)) ? [e.slice(0, at), Number(e.slice(at + 1))] : [e, all];
}

/** A function signature entry (`int4,int4`, `-`, `text,+any=1`) read. */
function signature(s: string): FunctionSignature {
  const [list, d] = s.split('=') as [string, string | undefined];
  const args = list === '-' ? [] : list.split(',');
  const variadic = args.length > 0 && args.at(-1)!.startsWith('+');
  if (variadic) args[args.length - 1] = args.at(-1)!.slice(1);
  return { args, defaults: Number(d ?? 0), variadic };
}

const cache = new Map<number | undefined, BuiltinCatalog>();
/** typname → format_type spelling, where they differ: BUILTIN_TYPE_NAMES turned around. */
const SPELLINGS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(BUILTIN_TYPE_NAMES).map(([s, t]) => [t, s]));
const spelling = (typname: string): string => (typname.startsWith('_') ? `${spelling(typname.slice(1))}[]` : Object.hasOwn(SPELLINGS, typname) ? SPELLINGS[typname]! : typname);

/**
 * The built-in catalog of `major` (memoised).
 *
 * @example
 * builtinCatalog(15).functions('random_normal')  // [] (PostgreSQL 16+)
 * builtinCatalog(18).functions('random_normal')  // [{ args: ['float8', 'float8'], defaults: 2, variadic: false }]
 * builtinCatalog(18).coerces('int4', 'numeric')  // true
 * builtinCatalog(15).internalFunctions('eqsel')  // [{ args: ['internal', 'oid', 'internal', 'int4'], defaults: 0, variadic: false }]
 */
export function builtinCatalog(major?: number): BuiltinCatalog {
  const key = major !== undefined && BUILTIN_MAJORS.includes(major) ? major : undefined;
  let c = cache.get(key);
  if (!c) cache.set(key, (c = build(key)));
  return c;
}

function build(major: number | undefined): BuiltinCatalog {
  const bit = major === undefined ? ALL : 1 << BUILTIN_MAJORS.indexOf(major);
  const here = (mask: number) => (mask & bit) === bit;
  const types = new Set(BUILTIN_TYPES.map(untag).filter(([, m]) => here(m)).map(([t]) => t));
  const casts = new Set(BUILTIN_CASTS.map(untag).filter(([, m]) => here(m)).map(([t]) => t));
  const fnCache = new Map<string, FunctionSignature[]>();
  const internalCache = new Map<string, FunctionSignature[]>();
  // The internal functions' own majors: this major's bit there, or (a major they lack) every one of them.
  const internalAll = (1 << INTERNAL_MAJORS.length) - 1;
  const internalBit = major !== undefined && INTERNAL_MAJORS.includes(major) ? 1 << INTERNAL_MAJORS.indexOf(major) : internalAll;
  const opCache = new Map<string, [string, string][]>();
  const sigs = (text: string | undefined) => (text ? text.split(' ').map(untag).filter(([, m]) => here(m)).map(([s]) => s) : []);
  const typeName = (spelling: string): string | undefined => {
    let s = spelling.trim().replace(/^pg_catalog\./, '');
    let dims = 0;
    while (/\[\d*\]$/.test(s)) (s = s.replace(/\s*\[\d*\]$/, '')), dims++;
    s = s.replace(/\s*\([^()]*\)(?= with(out)? time zone$)/, '').replace(/\s*\([^()]*\)$/, '');
    const t = BUILTIN_TYPE_NAMES[s] ?? (types.has(s) ? s : /^"[^"]+"$/.test(s) && types.has(s.slice(1, -1)) ? s.slice(1, -1) : undefined);
    if (t === undefined) return undefined;
    return dims ? (types.has(`_${t}`) ? `_${t}` : undefined) : t;
  };
  const coerces = (from: string, to: string): boolean => {
    if (from === to || from === 'unknown' || to === 'any' || to === 'anyelement' || to === 'anycompatible') return true;
    const array = from.startsWith('_');
    if (to === 'anynonarray' || to === 'anycompatiblenonarray') return !array;
    if (to === 'anyarray' || to === 'anycompatiblearray') return array || from === 'int2vector' || from === 'oidvector';
    // `from` is a built-in type (a user type is never known natively): its ranges end in range, multiranges in
    // multirange; there are no built-in enums, and a scalar is not a record.
    if (/^any(compatible)?range$/.test(to)) return /range$/.test(from) && !/multirange$/.test(from);
    if (/^any(compatible)?multirange$/.test(to)) return /multirange$/.test(from);
    if (casts.has(`${from}>${to}`)) return true;
    return array && to.startsWith('_') && casts.has(`${from.slice(1)}>${to.slice(1)}`);
  };
  return {
    major,
    typeName,
    spelling,
    functions(name) {
      let f = fnCache.get(name);
      if (!f) {
        f = sigs(Object.hasOwn(BUILTIN_FUNCTIONS, name) ? BUILTIN_FUNCTIONS[name] : undefined).map(signature);
        fnCache.set(name, f);
      }
      return f;
    },
    internalFunctions(name) {
      let f = internalCache.get(name);
      if (!f) {
        const text = Object.hasOwn(INTERNAL_FUNCTIONS, name) ? INTERNAL_FUNCTIONS[name]! : '';
        f = text ? text.split(' ').map((e) => untagOver(e, internalAll)).filter(([, m]) => (m & internalBit) === internalBit).map(([s]) => signature(s)) : [];
        internalCache.set(name, f);
      }
      return f;
    },
    operators(name) {
      let o = opCache.get(name);
      if (!o) opCache.set(name, (o = sigs(Object.hasOwn(BUILTIN_OPERATORS, name) ? BUILTIN_OPERATORS[name] : undefined).map((s) => s.split(',') as [string, string])));
      return o;
    },
    coerces,
    relation(name) {
      return /^pg_/.test(name) && types.has(name) && !functionArgumentTypes().has(name);
    },
    relationColumns(name) {
      return catalogColumns(name, major);
    },
  };
}

/** The columns of a pg_catalog relation in `major` (one CATALOG_COLUMN_MAJORS has), else those every one has alike. */
function catalogColumns(name: string, major: number | undefined): ReadonlyMap<string, string> | undefined {
  if (!Object.hasOwn(CATALOG_COLUMNS, name)) return undefined;
  const all = (1 << CATALOG_COLUMN_MAJORS.length) - 1;
  const lists = CATALOG_COLUMNS[name]!.map((e) => untagOver(e, all));
  const parse = (list: string) => new Map(list.split(',').map((c) => c.split(':') as [string, string]));
  const at = major === undefined ? -1 : CATALOG_COLUMN_MAJORS.indexOf(major);
  if (at >= 0) {
    const hit = lists.find(([, m]) => m & (1 << at));
    return hit ? parse(hit[0]) : undefined;
  }
  if (lists.reduce((m, [, x]) => m | x, 0) !== all) return undefined;
  const maps = lists.map(([l]) => parse(l));
  return new Map([...maps[0]!].filter(([c, t]) => maps.every((m) => m.get(c) === t)));
}
