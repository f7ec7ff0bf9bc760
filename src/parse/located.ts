/**
 * Located errors in SQL sources (parse, validate, typed SQL and the workflow's dev-database runs): the
 * one `Problem` shape of src/problem.ts, their text inside a MeridianError (`file:line:col: message`, the
 * source line and a caret).
 *
 * In:  sources and the locations found in them. Out: their text, a MeridianError.
 * Never: reads files or talks to a database.
 */
import { MeridianError } from '../errors.js';
import { formatProblems, type Problem } from '../problem.js';

/** One SQL source: a file name (as reported) and its text. */
export interface SqlSource {
  readonly file: string;
  readonly text: string;
}

/** A located error: a `Problem` (its code says who found it: `E_SYNTAX`, `E_DEV`, `E_SQLGEN`, `E_VALIDATE`…). */
export type LocatedError = Problem;

/**
 * Line `line` (1-based) of a text, for carets.
 *
 * @example
 * lineOf('a\nb', 2) // 'b'
 */
export function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

/**
 * Formats located errors as `file:line:col: message`, the source line and a caret.
 *
 * @example
 * formatLocatedErrors([{ code: 'E_SYNTAX', severity: 'error', location: { file: 'a.sql', line: 1, column: 8 }, message: 'syntax error', sourceLine: 'SELECT ,' }])
 * // 'a.sql:1:8: syntax error\n  SELECT ,\n         ^' (the MeridianError around it carries the code)
 */
export function formatLocatedErrors(errors: readonly LocatedError[]): string {
  return formatProblems(errors, { label: 'none' });
}

/**
 * One MeridianError for a list of located errors: the first one's message and location, all of them formatted.
 *
 * @example
 * throw locatedError('E_PARSE', errors, 'schema.sql');
 */
export function locatedError(code: 'E_PARSE' | 'E_VALIDATE' | 'E_MIGRATE_DIR' | 'E_SQLGEN', errors: readonly LocatedError[], prefix?: string): MeridianError {
  const first = errors[0]!;
  const e = new MeridianError(code, `${prefix ? `${prefix}: ` : ''}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}\n${formatLocatedErrors(errors)}`, { location: first.location });
  return e;
}
