/**
 * Long view bodies cut into lines for the indented format (`--format '{{ sql . "  " }}'`), so that no
 * generated line passes `width` characters. Atlas indents only a table's columns; a view's query is one
 * line in its output, which a diff review cannot read past a screen's width, so Meridian goes further
 * for views only, and only when a line is too long:
 *
 *   CREATE VIEW "titles" AS
 *     SELECT u.email, p.title
 *     FROM users u
 *     JOIN posts p ON p.user_id = u.id
 *
 * the query starts a line, and so does each of its top-level clauses (FROM, joins, WHERE, GROUP BY, HAVING,
 * WINDOW, ORDER BY, LIMIT, OFFSET, UNION …); a clause still too long puts each top-level list item on a
 * line of its own. Breaks go only where the text has plain spaces between two tokens of PostgreSQL's
 * scanner (never inside a string, a quoted name, a comment or parentheses); everything else is kept byte
 * for byte.
 *
 * In: one statement's SQL. Out: the same statement, cut. Never: does I/O; the scanner must be loaded
 * (`loadLibpgQuery`).
 */
import { scanSync } from './libpg.js';

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly keywordName: string;
}

const CLAUSES = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT']);
const JOIN_STARTS = new Set(['JOIN', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'CROSS', 'NATURAL']);
const JOIN_WORDS = new Set([...JOIN_STARTS, 'OUTER']);
const QUERY_STARTS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

const word = (t: Token | undefined) => (t && t.keywordName !== 'NO_KEYWORD' ? t.text.toUpperCase() : '');

function tokensOf(sql: string): Token[] | undefined {
  try {
    return scanSync(sql).tokens as Token[];
  } catch {
    return undefined; // text the scanner refuses is left as it is
  }
}

/** Replaces the plain-space gaps before the given byte offsets with a line break and `prefix`. */
function breakBefore(buf: Buffer, gaps: ReadonlyArray<readonly [number, number]>, prefix: string): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const [from, to] of gaps) {
    parts.push(buf.subarray(at, from), Buffer.from(`\n${prefix}`));
    at = to;
  }
  parts.push(buf.subarray(at));
  return Buffer.concat(parts);
}

/** A gap of spaces only (no line break, no comment) between two tokens. */
const plainGap = (buf: Buffer, from: number, to: number) => to > from && /^[ \t]+$/.test(buf.toString('utf8', from, to));

const tooLong = (sql: string, width: number) => sql.split('\n').some((l) => l.length > width);

/**
 * A `CREATE [MATERIALIZED] VIEW` statement with a line longer than `width`, cut into lines; any other
 * statement as it is.
 *
 * @example
 * await loadLibpgQuery();
 * wrapLongView('CREATE VIEW "v" AS SELECT a, b FROM t WHERE a > 0', '  ', 30)
 * // 'CREATE VIEW "v" AS\n  SELECT a, b\n  FROM t\n  WHERE a > 0'
 */
export function wrapLongView(sql: string, indent: string, width: number): string {
  if (!tooLong(sql, width) || !/^\s*CREATE\s+(OR\s+REPLACE\s+)?(MATERIALIZED\s+)?VIEW\b/i.test(sql)) return sql;
  const tokens = tokensOf(sql);
  if (!tokens) return sql;
  let buf: Buffer = Buffer.from(sql, 'utf8');
  // The query: the first query keyword after AS at the top level.
  let depth = 0;
  let query = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && word(t) === 'AS' && (QUERY_STARTS.has(word(tokens[i + 1])) || tokens[i + 1]?.text === '(')) {
      query = i + 1;
      break;
    }
  }
  if (query < 0) return sql;
  const gaps: Array<readonly [number, number]> = [];
  const gapBefore = (i: number) => {
    const from = tokens[i - 1]!.end;
    if (plainGap(buf, from, tokens[i]!.start)) gaps.push([from, tokens[i]!.start]);
  };
  gapBefore(query);
  depth = 0;
  for (let i = query + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    if (depth !== 0) continue;
    const w = word(t);
    const prev = word(tokens[i - 1]);
    const afterSetOp = (prev === 'UNION' || prev === 'INTERSECT' || prev === 'EXCEPT' || prev === 'ALL' || prev === 'DISTINCT') && QUERY_STARTS.has(w) && w !== 'WITH';
    const join = JOIN_STARTS.has(w) && !JOIN_WORDS.has(prev) && tokens[i + 1]?.text !== '(';
    if (CLAUSES.has(w) || join || afterSetOp) gapBefore(i);
  }
  buf = breakBefore(buf, gaps, indent);
  let out = buf.toString('utf8');
  if (!tooLong(out, width)) return out;
  // Clauses still too long: one top-level list item per line.
  const again = tokensOf(out);
  if (!again) return out;
  const lineEnds: Array<[number, number]> = [];
  let start = 0;
  for (const line of out.split('\n')) {
    const len = Buffer.byteLength(line);
    if (line.length > width) lineEnds.push([start, start + len]);
    start += len + 1;
  }
  const commaGaps: Array<readonly [number, number]> = [];
  depth = 0;
  let inQuery = false;
  for (let i = 0; i < again.length; i++) {
    const t = again[i]!;
    if (!inQuery) {
      inQuery = depth === 0 && word(t) === 'AS' && (QUERY_STARTS.has(word(again[i + 1])) || again[i + 1]?.text === '(');
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      continue;
    }
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.text === ',' && again[i + 1] && lineEnds.some(([a, b]) => t.start >= a && t.end <= b) && plainGap(buf, t.end, again[i + 1]!.start)) commaGaps.push([t.end, again[i + 1]!.start]);
  }
  out = breakBefore(buf, commaGaps, indent + indent).toString('utf8');
  return out;
}
