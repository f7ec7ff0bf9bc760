/**
 * Dev-database hygiene (Atlas: "connected database is not clean"). A dev database is only ever used
 * while it holds nothing but what Meridian put there:
 *  - before use (`acquireDevDatabase`) it must be clean — no schema but an empty `public`, no extension
 *    but plpgsql. A dirty one is refused with E_DEV_DIRTY naming what is in it, unless the caller allows
 *    clearing it (`--dev-clear`);
 *  - while in use, the database carries a lease: its comment reads `meridian-dev: in use by pid …`. A run
 *    killed before it could clean up (SIGKILL, a lost connection) leaves the lease, so the next run knows
 *    the objects it finds are Meridian's own leftovers and clears them instead of refusing;
 *  - after use (`releaseDevDatabase`, in a `finally`: success or error) it is reset to clean and the lease
 *    removed, so the database is as it was found;
 *  - one run at a time: the lease goes with a session-level advisory lock, which PostgreSQL releases when
 *    the holder's connection ends (a killed run's included). A run that finds the lock taken waits for it
 *    (E_DEV_BUSY after DEV_WAIT_MS), instead of taking a live run's lease for a dead one's and wiping the
 *    database under it — two concurrent runs on one dev database made the other fail with
 *    `relation "public.…" does not exist` (or `… already exists`, `cache lookup failed`).
 *
 * In:  a dev Database. Out: nothing, or E_DEV_DIRTY. Never: drops anything from a database that was not
 * clean, or marked by Meridian, when acquired (unless allowed).
 */
import { quoteIdent } from '../model/names.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/index.js';
import { MeridianError } from '../errors.js';
import { resetDevDatabase } from './dev-reset.js';

const LEASE = 'meridian-dev:';
/** The lease keeps the database's own comment after this marker, to put it back. */
const WAS = ' | was: ';
const allowClear = new WeakSet<Database>();
/** The advisory lock a run holds while it uses a dev database (per database: PostgreSQL scopes it so). */
const LOCK_KEY = '7305988405384651111';
/** How long a run waits for another run's dev database (MERIDIAN_DEV_WAIT_S overrides). */
const DEV_WAIT_MS = Number(process.env.MERIDIAN_DEV_WAIT_S ?? 120) * 1000;
const tryLock = async (db: Database) => (await db.query<{ ok: boolean }>(`SELECT pg_catalog.pg_try_advisory_lock(${LOCK_KEY}) AS ok`)).rows[0]!.ok;
const unlock = (db: Database) => db.query(`SELECT pg_catalog.pg_advisory_unlock(${LOCK_KEY})`);
/** The session's search_path when the dev database was acquired (restored on release). */
const savedSearchPath = new WeakMap<Database, string>();
/** Dev databases acquired and not released yet, with their server backend's pid: what an interrupt cleans. */
const inUse = new Map<Database, number | undefined>();
let interrupted = false;

/**
 * Lets `acquireDevDatabase` clear this dev database when it is not clean (`--dev-clear`).
 *
 * @example
 * allowDevClear(await openDatabase(devUrl));
 */
export function allowDevClear(dev: Database): Database {
  allowClear.add(dev);
  return dev;
}

/**
 * Opens a dev database, allowed to be cleared first when `clear` (`--dev-clear`).
 *
 * @example
 * const dev = await openDevDatabase(cfg.devUrl, { clear: opts.devClear });
 */
export async function openDevDatabase(url: string, opts: { clear?: boolean } = {}): Promise<Database> {
  const dev = await openDatabase(url);
  return opts.clear ? allowDevClear(dev) : dev;
}

/** The schemas a clean dev database may hold, empty: `public`, and the schema its URL is bound to (Atlas's scope). */
const homeSchemas = (dev: Database): string[] => (dev.boundSchema && dev.boundSchema !== 'public' ? ['public', dev.boundSchema] : ['public']);

