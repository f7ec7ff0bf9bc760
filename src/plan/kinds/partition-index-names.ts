/**
 * The names of partitions' indexes attached to a partitioned table's index (Index.attached), planned.
 *
 * PostgreSQL names the index it creates on each partition for `CREATE INDEX` on the parent and for `CREATE TABLE …
 * PARTITION OF` (`<partition>_<columns>_idx`, a number appended on a clash), at every level of a sub-partitioned
 * tree. When the desired names are those, the plain forms are written; otherwise pg_dump's form: `CREATE INDEX
 * parent_idx ON ONLY parent …`, `CREATE INDEX child_name ON child …` (`ON ONLY` for a partitioned child, whose
 * partitions' indexes follow) and `ALTER INDEX parent_idx ATTACH PARTITION child_name` for each partition (the parent
 * index is valid once each has one); a partition created for an index that stays gets its index renamed.
 */
import { attachedOrderOf, withOrder } from '../../model/attached-order.js';
import type { Change } from '../../diff/changes.js';
import { qualifiedKey, quoteIdentAlways as qi } from '../../model/names.js';
import { defaultPartitionIndexName, descendsFrom, relationNames } from '../../model/partition.js';
import { indexesAttaching, NamesOver } from '../../model/partition-maps.js';
import type { Index, Model, Table } from '../../model/types.js';
import { createIndexSql } from '../index-sql.js';
import { takenIndex } from '../../diff/attached-keys.js';
import { qn } from '../table-sql.js';

/**
 * `CREATE INDEX` of `i` (an index of a partitioned table) on the partition `part` under the name `name`, `ON ONLY`
 * when `part` is partitioned too (its own partitions' indexes are attached to it next).
 */
function childSql(i: Index, part: Table, name: string): string {
  const key = qualifiedKey(part.schema, part.name);
  return createIndexSql({ ...withOrder(i, attachedOrderOf(i, key)), name, schema: part.schema, table: key, only: part.partitionBy ? true : undefined, attached: undefined, attachedOrder: undefined });
}

/**
 * The statements creating `i`, an index of a partitioned table whose partitions' indexes (at every level:
 * Index.attached) have names PostgreSQL would not give them (or may not, another relation having the name):
 * pg_dump's form, a sub-partitioned partition's index `ON ONLY` with its partitions' indexes attached to it before
 * it is attached to the level above. Undefined when the plain `CREATE INDEX` names them as desired, or when the
 * Model has no keys for `i` (its statement is then PostgreSQL's text, kept as it is: the plan has no parser to
 * rename it with; a second plan renames the partitions' indexes: diff/attached-keys.ts renamePartitionIndexes).
 *
 * @example
 * partitionedIndexSql(idx, current, desired, new Set())
 * // ['CREATE INDEX "r_v" ON ONLY "public"."r" ("v")', 'CREATE INDEX "east_v" ON "public"."r_east" ("v")',
 * //  'ALTER INDEX "public"."r_v" ATTACH PARTITION "public"."east_v"']
 */
export function partitionedIndexSql(i: Index, current: Model, desired: Model, moved: ReadonlySet<string> = new Set()): string[] | undefined {
  // A table that becomes a partition here (change `reattach_partition`: ./partition-move.ts) gets its index in its
  // detached state and the ATTACH PARTITION adopts it: not created or attached here (PostgreSQL refuses attaching an
  // index of a table that is not a partition yet). Likewise a partition the plan detaches and attaches again
  // (`moved`): its ATTACH PARTITION attaches the index of the shape it kept from its old parent, or builds one.
  const joins = (k: string) => !!current.tables[k] && current.tables[k]!.partitionOf?.parent !== desired.tables[k]!.partitionOf?.parent;
  const parts = Object.entries(i.attached ?? {}).flatMap(([k, name]) => (desired.tables[k] && !moved.has(k) && descendsFrom(desired.tables, k, i.table) && !joins(k) ? [{ key: k, part: desired.tables[k]!, name }] : []));
  if (!parts.length || !i.keys.length) return undefined;
  // A partition's own index of the shape under the desired name is attached as it is (diff/attached-keys.ts keeps it).
  const kept = (part: Table, name: string) => !!takenIndex(current, i, qualifiedKey(part.schema, part.name), name);
  // An index `ON ONLY` (Index.only) gets the partitions' indexes attached to it in pg_dump's form, never plain; so
  // does one with a partition's index in another key order (Index.attachedOrder: PostgreSQL's copies take its own).
  const plain = !i.only && !i.attachedOrder && parts.every(({ part, name }) => name === defaultPartitionIndexName(part.name, i)
    && !relationNames(current, part.schema).has(name) && !relationNames(desired, part.schema, { attached: false }).has(name));
  if (plain) return undefined;
  const out = [createIndexSql({ ...i, only: true })];
  /** The partitions of the table `table` get their indexes, attached to its index `schema.name`. */
  const level = (table: string, schema: string, name: string): void => {
    for (const p of parts) {
      if (p.part.partitionOf?.parent !== table) continue;
      const own = kept(p.part, p.name);
      if (!own) out.push(childSql(i, p.part, p.name));
      // A sub-partitioned partition's own index, kept, has its partitions' indexes attached already.
      if (p.part.partitionBy && !own) level(p.key, p.part.schema, p.name);
      out.push(`ALTER INDEX ${qn(schema, name)} ATTACH PARTITION ${qn(p.part.schema, p.name)}`);
    }
  };
  level(i.table, i.schema, i.name);
  return out;
}

/**
 * `ALTER INDEX … RENAME` of the indexes PostgreSQL creates on the new partition `t` (`CREATE TABLE … PARTITION OF`)
 * for its parent's indexes that the plan keeps, when the desired names differ from the ones it gives.
 *
 * @example
 * newPartitionRenames(t, all, current, desired) // ['ALTER INDEX "public"."r_north_v_idx" RENAME TO "north_v"']
 */
export function newPartitionRenames(t: Table, all: readonly Change[], current: Model, desired: Model): string[] {
  if (!t.partitionOf) return [];
  const parent = desired.tables[t.partitionOf.parent];
  if (!parent) return [];
  const key = qualifiedKey(t.schema, t.name);
  const out: string[] = [];
  const taken = new NamesOver(relationNamesOnce(current, t.schema));
  // The parent's indexes, and those of tables above it that it has an index attached to (a sub-partition's).
  const above = indexesAttaching(desired.tables).get(t.partitionOf.parent) ?? [];
  for (const i of [...Object.values(parent.indexes), ...above]) {
    const target = i.attached?.[key];
    if (target === undefined || !current.tables[i.table]?.indexes[i.name] || !i.keys.length) continue;
    if (all.some((c) => (c.kind === 'create_index' && !c.statisticsFrom || c.kind === 'drop_index') && c.index.table === i.table && c.index.name === i.name)) continue;
    const given = defaultPartitionIndexName(t.name, i, taken);
    taken.add(given);
    if (given !== target) out.push(`ALTER INDEX ${qn(t.schema, given)} RENAME TO ${qi(target)}`);
  }
  return out;
}

const namesOf = new WeakMap<Model, Map<string, ReadonlySet<string>>>();

/** relationNames(model, schema), remembered per Model and schema (asked for each new partition). Never changed by its callers. */
function relationNamesOnce(model: Model, schema: string): ReadonlySet<string> {
  let bySchema = namesOf.get(model);
  if (!bySchema) namesOf.set(model, (bySchema = new Map()));
  let names = bySchema.get(schema);
  if (!names) bySchema.set(schema, (names = relationNames(model, schema)));
  return names;
}
