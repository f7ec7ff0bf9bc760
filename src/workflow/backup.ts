/**
 * Backups before risky applies (guard rails of protected environments), and the project's ignore entries.
 *
 * In:  a Database (its URL) and a target file, or the project directory (then the file goes under
 *      `.meridian/backups/`, a folder only its owner can read). Out: the path written and its size.
 * Servers are dumped with `pg_dump` (plain SQL) when it is installed; the embedded PGlite database
 * is saved as a gzip'd tarball of its data directory (restorable with `PGlite.create({ loadDataDir })`).
 * Never overwrites an existing file; a backup file is created owner-only (0600) before anything is written
 * to it, so a full data dump is never readable by others, not even for a moment.
 */
import { createRequire } from 'node:module';
import { appendFileSync, chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from '../db/database.js';
import { PgliteDatabase } from '../db/pglite.js';
import { parseDatabaseUrl } from '../db/url.js';
import { MeridianError } from '../errors.js';

/** node:child_process, loaded when a backup is taken: `migrate apply` imports this module on every run. */
const childProcess = (): typeof import('node:child_process') => createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly method: 'pg_dump' | 'pglite-datadir';
}

/** The folder of a project's backups: `<project>/.meridian/backups` (ignored by git, mode 0700). */
export function backupDir(cwd: string): string {
  return join(cwd, '.meridian', 'backups');
}

/**
 * The lines `ensureGitignore` adds: Meridian's working folder, which holds the embedded database and the
 * backups (`.meridian/backups/`, ignored with it).
 */
export const GITIGNORE_ENTRIES: readonly string[] = ['.meridian/'];

/** The comment line `ensureGitignore` writes above the entries it adds (by default). */
export const GITIGNORE_COMMENT = '# Meridian: the embedded database and backups (.meridian/backups: full data dumps)';

/** Which entries `ensureGitignore` adds, under which comment, and where. */
export interface GitignoreOptions {
  /** The lines to have in `.gitignore` (default: `GITIGNORE_ENTRIES`). */
  readonly entries?: readonly string[];
  /** The comment written above them (default: `GITIGNORE_COMMENT`). */
  readonly comment?: string;
  /**
   * Write even where `cwd` does not look like a project root (`meridian init` was asked to make it one).
   * Default false: a command run elsewhere never writes a stray `.gitignore`.
   */
  readonly anyDirectory?: boolean;
}

/**
 * Adds Meridian's ignore entries to the project's `.gitignore` (created when missing) unless they are there.
 * Returns the entries added. Only in a directory that looks like a project root (a `.git`, `package.json`,
 * `atlas.hcl` or `database/` next to it), so a command run elsewhere never writes a stray `.gitignore`.
 * An entry counts as there with or without a leading `/` or a trailing `/`.
 *
 * @example
 * ensureGitignore(process.cwd()) // ['.meridian/'] the first time, [] after
 * ensureGitignore(cwd, { entries: ['.env'], comment: '# secrets' }) // ['.env'], then []
 */
export function ensureGitignore(cwd: string, opts: GitignoreOptions = {}): string[] {
  const markers = ['.git', 'package.json', 'atlas.hcl', 'database'];
  if (!opts.anyDirectory && !markers.some((m) => existsSync(join(cwd, m)))) return [];
  const path = join(cwd, '.gitignore');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim().replace(/^\//, '').replace(/\/$/, '')));
  const missing = (opts.entries ?? GITIGNORE_ENTRIES).filter((e) => !have.has(e.replace(/^\//, '').replace(/\/$/, '')));
  if (missing.length === 0) return [];
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  appendFileSync(path, `${sep}${opts.comment ?? GITIGNORE_COMMENT}\n${missing.join('\n')}\n`);
  return missing;
}

/** A fresh backup file name under the project's backup folder (the folder created owner-only). */
export function projectBackupFile(cwd: string, label: string, kind: 'sql' | 'tar.gz', now: Date = new Date()): string {
  const dir = backupDir(cwd);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const safe = label.replace(/[^\w.-]+/g, '_') || 'db';
  return join(dir, `${safe}-${now.toISOString().replace(/[:.]/g, '-')}.${kind}`);
}

/** True when `pg_dump` can be run. */
export function hasPgDump(): boolean {
  return childProcess().spawnSync('pg_dump', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Creates `file` empty and owner-only; refuses an existing file. */
function createPrivate(file: string): number {
  mkdirSync(dirname(file), { recursive: true });
  try {
    return openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new MeridianError('E_USAGE', `backup file ${file} exists already: choose another --backup-file`);
    throw new MeridianError('E_BACKUP', `cannot create backup file ${file}: ${(e as Error).message}`);
  }
}

/**
 * Writes a backup of `db` to `file` (owner-only).
 *
 * @example
 * const r = await backupDatabase(db, process.env.DATABASE_URL!, projectBackupFile(cwd, 'prod', 'sql'));
 */
export async function backupDatabase(db: Database, url: string, file: string): Promise<BackupResult> {
  if (existsSync(file)) throw new MeridianError('E_USAGE', `backup file ${file} exists already: choose another --backup-file`);
  if (db instanceof PgliteDatabase) {
    const blob = await db.pglite.dumpDataDir('gzip');
    const fd = createPrivate(file);
    try {
      writeSync(fd, Buffer.from(await blob.arrayBuffer()));
    } finally {
      closeSync(fd);
    }
    return { file, bytes: statSync(file).size, method: 'pglite-datadir' };
  }
  if (!hasPgDump()) {
    throw new MeridianError('E_BACKUP', 'pg_dump is not installed: install the PostgreSQL client tools (the same major version as the server) or take a backup yourself, then pass --skip-backup');
  }
  const parsed = parseDatabaseUrl(url);
  const u = new URL(parsed.url);
  u.searchParams.delete('search_path');
  closeSync(createPrivate(file));
  const r = childProcess().spawnSync('pg_dump', ['--no-owner', '--file', file, u.toString()], { encoding: 'utf8' });
  if (r.status !== 0) {
    unlinkSync(file);
    throw new MeridianError('E_BACKUP', `pg_dump failed: ${(r.stderr || '').trim().split('\n')[0]}`);
  }
  return { file, bytes: statSync(file).size, method: 'pg_dump' };
}
