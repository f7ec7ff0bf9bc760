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
 *    removed, so the database is as it was found.
 *
 * In:  a dev Database. Out: nothing, or E_DEV_DIRTY. Never: drops anything from a database that was not
 * clean, or marked by Meridian, when acquired (unless allowed).
 */
import { quoteIdent } from '../model/names.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/index.js';
import { MeridianError } from '../errors.js';
import { resetDevDatabase } from './state.js';

const LEASE = 'meridian-dev:';
/** The lease keeps the database's own comment after this marker, to put it back. */
const WAS = ' | was: ';
const allowClear = new WeakSet<Database>();
/** The session's search_path when the dev database was acquired (restored on release). */
const savedSearchPath = new WeakMap<Database, string>();

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
       SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' WHEN 'i' THEN 'index ' ELSE 'table ' END || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
       UNION ALL
       SELECT 'function ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
       UNION ALL
       SELECT 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY($1::text[]) AND t.typtype IN ('e', 'd', 'r', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
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
  if (!savedSearchPath.has(dev)) savedSearchPath.set(dev, (await dev.query<{ s: string }>(`SELECT current_setting('search_path') AS s`)).rows[0]!.s);
  await homeSearchPath(dev);
  const was = leased ? comment!.slice(comment!.indexOf(WAS) >= 0 ? comment!.indexOf(WAS) : comment!.length) : `${WAS}${comment ?? ''}`;
  await setComment(dev, `${LEASE} in use by pid ${process.pid} since ${new Date().toISOString()}${was.startsWith(WAS) ? was : WAS}`);
}

/** Empties the dev database again and removes the lease (the database is as `acquireDevDatabase` found it). */
export async function releaseDevDatabase(dev: Database): Promise<void> {
  // Emptied only when something is left (a reset recreates `public`, which a clean database keeps as it is).
  if ((await devDatabaseContents(dev, 0)).length) await resetDevDatabase(dev);
  const saved = savedSearchPath.get(dev);
  savedSearchPath.delete(dev);
  await dev.query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [saved ?? 'public']);
  const comment = await databaseComment(dev);
  if (comment?.startsWith(LEASE)) {
    const at = comment.indexOf(WAS);
    const was = at >= 0 ? comment.slice(at + WAS.length) : '';
    await setComment(dev, was === '' ? undefined : was);
  }
}
