/**
 * Column defaults hold their sequence by OID in PostgreSQL (`nextval('s'::regclass)`): when the sequence is
 * renamed or moved, every default that calls it reads the new name. The fold keeps defaults as text and a
 * canonical form, both naming the sequence: both are pointed at the new key.
 */
import { quoteLiteral } from '../../model/names.js';
import type { Expr, Table } from '../../model/types.js';

/**
 * @example
 * retargetSequenceDefaults(model.tables, 'app.users_id_seq', 'app.people_id_seq') // nextval('app.people_id_seq'::regclass)
 */
export function retargetSequenceDefaults(tables: Readonly<Record<string, Table>>, from: string, to: string): void {
  for (const t of Object.values(tables)) {
    for (const c of t.columns) {
      if (!c.default || !c.default.canonical.includes(JSON.stringify(from))) continue;
      const next: Expr = { canonical: c.default.canonical.split(JSON.stringify(from)).join(JSON.stringify(to)), text: c.default.text.split(quoteLiteral(from)).join(quoteLiteral(to)) };
      (c as { default?: Expr }).default = next;
    }
  }
}
