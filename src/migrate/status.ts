/**
 * `migrate status` — Atlas's report of where a database stands against a migration directory.
 *
 * In:  a Database (or revisions read before) and the directory. Out: a MigrationStatus value.
 * Never: writes anything; loads the splitter (wasm) only to count a partially applied file's statements.
 */
import type { Database } from '../db/database.js';
import { readMigrationFiles, validateSum, type MigrationFile } from './dir.js';
import type { LoadedDirectory } from './load.js';
import { computePending, rebaseCommand } from './pending.js';
import { checkRevisionSchemaClarity, readRevisionsIfExists, revisionsSchemaFor, type Revision } from './revisions.js';
import { initSplitter, splitStatements } from '../parse/split.js';

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
