/**
 * What PostgreSQL does when a column (or a typed table's column, through its type's attribute) changes type: whether
 * the conversion needs USING, rewrites the table, or goes by an assignment cast.
 */

/** Casts PostgreSQL applies implicitly or without a rewrite: no USING needed. */
export function castInfo(from: string, to: string): { using: boolean; rewrite: boolean } {
  const base = (t: string) => t.replace(/\(.*\)/, '');
  const len = (t: string) => Number(/\((\d+)\)/.exec(t)?.[1] ?? Infinity);
  const num = (t: string) => /\((\d+),(\d+)\)/.exec(t);
  const [f, g] = [base(from), base(to)];
  if (f === g && f === 'character varying') return { using: false, rewrite: len(to) < len(from) };
  if (f === 'character varying' && g === 'text') return { using: false, rewrite: false };
  if ((f === 'text' || f === 'character') && g === 'character varying') return { using: false, rewrite: true };
  if (f === 'numeric' && g === 'numeric') {
    const a = num(from);
    const b = num(to);
    return { using: false, rewrite: !(a && b && a[2] === b[2] && Number(b[1]) >= Number(a[1])) && !(a && !b) };
  }
  const ints = ['smallint', 'integer', 'bigint'];
  if (ints.includes(f) && ints.includes(g)) return { using: ints.indexOf(g) < ints.indexOf(f), rewrite: true };
  if (ints.includes(f) && (g === 'numeric' || g === 'real' || g === 'double precision')) return { using: false, rewrite: true };
  if (f === 'timestamp without time zone' && g === 'timestamp with time zone') return { using: false, rewrite: true };
  if (f === g) return { using: false, rewrite: true };
  return { using: true, rewrite: true };
}
/** The numeric types, between which PostgreSQL has assignment casts both ways. */
const NUMERIC = ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'];

/**
 * Whether PostgreSQL converts `from` to `to` by an assignment cast, as a column conversion without USING does (an
 * `ALTER TYPE … ALTER ATTRIBUTE … TYPE … CASCADE` on typed tables has no USING): no USING needed, numeric to numeric,
 * or anything to a string type (the automatic I/O cast). Conservative: other assignment casts are not known here.
 *
 * @example castByAssignment('bigint', 'integer') // true
 * castByAssignment('text', 'integer') // false
 */
export function castByAssignment(from: string, to: string): boolean {
  const [f, g] = [from, to].map((t) => t.replace(/\(.*\)/, ''));
  return !castInfo(from, to).using || (NUMERIC.includes(f!) && NUMERIC.includes(g!)) || ['text', 'character varying', 'character'].includes(g!);
}
