/**
 * DDL of extended statistics: created after its table, dropped before any column or table change (edges:
 * ../edges.ts). The statistics target is altered in place; any other change recreates it.
 */
import { quoteIdentAlways as qi, splitKey } from '../../model/names.js';
import type { ExtendedStatistics } from '../../model/types.js';
import type { KindStatement } from './statement.js';
import { alterableInPlace } from '../../diff/in-place.js';

const name = (s: ExtendedStatistics) => `${qi(s.schema)}.${qi(s.name)}`;
const target = (s: ExtendedStatistics): KindStatement => ({ kind: 'alter-statistics', comment: `modify statistics "${s.name}"`, sql: `ALTER STATISTICS ${name(s)} SET STATISTICS ${s.target ?? -1}` });

/**
 * @example
 * createStatistics({ kind: 'statistics', schema: 'public', name: 'st', table: 'public.t', kinds: ['ndistinct'], columns: ['a', 'b'], expressions: [] })[0].sql
 * // CREATE STATISTICS "public"."st" (ndistinct) ON "a", "b" FROM "public"."t"
 */
export function createStatistics(s: ExtendedStatistics): KindStatement[] {
  const t = splitKey(s.table);
  const kinds = s.kinds.length && s.kinds.length < 3 ? ` (${s.kinds.join(', ')})` : '';
  const on = [...s.columns.map(qi), ...s.expressions.map((e) => `(${e.text})`)].join(', ');
  const out: KindStatement[] = [{ kind: 'create-statistics', comment: `create statistics "${s.name}"`, sql: `CREATE STATISTICS ${name(s)}${kinds} ON ${on} FROM ${qi(t.schema)}.${qi(t.name)}` }];
  if (s.target !== undefined) out.push(target(s));
  return out;
}

export function dropStatistics(s: ExtendedStatistics): KindStatement[] {
  return [{ kind: 'drop-statistics', comment: `drop statistics "${s.name}"`, sql: `DROP STATISTICS ${name(s)}` }];
}

export function alterStatistics(from: ExtendedStatistics, to: ExtendedStatistics): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  return from.target === to.target ? [] : [target(to)];
}
