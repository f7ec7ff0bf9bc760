/**
 * The names of partitions' indexes attached to a partitioned table's index (Index.attached), folded: PostgreSQL
 * creates one on each partition for `CREATE INDEX` on the parent, `CREATE TABLE … PARTITION OF` and `ATTACH
 * PARTITION` (when the partition has no index of the shape), named `<partition>_<columns>_idx` (ChooseIndexName,
 * the parent index's column names, a number appended on a clash); pg_dump writes other names with `ON ONLY` and
 * `ALTER INDEX … ATTACH PARTITION`. Those names take the schema's relation namespace like any index. A partition
 * that is itself partitioned gets one too, and its partitions one each attached to it (PostgreSQL's DefineIndex
 * recurses): the Model records them all on the top index (Index.attached, one name per partition of the tree).
 */
import type { Index, KeyOrder } from '../../model/types.js';
import { attachedOrderOf, keyOrder, sameOrder, withOrder } from '../../model/attached-order.js';
import type { Payload } from '../ast.js';
import { figureColname } from '../colname.js';
import { chooseName, nameAddition } from '../../model/naming.js';
import { qualifiedKey } from '../../model/names.js';
import { descendsFrom as isPartitionOf } from '../../model/partition.js';
import { tablesAbove } from '../../model/check-copies.js';
import { Problem, type FoldScope, type MTable, type Mut } from './scope.js';
import { sameIndex, sameOptions } from '../../diff/equal.js';

/**
 * The column names PostgreSQL derives an index's name from (ChooseIndexColumnNames): a column's name, else the
 * expression's (FigureIndexColname: the function it calls…), else `expr`.
 *
 * @example
 * indexColNames(node) // CREATE INDEX ON t (lower(a), (b + 1)) → ['lower', 'expr']
 */
export function indexColNames(n: Payload<'IndexStmt'> | undefined): string[] {
  return (n?.indexParams ?? []).map((p) => p.IndexElem!).map((p) => p.indexcolname ?? p.name ?? (p.expr ? figureColname(p.expr) : 'expr')).map((x: string) => (x === '?column?' ? 'expr' : x));
}

