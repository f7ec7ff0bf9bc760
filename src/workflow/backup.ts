/**
 * Backups before risky applies (production guard rails).
 *
 * In:  a Database (its URL) and a target file. Out: the path written and its size.
 * Servers are dumped with `pg_dump` (plain SQL) when it is installed; the embedded PGlite database
 * is saved as a gzip'd tarball of its data directory (restorable with `PGlite.create({ loadDataDir })`).
 * Never overwrites an existing file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import type { Database } from '../db/database.js';
import { PgliteDatabase } from '../db/pglite.js';
import { parseDatabaseUrl } from '../db/url.js';
import { MeridianError } from '../errors.js';

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly method: 'pg_dump' | 'pglite-datadir';
}

/** True when `pg_dump` can be run. */
export function hasPgDump(): boolean {
  return spawnSync('pg_dump', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * @example
 * const r = await backupDatabase(db, process.env.DATABASE_URL!, 'backup-20260101.sql');
 */
export async function backupDatabase(db: Database, url: string, file: string): Promise<BackupResult> {
  if (existsSync(file)) throw new MeridianError('E_USAGE', `backup file ${file} exists already: choose another --backup-file`);
  if (db instanceof PgliteDatabase) {
    const blob = await db.pglite.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    return { file, bytes: statSync(file).size, method: 'pglite-datadir' };
  }
  if (!hasPgDump()) {
    throw new MeridianError('E_USAGE', 'pg_dump is not installed: install the PostgreSQL client tools or take a backup yourself, then pass --skip-backup');
  }
  const parsed = parseDatabaseUrl(url);
  const u = new URL(parsed.url);
  u.searchParams.delete('search_path');
  const r = spawnSync('pg_dump', ['--no-owner', '--file', file, u.toString()], { encoding: 'utf8' });
  if (r.status !== 0) throw new MeridianError('E_DB', `pg_dump failed: ${(r.stderr || '').trim().split('\n')[0]}`);
  return { file, bytes: statSync(file).size, method: 'pg_dump' };
}
