/**
 * Meridian never writes (or applies) a migration PostgreSQL would reject: each typo class is refused by
 * `migrate diff` and `schema apply` with PostgreSQL's message at its line in schema.sql, nothing written or
 * executed, with the embedded dev database and with a PostgreSQL dev database. A schema whose names all
 * resolve natively opens no dev database at all.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { MeridianError } from '../../src/errors.js';
import { emptyModel } from '../../src/model/types.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { unresolvedNames } from '../../src/parse/resolve.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { nativeModelFromSources } from '../../src/workflow/native.js';
import { planSchemaApply } from '../../src/workflow/schema-apply.js';
import { createServerDatabase, describeEachDatabase } from '../helpers/databases.js';

/** Each typo, as the third line of a CREATE TABLE in schema.sql (line 4 of the file). */
const TYPOS: { name: string; line: string; message: RegExp }[] = [
  { name: 'a misspelt SQL function (CURRENT_TIMESTAP)', line: 'created_at timestamp DEFAULT CURRENT_TIMESTAP', message: /column "current_timestap" does not exist|cannot use column reference in DEFAULT expression/ },
  { name: 'an unknown function', line: 'created_at timestamptz DEFAULT now_()', message: /function now_\(\) does not exist/ },
  { name: 'a CHECK on a column that does not exist', line: 'qty int CHECK (quantity > 0)', message: /column "quantity" does not exist/ },
  { name: 'a default of the wrong type', line: "qty int DEFAULT 'abc'", message: /invalid input syntax for type integer: "abc"/ },
  { name: 'an unknown collation', line: 'label text COLLATE "xx_NOPE"', message: /collation "xx_NOPE" .*does not exist/ },
  { name: 'an unknown type', line: 'amount moneyz', message: /type "moneyz" does not exist/ },
  { name: 'an unknown operator', line: 'qty int CHECK (qty ~~~ 1)', message: /operator does not exist: integer ~~~ integer/ },
  { name: 'a cast to an unknown type', line: "qty int DEFAULT '1'::int44", message: /type "int44" does not exist/ },
  { name: 'a function given an argument of the wrong type', line: 'qty int CHECK (length(qty) > 0)', message: /function length\(integer\) does not exist/ },
  { name: 'an operator between the wrong operand types', line: "label text CHECK (label > 1)", message: /operator does not exist: text > integer/ },
];

