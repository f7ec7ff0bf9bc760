/**
 * The names PostgreSQL gives objects declared without one (src/backend/commands/indexcmds.c
 * ChooseRelationName / makeObjectName, catalog/pg_constraint.c ChooseConstraintName), so a parsed
 * `email text UNIQUE` is `users_email_key` exactly like the inspected one.
 */

/** PostgreSQL's NAMEDATALEN: names are at most NAMEDATALEN - 1 bytes. */
export const NAMEDATALEN = 64;

/** Truncates a string to at most `bytes` UTF-8 bytes without splitting a character (pg_mbcliplen). */
function clip(s: string, bytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= bytes) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (n + b > bytes) break;
    out += ch;
    n += b;
  }
  return out;
}

/**
 * makeObjectName: `name1_name2_label`, shortening the longer of name1/name2 first so the result fits
 * in 63 bytes.
 *
 * @example
 * makeObjectName('users', 'email', 'key') // 'users_email_key'
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string | undefined): string {
  let overhead = 0;
  let n1 = Buffer.byteLength(name1, 'utf8');
  let n2 = name2 ? Buffer.byteLength(name2, 'utf8') : 0;
  if (name2) overhead++;
  if (label) overhead += Buffer.byteLength(label, 'utf8') + 1;
  const avail = NAMEDATALEN - 1 - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  let out = clip(name1, n1);
  if (name2) out += `_${clip(name2, n2)}`;
  if (label) out += `_${label}`;
  return out;
}

/**
 * ChooseRelationName / ChooseConstraintName: the first of `name1_name2_label`, `…_label1`, `…_label2` …
 * that `taken` does not hold.
 */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: (name: string) => boolean): string {
  let pass = 0;
  let mod = label;
  for (;;) {
    const name = makeObjectName(name1, name2, mod);
    if (!taken(name)) return name;
    mod = `${label}${++pass}`;
  }
}

/**
 * ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: column names joined by `_`,
 * stopping once the result reaches NAMEDATALEN.
 */
export function nameAddition(columns: readonly string[]): string {
  let buf = '';
  for (const c of columns) {
    if (buf) buf += '_';
    buf += clip(c, NAMEDATALEN - 1);
    if (Buffer.byteLength(buf, 'utf8') >= NAMEDATALEN) break;
  }
  return clip(buf, NAMEDATALEN - 1);
}

/** Identifiers longer than 63 bytes are truncated by PostgreSQL (with a NOTICE). */
export function truncateIdent(name: string): string {
  return clip(name, NAMEDATALEN - 1);
}
