/** Opening databases by URL. */
import type { Database } from './database.js';
import { PgliteDatabase } from './pglite.js';
import { PostgresDatabase } from './postgres.js';
import { parseDatabaseUrl, redactUrl } from './url.js';
import { MeridianError } from '../errors.js';

export type { Database, Queryable, QueryResult } from './database.js';
export { parseDatabaseUrl, redactUrl, DEFAULT_PGLITE_URL } from './url.js';

/**
 * Connects to a database by URL: `postgres://…`, `postgresql://…`, `pglite://memory` or `pglite://<dir>`.
 *
 * @example
 * const db = await openDatabase('pglite://memory');
 * await db.query('SELECT 1');
 * await db.close();
 */
export async function openDatabase(url: string): Promise<Database> {
  // A test's proof that a command decides without any database (e.g. `migrate diff` on the native fold).
  if (process.env.MERIDIAN_FORBID_DB_OPEN === '1') {
    throw new MeridianError('E_CONNECT', `opening a database is forbidden here (MERIDIAN_FORBID_DB_OPEN=1): ${redactUrl(url)}`);
  }
  const parsed = parseDatabaseUrl(url);
  if (parsed.kind === 'pglite') return PgliteDatabase.open(parsed.dataDir, redactUrl(url), parsed.searchPath);
  return PostgresDatabase.connect(parsed.url, parsed.searchPath);
}
