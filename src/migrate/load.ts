/**
 * A migration directory read once for `migrate apply` (and a fleet's every target): atlas.sum checked,
 * files hashed and split into statements.
 *
 * In:  the directory (and the split cache the CLI names). Out: files, their atlas.sum hashes, their statements.
 * Never: touches a database; an atlas.sum that does not match is an error before anything is split.
 */
import { hashDirectory, readMigrationFiles, validateSum, type MigrationFile } from './dir.js';
import { splitFiles } from './split-cache.js';

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
  const sums = directorySums(dir);
  // Every file is split (the check), through the cache of earlier splits when the CLI names one.
  const statements = await splitFiles(files, opts.splitCache);
  return { dir, files, sums, statements };
}

/**
 * Each file's atlas.sum hash (base64, as the revisions table's `hash` column holds it), by file name.
 *
 * @example
 * directorySums('database/migrations').get('20260101000000_init.sql') // 'iHZ…='
 */
export function directorySums(dir: string): Map<string, string> {
  return new Map(hashDirectory(dir).entries.map((e) => [e.name, e.hash]));
}
