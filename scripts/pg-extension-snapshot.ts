/**
 * Writes src/parse/catalog/extensions.ts: what the native fold must know of the types, operators, functions and casts
 * that CREATE EXTENSION brings (citext's `=(citext,citext)`, hstore's `->(hstore,text)`, the implicit cast citext →
 * text …), so it resolves an expression over them as PostgreSQL's parser does (src/parse/ext-catalog.ts), and the type
 * categories and preferred types of pg_catalog (pg_type.typcategory, typispreferred: src/parse/func-select.ts).
 *
 *   npx tsx scripts/pg-extension-snapshot.ts [postgres://… …]
 *
 * Each server given (default: PGlite, and DATABASE_URL when set) is read inside one transaction that is rolled back:
 * every extension it ships (pg_available_extensions, default version) is created (with CASCADE, each in a schema of
 * its own) and its members read from pg_depend (deptype 'e'); an extension that cannot be created there (a library
 * missing) is left out. Pass a scratch database: nothing stays, but the extensions must not be installed there yet.
 * The shipped file was read from PGlite (18) and the machine's PostgreSQL 15.
 *
 * Encoding (read by src/parse/ext-catalog.ts): a type is its pg_type.typname when in pg_catalog (`_text` is text[]),
 * `%name` when an extension's (`%_citext` its array; the names are unique over the extensions read, checked here).
 * Per extension: `t` its types but arrays `name:C` (C its typcategory, `*` when typispreferred; `name:C=base` for a domain),
 * `o` its operators by name, `left,right>result` (left empty for a prefix operator), `f` its functions by name,
 * `args>result` (args joined by `,`, `-` for none, `+` before a VARIADIC one, `=D` after them when the last D have
 * defaults; `*` before a set-returning result), `c` its casts `source>target:context` (i, a, e), `k` its operator classes
 * `name:method:type` (`:d` after a default class: pg_opclass.opcdefault). Functions taking or
 * returning `internal`, `cstring` or a handler (type I/O, index support) are left out: an expression never calls them.
 * As in ./pg-catalog-snapshot.ts, an entry ending in `@N` exists only in the majors of bitmask N over
 * EXTENSION_MEMBER_MAJORS. TYPE_CATEGORIES: pg_catalog's types that are not arrays by typcategory, `*` for preferred
 * (arrays are category A, types not listed U and not preferred). DEFAULT_OPCLASSES: per index access method,
 * pg_catalog's default operator classes (pg_opclass.opcdefault) as `typname=opcname` of their input type.
 */
import { writeFileSync } from 'node:fs';
import type { Database, Queryable } from '../src/db/database.js';
import { add, readServers, serverUrls } from './catalog-servers.js';

interface Ext { types: Set<string>; operators: Map<string, Set<string>>; functions: Map<string, Set<string>>; casts: Set<string>; opclasses: Set<string> }
interface One { major: number; version: string; categories: Map<string, Set<string>>; opclasses: Map<string, Set<string>>; extensions: Map<string, Ext> }

class Rollback extends Error {}

const TYPE_REF = `CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN t.typname::text
  WHEN EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e'
    AND d.objid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END) THEN '%' || t.typname ELSE NULL END`;

