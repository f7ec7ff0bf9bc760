/**
 * `migrate checkpoint [tag]`: a checkpoint file holding the whole schema at the directory's latest
 * version, in Atlas's format, so fresh databases and every replay start from it instead of from file one.
 *
 * In:  the migration directory, a dev Database (only when the directory does not fold natively), a clock.
 * Out: the statements, the file's name and bytes, and whether it was written.
 * Never: writes into a directory whose atlas.sum does not validate; writes a checkpoint that does not
 *        reproduce the directory's state (it is replayed and compared before it is written); prints.
 *
 * Atlas's layout (sql/migrate `Planner.WriteCheckpoint`, `LocalFile.AddDirective`, `TestPlanner_WriteCheckpoint`):
 * the file is a planned migration from an empty database to the replayed state, named
 * `<version>_checkpoint.sql` (the plan's name is `checkpoint`; the tag goes into the directive only),
 * `-- atlas:checkpoint[ tag]` and an empty line put in front, then hashed into atlas.sum like any file.
 * Databases with revisions skip it (`migrate apply`), fresh ones start at it.
 */
import { directoryState, type DirectoryScopeOptions } from './directory-state.js';
import type { Database } from '../db/database.js';
import { diff } from '../diff/index.js';
import { MeridianError } from '../errors.js';
import { checkpointContent, filesFromLastCheckpoint, readMigrationFiles, validateSum, writeMigrationFile } from '../migrate/dir.js';
import { freshDatabaseModel, type Model } from '../model/types.js';
import { plan, renderMigrationFile, type Statement } from '../plan/index.js';
import { nativeModelFromSources, type NativeScope } from './native.js';
import { modelFromSources } from './state.js';
import { dataStatementsIn, type DataStatement } from './data-statements.js';

export interface MigrateCheckpointOptions extends DirectoryScopeOptions {
  readonly migrationsDir: string;
  /** Written into the directive: `-- atlas:checkpoint <tag>`. */
  readonly tag?: string;
  readonly now?: () => Date;
  /** Compute and check the checkpoint, write nothing. */
  readonly dryRun?: boolean;
}

export interface MigrateCheckpointResult {
  readonly statements: readonly Statement[];
  /** The file's bytes (directive included). */
  readonly content: string;
  /** The state the directory produces, which the checkpoint reproduces. */
  readonly state: Model;
  /** How many files the checkpoint summarises (replayed to compute it). */
  readonly replayed: number;
  /** Whether the directory was folded natively (else replayed on the dev database). */
  readonly native: boolean;
  readonly file?: string;
  readonly version?: string;
  /**
   * Data statements (INSERT, UPDATE, setval…) of the summarised files: a checkpoint holds the schema only, as
   * Atlas's does, so a database started from it does not get their rows. Said when the checkpoint is written.
   */
  readonly dataLeftOut: readonly DataStatement[];
}

/**
 * Writes a checkpoint of the migration directory (Atlas Pro's `migrate checkpoint`).
 *
 * @example
 * const dev = await openDatabase('pglite://memory');
 * const r = await migrateCheckpoint({ migrationsDir: 'database/migrations', dev, tag: 'v1.4' });
 * r.file // 'database/migrations/20260105120000_checkpoint.sql', starting '-- atlas:checkpoint v1.4\n\n'
 */
export async function migrateCheckpoint(opts: MigrateCheckpointOptions): Promise<MigrateCheckpointResult> {
  if (opts.tag !== undefined && !/^[ -~]*$/.test(opts.tag)) throw new MeridianError('E_USAGE', `migrate checkpoint: the tag "${opts.tag}" must be printable ASCII on one line (it is written into the directive)`);
  validateSum(opts.migrationsDir);
  const files = readMigrationFiles(opts.migrationsDir);
  if (files.length === 0) throw new MeridianError('E_MIGRATE_DIR', `migrate checkpoint: ${opts.migrationsDir} has no migration files to summarise`);
  let devDb: Promise<Database> | undefined;
  const dev = () => (devDb ??= typeof opts.dev === 'function' ? opts.dev() : Promise.resolve(opts.dev));
  const scope: NativeScope = { schemas: opts.schemas, exclude: opts.exclude, searchPath: opts.searchPath };
  const { model: state, native: nativeState } = await directoryState(opts.migrationsDir, { ...scope, native: opts.native, dev });
  // What a freshly created database has: `public` with its standard comment (as the inspector reads it).
  const fresh = freshDatabaseModel();
  const base: Model = { ...fresh, schemas: { public: { ...fresh.schemas.public!, comment: 'standard public schema' } } };
  // A scoped state (--schema app) has no `public`: the fresh database's one stays, it is not dropped.
  const target: Model = state.schemas.public || opts.schemas ? { ...state, schemas: { ...base.schemas, ...state.schemas } } : state;
  const statements = plan(diff(base, target, { schemas: opts.schemas }), base, target);
  const body = renderMigrationFile(statements);
  // The checkpoint must rebuild exactly what the files build: replayed on its own and compared first.
  const source = [{ file: '<checkpoint>', text: body }];
  const rebuilt = (nativeState ? await nativeModelFromSources(source, scope) : undefined) ?? (await modelFromSources(await dev(), source, { schemas: opts.schemas, exclude: opts.exclude }));
  const drift = diff(rebuilt, state, { schemas: opts.schemas });
  if (drift.length) {
    throw new MeridianError(
      'E_PLAN',
      `migrate checkpoint: the planned checkpoint does not rebuild the directory's state (${drift.length} difference(s), first: ${drift[0]!.kind}); nothing was written`,
    );
  }
  const content = checkpointContent(body, opts.tag);
  const summarised = filesFromLastCheckpoint(files);
  const replayed = summarised.length;
  const dataLeftOut = await dataStatementsIn(summarised.map((f) => ({ file: f.name, text: f.text })), { searchPath: opts.searchPath });
  const result = { statements, content, state, replayed, native: !!nativeState, dataLeftOut };
  if (opts.dryRun) return result;
  const written = writeMigrationFile(opts.migrationsDir, { name: 'checkpoint', content: body, checkpointTag: opts.tag ?? '', now: (opts.now ?? (() => new Date()))() });
  return { ...result, file: written.path, version: written.version };
}
