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
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * only through `arrayBuffer()` (and `type`), and Node 20's own reads a 40 MB Blob in 64 KB chunks and
 * concatenates them (measured: 0.54 s of CPU, a fifth of an in-memory database's start; this copy ~20 ms).
 * The Blob itself holds nothing: Node's constructor would copy the 40 MB once more (~0.13 s of CPU per
 * database opened) for bytes nobody reads through it.
 */
class BytesBlob extends Blob {
  readonly #data: Uint8Array;
  constructor(data: Uint8Array) {
    super([]);
    this.#data = data;
    Object.defineProperty(this, 'size', { value: data.byteLength });
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    // Uint8Array's slice copies (a Buffer's own slice would be a view of the cached bytes).
    return Uint8Array.prototype.slice.call(this.#data).buffer as ArrayBuffer;
  }
}

/**
 * The last template read by this process, kept while its file is unchanged (same inode, size and mtime; writeTemplate replaces the file by a rename): a process
 * that opens many embedded databases (a dev database per command of an embedding tool, the tests) reads
 * the 40 MB once (~0.1 s of CPU each time otherwise). Each database still gets its own copy of the bytes.
 */
let lastRead: { path: string; ino: number; size: number; mtimeMs: number; bytes: Uint8Array } | undefined;

/**
 * The template's bytes, or undefined when there is none (yet).
 *
 * @example
 * const prepared = readTemplate(templatePath('0.5.14', PGLITE_CONTRIB, startParams)); // Blob | undefined
 */
export function readTemplate(path: string | undefined): Blob | undefined {
  if (!path) return undefined;
  try {
    const st = statSync(path);
    if (!lastRead || lastRead.path !== path || lastRead.ino !== st.ino || lastRead.size !== st.size || lastRead.mtimeMs !== st.mtimeMs) {
      lastRead = { path, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, bytes: readFileSync(path) };
    }
    return new BytesBlob(lastRead.bytes);
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
