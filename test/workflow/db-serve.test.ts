import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { serveDatabase } from '../../src/db/serve.js';
import { repoRoot, runCli } from '../helpers/cli.js';

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
    const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), 'db', 'serve', '--port', '54392'], { cwd, env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 60_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('Serving')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain('postgres://postgres@127.0.0.1:54392/postgres');
    const client = await openDatabase('postgres://postgres@127.0.0.1:54392/postgres?sslmode=disable');
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    await client.exec('CREATE TABLE served_here (x int)');
    await client.close();
    // Another command on the same project connects through the server instead of waiting for the lock
    // (the lock timeout is cut to 3 s so that, without it, this fails fast with E_LOCK).
    const other = await runCli(['schema', 'inspect'], { cwd, env: { DATABASE_URL: '', MERIDIAN_PGLITE_LOCK_TIMEOUT_MS: '3000' } });
    expect(other.stderr).toContain(`the embedded database is served by process ${child.pid}: connecting through postgres://postgres@127.0.0.1:54392/postgres`);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toContain('CREATE TABLE "public"."served_here"');
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(cwd, '.meridian/pglite.served.json'))).toBe(false);
  }, 180_000);
});
