/**
 * Embedded `migrate status` / no-op `migrate apply` without starting PGlite (#23): the revisions remembered
 * when Meridian last closed the data directory are used only while the directory is provably unchanged.
 * Each test changes the database behind the remembered copy in one way and shows it is not trusted then.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PgliteDatabase } from '../../src/db/pglite.js';
import { dataDirLockPath, snapshotPath } from '../../src/db/pglite-snapshot.js';
import { applyMigrations, migrationStatus, migrationStatusOf } from '../../src/migrate/apply.js';
import { writeSum } from '../../src/migrate/dir.js';
import { recallRevisions, rememberRevisionsOnClose } from '../../src/migrate/revisions-snapshot.js';
import { DEFAULT_REVISIONS_SCHEMA, readRevisions } from '../../src/migrate/revisions.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';

const schema = DEFAULT_REVISIONS_SCHEMA;

/** A project: a migration directory with `n` files and a file-backed embedded database. */
function project(n: number): { root: string; dir: string; dataDir: string; url: string } {
  const root = mkdtempSync(join(tmpdir(), 'meridian-facts-'));
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  for (let i = 1; i <= n; i++) addFile(dir, i);
  const dataDir = join(root, 'pglite');
  return { root, dir, dataDir, url: `pglite://${dataDir}` };
}

function addFile(dir: string, i: number, version = `2026010100000${i}`): void {
  writeFileSync(join(dir, `${version}_t${i}.sql`), `CREATE TABLE t${i} (id int);\n`);
  writeSum(dir);
}

