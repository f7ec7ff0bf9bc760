/**
 * The names of a new partition's copies of the keys above it (PrimaryKey.copies), planned. PostgreSQL copies a
 * partitioned table's PRIMARY KEY / UNIQUE onto each partition it creates or attaches, named `<partition>_pkey` /
 * `<partition>_<columns>_key` (a number appended on a clash); when the desired name is another (pg_dump's
 * `ALTER INDEX parent_pkey ATTACH PARTITION p1_custom`, a renamed copy), the copy is renamed once the partition
 * exists: `ALTER TABLE part RENAME CONSTRAINT` (the index behind it follows). Copies of a partition that exists are
 * renamed by the differ (diff/attached-keys.ts, renamePartitionKeys).
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey, quoteIdentAlways as qi } from '../../model/names.js';
import { defaultCopyName, descendsFrom, relationNames, takesKey } from '../../model/partition.js';
import { keyCopiesOn, NamesOver } from '../../model/partition-maps.js';
import type { Model, PrimaryKey, Table, UniqueConstraint } from '../../model/types.js';
import { constraintAfterTable, qn } from '../table-sql.js';

/**
 * `ALTER TABLE … RENAME CONSTRAINT` of the copies PostgreSQL makes on the new partition `t` of the keys above it that
 * exist when it is created (kept, or written in a new table's CREATE TABLE), when the desired names differ from the
 * ones it gives. A key added to a table that exists is copied by its ADD, at a place of the plan this does not
 * follow (addedKeyCopyRenames does).
 *
 * @example
 * newPartitionKeyRenames(p1, all, current, desired) // ['ALTER TABLE "public"."p1" RENAME CONSTRAINT "p1_pkey" TO "p1_custom"']
 */
export function newPartitionKeyRenames(t: Table, all: readonly Change[], current: Model, desired: Model): string[] {
  if (!t.partitionOf) return [];
  const key = qualifiedKey(t.schema, t.name);
  const taken = new NamesOver(namesAfterDropsOnce(current, t.schema, all));
  const out: string[] = [];
  for (const { above, key: k } of keyCopiesOn(desired.tables).get(key) ?? []) {
    const changed = keyChanges(all).get(`${qualifiedKey(above.schema, above.name)}\u0000${k.name}`);
    const inline = changed?.kind === 'add_constraint' && changed.newTable && !constraintAfterTable(above, k);
    if (changed && !inline) continue;
    const given = defaultCopyName(t.name, k, taken);
    taken.add(given);
    if (given !== k.copies![key]) out.push(`ALTER TABLE ${qn(t.schema, t.name)} RENAME CONSTRAINT ${qi(given)} TO ${qi(k.copies![key]!)}`);
  }
  return out;
}

const changesOfKeys = new WeakMap<readonly Change[], ReadonlyMap<string, Change>>();

/** The first ADD or DROP CONSTRAINT of `all` for each table's constraint (`table\0name`), remembered per plan. */
function keyChanges(all: readonly Change[]): ReadonlyMap<string, Change> {
  let m = changesOfKeys.get(all) as Map<string, Change> | undefined;
  if (!m) {
    m = new Map();
    for (const c of all) {
      if (c.kind !== 'add_constraint' && c.kind !== 'drop_constraint') continue;
      const k = `${qualifiedKey(c.table.schema, c.table.name)}\u0000${c.constraint.name}`;
      if (!m.has(k)) m.set(k, c);
    }
    changesOfKeys.set(all, m);
  }
  return m;
}

const afterDrops = new WeakMap<readonly Change[], { readonly current: Model; readonly bySchema: Map<string, ReadonlySet<string>> }>();

/** namesAfterDrops, remembered per plan and schema (asked for each new partition). Never changed by its callers. */
function namesAfterDropsOnce(current: Model, schema: string, all: readonly Change[]): ReadonlySet<string> {
  let memo = afterDrops.get(all);
  if (!memo || memo.current !== current) afterDrops.set(all, (memo = { current, bySchema: new Map() }));
  let names = memo.bySchema.get(schema);
  if (!names) memo.bySchema.set(schema, (names = namesAfterDrops(current, schema, all)));
  return names;
}

/**
 * Relation names of `schema` in `current` once the keys and indexes that `all` drops are gone (their partitions' copies
 * and indexes with them), and the tables it drops (a partitioned table's partitions with it: the DROP TABLE runs before
 * the CREATE TABLE of one recreated, so their indexes' and keys' names are free for the new ones).
 */
