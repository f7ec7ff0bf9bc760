/**
 * The module of `src/parse` that talks to PostgreSQL's parser (libpg-query, PostgreSQL 18's grammar as
 * wasm) and its deparser (pgsql-deparser), both loaded on first use by ./libpg.ts. Everything else in
 * `src/parse` works on the plain JSON trees these return, so the parser can be swapped here alone.
 *
 * In:  a file's text. Out: its statements as parse trees, each with its exact text and location.
 * Never: tokenises SQL by hand. Locations are the parser's UTF-8 byte offsets, mapped to line/column.
 */
import { loadLibpg, parseSync, deparseSync } from './libpg.js';
import { keywordFix } from './keyword-fix.js';
import type { SourceLocation } from '../errors.js';
import type { NodeTag, Payload, Tree } from './ast.js';

/** A statement's node type (e.g. `CreateStmt`) and its payload (the node's fields), one member per type. */
export type TaggedStatement = { [K in NodeTag]: { readonly type: K; readonly node: Payload<K> } }[NodeTag];

export type ParsedStatement = TaggedStatement & {
  /** The statement's text (no trailing `;`). */
  readonly text: string;
  readonly loc: SourceLocation;
  /** UTF-8 byte offset of the statement start in the file. */
  readonly offset: number;
  /** UTF-8 byte offset in the file of the text the parser read; a node's `location` + `base` is its file offset. */
  readonly base: number;
};

export interface SyntaxProblem {
  readonly location: SourceLocation;
  readonly message: string;
  /** What to do (a keyword used as a name: quote it), when known. */
  readonly fix?: string;
}

let loaded: Promise<void> | undefined;
/** Loads the parser's wasm once; call (and await) before any other function of this module. */
export function initParser(): Promise<void> {
  loaded ??= loadLibpg();
  return loaded;
}

/** Maps byte offsets of one file to line/column in O(log n) (a line-start index built once). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly buf: Buffer) {
    for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column (in characters) of a byte offset. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = this.buf.subarray(this.starts[lo]!, offset).toString('utf8').length + 1;
    return { line: lo + 1, column };
  }
  /** The text of a 1-based line. */
  lineText(line: number): string {
    const s = this.starts[line - 1] ?? 0;
    const e = this.starts[line] !== undefined ? this.starts[line]! - 1 : this.buf.length;
    return this.buf.subarray(s, e).toString('utf8').replace(/\r$/, '');
  }
}

/** Size of the pieces a large file is parsed in (see `parseStatements`). */
const PIECE_BYTES = 128 * 1024;

type RawStmt = { stmt: Tree; stmt_location?: number; stmt_len?: number };

/** The type and payload of a statement node (`{ CreateStmt: … }` → `{ type: 'CreateStmt', node: … }`). */
export function tagged(stmt: Tree): TaggedStatement {
  const type = Object.keys(stmt)[0] as NodeTag;
  return { type, node: stmt[type] } as TaggedStatement;
}

/** Thrown by `statementPieces` when the parser rejects the file; `cause` is the parser's error. */
export class FileDoesNotParse extends Error {}

/**
 * Parses a file and yields its statements, with their text and location, piece by piece: a caller that
 * folds each piece before asking for the next never holds the whole file's parse tree. Throws
 * `FileDoesNotParse` when the iteration reaches a part that does not parse (locate the errors with
 * `syntaxProblem`).
 *
 * A large file is parsed in pieces of ~128 KB, each cut after a `;` that ends a line (LF or CRLF). A cut is kept only
 * when the parser itself ended the piece's last statement at that `;` (its `stmt_location + stmt_len`):
 * the scanner reads the same bytes in the same state as in the whole file, so that `;` is a top-level
 * terminator there too. A cut inside a string, comment, dollar-quoted body or `BEGIN ATOMIC` fails that
 * check (or fails to parse), and the rest of the file is then parsed in one call. Small pieces keep the
 * parser's wasm memory and each JSON tree small: one 4 MB tree cost ~1 s more than 32 small ones on this
 * machine, mostly in first-touch page faults of the memory the wasm grew into, then in garbage collection.
 *
 * @example
 * await initParser();
 * [...statementPieces('CREATE TABLE t (id int);', 'schema.sql')][0][0].type // 'CreateStmt'
 */
