/**
 * Partition keys attached to a parent's plain index (Constraint.attachedTo). PostgreSQL refuses to drop such a key
 * on its own ('cannot drop index child_pkey because index parent_idx requires it') and refuses to drop the parent
 * index while the key's constraint depends on it, unless CASCADE: the key and the parent index go together, as
 * one `DROP INDEX parent_idx CASCADE` (the key's drop writes nothing), and whichever of the two the desired state
 * keeps is created again.
 *
 * In: the changes and both Models. Out: the changes plus the drops and re-creates above (pure, to a fixpoint:
 * a parent index recreated takes every key attached to it).
 */
import { droppedTableKeys, type Change } from '../../diff/changes.js';
import { qualifiedKey } from '../../model/names.js';
import type { Constraint, Index, Model, Table } from '../../model/types.js';

/** A key of a partition attached to a parent's plain index, with its table. */
export interface AttachedKey {
  readonly table: Table;
  readonly key: Constraint;
  /** Key of the parent index (`schema.name`). */
  readonly index: string;
}

const cache = new WeakMap<Model, AttachedKey[]>();

/**
 * The partition keys of `model` attached to a parent's plain index.
 *
 * @example
 * attachedKeys(model) // [{ table: foobar_1, key: foobar_1_pkey, index: 'schema_1.some_idx' }]
 */
export function attachedKeys(model: Model): AttachedKey[] {
  let out = cache.get(model);
  if (!out) {
    out = Object.values(model.tables).flatMap((table) => Object.values(table.constraints).flatMap((key) => ('attachedTo' in key && key.attachedTo ? [{ table, key, index: key.attachedTo }] : [])));
    cache.set(model, out);
  }
  return out;
}

/**
 * The index `key` (`schema.name`) of `model`, on any table; for a partition's index attached to a partitioned table's
 * (Index.attached: a sub-partitioned partition's, which a key a level down is attached to), the top index it is
 * recorded on, whose `DROP INDEX … CASCADE` takes it and whose rebuild makes it again.
 */
function findIndex(model: Model, key: string): Index | undefined {
  for (const t of Object.values(model.tables)) for (const i of Object.values(t.indexes)) if (qualifiedKey(i.schema, i.name) === key) return i;
  for (const t of Object.values(model.tables)) {
    if (!t.partitionBy) continue;
    for (const i of Object.values(t.indexes))
      for (const [part, name] of Object.entries(i.attached ?? {})) if (model.tables[part] && qualifiedKey(model.tables[part]!.schema, name) === key) return i;
  }
  return undefined;
}

/**
 * Adds to `all` the drops and creates that keep attached keys and their parent indexes together (see above).
 *
 * @example
 * dropAttachedKeysWithIndexes(all, current, desired)
 * // foobar_1_pkey (attached to some_idx) dropped, some_idx kept: all gains drop_index some_idx, create_index some_idx
 */
