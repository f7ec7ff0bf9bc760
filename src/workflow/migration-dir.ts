/**
 * The migration directory must exist for every command that reads it (`migrate apply|status|lint|validate|
 * set|hash`), as in Atlas: a mistyped `--dir` is an error naming the path, never an empty directory that
 * looks green. Commands that create files (`migrate diff`, `migrate new`) create it instead.
 */
import { statSync } from 'node:fs';
import { MeridianError } from '../errors.js';

/**
 * Throws E_MIGRATE_DIR when `path` is not a directory.
 *
 * @example
 * requireMigrationDir('/app/db/migrations', 'file://db/migrations')
 * // error[E_MIGRATE_DIR]: migration directory /app/db/migrations does not exist (--dir file://db/migrations)
 */
export function requireMigrationDir(path: string, given?: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new MeridianError(
      'E_MIGRATE_DIR',
      `migration directory ${path} does not exist${given ? ` (--dir ${given})` : ''}: check the path, or create the first migration with \`meridian migrate diff\` or \`meridian migrate new\``,
    );
  }
  if (!isDir) throw new MeridianError('E_MIGRATE_DIR', `migration directory ${path} is not a directory${given ? ` (--dir ${given})` : ''}`);
}
