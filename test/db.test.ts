import { describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl, redactUrl } from '../src/db/index.js';
import { MeridianError } from '../src/errors.js';
import { describeEachDatabase, testTargets } from './helpers/databases.js';

describe('database URLs', () => {
  it('parses the forms Meridian accepts', () => {
    expect(parseDatabaseUrl('pglite://memory')).toMatchObject({ kind: 'pglite', dataDir: undefined });
    expect(parseDatabaseUrl('pglite://./.meridian/pglite')).toMatchObject({ kind: 'pglite', dataDir: './.meridian/pglite' });
    expect(parseDatabaseUrl('postgres://u:p@h:5432/db?search_path=app')).toMatchObject({ kind: 'postgres', database: 'db', searchPath: 'app' });
    expect(parseDatabaseUrl('postgresql://h/db').kind).toBe('postgres');
  });
  it('rejects malformed URLs without leaking passwords', () => {
    expect(() => parseDatabaseUrl('mysql://u:secret@h/db')).toThrow(MeridianError);
    try {
      parseDatabaseUrl('mysql://u:secret@h/db');
    } catch (e) {
      expect((e as Error).message).not.toContain('secret');
    }
    expect(() => parseDatabaseUrl('')).toThrow(/empty/);
    expect(() => parseDatabaseUrl('pglite://')).toThrow(/malformed/);
  });
  it('redacts passwords in free text', () => {
    expect(redactUrl('x postgres://me:s3cr3t@db:5432/app y')).toBe('x postgres://me:xxxxx@db:5432/app y');
  });
  it('reports an unreachable server as E_CONNECT', async () => {
    await expect(openDatabase('postgres://nobody:pw@127.0.0.1:1/nope')).rejects.toMatchObject({ code: 'E_CONNECT' });
  });
  it('runs on PGlite always and on PostgreSQL when DATABASE_URL is set', () => {
    const names = testTargets().map((t) => t.name);
    expect(names).toContain('pglite');
    if (process.env.DATABASE_URL) expect(names).toContain('postgres');
  });
});

