/**
 * A fleet: one migration directory applied to (or checked against) many targets — a database or a schema
 * per tenant — with a bounded pool.
 *
 * In:  the targets (fleet-targets.ts), the directory and Atlas's apply options, the pool size and the
 *      policy on failure (`stop`: no new target starts after a failure; `continue`: every target is tried).
 * Out: one result per target (its name, never its password), reported as each finishes, and the totals.
 *      Never prints, never exits.
 *
 * Every target is an ordinary `migrate apply`: its own connection, its own apply lock (see
 * `acquireApplyLock`: a schema-bound URL locks its schema, so schemas of one database run side by side) and
 * its own `atlas_schema_revisions` (in the bound schema, as Atlas keeps it). So a second fleet run, or a
 * run killed half-way and started again, finishes the job without applying a file twice: each target
 * resumes from its own revisions.
 */
import { availableParallelism } from 'node:os';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/index.js';
import { parseDatabaseUrl, redactUrl } from '../db/url.js';
import { MeridianError } from '../errors.js';
import { applyMigrations, loadDirectory, migrationStatus, type ApplyOptions, type LoadedDirectory } from '../migrate/apply.js';
import type { FleetTarget } from './fleet-targets.js';

export type OnError = 'stop' | 'continue';

export interface FleetOptions {
  readonly targets: readonly FleetTarget[];
  /** Targets worked on at once (default: `defaultParallel`). */
  readonly parallel?: number;
  /** `stop` (default, as Atlas): after a failure no new target starts; those running finish. */
  readonly onError?: OnError;
  /** Opens a target (default `openDatabase`). */
  readonly open?: (url: string) => Promise<Database>;
  /** No new target starts once aborted (Ctrl-C); the running ones finish. */
  readonly signal?: AbortSignal;
  /** Called when a target starts. */
  readonly onStart?: (target: FleetTarget) => void;
}

export interface FleetFailure {
  readonly code: string;
  /** Password-free. */
  readonly message: string;
  /** The file and statement that failed, when one did. */
  readonly file?: string;
  readonly statement?: string;
}

export interface FleetApplyTarget {
  readonly target: string;
  /** `applied`: files ran; `current`: nothing was pending; `failed`; `skipped`: not started (stop policy, abort). */
  readonly status: 'applied' | 'current' | 'failed' | 'skipped';
  /** Latest applied version before and after. */
  readonly from?: string;
  readonly to?: string;
  readonly files: number;
  readonly statements: number;
  readonly error?: FleetFailure;
  readonly ms: number;
}

export interface FleetTotals {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
  /** The slowest target so far. */
  readonly slowest?: { readonly target: string; readonly ms: number };
  readonly ms: number;
}

export interface FleetApplyOptions extends FleetOptions, Omit<ApplyOptions, 'dryRun' | 'onProgress' | 'loaded'> {
  /** Called when a target finishes (in completion order), with the totals so far. */
  readonly onResult?: (r: FleetApplyTarget, totals: FleetTotals) => void;
}

export interface FleetApplyResult extends FleetTotals {
  readonly ok: boolean;
  readonly applied: number;
  readonly current: number;
  /** One per target, in the targets' order. */
  readonly results: readonly FleetApplyTarget[];
}

/**
 * The pool size when none is given: 4 per core (a target mostly waits on its server), at most half the
 * connections the first server has free (the applications keep the rest), 2 for embedded databases only
 * (each is a whole PostgreSQL in this process's memory; at most 2 are open at once in any case); between 1
 * and 32.
 *
 * @example
 * await defaultParallel(targets) // 8 on 2 cores with 100 max_connections
 */
export async function defaultParallel(targets: readonly FleetTarget[], open: (url: string) => Promise<Database> = openDatabase): Promise<number> {
  let n = Math.min(32, Math.max(2, availableParallelism() * 4));
  const server = targets.find((t) => parseDatabaseUrl(t.url).kind === 'postgres');
  if (!server) return Math.min(n, 2, Math.max(1, targets.length));
  try {
    const db = await open(server.url);
    try {
      const r = await db.query<{ free: number }>(
        `SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - (SELECT count(*) FROM pg_stat_activity)::int AS free`,
      );
      n = Math.min(n, Math.floor(Number(r.rows[0]!.free) / 2));
    } finally {
      await db.close();
    }
  } catch {
    // An unreachable first target is reported by the run itself.
  }
  return Math.max(1, Math.min(n, targets.length || 1));
}

/** A failure in words, password-free; the apply error's file and statement when it has them. */
export function fleetFailure(e: unknown): FleetFailure {
  const code = e instanceof MeridianError ? e.code : 'E_DB';
  return { code, message: redactUrl((e as Error)?.message ?? String(e)).split('\n')[0]! };
}

/**
 * Runs `work` over every target with a bounded pool and the policy on failure; results in the targets' order.
 *
 * @example
 * await runPool(targets, 8, 'continue', undefined, (t) => check(t), (r) => r.status === 'failed', (r) => print(r))
 */
