/**
 * The text of a statement that failed during `migrate apply`, as Atlas writes it (CI pipelines grep for it).
 *
 * In:  the statement, its file's version and the driver's message. Out: one line of text. Never: touches a database.
 */

/**
 * Atlas's text for a statement that failed during apply (`sql/migrate`'s ExecutionError), which CI
 * pipelines grep for: the statement as Go's `%q` quotes it, then the version and the driver's message.
 *
 * @example
 * executingStatementError('THIS IS A FAILING STATEMENT;', '4', 'syntax error at or near "THIS"')
 * // 'sql/migrate: executing statement "THIS IS A FAILING STATEMENT;" from version "4": syntax error at or near "THIS"'
 */
export function executingStatementError(statement: string, version: string, message: string): string {
  return `sql/migrate: executing statement ${goQuote(statement)} from version ${goQuote(version)}: ${message}`;
}

/**
 * Go's `%q` for a string: JSON's escaping, with Go's spellings for control characters.
 *
 * @example
 * goQuote('a\u0007b') // '"a\\ab"'
 */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\(\\|u00([0-9a-f]{2}))/g, (m, _e: string, hex: string | undefined) => {
    if (hex === undefined) return m;
    const c = parseInt(hex, 16);
    if (c === 7) return '\\a';
    if (c === 11) return '\\v';
    return `\\x${hex}`;
  });
}
