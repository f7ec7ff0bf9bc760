/**
 * The identifiers a piece of SQL names, for the planner's "does this text use that object" questions
 * (a function signature using a table's row type, a policy reading a column). Matching names by comparing
 * identifiers, never by building a regular expression from a name: a name may hold any character
 * (`"a(b[c"`), and quoting and case folding decide what a word names.
 *
 * In:  SQL text as PostgreSQL prints it (type lists, expressions, statement text).
 * Out: the set of names it spells: quoted identifiers as written (`""` undoubled), unquoted words folded to
 *      lower case as PostgreSQL folds them (keywords included: the caller asks about names it knows).
 * Never: reads names inside string constants, dollar-quoted bodies or comments, or needs the parser (the
 *      planner and the model import no parser).
 */

/** Bytes PostgreSQL's scanner accepts in an unquoted identifier: letters, digits, `_`, `$`, non-ASCII. */
const wordStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const wordPart = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

/**
 * The names `sql` spells, as a set.
 *
 * @example
 * identifiersIn('integer, public."a(b[c"[]') // Set { 'integer', 'public', 'a(b[c' }
 * identifiersIn(`Users.id = 'users'`)        // Set { 'users', 'id' }
 */
export function identifiersIn(sql: string): Set<string> {
  const out = new Set<string>();
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === '"') {
      let name = '';
      let j = i + 1;
      while (j < n) {
        if (sql[j] === '"') {
          if (sql[j + 1] === '"') { name += '"'; j += 2; continue; }
          break;
        }
        name += sql[j++];
      }
      out.add(name);
      i = j + 1;
    } else if (c === "'") {
      // A string constant; E'…' reads backslash escapes.
      const escapes = i > 0 && (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !(i > 1 && wordPart(sql[i - 2]!));
      let j = i + 1;
      while (j < n) {
        if (escapes && sql[j] === '\\') { j += 2; continue; }
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") { j += 2; continue; }
          break;
        }
        j++;
      }
      i = j + 1;
    } else if (c === '$' && (i === 0 || !wordPart(sql[i - 1]!))) {
      // A dollar-quoted body `$tag$…$tag$` (a parameter `$1` is skipped as a word of its own).
      let j = i + 1;
      while (j < n && wordPart(sql[j]!) && sql[j] !== '$') j++;
      const tag = sql.slice(i, j + 1);
      if (sql[j] === '$' && !/^\$\d/.test(tag)) {
        const end = sql.indexOf(tag, j + 1);
        i = end < 0 ? n : end + tag.length;
      } else i = j;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      // Block comments nest in PostgreSQL.
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (sql[j] === '/' && sql[j + 1] === '*') { depth++; j += 2; }
        else if (sql[j] === '*' && sql[j + 1] === '/') { depth--; j += 2; }
        else j++;
      }
      i = j;
    } else if (wordStart(c)) {
      let j = i + 1;
      while (j < n && wordPart(sql[j]!)) j++;
      const word = sql.slice(i, j);
      // E'…', B'…', X'…', N'…': the letter is the string constant's prefix, not a name.
      if (!(sql[j] === "'" && /^[EBXNebxn]$/.test(word))) out.add(word.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && wordPart(sql[j]!)) j++;
      i = j;
    } else i++;
  }
  return out;
}
