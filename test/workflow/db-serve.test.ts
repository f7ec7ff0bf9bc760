import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { serveDatabase } from '../../src/db/serve.js';
import { killStartedClis, runCli, startCli } from '../helpers/cli.js';

/**
 * How long a `db serve` start may take before the test gives up (and kills it). Measured: ~3.5 s of CPU
 * from the prepared template, ~9 s with initdb (no template yet); on a loaded 2-core machine the wall
 * time is several times that.
 */
const BANNER_TIMEOUT_MS = 120_000;

// No child outlives its test, whatever failed.
afterEach(killStartedClis);

describe('db serve', () => {
  it('serves the embedded database over the PostgreSQL protocol', async () => {
    const db = await openDatabase('pglite://memory');
    const served = await serveDatabase(db, { port: 54391 });
    try {
      await db.exec('CREATE TABLE served (x int); INSERT INTO served VALUES (7)');
      const client = await openDatabase(`${served.url}?sslmode=disable`);
      try {
        const r = await client.query<{ x: number }>('SELECT x FROM served');
        expect(r.rows).toEqual([{ x: 7 }]);
      } finally {
        await client.close();
      }
    } finally {
      await served.close();
      await db.close();
    }
  });
  if (process.env.DATABASE_URL) it('refuses to serve a server database', async () => {
    const db = await openDatabase(process.env.DATABASE_URL!);
    try {
      await expect(serveDatabase(db)).rejects.toThrow(/already a server/);
    } finally {
      await db.close();
    }
  });
  it('CLI: serves a file-backed project database until SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-serve-'));
    // MERIDIAN_TRACE: the start's steps on stderr, which a failure below prints with stdout.
    const serve = startCli(['db', 'serve', '--port', '54392'], { cwd, env: { DATABASE_URL: '', MERIDIAN_TRACE: '1' } });
    const out = await serve.waitForStdout(/Serving/, BANNER_TIMEOUT_MS);
    expect(out).toContain('postgres://postgres@127.0.0.1:54392/postgres');
    const client = await openDatabase('postgres://postgres@127.0.0.1:54392/postgres?sslmode=disable');
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    await client.exec('CREATE TABLE served_here (x int)');
    await client.close();
    // Another command on the same project connects through the server instead of waiting for the lock
    // (the lock timeout is cut to 3 s so that, without it, this fails fast with E_LOCK).
    const other = await runCli(['schema', 'inspect'], { cwd, env: { DATABASE_URL: '', MERIDIAN_PGLITE_LOCK_TIMEOUT_MS: '3000' } });
    expect(other.stderr).toContain(`the embedded database is served by process ${serve.pid}: connecting through postgres://postgres@127.0.0.1:54392/postgres`);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toContain('CREATE TABLE "public"."served_here"');
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(cwd, '.meridian/pglite.served.json'))).toBe(false);
    expect(existsSync(join(cwd, '.meridian/pglite.lock'))).toBe(false);
  }, 4 * BANNER_TIMEOUT_MS);
  it('CLI: serves again a project whose previous server was killed with SIGKILL (stale lock and record)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-serve-killed-'));
    const env = { DATABASE_URL: '', MERIDIAN_TRACE: '1' };
    const first = startCli(['db', 'serve', '--port', '54393'], { cwd, env });
    await first.waitForStdout(/Serving/, BANNER_TIMEOUT_MS);
    const client = await openDatabase('postgres://postgres@127.0.0.1:54393/postgres?sslmode=disable');
    await client.exec('CREATE TABLE before_the_kill (x int)');
    await client.close();
    first.kill();
    expect(await first.stop()).toBe(null); // killed: no exit code
    // What the killed server left: its lock and its record, both naming a process that is gone.
    expect(readFileSync(join(cwd, '.meridian/pglite.lock'), 'utf8')).toBe(String(first.pid));
    expect(existsSync(join(cwd, '.meridian/pglite.served.json'))).toBe(true);
    const second = startCli(['db', 'serve', '--port', '54393'], { cwd, env });
    await second.waitForStdout(/Serving/, BANNER_TIMEOUT_MS);
    expect(second.output().stderr).not.toContain('waiting for process');
    expect(readFileSync(join(cwd, '.meridian/pglite.lock'), 'utf8')).toBe(String(second.pid));
    expect(JSON.parse(readFileSync(join(cwd, '.meridian/pglite.served.json'), 'utf8'))).toEqual({ pid: second.pid, url: 'postgres://postgres@127.0.0.1:54393/postgres' });
    const again = await openDatabase('postgres://postgres@127.0.0.1:54393/postgres?sslmode=disable');
    expect((await again.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'before_the_kill'")).rows).toEqual([{ n: 1 }]);
    await again.close();
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(cwd, '.meridian/pglite.lock'))).toBe(false);
  }, 4 * BANNER_TIMEOUT_MS);
  it('a start that prints no banner in time is killed, and the failure carries its stdout and stderr', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-serve-slow-'));
    const serve = startCli(['db', 'serve', '--port', '54394'], { cwd, env: { DATABASE_URL: '', MERIDIAN_TRACE: '1' } });
    const failure = await serve.waitForStdout(/Serving/, 1).then(() => undefined, (e: Error) => e);
    expect(failure?.message).toMatch(/^meridian db serve --port 54394 \(pid \d+\) printed no \/Serving\/ after \d+ ms/);
    expect(failure?.message).toContain('--- stdout ---');
    expect(failure?.message).toContain('--- stderr ---');
    expect(await serve.stop()).toBe(null);
    expect(() => process.kill(serve.pid, 0)).toThrow();
  });
});