/** Records that `part`'s index `name` is attached to `parent` (Index.attached), keys kept sorted. */
export function recordAttached(parent: Index, part: string, name: string): void {
  const next = { ...(parent.attached ?? {}), [part]: name };
  (parent as Mut<Index>).attached = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Forgets the entry of the partition `part` (Index.attached, Index.attachedOptions), returning the name it had. */
export function forget(parent: Index, part: string): string | undefined {
  const name = parent.attached?.[part];
  if (name === undefined) return undefined;
  const { [part]: _gone, ...rest } = parent.attached!;
  if (Object.keys(rest).length) (parent as Mut<Index>).attached = rest;
  else delete (parent as Mut<Index>).attached;
  setAttachedOptions(parent, part, undefined);
  setAttachedOrder(parent, part, undefined);
  return name;
}

/**
 * The storage parameters of the index of the partition `part` attached to `parent` (Index.attachedOptions): its own
 * entry, else the parent index's.
 *
 * @example
 * attachedOptionsOf(ginIdx, 'gitlab_partitions_static.issue_search_data_00') // ['fastupdate=false']
 */
export function attachedOptionsOf(parent: Index, part: string): readonly string[] {
  return parent.attachedOptions?.[part] ?? parent.options;
}

/** Records the storage parameters of `part`'s index attached to `parent`: an entry only when they differ from its own. */
export function setAttachedOptions(parent: Index, part: string, options: readonly string[] | undefined): void {
  const { [part]: _was, ...rest } = parent.attachedOptions ?? {};
  const next = options && !sameOptions(options, parent.options) ? { ...rest, [part]: options } : rest;
  if (Object.keys(next).length) (parent as Mut<Index>).attachedOptions = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
  else delete (parent as Mut<Index>).attachedOptions;
}

/**
 * Records the key order of `part`'s index attached to `parent` (Index.attachedOrder): an entry only when it differs
 * from the parent index's own.
 */
export function setAttachedOrder(parent: Index, part: string, order: readonly KeyOrder[] | undefined): void {
  const { [part]: _was, ...rest } = parent.attachedOrder ?? {};
  const next = order && !sameOrder(order, keyOrder(parent)) ? { ...rest, [part]: order } : rest;
  if (Object.keys(next).length) (parent as Mut<Index>).attachedOrder = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
  else delete (parent as Mut<Index>).attachedOrder;
}

/**
 * Whether PostgreSQL attaches `child` to `parent` (`ALTER INDEX … ATTACH PARTITION`, or an `ATTACH PARTITION` that
 * adopts a partition's index of the shape): CompareIndexInfo compares what the index is (method, uniqueness, keys,
 * INCLUDE, predicate), not its storage parameters (Index.attachedOptions) nor its keys' ASC/DESC and NULLS
 * FIRST/LAST order (indoption; checked on 15: both take `(a DESC NULLS LAST)` for a parent's `(a)`), which the child
 * keeps (Index.attachedOrder).
 *
 * @example
 * attachable(gin(v) WITH (fastupdate=false), gin(v) ON ONLY parent) // true
 * attachable(btree(a DESC NULLS LAST), btree(a)) // true
 */
export function attachable(child: Index, parent: Index): boolean {
  return sameIndex(withOrder({ ...child, only: undefined, options: parent.options }, keyOrder(parent)), { ...parent, only: undefined });
}

/**
 * Records `child` (an index of the partition `part`) attached to `root`: its name, storage parameters and key order.
 *
 * @example
 * recordChild(rootIdx, 'public.p1', p1Idx) // rootIdx.attached['public.p1'] = 'p1_b', attachedOrder if p1_b's differs
 */
export function recordChild(root: Index, part: string, child: Index): void {
  recordAttached(root, part, child.name);
  setAttachedOptions(root, part, child.options);
  setAttachedOrder(root, part, keyOrder(child));
}

/**
 * The index PostgreSQL creates on the partition `part` for its parent's index `parent` (no index of the shape to
 * take): its name chosen and claimed, recorded in `parent.attached`.
 *
 * @example
 * cloneIndex(sc, part, parentIdx) // parent's CREATE INDEX ON p (lower(a)) → 'p1_lower_idx' on partition p1
 */
export function cloneIndex(sc: FoldScope, part: MTable, parent: Index): string {
  const name = chooseName(part.name, nameAddition(indexColNames(sc.indexNodes.get(parent))), 'idx', (x) => sc.taken(part.schema, x));
  sc.claim(part.schema, name);
  const key = qualifiedKey(part.schema, part.name);
  recordAttached(parent, key, name);
  // Created for its own parent's index (a partition's, at a level below `parent`'s table): that index's key order.
  const above = part.partitionOf?.parent;
  if (above && above !== parent.table && parent.attached?.[above] !== undefined) setAttachedOrder(parent, key, attachedOrderOf(parent, above));
  return name;
}

/**
 * `CREATE TABLE part PARTITION OF parent`: each of the parent's indexes (an `ON ONLY` one too), and each index the
 * parent (itself a partition) has attached to an index above it, gets an index on the new partition, named by
 * PostgreSQL.
 *
 * @example
 * cloneParentIndexes(sc, parent, part) // part gets 'part_id_idx' attached to the parent's index on (id)
 */
export function cloneParentIndexes(sc: FoldScope, parent: MTable, part: MTable): void {
  for (const ix of indexesOf(sc, parent)) cloneIndex(sc, part, ix);
}

/**
 * The indexes a partitioned table has, as the Model records them: its own, and those of tables above it that it has
 * an index attached to (that index's partitions are recorded on the top one: Index.attached).
 *
 * @example
 * indexesOf(sc, west) // [west's own w_own, root's r_value_idx (attached: { 'public.west': 'west_value', … })]
 */
export function indexesOf(sc: FoldScope, t: MTable): Index[] {
  return [...Object.values(t.indexes), ...parentsOf(sc, qualifiedKey(t.schema, t.name))];
}

/** The indexes of partitioned tables of `sc` that the partition `part` (key) has an index attached to. */
function parentsOf(sc: FoldScope, part: string): Index[] {
  // Such an index is on a table above `part` (its partitions' indexes are recorded on the top one): the tables above
  // are asked, not every table (one ATTACH PARTITION per partition: quadratic), in the Model's order of tables.
  const tables = sc.model.tables;
  // A key no table has any more (the partition renamed or moved, its parents' maps not yet following: retargetAttached)
  // has no tables above to ask: every partitioned table is.
  if (!tables[part]) return Object.values(tables).flatMap((t) => (t.partitionBy ? Object.values(t.indexes).filter((i) => i.attached?.[part] !== undefined) : []));
  let above = tablesAbove(tables as Parameters<typeof tablesAbove>[0], part).filter((k) => tables[k]?.partitionBy && Object.values(tables[k]!.indexes).some((i) => i.attached?.[part] !== undefined));
  if (above.length > 1) {
    const order = Object.keys(tables);
    above = above.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  const out = above.flatMap((k) => Object.values(tables[k]!.indexes).filter((i) => i.attached?.[part] !== undefined));
  return out;
}

/** Whether the table `key` is a partition of `ancestor` at some level (model/partition.ts). */
export function descendsFrom(sc: FoldScope, key: string, ancestor: string): boolean {
  return isPartitionOf(sc.model.tables, key, ancestor);
}

/**
 * An index of a partitioned table is attached to `root` (or found to be a partition's index of the shape): the
 * names of its own partitions' indexes go to `root` with it.
 *
 * @example
 * absorbAttached(rootIdx, westValue) // rootIdx.attached gains west_value's { 'public.west_low': 'low_value' }
 */
export function absorbAttached(root: Index, child: Index): void {
  for (const [part, name] of Object.entries(child.attached ?? {})) {
    recordAttached(root, part, name);
    setAttachedOptions(root, part, attachedOptionsOf(child, part));
    setAttachedOrder(root, part, attachedOrderOf(child, part));
  }
}

/**
 * A partition's index attached to an index of a table above it, by name (`[schema,] name`): the top index it is
 * recorded on (Index.attached) and the partition's key.
 *
 * @example
 * findAttached(sc, ['west_value']) // { root: r_value_idx, part: 'public.r_west', name: 'west_value' }
 */
export function findAttached(sc: FoldScope, names: readonly string[]): { root: Index; part: string; name: string } | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas)
    for (const t of Object.values(sc.model.tables)) {
      if (!t.partitionBy) continue;
      for (const ix of Object.values(t.indexes))
        for (const [part, n] of Object.entries(ix.attached ?? {})) if (n === name && sc.model.tables[part]?.schema === s) return { root: ix, part, name };
    }
  return undefined;
}