export function dropAttachedKeysWithIndexes(all: Change[], current: Model, desired: Model): void {
  const keys = attachedKeys(current);
  // A key attached to a parent index that exists and is valid: each partition already has an index attached to it,
  // so the parent index is built again (its CREATE INDEX takes the key, added first).
  for (const c of [...all]) {
    if (c.kind !== 'add_constraint' || !c.attach) continue;
    const to = (c.constraint as { attachedTo?: string }).attachedTo!;
    const ix = findIndex(current, to);
    const top = ix && qualifiedKey(ix.schema, ix.name);
    if (!ix || ix.only || all.some((x) => x.kind === 'drop_index' && qualifiedKey(x.index.schema, x.index.name) === top)) continue;
    all.push({ kind: 'drop_index', index: ix });
    const back = findIndex(desired, top!);
    if (back && !all.some((x) => x.kind === 'create_index' && qualifiedKey(x.index.schema, x.index.name) === top && !x.statisticsFrom)) all.push({ kind: 'create_index', index: back, newTable: false });
  }
  if (!keys.length) return;
  const droppedTables = droppedTableKeys(all);
  const tableKey = (t: Table) => qualifiedKey(t.schema, t.name);
  const onKey = (c: Change, kind: 'drop_constraint' | 'add_constraint', k: AttachedKey) => c.kind === kind && tableKey(c.table) === tableKey(k.table) && c.constraint.name === k.key.name;
  for (let changed = true; changed;) {
    changed = false;
    for (const k of keys) {
      const ix = findIndex(current, k.index);
      if (!ix || droppedTables.has(tableKey(k.table)) || droppedTables.has(ix.table)) continue;
      const keyDropped = all.some((c) => onKey(c, 'drop_constraint', k));
      const top = qualifiedKey(ix.schema, ix.name);
      const indexDropped = all.some((c) => c.kind === 'drop_index' && qualifiedKey(c.index.schema, c.index.name) === top);
      if (keyDropped && !indexDropped) {
        all.push({ kind: 'drop_index', index: ix });
        const back = findIndex(desired, top);
        if (back && !all.some((c) => c.kind === 'create_index' && qualifiedKey(c.index.schema, c.index.name) === top && !c.statisticsFrom)) all.push({ kind: 'create_index', index: back, newTable: false });
        changed = true;
      } else if (indexDropped && !keyDropped) {
        all.push({ kind: 'drop_constraint', table: k.table, constraint: k.key });
        const t = desired.tables[tableKey(k.table)];
        const back = t?.constraints[k.key.name];
        if (t && back && !all.some((c) => onKey(c, 'add_constraint', k) && !(c as { attach?: boolean }).attach)) all.push({ kind: 'add_constraint', table: t, constraint: back, newTable: false });
        if (t && back && 'attachedTo' in back && back.attachedTo && !all.some((c) => onKey(c, 'add_constraint', k) && !!(c as { attach?: boolean }).attach)) all.push({ kind: 'add_constraint', table: t, constraint: back, newTable: false, attach: true });
        changed = true;
      }
    }
  }
}

/**
 * Is `c` the drop of an attached key that its parent index's `DROP INDEX … CASCADE` takes (in `all`)?
 *
 * @example
 * takenByIndexDrop(dropFoobar1Pkey, all, current) // true when all drops some_idx too
 */
export function takenByIndexDrop(c: Change, all: readonly Change[], current: Model): boolean {
  if (c.kind !== 'drop_constraint' || !('attachedTo' in c.constraint) || !c.constraint.attachedTo) return false;
  const ix = findIndex(current, c.constraint.attachedTo);
  return !!ix && all.some((x) => x.kind === 'drop_index' && x.index.schema === ix.schema && x.index.name === ix.name);
}

/**
 * The keys of `model` attached to the index `index` (`schema.name`), kept out of dropped tables by the caller.
 *
 * @example
 * keysAttachedTo(current, 'schema_1.some_idx') // [{ table: foobar_1, key: foobar_1_pkey, … }]
 */
export function keysAttachedTo(model: Model, index: string): AttachedKey[] {
  return attachedKeys(model).filter((k) => k.index === index);
}

/**
 * The partition `table` of `model` as a plain table to create before `ATTACH PARTITION` (a new partition whose keys
 * attach to its parent's indexes, diff/attached-keys.ts): its own columns and constraints plus the inheritable
 * CHECKs of every table above it, which ATTACH requires the table to have already ('child table is missing
 * constraint …') and then marks inherited, as pg_dump's own CREATE TABLE + ATTACH does. Foreign keys, keys and
 * indexes of the parents are left to ATTACH, which clones or attaches them.
 *
 * @example
 * standalonePartition(model, model.tables['public.foobar_1']).constraints['foobar_fizz_check'] // the parent's CHECK
 */
export function standalonePartition(model: Model, table: Table): Table {
  const checks: Record<string, Constraint> = {};
  for (let up = table.partitionOf && model.tables[table.partitionOf.parent]; up; up = up.partitionOf && model.tables[up.partitionOf.parent])
    for (const c of Object.values(up.constraints)) if (c.kind === 'check' && !c.noInherit && !checks[c.name]) checks[c.name] = { ...c, comment: undefined, notValid: undefined };
  return {
    ...table,
    partitionOf: undefined,
    columns: table.columns.map(({ inherited: _i, ...col }) => col),
    constraints: { ...checks, ...table.constraints },
  };
}
