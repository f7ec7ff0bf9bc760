/**
 * One pending migration file executed statement by statement, each step recorded in
 * atlas_schema_revisions as Atlas does (spec section C): the resume check of a partially applied file,
 * the per-statement hashes, the failure's revision row and result rows.
 *
 * In:  a Queryable (the database, or the transaction the file runs in), the file and its statements.
 * Out: the file's result, or a MeridianError carrying the failed revision. Never: opens a transaction
 * itself or decides the transaction mode (the applier does, from `txModeFor`).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { MeridianError } from '../errors.js';
import type { MigrationFile } from './dir.js';
import { newRevision, operatorVersion, RevisionType, upsertRevision, type Revision } from './revisions.js';
import { executingStatementError } from './statement-error.js';

export type TxMode = 'file' | 'all' | 'none';

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

export interface PendingFile {
  readonly file: MigrationFile;
  readonly statements: readonly string[];
  /** Existing partial row (resume). */
  readonly revision?: Revision;
}

/** What every file of one apply shares: where the revisions live, the atlas.sum hashes, the clock, the progress callback. */
export interface FileRunContext {
  readonly schema: string;
  readonly sums: ReadonlyMap<string, string>;
  readonly now: () => Date;
  readonly onProgress?: (e: ApplyEvent) => void;
}

/** The error a failed statement throws: the revision to record, the statement, how many ran before it. */
type FileFailure = MeridianError & { revision?: Revision; statement?: string; appliedNow?: number; fileName?: string };

/**
 * The transaction mode of one file: its `atlas:txmode` directive (none or file), else the run's mode.
 * Throws E_MIGRATE_DIR for two directives, an unknown mode, or a directive in `all` mode.
 *
 * @example
 * txModeFor(file, 'file') // 'none' for a file headed `-- atlas:txmode none`
 */
export function txModeFor(file: MigrationFile, global: TxMode): TxMode {
  const ds = file.directives.filter((d) => d.name === 'txmode');
  if (ds.length > 1) throw new MeridianError('E_MIGRATE_DIR', `${file.name}: multiple atlas:txmode directives`);
  const d = ds[0];
  if (!d) return global;
  if (d.args !== 'none' && d.args !== 'file') throw new MeridianError('E_MIGRATE_DIR', `${file.name}: unknown txmode "${d.args}" (use none or file)`);
  if (global === 'all') throw new MeridianError('E_MIGRATE_DIR', `${file.name}: cannot set txmode directive to "${d.args}" in "all" mode`);
  return d.args;
}

/** The running SHA-256 of the statements, one base64 digest per statement (Atlas's partial hashes). */
function statementHashes(stmts: readonly string[]): string[] {
  const h = createHash('sha256');
  return stmts.map((s) => {
    h.update(s);
    return h.copy().digest('base64');
  });
}

/**
 * Runs one file's statements (from the first one not yet applied, for a resumed file), upserting its
 * revision row before the first and after each statement. A statement that fails throws E_APPLY with
 * Atlas's text and the revision to record attached (`isFileFailure`).
 *
 * @example
 * results.push(await db.transaction((tx) => runFile(tx, pending, ctx)));
 */
export async function runFile(q: Queryable, p: PendingFile, ctx: FileRunContext): Promise<FileResult> {
  const { schema, onProgress } = ctx;
  const t0 = performance.now();
  const hashes = statementHashes(p.statements);
  let rev: Revision =
    p.revision ??
    newRevision({ version: p.file.version, description: p.file.description, type: RevisionType.execute, applied: 0, total: p.statements.length, executedAt: ctx.now(), hash: ctx.sums.get(p.file.name) ?? '' });
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
  onProgress?.({ kind: 'file-start', file: p.file });
  let appliedNow = 0;
  for (let i = rev.applied; i < p.statements.length; i++) {
    const sql = p.statements[i]!;
    onProgress?.({ kind: 'statement', file: p.file, sql });
    try {
      await q.exec(sql);
    } catch (e) {
      const message = (e as Error).message;
      rev = { ...rev, executionTime: process.hrtime.bigint() - started, error: message, errorStmt: sql };
      const failure = new MeridianError('E_APPLY', executingStatementError(sql, p.file.version, message), { cause: e });
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
  onProgress?.({ kind: 'file-done', file: p.file, ms });
  return { version: p.file.version, name: p.file.name, statements: p.statements, applied: appliedNow, status: 'applied', ms };
}

/**
 * Whether an error thrown by `runFile` is a statement's failure (a result to report) rather than an
 * error to pass on (a changed history, a lost connection).
 *
 * @example
 * catch (e) { if (!isFileFailure(e)) throw e; … }
 */
export function isFileFailure(e: unknown): e is FileFailure {
  return e instanceof MeridianError && 'revision' in e;
}

/**
 * The result rows of a file that failed and of the files after it (left pending), after recording the
 * failed revision in `recordIn` (none when a rolled-back transaction took the row with it, as in Atlas)
 * and reporting the failure to the progress callback.
 *
 * @example
 * results.push(...(await failedFileResults(p, e, db, plans, ctx)));
 */
export async function failedFileResults(p: PendingFile, e: unknown, recordIn: Queryable | undefined, plans: readonly PendingFile[], ctx: FileRunContext): Promise<FileResult[]> {
  const err = e as FileFailure;
  if (recordIn && err.revision) await upsertRevision(recordIn, ctx.schema, err.revision);
  ctx.onProgress?.({ kind: 'file-error', file: p.file, sql: err.statement ?? '', error: err.revision?.error ?? err.message });
  const failed: FileResult = {
    version: p.file.version, name: p.file.name, statements: p.statements, applied: err.appliedNow ?? 0, status: 'failed',
    error: { message: err.revision?.error ?? err.message, statement: err.statement ?? '' }, ms: 0,
  };
  const rest = plans.slice(plans.indexOf(p) + 1).map((r): FileResult => ({ version: r.file.version, name: r.file.name, statements: r.statements, applied: 0, status: 'pending', ms: 0 }));
  return [failed, ...rest];
}