export async function runPool<R extends { target: string; status: string; ms: number }>(
  targets: readonly FleetTarget[],
  parallel: number,
  onError: OnError,
  signal: AbortSignal | undefined,
  work: (t: FleetTarget) => Promise<R>,
  skipped: (t: FleetTarget) => R,
  onResult?: (r: R, totals: FleetTotals) => void,
  onStart?: (t: FleetTarget) => void,
): Promise<{ results: R[]; totals: FleetTotals }> {
  const t0 = performance.now();
  const results: R[] = new Array<R>(targets.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  let stop = false;
  let slowest: FleetTotals['slowest'];
  const totals = (): FleetTotals => ({ total: targets.length, done, failed, skipped: 0, ...(slowest ? { slowest } : {}), ms: performance.now() - t0 });
  const worker = async (): Promise<void> => {
    for (;;) {
      if (stop || signal?.aborted) return;
      const i = next++;
      if (i >= targets.length) return;
      const t = targets[i]!;
      onStart?.(t);
      const r = await work(t);
      results[i] = r;
      done++;
      if (r.status === 'failed') {
        failed++;
        if (onError === 'stop') stop = true;
      }
      if (!slowest || r.ms > slowest.ms) slowest = { target: r.target, ms: r.ms };
      onResult?.(r, totals());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, targets.length)) }, worker));
  let skippedCount = 0;
  for (let i = 0; i < targets.length; i++) {
    if (results[i] === undefined) {
      results[i] = skipped(targets[i]!);
      skippedCount++;
    }
  }
  return { results, totals: { ...totals(), skipped: skippedCount } };
}

