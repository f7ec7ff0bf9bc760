/**
 * `migrate checkpoint`: Atlas's file layout byte for byte, and a long generated history checkpointed so that
 * a fresh database (from the checkpoint) and an old one (files after its version) reach the same schema.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/generate.js';
import { openDatabase } from '../../src/db/index.js';
import { inspect } from '../../src/inspect/index.js';
import { applyMigrations, migrationStatus } from '../../src/migrate/apply.js';
import { checkpointContent, filesFromLastCheckpoint, readMigrationFiles, writeSum } from '../../src/migrate/dir.js';
import { readRevisions, revisionsTableExists } from '../../src/migrate/revisions.js';
import { lintDirectory } from '../../src/workflow/migrate-lint.js';
import { migrateCheckpoint } from '../../src/workflow/migrate-checkpoint.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { migrateDown } from '../../src/workflow/migrate-down.js';
import { pgDump } from '../acceptance/harness.js';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases.js';
import { repoRoot } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';

const REV = 'atlas_schema_revisions';
const vectors = resolve(repoRoot, '..', 'shared', 'atlas-vectors');

function makeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-ckpt-'));
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
  writeSum(dir);
  return dir;
}

/** The database's schema: pg_dump on a server, the inspected model on PGlite. */
async function snapshot(t: TestDatabase): Promise<string> {
  if (t.url) return pgDump(t.url);
  return JSON.stringify((await inspect(t.db)).model);
}

