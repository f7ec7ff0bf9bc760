/**
 * `migrate apply`, `migrate status`, `migrate set` — Atlas's executor semantics (spec sections C, G).
 *
 * In:  a Database, a migration directory and options. Out: result objects (per-file status, counts,
 * errors); progress through an optional callback. Never prints, never calls process.exit.
 * Two appliers never run the same file: a session advisory lock (Atlas's key) is held for the whole run.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { compareBytes, hashDirectory, readMigrationFiles, validateSum, type MigrationFile } from './dir.js';
import {
  checkRevisionSchemaClarity,
  deleteRevisionsAfter,
  ensureRevisionsTable,
  operatorVersion,
  readRevisions,
  revisionsSchemaFor,
  readRevisionsIfExists,
  RevisionType,
  upsertRevision,
  type Revision,
} from './revisions.js';
import { initSplitter, splitStatements } from '../parse/split.js';
import { splitFiles } from './split-cache.js';

/** FNV-1 32-bit of `atlas_migrate_execute` — the key Atlas locks on PostgreSQL. */
export const APPLY_LOCK_KEY = 2686470616n;

export type TxMode = 'file' | 'all' | 'none';
export type ExecOrder = 'linear' | 'linear-skip' | 'non-linear';

export interface ApplyOptions {
  readonly dir: string;
  readonly revisionsSchema?: string;
  /** Apply at most this many pending files. */
  readonly count?: number;
  readonly txMode?: TxMode;
  readonly execOrder?: ExecOrder;
  readonly baseline?: string;
  readonly allowDirty?: boolean;
  readonly dryRun?: boolean;
  /** Give up waiting for another applier after this long (Atlas's --lock-timeout, default 10 s). */
  readonly lockTimeoutMs?: number;
  readonly now?: () => Date;
  readonly onProgress?: (e: ApplyEvent) => void;
  /** The directory already read and checked (`loadDirectory`): a fleet reads it once for every target. */
  readonly loaded?: LoadedDirectory;
  /** Where the statements of files split before are remembered (src/migrate/split-cache.ts; the CLI's `.meridian/split-cache.json`). */
  readonly splitCache?: string;
}

