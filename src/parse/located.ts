/**
 * Located problems in SQL sources: the shape parse, validate, typed SQL, lint and the workflow report
 * errors in (`file:line:col: message`, the source line and a caret).
 *
 * In:  sources and the locations found in them. Out: LocatedError values, their text, a MeridianError.
 * Never: reads files or talks to a database.
 */
import { MeridianError, type SourceLocation } from '../errors.js';

/** One SQL source: a file name (as reported) and its text. */
export interface SqlSource {
  readonly file: string;
  readonly text: string;
}

export interface LocatedError {
  readonly location: SourceLocation;
  readonly message: string;
  /** The offending source line, for carets. */
  readonly sourceLine: string;
}

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
 * formatLocatedErrors([{ location: { file: 'a.sql', line: 1, column: 8 }, message: 'syntax error', sourceLine: 'SELECT ,' }])
 */
export function formatLocatedErrors(errors: readonly LocatedError[]): string {
  return errors
    .map((e) => `${e.location.file}:${e.location.line}:${e.location.column}: ${e.message}\n  ${e.sourceLine}\n  ${' '.repeat(Math.max(0, e.location.column - 1))}^`)
    .join('\n');
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