describeEachDatabase('driver', (t) => {
  it('queries with parameters', async () => {
    const r = await t.db.query<{ n: number }>('SELECT $1::int + 1 AS n', [41]);
    expect(r.rows[0]!.n).toBe(42);
  });
  it('executes several statements at once', async () => {
    await t.db.exec('CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2);');
    const r = await t.db.query<{ c: string | number }>('SELECT count(*)::int AS c FROM a');
    expect(Number(r.rows[0]!.c)).toBe(2);
  });
  it('commits and rolls back transactions', async () => {
    await t.db.exec('CREATE TABLE b (id int)');
    await t.db.transaction(async (tx) => {
      await tx.query('INSERT INTO b VALUES (1)');
    });
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('INSERT INTO b VALUES (2)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const r = await t.db.query<{ id: number }>('SELECT id FROM b');
    expect(r.rows.map((x) => x.id)).toEqual([1]);
  });
  it('wraps SQL errors with the server message', async () => {
    await expect(t.db.query('SELECT * FROM nope')).rejects.toMatchObject({ code: 'E_DB', message: expect.stringContaining('nope') });
  });
  it('takes and releases session advisory locks', async () => {
    expect(await t.db.advisoryLock(42n)).toBe(true);
    await t.db.advisoryUnlock(42n);
    expect(await t.db.advisoryLock(42n, { wait: false })).toBe(true);
    await t.db.advisoryUnlock(42n);
  });
  it('reports the server version', async () => {
    const v = await t.db.serverVersion();
    expect(v).toBeGreaterThanOrEqual(130000);
    if (t.target.name === 'pglite') expect(v).toBeGreaterThanOrEqual(180000);
  });
  it('runs every session with TimeZone UTC, whatever the server, the URL or PGOPTIONS say (src/db/session.ts)', async () => {
    expect((await t.db.query<{ z: string }>('SELECT current_setting($1) AS z', ['TimeZone'])).rows[0]!.z).toBe('UTC');
    if (t.target.name === 'pglite') return;
    const u = new URL(t.url!);
    u.searchParams.set('options', '-c TimeZone=Asia/Tokyo');
    const before = process.env.PGOPTIONS;
    process.env.PGOPTIONS = '-c TimeZone=America/New_York';
    const others = [await openDatabase(u.toString()), await openDatabase(t.url!)];
    if (before === undefined) delete process.env.PGOPTIONS;
    else process.env.PGOPTIONS = before;
    try {
      for (const other of others) {
        const r = await other.query<{ z: string; at: string }>("SELECT current_setting('TimeZone') AS z, '2026-06-01'::timestamptz::text AS at");
        expect(r.rows[0]).toEqual({ z: 'UTC', at: '2026-06-01 00:00:00+00' });
      }
    } finally {
      for (const other of others) await other.close();
    }
  });
  // PGlite has one connection per instance; its locks are emulated in-process (tested in migrate's concurrency tests).
  if (t.target.name !== 'pglite') it('advisory locks exclude a second session', async () => {
    const other = await openDatabase(t.url!);
    try {
      expect(await t.db.advisoryLock(7n)).toBe(true);
      expect(await other.advisoryLock(7n, { wait: false })).toBe(false);
      await t.db.advisoryUnlock(7n);
      expect(await other.advisoryLock(7n, { wait: false })).toBe(true);
      await other.advisoryUnlock(7n);
    } finally {
      await other.close();
    }
  });
});

describe('embedded database and the event loop', () => {
  it('a long run of awaited PGlite statements still lets timers and I/O through', async () => {
    const db = await openDatabase('pglite://memory');
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      // PGlite settles its promises without I/O: without yielding, this loop would starve the interval.
      const t0 = performance.now();
      let statements = 0;
      while (performance.now() - t0 < 600) {
        await db.query('SELECT 1');
        statements++;
      }
      clearInterval(timer);
      expect(statements).toBeGreaterThan(10);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});

describe('embedded database on a data directory', () => {
  it('leaves no exit listener behind once closed (a process opening data directories in turn)', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = join(mkdtempSync(join(tmpdir(), 'meridian-exit-')), 'db');
    const before = process.listenerCount('exit');
    for (let i = 0; i < 3; i++) {
      const db = await openDatabase(`pglite://${dir}`);
      expect(process.listenerCount('exit')).toBeGreaterThan(before); // the lock file is removed at exit if never closed
      await db.close();
    }
    expect(process.listenerCount('exit')).toBe(before);
  });
  it('a lock file still being created (empty) is not taken over as stale; an abandoned empty one is', async () => {
    const { mkdtempSync, readFileSync, utimesSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = join(mkdtempSync(join(tmpdir(), 'meridian-lock-')), 'db');
    // What another process leaves between creating the lock file and writing its pid into it.
    writeFileSync(`${dir}.lock`, '');
    const saved = process.env.MERIDIAN_PGLITE_LOCK_TIMEOUT_MS;
    process.env.MERIDIAN_PGLITE_LOCK_TIMEOUT_MS = '300';
    try {
      await expect(openDatabase(`pglite://${dir}`)).rejects.toMatchObject({ code: 'E_LOCK', message: expect.stringContaining('in use by another process') });
      // Ten seconds later nobody wrote a pid: abandoned.
      const old = new Date(Date.now() - 60_000);
      utimesSync(`${dir}.lock`, old, old);
      const db = await openDatabase(`pglite://${dir}`);
      expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
      await db.close();
    } finally {
      if (saved === undefined) delete process.env.MERIDIAN_PGLITE_LOCK_TIMEOUT_MS;
      else process.env.MERIDIAN_PGLITE_LOCK_TIMEOUT_MS = saved;
    }
  });
});
