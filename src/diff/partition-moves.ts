/**
 * How a table that stays by name goes from its current to its desired place in a partition tree: detached and
 * attached again keeping its rows (`rebound`, `movedPartition`), or dropped and created again (`recreatedTable`),
 * which a partition of a recreated partitioned table is too (DROP TABLE of the parent drops its partitions).
 *
 * In: the current and desired Models. Out: decisions, no changes. Never: renders SQL.
 */
import type { Model, Table } from '../model/types.js';
import { inheritanceMove } from './inheritance.js';
import { sameBound, sameExpr } from './equal.js';

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
  return !!t.partitionOf && recreatedTable(t.partitionOf.parent, current, desired);
}