/** What a dev database holds besides a fresh database's contents (`schema app`, `table public.t`…), at most `limit`. */
export async function devDatabaseContents(dev: Database, limit = 20): Promise<string[]> {
  const home = homeSchemas(dev);
  const r = await dev.query<{ what: string }>(
    `SELECT what FROM (
       SELECT 'schema ' || quote_ident(nspname) AS what FROM pg_catalog.pg_namespace
        WHERE nspname <> ALL($1::text[]) AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'
       UNION ALL
       SELECT 'extension ' || quote_ident(extname) FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql'
       UNION ALL
       SELECT 'cast (' || pg_catalog.format_type(c.castsource, NULL) || ' AS ' || pg_catalog.format_type(c.casttarget, NULL) || ')' FROM pg_catalog.pg_cast c WHERE c.oid >= 16384
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'e')
       UNION ALL
       SELECT 'language ' || quote_ident(l.lanname) FROM pg_catalog.pg_language l WHERE l.oid >= 16384
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_language'::regclass AND d.objid = l.oid AND d.deptype = 'e')
       UNION ALL
       SELECT 'publication ' || quote_ident(pubname) FROM pg_catalog.pg_publication
       UNION ALL
       -- default privileges (ALTER DEFAULT PRIVILEGES, in a schema or database-wide): an entry exists only while it
       -- differs from PostgreSQL's built-in defaults, and the next replay would read it as the file's
       SELECT 'default privileges for role ' || d.defaclrole::regrole::text || COALESCE(' in schema ' || quote_ident(n.nspname), '') || ' on ' ||
              CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' ELSE 'schemas' END
         FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
       UNION ALL
       SELECT 'event trigger ' || quote_ident(evtname) FROM pg_catalog.pg_event_trigger
       UNION ALL
       SELECT 'foreign data wrapper ' || quote_ident(fdwname) FROM pg_catalog.pg_foreign_data_wrapper f
          WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_foreign_data_wrapper'::regclass AND d.objid = f.oid AND d.deptype = 'e')
       UNION ALL
       SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' WHEN 'i' THEN 'index ' ELSE 'table ' END || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
       UNION ALL
       SELECT 'function ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
       UNION ALL
       SELECT 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY($1::text[]) AND t.typtype IN ('e', 'd', 'r', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
       UNION ALL
       -- every other kind that lives in a schema (collations, operators and their classes and families, text search
       -- objects, conversions, statistics…): PostgreSQL records each one's dependency on its schema
       SELECT pg_catalog.pg_describe_object(d.classid, d.objid, 0) FROM pg_catalog.pg_depend d
         JOIN pg_catalog.pg_namespace n ON d.refclassid = 'pg_namespace'::regclass AND n.oid = d.refobjid
        WHERE n.nspname = ANY($1::text[]) AND d.deptype = 'n' AND d.classid NOT IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = d.classid AND e.objid = d.objid AND e.deptype = 'e')
     ) x ORDER BY 1 LIMIT ${limit + 1}`,
    [home],
  );
  return r.rows.map((x) => x.what);
}

/**
 * The session's search_path for a replay: the schema the dev URL is bound to (created if missing, as the
 * target's bound schema exists), else public; unqualified names in the files land there, as on the target.
 */
async function homeSearchPath(dev: Database): Promise<void> {
  const bound = homeSchemas(dev)[1];
  if (bound) await dev.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(bound)}; SET search_path TO ${quoteIdent(bound)}`);
  else await dev.exec('SET search_path TO public');
}

/** The database's comment: the lease when a run holds (or held) it. */
async function databaseComment(dev: Database): Promise<string | undefined> {
  const r = await dev.query<{ c: string | null }>(`SELECT pg_catalog.shobj_description(d.oid, 'pg_database') AS c FROM pg_catalog.pg_database d WHERE d.datname = current_database()`);
  return r.rows[0]?.c ?? undefined;
}

async function setComment(dev: Database, text: string | undefined): Promise<void> {
  // Needs ownership of the database; a dev database the user cannot comment on still works, without
  // leftover detection after a killed run.
  const lit = text === undefined ? 'NULL' : `'${text.replace(/'/g, "''")}'`;
  await dev.exec(`DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %s', current_database(), ${`'${lit.replace(/'/g, "''")}'`}); END $$`).catch(() => undefined);
}

/**
 * Takes a dev database for one use: checks it is clean (or holds only a killed run's leftovers, which are
 * cleared), marks it in use. Pair with `releaseDevDatabase` in a `finally`.
 *
 * @example
 * await acquireDevDatabase(dev);
 * try { await executeSources(dev, sources); } finally { await releaseDevDatabase(dev); }
 */
