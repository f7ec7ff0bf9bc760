/**
 * The migration directory in Atlas's default format (spec sections A.1, B, D.3).
 *
 * In:  a directory path. Out: `MigrationFile`s in Atlas's order (byte-wise file names), with version,
 * description and header directives, and the directory's sum state.
 * Never: recurses into sub-directories, filters files by name shape, or writes anything except through
 * `writeMigrationFile`/`writeSum` (which always rewrite atlas.sum as a whole).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, readTextFile } from '../input/text.js';
import { MeridianError } from '../errors.js';
import { compareHashFiles, computeHashFile, formatHashFile, parseHashFile, type HashFile } from './sum.js';

export interface Directive {
  readonly name: string;
  readonly args: string;
}

export interface MigrationFile {
  readonly name: string;
  readonly path: string;
  /** The file's bytes, as atlas.sum hashes them. */
  readonly content: Buffer;
  /** The file's text (checked UTF-8, a byte-order mark dropped): what parsers and databases get. */
  readonly text: string;
  /** Everything before the first `_` of the name without `.sql`. */
  readonly version: string;
  /** Everything after the first `_`, without `.sql`; '' when there is none. */
  readonly description: string;
  /** File-header directives (`-- atlas:txmode none`, …). */
  readonly directives: readonly Directive[];
  readonly checkpoint: boolean;
}

const DIRECTIVE = /^([ -~]*)atlas:(\w+)(?: +([^\n]+))*/;

/** Byte-wise comparison of UTF-8 strings (Go's string `<`). */
export function compareBytes(a: string, b: string): number {
  // UTF-8 byte order is code point order, which UTF-16 code units share below the surrogates (U+D800): compare
  // the units directly and fall back to the bytes only from the first unit past that (file names are ASCII).
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
    return Buffer.compare(Buffer.from(a.slice(i), 'utf8'), Buffer.from(b.slice(i), 'utf8'));
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** A migration file's raw bytes; a directory in its place is E_MIGRATE_DIR (one read, no separate stat). */
function readFileBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new MeridianError('E_MIGRATE_DIR', `read file ${path}: is a directory`);
    throw e;
  }
}

/** Version and description of a file name (`20220318104614_initial.sql` → `20220318104614`, `initial`). */
export function parseFileName(name: string): { version: string; description: string } {
  const stem = name.endsWith('.sql') ? name.slice(0, -4) : name;
  const i = stem.indexOf('_');
  return i < 0 ? { version: stem, description: '' } : { version: stem.slice(0, i), description: stem.slice(i + 1) };
}

/** The header directives of a file: leading `--`/`#` lines followed by a blank line or EOF. */
export function headerDirectives(content: string): Directive[] {
  const lines = content.split('\n');
  const header: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l.startsWith('--') || l.startsWith('#')) header.push(l);
    else break;
  }
  if (header.length === 0) return [];
  const next = lines[i];
  if (next !== undefined && next.replace(/[ \t\r]/g, '') !== '') return [];
  const out: Directive[] = [];
  for (const l of header) {
    const m = DIRECTIVE.exec(l);
    if (m) out.push({ name: m[2]!, args: (m[3] ?? '').trim() });
  }
  return out;
}

/**
 * Reads a migration directory (non-recursive `*.sql`, byte-wise order).
 *
 * @example
 * const files = readMigrationFiles('database/migrations');
 * files.map((f) => f.version)
 */
export function readMigrationFiles(dir: string): MigrationFile[] {
  return fileNames(dir).map((name) => readMigrationFile(dir, name));
}

/** The `*.sql` names of a directory in Atlas's order (none when it does not exist). */
function fileNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.sql')).sort(compareBytes);
}

function readMigrationFile(dir: string, name: string): MigrationFile {
  const path = join(dir, name);
  const content = readFileBytes(path);
  const { version, description } = parseFileName(name);
  const text = decodeText(content, path);
  const directives = headerDirectives(text);
  return { name, path, content, text, version, description, directives, checkpoint: directives.some((d) => d.name === 'checkpoint') };
}

/**
 * The files a replay runs, `filesFromLastCheckpoint(readMigrationFiles(dir))`, reading the directory
 * backwards and stopping at the last checkpoint: the files it summarises are never read.
 *
 * @example
 * readReplayFiles('database/migrations').map((f) => f.name) // ['20260101000000_checkpoint.sql', '20260102000000_x.sql']
 */
export function readReplayFiles(dir: string): MigrationFile[] {
  const names = fileNames(dir);
  const out: MigrationFile[] = [];
  for (let i = names.length - 1; i >= 0; i--) {
    const f = readMigrationFile(dir, names[i]!);
    out.push(f);
    if (f.checkpoint) break;
  }
  return out.reverse();
}

/**
 * The files a fresh database runs (Atlas's `FilesFromLastCheckpoint`): from the last checkpoint file,
 * inclusive, to the end; every file when there is no checkpoint. The files before the checkpoint are
 * what it summarises, and no later checkpoint can follow it.
 *
 * @example
 * filesFromLastCheckpoint(readMigrationFiles(dir)).map((f) => f.name) // ['20260101000000_checkpoint.sql', '20260102000000_x.sql']
 */
