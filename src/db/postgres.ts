/** node-postgres driver: one `pg.Client` per `Database`, so session advisory locks hold. */
import type pg from 'pg';
import { createRequire } from 'node:module';

let pgModule: typeof pg | undefined;
/**
 * node-postgres, loaded once. At load, pg/lib/stream.js asks whether it runs in a Cloudflare Worker: where
 * there is no `navigator` (Node 20) it builds a fetch `Response`, which loads undici and with it http,
 * http2, tls, zlib, worker_threads… (~25 ms of CPU; `migrate status` on a server took ~175 ms in all).
 * Where no `navigator` exists, one with Node's user agent (what Node ≥ 21 defines itself) is defined only
 * while pg loads; the load is synchronous (`require`), so no other code runs meanwhile.
 */
function loadPg(): typeof pg {
  if (pgModule) return pgModule;
  const g = globalThis as { navigator?: unknown };
  const stand = !('navigator' in g);
  if (stand) Object.defineProperty(g, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true });
  try {
    pgModule = createRequire(import.meta.url)('pg') as typeof pg;
  } finally {
    if (stand) delete g.navigator;
  }
  return pgModule;
}
import { MeridianError } from '../errors.js';
import { PgDescribe, type StatementDescription } from './describe.js';
import { readServerVersion, type Database, type Queryable, type QueryResult } from './database.js';
import { SESSION_TIMEZONE } from './session.js';
import { redactUrl } from './url.js';

// Return int8 and numeric as strings (default) but timestamps untouched; keep pg's defaults explicit.

/** The error that broke each client's connection (pg reports it once, as an event; later queries only say "not queryable"). */
const connectionErrors = new WeakMap<pg.Client, Error>();

function wrapError(e: unknown, displayUrl: string, sql?: string, client?: pg.Client): never {
  if (e instanceof MeridianError) throw e;
  const err = e as { message?: string; code?: string; position?: string };
  const lost = client && connectionErrors.get(client);
  if (lost && lost !== e) {
    // Name what broke the connection rather than pg's "Client has encountered a connection error and is not queryable".
    throw new MeridianError('E_DB', `connection lost: ${redactUrl(lost.message)}`, { cause: lost });
  }
  const msg = redactUrl(String(err?.message ?? e));
  const code = err?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN' || code === '3D000' || code === '28P01' || code === '28000') {
    throw new MeridianError('E_CONNECT', `cannot connect to ${displayUrl}: ${msg} (is the server running and the URL right?)`, { cause: e });
  }
  const ex = new MeridianError('E_DB', msg, { cause: e });
  Object.assign(ex, { sqlState: code, position: err?.position, sql });
  throw ex;
}

class PgQueryable implements Queryable {
  constructor(protected readonly client: pg.Client, readonly displayUrl: string) {}
  async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    try {
      const r = await this.client.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    } catch (e) {
      wrapError(e, this.displayUrl, sql, this.client);
    }
  }
  async exec(sql: string): Promise<void> {
    try {
      await this.client.query(sql);
    } catch (e) {
      wrapError(e, this.displayUrl, sql, this.client);
    }
  }
  async queryAll(sql: string): Promise<QueryResult<Record<string, unknown>>[]> {
    try {
      // pg gives one result for one statement, an array for several.
      const r = (await this.client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(r) ? r : [r]).map((x) => ({ rows: x.rows as Record<string, unknown>[], rowCount: x.rowCount ?? 0 }));
    } catch (e) {
      wrapError(e, this.displayUrl, sql, this.client);
    }
  }
}

export class PostgresDatabase extends PgQueryable implements Database {
  readonly kind = 'postgres' as const;
  private closed = false;
  private constructor(client: pg.Client, displayUrl: string, readonly boundSchema: string | undefined, private readonly url: string) {
    super(client, displayUrl);
  }

