/**
 * A prepared PGlite data directory, so a new embedded database (every `pglite://memory` dev database, and
 * the first open of a file-backed one) starts from a copy instead of running initdb (~60 % of PGlite's
 * start). The first new database made with a given PGlite version, extension set and start parameters
 * dumps itself right after initdb (`dumpDataDir`) into the user's cache directory; later ones load it
 * (`loadDataDir`).
 *
 * Cache: `$MERIDIAN_CACHE_DIR`, else `$XDG_CACHE_HOME/meridian`, else `~/.cache/meridian` (not the
 * package's folder, which an installation may make read-only, nor the project's, which would gain files).
 * `MERIDIAN_CACHE_DIR=off` disables it. Any failure to read or write the cache only costs the initdb.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache directory, or undefined when disabled. */
export function cacheDir(): string | undefined {
  const env = process.env.MERIDIAN_CACHE_DIR;
  if (env === 'off' || env === '0') return undefined;
  if (env) return env;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'meridian');
}

/**
 * The template's file for one PGlite configuration (what makes initdb's output differ).
 *
 * @example
 * templatePath('0.5.14', ['citext'], ['-c', 'max_locks_per_transaction=4096'])
 * // → ~/.cache/meridian/pglite-0.5.14-3f2a9c1b7d0e.tar
 */
export function templatePath(pgliteVersion: string, extensions: readonly string[], startParams: readonly string[]): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const key = createHash('sha256').update(JSON.stringify([[...extensions].sort(), startParams])).digest('hex').slice(0, 12);
  return join(dir, `pglite-${pgliteVersion.replace(/[^\w.-]/g, '_')}-${key}.tar`);
}

/**
 * A Blob whose `arrayBuffer()` copies the bytes it was made from in one go. PGlite reads a `loadDataDir`
 * only through `arrayBuffer()`, and Node 20's own reads a 40 MB Blob in 64 KB chunks and concatenates them
 * (measured: 0.54 s of CPU, a fifth of an in-memory database's start; this copy ~20 ms).
 */
class BytesBlob extends Blob {
  readonly #data: Uint8Array;
  constructor(data: Uint8Array) {
    super([data]);
    this.#data = data;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#data.slice().buffer as ArrayBuffer;
  }
}

/** The template's bytes, or undefined when there is none (yet). */
export function readTemplate(path: string | undefined): Blob | undefined {
  if (!path) return undefined;
  try {
    return new BytesBlob(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Stores a template (written to a temporary name, then renamed: readers never see half a file). */
export async function writeTemplate(path: string | undefined, dump: () => Promise<Blob>): Promise<void> {
  if (!path) return;
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const blob = await dump();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}