const schemaWith = (line: string) => `CREATE SCHEMA app;\nCREATE TABLE app.items (\n  id int PRIMARY KEY,\n  ${line}\n);\n`;
const VALID = schemaWith("qty int NOT NULL DEFAULT 1 CHECK (qty > 0), created_at timestamptz DEFAULT now(), label text COLLATE \"C\" DEFAULT 'x', price numeric(10,2) DEFAULT '1.50', d interval DEFAULT '14 days', s text DEFAULT lower(concat('A', 'B'))");
const NO_DEV = async (): Promise<Database> => {
  throw new Error('the dev database must not be opened');
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
afterAll(async () => (await pglite)?.close());

/** Dev databases: the embedded default, and a PostgreSQL database when DATABASE_URL is set. */
const DEVS: { name: string; open: () => Promise<{ db: Database; done: () => Promise<void> }> }[] = [
  // One embedded dev database for the file (opening one costs seconds); each command resets it before and after use.
  { name: 'PGlite dev', open: async () => ({ db: await (pglite ??= openDatabase('pglite://memory')), done: async () => undefined }) },
  ...(process.env.DATABASE_URL
    ? [{ name: 'PostgreSQL dev', open: async () => { const c = await createServerDatabase(process.env.DATABASE_URL!); const db = await openDatabase(c.url); return { db, done: async () => { await db.close(); await c.drop(); } }; } }]
    : []),
];

describe('the native resolver', () => {
  it.each(TYPOS)('leaves $name unresolved (the dev database decides)', async ({ line }) => {
    await initSchemaParser();
    const r = checkSchema([{ file: 'schema.sql', text: schemaWith(line) }]);
    expect(unresolvedNames(r.model, emptyModel()).length).toBeGreaterThan(0);
  });
  it('looks at unchanged objects when something they may name is removed', async () => {
    await initSchemaParser();
    const before = checkSchema([{ file: 'schema.sql', text: 'CREATE FUNCTION app_default() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\nCREATE TABLE t (a int DEFAULT app_default());' }]).model;
    const after = checkSchema([{ file: 'schema.sql', text: 'CREATE TABLE t (a int DEFAULT app_default());' }]).model;
    expect(unresolvedNames(before, before)).toEqual([]);
    expect(unresolvedNames(after, before).map((u) => u.what)).toEqual(['function app_default() with 0 argument(s) in the default of column "a" of "public.t"']);
  });
  it('resolves text search configurations and dictionaries named by literals (built-in or of the schema)', async () => {
    await initSchemaParser();
    const text = (cfg: string) => `CREATE TABLE t (body text);\nCREATE TEXT SEARCH CONFIGURATION app_cfg (COPY = pg_catalog.simple);\nCREATE INDEX t_en ON t USING gin (to_tsvector('english'::regconfig, body));\nCREATE INDEX t_app ON t USING gin (to_tsvector('${cfg}'::regconfig, body));\nCREATE TABLE d (id int, dict regdictionary DEFAULT 'english_stem');`;
    const ok = checkSchema([{ file: 'schema.sql', text: text('public.app_cfg') }]);
    expect(ok.errors).toEqual([]);
    expect(unresolvedNames(ok.model, emptyModel())).toEqual([]);
    expect(unresolvedNames(checkSchema([{ file: 'schema.sql', text: text('app_nope') }]).model, emptyModel()).map((u) => u.what)).toEqual([expect.stringContaining("'app_nope'::regconfig")]);
  });
  it('resolves a valid schema', async () => {
    await initSchemaParser();
    const r = checkSchema([{ file: 'schema.sql', text: VALID }]);
    expect(r.errors).toEqual([]);
    expect(unresolvedNames(r.model, emptyModel())).toEqual([]);
  });
});

for (const devTarget of DEVS) {
  describe(`migrate diff refuses what PostgreSQL rejects [${devTarget.name}]`, () => {
    it.each(TYPOS)('$name: located in schema.sql, nothing written', async ({ line, message }) => {
      const dir = mkdtempSync(join(tmpdir(), 'meridian-typo-'));
      mkdirSync(join(dir, 'migrations'));
      writeFileSync(join(dir, 'schema.sql'), schemaWith(line));
      const { db, done } = await devTarget.open();
      try {
        const e = await rejected(migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev: db, cwd: dir }));
        expect(e.code).toBe('E_VALIDATE');
        expect(e.message).toMatch(message);
        expect(e.location).toMatchObject({ file: 'schema.sql', line: 4 });
        expect(readdirSync(join(dir, 'migrations'))).toEqual([]);
        // The dev database is left as it was found.
        expect((await db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'app'`)).rowCount).toBe(0);
      } finally {
        await done();
      }
    });
  });
}

describe('a schema whose names all resolve opens no dev database', () => {
  it('migrate diff writes the migration natively', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-typo-'));
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'schema.sql'), VALID);
    const r = await migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev: NO_DEV, cwd: dir });
    expect(r.file).toBeDefined();
  });
});

describeEachDatabase('schema apply refuses what PostgreSQL rejects', (t) => {
  it('each typo class: refused before anything runs, located in schema.sql; a valid schema needs no dev database', async () => {
    for (const devTarget of DEVS) {
      const { db: dev, done } = await devTarget.open();
      try {
        for (const typo of TYPOS) {
          const sources = [{ file: 'schema.sql', text: schemaWith(typo.line) }];
          const desired = (await nativeModelFromSources(sources))!;
          const e = await rejected(planSchemaApply(t.db, desired, { sources, verify: { dev: async () => dev } }));
          expect(e.code, `${typo.name} [${devTarget.name}]`).toBe('E_VALIDATE');
          expect(e.message).toMatch(typo.message);
          expect(e.location).toMatchObject({ file: 'schema.sql', line: 4 });
          expect((await t.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'app'`)).rowCount).toBe(0);
        }
      } finally {
        await done();
      }
    }
    const sources = [{ file: 'schema.sql', text: VALID }];
    const desired = (await nativeModelFromSources(sources))!;
    expect((await planSchemaApply(t.db, desired, { sources, verify: { dev: NO_DEV } })).length).toBeGreaterThan(0);
  }, 60_000);
});
