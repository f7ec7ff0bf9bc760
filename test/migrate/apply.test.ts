import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { applyMigrations, migrationStatus, setMigrationVersion } from '../../src/migrate/apply.js';
import { writeSum } from '../../src/migrate/dir.js';
import { readRevisions } from '../../src/migrate/revisions.js';
import { formatStatus } from '../../src/cli/migrate-actions.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

const vectors = resolve(repoRoot, '..', 'shared', 'atlas-vectors');
const REV = 'atlas_schema_revisions';

function makeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-apply-'));
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
  writeSum(dir);
  return dir;
}

const fiveFiles = (third: string) => ({
  '1_a.sql': 'CREATE TABLE a (id int);\n',
  '2_b.sql': 'CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n',
  '3_c.sql': `CREATE TABLE c (id int PRIMARY KEY);\n${third}\nCREATE TABLE c2 (id int);\n`,
  '4_d.sql': 'CREATE TABLE d (id int);\n',
  '5_e.sql': 'CREATE TABLE e (id int);\n',
});

describeEachDatabase('migrate apply', (t) => {
  it('applies a directory and writes revision rows exactly as Atlas does', async () => {
    const dir = join(vectors, 'atlasexec-migrations');
    const r = await applyMigrations(t.db, { dir });
    expect(r.ok).toBe(true);
    expect(r.files.map((f) => f.status)).toEqual(['applied', 'applied', 'applied']);
    const cols = await t.db.query<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name = $1 ORDER BY ordinal_position`,
      [REV],
    );
    expect(cols.rows.map((c) => [c.column_name, c.data_type, c.is_nullable, c.column_default])).toEqual([
      ['version', 'character varying', 'NO', null],
      ['description', 'character varying', 'NO', null],
      ['type', 'bigint', 'NO', '2'],
      ['applied', 'bigint', 'NO', '0'],
      ['total', 'bigint', 'NO', '0'],
      ['executed_at', 'timestamp with time zone', 'NO', null],
      ['execution_time', 'bigint', 'NO', null],
      ['error', 'text', 'YES', null],
      ['error_stmt', 'text', 'YES', null],
      ['hash', 'character varying', 'NO', null],
      ['partial_hashes', 'jsonb', 'YES', null],
      ['operator_version', 'character varying', 'NO', null],
    ]);
    const pk = await t.db.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE conrelid = '${REV}.${REV}'::regclass AND contype = 'p'`);
    expect(pk.rows[0]!.conname).toBe('atlas_schema_revisions_pkey');
    const rows = await t.db.query<Record<string, unknown>>(`SELECT version, description, type::int, applied::int, total::int, error, error_stmt, hash, partial_hashes::text AS ph, operator_version FROM ${REV}.${REV} ORDER BY version`);
    expect(rows.rows).toEqual([
      { version: '20230727105553', description: 'init', type: 2, applied: 1, total: 1, error: '', error_stmt: '', hash: 'jxgvnWO6tZD3lSPpH1ao5E/6VjapP7iwvBCUJ6aez58=', ph: 'null', operator_version: expect.stringMatching(/^Meridian v\d/) },
      { version: '20230727105615', description: 't2', type: 2, applied: 1, total: 1, error: '', error_stmt: '', hash: 'UvzeoFxe90Y/7b21ziwg6pPzWJQSV7LeYwJl8J63lMU=', ph: 'null', operator_version: expect.any(String) },
      { version: '20230926085734', description: 'destructive-change', type: 2, applied: 1, total: 1, error: '', error_stmt: '', hash: 'Gf/bSvUkfqHr/MEXKCxdGu2YvG8zwe4ER5TW8T/laA0=', ph: 'null', operator_version: expect.any(String) },
    ]);
    const again = await applyMigrations(t.db, { dir });
    expect(again.files).toEqual([]);
  });

  it('tx-mode none: a failing statement in file 3 of 5 is recorded with applied count, error and statement; fix and resume', async () => {
    const dir = makeDir(fiveFiles('INSERT INTO c VALUES (1), (1);'));
    const r = await applyMigrations(t.db, { dir, txMode: 'none' });
    expect(r.ok).toBe(false);
    expect(r.files.map((f) => [f.name, f.status])).toEqual([['1_a.sql', 'applied'], ['2_b.sql', 'applied'], ['3_c.sql', 'failed'], ['4_d.sql', 'pending'], ['5_e.sql', 'pending']]);
    const revs = await readRevisions(t.db, REV);
    expect(revs.map((x) => [x.version, x.applied, x.total])).toEqual([['1', 1, 1], ['2', 2, 2], ['3', 1, 3]]);
    expect(revs[2]!.error).toMatch(/duplicate key/);
    expect(revs[2]!.errorStmt).toBe('INSERT INTO c VALUES (1), (1);');
    expect(revs[2]!.partialHashes).toHaveLength(1);
    const st = await migrationStatus(t.db, { dir });
    expect(formatStatus(st)).toContain('Current Version: 3 (1 statements applied)');
    expect(formatStatus(st)).toContain('Next Version:    3 (2 statements left)');
    expect(formatStatus(st)).toMatch(/Last migration attempt had errors:\n  -- SQL:   INSERT INTO c VALUES \(1\), \(1\);\n  -- .*ERROR:.* .*duplicate key/);
    // Editing an applied statement is refused; fixing the failing one resumes after the applied ones.
    writeFileSync(join(dir, '3_c.sql'), 'CREATE TABLE c (id int PRIMARY KEY);\nINSERT INTO c VALUES (1), (2);\nCREATE TABLE c2 (id int);\n');
    writeSum(dir);
    const fixed = await applyMigrations(t.db, { dir, txMode: 'none' });
    expect(fixed.ok).toBe(true);
    expect(fixed.files.map((f) => [f.name, f.applied])).toEqual([['3_c.sql', 2], ['4_d.sql', 1], ['5_e.sql', 1]]);
    expect((await t.db.query('SELECT * FROM c')).rowCount).toBe(2);
    expect((await t.db.query('SELECT * FROM b')).rowCount).toBe(1);
    const after = await readRevisions(t.db, REV);
    expect(after.map((x) => [x.version, x.applied, x.total, x.error, x.partialHashes])).toEqual([
      ['1', 1, 1, '', null], ['2', 2, 2, '', null], ['3', 3, 3, '', null], ['4', 1, 1, '', null], ['5', 1, 1, '', null],
    ]);
  });

  it('tx-mode none: a changed already-applied statement is "history changed"', async () => {
    const dir = makeDir(fiveFiles('INSERT INTO c VALUES (1), (1);'));
    await applyMigrations(t.db, { dir, txMode: 'none' });
    writeFileSync(join(dir, '3_c.sql'), 'CREATE TABLE c (id bigint PRIMARY KEY);\nINSERT INTO c VALUES (1);\nCREATE TABLE c2 (id int);\n');
    writeSum(dir);
    await expect(applyMigrations(t.db, { dir, txMode: 'none' })).rejects.toThrow(/history changed: statement 1 from file "3_c.sql" changed/);
  });

  it('tx-mode file: the failing file leaves no trace, earlier files stay applied', async () => {
    const dir = makeDir(fiveFiles('INSERT INTO c VALUES (1), (1);'));
    const r = await applyMigrations(t.db, { dir });
    expect(r.ok).toBe(false);
    const revs = await readRevisions(t.db, REV);
    expect(revs.map((x) => x.version)).toEqual(['1', '2']);
    expect((await t.db.query(`SELECT 1 FROM pg_class WHERE relname = 'c'`)).rowCount).toBe(0);
    const st = await migrationStatus(t.db, { dir });
    expect(st.pending.map((f) => f.version)).toEqual(['3', '4', '5']);
  });

  it('tx-mode all: any failure rolls back everything', async () => {
    const dir = makeDir(fiveFiles('INSERT INTO c VALUES (1), (1);'));
    const r = await applyMigrations(t.db, { dir, txMode: 'all' });
    expect(r.ok).toBe(false);
    expect((await t.db.query(`SELECT 1 FROM pg_class WHERE relname IN ('a', 'b')`)).rowCount).toBe(0);
    expect(await readRevisions(t.db, REV)).toEqual([]);
  });

  it('honours -- atlas:txmode none in a file (Atlas vector cmdapi-sqlitetx3 semantics)', async () => {
    const dir = makeDir({ '1_a.sql': 'CREATE TABLE t0 (a int);\n', '2_b.sql': '-- atlas:txmode none\n\nCREATE TABLE t1 (a INTEGER PRIMARY KEY);\n\nINSERT INTO t1 VALUES (1), (1);\n' });
    const r = await applyMigrations(t.db, { dir });
    expect(r.ok).toBe(false);
    expect((await t.db.query('SELECT 1 FROM t1')).rowCount).toBe(0); // created outside a transaction: kept
    const revs = await readRevisions(t.db, REV);
    expect(revs.map((x) => [x.version, x.applied, x.total])).toEqual([['1', 1, 1], ['2', 1, 2]]);
  });

  it('refuses a dirty database without --baseline/--allow-dirty; baseline skips up to the version', async () => {
    const dir = makeDir(fiveFiles('SELECT 1;'));
    await t.db.exec('CREATE TABLE a (id int); CREATE TABLE b (id int);');
    await expect(applyMigrations(t.db, { dir })).rejects.toThrow(/not clean.*baseline version or allow-dirty is required/);
    const r = await applyMigrations(t.db, { dir, baseline: '2' });
    expect(r.files.map((f) => f.name)).toEqual(['3_c.sql', '4_d.sql', '5_e.sql']);
    const revs = await readRevisions(t.db, REV);
    expect(revs[0]).toMatchObject({ version: '2', type: 1, applied: 0, total: 0, hash: '', partialHashes: null });
    await expect(applyMigrations(t.db, { dir, baseline: '9' })).resolves.toMatchObject({ files: [] });
  });

  it('rejects files added out of order unless exec-order allows them', async () => {
    const dir = makeDir({ '1_a.sql': 'CREATE TABLE a (id int);\n', '3_c.sql': 'CREATE TABLE c (id int);\n' });
    await applyMigrations(t.db, { dir });
    writeFileSync(join(dir, '2_b.sql'), 'CREATE TABLE b (id int);\n');
    writeSum(dir);
    await expect(applyMigrations(t.db, { dir })).rejects.toThrow(/2_b\.sql was added out of order/);
    const st = await migrationStatus(t.db, { dir });
    expect(st.outOfOrder.map((f) => f.name)).toEqual(['2_b.sql']);
    expect((await applyMigrations(t.db, { dir, execOrder: 'linear-skip' })).files).toEqual([]);
    const nl = await applyMigrations(t.db, { dir, execOrder: 'non-linear' });
    expect(nl.files.map((f) => f.name)).toEqual(['2_b.sql']);
  });

  it('refuses a tampered directory before touching the database', async () => {
    const dir = makeDir(fiveFiles('SELECT 1;'));
    writeFileSync(join(dir, '4_d.sql'), 'DROP TABLE a;\n');
    await expect(applyMigrations(t.db, { dir })).rejects.toThrow(/4_d\.sql was edited/);
    expect((await t.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = '${REV}'`)).rowCount).toBe(0);
  });

  it('dry run changes nothing; apply N applies N files; migrate set marks versions', async () => {
    const dir = makeDir(fiveFiles('SELECT 1;'));
    const dry = await applyMigrations(t.db, { dir, dryRun: true });
    expect(dry.files).toHaveLength(5);
    expect((await t.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = '${REV}'`)).rowCount).toBe(0);
    expect((await applyMigrations(t.db, { dir, count: 2 })).files.map((f) => f.name)).toEqual(['1_a.sql', '2_b.sql']);
    expect(await setMigrationVersion(t.db, { dir, version: '4' })).toBe(2);
    const revs = await readRevisions(t.db, REV);
    expect(revs.map((x) => [x.version, x.type])).toEqual([['1', 2], ['2', 2], ['3', 4], ['4', 4]]);
    expect((await applyMigrations(t.db, { dir })).files.map((f) => f.name)).toEqual(['5_e.sql']);
    await setMigrationVersion(t.db, { dir, version: '2' });
    expect((await readRevisions(t.db, REV)).map((x) => x.version)).toEqual(['1', '2']);
  });

  // PGlite memory cannot be re-opened with a search_path (a second handle is a new database).
  if (t.target.name !== 'pglite') it('uses the bound schema for the revisions table and guards against ambiguity', async () => {
    const dir = makeDir({ '1_a.sql': 'CREATE TABLE a (id int);\n' });
    await t.db.exec('CREATE SCHEMA app');
    const bound = await openDatabase(`${t.url}?search_path=app`);
    try {
      const r = await applyMigrations(bound, { dir });
      expect(r.ok).toBe(true);
      expect((await t.db.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname IN ('a', '${REV}')`)).rowCount).toBe(2);
    } finally {
      await bound.close();
    }
    // A history in atlas_schema_revisions but a URL bound to another schema: ambiguous, refused.
    await t.db.exec('CREATE SCHEMA other');
    await applyMigrations(t.db, { dir: makeDir({ '1_x.sql': 'CREATE TABLE other.x (id int);\n' }), allowDirty: true });
    const other = await openDatabase(`${t.url}?search_path=other`);
    try {
      await expect(migrationStatus(other, { dir })).rejects.toThrow(/ambiguous revision table/);
    } finally {
      await other.close();
    }
  });
});

describeEachDatabase('migrate apply concurrency', (t) => {
  if (t.target.name === 'postgres')
    it('two appliers started together apply every file exactly once (20 rounds)', async () => {
      const dir = makeDir({
        '1_a.sql': 'CREATE TABLE IF NOT EXISTS log (n int);\nINSERT INTO log VALUES (1);\n',
        '2_b.sql': 'INSERT INTO log VALUES (2);\nSELECT pg_sleep(0.01);\n',
        '3_c.sql': 'INSERT INTO log VALUES (3);\n',
      });
      const a = await openDatabase(t.url!);
      const b = await openDatabase(t.url!);
      try {
        for (let round = 0; round < 20; round++) {
          await t.reset();
          const [ra, rb] = await Promise.all([applyMigrations(a, { dir }), applyMigrations(b, { dir })]);
          expect(ra.ok && rb.ok).toBe(true);
          expect(ra.files.length + rb.files.length).toBe(3);
          const log = await t.db.query<{ n: number }>('SELECT n FROM log ORDER BY n');
          expect(log.rows.map((r) => r.n)).toEqual([1, 2, 3]);
          expect((await readRevisions(t.db, REV)).map((r) => [r.version, r.applied, r.total])).toEqual([['1', 2, 2], ['2', 2, 2], ['3', 1, 1]]);
        }
      } finally {
        await a.close();
        await b.close();
      }
    });
  if (t.target.name === 'pglite')
    it('two CLI processes on one embedded database: the second waits, every file applied once', async () => {
      const dir = makeDir({ '1_a.sql': 'CREATE TABLE log (n int);\nINSERT INTO log VALUES (1);\n', '2_b.sql': 'INSERT INTO log VALUES (2);\n' });
      const dataDir = join(mkdtempSync(join(tmpdir(), 'meridian-pgl-')), 'db');
      const args = ['migrate', 'apply', '--auto-approve', '--dir', `file://${dir}`, '--url', `pglite://${dataDir}`];
      const [ra, rb] = await Promise.all([runCli(args, { env: { DATABASE_URL: '' } }), runCli(args, { env: { DATABASE_URL: '' } })]);
      expect([ra.code, rb.code]).toEqual([0, 0]);
      const outs = [ra.stdout, rb.stdout];
      expect(outs.filter((o) => o.includes('-- 2 migrations')).length).toBe(1);
      expect(outs.filter((o) => o.includes('No migration files to execute')).length).toBe(1);
      const db = await openDatabase(`pglite://${dataDir}`);
      try {
        expect((await db.query<{ n: number }>('SELECT n FROM log ORDER BY n')).rows.map((r) => r.n)).toEqual([1, 2]);
      } finally {
        await db.close();
      }
    });
});