/**
 * The partition `part` is dropped: its attached indexes go with it (their names are free again).
 *
 * @example
 * dropAttached(sc, 'public.p1') // p1_lower_idx released, gone from the parent index's attached
 */
export function dropAttached(sc: FoldScope, part: string, schema: string): void {
  for (const ix of parentsOf(sc, part)) {
    const name = forget(ix, part);
    if (name !== undefined) sc.release(schema, name);
  }
}

/**
 * `ALTER TABLE parent DETACH PARTITION part`: the indexes attached to the parent's (or to an index above it) become
 * the table's own (same shape and name), as PostgreSQL leaves them, with their partitions' indexes attached to them.
 *
 * @example
 * detachAttached(sc, parent, part) // part.indexes gains 'p1_lower_idx'
 */
export function detachAttached(sc: FoldScope, parent: MTable, part: MTable, refresh: (owner: MTable, ix: Mut<Index>) => void): void {
  const key = qualifiedKey(part.schema, part.name);
  for (const ix of indexesOf(sc, parent)) {
    const options = attachedOptionsOf(ix, key);
    const order = attachedOrderOf(ix, key);
    const name = forget(ix, key);
    if (name === undefined) continue;
    const { attached: _a, attachedOptions: _ao, attachedOrder: _ord, only: _o, comment: _c, statistics: _s, loc: _l, ...shape } = ix as Mut<Index>;
    const own: Mut<Index> = { ...withOrder(shape as Index, order), options, schema: part.schema, name, table: key };
    for (const [k, n] of Object.entries(ix.attached ?? {})) if (descendsFrom(sc, k, key)) {
      const below = attachedOptionsOf(ix, k);
      const belowOrder = attachedOrderOf(ix, k);
      forget(ix, k);
      recordAttached(own, k, n);
      setAttachedOptions(own, k, below);
      setAttachedOrder(own, k, belowOrder);
    }
    const node = sc.indexNodes.get(ix);
    if (node) sc.indexNodes.set(own, { ...node });
    (part.indexes as Record<string, Index>)[name] = own;
    refresh(part, own);
  }
}

/**
 * A partition's attached index renamed (`ALTER INDEX child RENAME TO …`): true when `names` was one.
 *
 * @example
 * renameAttached(sc, ['p1_lower_idx'], 'p1_custom') // true; the parent index's attached['public.p1'] = 'p1_custom'
 */
export function renameAttached(sc: FoldScope, names: readonly string[], newname: string): boolean {
  const found = findAttached(sc, names);
  if (!found) return false;
  const schema = sc.model.tables[found.part]!.schema;
  sc.release(schema, found.name);
  sc.claim(schema, newname);
  recordAttached(found.root, found.part, newname);
  return true;
}

/**
 * A partition's key changed (table renamed or moved): the parents' attached maps follow.
 *
 * @example
 * retargetAttached(sc, 'public.p1', 'public.p1_old')
 */
export function retargetAttached(sc: FoldScope, from: string, to: string): void {
  for (const ix of parentsOf(sc, from)) {
    const options = attachedOptionsOf(ix, from);
    const order = attachedOrderOf(ix, from);
    recordAttached(ix, to, forget(ix, from)!);
    setAttachedOptions(ix, to, options);
    setAttachedOrder(ix, to, order);
  }
}