function namesAfterDrops(current: Model, schema: string, all: readonly Change[]): Set<string> {
  const dropped = new Set(all.flatMap((c) => (c.kind === 'drop_table' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  const gone = (k: string): boolean => dropped.has(k) || (!!current.tables[k]?.partitionOf && gone(current.tables[k]!.partitionOf!.parent));
  const left: Model = dropped.size ? { ...current, tables: Object.fromEntries(Object.entries(current.tables).filter(([k]) => !gone(k))) } : current;
  const taken = relationNames(left, schema);
  for (const c of all) {
    if (c.kind === 'drop_constraint' && (c.constraint.kind === 'primary_key' || c.constraint.kind === 'unique' || c.constraint.kind === 'exclusion')) {
      // A dropped key frees its index's name (a partition's key attached to a parent index, dropped with it, too).
      if (c.table.schema === schema) taken.delete(c.constraint.name);
      if ('copies' in c.constraint) for (const [part, name] of Object.entries(c.constraint.copies ?? {})) if (current.tables[part]?.schema === schema) taken.delete(name);
    } else if (c.kind === 'drop_index') {
      // A dropped index frees its name, and a partitioned one the names of its partitions' indexes, dropped with it.
      if (c.index.schema === schema) taken.delete(c.index.name);
      for (const [part, name] of Object.entries(c.index.attached ?? {})) if (current.tables[part]?.schema === schema) taken.delete(name);
    }
  }
  return taken;
}

/**
 * `ALTER TABLE … RENAME CONSTRAINT` of the copies `ALTER TABLE t ADD PRIMARY KEY/UNIQUE` makes (or takes) on the
 * partitions `t` has already, when the desired names differ: a partition's own key of the shape keeps its name
 * (takesKey), the others get PostgreSQL's; so do the partitions the plan creates, which come before the ADD. A table
 * the plan attaches as a partition (a partition move, after the ADD) gets its copy from ATTACH: not followed here.
 *
 * @example
 * addedKeyCopyRenames(m, mK, all, current) // ['ALTER TABLE "public"."m_one" RENAME CONSTRAINT "m_one_pkey" TO "m_one_k"']
 */
export function addedKeyCopyRenames(t: Table, k: PrimaryKey | UniqueConstraint, all: readonly Change[], current: Model, desired: Model): string[] {
  const tableKey = qualifiedKey(t.schema, t.name);
  if (!t.partitionBy || !k.copies || !current.tables[tableKey]) return [];
  const changed = new Set(all.flatMap((c) => (c.kind === 'create_table' || c.kind === 'drop_table' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  const created = new Set(all.flatMap((c) => (c.kind === 'create_table' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  const out: string[] = [];
  const takenBySchema = new Map<string, Set<string>>();
  // The partitions it has already, and those the plan creates (before the ADD: plan/edges.ts), level by level as
  // DefineIndex recurses: a partition's copy is made before its own partitions'.
  const kept = (p: string) => !!current.tables[p] && !changed.has(p) && descendsFrom(current.tables, p, tableKey);
  const made = (p: string) => created.has(p) && !current.tables[p] && descendsFrom(desired.tables, p, tableKey);
  const parts = Object.keys(k.copies).filter((p) => kept(p) || made(p)).sort((a, b) => depth(desired, a) - depth(desired, b));
  for (const p of parts) {
    const part = (kept(p) ? current : desired).tables[p]!;
    const taken = takenBySchema.get(part.schema) ?? namesAfterDrops(current, part.schema, all);
    takenBySchema.set(part.schema, taken);
    // A partition's own key of the shape is taken as it is (a new partition has none: it would be the copy).
    const own = kept(p) ? Object.values(part.constraints).find((x): x is PrimaryKey | UniqueConstraint => (x.kind === 'primary_key' || x.kind === 'unique') && takesKey(x, k, false)) : undefined;
    const given = own?.name ?? defaultCopyName(part.name, k, taken);
    taken.add(given);
    if (given !== k.copies[p]) out.push(`ALTER TABLE ${qn(part.schema, part.name)} RENAME CONSTRAINT ${qi(given)} TO ${qi(k.copies[p]!)}`);
  }
  return out;
}

const depth = (m: Model, key: string): number => {
  let n = 0;
  for (let at = m.tables[key]?.partitionOf?.parent; at && n < 64; at = m.tables[at]?.partitionOf?.parent) n++;
  return n;
};