export async function acquireDevDatabase(dev: Database): Promise<void> {
  const since = Date.now();
  while (!(await tryLock(dev))) {
    if (Date.now() - since > DEV_WAIT_MS) {
      throw new MeridianError('E_DEV_BUSY', `the dev database ${dev.displayUrl} is in use by another run (${(await databaseComment(dev)) ?? 'no lease comment'}); waited ${Math.round(DEV_WAIT_MS / 1000)} s. Give each concurrent run a dev database of its own, or wait for that run to end`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    await takeLease(dev);
  } catch (e) {
    await unlock(dev).catch(() => undefined);
    throw e;
  }
}

async function takeLease(dev: Database): Promise<void> {
  const contents = await devDatabaseContents(dev);
  const comment = await databaseComment(dev);
  const leased = comment?.startsWith(LEASE) ?? false;
  if (contents.length && !leased && !allowClear.has(dev)) {
    const shown = contents.slice(0, 20).join(', ') + (contents.length > 20 ? ', …' : '');
    throw new MeridianError(
      'E_DEV_DIRTY',
      `the dev database ${dev.displayUrl} is not clean: it holds ${shown}. Meridian replays schemas there and empties it afterwards, so it ` +
        'only uses an empty database: point --dev-url at a database of its own (e.g. createdb meridian_dev), or pass --dev-clear to empty this one first',
    );
  }
  if (contents.length) await resetDevDatabase(dev);
  // Every use starts from the same session state (a replayed `SET search_path` must not carry over).
  const session = (await dev.query<{ s: string; pid: number }>(`SELECT current_setting('search_path') AS s, pg_backend_pid() AS pid`)).rows[0]!;
  if (!savedSearchPath.has(dev)) savedSearchPath.set(dev, session.s);
  inUse.set(dev, dev.kind === 'postgres' ? Number(session.pid) : undefined);
  await homeSearchPath(dev);
  const was = leased ? comment!.slice(comment!.indexOf(WAS) >= 0 ? comment!.indexOf(WAS) : comment!.length) : `${WAS}${comment ?? ''}`;
  await setComment(dev, `${LEASE} in use by pid ${process.pid} since ${new Date().toISOString()}${was.startsWith(WAS) ? was : WAS}`);
}

/** Empties the dev database again and removes the lease (the database is as `acquireDevDatabase` found it). */
export async function releaseDevDatabase(dev: Database): Promise<void> {
  if (interrupted) return; // releaseInterrupted() does it, on a connection of its own
  try {
    await emptyAndUnlease(dev);
    const saved = savedSearchPath.get(dev);
    savedSearchPath.delete(dev);
    await dev.query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [saved ?? 'public']);
  } finally {
    inUse.delete(dev);
    await unlock(dev).catch(() => undefined);
  }
}

/** Drops what a run left (a reset recreates `public`, which a clean database keeps as it is) and puts the comment back. */
async function emptyAndUnlease(db: Database): Promise<void> {
  if ((await devDatabaseContents(db, 0)).length) await resetDevDatabase(db);
  const comment = await databaseComment(db);
  if (comment?.startsWith(LEASE)) {
    const at = comment.indexOf(WAS);
    const was = at >= 0 ? comment.slice(at + WAS.length) : '';
    await setComment(db, was === '' ? undefined : was);
  }
}

/**
 * On Ctrl-C (SIGINT) or SIGTERM: leaves every dev database this process holds as it was found, then the
 * * process may exit. On a server, the connection in use is ended first (pg_terminate_backend, from a new
 * connection: whatever it was running is rolled back and its locks freed), and the second connection
 * empties the database and removes the lease; PGlite is released after its current statement. Bounded by
 * `timeoutMs`: past it, the lease stays and the next run clears the leftovers. Returns how many were cleaned.
 *
 * @example
 * process.once('SIGINT', async () => { await releaseInterrupted(); process.exit(130); });
 */
export async function releaseInterrupted(timeoutMs = 10_000, onError?: (e: unknown) => void): Promise<number> {
  interrupted = true;
  const held = [...inUse];
  inUse.clear();
  const clean = async ([dev, pid]: [Database, number | undefined]): Promise<void> => {
    if (pid === undefined || !dev.reconnect) return emptyAndUnlease(dev);
    // A connection of its own: the command closes `dev` (and its sibling) as soon as its work fails.
    const side = await dev.reconnect();
    try {
      await side.query('SELECT pg_catalog.pg_terminate_backend($1)', [pid]);
      // Gone, not just signalled: a statement it had in flight (the lease being set) is committed or rolled back by then.
      for (let i = 0; i < 200 && (await side.query('SELECT 1 FROM pg_catalog.pg_stat_activity WHERE pid = $1', [pid])).rowCount; i++) await new Promise((r) => setTimeout(r, 25));
      // A run that was waiting may have the database now: it clears the leftovers itself.
      if (await tryLock(side)) await emptyAndUnlease(side);
    } finally {
      await side.close();
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const results = await Promise.race([
    Promise.allSettled(held.map(clean)),
    new Promise<PromiseSettledResult<void>[]>((done) => (timer = setTimeout(() => done([]), timeoutMs))),
  ]);
  clearTimeout(timer);
  for (const r of results) if (r.status === 'rejected') onError?.(r.reason);
  return results.filter((r) => r.status === 'fulfilled').length;
}

/** Whether releaseInterrupted() has run (the command's own errors are then the interrupt's, not worth showing). */
export function devInterrupted(): boolean {
  return interrupted;
}

/** How many dev databases this process holds right now. */
export function devDatabasesInUse(): number {
  return inUse.size;
}