async function readExtensions(tx: Queryable, names: readonly string[]): Promise<Map<string, Ext>> {
  const rows = async <T>(sql: string) => (await tx.query<T>(sql)).rows;
  const out = new Map<string, Ext>();
  for (const n of names) {
    try {
      await tx.query(`SAVEPOINT s`);
      await tx.query(`CREATE SCHEMA "x_${n}"`);
      await tx.query(`CREATE EXTENSION IF NOT EXISTS "${n}" WITH SCHEMA "x_${n}" CASCADE`);
      await tx.query(`RELEASE SAVEPOINT s`);
    } catch {
      await tx.query(`ROLLBACK TO SAVEPOINT s`);
    }
  }
  const ext = (e: string) => {
    let x = out.get(e);
    if (!x) out.set(e, (x = { types: new Set(), operators: new Map(), functions: new Map(), casts: new Set(), opclasses: new Set() }));
    return x;
  };
  const members = (cls: string) => `SELECT e.extname AS e, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid WHERE d.deptype = 'e' AND d.classid = '${cls}'::regclass AND e.extname <> 'plpgsql'`;
  const ref = (alias: string) => TYPE_REF.replaceAll('t.', `${alias}.`);
  for (const r of await rows<{ e: string; n: string; c: string; p: boolean; b: string | null }>(
    `SELECT m.e, t.typname AS n, t.typcategory AS c, t.typispreferred AS p, CASE WHEN t.typtype = 'd' THEN (SELECT ${ref('bt')} FROM pg_type bt WHERE bt.oid = t.typbasetype) END AS b
       FROM (${members('pg_type')}) m JOIN pg_type t ON t.oid = m.objid WHERE NOT (t.typcategory = 'A' AND t.typelem <> 0)`,
  )) ext(r.e).types.add(`${r.n}:${r.c}${r.p ? '*' : ''}${r.b ? `=${r.b}` : ''}`);
  for (const r of await rows<{ e: string; n: string; l: string | null; r: string; res: string }>(
    `SELECT m.e, o.oprname AS n, CASE WHEN o.oprleft = 0 THEN '' ELSE (SELECT ${ref('lt')} FROM pg_type lt WHERE lt.oid = o.oprleft) END AS l,
            (SELECT ${ref('rt')} FROM pg_type rt WHERE rt.oid = o.oprright) AS r, (SELECT ${ref('st')} FROM pg_type st WHERE st.oid = o.oprresult) AS res
       FROM (${members('pg_operator')}) m JOIN pg_operator o ON o.oid = m.objid`,
  )) if (r.l !== null && r.r !== null && r.res !== null) add(ext(r.e).operators, r.n, `${r.l},${r.r}>${r.res}`);
  for (const r of await rows<{ e: string; n: string; args: string[] | string; res: string | null; s: boolean; v: number; d: number }>(
    `SELECT m.e, p.proname AS n, ARRAY(SELECT coalesce(${ref('at')}, '?') FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(o, i) JOIN pg_type at ON at.oid = a.o ORDER BY a.i) AS args,
            (SELECT ${ref('st')} FROM pg_type st WHERE st.oid = p.prorettype) AS res, p.proretset AS s, (p.provariadic <> 0)::int AS v, p.pronargdefaults AS d
       FROM (${members('pg_proc')}) m JOIN pg_proc p ON p.oid = m.objid WHERE p.prokind IN ('f', 'a', 'w')`,
  )) {
    const args = pgArray(r.args);
    if (r.res === null || args.includes('?') || /^(internal|cstring|trigger|event_trigger)$|_handler$/.test(r.res) || args.some((a) => a === 'internal' || a === 'cstring')) continue;
    if (Number(r.v) && args.length) args[args.length - 1] = `+${args.at(-1)}`;
    add(ext(r.e).functions, r.n, `${args.join(',') || '-'}${Number(r.d) ? `=${r.d}` : ''}>${r.s ? '*' : ''}${r.res}`);
  }
  for (const r of await rows<{ e: string; s: string | null; t: string | null; c: string }>(
    `SELECT m.e, (SELECT ${ref('st')} FROM pg_type st WHERE st.oid = c.castsource) AS s, (SELECT ${ref('tt')} FROM pg_type tt WHERE tt.oid = c.casttarget) AS t, c.castcontext AS c
       FROM (${members('pg_cast')}) m JOIN pg_cast c ON c.oid = m.objid`,
  )) if (r.s !== null && r.t !== null) ext(r.e).casts.add(`${r.s}>${r.t}:${r.c}`);
  for (const r of await rows<{ e: string; n: string; a: string; t: string | null; d: boolean }>(
    `SELECT m.e, oc.opcname AS n, am.amname AS a, (SELECT ${ref('it')} FROM pg_type it WHERE it.oid = oc.opcintype) AS t, oc.opcdefault AS d
       FROM (${members('pg_opclass')}) m JOIN pg_opclass oc ON oc.oid = m.objid JOIN pg_am am ON am.oid = oc.opcmethod`,
  )) if (r.t !== null) ext(r.e).opclasses.add(`${r.n}:${r.a}:${r.t}${r.d ? ':d' : ''}`);
  return out;
}

