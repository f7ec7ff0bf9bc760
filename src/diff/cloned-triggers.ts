/**
 * The firing state of partitions' copies of their parents' triggers (`Table.clonedTriggers`,
 * ../model/cloned-triggers.ts): a copy whose wanted state changes, or that a parent's firing statement in the plan
 * reaches (`ALTER TABLE parent … TRIGGER`, a trigger created or recreated, a partition's copy set above it), or
 * whose partition is created or attached again, is set again, parents first (the planner orders each after its parent's: ../plan/edges.ts).
 *
 * In: both Models and the changes so far. Out: `cloned_trigger_enabled` changes appended. Never: I/O.
 */
import type { Model } from '../model/types.js';
import { parentFiring, partitionsBelow } from '../model/cloned-triggers.js';
import { qualifiedKey } from '../model/names.js';
import type { Change } from './changes.js';

/**
 * @example
 * diffClonedTriggers(current, desired, out) // out gains { kind: 'cloned_trigger_enabled', table: 'public.c', trigger: 'trg', enabled: 'A', … }
 */
export function diffClonedTriggers(current: Model, desired: Model, out: Change[]): void {
  const fired = new Set<string>();
  const at = (table: string, trigger: string) => `${table}\u0000${trigger}`;
  for (const c of out) if (c.kind === 'create_trigger' || c.kind === 'trigger_enabled') fired.add(at(c.trigger.table, c.trigger.name));
  // A partition created (again), or detached and attached again (a new bound, another parent): the ATTACH clones
  // its parent's triggers afresh, in their state (DETACH drops the clones), so its own states are set again.
  const created = new Set(out.flatMap((c) => (c.kind === 'create_table' || c.kind === 'reattach_partition' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  const roots = Object.keys(desired.tables).filter((k) => desired.tables[k]!.partitionBy && !desired.tables[k]!.partitionOf);
  for (const root of roots) {
    for (const key of partitionsBelow(desired.tables, root)) {
      const t = desired.tables[key]!;
      const parent = t.partitionOf!.parent;
      const cur = created.has(key) ? undefined : current.tables[key];
      const names = new Set([...Object.keys(t.clonedTriggers ?? {}), ...Object.keys(cur?.clonedTriggers ?? {})]);
      for (const name of names) {
        const above = parentFiring(desired.tables, key, name);
        if (above === undefined) continue;
        const want = t.clonedTriggers?.[name];
        const had = cur?.partitionOf?.parent === parent ? cur.clonedTriggers?.[name] : undefined;
        if (want === had && !(want !== undefined && fired.has(at(parent, name)))) continue;
        out.push({ kind: 'cloned_trigger_enabled', table: key, parent, trigger: name, enabled: want ?? above });
        fired.add(at(key, name));
      }
    }
  }
}
