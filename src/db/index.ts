/** Opening databases by URL. */
import type { Database } from './database.js';
import { PgliteDatabase } from './pglite.js';
import { PostgresDatabase } from './postgres.js';
import { parseDatabaseUrl, redactUrl } from './url.js';

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
  const parsed = parseDatabaseUrl(url);
  if (parsed.kind === 'pglite') return PgliteDatabase.open(parsed.dataDir, redactUrl(url), parsed.searchPath);
  return PostgresDatabase.connect(parsed.url, parsed.searchPath);
}
