import { optionName } from '../model/options.js';

/**
 * `RESET (…)` / `SET (…)` steps that turn stored options (a table's or an index's storage parameters, a column's
 * attribute options) into the desired ones, in the desired order. PostgreSQL stores `SET` as the options it does
 * not name followed by those it sets (transformRelOptions), and pg_dump prints that order: the options of the
 * desired list's longest prefix that already sit in that order are kept, the others reset or set again.
 *
 * @example
 * optionSteps(['fillfactor=70', 'autovacuum_enabled=false'], ['autovacuum_enabled=false', 'fillfactor=50'])
 * // { reset: [], set: ['fillfactor=50'] }: stored as autovacuum_enabled=false, fillfactor=50
 */
export function optionSteps(from: readonly string[], to: readonly string[]): { reset: string[]; set: string[] } {
  const name = optionName;
  let kept = 0;
  for (const o of from) if (kept < to.length && o === to[kept]) kept++;
  const set = to.slice(kept);
  const stays = new Set(to.slice(0, kept));
  const setNames = new Set(set.map(name));
  const reset = from.filter((o) => !stays.has(o) && !setNames.has(name(o))).map(name);
  return { reset, set };
}
