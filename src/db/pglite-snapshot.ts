/**
 * Facts read from a file-backed embedded database (PGlite), remembered next to its data directory and
 * trusted later only while the data directory is provably the one they were read from. What it is for:
 * `migrate status` and a `migrate apply` with nothing pending answer from the revisions table; starting
 * PGlite to read 1 row costs ~1 s of CPU (its 9 MB wasm, 19 extensions, PostgreSQL's start), reading a
 * remembered copy ~20 ms.
 *
 * In:  a data directory, a key (what the facts are, e.g. the revisions table of schema "public") and a
 *      JSON value. Out: the value, or undefined whenever it cannot be proven current.
 * Never: trusted while any process holds the directory's lock, nor after any change of the directory.
 *
 * Why a remembered value is never wrong (the argument the code below keeps):
 * 1. It is written only by the process holding the data directory's lock (`<dataDir>.lock`, taken by
 *    `PgliteDatabase.open` for its whole session), after PGlite has shut down and before the lock is
 *    released, with a value read in that session's last statement. So it describes the directory as that
 *    shutdown left it, and nothing else ran between the read and the fingerprint.
 * 2. Any later PostgreSQL session on the directory changes `global/pg_control`'s bytes, before it can
 *    change any data: PostgreSQL's start-up rewrites it (state "in production", time), and every shutdown
 *    writes a new checkpoint record whose location (an ever-growing WAL position) lands in pg_control —
 *    also for a read-only session (measured: every `migrate status` rewrote pg_control, the WAL segment
 *    and pg_internal.init). A session that crashed leaves state "in production", never "shut down".
 *    The fingerprint holds pg_control's bytes, so a value from before such a session no longer matches:
 *    this does not depend on timestamps (a coarse clock cannot hide a change).
 * 3. Anything else that replaces or edits files (a restored copy, `rm -rf` and a new database, a file
 *    changed by hand) changes a path, a size, an inode or a ctime (which no program can set back) in
 *    the listing of every file and directory that the fingerprint also holds.
 * 4. Every `PgliteDatabase.open` of the directory deletes the remembered values before PGlite starts,
 *    so a Meridian session never leaves an older value behind it, even one that could match.
 * 5. While the lock file exists (a Meridian process has the database open: an apply under way,
 *    `db serve`), nothing is trusted: the caller takes the ordinary path, which waits for the lock as
 *    it always did.
 * A value is read from disk in full and validated (shape, format version, key); any doubt is a miss.
 * `MERIDIAN_PGLITE_SNAPSHOT=off` disables reading them (tests, debugging).
 */
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

/** The lock file of a data directory (held by the process that has it open). */
export function dataDirLockPath(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

/** Where remembered facts live: beside the data directory (inside, they would change its fingerprint). */
export function snapshotPath(dataDir: string): string {
  return `${resolve(dataDir)}.meridian-facts.json`;
}

/** Bumped when the file's shape or the fingerprint's recipe changes: older files are then misses. */
const FORMAT = 1;

/**
 * The fingerprint of a data directory: SHA-256 over `global/pg_control`'s bytes and, for every file and
 * directory under it (sorted), its path, mode, size, inode, mtime and ctime in nanoseconds. Undefined
 * when the directory or pg_control cannot be read. ~20 ms for PGlite's ~1,000 files.
 *
 * @example
 * dataDirFingerprint('.meridian/pglite') // 'c0ffee…' (64 hex digits)
 */
export function dataDirFingerprint(dataDir: string): string | undefined {
  try {
    const h = createHash('sha256');
    h.update(readFileSync(join(dataDir, 'global', 'pg_control')));
    const walk = (dir: string, rel: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        const s = lstatSync(path, { bigint: true });
        h.update(`${rel}${name}\0${s.mode}\0${s.size}\0${s.ino}\0${s.mtimeNs}\0${s.ctimeNs}\n`);
        if (s.isDirectory()) walk(path, `${rel}${name}/`);
      }
    };
    const top = lstatSync(dataDir, { bigint: true });
    h.update(`.\0${top.dev}\0${top.ino}\0${top.ctimeNs}\n`);
    walk(dataDir, '');
    return h.digest('hex');
  } catch {
    return undefined;
  }
}

/** Forgets every remembered fact of a data directory (called before PGlite opens it). */
export function forgetSnapshot(dataDir: string): void {
  rmSync(snapshotPath(dataDir), { force: true });
}

/**
 * Remembers `value` under `key` for the data directory as it is now. Only for the process holding the
 * directory's lock, after PGlite has closed (see the argument at the top). Failures are ignored: a value
 * not remembered only costs the next command a PGlite start.
 *
 * @example
 * rememberSnapshot('.meridian/pglite', 'revisions:public', rows); // inside PgliteDatabase.close()
 */
export function rememberSnapshot(dataDir: string, key: string, value: unknown): void {
  const path = snapshotPath(dataDir);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fingerprint = dataDirFingerprint(dataDir);
    if (!fingerprint) return forgetSnapshot(dataDir);
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, fingerprint, key, value }));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
    forgetSnapshot(dataDir);
  }
}

/**
 * The value remembered under `key`, when the data directory is provably unchanged since it was
 * remembered and no process has it open; otherwise undefined (the caller opens the database).
 *
 * @example
 * const rows = recallSnapshot('.meridian/pglite', 'revisions:public'); // unknown | undefined
 */
export function recallSnapshot(dataDir: string, key: string): unknown {
  if (process.env.MERIDIAN_PGLITE_SNAPSHOT === 'off') return undefined;
  const path = snapshotPath(dataDir);
  if (!existsSync(path) || existsSync(dataDirLockPath(dataDir))) return undefined;
  let stored: { format?: unknown; fingerprint?: unknown; key?: unknown; value?: unknown };
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as typeof stored;
  } catch {
    return undefined;
  }
  if (stored === null || typeof stored !== 'object' || stored.format !== FORMAT || stored.key !== key || typeof stored.fingerprint !== 'string') return undefined;
  // The lock is checked again after the fingerprint: a process that took it meanwhile may be writing.
  const fingerprint = dataDirFingerprint(dataDir);
  if (fingerprint !== stored.fingerprint || existsSync(dataDirLockPath(dataDir))) return undefined;
  return stored.value;
}
