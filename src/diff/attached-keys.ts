/**
 * Partition keys attached to a parent's plain index (Constraint.attachedTo): `ALTER INDEX parent_idx ATTACH
 * PARTITION child_pkey` is part of the schema (pg_dump writes it), and PostgreSQL has no way to detach an index.
 *
 * In: the differ's changes and both Models. Out: the changes plus, for each key of a partition that the desired
 * state attaches to a parent index and the current state does not (or the key is added again), an `attach`
 * change; a key attached in the current state to another index than in the desired one (or no longer attached)
 * is dropped and added again (its drop goes with the parent index's: plan/kinds/attached-keys.ts). Pure.
 */
import { attachedOrderOf, withOrder } from '../model/attached-order.js';
import { droppedTableKeys, droppedIndexKeys, type Change } from './changes.js';
import { qualifiedKey } from '../model/names.js';
import type { Constraint, Index, Model } from '../model/types.js';
import { sameIndex } from './equal.js';
import { descendsFrom, takesKey } from '../model/partition.js';

const attachedOf = (k: Constraint | undefined): string | undefined => (k && 'attachedTo' in k ? k.attachedTo : undefined);

/**
 * Adds the attach changes and the recreates described above to `out`.
 *
 * @example
 * attachPartitionKeys(current, desired, out)
 * // foobar_1's new PRIMARY KEY attached to some_idx: out gains add_constraint foobar_1_pkey { attach: true }
 */
export function attachPartitionKeys(current: Model, desired: Model, out: Change[]): void {
  const on = (kind: Change['kind'], table: string, name: string, attach?: boolean) => out.some((c) => c.kind === kind && (c.kind === 'add_constraint' || c.kind === 'drop_constraint')
    && qualifiedKey(c.table.schema, c.table.name) === table && c.constraint.name === name && !!(c.kind === 'add_constraint' && c.attach) === !!attach);
  const dropped = droppedTableKeys(out);
  const rebuilt = droppedIndexKeys(out);
  const kept = (to: string) => !rebuilt.has(to) && Object.values(current.tables).some((x) => Object.values(x.indexes).some((i) => !i.only && qualifiedKey(i.schema, i.name) === to));
  for (const [key, t] of Object.entries(desired.tables)) {
    const cur = dropped.has(key) ? undefined : current.tables[key];
    // A new partition whose keys attach to parent indexes that stay (valid): created on its own and attached, which
    // attaches them (the create_table change's `attach`), instead of building the parent indexes again.
    const made = !cur && t.partitionOf ? out.findIndex((c) => c.kind === 'create_table' && qualifiedKey(c.table.schema, c.table.name) === key) : -1;
    const keys = Object.values(t.constraints).filter((k) => attachedOf(k));
    if (made >= 0 && keys.length && keys.every((k) => kept(attachedOf(k)!))) {
      out[made] = { kind: 'create_table', table: t, attach: true };
      continue;
    }
    for (const k of Object.values(t.constraints)) {
      const was = cur?.constraints[k.name];
      const wasTo = attachedOf(was);
      if (was && wasTo && wasTo !== attachedOf(k) && !on('drop_constraint', key, k.name)) {
        out.push({ kind: 'drop_constraint', table: cur!, constraint: was });
        if (!on('add_constraint', key, k.name)) out.push({ kind: 'add_constraint', table: t, constraint: k, newTable: false });
      }
      if (!attachedOf(k)) continue;
      if (!was || wasTo !== attachedOf(k) || on('add_constraint', key, k.name)) out.push({ kind: 'add_constraint', table: t, constraint: k, newTable: false, attach: true });
    }
  }
}

/**
 * An index `ON ONLY` a partitioned table that is not valid yet (Index.only) and becomes valid, otherwise the same:
 * the partitions' own indexes of its shape that the desired state no longer has on their own (they are attached
 * to it there) are attached (`attach_index`) instead of dropped, and the parent's index is kept instead of built
 * again. Without such an index the differ's drop and create stay.
 *
 * Limit: the Model does not record which partitions have no index attached yet, so this is done only when each
 * partition has exactly one such index (else the drop and create stay: an ATTACH to a partition that has an index
 * attached already fails, and a partition left without one keeps the index invalid).
 *
 * @example
 * attachPartitionIndexes(current, desired, out)
 * // Partitioned_Idx ON ONLY, Foobar_3_Part attached in the desired state: drop/create of both → attach_index
 */
