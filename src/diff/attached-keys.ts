/**
 * Partition keys attached to a parent's plain index (Constraint.attachedTo): `ALTER INDEX parent_idx ATTACH
 * PARTITION child_pkey` is part of the schema (pg_dump writes it), and PostgreSQL has no way to detach an index.
 *
 * In: the differ's changes and both Models. Out: the changes plus, for each key of a partition that the desired
 * state attaches to a parent index and the current state does not (or the key is added again), an `attach`
 * change; a key attached in the current state to another index than in the desired one (or no longer attached)
 * is dropped and added again (its drop goes with the parent index's: plan/kinds/attached-keys.ts). Pure.
 */
import type { Change } from './changes.js';
import { qualifiedKey } from '../model/names.js';
import type { Constraint, Model } from '../model/types.js';

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
  const dropped = new Set(out.flatMap((c) => (c.kind === 'drop_table' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  for (const [key, t] of Object.entries(desired.tables)) {
    const cur = dropped.has(key) ? undefined : current.tables[key];
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
