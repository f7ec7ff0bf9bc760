/**
 * `meridian db shell`: `psql` when the database is a server and psql is installed; otherwise a small
 * built-in SQL shell (works on the embedded PGlite too). Statements end at a `;` token found by
 * libpg-query's scanner (never by string matching), so semicolons inside quotes or dollar quotes are safe.
 */
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loadLibpg, scanSync } from '../parse/libpg.js';
import { openDatabase, parseDatabaseUrl } from '../db/index.js';
import type { Database } from '../db/database.js';
import { inspect } from '../inspect/index.js';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';
import { answerFromModel, isMetaCommand, runMeta, type ShellSettings } from './shell-meta.js';

function hasPsql(): boolean {
  const r = spawnSync('psql', ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/** True when `text` ends with a complete statement (last scanner token is `;`). */
export function isCompleteStatement(text: string): boolean {
  try {
    const tokens = scanSync(text).tokens;
    const last = tokens.filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT').at(-1);
    return last?.text === ';';
  } catch {
    return false; // unterminated quote or dollar quote: keep reading
  }
}

/** Renders rows as an aligned text table, psql style. */
export function formatRows(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(0 rows)\n';
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => ' ' + vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ');
  return [line(cols), '-' + widths.map((w) => '-'.repeat(w)).join('-+-') + '-', ...rows.map((r) => line(cols.map((c) => cell(r[c])))), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n') + '\n';
}

/** Renders a result in the current display mode (`\x` expanded: one `-[ RECORD n ]` block per row). */
function formatResult(rows: Record<string, unknown>[], settings: ShellSettings): string {
  if (!settings.expanded || rows.length === 0) return formatRows(rows);
  const cols = Object.keys(rows[0]!);
  const w = Math.max(...cols.map((c) => c.length));
  const cell = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return rows.map((r, i) => `-[ RECORD ${i + 1} ]${'-'.repeat(Math.max(0, w - 8))}\n${cols.map((c) => `${c.padEnd(w)} | ${cell(r[c])}`).join('\n')}`).join('\n') + '\n';
}

async function repl(db: Database): Promise<void> {
  await loadLibpg();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const prompt = () => rl.setPrompt(buffer ? 'meridian-> ' : 'meridian=> ');
  let buffer = '';
  const settings: ShellSettings = { expanded: false, timing: false };
  process.stdout.write(`Connected to ${db.displayUrl} (built-in shell; \\? for meta-commands, \\q to quit)\n`);
  const tty = !!process.stdin.isTTY;
  prompt();
  if (tty) rl.prompt();
  for await (const line of rl) {
    if (isMetaCommand(line)) {
      // A line of its own, answered here: never sent to the server, never glued to the statement in progress.
      const m = runMeta(line, settings);
      if (m.kind === 'quit') break;
      const t0 = performance.now();
      if (m.kind === 'output') process.stdout.write(m.text);
      else {
        try {
          process.stdout.write(answerFromModel((await inspect(db)).model, m.command, m.pattern, settings));
        } catch (e) {
          process.stdout.write(`ERROR: ${(e as Error).message}\n`);
        }
        if (settings.timing) process.stdout.write(`Time: ${(performance.now() - t0).toFixed(3)} ms\n`);
      }
      prompt();
      if (tty) rl.prompt();
      continue;
    }
    buffer += (buffer ? '\n' : '') + line;
    if (isCompleteStatement(buffer)) {
      const sql = buffer;
      buffer = '';
      const t0 = performance.now();
      try {
        const r = await db.query<Record<string, unknown>>(sql);
        process.stdout.write(r.rows.length || /^\s*(select|with|values|show|table)\b/i.test(sql) ? formatResult(r.rows, settings) : `OK (${r.rowCount})\n`);
      } catch (e) {
        process.stdout.write(`ERROR: ${(e as Error).message}\n`);
      }
      if (settings.timing) process.stdout.write(`Time: ${(performance.now() - t0).toFixed(3)} ms\n`);
    }
    prompt();
    if (tty) rl.prompt();
  }
  if (buffer.trim()) process.stdout.write('ERROR: incomplete statement at end of input (missing ";")\n');
  rl.close();
}

export async function dbShellAction(opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  const parsed = parseDatabaseUrl(cfg.url);
  if (parsed.kind === 'postgres' && hasPsql()) {
    const u = new URL(parsed.url);
    u.searchParams.delete('search_path');
    const env = { ...process.env, ...(parsed.searchPath ? { PGOPTIONS: `-c search_path=${parsed.searchPath}` } : {}) };
    const r = spawnSync('psql', [u.toString()], { stdio: 'inherit', env });
    process.exitCode = r.status ?? 1;
    return;
  }
  const db = await openDatabase(cfg.url);
  try {
    await repl(db);
  } finally {
    await db.close();
  }
}