  /** A new connection to the same database that this one does not own (its close() is the caller's). */
  reconnect(): Promise<PostgresDatabase> {
    return PostgresDatabase.connect(this.url, this.boundSchema);
  }
  private second: Promise<PostgresDatabase | undefined> | undefined;
  sibling(opts: { open?: boolean } = {}): Promise<PostgresDatabase | undefined> {
    const pending = this.second;
    if (pending) {
      return pending.then((s) => {
        if (s && !s.broken()) return s;
        // One whose connection broke (dropped, ended by the server), or that could not be opened: replaced.
        if (this.second === pending) this.second = undefined;
        void s?.close();
        return this.sibling(opts);
      });
    }
    if (opts.open === false || this.closed) return Promise.resolve(undefined);
    this.second = PostgresDatabase.connect(this.url, this.boundSchema).catch(() => undefined);
    return this.second;
  }
  /** The connection reported an error (it dropped, or the server ended it). */
  private broken(): boolean {
    return this.closed || connectionErrors.has(this.client);
  }

  static async connect(url: string, boundSchema: string | undefined): Promise<PostgresDatabase> {
    const displayUrl = redactUrl(url);
    // search_path is Atlas's URL parameter, not a libpq one: strip it before handing the URL to pg.
    const u = new URL(url);
    u.searchParams.delete('search_path');
    // node-postgres loads on first use: a command that opens no server (migrate diff folds natively) skips it.
    const pgLib = loadPg();
    const client = new pgLib.Client({ connectionString: u.toString(), connectionTimeoutMillis: 10_000 });
    client.on('error', (e) => {
      // A dropped connection surfaces on the next query, named by this error.
      if (!connectionErrors.has(client)) connectionErrors.set(client, e);
    });
    try {
      await client.connect();
      // Every session runs with TimeZone UTC (./session.ts): the DDL it runs means what the fold reads.
      await client.query(`SELECT ${SESSION_TIMEZONE}${boundSchema ? `, pg_catalog.set_config('search_path', $1, false)` : ''}`, boundSchema ? [quoteSearchPath(boundSchema)] : []);
    } catch (e) {
      await client.end().catch(() => undefined);
      wrapError(e, displayUrl);
    }
    return new PostgresDatabase(client, displayUrl, boundSchema, url);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    await this.exec('BEGIN');
    try {
      const out = await fn(this);
      await this.exec('COMMIT');
      return out;
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
  async advisoryLock(key: bigint, opts: { wait?: boolean; shared?: boolean } = {}): Promise<boolean> {
    const mode = opts.shared ? '_shared' : '';
    if (opts.wait === false) {
      const r = await this.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock${mode}($1::bigint) AS ok`, [key.toString()]);
      return r.rows[0]!.ok;
    }
    await this.query(`SELECT pg_advisory_lock${mode}($1::bigint)`, [key.toString()]);
    return true;
  }
  async advisoryUnlock(key: bigint, opts: { shared?: boolean } = {}): Promise<void> {
    await this.query(`SELECT pg_advisory_unlock${opts.shared ? '_shared' : ''}($1::bigint)`, [key.toString()]);
  }
  async describe(sql: string): Promise<StatementDescription> {
    const d = new PgDescribe(sql);
    try {
      void this.client.query(d as never);
      return await d.done;
    } catch (e) {
      wrapError(e, this.displayUrl, sql, this.client);
    }
  }
  private version: number | undefined;
  /** Asked once per connection: a server's version does not change while it is connected. */
  async serverVersion(): Promise<number> {
    return (this.version ??= await readServerVersion(this));
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const second = this.second;
    this.second = undefined;
    await Promise.all([this.client.end().catch(() => undefined), second?.then((s) => s?.close())]);
  }
}

/** `a,b` → `"a", "b"` for set_config('search_path'). */
export function quoteSearchPath(list: string): string {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.startsWith('"') ? s : `"${s.replace(/"/g, '""')}"`))
    .join(', ');
}
