/**
 * Key orders of partitions' indexes attached to a partitioned table's index (Index.attachedOrder): PostgreSQL attaches
 * an index whose keys differ from its parent index's only in ASC/DESC and NULLS FIRST/LAST (CompareIndexInfo does not
 * compare indoption; checked on 15), so each partition's index may have an order of its own.
 *
 * In: indexes. Out: orders, and indexes with an order applied. Never: I/O.
 */
import type { Index, KeyOrder } from './types.js';

/**
 * The order of each of `i`'s keys.
 *
 * @example
 * keyOrder(btree(a DESC, b)) // [{ descending: true, nullsFirst: true }, { descending: false, nullsFirst: false }]
 */
export function keyOrder(i: Pick<Index, 'keys'>): KeyOrder[] {
  return i.keys.map((k) => ({ descending: k.descending, nullsFirst: k.nullsFirst }));
}

/**
 * The key order of the index of partition `part` attached to `i`: its own entry, else `i`'s.
 *
 * @example
 * attachedOrderOf(po_b, 'public.po_1') // [{ descending: true, nullsFirst: false }] (po_1_b on (b DESC NULLS LAST))
 */
export function attachedOrderOf(i: Index, part: string): readonly KeyOrder[] {
  return i.attachedOrder?.[part] ?? keyOrder(i);
}

/** Whether two key orders are the same, key by key. */
export function sameOrder(a: readonly KeyOrder[], b: readonly KeyOrder[]): boolean {
  return a.length === b.length && a.every((o, n) => o.descending === b[n]!.descending && o.nullsFirst === b[n]!.nullsFirst);
}

/**
 * `i` with its keys in the order `order` (the index of a partition attached to `i`, as that partition has it).
 *
 * @example
 * withOrder(btree(b), [{ descending: true, nullsFirst: false }]) // btree(b DESC NULLS LAST)
 */
export function withOrder(i: Index, order: readonly KeyOrder[]): Index {
  if (order.length !== i.keys.length) return i;
  return { ...i, keys: i.keys.map((k, n) => ({ ...k, descending: order[n]!.descending, nullsFirst: order[n]!.nullsFirst })) };
}

/**
 * The key orders of PostgreSQL's `indoption` (its key columns): bit 1 DESC, bit 2 NULLS FIRST.
 *
 * @example
 * orderFromIndoption([3, 0]) // [{ descending: true, nullsFirst: true }, { descending: false, nullsFirst: false }]
 */
export function orderFromIndoption(options: readonly number[]): KeyOrder[] {
  return options.map((o) => ({ descending: (o & 1) !== 0, nullsFirst: (o & 2) !== 0 }));
}

/**
 * The entries of `orders` (partition key → order) that differ from `own`, sorted by key; undefined when none do.
 *
 * @example
 * differingOrders({ 'public.p1': [desc], 'public.p2': [asc] }, [asc]) // { 'public.p1': [desc] }
 */
export function differingOrders(orders: Readonly<Record<string, readonly KeyOrder[]>>, own: readonly KeyOrder[]): Record<string, readonly KeyOrder[]> | undefined {
  const out = Object.entries(orders).filter(([, o]) => !sameOrder(o, own)).sort(([a], [b]) => (a < b ? -1 : 1));
  return out.length ? Object.fromEntries(out) : undefined;
}
