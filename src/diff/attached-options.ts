/**
 * Storage parameters of partitions' indexes attached to a partitioned table's index (Index.attachedOptions), diffed.
 *
 * In: the current and desired index (the current absent, or `rebuilt`, when the plan creates it: PostgreSQL then gives
 * each partition's index the parent index's parameters). Out: `create_index` changes with `optionsFrom`, one per
 * partition's index whose parameters differ, set in place (`ALTER INDEX p0_v SET (…)` / `RESET (…)`) on the index as
 * the partition has it. Pure; no I/O.
 */
import type { Change } from './changes.js';
import type { Index, Model } from '../model/types.js';
import { splitKey } from '../model/names.js';
import { sameOptions } from './equal.js';

/**
 * @example
 * attachedOptionChanges(undefined, gin) // gin.attachedOptions { 's.p0': ['fastupdate=false'] }
 * // [{ kind: 'create_index', index: { name: 'p0_v', table: 's.p0', options: ['fastupdate=false'], … }, optionsFrom: [] }]
 */
export function attachedOptionChanges(current: Index | undefined, desired: Index, rebuilt: boolean): Change[] {
  const out: Change[] = [];
  for (const [part, name] of Object.entries(desired.attached ?? {})) {
    const want = desired.attachedOptions?.[part] ?? desired.options;
    const had = !current || rebuilt || current.attached?.[part] === undefined ? desired.options : current.attachedOptions?.[part] ?? current.options;
    if (sameOptions(had, want)) continue;
    const { attached: _a, attachedOptions: _o, attachedOrder: _ord, only: _only, comment: _c, statistics: _s, ...shape } = desired;
    const index: Index = { ...shape, name, schema: splitKey(part).schema, table: part, options: want };
    out.push({ kind: 'create_index', index, newTable: false, optionsFrom: had });
  }
  return out;
}

/**
 * A partition's own index that an ATTACH PARTITION adopts keeps its storage parameters: the in-place changes of the
 * parameters of partitions' indexes (`attachedOptionChanges`) start from those where the current state has the
 * index on the table already, and go where they are the same.
 *
 * @example
 * fromOwnIndexes(current, out) // search_data_1_v, standalone WITH (fastupdate=false), attached keeping it: no SET
 */
export function fromOwnIndexes(current: Model, out: Change[]): void {
  const kept = out.flatMap((c) => {
    if (c.kind !== 'create_index' || !c.optionsFrom) return [c];
    const own = current.tables[c.index.table]?.indexes[c.index.name];
    if (!own || own.only) return [c];
    return sameOptions(own.options, c.index.options) ? [] : [{ ...c, optionsFrom: own.options }];
  });
  out.length = 0;
  out.push(...kept);
}