/** A migration directory read, checked against atlas.sum, hashed and split once. */
export interface LoadedDirectory {
  readonly dir: string;
  readonly files: readonly MigrationFile[];
  readonly sums: ReadonlyMap<string, string>;
  /** The statements of each file, by name. */
  readonly statements: ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads a migration directory once: atlas.sum checked, files hashed and split into statements.
 *
 * @example
 * const loaded = await loadDirectory('database/migrations');
 * for (const db of targets) await applyMigrations(db, { dir: loaded.dir, loaded });
 */
export async function loadDirectory(dir: string, opts: { splitCache?: string } = {}): Promise<LoadedDirectory> {
  validateSum(dir);
  const files = readMigrationFiles(dir);
  const sums = new Map(hashDirectory(dir).entries.map((e) => [e.name, e.hash]));
  // Every file is split (the check), through the cache of earlier splits when the CLI names one.
  const statements = await splitFiles(files, opts.splitCache);
  return { dir, files, sums, statements };
}

export type ApplyEvent =
  | { readonly kind: 'file-start'; readonly file: MigrationFile }
  | { readonly kind: 'statement'; readonly file: MigrationFile; readonly sql: string }
  | { readonly kind: 'file-done'; readonly file: MigrationFile; readonly ms: number }
  | { readonly kind: 'file-error'; readonly file: MigrationFile; readonly sql: string; readonly error: string };

export interface FileResult {
  readonly version: string;
  readonly name: string;
  readonly statements: readonly string[];
  /** Statements executed in this run. */
  readonly applied: number;
  readonly status: 'applied' | 'failed' | 'pending';
  readonly error?: { readonly message: string; readonly statement: string };
  readonly ms: number;
}

export interface ApplyResult {
  /** Last applied version before this run. */
  readonly from: string | undefined;
  /** Version this run migrates to. */
  readonly to: string | undefined;
  readonly files: readonly FileResult[];
  readonly dryRun: boolean;
  readonly ok: boolean;
  readonly error?: string;
}

export interface PendingFile {
  readonly file: MigrationFile;
  readonly statements: readonly string[];
  /** Existing partial row (resume). */
  readonly revision?: Revision;
}

function statementHashes(stmts: readonly string[]): string[] {
  const h = createHash('sha256');
  return stmts.map((s) => {
    h.update(s);
    return h.copy().digest('base64');
  });
}

function txModeFor(file: MigrationFile, global: TxMode): TxMode {
  const ds = file.directives.filter((d) => d.name === 'txmode');
  if (ds.length > 1) throw new MeridianError('E_MIGRATE_DIR', `${file.name}: multiple atlas:txmode directives`);
  const d = ds[0];
  if (!d) return global;
  if (d.args !== 'none' && d.args !== 'file') throw new MeridianError('E_MIGRATE_DIR', `${file.name}: unknown txmode "${d.args}" (use none or file)`);
  if (global === 'all') throw new MeridianError('E_MIGRATE_DIR', `${file.name}: cannot set txmode directive to "${d.args}" in "all" mode`);
  return d.args;
}

/** Atlas's CheckClean: is the database free of user objects (apart from the revisions table)? */
async function isClean(db: Database, revSchema: string): Promise<{ clean: boolean; what?: string }> {
  const bound = db.boundSchema;
  // Bound to a schema, only that schema is read: a database of 2,000 tenant schemas is not scanned per tenant.
  const r = await db.query<{ schema: string; tables: string[] | null }>(
    `SELECT n.nspname AS schema,
            array_agg(c.relname::text) FILTER (WHERE c.relname IS NOT NULL) AS tables
       FROM pg_namespace n
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r','p','v','m','f')
      WHERE n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
        AND ($1::text IS NULL OR n.nspname = $1)
      GROUP BY n.nspname`,
    [bound ?? null],
  );
  for (const row of r.rows) {
    const tables = (row.tables ?? []).filter((t) => !(row.schema === revSchema && t === 'atlas_schema_revisions'));
    if (bound) {
      if (row.schema === bound && tables.length > 0) return { clean: false, what: `schema "${bound}" has table "${tables[0]}"` };
      continue;
    }
    if (row.schema === revSchema && tables.length === 0) continue;
    if (row.schema === 'public' && tables.length === 0) continue;
    return { clean: false, what: tables.length ? `table "${row.schema}.${tables[0]}"` : `schema "${row.schema}"` };
  }
  return { clean: true };
}

/**
 * The lock of one schema's history, for a URL bound to a schema: Atlas's key in the high 32 bits, the
 * FNV-1 32-bit hash of the schema name in the low ones (never Atlas's own key, whose high bits are zero).
 *
 * @example
 * schemaApplyLockKey('tenant_1') // -6908440636109978… (negative: never Atlas's own key)
 */
export function schemaApplyLockKey(schema: string): bigint {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(schema, 'utf8')) h = Math.imul(h, 0x01000193) ^ b;
  return BigInt.asIntN(64, (APPLY_LOCK_KEY << 32n) | BigInt(h >>> 0)); // a signed bigint, as pg_advisory_lock takes it
}

/**
 * Acquires the apply lock, retrying with backoff until the timeout; returns its release. A database-wide
 * apply holds Atlas's lock (`pg_try_advisory_lock(2686470616)`), as Atlas does. A URL bound to a schema holds
 * Atlas's lock in shared mode and its schema's own lock exclusively: applies to different schemas of one
 * database run side by side, two applies to one schema never do, and an Atlas (or database-wide) apply,
 * which takes Atlas's lock exclusively, waits for all of them.
 *
 * @example
 * const release = await acquireApplyLock(db);
 * try { … } finally { await release(); }
 */
