/**
 * Runs a suite on every available database: the in-memory PGlite always, the PostgreSQL server at
 * DATABASE_URL when set, and the testcontainers servers when Docker answered in global setup.
 *
 * One database per target per test file (PGlite instances are expensive, and a worker's files share them:
 * ./pglite-pool.ts): for servers a fresh
 * database `meridian_t_<random>` is created and dropped afterwards. `reset()` drops every non-system
 * schema and recreates an empty `public`, so each test starts clean.
 *
 * @example
 * describeEachDatabase('inspect', (t) => {
 *   it('reads a table', async () => {
 *     await t.db.exec('CREATE TABLE a (id int)');
 *   });
 * });
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { resetDevDatabase } from '../../src/workflow/state.js';
import { lendMemoryDatabase, returnMemoryDatabase } from './pglite-pool.js';

export interface TestTarget {
  readonly name: string;
  /** Base URL: `pglite://memory` or a server URL (of its maintenance database). */
  readonly url: string;
}

export interface TestDatabase {
  readonly target: TestTarget;
  /** The database of this file (valid inside tests and hooks). */
  readonly db: Database;
  /** A URL another process/connection can use for the same database (servers only; undefined for PGlite memory). */
  readonly url: string | undefined;
  /** Drops every non-system schema and recreates an empty `public`. */
  reset(): Promise<void>;
}

/** Every database target available in this run. */
export function testTargets(): TestTarget[] {
  const out: TestTarget[] = [{ name: 'pglite', url: 'pglite://memory' }];
  if (process.env.DATABASE_URL) out.push({ name: 'postgres', url: process.env.DATABASE_URL });
  let extra: string[] = [];
  try {
    extra = inject('containerUrls') ?? [];
  } catch {
    extra = [];
  }
  extra.forEach((u, i) => out.push({ name: `container-${i}`, url: u }));
  return out;
}

/** A URL for a different database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a throw-away database on a server; returns its URL and a drop function. */
export async function createServerDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `meridian_t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase(baseUrl);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  return {
    url: withDatabase(baseUrl, name),
    drop: async () => {
      const a = await openDatabase(baseUrl);
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}

/** Resets a database to "freshly created" (the same reset Meridian applies to dev databases). */
export async function resetDatabase(db: Database): Promise<void> {
  await resetDevDatabase(db);
}

/**
 * Declares `describe(title [target])` once per available database. `{ pglite: false }` limits a suite to
 * servers (e.g. tests that need a second connection), `{ servers: false }` to the embedded database.
 */
export function describeEachDatabase(title: string, fn: (t: TestDatabase) => void, opts: { servers?: boolean; pglite?: boolean } = {}): void {
  for (const target of testTargets()) {
    const isPglite = target.url.startsWith('pglite:');
    if ((isPglite && opts.pglite === false) || (!isPglite && opts.servers === false)) continue;
    describe(`${title} [${target.name}]`, () => {
      let db: Database | undefined;
      let url: string | undefined;
      let drop: (() => Promise<void>) | undefined;
      const t: TestDatabase = {
        target,
        get db(): Database {
          if (!db) throw new Error('database not open yet (use it inside tests or hooks)');
          return db;
        },
        get url() {
          return url;
        },
        reset: async () => resetDatabase(t.db),
      };
      beforeAll(async () => {
        if (isPglite) {
          db = await lendMemoryDatabase();
        } else {
          const created = await createServerDatabase(target.url);
          url = created.url;
          drop = created.drop;
          db = await openDatabase(created.url);
        }
      });
      beforeEach(async () => {
        await t.reset();
      });
      afterAll(async () => {
        if (db && isPglite) await returnMemoryDatabase(db);
        else await db?.close();
        await drop?.();
      });
      fn(t);
    });
  }
}

/** A database a spawned CLI can open by URL: a PGlite data directory, or a fresh server database. */
export interface UrlTarget {
  readonly name: string;
  url(): Promise<{ url: string; drop?: () => Promise<void> }>;
}

/**
 * Targets for end-to-end tests that drive the CLI in a child process: PGlite always, PostgreSQL when
 * DATABASE_URL is set.
 *
 * @example
 * for (const target of urlTargets()) describe(`workflow [${target.name}]`, () => { … });
 */
export function urlTargets(): UrlTarget[] {
  const out: UrlTarget[] = [{ name: 'pglite', url: async () => ({ url: `pglite://${join(mkdtempSync(join(tmpdir(), 'meridian-db-')), 'db')}` }) }];
  if (process.env.DATABASE_URL) out.push({ name: 'postgres', url: () => createServerDatabase(process.env.DATABASE_URL!) });
  return out;
}