export function attachPartitionIndexes(current: Model, desired: Model, out: Change[]): void {
  const at = (c: Change, kind: 'drop_index' | 'create_index', key: string) => c.kind === kind && !(c.kind === 'create_index' && c.statisticsFrom) && qualifiedKey(c.index.schema, c.index.name) === key;
  for (const made of out.filter((c): c is Extract<Change, { kind: 'create_index' }> => c.kind === 'create_index' && !c.statisticsFrom && !c.index.only)) {
    const i = made.index;
    const key = qualifiedKey(i.schema, i.name);
    const was = current.tables[i.table]?.indexes[i.name];
    if (!was?.only || !sameIndex({ ...was, only: undefined }, i) || !out.some((c) => at(c, 'drop_index', key))) continue;
    const partitions = Object.entries(current.tables).filter(([k, t]) => t.partitionOf?.parent === i.table && desired.tables[k]?.partitionOf?.parent === i.table);
    const children = partitions.flatMap(([k]) => out.flatMap((c) => (c.kind === 'drop_index' && c.index.table === k && !desired.tables[k]!.indexes[c.index.name] && sameIndex({ ...c.index, only: undefined }, { ...i, only: undefined }) ? [c] : [])));
    // Each partition needs one (the Model does not say which already have one attached): else drop and create.
    if (!partitions.every(([k]) => children.filter((c) => (c as Extract<Change, { kind: 'drop_index' }>).index.table === k).length === 1)) continue;
    if (!children.length) continue;
    const gone = new Set<Change>([...children, made, ...out.filter((c) => at(c, 'drop_index', key))]);
    const kept = out.filter((c) => !gone.has(c));
    out.length = 0;
    out.push(...kept, ...children.map((c) => ({ kind: 'attach_index' as const, index: i, child: (c as Extract<Change, { kind: 'drop_index' }>).index })));
  }
}

/**
 * Partitions' indexes attached to a parent's index that the plan keeps (Index.attached), under another name in
 * the desired state: renamed in place (`ALTER INDEX … RENAME TO …`), never built again. Partitions dropped, or
 * whose parent index is built again (its CREATE INDEX names them), are left to those changes.
 *
 * @example
 * renamePartitionIndexes(current, desired, out)
 * // readings_value_idx attached { readings_east: 'readings_east_value_idx' → 'east_value' }: out gains a rename
 */
export function renamePartitionIndexes(current: Model, desired: Model, out: Change[]): void {
  const droppedTables = droppedTableKeys(out);
  const rebuilt = droppedIndexKeys(out);
  for (const [key, t] of Object.entries(desired.tables)) {
    const cur = current.tables[key];
    if (!t.partitionBy || !cur || droppedTables.has(key)) continue;
    for (const i of Object.values(t.indexes)) {
      const was = cur.indexes[i.name];
      if (!was?.attached || !i.attached || rebuilt.has(qualifiedKey(i.schema, i.name))) continue;
      for (const [part, name] of Object.entries(i.attached)) {
        const from = was.attached[part];
        const p = desired.tables[part];
        if (from === undefined || from === name || !p || droppedTables.has(part) || !descendsFrom(current.tables, part, key)) continue;
        out.push({ kind: 'rename', object: 'index', schema: p.schema, table: p.name, from, to: name });
      }
    }
  }
}

/**
 * Partitions' copies of a kept key of a kept partitioned table (PrimaryKey.copies) whose names differ:
 * `ALTER TABLE part RENAME CONSTRAINT` (the index behind the copy follows; PostgreSQL allows renaming a copy). Copies
 * of a key dropped or added again are named by PostgreSQL when it copies the key again (not here).
 *
 * @example
 * renamePartitionKeys(current, desired, out)
 * // p1's copy of p_pkey is p1_pkey and should be p1_custom: out gains rename constraint p1_pkey → p1_custom on p1
 */
export function renamePartitionKeys(current: Model, desired: Model, out: Change[]): void {
  const droppedTables = droppedTableKeys(out);
  const changedKeys = new Set(out.flatMap((c) => (c.kind === 'drop_constraint' || c.kind === 'add_constraint' ? [`${qualifiedKey(c.table.schema, c.table.name)}/${c.constraint.name}`] : [])));
  for (const [key, t] of Object.entries(desired.tables)) {
    const cur = current.tables[key];
    if (!t.partitionBy || !cur || droppedTables.has(key)) continue;
    for (const k of Object.values(t.constraints)) {
      const was = cur.constraints[k.name];
      if ((k.kind !== 'primary_key' && k.kind !== 'unique') || !was || was.kind !== k.kind || !k.copies || !was.copies || changedKeys.has(`${key}/${k.name}`)) continue;
      for (const [part, name] of Object.entries(k.copies)) {
        const from = was.copies[part];
        const p = desired.tables[part];
        if (from === undefined || from === name || !p || droppedTables.has(part) || !descendsFrom(current.tables, part, key)) continue;
        out.push({ kind: 'rename', object: 'constraint', schema: p.schema, table: p.name, from, to: name });
      }
    }
  }
}