/** Opens the project's database through Meridian, runs `fn`, remembers the revisions on close. */
async function session(p: { dataDir: string; url: string }, fn: (db: PgliteDatabase) => Promise<void>): Promise<void> {
  const db = await PgliteDatabase.open(p.dataDir, p.url);
  rememberRevisionsOnClose(db, schema);
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

/** Opens the data directory with PGlite itself: another program, which knows nothing of Meridian's files. */
async function foreign(dataDir: string, fn: (pg: PGlite) => Promise<void>): Promise<void> {
  const pg = await PGlite.create({ dataDir });
  try {
    await fn(pg);
  } finally {
    await pg.close();
  }
}

describe('revisions remembered for the embedded database', () => {
  it('are recalled exactly as read, and status from them equals status from the database', async () => {
    const p = project(2);
    let read: Awaited<ReturnType<typeof readRevisions>> = [];
    let fromDb: Awaited<ReturnType<typeof migrationStatus>> | undefined;
    await session(p, async (db) => {
      await applyMigrations(db, { dir: p.dir });
      read = await readRevisions(db, schema);
      addFile(p.dir, 3); // one pending file
      fromDb = await migrationStatus(db, { dir: p.dir });
    });
    expect(existsSync(snapshotPath(p.dataDir))).toBe(true);
    const recalled = recallRevisions(p.url, undefined);
    expect(recalled).toEqual(read);
    expect(recalled!.map((r) => r.version)).toEqual(['20260101000001', '20260101000002']);
    const fromMemory = await migrationStatusOf(p.dir, recalled!);
    expect(fromMemory).toEqual(fromDb);
    expect(fromMemory.status).toBe('PENDING');
    // Another revisions schema, or a URL bound to a schema (whose check asks the database): not recalled.
    expect(recallRevisions(p.url, 'other')).toBeUndefined();
    expect(recallRevisions(`${p.url}?search_path=app`, undefined)).toBeUndefined();
    // Without any revisions table, the remembered answer is "none".
    const q = project(1);
    await session(q, async () => undefined);
    expect(recallRevisions(q.url, undefined)).toEqual([]);
  });

  it('are not trusted after another program wrote to the database, nor after it only opened it', async () => {
    const p = project(1);
    await session(p, (db) => applyMigrations(db, { dir: p.dir }).then(() => undefined));
    expect(recallRevisions(p.url, undefined)).toHaveLength(1);

    // A program that opens the directory and writes nothing: PostgreSQL's start and shutdown rewrite
    // pg_control's bytes (the fingerprint's part that no coarse clock can hide).
    const control = join(p.dataDir, 'global', 'pg_control');
    const before = readFileSync(control);
    await foreign(p.dataDir, async (pg) => {
      await pg.query('SELECT 1');
    });
    expect(readFileSync(control).equals(before)).toBe(false);
    expect(recallRevisions(p.url, undefined)).toBeUndefined();

    // Remembered again, then another program records a second migration behind Meridian's back.
    await session(p, async () => undefined);
    expect(recallRevisions(p.url, undefined)?.map((r) => r.version)).toEqual(['20260101000001']);
    await foreign(p.dataDir, async (pg) => {
      await pg.query(
        `INSERT INTO atlas_schema_revisions.atlas_schema_revisions (version, description, type, applied, total, executed_at, execution_time, hash, operator_version)
         VALUES ('20260101000002', 't2', 2, 1, 1, now(), 0, '', 'someone else')`,
      );
    });
    expect(recallRevisions(p.url, undefined)).toBeUndefined();
    addFile(p.dir, 2);
    const status = await runCli(['migrate', 'status', '--dir', `file://${p.dir}`, '--url', p.url], { cwd: p.root, env: { DATABASE_URL: '', DEV_DATABASE_URL: '' } });
    expect(status.stderr).toBe('');
    expect(status.stdout).toMatch(/Current Version: 20260101000002/);
    expect(status.stdout).toMatch(/Pending Files:\s+0/);
  });

  it('are not trusted after another process wrote and died without shutting PostgreSQL down', async () => {
    const p = project(1);
    await session(p, (db) => applyMigrations(db, { dir: p.dir }).then(() => undefined));
    expect(recallRevisions(p.url, undefined)).toHaveLength(1);
    const script = `
      import { PGlite } from '@electric-sql/pglite';
      const pg = await PGlite.create({ dataDir: ${JSON.stringify(p.dataDir)} });
      await pg.query("INSERT INTO atlas_schema_revisions.atlas_schema_revisions (version, description, type, applied, total, executed_at, execution_time, hash, operator_version) VALUES ('20260101000002', 't2', 2, 1, 1, now(), 0, '', 'crashed')");
      process.kill(process.pid, 'SIGKILL');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    expect(recallRevisions(p.url, undefined)).toBeUndefined();
  });

  it('are not trusted after a file of the directory changed, even with its mtime put back, nor after a restored copy', async () => {
    const p = project(1);
    await session(p, (db) => applyMigrations(db, { dir: p.dir }).then(() => undefined));
    expect(recallRevisions(p.url, undefined)).toHaveLength(1);

    // Same bytes written back, same mtime restored: the ctime (which no program can set back) moved.
    const base = join(p.dataDir, 'base');
    const db = readdirSync(base)[0]!;
    const rel = readdirSync(join(base, db)).find((f) => /^\d+$/.test(f) && statSync(join(base, db, f)).size > 0)!;
    const file = join(base, db, rel);
    const st = statSync(file);
    writeFileSync(file, readFileSync(file));
    utimesSync(file, st.atime, st.mtime);
    expect(recallRevisions(p.url, undefined)).toBeUndefined();

    // A copy of the directory put in its place (times preserved, as `cp -a` does): other inodes.
    await session(p, async () => undefined);
    expect(recallRevisions(p.url, undefined)).toHaveLength(1);
    const copy = `${p.dataDir}-copy`;
    cpSync(p.dataDir, copy, { recursive: true, preserveTimestamps: true });
    rmSync(p.dataDir, { recursive: true });
    renameSync(copy, p.dataDir);
    expect(recallRevisions(p.url, undefined)).toBeUndefined();

    // The directory gone: nothing to recall.
    await session(p, async () => undefined);
    rmSync(p.dataDir, { recursive: true });
    expect(recallRevisions(p.url, undefined)).toBeUndefined();
  });

  it('are not trusted while a process holds the lock, nor when the file is damaged, and a Meridian session forgets them at open', async () => {
    const p = project(1);
    await session(p, (db) => applyMigrations(db, { dir: p.dir }).then(() => undefined));
    const lock = dataDirLockPath(p.dataDir);
    writeFileSync(lock, String(process.pid));
    expect(recallRevisions(p.url, undefined)).toBeUndefined();
    rmSync(lock);
    expect(recallRevisions(p.url, undefined)).toHaveLength(1);

    const path = snapshotPath(p.dataDir);
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.slice(0, good.length / 2));
    expect(recallRevisions(p.url, undefined)).toBeUndefined();
    const parsed = JSON.parse(good) as { value: Array<Record<string, unknown>> };
    parsed.value[0]!.applied = 'one';
    writeFileSync(path, JSON.stringify(parsed));
    expect(recallRevisions(p.url, undefined)).toBeUndefined();
    writeFileSync(path, good);
    expect(recallRevisions(p.url, undefined)).toHaveLength(1);

    // While Meridian has the database open, the remembered file is already gone.
    const db = await PgliteDatabase.open(p.dataDir, p.url);
    try {
      expect(existsSync(path)).toBe(false);
    } finally {
      await db.close(); // nothing asked to remember: nothing written
    }
    expect(existsSync(path)).toBe(false);
  });
});

describe('the CLI on the embedded database', () => {
  it('answers status and a no-op apply without opening it, and opens it as soon as anything is pending', async () => {
    const p = project(1);
    const env = { DATABASE_URL: '', DEV_DATABASE_URL: '' };
    const args = ['--dir', `file://${p.dir}`, '--url', p.url];
    const first = await runInProcess(['migrate', 'apply', '--auto-approve', ...args], { cwd: p.root, env });
    expect(first.code).toBe(0);
    const reference = await runInProcess(['migrate', 'status', ...args], { cwd: p.root, env: { ...env, MERIDIAN_PGLITE_SNAPSHOT: 'off' } });
    expect(reference.code).toBe(0);

    const forbid = { ...env, MERIDIAN_FORBID_DB_OPEN: '1' };
    const status = await runInProcess(['migrate', 'status', ...args], { cwd: p.root, env: forbid });
    expect(status).toEqual(reference);
    const json = await runInProcess(['migrate', 'status', '--format', 'json', ...args], { cwd: p.root, env: forbid });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ Status: 'OK', Current: '20260101000001', Applied: [{ Version: '20260101000001', Type: 'applied' }] });
    const noop = await runInProcess(['migrate', 'apply', '--auto-approve', ...args], { cwd: p.root, env: forbid });
    expect(noop.code).toBe(0);
    expect(noop.stdout).toBe('No migration files to execute\n');

    // A pending file: apply needs the database (refused here, which proves it tried to open it).
    addFile(p.dir, 3);
    const pending = await runInProcess(['migrate', 'apply', '--auto-approve', ...args], { cwd: p.root, env: forbid });
    expect(pending.code).not.toBe(0);
    expect(pending.stderr).toMatch(/E_CONNECT\]: opening a database is forbidden/);
    const applied = await runInProcess(['migrate', 'apply', '--auto-approve', ...args], { cwd: p.root, env });
    expect(applied.code).toBe(0);
    // Applied by this process: remembered on close, so the next status needs no database either.
    const after = await runInProcess(['migrate', 'status', ...args], { cwd: p.root, env: forbid });
    expect(after.stdout).toMatch(/Current Version: 20260101000003/);
    // A file added out of order: the same error as from the database, still without opening it.
    addFile(p.dir, 2);
    const ooo = await runInProcess(['migrate', 'apply', '--auto-approve', ...args], { cwd: p.root, env: forbid });
    const oooDb = await runInProcess(['migrate', 'apply', '--auto-approve', ...args], { cwd: p.root, env: { ...env, MERIDIAN_PGLITE_SNAPSHOT: 'off' } });
    expect(ooo.code).not.toBe(0);
    expect(ooo.stderr).toMatch(/added out of order/);
    expect(ooo.stderr).toBe(oooDb.stderr);
    expect(ooo.stdout).toBe(oooDb.stdout);
  });
});
