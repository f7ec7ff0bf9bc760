/**
 * In-memory embedded databases lent to test files and handed back clean, so that a worker process (vitest
 * reuses each worker for file after file, see vitest.config.ts) starts a PGlite instance once per slot instead
 * of once per describe block: a start costs ~1–1.5 s of CPU (the wasm module, the data directory, the contrib
 * extensions), and the suite opened one or two per database-backed file.
 *
 * A database comes back in the state the test helpers already gave each test (resetDatabase, the dev
 * database's reset, run before every test): no schema but an empty `public`, no extension but plpgsql, no
 * role beyond PGlite's own, a fresh session (`DISCARD ALL`, TimeZone UTC as src/db/session.ts sets it). One
 * that cannot be brought back (an error, something the reset does not remove) is closed instead.
 *
 * MERIDIAN_TEST_PGLITE_POOL=0 opens and closes a database per use, as before.
 *
 * @example
 * const db = await lendMemoryDatabase();
 * try { await db.exec('CREATE TABLE t (id int)'); } finally { await returnMemoryDatabase(db); }
 */
import { openDatabase, type Database } from '../../src/db/index.js';
import { SESSION_TIMEZONE } from '../../src/db/session.js';
import { devDatabaseContents } from '../../src/workflow/dev-lease.js';
import { resetDevDatabase } from '../../src/workflow/dev-reset.js';

/** Idle databases kept per worker: the acceptance files use two at once, other files one. */
const KEEP = 2;
const idle: Database[] = [];
const enabled = process.env.MERIDIAN_TEST_PGLITE_POOL !== '0';

/**
 * The public schema's owner, privileges and comment: a test may change them (GRANT … ON SCHEMA public) in ways the
 * reset keeps (it restores public as it was, for users' dev databases) and devDatabaseContents accepts, while the
 * inspector and pg_dump see them. A database is lent again only with its public schema as a fresh one has it.
 */
const PUBLIC_SCHEMA = `SELECT n.nspowner::pg_catalog.regrole::text || '|' || COALESCE(n.nspacl::text, '') || '|' || COALESCE(pg_catalog.obj_description(n.oid, 'pg_namespace'), '') AS fp
  FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public'`;

/** The public schema of `db` as PUBLIC_SCHEMA reads it. */
export const publicSchemaOf = async (db: Database): Promise<string> => String((await db.query<{ fp: string | null }>(PUBLIC_SCHEMA)).rows[0]?.fp ?? '');

/** The public schema of a fresh embedded database, read from the first one this worker opens. */
let freshPublic: string | undefined;

/** An empty in-memory embedded database, started now or handed back by an earlier file of this worker. */
export async function lendMemoryDatabase(): Promise<Database> {
  const kept = enabled ? idle.pop() : undefined;
  if (kept) return kept;
  const db = await openDatabase('pglite://memory');
  if (enabled && freshPublic === undefined) freshPublic = await publicSchemaOf(db);
  return db;
}

/** Gives a database from `lendMemoryDatabase` back: reset and kept for the next file, or closed. */
export async function returnMemoryDatabase(db: Database): Promise<void> {
  if (enabled && idle.length < KEEP && (await backToClean(db))) {
    idle.push(db);
    return;
  }
  await db.close();
}

/** Resets `db` to a fresh database's contents and session; false when it cannot be. */
async function backToClean(db: Database): Promise<boolean> {
  try {
    await db.exec('ROLLBACK').catch(() => undefined);
    await resetDevDatabase(db);
    const roles = await db.query<{ name: string }>(`SELECT quote_ident(rolname) AS name FROM pg_catalog.pg_roles WHERE oid >= 16384 ORDER BY oid DESC`);
    for (const r of roles.rows) await db.exec(`DROP OWNED BY ${r.name} CASCADE; DROP ROLE ${r.name}`);
    await db.exec('DISCARD ALL');
    await db.query(`SELECT ${SESSION_TIMEZONE}`);
    return (await devDatabaseContents(db)).length === 0 && freshPublic !== undefined && (await publicSchemaOf(db)) === freshPublic;
  } catch {
    return false;
  }
}
