/**
 * One shape for every located problem Meridian reports — parser and validation errors, lint findings,
 * typed-SQL errors, statements the dev database rejects — and one renderer per output format:
 * text (`file:line:col: …`, with the source line and a caret when known), JSON, and GitHub workflow
 * annotations. Producers return `Problem`s (or map their own records to them, as lint's `Finding` does);
 * every command prints them through these functions.
 *
 * In:  problems. Out: text. Never: reads files, talks to a database, or prints.
 */
import type { SourceLocation } from './errors.js';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Stable code: `E_SYNTAX`, `E_UNKNOWN`, `W_DATA`, `E_DEV`, `E_SQLGEN`, a lint code (`DS102`, `MR100`)… */
  readonly code: string;
  readonly severity: Severity;
  /** Where: file, 1-based line and column (and the UTF-8 byte offset when known). */
  readonly location: SourceLocation;
  readonly message: string;
  /** What to do about it, when there is a known fix. */
  readonly fix?: string;
  /** The offending source line, for the caret under `location.column`. */
  readonly sourceLine?: string;
}

export interface ProblemTextOptions {
  /**
   * How severity and code are shown after the location: `bracket` (`error[E_SYNTAX]: `, the default, as the
   * CLI writes its own errors), `plain` (`error DS102: `, lint's lines) or `none` (just the message: the
   * located errors inside a MeridianError's message, whose code is the error's).
   */
  readonly label?: 'bracket' | 'plain' | 'none';
  /** Put before each problem's first line (the review after `migrate diff` indents by two). */
  readonly indent?: string;
}

/**
 * A problem as text: `file:line:col: severity[code]: message`, then the source line with a caret under the
 * column (when known), then `    fix: …` (when there is one).
 *
 * @example
 * formatProblem({ code: 'E_SYNTAX', severity: 'error', location: { file: 'a.sql', line: 1, column: 8 }, message: 'syntax error at or near ","', sourceLine: 'SELECT ,' })
 * // 'a.sql:1:8: error[E_SYNTAX]: syntax error at or near ","\n  SELECT ,\n         ^'
 */
export function formatProblem(p: Problem, opts: ProblemTextOptions = {}): string {
  const { file, line, column } = p.location;
  const label = opts.label === 'none' ? '' : opts.label === 'plain' ? `${p.severity} ${p.code}: ` : `${p.severity}[${p.code}]: `;
  let s = `${opts.indent ?? ''}${file}:${line}:${column}: ${label}${p.message}`;
  if (p.sourceLine !== undefined) s += `\n  ${p.sourceLine}\n  ${' '.repeat(Math.max(0, column - 1))}^`;
  if (p.fix !== undefined) s += `\n    fix: ${p.fix}`;
  return s;
}

/**
 * Problems as text, one after the other (see `formatProblem`), joined by newlines (no trailing one).
 *
 * @example
 * process.stderr.write(formatProblems(r.errors) + '\n');
 */
export function formatProblems(problems: readonly Problem[], opts: ProblemTextOptions = {}): string {
  return problems.map((p) => formatProblem(p, opts)).join('\n');
}

/**
 * A problem as a JSON value: its location's fields, then code, severity, message (and fix).
 *
 * @example
 * problemJson(p) // { file: 'a.sql', line: 1, column: 8, code: 'E_SYNTAX', severity: 'error', message: '…' }
 */
export function problemJson(p: Problem): Record<string, unknown> {
  return { ...p.location, code: p.code, severity: p.severity, message: p.message, ...(p.fix !== undefined ? { fix: p.fix } : {}) };
}

/**
 * Problems as GitHub workflow commands (annotations on the pull request's files), one a line.
 *
 * @example
 * formatProblemsGithub(problems) // '::error file=m/2_x.sql,line=2,col=3,title=DS102::Dropping table "teams" (fix: …)\n'
 */
export function formatProblemsGithub(problems: readonly Problem[]): string {
  return problems
    .map((p) => `::${p.severity} file=${p.location.file},line=${p.location.line},col=${p.location.column},title=${p.code}::${p.message}${p.fix !== undefined ? ` (fix: ${p.fix})` : ''}`)
    .map((l) => `${l}\n`)
    .join('');
}
