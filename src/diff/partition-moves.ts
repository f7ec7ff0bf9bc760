/**
 * How a table that stays by name goes from its current to its desired place in a partition tree: detached and
 * attached again keeping its rows (`rebound`, `movedPartition`), or dropped and created again (`recreatedTable`),
 * which a partition of a recreated partitioned table is too (DROP TABLE of the parent drops its partitions), and an
 * inheritance child of a recreated table (DROP TABLE refuses a table with children).
 *
 * In: the current and desired Models. Out: decisions, and the index rebuilds an ATTACH needs (`rebuildShadowed`).
 * Never: renders SQL.
 */
import type { Change } from './changes.js';
import { qualifiedKey } from '../model/names.js';
import { detachedTable } from '../model/partition.js';
import type { Index, Model, Table } from '../model/types.js';
import { inheritanceMove } from './inheritance.js';
import { sameBound, sameExpr, sameIndex } from './equal.js';

/**
 * Is `t` the partition `cur` with another bound of the same parent, whose partitioning stays (so the parent
 * is not recreated and the partition can be detached and attached again, keeping its rows)?
 */
export function rebound(cur: Table, t: Table, current: Model, desired: Model): boolean {
  const [a, b] = [cur.partitionOf, t.partitionOf];
  if (!a || !b || a.parent !== b.parent || sameBound(a.bound, b.bound)) return false;
  if (!sameExpr(cur.partitionBy?.key, t.partitionBy?.key) || (cur.partitionBy?.strategy ?? '') !== (t.partitionBy?.strategy ?? '')) return false;
  const [p, q] = [current.tables[a.parent], desired.tables[b.parent]];
  return !!p && !!q && !!p.partitionBy && !!q.partitionBy && p.partitionBy.strategy === q.partitionBy.strategy && sameExpr(p.partitionBy.key, q.partitionBy.key) && sameBound(p.partitionOf?.bound, q.partitionOf?.bound) && (p.partitionOf?.parent ?? '') === (q.partitionOf?.parent ?? '');
}

/**
 * Does `t` keep `cur`'s rows through DETACH / ATTACH PARTITION: one of them is a partition, they are not
 * partitions of the same parent (see `rebound`), their own partitioning is the same, neither inherits, and the
 * parents are partitioned tables on both sides?
 */
export function movedPartition(cur: Table, t: Table, current: Model, desired: Model): boolean {
  const [a, b] = [cur.partitionOf, t.partitionOf];
  if ((!a && !b) || (a && b && a.parent === b.parent)) return false;
  if (cur.inherits.length || t.inherits.length) return false;
  if (!sameExpr(cur.partitionBy?.key, t.partitionBy?.key) || (cur.partitionBy?.strategy ?? '') !== (t.partitionBy?.strategy ?? '')) return false;
  return (!a || !!current.tables[a.parent]?.partitionBy) && (!b || !!desired.tables[b.parent]?.partitionBy);
}

/**
 * Is the table `key` (in both Models) dropped and created again: its bound, parent or partitioning changes in a way
 * DETACH / ATTACH PARTITION cannot give (not `rebound`, not `movedPartition`), an inheritance change only a new
 * creation makes, or it is a partition of a table that is recreated (PostgreSQL drops partitions with their
 * partitioned table: they come back, under the new parent, with everything on them).
 *
 * @example
 * recreatedTable('public.p1', current, desired) // true: p1's parent p is partitioned by another key
 */
export function recreatedTable(key: string, current: Model, desired: Model): boolean {
  const [cur, t] = [current.tables[key], desired.tables[key]];
  if (!cur || !t) return false;
  if (rebound(cur, t, current, desired) || movedPartition(cur, t, current, desired)) return false;
  if (inheritanceMove(cur, t, current, desired) === 'recreate' || !sameBound(cur.partitionOf?.bound, t.partitionOf?.bound) || (cur.partitionOf?.parent ?? '') !== (t.partitionOf?.parent ?? '')
    || !sameExpr(cur.partitionBy?.key, t.partitionBy?.key) || (cur.partitionBy?.strategy ?? '') !== (t.partitionBy?.strategy ?? '')) return true;
  // An inheritance child of a parent recreated (DROP TABLE refuses a table with children): dropped first and created
  // again under the new one, its rows lost as a partition's are (DELETES_DATA).
  if (t.inherits.some((p) => cur.inherits.includes(p) && recreatedTable(p, current, desired))) return true;
  return !!t.partitionOf && recreatedTable(t.partitionOf.parent, current, desired);
}

/**
 * The names of the partition `t`'s own indexes (desired) of the shape of an index of its parent whose copy on `t` is
 * another index. `ATTACH PARTITION` adopts, for each parent index, the partition's oldest unattached index of its
 * shape (AttachPartitionEnsureIndexes, CompareIndexInfo: storage parameters not compared): such an index, existing
 * at the ATTACH, would be taken for the copy instead of the one the desired state names. They are built after it.
 *
 * @example
 * shadowedIndexes(desired, foobar1) // ['some_local_idx']: foobar_1_foo_bar_idx is the copy of some_partitioned_idx
 */
export function shadowedIndexes(desired: Model, t: Table): string[] {
  if (!t.partitionOf || !desired.tables[t.partitionOf.parent]) return [];
  const shape = (i: Index): Index => ({ ...i, options: [], only: undefined });
  const copies = Object.values(detachedTable(desired, t).indexes).filter((i) => !t.indexes[i.name]);
  return Object.values(t.indexes).filter((l) => copies.some((c) => sameIndex(shape(l), shape(c)))).map((l) => l.name);
}

/**
 * Diffs the detached states `from` → `to` of a table detached and/or attached again (change `reattach_partition`)
 * with `diff`, its indexes that the ATTACH would adopt in place of the desired copies (`shadowedIndexes`) dropped
 * first and built again after the ATTACH (`afterAttach`), with their comments.
 *
 * @example
 * rebuildShadowed(from, to, t, desired, out, (a, b) => diffTable(a, b, …))
 * // out: drop_index some_local_idx, …, create_index some_local_idx { afterAttach: 'schema_1.foobar' }
 */
export function rebuildShadowed(from: Table, to: Table, t: Table, desired: Model, out: Change[], diff: (from: Table, to: Table) => void): void {
  const names = shadowedIndexes(desired, t);
  if (!names.length) return diff(from, to);
  const indexes = { ...from.indexes };
  for (const n of names) {
    if (indexes[n]) out.push({ kind: 'drop_index', index: indexes[n]! });
    delete indexes[n];
  }
  const start = out.length;
  diff({ ...from, indexes }, to);
  const parent = t.partitionOf!.parent;
  const key = qualifiedKey(t.schema, t.name);
  for (let i = start; i < out.length; i++) {
    const c = out[i]!;
    if (c.kind === 'create_index' && c.index.table === key && names.includes(c.index.name)) out[i] = { ...c, afterAttach: parent };
  }
}
