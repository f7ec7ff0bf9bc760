/**
 * What to do about a syntax error at a keyword used as a name. Meridian parses with PostgreSQL 18's grammar;
 * words that became keywords in a later release than the user's server (`json` in 16: a parameter named
 * `json` parses on 15, not on 18) and words that are keywords in some positions only (`user`, `time`,
 * `position`…) fail where they name something. The scanner says which tokens are keywords and of which
 * kind, so the rule is one: the word under the parser's cursor is a keyword a name cannot always be.
 *
 * In:  a statement's text and the parser's byte cursor. Out: a fix line, or undefined.
 */
import { scanSync } from './libpg.js';

/** Keyword kinds of the scanner (kwlist.h) that are names in some positions and not in others. */
const RESTRICTED_KINDS = new Set(['COL_NAME_KEYWORD', 'TYPE_FUNC_NAME_KEYWORD']);

/**
 * The fix for a syntax error at byte `cursor` of `text` when the token there is a restricted keyword.
 *
 * @example
 * keywordFix('CREATE FUNCTION f(json json) RETURNS int …', 18)
 * // '"json" is a keyword in the PostgreSQL 18 grammar Meridian parses with (…); where it is a name, quote it: "json"'
 */
export function keywordFix(text: string, cursor: number | undefined): string | undefined {
  if (cursor === undefined || cursor < 0) return undefined;
  // The cursor is where the offending token starts (a byte offset). Only an unquoted word can be a keyword:
  // the scanner classifies that word alone (scanning the whole statement costs seconds on a dump-sized file).
  const word = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(Buffer.from(text, 'utf8').subarray(cursor, cursor + 256).toString('utf8'))?.[0];
  if (!word) return undefined;
  let token;
  try {
    token = scanSync(word).tokens[0];
  } catch {
    return undefined;
  }
  if (!token || token.end !== Buffer.byteLength(word) || !RESTRICTED_KINDS.has(token.keywordName)) return undefined;
  const name = word.toLowerCase();
  return `"${name}" is a keyword in the PostgreSQL 18 grammar Meridian parses with (older servers may accept it as a name); where it names a column, parameter or type, quote it: "${name}"`;
}