export async function acquireApplyLock(db: Database, timeoutMs = 10_000): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  const schema = db.boundSchema;
  let wait = 25;
  for (;;) {
    if (schema === undefined) {
      if (await db.advisoryLock(APPLY_LOCK_KEY, { wait: false })) return () => db.advisoryUnlock(APPLY_LOCK_KEY).catch(() => undefined);
    } else if (await db.advisoryLock(APPLY_LOCK_KEY, { wait: false, shared: true })) {
      const own = schemaApplyLockKey(schema);
      if (await db.advisoryLock(own, { wait: false })) {
        return async () => {
          await db.advisoryUnlock(own).catch(() => undefined);
          await db.advisoryUnlock(APPLY_LOCK_KEY, { shared: true }).catch(() => undefined);
        };
      }
      await db.advisoryUnlock(APPLY_LOCK_KEY, { shared: true });
    }
    if (Date.now() >= deadline) {
      throw new MeridianError('E_LOCK', 'acquiring database lock: another migrate apply holds the lock (sql/schema: lock is held by other session); try again when it finishes');
    }
    await new Promise((r) => setTimeout(r, Math.min(wait, 1000) + Math.random() * 25));
    wait *= 2;
  }
}

/**
 * Computes the pending files (Atlas's Executor.Pending) from the files and the revisions read before: no I/O.
 */
export function computePending(
  files: readonly MigrationFile[],
  revisions: readonly Revision[],
  opts: { execOrder?: ExecOrder; count?: number },
): { pending: MigrationFile[]; partial?: Revision; skipped: MigrationFile[] } {
  const migrations = files.filter((f) => !f.checkpoint);
  if (revisions.length === 0) {
    const lastCheckpoint = files.map((f, i) => (f.checkpoint ? i : -1)).filter((i) => i >= 0).at(-1);
    const pending = lastCheckpoint !== undefined ? files.slice(lastCheckpoint).filter((f, i) => i === 0 || !f.checkpoint) : migrations;
    return { pending: limit(pending, opts.count), skipped: [] };
  }
  const last = revisions.at(-1)!;
  const partial = last.applied !== last.total && (last.type & RevisionType.resolved) === 0 ? last : undefined;
  let startIdx: number;
  if (partial) {
    const idx = lastIndex(migrations, (m) => m.version === partial.version);
    const cp = files.find((f) => f.version === partial.version && f.checkpoint);
    if (cp) return { pending: limit([cp, ...migrations.filter((m) => compareBytes(m.version, cp.version) > 0)], opts.count), partial, skipped: [] };
    if (idx < 0) throw new MeridianError('E_APPLY', `migration with version "${partial.version}" is partially applied but migration file was not found`);
    startIdx = idx;
  } else {
    const idx = lastIndex(migrations, (m) => compareBytes(m.version, last.version) <= 0);
    startIdx = idx + 1;
  }
  const applied = new Set(revisions.map((r) => r.version));
  const first = revisions[0]!.version;
  const skipped = migrations.slice(0, startIdx).filter((m) => compareBytes(m.version, first) > 0 && !applied.has(m.version));
  let pending = migrations.slice(startIdx);
  if (skipped.length) {
    const order = opts.execOrder ?? 'linear';
    if (order === 'linear') {
      const names = skipped.map((s) => s.name).join(', ');
      throw new MeridianError(
        'E_APPLY',
        `migration file${skipped.length > 1 ? 's' : ''} ${names} ${skipped.length > 1 ? 'were' : 'was'} added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error ` +
          `(move ${skipped.length > 1 ? 'them' : 'it'} after the latest version with \`${rebaseCommand(skipped)}\`, or use --exec-order non-linear to apply ${skipped.length > 1 ? 'them' : 'it'} as ${skipped.length > 1 ? 'they are' : 'it is'})`,
      );
    }
    if (order === 'non-linear') pending = [...skipped, ...pending];
  }
  return { pending: limit(pending, opts.count), partial, skipped };
}

/**
 * The command that moves out-of-order files after the latest version.
 *
 * @example
 * rebaseCommand(status.outOfOrder) // 'meridian migrate rebase 20260102000000'
 */
export function rebaseCommand(files: readonly MigrationFile[]): string {
  return `meridian migrate rebase ${files.map((f) => f.version).join(' ')}`;
}

function lastIndex<T>(xs: readonly T[], p: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i]!)) return i;
  return -1;
}
function limit<T>(xs: T[], n: number | undefined): T[] {
  return n && n > 0 ? xs.slice(0, n) : xs;
}