export function filesFromLastCheckpoint<F extends Pick<MigrationFile, 'checkpoint'>>(files: readonly F[]): F[] {
  for (let i = files.length - 1; i >= 0; i--) if (files[i]!.checkpoint) return files.slice(i);
  return [...files];
}

/**
 * A checkpoint file's bytes as Atlas's `WriteCheckpoint` writes them: `-- atlas:checkpoint[ tag]` and a
 * newline put in front of the content, plus an empty line when the content has no header directives of
 * its own (Atlas's `LocalFile.AddDirective`).
 *
 * @example
 * checkpointContent('-- Create "t" table\nCREATE TABLE "t" ("c" integer);\n', 'v1')
 * // '-- atlas:checkpoint v1\n\n-- Create "t" table\nCREATE TABLE "t" ("c" integer);\n'
 */
export function checkpointContent(content: string, tag?: string): string {
  const line = `-- atlas:checkpoint${tag ? ` ${tag}` : ''}\n`;
  return line + (headerComments(content).length === 0 ? '\n' : '') + content;
}

/** Atlas's `LocalFile.comments`: the leading `#`/`--` lines, only when a blank line (or nothing) follows them. */
function headerComments(content: string): string[] {
  const out: string[] = [];
  let rest = content;
  while (rest.startsWith('#') || rest.startsWith('--')) {
    const nl = rest.indexOf('\n');
    if (nl < 0) {
      out.push(rest);
      rest = '';
      break;
    }
    out.push(rest.slice(0, nl).trim());
    rest = rest.slice(nl + 1);
  }
  if (!rest.replace(/^[ \t]+/, '').startsWith('\n') && rest !== '') return [];
  return out;
}

/** Recomputes the hash file of a directory. */
export function hashDirectory(dir: string): HashFile {
  return computeHashFile(readMigrationFiles(dir));
}

/** Rewrites `atlas.sum` from the directory's current files. */
export function writeSum(dir: string): HashFile {
  const hf = hashDirectory(dir);
  writeFileSync(join(dir, 'atlas.sum'), formatHashFile(hf), { mode: 0o644 });
  return hf;
}

/**
 * Checks `atlas.sum` against the directory (Atlas's `migrate validate` integrity step). Throws
 * E_CHECKSUM naming the first added/edited/removed file.
 */
export function validateSum(dir: string): void {
  // Hashes are over raw bytes: the files are read, not decoded or parsed.
  const files = fileNames(dir).map((name) => ({ name, content: readFileBytes(join(dir, name)) }));
  const sumPath = join(dir, 'atlas.sum');
  if (!existsSync(sumPath)) {
    if (files.length === 0) return;
    throw new MeridianError('E_CHECKSUM', `checksum file not found: ${sumPath}; run \`meridian migrate hash\` to create it`);
  }
  const recorded = parseHashFile(readTextFile(sumPath), sumPath);
  const actual = computeHashFile(files);
  const mm = compareHashFiles(recorded, actual);
  if (mm) {
    throw new MeridianError(
      'E_CHECKSUM',
      `checksum mismatch (atlas.sum): L${mm.line}: ${mm.name} was ${mm.reason}. The migration directory changed since atlas.sum was written; ` +
        'if the change was deliberate, run `meridian migrate hash` to re-hash the directory',
      { checksum: { line: mm.line, file: mm.name, reason: mm.reason } },
    );
  }
}

/** `YYYYMMDDHHMMSS` in UTC (Go layout 20060102150405). */
export function formatVersion(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * A new version for `now` that sorts after every existing version (two files in the same second get
 * distinct, ordered versions).
 */
export function nextVersion(dir: string, now: Date): string {
  const existing = readMigrationFiles(dir).map((f) => f.version);
  let t = now.getTime();
  let v = formatVersion(new Date(t));
  while (existing.some((e) => compareBytes(e, v) >= 0) && /^\d{14}$/.test(v)) {
    t += 1000;
    v = formatVersion(new Date(t));
  }
  return v;
}

/**
 * Writes a new migration file and rewrites atlas.sum. Validates the directory first so a tampered
 * directory is never re-hashed silently.
 *
 * @example
 * const f = writeMigrationFile('database/migrations', { name: 'add_users', content: '…', now: new Date() });
 * // a checkpoint (Atlas's layout): { name: 'checkpoint', content, now, checkpointTag: '' }
 */
export function writeMigrationFile(dir: string, opts: { name?: string; content: string; now: Date; checkpointTag?: string }): { path: string; version: string } {
  mkdirSync(dir, { recursive: true });
  validateSum(dir);
  if (opts.checkpointTag !== undefined && !/^[ -~]*$/.test(opts.checkpointTag)) throw new MeridianError('E_USAGE', `checkpoint tag "${opts.checkpointTag}" must be printable ASCII on one line`);
  const version = nextVersion(dir, opts.now);
  const fileName = opts.name ? `${version}_${opts.name}.sql` : `${version}.sql`;
  const path = join(dir, fileName);
  if (existsSync(path)) throw new MeridianError('E_MIGRATE_DIR', `${path} exists already`);
  writeFileSync(path, opts.checkpointTag !== undefined ? checkpointContent(opts.content, opts.checkpointTag) : opts.content, { mode: 0o644 });
  writeSum(dir);
  return { path, version };
}
