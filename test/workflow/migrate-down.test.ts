import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { inspect } from '../../src/inspect/index.js';
import { applyMigrations } from '../../src/migrate/apply.js';
import { writeSum } from '../../src/migrate/dir.js';
import { ensureRevisionsTable, readRevisions } from '../../src/migrate/revisions.js';
import { migrateDown } from '../../src/workflow/migrate-down.js';
import { pgDump } from '../acceptance/harness.js';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases.js';

const REV = 'atlas_schema_revisions';

function makeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-down-'));
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
  writeSum(dir);
  return dir;
}

const tenFiles: Record<string, string> = {
  '01_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
  '02_status.sql': "CREATE TYPE status AS ENUM ('active', 'banned');\n",
  '03_users_status.sql': "ALTER TABLE users ADD COLUMN status status NOT NULL DEFAULT 'active';\n",
  '04_posts.sql': 'CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), title varchar(80));\n',
  '05_index.sql': 'CREATE UNIQUE INDEX users_email_key ON users (email);\n',
  '06_widen.sql': 'ALTER TABLE posts ALTER COLUMN title TYPE varchar(200);\n',
  '07_view.sql': 'CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = \'active\';\n',
  '08_check.sql': 'ALTER TABLE posts ADD CONSTRAINT title_not_empty CHECK (title <> \'\');\n',
  '09_comment.sql': "COMMENT ON TABLE users IS 'people';\nALTER TABLE posts ADD COLUMN body text;\n",
  '10_schema.sql': 'CREATE SCHEMA audit;\nCREATE TABLE audit.log (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());\n',
};

/** The database's schema: pg_dump on a server, the inspected model on PGlite. */
async function snapshot(t: TestDatabase): Promise<string> {
  if (t.url) return pgDump(t.url);
  return JSON.stringify((await inspect(t.db)).model);
}

const revs = async (t: TestDatabase) => (await readRevisions(t.db, REV)).map((r) => ({ ...r, executionTime: 0n, executedAt: null }));

describeEachDatabase('migrate down', (t) => {
  it('after every step of a 10-file directory restores the earlier schema, keeps seeded rows and the revisions as they were', async () => {
    await t.reset();
    const dir = makeDir(tenFiles);
    await ensureRevisionsTable(t.db, REV); // as the first apply leaves it: down keeps the table
    const dev = await openDatabase('pglite://memory');
    try {
      for (let k = 1; k <= 10; k++) {
        const before = await snapshot(t);
        const revsBefore = await revs(t);
        expect((await applyMigrations(t.db, { dir, count: 1 })).ok).toBe(true);
        // Rows in a table that existed before the step: the revert must keep them.
        if (k > 1) await t.db.exec(`INSERT INTO users (id, email) VALUES (${k}, 'u${k}@x')`);
        const r = await migrateDown(t.db, { dir, dev, count: 1 });
        expect(r.applied).toBe(true);
        expect(r.reverted.map((x) => x.version)).toEqual([Object.keys(tenFiles)[k - 1]!.split('_')[0]]);
        expect(await snapshot(t), `down after file ${k}`).toBe(before);
        expect(await revs(t)).toEqual(revsBefore);
        if (k > 1) expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(k - 1);
        // Forward again to take the next step.
        expect((await applyMigrations(t.db, { dir, count: 1 })).ok).toBe(true);
      }
      // Several at once, to a version.
      const r = await migrateDown(t.db, { dir, dev, toVersion: '04' });
      expect(r.reverted.map((x) => x.version)).toEqual(['05', '06', '07', '08', '09', '10']);
      expect((await readRevisions(t.db, REV)).map((x) => x.version)).toEqual(['01', '02', '03', '04']);
    } finally {
      await dev.close();
    }
  });

  it('refuses a revert that deletes rows the database holds, unless allowed; bad versions apply nothing', async () => {
    await t.reset();
    const dir = makeDir({ '1_a.sql': 'CREATE TABLE a (id int);\n', '2_b.sql': 'CREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN note text;\n' });
    const dev = await openDatabase('pglite://memory');
    try {
      expect((await applyMigrations(t.db, { dir })).ok).toBe(true);
      await t.db.exec("INSERT INTO a VALUES (1, 'kept?'); INSERT INTO b VALUES (1)");
      await expect(migrateDown(t.db, { dir, dev, toVersion: '9' })).rejects.toThrow(/version 9 is not applied/);
      await expect(migrateDown(t.db, { dir, dev, count: 3 })).rejects.toThrow(/only 2 applied/);
      await expect(migrateDown(t.db, { dir, dev })).rejects.toThrow(/column "public"."a"."note" has non-null values[\s\S]*table "public"."b" has rows[\s\S]*nothing was applied/);
      expect((await readRevisions(t.db, REV)).map((x) => x.version)).toEqual(['1', '2']);
      expect((await t.db.query('SELECT * FROM b')).rows).toHaveLength(1);
      const dry = await migrateDown(t.db, { dir, dev, dryRun: true });
      expect(dry.applied).toBe(false);
      expect(dry.dataLoss).toHaveLength(2);
      const r = await migrateDown(t.db, { dir, dev, allowDataLoss: true });
      expect(r.applied).toBe(true);
      expect((await readRevisions(t.db, REV)).map((x) => x.version)).toEqual(['1']);
      expect((await t.db.query('SELECT * FROM a')).rows).toEqual([{ id: 1 }]);
    } finally {
      await dev.close();
    }
  });
});