/** What one server's extensions hold, and its pg_catalog's type categories. */
async function readServer(db: Database): Promise<One> {
  const rows = async <T>(sql: string) => (await db.query<T>(sql)).rows;
  const version = (await rows<{ v: string }>(`SELECT current_setting('server_version') AS v`))[0]!.v;
  const one: One = { major: Math.floor((await db.serverVersion()) / 10000), version, categories: new Map(), opclasses: new Map(), extensions: new Map() };
  for (const r of await rows<{ a: string; t: string; o: string }>(
    `SELECT am.amname AS a, t.typname AS t, oc.opcname AS o FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_type t ON t.oid = oc.opcintype
      WHERE oc.opcdefault AND oc.opcnamespace = 'pg_catalog'::regnamespace`,
  )) add(one.opclasses, r.a, `${r.t}=${r.o}`);
  for (const r of await rows<{ n: string; c: string; p: boolean }>(
    `SELECT typname AS n, typcategory AS c, typispreferred AS p FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace AND typrelid = 0 AND typcategory <> 'A' AND (typcategory <> 'U' OR typispreferred)`,
  )) add(one.categories, r.c, `${r.n}${r.p ? '*' : ''}`);
  const names = (await rows<{ n: string }>(`SELECT name AS n FROM pg_available_extensions WHERE installed_version IS NULL ORDER BY name`)).map((r) => r.n);
  try {
    await db.transaction(async (tx) => {
      one.extensions = await readExtensions(tx, names);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return one;
}

function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return [...v];
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}

async function main(): Promise<void> {
  const servers = await readServers(serverUrls(process.argv.slice(2)), readServer);
  servers.sort((a, b) => a.major - b.major);
  if (new Set(servers.map((s) => s.major)).size !== servers.length) throw new Error(`one server per major version: ${servers.map((s) => s.version).join(', ')}`);
  const all = (1 << servers.length) - 1;
  const tagged = (entry: string, has: (s: One) => boolean): string | undefined => {
    const mask = servers.reduce((m, s, i) => (has(s) ? m | (1 << i) : m), 0);
    return mask === 0 ? undefined : mask === all ? entry : `${entry}@${mask}`;
  };
  const sorted = (s: Iterable<string>) => [...new Set(s)].sort();
  const list = (get: (s: One) => Set<string> | undefined) => sorted(servers.flatMap((s) => [...(get(s) ?? [])])).map((e) => tagged(e, (s) => !!get(s)?.has(e))!).join(' ');
  const record = (get: (s: One) => Map<string, Set<string>> | undefined) =>
    Object.fromEntries(sorted(servers.flatMap((s) => [...(get(s)?.keys() ?? [])])).map((n) => [n, list((s) => get(s)?.get(n))]));
  // The extension type names must be unique: a `%name` reference names one type whichever extension holds it.
  const owner = new Map<string, string>();
  for (const s of servers) for (const [e, x] of s.extensions) for (const t of x.types) {
    const n = t.split(':')[0]!;
    if (owner.has(n) && owner.get(n) !== e) throw new Error(`type ${n} is in both ${owner.get(n)} and ${e}`);
    owner.set(n, e);
  }
  const members: Record<string, Record<string, unknown>> = {};
  for (const e of sorted(servers.flatMap((s) => [...s.extensions.keys()]))) {
    const x = (s: One) => s.extensions.get(e);
    const m: Record<string, unknown> = { t: list((s) => x(s)?.types), o: record((s) => x(s)?.operators), f: record((s) => x(s)?.functions), c: list((s) => x(s)?.casts), k: list((s) => x(s)?.opclasses) };
    for (const k of Object.keys(m)) if (m[k] === '' || (typeof m[k] === 'object' && !Object.keys(m[k] as object).length)) delete m[k];
    const present = tagged('', (s) => s.extensions.has(e));
    members[present ? `${e}${present}` : e] = m;
  }
  const out = `/**
 * GENERATED by scripts/pg-extension-snapshot.ts from PostgreSQL ${servers.map((s) => s.version).join(', ')} — do not edit.
 * The members of the extensions those servers ship (types, operators, functions, casts) and pg_catalog's type
 * categories and default operator classes; the encoding is described in the script; read through ../ext-catalog.ts,
 * ../func-select.ts and ./default-opclasses.ts.
 */
export const EXTENSION_MEMBER_MAJORS: readonly number[] = ${JSON.stringify(servers.map((s) => s.major))};
export const TYPE_CATEGORIES: Readonly<Record<string, string>> = ${JSON.stringify(record((s) => s.categories))};
/** Index access method → pg_catalog's default operator classes, \`typname=opcname\` (./default-opclasses.ts). */
export const DEFAULT_OPCLASSES: Readonly<Record<string, string>> = ${JSON.stringify(record((s) => s.opclasses))};
/** Extension name (\`@N\` when only some majors ship it) → its members. */
export const EXTENSION_MEMBERS: Readonly<Record<string, { readonly t?: string; readonly o?: Readonly<Record<string, string>>; readonly f?: Readonly<Record<string, string>>; readonly c?: string; readonly k?: string }>> = {
${Object.entries(members).map(([e, m]) => `  ${JSON.stringify(e)}: ${JSON.stringify(m)},`).join('\n')}
};
`;
  writeFileSync(new URL('../src/parse/catalog/extensions.ts', import.meta.url), out);
  process.stdout.write(`src/parse/catalog/extensions.ts: ${Buffer.byteLength(out)} bytes; ${servers.map((s) => `PostgreSQL ${s.major}: ${s.extensions.size} extensions`).join('; ')}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