/**
 * Applies pending migration files, recording each statement in atlas_schema_revisions as Atlas does.
 *
 * @example
 * const db = await openDatabase('pglite://memory');
 * const r = await applyMigrations(db, { dir: 'database/migrations' });
 * r.files.map((f) => `${f.version}: ${f.status}`)
 */
export async function applyMigrations(db: Database, opts: ApplyOptions): Promise<ApplyResult> {
  const { files, sums, statements } = opts.loaded ?? (await loadDirectory(opts.dir, { splitCache: opts.splitCache }));
  const globalMode: TxMode = opts.txMode ?? 'file';
  if (opts.baseline && opts.allowDirty) throw new MeridianError('E_USAGE', '--baseline and --allow-dirty are mutually exclusive');
  const schema = revisionsSchemaFor(opts.revisionsSchema, db.boundSchema);
  const now = opts.now ?? (() => new Date());
  const release = opts.dryRun ? undefined : await acquireApplyLock(db, opts.lockTimeoutMs);
  try {
    await checkRevisionSchemaClarity(db, opts.revisionsSchema, db.boundSchema);
    // One query (a missing table is an error caught there): no transaction is open here.
    let revisions = (await readRevisionsIfExists(db, schema)) ?? [];
    if (revisions.length === 0) {
      const { clean, what } = await isClean(db, schema);
      if (opts.baseline) {
        const base = files.filter((f) => f.version === opts.baseline).at(-1);
        if (!base) throw new MeridianError('E_APPLY', `baseline version "${opts.baseline}" not found`);
        if (!opts.dryRun) {
          await ensureRevisionsTable(db, schema);
          await upsertRevision(db, schema, {
            version: base.version, description: base.description, type: RevisionType.baseline, applied: 0, total: 0,
            executedAt: now(), executionTime: 0n, error: '', errorStmt: '', hash: '', partialHashes: null, operatorVersion: operatorVersion(),
          });
          revisions = await readRevisions(db, schema);
        } else {
          revisions = [{ version: base.version, description: base.description, type: RevisionType.baseline, applied: 0, total: 0, executedAt: now(), executionTime: 0n, error: '', errorStmt: '', hash: '', partialHashes: null, operatorVersion: operatorVersion() }];
        }
      } else if (!clean && !opts.allowDirty) {
        throw new MeridianError(
          'E_DIRTY',
          `connected database is not clean (found ${what}): a baseline version or allow-dirty is required ` +
            '(pass --baseline <version> if the database already has the schema of that migration, or --allow-dirty to apply on top of it)',
        );
      }
    }
    const { pending, partial } = computePending(files, revisions, { execOrder: opts.execOrder, count: opts.count });
    const from = revisions.filter((r) => r.applied === r.total || (r.type & RevisionType.resolved) !== 0).at(-1)?.version;
    const plans: PendingFile[] = pending.map((file) => ({
      file,
      statements: statements.get(file.name) ?? splitStatements(file.content, file.name).map((s) => s.text),
      revision: partial && partial.version === file.version ? partial : undefined,
    }));
    const to = plans.at(-1)?.file.version;
    if (opts.dryRun) {
      return { from, to, dryRun: true, ok: true, files: plans.map((p) => ({ version: p.file.version, name: p.file.name, statements: p.statements, applied: 0, status: 'pending', ms: 0 })) };
    }
    for (const p of plans) txModeFor(p.file, globalMode); // validate directives before touching anything
    if (plans.length) await ensureRevisionsTable(db, schema);

    const results: FileResult[] = [];
    const runFile = async (q: Queryable, p: PendingFile): Promise<FileResult> => {
      const t0 = performance.now();
      const hashes = statementHashes(p.statements);
      let rev: Revision = p.revision ?? {
        version: p.file.version, description: p.file.description, type: RevisionType.execute, applied: 0, total: p.statements.length,
        executedAt: now(), executionTime: 0n, error: '', errorStmt: '', hash: sums.get(p.file.name) ?? '', partialHashes: null, operatorVersion: operatorVersion(),
      };
      if (p.revision) {
        const recorded = p.revision.partialHashes ?? [];
        for (let i = 0; i < p.revision.applied; i++) {
          if (recorded[i] !== undefined && recorded[i]!.replace(/^h1:/, '') !== hashes[i]) {
            throw new MeridianError('E_APPLY', `history changed: statement ${i + 1} from file "${p.file.name}" changed`);
          }
        }
      }
      let started = process.hrtime.bigint();
      rev = { ...rev, operatorVersion: operatorVersion() };
      await upsertRevision(q, schema, rev);
      opts.onProgress?.({ kind: 'file-start', file: p.file });
      let appliedNow = 0;
      for (let i = rev.applied; i < p.statements.length; i++) {
        const sql = p.statements[i]!;
        opts.onProgress?.({ kind: 'statement', file: p.file, sql });
        try {
          await q.exec(sql);
        } catch (e) {
          const message = (e as Error).message;
          rev = { ...rev, executionTime: process.hrtime.bigint() - started, error: message, errorStmt: sql };
          const failure = new MeridianError('E_APPLY', executingStatementError(sql, p.file.version, message));
          Object.assign(failure, { revision: rev, statement: sql, appliedNow, fileName: p.file.name });
          throw failure;
        }
        appliedNow++;
        rev = { ...rev, applied: rev.applied + 1, partialHashes: [...(rev.partialHashes ?? []), `h1:${hashes[i]}`], error: '', errorStmt: '' };
        await upsertRevision(q, schema, rev);
        started = process.hrtime.bigint();
      }
      rev = { ...rev, partialHashes: null, executionTime: process.hrtime.bigint() - started };
      await upsertRevision(q, schema, rev);
      const ms = performance.now() - t0;
      opts.onProgress?.({ kind: 'file-done', file: p.file, ms });
      return { version: p.file.version, name: p.file.name, statements: p.statements, applied: appliedNow, status: 'applied', ms };
    };

    const fail = (p: PendingFile, e: unknown, recordIn: Queryable | undefined): Promise<ApplyResult> => {
      return (async () => {
        const err = e as MeridianError & { revision?: Revision; statement?: string; appliedNow?: number };
        if (recordIn && err.revision) await upsertRevision(recordIn, schema, err.revision);
        opts.onProgress?.({ kind: 'file-error', file: p.file, sql: err.statement ?? '', error: err.revision?.error ?? err.message });
        results.push({
          version: p.file.version, name: p.file.name, statements: p.statements, applied: err.appliedNow ?? 0, status: 'failed',
          error: { message: err.revision?.error ?? err.message, statement: err.statement ?? '' }, ms: 0,
        });
        for (const rest of plans.slice(plans.indexOf(p) + 1)) results.push({ version: rest.file.version, name: rest.file.name, statements: rest.statements, applied: 0, status: 'pending', ms: 0 });
        return { from, to, files: results, dryRun: false, ok: false, error: err.message };
      })();
    };

    if (globalMode === 'all') {
      let failed: { p: PendingFile; e: unknown } | undefined;
      try {
        await db.transaction(async (tx) => {
          for (const p of plans) {
            try {
              results.push(await runFile(tx, p));
            } catch (e) {
              failed = { p, e };
              throw e;
            }
          }
        });
      } catch (e) {
        if (!failed) throw e;
        results.length = 0;
        return fail(failed.p, failed.e, undefined);
      }
      return { from, to, files: results, dryRun: false, ok: true };
    }
    for (const p of plans) {
      const mode = txModeFor(p.file, globalMode);
      if (mode === 'none') {
        try {
          results.push(await runFile(db, p));
        } catch (e) {
          if (!(e instanceof MeridianError) || !('revision' in e)) throw e;
          return fail(p, e, db);
        }
      } else {
        try {
          results.push(await db.transaction((tx) => runFile(tx, p)));
        } catch (e) {
          if (!(e instanceof MeridianError) || !('revision' in e)) throw e;
          return fail(p, e, undefined); // the rolled-back transaction took the row with it (Atlas)
        }
      }
    }
    return { from, to, files: results, dryRun: false, ok: true };
  } finally {
    await release?.();
  }
}

