/**
 * `meridian schema apply` converges the example project from earlier states of its schema (each a
 * prefix of schema.sql's statements, with data) to schema.sql, on every database, and then has nothing to do.
 * The CLI folds schema.sql natively and opens the dev database only when it must.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { initSplitter, splitStatements } from '../../src/parse/split.js';
import { plan } from '../../src/plan/index.js';
import { executeStatements, planSchemaApply } from '../../src/workflow/schema-apply.js';
import { modelFromSources } from '../../src/workflow/state.js';
import { repoRoot } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { describeEachDatabase, urlTargets } from '../helpers/databases.js';

describeEachDatabase('schema apply on the example project', (t) => {
  it('converges from every earlier state (prefixes of schema.sql) and from an empty database', async () => {
    await initSplitter();
    const text = readFileSync(join(repoRoot, 'database/schema/schema.sql'), 'utf8');
    const stmts = splitStatements(text, 'schema.sql').map((s) => s.text);
    const desired = await modelFromSources(t.db, [{ file: 'schema.sql', text }]);
    for (let k = 0; k <= stmts.length; k += 2) {
      await t.reset();
      for (const s of stmts.slice(0, k)) await t.db.exec(s);
      const hasUsers = (await t.db.query<{ r: string | null }>(`SELECT to_regclass('practice_app.users')::text AS r`)).rows[0]!.r !== null;
      if (hasUsers) await t.db.exec(`INSERT INTO practice_app.users (email, name) VALUES ('ada@example.com', 'Ada')`);
      const statements = await planSchemaApply(t.db, desired);
      await executeStatements(t.db, statements);
      const after = (await inspect(t.db)).model;
      expect(plan(diff(after, desired), after, desired).map((s) => s.sql), `from the first ${k} statements`).toEqual([]);
      expect(await planSchemaApply(t.db, desired), `nothing left to do after converging from ${k} statements`).toEqual([]);
      if (hasUsers) expect((await t.db.query('SELECT email FROM practice_app.users')).rows, `the row survives from ${k} statements`).toEqual([{ email: 'ada@example.com' }]);
    }
  }, 120_000);
});

/** A dev database URL nothing listens on: a command that opens it fails with E_CONNECT. */
const NO_DEV = 'postgres://postgres@127.0.0.1:1/no_dev_database';

const TRICKY = `CREATE SCHEMA "Shop";
CREATE TYPE "Shop".state AS ENUM ('new', 'paid');
CREATE TABLE "Shop"."Orders" (id serial PRIMARY KEY, "user" text NOT NULL, "select" int, state "Shop".state DEFAULT 'new', total numeric(10,2) CHECK (total >= 0));
CREATE INDEX ON "Shop"."Orders" (lower("user"));
CREATE VIEW "Shop".open_orders AS SELECT id, "user" FROM "Shop"."Orders" WHERE state = 'new';
`;

for (const target of urlTargets()) {
  describe(`schema apply folds schema.sql natively [${target.name}]`, () => {
    it('plans and applies without opening the dev database; --no-native and a schema that does not fold use it', async () => {
      const { url, drop } = await target.url();
      const dir = mkdtempSync(join(tmpdir(), 'meridian-apply-native-'));
      writeFileSync(join(dir, 'schema.sql'), TRICKY);
      const env = { DATABASE_URL: '', DEV_DATABASE_URL: '' };
      const apply = (...args: string[]) => runInProcess(['schema', 'apply', '--url', url, '--to', `file://${join(dir, 'schema.sql')}`, ...args], { cwd: dir, env });
      try {
        const first = await apply('--auto-approve', '--dev-url', NO_DEV);
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toContain('CREATE VIEW');
        expect((await apply('--auto-approve', '--dev-url', NO_DEV)).stdout).toContain('Schema is synced');
        // The dev database's view of the same file agrees: nothing to do either.
        expect((await apply('--dry-run', '--no-native')).stdout).toContain('Schema is synced');
        const forced = await apply('--dry-run', '--no-native', '--dev-url', NO_DEV);
        expect(forced.code).toBe(1);
        expect(forced.stderr).toMatch(/cannot connect to .*no_dev_database/);
        // A DO block does not fold natively: the dev database executes the file.
        writeFileSync(join(dir, 'schema.sql'), `${TRICKY}DO $$ BEGIN EXECUTE 'CREATE TABLE "Shop".made_by_do (id int)'; END $$;\n`);
        expect((await apply('--dry-run', '--dev-url', NO_DEV)).stderr).toMatch(/cannot connect to .*no_dev_database/);
        const viaDev = await apply('--auto-approve');
        expect(viaDev.code, viaDev.stderr).toBe(0);
        expect(viaDev.stdout).toContain('CREATE TABLE "Shop"."made_by_do"');
      } finally {
        await drop?.();
      }
    }, 120_000);

    it("shows, hashes and runs a table's changes as one ALTER TABLE, as a migration file writes them", async () => {
      const { url, drop } = await target.url();
      const dir = mkdtempSync(join(tmpdir(), 'meridian-apply-joined-'));
      const env = { DATABASE_URL: '', DEV_DATABASE_URL: '' };
      const apply = (...args: string[]) => runInProcess(['schema', 'apply', '--url', url, '--to', `file://${join(dir, 'schema.sql')}`, '--dev-url', NO_DEV, ...args], { cwd: dir, env });
      try {
        writeFileSync(join(dir, 'schema.sql'), 'CREATE TABLE j (id int PRIMARY KEY, gone text);\n');
        expect((await apply('--auto-approve')).code).toBe(0);
        writeFileSync(join(dir, 'schema.sql'), 'CREATE TABLE j (id int PRIMARY KEY, a text, b int NOT NULL DEFAULT 0, CONSTRAINT b_pos CHECK (b >= 0));\n');
        const dry = await apply('--dry-run');
        expect(dry.code, dry.stderr).toBe(0);
        expect(dry.stdout).toContain('  -- Modify "j" table\n  ALTER TABLE "public"."j" DROP COLUMN "gone", ADD COLUMN "a" text NULL, ADD COLUMN "b" integer NOT NULL DEFAULT 0, ADD CONSTRAINT "b_pos" CHECK (b >= 0);');
        expect(dry.stdout.match(/ALTER TABLE/g)).toHaveLength(1);
        const hash = /Plan hash: (sha256:[0-9a-f]{64})/.exec(dry.stdout)![1]!;
        const run = await apply('--allow-hazards', 'DELETES_DATA,ACCESS_EXCLUSIVE_LOCK,DATA_DEPENDENT', '--approve-plan', hash);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain('Applied 1 statement(s)');
        expect((await apply('--dry-run')).stdout).toContain('Schema is synced');
      } finally {
        await drop?.();
      }
    }, 120_000);
  });
}
