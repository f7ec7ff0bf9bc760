/**
 * The state a migration directory produces, the one way every history command computes it: folded with
 * the native parser when the files fold, else replayed on the dev database (opened only then).
 */
import type { Database } from '../db/database.js';
import type { Model } from '../model/types.js';
import { nativeModelFromMigrations, type NativeScope } from './native.js';
import { modelFromMigrations } from './state.js';

/** What every history command (checkpoint, rebase, down) says about how its directory is folded. */
export interface DirectoryScopeOptions {
  /** Dev database (or a function opening it on first use): only used when the directory does not fold natively. */
  readonly dev: Database | (() => Promise<Database>);
  /** Fold the directory with the native parser first (default true). */
  readonly native?: boolean;
  readonly schemas?: readonly string[];
  readonly exclude?: readonly string[];
  /** search_path unqualified names resolve through (the URL's); default `public`. */
  readonly searchPath?: readonly string[];
}

export interface DirectoryStateOptions extends DirectoryScopeOptions, NativeScope {
  /** When the native fold throws: `'throw'` (default) reports it, `'dev'` lets PostgreSQL decide instead. */
  readonly nativeFailure?: 'throw' | 'dev';
}

/**
 * Folds or replays a migration directory (from its last checkpoint).
 *
 * @example
 * const { model, native } = await directoryState('database/migrations', { dev: () => openDatabase('pglite://memory') });
 */
export async function directoryState(dir: string, opts: DirectoryStateOptions): Promise<{ model: Model; native: boolean }> {
  const scope: NativeScope = { schemas: opts.schemas, exclude: opts.exclude, searchPath: opts.searchPath };
  if (opts.native !== false) {
    const folded = opts.nativeFailure === 'dev' ? await nativeModelFromMigrations(dir, scope).catch(() => undefined) : await nativeModelFromMigrations(dir, scope);
    if (folded) return { model: folded, native: true };
  }
  const dev = typeof opts.dev === 'function' ? await opts.dev() : opts.dev;
  return { model: await modelFromMigrations(dev, dir, { schemas: opts.schemas, exclude: opts.exclude }), native: false };
}
