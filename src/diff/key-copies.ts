/**
 * Partitions' copies of a partitioned table's PRIMARY KEY / UNIQUE that PostgreSQL does not make itself: a key added
 * `ALTER TABLE ONLY` (not valid while a partition has no copy: model/partition.ts partialKey), a partition's key
 * attached to it later (pg_dump's `ALTER TABLE part ADD CONSTRAINT … ; ALTER INDEX key ATTACH PARTITION …`).
 *
 * In: the differ's changes and both Models. Out: the changes plus, for each partition whose copy the desired state
 * has and the plan does not make, the copy added as the partition's key and attached (`attach`, attachedTo the
 * parent key's index); a kept key that loses a copy is dropped and added again (PostgreSQL detaches no index).
 * Only one level: a key with a partial copy set over a sub-partitioned partition is left as it is. Pure.
 */
import { droppedTableKeys, type Change } from './changes.js';
import { qualifiedKey } from '../model/names.js';
import type { Constraint, Model, Table } from '../model/types.js';
import { partialKey } from '../model/partition.js';
import { sameConstraint } from './equal.js';

/**
 * Adds the copies' changes described above to `out`.
 *
 * @example
 * addKeyCopies(current, desired, out)
 * // foobar_1_pkey attached to the ONLY some_pkey: out gains add_constraint foobar_1_pkey, and its attach
 */
export function addKeyCopies(current: Model, desired: Model, out: Change[]): void {
  const dropped = droppedTableKeys(out);
  const onKey = (c: Change, kind: 'add_constraint' | 'drop_constraint', table: string, name: string) => c.kind === kind && !(c.kind === 'add_constraint' && (c.attach || c.validate || c.optionsFrom))
    && qualifiedKey(c.table.schema, c.table.name) === table && c.constraint.name === name;
  for (const [key, t] of Object.entries(desired.tables)) {
    const cur = current.tables[key];
    if (!t.partitionBy || !cur || dropped.has(key)) continue;
    const parts = Object.entries(desired.tables).filter(([, p]) => p.partitionOf?.parent === key);
    // One level only (see above); partitions kept under this table.
    if (parts.some(([, p]) => p.partitionBy)) continue;
    // A partition under the table on both sides (one dropped, detached or in a dropped schema loses no copy).
    const stays = (p: string) => !dropped.has(p) && current.tables[p]?.partitionOf?.parent === key && desired.tables[p]?.partitionOf?.parent === key;
    for (const k of Object.values(t.constraints)) {
      if (k.kind !== 'primary_key' && k.kind !== 'unique') continue;
      const was = cur.constraints[k.name];
      const wasCopies = was && was.kind === k.kind ? was.copies ?? {} : undefined;
      let added = out.some((c) => onKey(c, 'add_constraint', key, k.name));
      // A copy the desired state no longer has: the key goes and comes back without it.
      if (!added && was && wasCopies && Object.keys(wasCopies).some((p) => stays(p) && k.copies?.[p] === undefined) && sameConstraint(was, k)) {
        out.push({ kind: 'drop_constraint', table: cur, constraint: was }, { kind: 'add_constraint', table: t, constraint: k, newTable: false });
        added = true;
      }
      if (added && !partialKey(desired, key, k)) continue;
      for (const [p, part] of parts) {
        const name = k.copies?.[p];
        if (name === undefined || !current.tables[p] || dropped.has(p)) continue;
        if (!added && (!stays(p) || wasCopies?.[p] !== undefined)) continue;
        addCopy(out, t, k, part, name);
      }
    }
  }
}

/** The copy `name` of the key `k` of `t` on the partition `part`: added there, then attached to `k`'s index. */
function addCopy(out: Change[], t: Table, k: Constraint & { kind: 'primary_key' | 'unique' }, part: Table, name: string): void {
  const { copies: _c, ...shape } = k;
  const copy = { ...shape, name, comment: undefined, indexComment: undefined };
  out.push({ kind: 'add_constraint', table: part, constraint: copy, newTable: false });
  out.push({ kind: 'add_constraint', table: part, constraint: { ...copy, attachedTo: qualifiedKey(t.schema, k.name) }, newTable: false, attach: true });
}