/**
 * What `applyMigrations` would find pending, decided from revisions read before (a non-empty list: with
 * none, applying first asks the database whether it is clean), with the same checks in the same order:
 * the directory (atlas.sum, every file split), the flags, then the pending files (out-of-order files are
 * an error in linear order). Used when the revisions were remembered (src/migrate/revisions-snapshot.ts).
 *
 * @example
 * const pending = await pendingFromRevisions(revisions, { dir: 'database/migrations' });
 * if (pending.length === 0) console.log('No migration files to execute');
 */
export async function pendingFromRevisions(revisions: readonly Revision[], opts: Pick<ApplyOptions, 'dir' | 'loaded' | 'baseline' | 'allowDirty' | 'execOrder' | 'count' | 'splitCache'>): Promise<MigrationFile[]> {
  if (revisions.length === 0) throw new Error('internal: pendingFromRevisions without revisions (the database must be asked whether it is clean)');
  const { files } = opts.loaded ?? (await loadDirectory(opts.dir, { splitCache: opts.splitCache }));
  if (opts.baseline && opts.allowDirty) throw new MeridianError('E_USAGE', '--baseline and --allow-dirty are mutually exclusive');
  return computePending(files, revisions, { execOrder: opts.execOrder, count: opts.count }).pending;
}

