/**
 * `migrate apply` — Atlas's executor semantics (spec sections C, G); `migrate status` and `migrate set`
 * live beside it (status.ts, set-version.ts) and are exported from here as well.
 *
 * In:  a Database, a migration directory and options. Out: result objects (per-file status, counts,
 * errors); progress through an optional callback. Never prints, never calls process.exit.
 * Two appliers never run the same file: a session advisory lock (Atlas's key) is held for the whole run.
 *
 * The pipeline, one module a step: load.ts (directory read, checked, split) → apply-lock.ts (the lock) →
 * baseline.ts (an empty history: baseline row or clean check) → pending.ts (which files) → run-file.ts
 * (each file, statement by statement, its revision row and failure rows) → statement-error.ts (Atlas's text).
 */
import type { Database, Queryable } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { isLockTableFull, lockTableHint } from '../db/lock-table.js';
import type { MigrationFile } from './dir.js';
import { acquireApplyLock } from './apply-lock.js';
import { firstApplyRevisions } from './baseline.js';
import { loadDirectory, type LoadedDirectory } from './load.js';
import { computePending, type ExecOrder } from './pending.js';
import { checkRevisionSchemaClarity, ensureRevisionsTable, readRevisionsIfExists, revisionsSchemaFor, RevisionType, type Revision } from './revisions.js';
import { failedFileResults, isFileFailure, runFile, txModeFor, type ApplyEvent, type FileResult, type FileRunContext, type PendingFile, type TxMode } from './run-file.js';
import { splitStatements } from '../parse/split.js';

export { APPLY_LOCK_KEY, acquireApplyLock, schemaApplyLockKey } from './apply-lock.js';
export { loadDirectory, type LoadedDirectory } from './load.js';
export { computePending, rebaseCommand, type ExecOrder } from './pending.js';
export type { ApplyEvent, FileResult, PendingFile, TxMode } from './run-file.js';
export { migrationStatus, migrationStatusOf, type MigrationStatus } from './status.js';
export { setMigrationVersion } from './set-version.js';
export { executingStatementError, goQuote } from './statement-error.js';

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
    if (revisions.length === 0) revisions = await firstApplyRevisions(db, schema, files, { baseline: opts.baseline, allowDirty: opts.allowDirty, dryRun: opts.dryRun, now });
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

    const ctx: FileRunContext = { schema, sums, now, onProgress: opts.onProgress };
    const results: FileResult[] = [];
    // `inTransaction`: what ran in the transaction that failed, when one did (a full lock table gets a hint).
    const fail = async (p: PendingFile, e: unknown, recordIn: Queryable | undefined, inTransaction?: string): Promise<ApplyResult> => {
      results.push(...(await failedFileResults(p, e, recordIn, plans, ctx)));
      const full = inTransaction !== undefined && isLockTableFull((e as Error).cause);
      const hint = full ? `: ${lockTableHint(inTransaction, 'run it with --tx-mode none, or head a file with `-- atlas:txmode none` (each statement committed on its own)')}` : '';
      return { from, to, files: results, dryRun: false, ok: false, error: `${(e as Error).message}${hint}` };
    };

    if (globalMode === 'all') {
      let failed: { p: PendingFile; e: unknown } | undefined;
      try {
        await db.transaction(async (tx) => {
          for (const p of plans) {
            try {
              results.push(await runFile(tx, p, ctx));
            } catch (e) {
              failed = { p, e };
              throw e;
            }
          }
        });
      } catch (e) {
        if (!failed) throw e;
        results.length = 0;
        return fail(failed.p, failed.e, undefined, `the ${plans.length} file(s) in one transaction (--tx-mode all)`);
      }
      return { from, to, files: results, dryRun: false, ok: true };
    }
    for (const p of plans) {
      const mode = txModeFor(p.file, globalMode);
      try {
        results.push(mode === 'none' ? await runFile(db, p, ctx) : await db.transaction((tx) => runFile(tx, p, ctx)));
      } catch (e) {
        if (!isFileFailure(e)) throw e;
        // In a transaction, the rollback took the revision row with it (Atlas): it is not recorded again.
        return fail(p, e, mode === 'none' ? db : undefined, mode === 'none' ? undefined : `the ${p.statements.length} statement(s) of ${p.file.name} in one transaction`);
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
