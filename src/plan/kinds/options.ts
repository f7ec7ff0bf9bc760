/**
 * Generic options (`OPTIONS (host 'x', port '5432')`) of foreign data wrappers, servers, user mappings and
 * foreign tables: stored `name=value` as PostgreSQL keeps them, rendered and changed here.
 */
import { quoteIdentAlways as qi, quoteLiteral } from '../../model/names.js';
import { optionParts } from '../../model/options.js';

const split = optionParts;

/**
 * ` OPTIONS (…)` for a CREATE statement, or '' when there are none.
 *
 * @example
 * optionsClause(['host=db', 'port=5432']) // " OPTIONS (\"host\" 'db', \"port\" '5432')"
 */
export function optionsClause(options: readonly string[]): string {
  if (!options.length) return '';
  return ` OPTIONS (${options.map((o) => { const [k, v] = split(o); return `${qi(k)} ${quoteLiteral(v)}`; }).join(', ')})`;
}

/**
 * ` OPTIONS (SET …, ADD …, DROP …)` turning one option list into another, or '' when they are the same.
 *
 * @example
 * alterOptionsClause(['host=a'], ['host=b', 'port=1']) // " OPTIONS (SET \"host\" 'b', ADD \"port\" '1')"
 */
export function alterOptionsClause(from: readonly string[], to: readonly string[]): string {
  const before = new Map(from.map(split));
  const after = new Map(to.map(split));
  const parts: string[] = [];
  for (const [k, v] of after) {
    if (!before.has(k)) parts.push(`ADD ${qi(k)} ${quoteLiteral(v)}`);
    else if (before.get(k) !== v) parts.push(`SET ${qi(k)} ${quoteLiteral(v)}`);
  }
  for (const k of before.keys()) if (!after.has(k)) parts.push(`DROP ${qi(k)}`);
  return parts.length ? ` OPTIONS (${parts.join(', ')})` : '';
}
