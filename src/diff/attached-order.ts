/**
 * Key orders of partitions' indexes attached to a partitioned table's index (Index.attachedOrder), diffed.
 *
 * PostgreSQL cannot change an index's keys' order in place, nor drop or detach a partition's index attached to its
 * parent's: a partition's index that is to get another order takes the parent index's rebuild (drop, then pg_dump's
 * form: plan/kinds/partition-index-names.ts). Pure; no I/O.
 */
import type { Index, Model } from '../model/types.js';
import { attachedOrderOf, keyOrder, sameOrder } from '../model/attached-order.js';

/**
 * Whether a partition's index attached to the kept index `i` (`c` now) has another key order in the desired state
 * than it has now or than PostgreSQL gives the index it creates on a new partition (its parent's index's order).
 * A table that joins the tree with an index of its own keeps that index's order (its detached state has it).
 *
 * @example
 * orderChanged(current, desired, po_b, po_b2) // true: po_1_b goes from (b DESC) to (b NULLS FIRST)
 */
export function orderChanged(current: Model, desired: Model, c: Index, i: Index): boolean {
  for (const part of Object.keys(i.attached ?? {})) {
    let had: readonly ReturnType<typeof keyOrder>[number][];
    if (c.attached?.[part] !== undefined) had = attachedOrderOf(c, part);
    else if (current.tables[part]) continue;
    else {
      const parent = desired.tables[part]?.partitionOf?.parent;
      had = !parent || parent === i.table ? keyOrder(i) : attachedOrderOf(i, parent);
    }
    if (!sameOrder(had, attachedOrderOf(i, part))) return true;
  }
  return false;
}
