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

/** What a list of located errors means, by code, when the caller gives no headline. */
const HEADLINE = {
  E_PARSE: 'the schema files do not parse',
  E_VALIDATE: 'the dev database could not run the schema files',
  E_MIGRATE_DIR: 'replaying the migration directory failed',
  E_SQLGEN: 'typed SQL',
  E_UNSUPPORTED: "the schema files hold what a schema file may not (the README's object kinds: refused); nothing was run on the dev database or the target",
} as const;

/**
 * One MeridianError for a list of located errors: a headline (what failed, how many errors; the first one's
 * location), then every error formatted (`file:line:col: message`, the line and a caret), each message once.
 *
 * @example
 * locatedError('E_PARSE', errors).message // 'the schema files do not parse (1 error):\na.sql:1:8: syntax error\n  SELECT ,\n         ^'
 */
export function locatedError(code: keyof typeof HEADLINE, errors: readonly LocatedError[], headline?: string): MeridianError {
  const n = errors.length;
  return new MeridianError(code, `${headline ?? HEADLINE[code]} (${n} error${n === 1 ? '' : 's'}):\n${formatLocatedErrors(errors)}`, { location: errors[0]!.location });
}
