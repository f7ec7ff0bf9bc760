/**
 * Runs a suite on every available database: the in-memory PGlite always, the PostgreSQL server at
 * DATABASE_URL when set, and the testcontainers servers when Docker answered in global setup.
 *
 * One database per target per test file (PGlite instances are expensive, and a worker's files share them:
 * ./pglite-pool.ts): for servers a database `meridian_t_<run>_<random>` is created, or one an earlier file of
 * this worker handed back clean is lent again (createServerDatabase). `reset()` drops every non-system
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
import { devDatabaseContents } from '../../src/workflow/dev-lease.js';
import { lendMemoryDatabase, publicSchemaOf, returnMemoryDatabase } from './pglite-pool.js';

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

/**
 * Server databases handed back clean (`drop` of createServerDatabase), per server, lent again by the next
 * createServerDatabase of this worker: a DROP DATABASE waits for a checkpoint (PostgreSQL 15: ~0.1–2 s of
 * flushing, for the whole server, the busier the longer) and a CREATE DATABASE copies template1 through the
 * WAL (~7 MB), while bringing a database back to a fresh one's contents is the reset every test already starts
 * with. The databases of the run are dropped together in global-setup.ts's teardown (many DROP DATABASE at once
 * share their checkpoints). MERIDIAN_TEST_SERVER_POOL=0 creates and drops a database per use, as before.
 */
const idleServerDatabases = new Map<string, string[]>();
/** Idle databases kept per server and worker (the acceptance files hold six at once, most files one or two). */
const KEEP_SERVER_DATABASES = 8;

/** The run's name part (global-setup.ts), when this is a vitest run that drops the run's databases at its end. */
function serverRunTag(): string | undefined {
  if (process.env.MERIDIAN_TEST_SERVER_POOL === '0') return undefined;
  try {
    return inject('serverDatabaseTag') || undefined;
  } catch {
    return undefined; // outside a vitest run with its global setup: every database is dropped after use
  }
}

/**
 * Whether the database at `url` is as CREATE DATABASE made it, after a reset: nothing of a dev database's
 * contents (devDatabaseContents) and nothing a test may set on the database itself (owner, privileges,
 * comment, settings, connection limits, tablespace), no large object, no prepared transaction, no subscription.
 */
const FRESH_DATABASE = `SELECT (d.datdba = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
    AND d.datconnlimit = -1 AND d.datallowconn AND NOT d.datistemplate AND d.datacl IS NULL
    AND d.dattablespace = (SELECT t.oid FROM pg_catalog.pg_tablespace t WHERE t.spcname = 'pg_default')
    AND pg_catalog.shobj_description(d.oid, 'pg_database') IS NULL
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_db_role_setting s WHERE s.setdatabase = d.oid)
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_largeobject_metadata)
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_prepared_xacts x WHERE x.database = d.datname)
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_subscription s WHERE s.subdbid = d.oid)) AS fresh
  FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()`;

/**
 * The public schema as CREATE DATABASE makes it (its owner, privileges and comment, copied from template1), per
 * server: read from the first database this worker creates. A test may change them (GRANT … ON SCHEMA public) in
 * ways the reset keeps and devDatabaseContents accepts (PostgreSQL 14's `GRANT ALL … TO PUBLIC` is a standard public
 * schema to Meridian), and pg_dump shows them: such a database is not lent again (publicSchemaOf, ./pglite-pool.ts).
 */
const freshPublic = new Map<string, string>();

/** Brings a server database back to a fresh one (every other session ended, as DROP … WITH (FORCE) would); false when it cannot be. */
async function backToFresh(url: string, baseUrl: string): Promise<boolean> {
  let db: Database | undefined;
  try {
    db = await openDatabase(url);
    await db.query(`SELECT pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a WHERE a.datname = pg_catalog.current_database() AND a.pid <> pg_catalog.pg_backend_pid()`);
    await resetDevDatabase(db);
    if ((await devDatabaseContents(db)).length > 0) return false;
    if ((await db.query<{ fresh: boolean }>(FRESH_DATABASE)).rows[0]?.fresh !== true) return false;
    return freshPublic.has(baseUrl) && (await publicSchemaOf(db)) === freshPublic.get(baseUrl);
  } catch {
    return false;
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/**
 * A throw-away database on a server; returns its URL and a drop function. In a vitest run (global-setup.ts)
 * the database may be one this worker used before, handed back clean by `drop` (see idleServerDatabases).
 *
 * @example
 * const { url, drop } = await createServerDatabase(process.env.DATABASE_URL!);
 * try { … } finally { await drop(); }
 */
export async function createServerDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const tag = serverRunTag();
  const idle = idleServerDatabases.get(baseUrl) ?? [];
  idleServerDatabases.set(baseUrl, idle);
  let name = tag ? idle.pop() : undefined;
  if (!name) {
    name = `meridian_t_${tag ? `${tag}_` : ''}${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase(baseUrl);
    try {
      await admin.exec(`CREATE DATABASE ${name}`);
    } finally {
      await admin.close();
    }
    if (tag && !freshPublic.has(baseUrl)) {
      const fresh = await openDatabase(withDatabase(baseUrl, name));
      try {
        freshPublic.set(baseUrl, await publicSchemaOf(fresh));
      } finally {
        await fresh.close();
      }
    }
  }
  const url = withDatabase(baseUrl, name);
  const dropNow = async () => {
    const a = await openDatabase(baseUrl);
    try {
      await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await a.close();
    }
  };
  let dropped = false;
  return {
    url,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      if (tag && idle.length < KEEP_SERVER_DATABASES && (await backToFresh(url, baseUrl))) idle.push(name);
      else await dropNow();
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
