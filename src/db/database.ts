/**
 * The one small interface every database driver implements. Everything above `src/db/` talks to a
 * database only through it, so PGlite and PostgreSQL servers are interchangeable.
 */

import type { StatementDescription } from './describe.js';

export interface QueryResult<T> {
  readonly rows: T[];
  readonly rowCount: number;
}

/** What can run SQL: a database, or a transaction handle inside `Database.transaction`. */
export interface Queryable {
  /** One statement with `$1…` parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Any number of statements separated by semicolons, without parameters (simple protocol). */
  exec(sql: string): Promise<void>;
  /**
   * Statements separated by semicolons, without parameters, sent in one round trip (simple protocol): the
   * rows of each, in order. Optional: drivers whose round trips cost nothing (PGlite) need not have it.
   *
   * @example
   * const [a, b] = await db.queryAll!('SELECT 1 AS x; SELECT 2 AS y');
   * b.rows[0].y // 2
   */
  queryAll?(sql: string): Promise<QueryResult<Record<string, unknown>>[]>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** The URL with the password redacted, safe to print. */
  readonly displayUrl: string;
  /** The schema the URL is bound to with `?search_path=`, if any (Atlas's scoping). */
  readonly boundSchema: string | undefined;
  /** Runs `fn` inside BEGIN/COMMIT; rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Session-level advisory lock. With `wait: false` returns false at once when another session holds it.
   * `shared: true` takes it in shared mode (held by any number of sessions at once, excluding an exclusive
   * holder). Release with `advisoryUnlock` in the same mode.
   */
  advisoryLock(key: bigint, opts?: { wait?: boolean; shared?: boolean }): Promise<boolean>;
  advisoryUnlock(key: bigint, opts?: { shared?: boolean }): Promise<void>;
  /**
   * Parameter and result-column types of one statement, without running it (Parse + Describe).
   * A statement the server rejects throws `E_DB` with the server's `position` (1-based character).
   *
   * @example
   * const d = await db.describe('SELECT id FROM app.users WHERE email = $1');
   * d.params // → [25]  (text)
   */
  describe(sql: string): Promise<StatementDescription>;
  /** `server_version_num`, e.g. 150020 or 180006. */
  serverVersion(): Promise<number>;
  /**
   * A second connection to the same database, for reads that run side by side (servers only: PGlite has
   * one connection). It belongs to this Database: opened on the first call (`open: false` only returns one
   * already open), kept for the next, closed by `close()`. Undefined when it cannot be opened. The caller
   * leaves it outside any transaction when done.
   *
   * @example
   * const other = await db.sibling?.();
   */
  sibling?(opts?: { open?: boolean }): Promise<Database | undefined>;
  /**
   * A new connection to the same database, independent of this one (servers only): it outlives this
   * Database's close(), and the caller closes it.
   *
   * @example
   * const own = await db.reconnect?.();
   */
  reconnect?(): Promise<Database>;
  close(): Promise<void>;
}

/**
 * The server's version number (`server_version_num`, e.g. 150004 or 180000) read once (the caller keeps it), for
 * the `serverVersion()` of both database classes.
 *
 * @example
 *   async serverVersion() { return (this.version ??= await readServerVersion(this)); }
 */
export async function readServerVersion(db: Queryable): Promise<number> {
  const r = await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  return Number(r.rows[0]!.v);
}