describe('checkpoint files in Atlas layout', () => {
  it('writes the directive as Atlas does (TestPlanner_WriteCheckpoint, the partial-checkpoint vector)', () => {
    expect(checkpointContent('CREATE TABLE t1(c int);\nCREATE TABLE t2(c int);\n', 'v1')).toBe('-- atlas:checkpoint v1\n\nCREATE TABLE t1(c int);\nCREATE TABLE t2(c int);\n');
    const dir = join(vectors, 'sqlmigrate-partial-checkpoint');
    const body = readFileSync(join(dir, '3_checkpoint.sql'), 'utf8').replace('-- atlas:checkpoint\n\n', '');
    expect(checkpointContent(body)).toBe(readFileSync(join(dir, '3_checkpoint.sql'), 'utf8'));
    // Content with a header of its own (a txmode directive) gets no second empty line.
    expect(checkpointContent('-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (c);\n')).toBe('-- atlas:checkpoint\n-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (c);\n');
    const files = readMigrationFiles(dir);
    expect(files.filter((f) => f.checkpoint).map((f) => f.name)).toEqual(['3_checkpoint.sql', '5_checkpoint.sql']);
    expect(filesFromLastCheckpoint(files).map((f) => f.name)).toEqual(['5_checkpoint.sql', '6_sixth.sql']);
    expect(readMigrationFiles(dir).find((f) => f.name === '5_checkpoint.sql')!.directives).toEqual([{ name: 'checkpoint', args: '' }]);
  });

  it('says which data statements of the summarised files a database started from the checkpoint will not get', async () => {
    const dir = makeDir({
      '20260101000000_roles.sql': "CREATE TABLE roles (name text PRIMARY KEY);\nINSERT INTO roles VALUES ('admin');\n",
      '20260102000000_users.sql': "CREATE TABLE users (id serial PRIMARY KEY, role text REFERENCES roles);\nUPDATE roles SET name = 'root' WHERE name = 'admin';\n",
    });
    try {
      const r = await migrateCheckpoint({ migrationsDir: dir, dev: async () => { throw new Error('folds natively'); }, dryRun: true });
      expect(r.dataLeftOut.map((d) => `${d.file}:${d.line} ${d.verb} ${d.table}`)).toEqual(['20260101000000_roles.sql:2 INSERT public.roles', '20260102000000_users.sql:2 UPDATE public.roles']);
      const cli = await runInProcess(['migrate', 'checkpoint', '--dir', `file://${dir}`, '--dry-run'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(cli.code).toBe(0);
      expect(cli.stderr).toContain('warning: the checkpoint holds the schema only: 2 data statement(s)');
      expect(cli.stderr).toContain('20260101000000_roles.sql:2 (INSERT public.roles)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file <version>_checkpoint.sql, tags it, hashes it; replays (diff, lint, status) start from it', async () => {
    // The legacy file can no longer run on a dev database (it divides by zero): only a replay that starts at
    // the checkpoint gets past it, as a fresh database does.
    const dir = makeDir({ '20260101000000_legacy.sql': 'CREATE TABLE a (id int);\nSELECT 1/0;\n', '20260102000000_b.sql': 'CREATE TABLE b (id int, a_id int);\n' });
    const dev = await openDatabase('pglite://memory');
    const db = await openDatabase('pglite://memory');
    try {
      const r = await migrateCheckpoint({ migrationsDir: dir, dev, tag: 'release 1.0', now: () => new Date(Date.UTC(2026, 2, 4, 5, 6, 7)) });
      expect(r.file).toBe(join(dir, '20260304050607_checkpoint.sql'));
      const text = readFileSync(r.file!, 'utf8');
      expect(text).toBe(
        '-- atlas:checkpoint release 1.0\n\n-- Create "a" table\nCREATE TABLE "public"."a" ("id" integer NULL);\n-- Create "b" table\nCREATE TABLE "public"."b" ("id" integer NULL, "a_id" integer NULL);\n',
      );
      expect(readFileSync(join(dir, 'atlas.sum'), 'utf8')).toMatch(/\n20260304050607_checkpoint\.sql h1:/);
      writeFileSync(join(dir, '20260305000000_c.sql'), 'ALTER TABLE b ADD COLUMN note text;\n');
      writeSum(dir);
      const schema = join(dir, '..', `${dir.split('/').pop()}-schema.sql`);
      writeFileSync(schema, 'CREATE TABLE a (id int);\nCREATE TABLE b (id int, a_id int, note text);\nCREATE INDEX b_a ON b (a_id);\n');
      const d = await migrateDiff({ migrationsDir: dir, schemaPath: schema, dev, native: false, dryRun: true });
      expect(d.native.current).toBe(false);
      expect(d.statements).toHaveLength(1);
      expect(d.statements[0]!.sql).toBe('CREATE INDEX "b_a" ON "public"."b" ("a_id")');
      const lint = await lintDirectory(dev, dir, { latest: 1 });
      expect(lint.files).toEqual(['20260305000000_c.sql']);
      const s = await migrationStatus(db, { dir });
      expect(s.fromCheckpoint).toBe(true);
      expect(s.pending.map((f) => f.version)).toEqual(['20260304050607', '20260305000000']);
      const applied = await applyMigrations(db, { dir });
      expect(applied.files.map((f) => f.name)).toEqual(['20260304050607_checkpoint.sql', '20260305000000_c.sql']);
      expect(applied.ok).toBe(true);
    } finally {
      await dev.close();
      await db.close();
    }
  }, 180_000);
});

describeEachDatabase('migrate checkpoint of a 300-file history', (t) => {
  it('a fresh database (from the checkpoint) and an old one (files after its version) reach the same schema', async () => {
    const dir = makeDir(generateHistory(300));
    const dev = await openDatabase('pglite://memory');
    try {
      await t.reset();
      expect((await applyMigrations(t.db, { dir })).ok).toBe(true);
      const r = await migrateCheckpoint({ migrationsDir: dir, dev, now: () => new Date(Date.UTC(2026, 5, 1)) });
      expect(r.native).toBe(true);
      expect(r.replayed).toBe(300);
      expect(r.statements.length).toBeLessThan(30);
      // The dev-database path computes the same checkpoint.
      const viaDev = await migrateCheckpoint({ migrationsDir: dir, dev, native: false, dryRun: true });
      expect(viaDev.native).toBe(false);
      expect(viaDev.content).toBe(readFileSync(r.file!, 'utf8'));
      writeFileSync(join(dir, '20260601000001_late.sql'), 'ALTER TABLE hist.t3 ADD COLUMN late text NOT NULL DEFAULT \'x\';\nCREATE INDEX t3_late ON hist.t3 (late);\n');
      writeSum(dir);

      const beforeLate = await snapshot(t);
      // Old database: applied before the checkpoint; skips it and applies the late file only.
      const old = await applyMigrations(t.db, { dir });
      expect(old.files.map((f) => f.name)).toEqual(['20260601000001_late.sql']);
      const oldSchema = await snapshot(t);
      const oldRevisions = await readRevisions(t.db, REV);
      expect(oldRevisions.some((x) => x.version === '20260601000000')).toBe(false);

      // Fresh database: the checkpoint, then the late file.
      await t.reset();
      const fresh = await applyMigrations(t.db, { dir });
      expect(fresh.files.map((f) => f.name)).toEqual(['20260601000000_checkpoint.sql', '20260601000001_late.sql']);
      expect(await snapshot(t)).toBe(oldSchema);
      expect((await migrationStatus(t.db, { dir })).status).toBe('OK');
      // Down on the fresh database replays from the checkpoint (the target version).
      const down = await migrateDown(t.db, { dir, dev, count: 1 });
      expect(down.target).toBe('20260601000000');
      expect(await snapshot(t)).toBe(beforeLate);
    } finally {
      await dev.close();
    }
  }, 180_000);

  it('a history only a database can replay (a DO block) folds natively from a checkpoint after it, with the same diff', async () => {
    await t.reset();
    const dir = makeDir(generateHistory(30, 5, { doBlock: true }));
    const summary = await migrateCheckpoint({ migrationsDir: dir, dev: t.db, dryRun: true });
    expect(summary.native).toBe(false);
    expect(summary.content).toMatch(/CREATE TYPE "hist"\."status" AS ENUM \('active', 'archived'\)/);
    const schemaPath = join(mkdtempSync(join(tmpdir(), 'meridian-ckpt-schema-')), 'schema.sql');
    writeFileSync(schemaPath, summary.content.replace(/^-- atlas:checkpoint\n\n/, '') + 'ALTER TABLE hist.t0 ADD COLUMN added hist.status;\n');
    const diffNow = () => migrateDiff({ migrationsDir: dir, schemaPath, dev: t.db, dryRun: true, data: false });
    const before = await diffNow();
    expect(before.native).toEqual({ desired: true, current: false }); // the DO block sends the directory to the dev database
    await migrateCheckpoint({ migrationsDir: dir, dev: t.db, now: () => new Date(Date.UTC(2026, 5, 1)) });
    const after = await diffNow();
    expect(after.native).toEqual({ desired: true, current: true }); // the files before the checkpoint are never read
    expect(after.statements.map((s) => s.sql)).toEqual(before.statements.map((s) => s.sql));
    expect(after.statements.map((s) => s.sql)).toEqual(['ALTER TABLE "hist"."t0" ADD COLUMN "added" hist.status NULL']);
  }, 120_000);

  it('a checkpoint edited by hand fails the atlas.sum check before anything is applied', async () => {
    await t.reset();
    const dir = makeDir(generateHistory(20));
    const dev = await openDatabase('pglite://memory');
    try {
      const r = await migrateCheckpoint({ migrationsDir: dir, dev });
      writeFileSync(r.file!, readFileSync(r.file!, 'utf8').replace('bigint', 'integer'));
      const name = readdirSync(dir).find((f) => f.endsWith('_checkpoint.sql'))!;
      await expect(applyMigrations(t.db, { dir })).rejects.toThrow(new RegExp(`checksum mismatch \\(atlas\\.sum\\): L\\d+: ${name} was edited`));
      expect(await revisionsTableExists(t.db, REV)).toBe(false);
      expect(Object.keys((await inspect(t.db)).model.tables)).toEqual([]);
      await expect(migrateCheckpoint({ migrationsDir: dir, dev })).rejects.toThrow(/checksum mismatch/);
    } finally {
      await dev.close();
    }
  }, 180_000);
});
