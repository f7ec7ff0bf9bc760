/**
 * Statement splitting with Atlas's semantics (spec section D), on top of libpg-query's scanner: the
 * scanner finds quotes, dollar quotes and comments; this module applies Atlas's rules for where a
 * statement ends (`;` at parenthesis depth 0, `BEGIN … END` and `BEGIN ATOMIC … END` blocks kept
 * whole, leading comments detached, `-- atlas:delimiter` custom delimiters).
 *
 * In:  a file's text. Out: statements with their exact text (as Atlas hashes them) and positions.
 * Never: hand-tokenises SQL.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadLibpgQuery, ScanError, scanSync } from './libpg.js';
import { MeridianError } from '../errors.js';
import { assertText, hasUtf8Bom } from '../input/text.js';

export interface SplitStatement {
  /** Trimmed text; with the default delimiter it ends with `;`. */
  readonly text: string;
  /** UTF-8 byte offset of the statement's first character in the file. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** Comment lines directly before the statement (used by `atlas:nolint`). */
  readonly comments: readonly string[];
}

interface Tok {
  start: number;
  end: number;
  text: string;
  kind: 'comment' | 'other';
  upper: string;
}

/**
 * Names this splitter's code, for remembering its results (src/migrate/split-cache.ts): the content-hashed
 * file name of the bundle chunk that holds this module (`chunk-<hash>.mjs`: esbuild's hash covers the
 * chunk's code and the chunks it imports), plus libpg-query's version and wasm file (size, mtime), which the
 * bundle does not include. Undefined where this module is not such a chunk (tsx, the tsc build, the
 * bundle's entry): then nothing is remembered.
 *
 * @example
 * splitterId() // 'chunk-JAWW5FDR.mjs libpg-query@17.6.0 1717872:1764990000000' in the bundled CLI
 */
export function splitterId(): string | undefined {
  const chunk = /\/(chunk-[A-Z0-9]{8,}\.mjs)$/.exec(import.meta.url)?.[1];
  if (!chunk) return undefined;
  try {
    const req = createRequire(import.meta.url);
    const main = req.resolve('libpg-query');
    // The package's folder: the nearest package.json above its entry that names it.
    for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
      const pkgFile = join(dir, 'package.json');
      if (!existsSync(pkgFile)) continue;
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { name?: string; version?: string };
      if (pkg.name !== 'libpg-query') continue;
      const wasm = statSync(join(dir, 'wasm', 'libpg-query.wasm'));
      return `${chunk} libpg-query@${pkg.version} ${wasm.size}:${wasm.mtimeMs}`;
    }
  } catch {
    // not found: nothing remembered
  }
  return undefined;
}

let loaded: Promise<void> | undefined;
/** Loads the scanner's wasm once. */
export function initSplitter(): Promise<void> {
  loaded ??= loadLibpgQuery();
  return loaded;
}

function scan(buf: Buffer, file: string, base = 0, full: Buffer = buf): Tok[] {
  // libpg-query's scanner fails on an empty string ('Invalid input' as its result): an empty file has no tokens.
  if (buf.length === 0) return [];
  try {
    return scanSync(buf.toString('utf8')).tokens.map((t) => ({
      start: t.start,
      end: t.end,
      text: t.text,
      kind: t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT' ? 'comment' : 'other',
      upper: t.text.toUpperCase(),
    }));
  } catch (e) {
    // PostgreSQL's own message, where the unterminated quote, identifier, dollar quote or comment opens.
    const at = base + (e instanceof ScanError ? e.cursor : 0);
    throw new MeridianError('E_PARSE', (e as Error).message, { location: { file, ...positionAt(full, at), offset: at } });
  }
}

/**
 * 1-based line and column (in characters) of a UTF-8 byte offset — the parser's and scanner's locations
 * are byte offsets.
 *
 * @example
 * positionAt(Buffer.from('a\nbé c'), 5) // → { line: 2, column: 4 }
 */
export function positionAt(buf: Buffer, offset: number): { line: number; column: number } {
  // Callers ask for increasing offsets of one buffer (each statement of a file in turn): decoding only what lies
  // between the last position asked and this one keeps a file of n statements linear, not O(n × size) (hunt 14a:
  // GitLab's 2.7 MB structure.sql spent 125 s here).
  const was = positions.get(buf);
  const from = was && was.offset <= offset ? was : { offset: 0, line: 1, column: 1 };
  const seg = buf.subarray(from.offset, offset).toString('utf8');
  const nl = seg.lastIndexOf('\n');
  let lines = 0;
  for (let i = seg.indexOf('\n'); i >= 0; i = seg.indexOf('\n', i + 1)) lines++;
  const at = { offset, line: from.line + lines, column: nl < 0 ? from.column + seg.length : seg.length - nl };
  positions.set(buf, at);
  return { line: at.line, column: at.column };
}

/** The last position asked of each buffer (positionAt). */
const positions = new WeakMap<Buffer, { readonly offset: number; readonly line: number; readonly column: number }>();

function unescapeDelimiter(d: string): string {
  return d.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t');
}

/**
 * Splits a migration file into statements exactly as Atlas's PostgreSQL scanner does.
 * Call `await initSplitter()` once before.
 *
 * @example
 * await initSplitter();
 * splitStatements('CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);').map((s) => s.text)
 * // ['CREATE TABLE a (id int);', 'INSERT INTO a VALUES (1);']
 */