/** At most `n` calls of the returned function run at once. */
function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  return async (fn) => {
    while (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/** Embedded targets open at once, whatever the pool size: each is a whole PostgreSQL (~0.5 GB) in this process. */
const EMBEDDED_AT_ONCE = 2;

/**
 * What every fleet command starts with: the migration directory loaded once, how many targets run at once
 * (`opts.parallel`, else `defaultParallel`) and the per-target runner over `opts.open` (default `openDatabase`).
 *
 * @example
 * const { loaded, parallel, withTarget } = await fleetStart({ dir: 'database/migrations', targets });
 */
export async function fleetStart(opts: FleetOptions & { readonly dir: string }): Promise<{ loaded: LoadedDirectory; parallel: number; withTarget: ReturnType<typeof targetRunner> }> {
  const loaded = await loadDirectory(opts.dir);
  const open = opts.open ?? openDatabase;
  const parallel = opts.parallel ?? (await defaultParallel(opts.targets, open));
  return { loaded, parallel, withTarget: targetRunner(open) };
}

/**
 * Runs `fn` on a target, timed: opened (an embedded one only when fewer than EMBEDDED_AT_ONCE are open), its
 * bound schema checked to exist (a fleet never creates a tenant), closed afterwards. A failure to open it or
 * an error thrown by `fn` becomes the target's result through `failed`, with the time spent so far.
 *
 * @example
 * const run = targetRunner(openDatabase);
 * const r = await run(t, async (db, elapsed) => ({ target: t.name, status: 'ok', ms: elapsed() }),
 *   (error, ms) => ({ target: t.name, status: 'failed', error, ms }));
 */
export function targetRunner(
  open: (url: string) => Promise<Database>,
): <T>(t: FleetTarget, fn: (db: Database, elapsed: () => number) => Promise<T>, failed: (error: FleetFailure, ms: number) => T) => Promise<T> {
  const embedded = limiter(EMBEDDED_AT_ONCE);
  return async (t, fn, failed) => {
    const t0 = performance.now();
    const elapsed = () => performance.now() - t0;
    const run = async () => {
      const db = await openTarget(t, open);
      try {
        return await fn(db, elapsed);
      } finally {
        await db.close();
      }
    };
    try {
      return await (parseDatabaseUrl(t.url).kind === 'pglite' ? embedded(run) : run());
    } catch (e) {
      return failed(fleetFailure(e), elapsed());
    }
  };
}

/** Opens a target and checks the schema its URL is bound to exists (a fleet never creates a tenant). */
async function openTarget(t: FleetTarget, open: (url: string) => Promise<Database>): Promise<Database> {
  const db = await open(t.url);
  if (db.boundSchema) {
    try {
      const r = await db.query<{ ok: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1) AS ok', [db.boundSchema]);
      if (!r.rows[0]!.ok) throw new MeridianError('E_APPLY', `schema "${db.boundSchema}" does not exist (the URL is bound to it with search_path): create the tenant's schema first`);
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  return db;
}

/**
 * `migrate apply` over a fleet: every target's pending files, each target under its own lock and revisions.
 *
 * @example
 * const r = await fleetApply({ dir: 'database/migrations', targets, parallel: 8, onError: 'continue' });
 * r.failed // targets that failed (named in r.results)
 */
export async function fleetApply(opts: FleetApplyOptions): Promise<FleetApplyResult> {
  const { loaded, parallel, withTarget } = await fleetStart(opts);
  const { results, totals } = await runPool<FleetApplyTarget>(
    opts.targets,
    parallel,
    opts.onError ?? 'stop',
    opts.signal,
    (t) => applyOne(t, opts, loaded, withTarget),
    (t) => ({ target: t.name, status: 'skipped', files: 0, statements: 0, ms: 0 }),
    opts.onResult,
    opts.onStart,
  );
  const applied = results.filter((r) => r.status === 'applied').length;
  const current = results.filter((r) => r.status === 'current').length;
  return { ...totals, ok: totals.failed === 0 && totals.skipped === 0, applied, current, results };
}

async function applyOne(t: FleetTarget, opts: FleetApplyOptions, loaded: LoadedDirectory, withTarget: ReturnType<typeof targetRunner>): Promise<FleetApplyTarget> {
  return withTarget(
    t,
    async (db, elapsed): Promise<FleetApplyTarget> => {
      const r = await applyMigrations(db, {
        dir: opts.dir, loaded, revisionsSchema: opts.revisionsSchema, count: opts.count, txMode: opts.txMode, execOrder: opts.execOrder,
        baseline: opts.baseline, allowDirty: opts.allowDirty, lockTimeoutMs: opts.lockTimeoutMs, now: opts.now,
      });
      const files = r.files.filter((f) => f.status === 'applied').length;
      const statements = r.files.reduce((n, f) => n + f.applied, 0);
      const ms = elapsed();
      if (!r.ok) {
        const bad = r.files.find((f) => f.status === 'failed');
        const error: FleetFailure = {
          code: 'E_APPLY', message: redactUrl(r.error ?? 'migration failed').split('\n')[0]!,
          ...(bad ? { file: bad.name, statement: bad.error?.statement ?? '' } : {}),
        };
        const last = r.files.filter((f) => f.status === 'applied').at(-1)?.version ?? r.from;
        return { target: t.name, status: 'failed', ...(r.from ? { from: r.from } : {}), ...(last ? { to: last } : {}), files, statements, error, ms };
      }
      const to = r.to ?? r.from;
      return { target: t.name, status: files ? 'applied' : 'current', ...(r.from ? { from: r.from } : {}), ...(to ? { to } : {}), files, statements, ms };
    },
    (error, ms) => ({ target: t.name, status: 'failed', files: 0, statements: 0, error, ms }),
  );
}

export interface FleetStatusTarget {
  readonly target: string;
  /** `current`: nothing pending; `pending`; `failed`: the last attempt failed or the target cannot be read. */
  readonly status: 'current' | 'pending' | 'failed' | 'skipped';
  readonly version?: string;
  readonly pending: number;
  readonly error?: FleetFailure;
  readonly ms: number;
}

export interface FleetStatusResult extends FleetTotals {
  /** Every target read and at the latest version. */
  readonly current: boolean;
  readonly results: readonly FleetStatusTarget[];
}

/**
 * `migrate status` over a fleet: each target's version, pending count and last error.
 *
 * @example
 * const s = await fleetStatus({ dir: 'database/migrations', targets });
 * s.current // true when every target is at the latest version
 */
export async function fleetStatus(
  opts: FleetOptions & { readonly dir: string; readonly revisionsSchema?: string; readonly onResult?: (r: FleetStatusTarget, totals: FleetTotals) => void },
): Promise<FleetStatusResult> {
  const { loaded, parallel, withTarget } = await fleetStart(opts);
  const { results, totals } = await runPool<FleetStatusTarget>(
    opts.targets,
    parallel,
    'continue',
    opts.signal,
    (t) =>
      withTarget(
        t,
        async (db, elapsed): Promise<FleetStatusTarget> => {
          const s = await migrationStatus(db, { dir: opts.dir, revisionsSchema: opts.revisionsSchema, loaded });
          const version = s.applied.length ? s.current : undefined;
          const err = s.error ?? (s.partial ? s.partial.revision.error || undefined : undefined);
          const error: FleetFailure | undefined = err ? { code: 'E_APPLY', message: redactUrl(err).split('\n')[0]!, ...(s.sql ? { statement: s.sql } : {}) } : undefined;
          const status = error ? 'failed' : s.pending.length ? 'pending' : 'current';
          return { target: t.name, status, ...(version ? { version } : {}), pending: s.pending.length, ...(error ? { error } : {}), ms: elapsed() };
        },
        (error, ms) => ({ target: t.name, status: 'failed', pending: 0, error, ms }),
      ),
    (t) => ({ target: t.name, status: 'skipped', pending: 0, ms: 0 }),
    opts.onResult,
    opts.onStart,
  );
  return { ...totals, current: results.every((r) => r.status === 'current'), results };
}