export interface MigrationStatus {
  readonly status: 'OK' | 'PENDING';
  readonly current: string;
  readonly next: string;
  readonly executed: number;
  readonly pending: readonly MigrationFile[];
  readonly available: readonly MigrationFile[];
  readonly applied: readonly Revision[];
  readonly outOfOrder: readonly MigrationFile[];
  /** When files are out of order: the command that fixes it (`meridian migrate rebase <version…>`). */
  readonly fix?: string;
  /** The first pending file is a checkpoint: a fresh database starts from it (`Next Version: V (checkpoint)`). */
  readonly fromCheckpoint: boolean;
  /** Partially applied last file. */
  readonly partial?: { readonly revision: Revision; readonly total: number };
  readonly error?: string;
  readonly sql?: string;
}

/**
 * Atlas's `migrate status`.
 *
 * @example
 * const s = await migrationStatus(db, { dir: 'database/migrations' });
 * s.status // 'OK' | 'PENDING'
 */
export async function migrationStatus(db: Database, opts: { dir: string; revisionsSchema?: string; loaded?: LoadedDirectory }): Promise<MigrationStatus> {
  if (!opts.loaded) validateSum(opts.dir);
  const files = opts.loaded?.files ?? readMigrationFiles(opts.dir);
  const schema = revisionsSchemaFor(opts.revisionsSchema, db.boundSchema);
  await checkRevisionSchemaClarity(db, opts.revisionsSchema, db.boundSchema);
  const revisions = (await readRevisionsIfExists(db, schema)) ?? [];
  return statusOf(files, revisions, opts.loaded);
}

/**
 * Atlas's `migrate status` from the revisions already read (`readRevisionsIfExists`, or remembered:
 * src/migrate/revisions-snapshot.ts): the directory is validated against atlas.sum and read here.
 *
 * @example
 * const s = await migrationStatusOf('database/migrations', revisions);
 */
export async function migrationStatusOf(dir: string, revisions: readonly Revision[]): Promise<MigrationStatus> {
  validateSum(dir);
  return statusOf(readMigrationFiles(dir), revisions, undefined);
}

