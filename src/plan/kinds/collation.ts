/**
 * DDL of collations: created before the types, domains and columns that use them, dropped after them
 * (edges: ../edges.ts). A collation has no ALTER beyond its name and version:
 * a changed one is dropped and created again.
 */
import { quoteIdentAlways as qi, quoteLiteral } from '../../model/names.js';
import type { Collation } from '../../model/types.js';
import type { KindStatement } from './statement.js';

/**
 * @example
 * createCollation({ kind: 'collation', schema: 'public', name: 'ci', provider: 'icu', locale: 'und-u-ks-level2', deterministic: false })[0].sql
 * // CREATE COLLATION "public"."ci" (provider = icu, locale = 'und-u-ks-level2', deterministic = false)
 */
export function createCollation(c: Collation): KindStatement[] {
  const opts = [`provider = ${c.provider}`];
  if (c.provider === 'libc') {
    if (c.lcCollate === c.lcCtype) opts.push(`locale = ${quoteLiteral(c.lcCollate ?? '')}`);
    else opts.push(`lc_collate = ${quoteLiteral(c.lcCollate ?? '')}`, `lc_ctype = ${quoteLiteral(c.lcCtype ?? '')}`);
  } else opts.push(`locale = ${quoteLiteral(c.locale ?? '')}`);
  if (!c.deterministic) opts.push('deterministic = false');
  if (c.rules) opts.push(`rules = ${quoteLiteral(c.rules)}`);
  return [{ kind: 'create-collation', comment: `create collation "${c.name}"`, sql: `CREATE COLLATION ${qi(c.schema)}.${qi(c.name)} (${opts.join(', ')})` }];
}

export function dropCollation(c: Collation): KindStatement[] {
  return [{ kind: 'drop-collation', comment: `drop collation "${c.name}"`, sql: `DROP COLLATION ${qi(c.schema)}.${qi(c.name)}`, effects: { breaksDependants: `columns using collation "${c.name}" block the drop` } }];
}