export function splitStatements(content: string | Buffer, file = '<input>'): SplitStatement[] {
  let buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // The scanner is C code that stops at a NUL byte: text that is not UTF-8 never reaches it.
  assertText(buf, file);
  // A UTF-8 byte-order mark is not SQL: scanned as blanks so byte offsets stay those of the file.
  if (hasUtf8Bom(buf)) buf = Buffer.concat([Buffer.from('   '), buf.subarray(3)]);
  let base = 0;
  let delimiter = ';';
  const firstLineEnd = buf.indexOf(0x0a);
  const firstLine = buf.subarray(0, firstLineEnd < 0 ? buf.length : firstLineEnd).toString('utf8');
  const dm = /^-- atlas:delimiter +([^\n]+)/.exec(firstLine);
  if (dm) {
    delimiter = unescapeDelimiter(dm[1]!.replace(/\r$/, ''));
    base = firstLineEnd < 0 ? buf.length : firstLineEnd + 1;
    if (buf.subarray(base).toString('utf8').trim() === '') throw new MeridianError('E_PARSE', `${file}: no input found after delimiter`);
  }
  const body = buf.subarray(base);
  const toks = scan(body, file, base, buf);
  return delimiter === ';' ? splitDefault(body, toks, base, buf, file) : splitCustom(body, toks, delimiter, base, buf);
}

function makeStmt(full: Buffer, base: number, body: Buffer, start: number, end: number, comments: string[]): SplitStatement | undefined {
  const raw = body.subarray(start, end).toString('utf8');
  const text = raw.trim();
  if (!text) return undefined;
  const lead = raw.length - raw.trimStart().length;
  const offset = base + start + Buffer.byteLength(raw.slice(0, lead), 'utf8');
  const { line, column } = positionAt(full, offset);
  return { text, offset, line, column, comments };
}

/** Leading comments of a statement: a blank line after a comment group detaches (drops) the group. */
function leadingComments(body: Buffer, toks: Tok[], from: number, firstCode: number): string[] {
  let group: string[] = [];
  for (let i = from; i < firstCode; i++) {
    group.push(toks[i]!.text);
    const gap = body.subarray(toks[i]!.end, toks[i + 1]!.start).toString('utf8');
    if ((gap.match(/\n/g) ?? []).length >= 2) group = [];
  }
  return group;
}

function splitDefault(body: Buffer, toks: Tok[], base: number, full: Buffer, file: string): SplitStatement[] {
  const out: SplitStatement[] = [];
  let i = 0;
  while (i < toks.length) {
    const groupStart = i;
    while (i < toks.length && toks[i]!.kind === 'comment') i++;
    if (i >= toks.length) break;
    const first = i;
    const comments = leadingComments(body, toks, groupStart, first);
    let depth = 0;
    let end = -1;
    for (; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.kind === 'comment') continue;
      if (t.text === '(') depth++;
      else if (t.text === ')') {
        depth--;
        if (depth < 0) throw new MeridianError('E_PARSE', `${file}:${positionAt(full, base + t.start).line}: unexpected ')'`);
      } else if (t.upper === 'BEGIN' && depth === 0) {
        const blockEnd = findBlockEnd(body, toks, i);
        if (blockEnd >= 0) {
          i = blockEnd;
          end = toks[i]!.end;
          i++;
          break;
        }
      } else if (t.text === ';' && depth === 0) {
        end = t.end;
        i++;
        break;
      }
    }
    if (end < 0) {
      if (depth > 0) throw new MeridianError('E_PARSE', `${file}: unclosed '('`);
      end = body.length;
    }
    const s = makeStmt(full, base, body, toks[first]!.start, end, comments);
    if (s) out.push(s);
  }
  return out;
}

/**
 * `BEGIN ATOMIC … END` / `BEGIN … END` blocks (PostgreSQL scanner rules): returns the index of the `;`
 * token closing the block, or -1 when the BEGIN is ordinary text (e.g. `BEGIN;`).
 */
function findBlockEnd(body: Buffer, toks: Tok[], at: number): number {
  const begin = toks[at]!;
  const after = body[begin.end];
  const isSpace = after === 0x20 || after === 0x0a || after === 0x09 || after === 0x0d;
  if (!isSpace) return -1;
  if (at > 0) {
    const before = body[begin.start - 1];
    if (!(before === 0x20 || before === 0x0a || before === 0x09 || before === 0x0d)) return -1;
  }
  const atomic = toks[at + 1]?.upper === 'ATOMIC';
  // Walk nested statements (split at `;`) until one that is END (BEGIN ATOMIC: starts with END).
  let stmtStart = at + 1;
  for (let j = at + 1; j < toks.length; j++) {
    if (toks[j]!.text !== ';') continue;
    const words = toks.slice(stmtStart, j).filter((t) => t.kind !== 'comment');
    if (words.length > 0 && words[0]!.upper === 'END' && (atomic || words.length === 1)) return j;
    stmtStart = j + 1;
  }
  return -1;
}

function splitCustom(body: Buffer, toks: Tok[], delimiter: string, base: number, full: Buffer): SplitStatement[] {
  // Delimiter occurrences count only outside string constants and comments (scanner token ranges).
  const protectedRanges = toks.filter((t) => t.kind === 'comment' || t.text.startsWith("'") || t.text.startsWith('$') || /^[eE]'/.test(t.text) || t.text.startsWith('"'));
  const d = Buffer.from(delimiter, 'utf8');
  const out: SplitStatement[] = [];
  let start = 0;
  let from = 0;
  for (;;) {
    const at = body.indexOf(d, from);
    if (at < 0) break;
    if (protectedRanges.some((r) => at >= r.start && at < r.end)) {
      from = at + 1;
      continue;
    }
    const s = makeStmt(full, base, body, start, at, []);
    if (s) out.push(s);
    start = at + d.length;
    from = start;
  }
  const s = makeStmt(full, base, body, start, body.length, []);
  if (s) out.push(s);
  return out;
}
