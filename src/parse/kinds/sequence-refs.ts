/**
 * Column defaults hold their sequence by OID in PostgreSQL (`nextval('s'::regclass)`): when the sequence is
 * renamed or moved, every default that calls it reads the new name. The fold keeps defaults as text and a
 * canonical form, both naming the sequence: both are pointed at the new key.
 */
import { quoteLiteral } from '../../model/names.js';
import type { Expr, Table } from '../../model/types.js';

/**
 * Points the defaults that hold sequence `from` by OID (`nextval('s'::regclass)`, a bare literal) at `to`. A sequence
 * named as text (`nextval('s'::text)`, canonical `{"Late": …}`) is looked up at each call: PostgreSQL leaves it as
 * written (pg_dump still prints `nextval(('s'::text)::regclass)` after `ALTER SEQUENCE s RENAME TO s2`).
 *
 * @example
 * retargetSequenceDefaults(model.tables, 'app.users_id_seq', 'app.people_id_seq') // nextval('app.people_id_seq'::regclass)
 * // nextval('app.users_id_seq'::text) is left as it is
 */
export function retargetSequenceDefaults(tables: Readonly<Record<string, Table>>, from: string, to: string): void {
  const [canonFrom, textFrom] = [JSON.stringify(from), quoteLiteral(from)];
  // Not the text-named form: in the canonical `{"Late":"app.s"}`; in the text the literal cast to another type than regclass.
  const canonical = new RegExp(`(?<!\\{"Late":)${escape(canonFrom)}`, 'g');
  const text = new RegExp(`${escape(textFrom)}(?!\\s*(?:::|[Aa][Ss]\\s)\\s*(?!regclass\\b)\\w)`, 'g');
  for (const t of Object.values(tables)) {
    for (const c of t.columns) {
      if (!c.default || !canonical.test(c.default.canonical)) continue;
      canonical.lastIndex = 0;
      const next: Expr = { canonical: c.default.canonical.replace(canonical, JSON.stringify(to)), text: c.default.text.replace(text, () => quoteLiteral(to)) };
      (c as { default?: Expr }).default = next;
    }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
