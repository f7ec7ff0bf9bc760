/**
 * Dev-database hygiene with a real process: the CLI (`migrate diff` with a PostgreSQL `--dev-url`) is
 * interrupted while it has the dev database in use.
 *  - SIGINT (Ctrl-C): the CLI itself ends its connection's work, empties the database and removes its lease
 *    before dying of the signal: a pg_dump of the dev database equals the one taken before the run.
 *  - SIGKILL: nothing can run, the leftovers and the lease stay; the next run recognises them as its own,
 *    clears them and succeeds, and the dump equals the starting one again.
 *  - Two runs at once: the second waits for the first's advisory lock instead of wiping the database under
 *    it; both write the same migration.
 * PostgreSQL only (pg_dump, a server another process can share); the in-process cases of
 * dev-hygiene.test.ts cover PGlite.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { withDatabase } from '../helpers/databases.js';

const BASE = process.env.DATABASE_URL;
const NAME = `m20_sig_${process.pid}`;
const DEV = BASE ? withDatabase(BASE, NAME) : '';
// danbooru's SQL functions are only checked by PostgreSQL: migrate diff replays its ~1,600 statements on the dev database.
const SCHEMA = resolve(repoRoot, '..', 'shared', 'corpus', 'danbooru-2026.sql');
/**
 * The next run's schema: small, but it still needs the dev database: a DO block, which only a database runs (an SQL
 * function's body `SELECT 1` no longer does since the native fold settles it, h191).
 */
const SMALL = `CREATE TABLE t (id int PRIMARY KEY);\nDO $$ BEGIN CREATE TABLE u (id int); END $$;\n`;

/** The dev database as pg_dump sees it, with its comment (where the lease lives): --create. */
const dump = () => execFileSync('pg_dump', ['--schema-only', '--create', DEV], { encoding: 'utf8' }).replace(/^(--|\\(un)?restrict ).*$/gm, '');

function project(): { dir: string; args: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-sig-'));
  mkdirSync(join(dir, 'migrations'));
  copyFileSync(SCHEMA, join(dir, 'schema.sql'));
  return { dir, args: ['migrate', 'diff', 'init', '--dir', 'file://migrations', '--to', 'file://schema.sql', '--dev-url', DEV] };
}

/**
 * Runs the CLI and sends `signal` mid-run: once the dev database carries its lease and holds some of the
 * replayed objects. Resolves with how the process ended and how many objects it had replayed.
 */
async function interrupted(signal: NodeJS.Signals, cwd: string, args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; objects: number }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), ...args], { cwd, env: process.env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, sig) => done({ code, signal: sig })));
  const watch = await openDatabase(DEV);
  let objects = 0;
  try {
    const t0 = Date.now();
    for (;;) {
      const r = await watch.query<{ lease: boolean; n: number }>(
        `SELECT coalesce(shobj_description(d.oid, 'pg_database') LIKE 'meridian-dev:%', false) AS lease,
                (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')::int AS n
           FROM pg_database d WHERE d.datname = current_database()`,
      );
      if (r.rows[0]!.lease && r.rows[0]!.n > 0) {
        objects = r.rows[0]!.n;
        break;
      }
      if (Date.now() - t0 > 60_000 || child.exitCode !== null) throw new Error(`the CLI never had the dev database in use: ${stderr}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  } finally {
    await watch.close();
  }
  child.kill(signal);
  return { ...(await ended), stderr, objects };
}

describe.runIf(!!BASE)('dev database hygiene across a real process interrupted mid-run [postgres]', () => {
  let admin: Database;
  let start: string;
  beforeAll(async () => {
    admin = await openDatabase(BASE!);
    await admin.exec(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${NAME}`);
    start = dump();
  });
  afterAll(async () => {
    await admin.exec(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await admin.close();
  });

  it('SIGINT: the CLI cleans the dev database before it dies; nothing is written', async () => {
    const { dir, args } = project();
    const r = await interrupted('SIGINT', dir, args);
    expect(r.objects).toBeGreaterThan(0);
    expect(r.signal ?? r.code, r.stderr).toBe('SIGINT');
    expect(r.stderr).toMatch(/interrupted: cleaning the dev database…\nthe dev database is as it was found\n$/);
    expect(dump()).toBe(start);
    expect(readdirSync(join(dir, 'migrations'))).toEqual([]);
    // And the next run finds it clean and writes the migration.
    writeFileSync(join(dir, 'schema.sql'), SMALL);
    const next = await runCli(args, { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(dump()).toBe(start);
  }, 120_000);

  it('two runs at once on one dev database: the second waits for the first (no wipe under a live run); both write the same migration', async () => {
    const runs = [project(), project()];
    const first = runCli(runs[0]!.args, { cwd: runs[0]!.dir });
    // The second starts while the first holds the dev database (before the lock, it took the live lease for
    // a dead run's and wiped the database under it: "relation … does not exist" / "already exists").
    const watch = await openDatabase(DEV);
    try {
      for (let i = 0; i < 3000 && !(await watch.query<{ c: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()`)).rows[0]!.c?.startsWith('meridian-dev:'); i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await watch.close();
    }
    const second = runCli(runs[1]!.args, { cwd: runs[1]!.dir });
    const [a, b] = await Promise.all([first, second]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const file = (dir: string) => readFileSync(join(dir, 'migrations', readdirSync(join(dir, 'migrations')).find((f) => f.endsWith('.sql'))!), 'utf8');
    expect(file(runs[1]!.dir)).toBe(file(runs[0]!.dir));
    expect(dump()).toBe(start);
  }, 120_000);

  it('SIGKILL: leftovers stay; the next run clears its own and succeeds; the dump is the starting one', async () => {
    const { dir, args } = project();
    const r = await interrupted('SIGKILL', dir, args);
    expect(r.objects).toBeGreaterThan(0);
    expect(r.signal).toBe('SIGKILL');
    expect(dump()).not.toBe(start); // the lease (and what was replayed so far) is left behind
    writeFileSync(join(dir, 'schema.sql'), SMALL);
    const next = await runCli(args, { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(join(dir, 'migrations')).filter((f) => f.endsWith('.sql'))).toHaveLength(1);
    expect(dump()).toBe(start);
    expect(start).toMatch(/CREATE DATABASE/); // a real dump was compared
  }, 120_000);
});
