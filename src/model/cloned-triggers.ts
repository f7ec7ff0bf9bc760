/**
 * The firing state of the copies PostgreSQL makes of a partitioned table's triggers on its partitions
 * (`pg_trigger.tgparentid`): each copy fires as its parent's trigger does unless set apart, which pg_dump writes as
 * `ALTER TABLE part ENABLE ALWAYS TRIGGER trg` and the Model keeps in `Table.clonedTriggers` (only where it differs).
 * `ALTER TABLE t … TRIGGER trg` reaches the copies on t's partitions (all levels), `ALTER TABLE ONLY t` does not, and
 * a new partition's copy starts as its parent's trigger is (PostgreSQL 13+).
 *
 * In: tables by key. Out: firing states; the fold's updates of `clonedTriggers`. Never: I/O.
 */
import type { Firing } from './firing.js';
import type { Table } from './types.js';

type Tables = Readonly<Record<string, Pick<Table, 'triggers' | 'clonedTriggers' | 'partitionOf'>>>;

/**
 * How trigger `name` fires on table `key`: its own trigger's state, else its copy's (the parent's unless set apart);
 * undefined when neither it nor a table above it has the trigger.
 *
 * @example
 * triggerFiring(tables, 'public.part', 'audit') // 'A' after ALTER TABLE part ENABLE ALWAYS TRIGGER audit
 */
export function triggerFiring(tables: Tables, key: string, name: string): Firing | undefined {
  const t = tables[key];
  if (!t) return undefined;
  const own = t.triggers[name];
  if (own) return own.enabled ?? 'O';
  return t.clonedTriggers?.[name] ?? parentFiring(tables, key, name);
}

/** How trigger `name` fires on the parent of partition `key` (undefined: not a partition, or no such trigger above). */
export function parentFiring(tables: Tables, key: string, name: string): Firing | undefined {
  const parent = tables[key]?.partitionOf?.parent;
  return parent ? triggerFiring(tables, parent, name) : undefined;
}

/** The partitions of `key`, every level, parents before their partitions. */
export function partitionsBelow(tables: Tables, key: string): string[] {
  // The partitions of each table, in the tables' order, from one pass (not one per partition below: quadratic).
  const under = new Map<string, string[]>();
  for (const [child, t] of Object.entries(tables)) {
    const p = t.partitionOf?.parent;
    if (p === undefined) continue;
    const list = under.get(p);
    if (list) list.push(child);
    else under.set(p, [child]);
  }
  const out: string[] = [];
  for (let i = -1; i < out.length; i++) out.push(...(under.get(i < 0 ? key : out[i]!) ?? []));
  return out;
}

type MutTables = Record<string, { triggers: Table['triggers']; clonedTriggers?: Record<string, Firing>; partitionOf?: Table['partitionOf'] }>;

/** Sets (or, equal to its parent's, forgets) the firing state of partition `key`'s copy of trigger `name`. */
export function setCloneFiring(tables: MutTables, key: string, name: string, state: Firing | undefined): void {
  const t = tables[key]!;
  const parent = parentFiring(tables, key, name);
  if (state === undefined || state === parent) {
    if (t.clonedTriggers) {
      delete t.clonedTriggers[name];
      if (!Object.keys(t.clonedTriggers).length) delete t.clonedTriggers;
    }
  } else (t.clonedTriggers ??= {})[name] = state;
}

/**
 * `ALTER TABLE [ONLY] key ENABLE | DISABLE [REPLICA | ALWAYS] TRIGGER name` on a table's own trigger (`setOwn`) or on
 * a partition's copy of its parent's; the copies below follow unless `only`. False when the table has no such trigger.
 *
 * @example
 * alterTriggerFiring(model.tables, 'public.part', 'audit', 'A', false, (s) => undefined) // part's copy fires always
 */
export function alterTriggerFiring(tables: MutTables, key: string, name: string, state: Firing, only: boolean, setOwn: (state: Firing) => void): boolean {
  const t = tables[key];
  if (!t) return false;
  const below = partitionsBelow(tables, key);
  const before = new Map(below.map((k) => [k, triggerFiring(tables, k, name)]));
  if (t.triggers[name]) setOwn(state);
  else if (parentFiring(tables, key, name) !== undefined) setCloneFiring(tables, key, name, state);
  else return false;
  // Parents first: each copy is compared with its parent's state as it now is.
  for (const k of below) setCloneFiring(tables, k, name, only ? before.get(k) : undefined);
  return true;
}

/** The copies of trigger `name` on the partitions below `key` go (the trigger was dropped, or the tree was left). */
export function forgetClones(tables: MutTables, keys: readonly string[], name?: string): void {
  for (const k of keys) {
    const t = tables[k];
    if (!t?.clonedTriggers) continue;
    if (name === undefined) delete t.clonedTriggers;
    else setCloneFiring(tables, k, name, undefined);
  }
}