async function statusOf(files: readonly MigrationFile[], revisions: readonly Revision[], loaded: LoadedDirectory | undefined): Promise<MigrationStatus> {
  let pending: MigrationFile[] = [];
  let outOfOrder: MigrationFile[] = [];
  let error: string | undefined;
  let partialInfo: MigrationStatus['partial'];
  try {
    const r = computePending(files, revisions, { execOrder: 'linear' });
    pending = r.pending;
    if (r.partial) {
      const f = files.find((x) => x.version === r.partial!.version);
      // The splitter (wasm) loads only for a partially applied file, whose statements are counted.
      if (f && !loaded) await initSplitter();
      partialInfo = { revision: r.partial, total: f ? (loaded?.statements.get(f.name)?.length ?? splitStatements(f.content, f.name).length) : r.partial.total };
    }
  } catch (e) {
    const r = computePending(files, revisions, { execOrder: 'non-linear' });
    pending = r.pending;
    outOfOrder = r.skipped;
    error = (e as Error).message;
  }
  const current = revisions.length === 0 || (pending.length && revisions.length === 0) ? 'No migration applied yet' : revisions.at(-1)!.version;
  return {
    status: pending.length ? 'PENDING' : 'OK',
    current,
    next: pending[0]?.version ?? 'Already at latest version',
    executed: revisions.length,
    pending,
    available: files,
    applied: [...revisions],
    outOfOrder,
    fromCheckpoint: pending[0]?.checkpoint ?? false,
    ...(outOfOrder.length ? { fix: rebaseCommand(outOfOrder) } : {}),
    ...(partialInfo ? { partial: partialInfo, error: partialInfo.revision.error || undefined, sql: partialInfo.revision.errorStmt || undefined } : {}),
    ...(error ? { error } : {}),
  };
}

/**
 * Atlas's `migrate set VERSION`: marks every file up to VERSION as applied (type resolved) without
 * running it and removes the rows after it.
 *
 * @example
 * await setMigrationVersion(db, { dir: 'database/migrations', version: '20260101000000' });
 */
export async function setMigrationVersion(db: Database, opts: { dir: string; version: string; revisionsSchema?: string; now?: () => Date }): Promise<number> {
  await initSplitter();
  validateSum(opts.dir);
  const files = readMigrationFiles(opts.dir);
  if (!files.some((f) => f.version === opts.version)) throw new MeridianError('E_USAGE', `migration with version "${opts.version}" not found`);
  const sums = new Map(hashDirectory(opts.dir).entries.map((e) => [e.name, e.hash]));
  const schema = revisionsSchemaFor(opts.revisionsSchema, db.boundSchema);
  const release = await acquireApplyLock(db);
  try {
    return await db.transaction(async (tx) => {
      await ensureRevisionsTable(tx, schema);
      const existing = new Map((await readRevisions(tx, schema)).map((r) => [r.version, r]));
      let n = 0;
      for (const f of files) {
        if (f.checkpoint || compareBytes(f.version, opts.version) > 0) continue;
        const prev = existing.get(f.version);
        const total = splitStatements(f.content, f.name).length;
        if (prev && prev.applied === prev.total && (prev.type & RevisionType.execute)) continue;
        await upsertRevision(tx, schema, {
          version: f.version, description: f.description, type: (prev?.type ?? 0) | RevisionType.resolved, applied: total, total,
          executedAt: prev?.executedAt ?? (opts.now ?? (() => new Date()))(), executionTime: 0n, error: '', errorStmt: '',
          hash: sums.get(f.name) ?? '', partialHashes: null, operatorVersion: operatorVersion(),
        });
        n++;
      }
      await deleteRevisionsAfter(tx, schema, opts.version);
      return n;
    });
  } finally {
    await release();
  }
}

/**
 * Atlas's text for a statement that failed during apply (`sql/migrate`'s ExecutionError), which CI
 * pipelines grep for: the statement as Go's `%q` quotes it, then the version and the driver's message.
 *
 * @example
 * executingStatementError('THIS IS A FAILING STATEMENT;', '4', 'syntax error at or near "THIS"')
 * // 'sql/migrate: executing statement "THIS IS A FAILING STATEMENT;" from version "4": syntax error at or near "THIS"'
 */
export function executingStatementError(statement: string, version: string, message: string): string {
  return `sql/migrate: executing statement ${goQuote(statement)} from version ${goQuote(version)}: ${message}`;
}

/** Go's `%q` for a string: JSON's escaping, with Go's spellings for control characters. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\(\\|u00([0-9a-f]{2}))/g, (m, _e: string, hex: string | undefined) => {
    if (hex === undefined) return m;
    const c = parseInt(hex, 16);
    if (c === 7) return '\\a';
    if (c === 11) return '\\v';
    return `\\x${hex}`;
  });
}