export function* statementPieces(text: string, file: string, lines = new LineIndex(Buffer.from(text, 'utf8'))): Generator<ParsedStatement[]> {
  if (text.trim() === '') return;
  const buf = Buffer.from(text, 'utf8');
  let base = 0;
  while (base < buf.length) {
    let end = buf.length;
    let stmts: RawStmt[] | undefined;
    if (buf.length - base > 2 * PIECE_BYTES) {
      const semi = lineEndingSemicolon(buf, base + PIECE_BYTES);
      if (semi >= 0) {
        stmts = parsedUpTo(buf.toString('utf8', base, semi + 1), semi - base);
        if (stmts) end = semi + 1;
      }
    }
    if (!stmts) {
      try {
        stmts = ((base === 0 ? parseSync(text) : parseSync(buf.toString('utf8', base))) as { stmts?: RawStmt[] }).stmts ?? [];
      } catch (e) {
        throw new FileDoesNotParse((e as Error).message, { cause: e });
      }
    }
    const out: ParsedStatement[] = [];
    for (const s of stmts) {
      const start = base + (s.stmt_location ?? 0);
      const stop = s.stmt_len ? start + s.stmt_len : end;
      const raw = buf.toString('utf8', start, stop);
      const lead = raw.length - raw.trimStart().length;
      const offset = start + (lead ? Buffer.byteLength(raw.slice(0, lead), 'utf8') : 0);
      const pos = lines.at(offset);
      out.push({ ...tagged(s.stmt), text: raw.trim(), loc: { file, line: pos.line, column: pos.column, offset }, offset, base });
    }
    base = end;
    yield out;
  }
}

/** Offset of the first `;` from `from` on that ends a line (`;\n` or `;\r\n`), or -1. */
function lineEndingSemicolon(buf: Buffer, from: number): number {
  for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, nl + 1)) {
    if (buf[nl - 1] === 59) return nl - 1;
    if (buf[nl - 1] === 13 && buf[nl - 2] === 59) return nl - 2;
  }
  return -1;
}

/** The statements of `piece` when it parses and its last statement ends at byte `semi` (its own `;`). */
function parsedUpTo(piece: string, semi: number): RawStmt[] | undefined {
  let stmts: RawStmt[] | undefined;
  try {
    stmts = (parseSync(piece) as { stmts?: RawStmt[] }).stmts;
  } catch {
    return undefined;
  }
  const last = stmts?.[stmts.length - 1];
  return last && last.stmt_len && (last.stmt_location ?? 0) + last.stmt_len === semi ? stmts : undefined;
}

/** The parse error of a text, located (byte cursor → line/column of the file), or undefined if it parses. */
export function syntaxProblem(text: string, file: string, baseOffset = 0, lines?: LineIndex): SyntaxProblem | undefined {
  try {
    parseSync(text);
    return undefined;
  } catch (e) {
    const err = e as Error & { sqlDetails?: { cursorPosition?: number } };
    const cursor = err.sqlDetails?.cursorPosition ?? 0;
    const off = baseOffset + Math.max(0, cursor);
    const pos = lines ? lines.at(off) : { line: 1, column: cursor + 1 };
    const fix = keywordFix(text, err.sqlDetails?.cursorPosition);
    return { location: { file, line: pos.line, column: pos.column, offset: off }, message: err.message, ...(fix ? { fix } : {}) };
  }
}

/** Parses one expression (`SELECT <expr>`), or undefined when it does not parse. */
export function parseExpression(text: string): Tree | undefined {
  try {
    const t = parseSync(`SELECT ${text}`) as { stmts: { stmt: Tree }[] };
    return t.stmts[0]!.stmt.SelectStmt!.targetList![0]!.ResTarget!.val;
  } catch {
    return undefined;
  }
}

/** Parses one statement; undefined when it does not parse. */
export function parseOne(text: string): TaggedStatement | undefined {
  try {
    const t = parseSync(text) as { stmts: { stmt: Tree }[] };
    const stmt = t.stmts[0]?.stmt;
    if (!stmt) return undefined;
    return tagged(stmt);
  } catch {
    return undefined;
  }
}

/** SQL text of a statement node (`{ CreateStmt: … }`), single line. */
export function deparseStatement(type: string, node: object): string {
  return deparseSync({ [type]: node } as never, { pretty: false } as never) as string;
}

const withoutLocations = (k: string, v: unknown) => (k === 'location' ? undefined : v);
const deparsed = new Map<string, string>();
const DEPARSED_LIMIT = 20_000;

/**
 * SQL text of an expression node. The deparser's text depends on the tree alone (never on where it was
 * written), so equal trees are deparsed once: schemas repeat the same defaults (`now()`, `false`, `'{}'`)
 * on thousands of columns.
 */
export function deparseExpression(node: Tree): string {
  const key = JSON.stringify(node, withoutLocations);
  let text = deparsed.get(key);
  if (text === undefined) {
    text = deparseExpressionUncached(node);
    if (deparsed.size >= DEPARSED_LIMIT) deparsed.clear();
    deparsed.set(key, text);
  }
  return text;
}

function deparseExpressionUncached(node: Tree): string {
  const sql = deparseSync({ SelectStmt: { targetList: [{ ResTarget: { val: node } }], limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } } as never, { pretty: false } as never) as string;
  return sql.replace(/^SELECT\s+/i, '');
}