/**
 * A partition's own index that the desired state has attached to a new index of its parent, under the same name
 * and of the same shape (Index.attached): kept and attached (`ALTER INDEX … ATTACH PARTITION`, written by the plan's
 * `ON ONLY` form: plan/kinds/partition-index-names.ts) instead of dropped and built again.
 *
 * @example
 * keepTakenPartitionIndexes(current, desired, out)
 * // FOOBAR_1_Foo_id_idx (FOOBAR_1's own) attached to the new foobar_unique: its drop_index leaves `out`
 */
export function keepTakenPartitionIndexes(current: Model, out: Change[]): void {
  const dropped = droppedTableKeys(out);
  const gone = new Set<Change>();
  for (const c of out) {
    if (c.kind !== 'create_index' || c.statisticsFrom || !c.index.attached) continue;
    for (const [part, name] of Object.entries(c.index.attached)) {
      const own = takenIndex(current, c.index, part, name);
      if (!own || dropped.has(part)) continue;
      for (const d of out) if (d.kind === 'drop_index' && d.index === own) gone.add(d);
    }
  }
  if (!gone.size) return;
  const kept = out.filter((c) => !gone.has(c));
  out.length = 0;
  out.push(...kept);
}

/**
 * The index `name` of the partition `part` in `current`, of the shape of the parent index `i`: PostgreSQL can attach
 * it to `i` as it is.
 *
 * @example
 * takenIndex(current, foobarUnique, 'public."FOOBAR_1"', 'FOOBAR_1_Foo_id_idx') // FOOBAR_1's own index, or undefined
 */
export function takenIndex(current: Model, i: Index, part: string, name: string): Index | undefined {
  const own = current.tables[part]?.indexes[name];
  return own && !own.only && sameIndex(own, withOrder({ ...i, only: undefined }, attachedOrderOf(i, part))) ? own : undefined;
}

/**
 * A partition's own PRIMARY KEY / UNIQUE that the desired state no longer has on its own because a key added to its
 * parent takes it (`ALTER TABLE parent ADD PRIMARY KEY/UNIQUE` attaches the partition's key of the shape instead of
 * building one: model/partition.ts, takesKey): kept instead of dropped, so its index is not built again. Only when it
 * is the partition's one key of the shape (PostgreSQL takes the first, which the Model does not order).
 *
 * @example
 * keepTakenPartitionKeys(current, desired, out)
 * // o_eu's own o_eu_pkey (id, region), the new o_pkey (id, region) on o: its drop_constraint leaves `out`
 */
export function keepTakenPartitionKeys(current: Model, desired: Model, out: Change[]): void {
  const moved = new Set(out.flatMap((c) => (c.kind === 'drop_table' || c.kind === 'reattach_partition' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  const gone = new Set<Change>();
  for (const c of out) {
    if (c.kind !== 'add_constraint' || c.newTable || (c.constraint.kind !== 'primary_key' && c.constraint.kind !== 'unique') || c.constraint.attachedTo) continue;
    const key = c.constraint;
    const parent = qualifiedKey(c.table.schema, c.table.name);
    if (!c.table.partitionBy || !current.tables[parent]?.partitionBy || moved.has(parent)) continue;
    for (const [k, part] of Object.entries(current.tables)) {
      const to = desired.tables[k];
      if (part.partitionOf?.parent !== parent || to?.partitionOf?.parent !== parent || moved.has(k)) continue;
      const own = Object.values(part.constraints).filter((x) => (x.kind === 'primary_key' || x.kind === 'unique') && takesKey(x, key, false));
      if (own.length !== 1 || to.constraints[own[0]!.name]) continue;
      for (const d of out) if (d.kind === 'drop_constraint' && qualifiedKey(d.table.schema, d.table.name) === k && d.constraint.name === own[0]!.name) gone.add(d);
    }
  }
  if (!gone.size) return;
  const kept = out.filter((c) => !gone.has(c));
  out.length = 0;
  out.push(...kept);
}
