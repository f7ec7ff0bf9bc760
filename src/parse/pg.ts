/**
 * The module of `src/parse` that talks to PostgreSQL's parser (libpg-query, PostgreSQL 18's grammar as
 * wasm) and its deparser (pgsql-deparser), both loaded on first use by ./libpg.ts. Everything else in
 * `src/parse` works on the plain JSON trees these return, so the parser can be swapped here alone.
 *
 * In:  a file's text. Out: its statements as parse trees, each with its exact text and location.
 * Never: tokenises SQL by hand. Locations are the parser's UTF-8 byte offsets, mapped to line/column.
 */
import { loadLibpg, parseSync, deparseSync } from './libpg.js';
import type { SourceLocation } from '../errors.js';

/** A parse-tree node: `{ NodeType: { …fields } }` (libpg-query's JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;

export interface ParsedStatement {
  /** Node type, e.g. `CreateStmt`. */
  readonly type: string;
  /** The node's fields. */
  readonly node: Node;
  /** The statement's text (no trailing `;`). */
  readonly text: string;
  readonly loc: SourceLocation;
  /** UTF-8 byte offset of the statement start in the file (for mapping node locations). */
  readonly offset: number;
}

export interface SyntaxProblem {
  readonly location: SourceLocation;
  readonly message: string;
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

/**
 * Parses a whole file in one call and returns its statements with their text and location.
 * Throws the located syntax error(s) when the file does not parse (see `syntaxProblems`).
 *
 * @example
 * await initParser();
 * parseStatements('CREATE TABLE t (id int);', 'schema.sql')[0].type // 'CreateStmt'
 */
export function parseStatements(text: string, file: string, lines = new LineIndex(Buffer.from(text, 'utf8'))): ParsedStatement[] {
  if (text.trim() === '') return [];
  const buf = Buffer.from(text, 'utf8');
  const tree = parseSync(text) as { stmts?: { stmt: Node; stmt_location?: number; stmt_len?: number }[] };
  const out: ParsedStatement[] = [];
  for (const s of tree.stmts ?? []) {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : buf.length;
    const raw = buf.subarray(start, end).toString('utf8');
    const lead = raw.length - raw.trimStart().length;
    const offset = start + Buffer.byteLength(raw.slice(0, lead), 'utf8');
    const type = Object.keys(s.stmt)[0]!;
    const pos = lines.at(offset);
    out.push({ type, node: s.stmt[type], text: raw.trim(), loc: { file, line: pos.line, column: pos.column, offset }, offset });
  }
  return out;
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
    return { location: { file, line: pos.line, column: pos.column, offset: off }, message: err.message };
  }
}

/** Parses one expression (`SELECT <expr>`), or undefined when it does not parse. */
export function parseExpression(text: string): Node | undefined {
  try {
    const t = parseSync(`SELECT ${text}`) as { stmts: { stmt: Node }[] };
    return t.stmts[0]!.stmt.SelectStmt.targetList[0].ResTarget.val;
  } catch {
    return undefined;
  }
}

/** Parses one statement; undefined when it does not parse. */
export function parseOne(text: string): { type: string; node: Node } | undefined {
  try {
    const t = parseSync(text) as { stmts: { stmt: Node }[] };
    const stmt = t.stmts[0]?.stmt;
    if (!stmt) return undefined;
    const type = Object.keys(stmt)[0]!;
    return { type, node: stmt[type] };
  } catch {
    return undefined;
  }
}

/** SQL text of a statement node (`{ CreateStmt: … }`), single line. */
export function deparseStatement(type: string, node: Node): string {
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
export function deparseExpression(node: Node): string {
  const key = JSON.stringify(node, withoutLocations);
  let text = deparsed.get(key);
  if (text === undefined) {
    text = deparseExpressionUncached(node);
    if (deparsed.size >= DEPARSED_LIMIT) deparsed.clear();
    deparsed.set(key, text);
  }
  return text;
}

function deparseExpressionUncached(node: Node): string {
  const sql = deparseSync({ SelectStmt: { targetList: [{ ResTarget: { val: node } }], limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } } as never, { pretty: false } as never) as string;
  return sql.replace(/^SELECT\s+/i, '');
}
