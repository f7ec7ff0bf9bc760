/**
 * The statements of a migration directory's files, remembered between runs of the bundled CLI, so that a
 * `migrate apply` with nothing pending — which still checks that every file of the directory splits — does
 * not load the parser's wasm for it (on the example project that load is ~0.5× `node -e ''`, a fifth of the
 * command; `migrate apply` on PostgreSQL 2.5–2.9× → ~2.0× `node -e ''`).
 *
 * In:  the files (their bytes), the cache file's path. Out: each file's statement texts, exactly what
 *      `splitStatements(file.content, file.name).map((s) => s.text)` returns.
 * Never: serves statements split by other code or from other bytes; caches a failure (a file that does
 *        not split is split again, and fails again, with the splitter's own error).
 *
 * Why a remembered entry is never wrong: splitting is a pure function of the file's bytes and the
 * splitter's code. An entry's key is the SHA-256 of the bytes; the cache file as a whole belongs to one
 * splitter, named by `splitterId()`: the content-hashed name of the bundle chunk that holds the splitter
 * (esbuild names a chunk by the hash of its content and of the chunks it imports, so any change to the
 * splitter or to what it uses from the bundle is another name) and the scanner's own package version and
 * wasm file (libpg-query is not bundled). Where there is no such name (the sources run through tsx, the
 * library built by tsc) nothing is remembered. A cache file of another splitter, of another format, or
 * that does not read as JSON of the expected shape is ignored (and replaced); it is written whole, through
 * a temporary name and a rename, so a reader never sees half of one.
 *
 * The file lives in the project's `.meridian/` folder (Meridian's local state: the embedded database,
 * backups), and only where that folder exists already: the cache never adds a folder to a project.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { initSplitter, splitStatements, splitterId } from '../parse/split.js';
import type { MigrationFile } from './dir.js';

/**
 * The CLI's cache file in a project: `.meridian/split-cache.json` (used only where `.meridian/` exists).
 *
 * @example
 * splitCachePath('/work/app') // '/work/app/.meridian/split-cache.json'
 */
export function splitCachePath(projectDir: string): string {
  return join(projectDir, '.meridian', 'split-cache.json');
}

/** Bumped when the file's shape changes: older files are then ignored. */
const FORMAT = 1;

interface CacheFile {
  readonly format: number;
  readonly splitter: string;
  /** SHA-256 (hex) of a file's bytes → its statements' texts. */
  readonly files: Record<string, readonly string[]>;
}

function readCache(path: string, splitter: string): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    if (c?.format !== FORMAT || c.splitter !== splitter || typeof c.files !== 'object' || c.files === null) return out;
    for (const [k, v] of Object.entries(c.files)) {
      if (/^[0-9a-f]{64}$/.test(k) && Array.isArray(v) && v.every((s) => typeof s === 'string')) out.set(k, v);
    }
  } catch {
    // missing or unreadable: a miss
  }
  return out;
}

/**
 * Splits every file (the splitter's wasm loads only when some file's bytes are not remembered), and
 * remembers the result when `cachePath` is given, its folder exists and the splitter has an id.
 *
 * @example
 * const statements = await splitFiles(readMigrationFiles(dir), '.meridian/split-cache.json');
 * statements.get('20260101000000_init.sql') // ['CREATE TABLE t (id int);']
 */
export async function splitFiles(files: readonly MigrationFile[], cachePath?: string, opts: { splitter?: string } = {}): Promise<Map<string, readonly string[]>> {
  // `opts.splitter`: the id to use instead of `splitterId()` (tests, which run the sources: no chunk name).
  const splitter = cachePath && existsSync(dirname(cachePath)) ? (opts.splitter ?? splitterId()) : undefined;
  const cached = splitter ? readCache(cachePath!, splitter) : new Map<string, readonly string[]>();
  const keys = files.map((f) => createHash('sha256').update(f.content).digest('hex'));
  const out = new Map<string, readonly string[]>();
  // Without a cache, the scanner loads as it always did, whatever the directory holds.
  if (!splitter) await initSplitter();
  let missed = false;
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    let texts = cached.get(keys[i]!);
    if (!texts) {
      if (!missed) await initSplitter();
      missed = true;
      texts = splitStatements(f.content, f.name).map((s) => s.text);
    }
    out.set(f.name, texts);
  }
  if (splitter && (missed || cached.size !== new Set(keys).size)) {
    // This directory's files only: entries of files since removed or edited are dropped.
    const entries: Record<string, readonly string[]> = {};
    files.forEach((f, i) => (entries[keys[i]!] = out.get(f.name)!));
    const body: CacheFile = { format: FORMAT, splitter, files: entries };
    try {
      const tmp = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(body));
      renameSync(tmp, cachePath!);
    } catch {
      // A read-only project: nothing remembered, nothing else changes.
    }
  }
  return out;
}
