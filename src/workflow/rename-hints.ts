/**
 * Reads `-- meridian:renamed-from <old>` hints from schema sources, attached to what they annotate with
 * the parser's locations: a comment on a column definition's line (CREATE TABLE or ALTER TABLE … ADD
 * COLUMN) renames that column; a comment on a CREATE TABLE's first line, or on the line just above it,
 * renames the table.
 *
 * In:  SQL sources. Out: hints, and `W_RENAME_HINT` warnings (located `Problem`s: file, line and the comment's
 * column) for hints that annotate nothing renamable.
 * Never: tokenises SQL itself (libpg-query's parser and scanner give statements, locations, comments).
 */
import type { Payload, Tree } from '../parse/ast.js';
import { loadLibpg, parseSync, scanSync } from '../parse/libpg.js';
import type { RenameHint } from '../diff/renames.js';
import type { Problem } from '../problem.js';

export type { RenameHint };
import { LineIndex } from '../parse/pg.js';
import type { SqlSource } from './state.js';

const HINT = /meridian:renamed-from\s+("(?:[^"]|"")+"|[^\s*]+)/;

const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s);

/**
 * @example
 * await renameHints([{ file: 'schema.sql', text: 'CREATE TABLE app.users (\n  full_name text -- meridian:renamed-from name\n);' }])
 * // → { hints: [{ object: 'column', schema: 'app', table: 'users', column: 'full_name', from: 'name', … }], warnings: [] }
 */
export async function renameHints(sources: readonly SqlSource[]): Promise<{ hints: RenameHint[]; warnings: Problem[] }> {
  await loadLibpg();
  const hints: RenameHint[] = [];
  const warnings: Problem[] = [];
  for (const src of sources) {
    if (!src.text.includes('meridian:renamed-from')) continue;
    const buf = Buffer.from(src.text, 'utf8');
    const lines = new LineIndex(buf);
    const lineAt = (off: number) => lines.at(off).line;
    let stmts: Array<{ stmt: Tree; stmt_location?: number; stmt_len?: number }>;
    let tokens: Array<{ start: number; text: string; tokenName: string }>;
    try {
      stmts = (parseSync(src.text).stmts ?? []) as typeof stmts;
      tokens = scanSync(src.text).tokens;
    } catch {
      continue; // syntax errors are reported by validation, with their locations
    }
    const isComment = (t: { tokenName: string }) => t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT';
    const comments = tokens.filter(isComment);
    // Statement spans, and the line of each statement's first token (leading comments are not its text).
    let k = 0; // statements and tokens are both in file order: one pass
    const spans = stmts.map((s) => {
      const start = s.stmt_location ?? 0;
      const end = s.stmt_len ? start + s.stmt_len : buf.length;
      while (k < tokens.length && (tokens[k]!.start < start || isComment(tokens[k]!))) k++;
      return { s, start, end, firstLine: lineAt(tokens[k]?.start ?? start) };
    });
    for (const c of comments) {
      const m = HINT.exec(c.text);
      if (!m) continue;
      const from = unquote(m[1]!);
      const at = lines.at(c.start);
      const line = at.line;
      const misplaced = (message: string): Problem => ({
        code: 'W_RENAME_HINT', severity: 'warning', location: { file: src.file, line, column: at.column, offset: c.start }, message,
        fix: `put "-- meridian:renamed-from <old name>" on the renamed column's line, or on the CREATE TABLE line or the line above it`,
      });
      // The statement the comment is in, else the one right after it (a hint on the line above).
      // (A comment after a statement's `;` on its last line belongs to that statement.)
      const span =
        spans.find((x) => c.start >= x.start && c.start < x.end && x.firstLine <= line) ??
        spans.find((x) => c.start >= x.end && lineAt(x.end) === line) ??
        spans.find((x) => x.firstLine === line + 1 || (c.start >= x.start && c.start < x.end));
      const st = span?.s.stmt;
      const create = st?.CreateStmt;
      const alter = st?.AlterTableStmt;
      const rel = create?.relation ?? alter?.relation;
      if (!span || !rel) {
        warnings.push(misplaced('meridian:renamed-from is not on a table or column definition; ignored'));
        continue;
      }
      const schema = rel.schemaname ?? 'public';
      const columns: Payload<'ColumnDef'>[] = [
        ...(create?.tableElts ?? []).flatMap((e) => (e.ColumnDef ? [e.ColumnDef] : [])),
        ...(alter?.cmds ?? []).flatMap((c2) => (c2.AlterTableCmd?.subtype === 'AT_AddColumn' && c2.AlterTableCmd.def?.ColumnDef ? [c2.AlterTableCmd.def.ColumnDef] : [])),
      ];
      const col = columns.find((cd) => cd.location !== undefined && lineAt(cd.location) === line);
      if (col) hints.push({ object: 'column', schema, table: rel.relname!, column: col.colname!, from, file: src.file, line });
      else if (create && (line === span.firstLine || line === span.firstLine - 1)) hints.push({ object: 'table', schema, table: rel.relname!, from, file: src.file, line });
      else warnings.push(misplaced("meridian:renamed-from must be on the CREATE TABLE line (or the line above) or on a column's line; ignored"));
    }
  }
  return { hints, warnings };
}
