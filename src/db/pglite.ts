/**
 * The embedded database: PGlite (PostgreSQL 18 compiled to wasm). File-backed for the default project
 * database (`pglite://./.meridian/pglite`), in-memory for dev/verification databases (`pglite://memory`).
 *
 * PGlite is single-connection: advisory locks are emulated across `Database` handles in this process
 * and, for file-backed directories, PGlite itself refuses a second process.
 */
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { PGlite as PGliteType, Transaction } from '@electric-sql/pglite';
import { columnsOf, describeMessages, type StatementDescription } from './describe.js';
import { MeridianError } from '../errors.js';
import { readServerVersion, type Database, type Queryable, type QueryResult } from './database.js';
import { SESSION_TIMEZONE } from './session.js';
import { readTemplate, templatePath, writeTemplate } from './pglite-template.js';
import { dataDirLockPath, forgetSnapshot } from './pglite-snapshot.js';
import { contribExtensions } from './pglite-contrib.js';
import { trace } from './trace.js';

/**
 * Contrib extensions installed in every PGlite instance so `CREATE EXTENSION` works as on a server (their
 * libraries are compiled when a database first uses them: ./pglite-contrib.ts).
 */
export const PGLITE_CONTRIB = [
  'btree_gin', 'btree_gist', 'citext', 'cube', 'earthdistance', 'fuzzystrmatch', 'hstore', 'intarray', 'isn',
  'lo', 'ltree', 'pg_trgm', 'pgcrypto', 'seg', 'tablefunc', 'unaccent', 'uuid_ossp', 'bloom', 'tcn',
] as const;

/**
 * Server settings of every embedded database. PGlite runs one backend (single-user mode), yet PostgreSQL sizes
 * its shared memory for every backend the settings allow, and a new database zeroes and initialises all of it
 * at start: with PGlite's defaults (100 connections, 10 WAL senders, 3 autovacuum workers, 128 MB of shared
 * buffers) and the lock table below, a start took ~1.9 s of CPU with the template, ~1.0 s with these. The lock
 * table holds max_locks_per_transaction × (backends) locks: big schemas create many relations in one
 * transaction, and PostgreSQL's default (64) ran out of shared memory; 4096 × 6 still creates 10,000 of
 * bench/generate.ts's tables in one transaction. 16 MB of buffers: the embedded database's files are in memory,
 * so a page read back costs a copy, and loading 2,000 generated tables took the same time as with 128 MB.
 *
 * @example
 * PGlite.create({ startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS] });
 */
export const EMBEDDED_SETTINGS: readonly string[] = [
  '-c', 'max_locks_per_transaction=4096',
  '-c', 'max_connections=4',
  '-c', 'max_wal_senders=0',
  '-c', 'autovacuum_max_workers=1',
  '-c', 'shared_buffers=16MB',
];

/** The installed PGlite's version (part of the prepared data directory's cache key). */
function pgliteVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function wrapError(e: unknown, sql?: string): never {
  if (e instanceof MeridianError) throw e;
  const err = e as { message?: string; code?: string; position?: string };
  const ex = new MeridianError('E_DB', String(err?.message ?? e), { cause: e });
  Object.assign(ex, { sqlState: err?.code, position: err?.position, sql });
  throw ex;
}

/**
 * PGlite runs in this thread and its promises settle without I/O, so a long run of awaited statements
 * never lets timers, sockets or IPC messages through: an embedding server stops answering and a progress
 * line freezes (vitest's worker even lost its RPC this way). Every ~50 ms of work, let the event loop turn.
 */
const YIELD_EVERY_MS = 50;
let lastYield = performance.now();
async function letEventLoopTurn(): Promise<void> {
  if (performance.now() - lastYield < YIELD_EVERY_MS) return;
  await new Promise<void>((r) => setImmediate(r));
  lastYield = performance.now();
}

class PgliteQueryable implements Queryable {
  constructor(protected readonly pg: PGliteType | Transaction) {}
  async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    await letEventLoopTurn();
    try {
      const r = await this.pg.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.rows.length > 0 ? r.rows.length : (r.affectedRows ?? 0) };
    } catch (e) {
      wrapError(e, sql);
    }
  }
  async exec(sql: string): Promise<void> {
    await letEventLoopTurn();
    try {
      await this.pg.exec(sql);
    } catch (e) {
      wrapError(e, sql);
    }
  }
}

/**
 * In-process advisory locks: PGlite has one connection, so its own pg_advisory_lock cannot block. A lock is
 * held by one exclusive holder or by any number of shared holders.
 */
const heldLocks = new Map<string, { exclusive: object | undefined; shared: Set<object>; waiters: Array<() => void> }>();

function wakeLock(id: string): void {
  const cur = heldLocks.get(id);
  if (!cur || cur.exclusive || cur.shared.size) return;
  heldLocks.delete(id);
  for (const w of cur.waiters) w();
}

/**
 * Creates the lock file with this process's pid already in it, or throws EEXIST. The pid is written to a
 * file of this process and hard-linked into place, so another process never reads the lock file empty: an
 * empty file, read between `open(wx)` and the write of the pid, looked like a stale lock (pid 0) and was
 * removed, and both processes opened the data directory. Where hard links are refused (some network or
 * FAT file systems), the lock is created in place as before.
 */
function createLockFile(path: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, String(process.pid));
    linkSync(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') throw e;
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** An empty lock file older than this was abandoned by its creator (it writes its pid right after creating it). */
const EMPTY_LOCK_ABANDONED_MS = 10_000;

function emptyLockAbandoned(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > EMPTY_LOCK_ABANDONED_MS;
  } catch {
    return false;
  }
}

/**
 * PGlite must never be opened by two processes on one data directory. A lock file next to the data
 * holds the owner's pid; a second process waits for it (stale locks of dead processes are taken over).
 */
async function lockDataDir(dataDir: string, timeoutMs: number): Promise<() => void> {
  const path = dataDirLockPath(dataDir);
  const deadline = Date.now() + timeoutMs;
  let warned = false;
  for (;;) {
    try {
      createLockFile(path);
      // Released when the database closes, or at exit if it never does; a release takes its exit listener with it
      // (a process that opens many data directories in turn would otherwise keep one listener per open).
      const release = () => {
        process.removeListener('exit', release);
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) rmSync(path, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      trace(`pglite: lock ${path} taken`);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
        pid = Number(text);
      } catch {
        continue;
      }
      // An empty lock file is one being created (an older Meridian opens it, then writes its pid): it is
      // held until clearly abandoned, never taken over while its owner may be writing (both would open PGlite).
      const beingCreated = text === '' && !emptyLockAbandoned(path);
      let alive = beingCreated || (Number.isInteger(pid) && pid > 0);
      if (alive && !beingCreated) {
        try {
          process.kill(pid, 0);
        } catch (err) {
          alive = (err as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (!alive) {
        trace(`pglite: lock ${path} of process ${pid || '(none written yet)'} is stale: removed`);
        rmSync(path, { force: true });
        continue;
      }
      const owner = beingCreated ? 'another process' : `process ${pid}`;
      if (Date.now() >= deadline) {
        throw new MeridianError('E_LOCK', `the embedded database ${dataDir} is in use by ${owner}; stop it (or wait) and try again`);
      }
      if (!warned) {
        warned = true;
        process.stderr.write(`waiting for ${owner} to release the embedded database ${dataDir}…\n`);
        trace(`pglite: lock ${path} held by ${owner}${pid === process.pid ? ' (this one)' : ''}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export class PgliteDatabase extends PgliteQueryable implements Database {
  readonly kind = 'pglite' as const;
  private closed = false;
  private readonly lockScope: string;
  private constructor(
    private readonly db: PGliteType,
    readonly displayUrl: string,
    readonly boundSchema: string | undefined,
    /** The data directory of a file-backed database; undefined in memory. */
    readonly dataDir: string | undefined,
  ) {
    super(db);
    this.lockScope = dataDir ? resolve(dataDir) : `memory:${Math.random()}`;
  }

  /**
   * Opens (creating when needed) an embedded database.
   *
   * @example
   * const db = await PgliteDatabase.open(undefined, 'pglite://memory'); // in-memory
   */
  static async open(dataDir: string | undefined, displayUrl: string, boundSchema?: string): Promise<PgliteDatabase> {
    // The extensions' bundles are read (once per process) while PGlite's module loads.
    trace(`pglite: opening ${displayUrl}`);
    const [{ PGlite }, extensions] = await Promise.all([import('@electric-sql/pglite'), contribExtensions(PGLITE_CONTRIB)]);
    trace('pglite: module and extension bundles loaded');
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const release = dataDir ? await lockDataDir(dataDir, Number(process.env.MERIDIAN_PGLITE_LOCK_TIMEOUT_MS ?? 120_000)) : undefined;
    // What was remembered about this directory describes it as it is now; this session may change it.
    if (dataDir) forgetSnapshot(dataDir);
    const startParams = [...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams, ...EMBEDDED_SETTINGS];
    // A new database starts from the prepared data directory instead of running initdb (see pglite-template.ts).
    const fresh = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
    const template = fresh ? templatePath(pgliteVersion(), PGLITE_CONTRIB, startParams) : undefined;
    let prepared = readTemplate(template);
    if (dataDir && fresh && !prepared && template) {
      // A new file-backed database with no template yet: the template is made first (an in-memory initdb, as
      // every in-memory open would), then loaded. The same initdb as PGlite's own for a data directory (which
      // runs it in memory too, then copies the result over), and every later new database on this machine
      // starts from the template: ~3.5 s of CPU instead of ~9 s (measured with `db serve`).
      trace('pglite: no template yet: making it in memory');
      try {
        const maker: PGliteType = await PGlite.create({ extensions: extensions as never, startParams, relaxedDurability: true } as never);
        try {
          await writeTemplate(template, () => maker.dumpDataDir('none'));
        } finally {
          await maker.close();
        }
      } catch {
        /* as if there were no cache: PGlite runs initdb below */
      }
      prepared = readTemplate(template);
    }
    trace(`pglite: starting ${!fresh ? 'on the existing data directory' : prepared ? `from the template ${template}` : 'with initdb (no template)'}`);
    let db: PGliteType;
    try {
      db = await PGlite.create({
        ...(dataDir ? { dataDir } : {}),
        extensions: extensions as never,
        startParams,
        ...(prepared ? { loadDataDir: prepared } : {}),
        // In memory there is no file system to keep durable.
        ...(dataDir ? {} : { relaxedDurability: true }),
      } as never);
      // Made from an in-memory database only: its dump is exactly initdb's output.
      if (!dataDir && !prepared) await writeTemplate(template, () => db.dumpDataDir('none'));
    } catch (e) {
      release?.();
      throw new MeridianError('E_CONNECT', `cannot open the embedded database ${displayUrl}: ${(e as Error).message}`, { cause: e });
    }
    // TimeZone UTC in every session (./session.ts); PGlite's default already, but a data directory may set another.
    await db.query(`SELECT ${SESSION_TIMEZONE}${boundSchema ? `, pg_catalog.set_config('search_path', $1, false)` : ''}`, boundSchema ? [boundSchema] : []);
    trace('pglite: started');
    const out = new PgliteDatabase(db, displayUrl, boundSchema, dataDir);
    out.releaseDir = release;
    return out;
  }

  private releaseDir: (() => void) | undefined;
  private readonly closing: Array<(q: Queryable) => Promise<(() => void) | undefined>> = [];

  /**
   * Runs `hook` when the database closes, with the database still open (its last statements); the
   * function it returns runs after PGlite has shut down, while this process still holds the data
   * directory's lock (see pglite-snapshot.ts). A failing hook is skipped: closing never fails for it.
   *
   * @example
   * db.whenClosing(async (q) => {
   *   const rows = (await q.query('SELECT 1 AS one')).rows;
   *   return () => rememberSnapshot(db.dataDir!, 'one', rows);
   * });
   */
  whenClosing(hook: (q: Queryable) => Promise<(() => void) | undefined>): void {
    this.closing.push(hook);
  }

  /** The underlying PGlite instance (for pglite-socket; not part of the Database interface). */
  get pglite(): PGliteType {
    return this.db;
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => fn(new PgliteQueryable(tx)));
  }
  async advisoryLock(key: bigint, opts: { wait?: boolean; shared?: boolean } = {}): Promise<boolean> {
    const id = `${this.lockScope}#${key}`;
    for (;;) {
      let cur = heldLocks.get(id);
      if (!cur) heldLocks.set(id, (cur = { exclusive: undefined, shared: new Set(), waiters: [] }));
      const free = opts.shared ? !cur.exclusive || cur.exclusive === this : (!cur.exclusive || cur.exclusive === this) && [...cur.shared].every((h) => h === this);
      if (free) {
        if (opts.shared) cur.shared.add(this);
        else cur.exclusive = this;
        return true;
      }
      if (opts.wait === false) return false;
      await new Promise<void>((res) => cur.waiters.push(res));
    }
  }
  async advisoryUnlock(key: bigint, opts: { shared?: boolean } = {}): Promise<void> {
    const id = `${this.lockScope}#${key}`;
    const cur = heldLocks.get(id);
    if (!cur) return;
    if (opts.shared) cur.shared.delete(this);
    else if (cur.exclusive === this) cur.exclusive = undefined;
    const waiters = cur.waiters.splice(0);
    wakeLock(id);
    for (const w of waiters) w();
  }
  async describe(sql: string): Promise<StatementDescription> {
    try {
      const messages = await describeMessages(sql);
      const r = await this.db.runExclusive(() => this.db.execProtocol(messages, { throwOnError: true }));
      const params = r.messages.find((m) => m.name === 'parameterDescription') as unknown as { dataTypeIDs: number[] } | undefined;
      const rows = r.messages.find((m) => m.name === 'rowDescription') as unknown as Parameters<typeof columnsOf>[0];
      return { params: [...(params?.dataTypeIDs ?? [])], columns: columnsOf(rows) };
    } catch (e) {
      wrapError(e, sql);
    }
  }
  private version: number | undefined;
  /** Asked once per connection: a server's version does not change while it is connected. */
  async serverVersion(): Promise<number> {
    return (this.version ??= await readServerVersion(this));
  }
  async close(): Promise<void> {
    if (this.closed) return;
    const after: Array<() => void> = [];
    for (const hook of this.closing.splice(0)) {
      try {
        const then = await hook(this);
        if (then) after.push(then);
      } catch {
        /* see whenClosing */
      }
    }
    this.closed = true;
    for (const [id, v] of heldLocks) {
      if (v.exclusive !== this && !v.shared.has(this)) continue;
      if (v.exclusive === this) v.exclusive = undefined;
      v.shared.delete(this);
      const waiters = v.waiters.splice(0);
      wakeLock(id);
      for (const w of waiters) w();
    }
    let shutDown = true;
    await this.db.close().catch(() => {
      shutDown = false;
    });
    for (const then of shutDown ? after : []) {
      try {
        then();
      } catch {
        /* see whenClosing */
      }
    }
    this.releaseDir?.();
  }
}
