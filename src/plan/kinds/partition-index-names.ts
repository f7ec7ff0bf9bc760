/**
 * The names of partitions' indexes attached to a partitioned table's index (Index.attached), planned.
 *
 * PostgreSQL names the index it creates on each partition for `CREATE INDEX` on the parent and for `CREATE TABLE …
 * PARTITION OF` (`<partition>_<columns>_idx`, a number appended on a clash). When the desired names are those, the
 * plain forms are written; otherwise pg_dump's form: `CREATE INDEX parent_idx ON ONLY parent …`, `CREATE INDEX
 * child_name ON child …` and `ALTER INDEX parent_idx ATTACH PARTITION child_name` for each partition (the parent
 * index is valid once each has one); a partition created for an index that stays gets its index renamed.
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey, quoteIdentAlways as qi } from '../../model/names.js';
import { defaultPartitionIndexName, relationNames } from '../../model/partition.js';
import type { Index, Model, Table } from '../../model/types.js';
import { createIndexSql } from '../index-sql.js';
import { takenIndex } from '../../diff/attached-keys.js';
import { qn } from '../table-sql.js';

/** `CREATE INDEX` of `i` (an index of a partitioned table) on the partition `part` under the name `name`. */
function childSql(i: Index, part: Table, name: string): string {
  const key = qualifiedKey(part.schema, part.name);
  if (i.keys.length) return createIndexSql({ ...i, name, schema: part.schema, table: key, only: undefined, attached: undefined });
  // PostgreSQL's text: `CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING …`.
  const def = i.definition ?? '';
  return def.replace(/^(CREATE (?:UNIQUE )?INDEX )(?:"(?:[^"]|"")*"|\S+) ON (?:ONLY )?(?:(?:"(?:[^"]|"")*"|[^\s."]+)\.)?(?:"(?:[^"]|"")*"|[^\s."]+) /, `$1${qi(name)} ON ${qn(part.schema, part.name)} `);
}

/** `CREATE INDEX … ON ONLY …` of `i`. */
function onlySql(i: Index): string {
  if (i.keys.length) return createIndexSql({ ...i, only: true });
  const def = i.definition ?? '';
  return / ON ONLY /.test(def) ? def : def.replace(/ ON /, ' ON ONLY ');
}

/**
 * The statements creating `i`, an index of a partitioned table whose partitions' indexes have names PostgreSQL
 * would not give them (or may not, another relation having the name): pg_dump's form. Undefined when the plain
 * `CREATE INDEX` names them as desired.
 *
 * @example
 * partitionedIndexSql(idx, current, desired)
 * // ['CREATE INDEX "r_v" ON ONLY "public"."r" ("v")', 'CREATE INDEX "east_v" ON "public"."r_east" ("v")',
 * //  'ALTER INDEX "public"."r_v" ATTACH PARTITION "public"."east_v"']
 */
export function partitionedIndexSql(i: Index, current: Model, desired: Model): string[] | undefined {
  const parts = Object.entries(i.attached ?? {}).flatMap(([k, name]) => (desired.tables[k]?.partitionOf?.parent === i.table ? [{ part: desired.tables[k]!, name }] : []));
  if (!parts.length || i.only) return undefined;
  // A partition's own index of the shape under the desired name is attached as it is (diff/attached-keys.ts keeps it).
  const kept = (part: Table, name: string) => !!takenIndex(current, i, qualifiedKey(part.schema, part.name), name);
  const plain = parts.every(({ part, name }) => i.keys.length > 0 && name === defaultPartitionIndexName(part.name, i)
    && !relationNames(current, part.schema).has(name) && !relationNames(desired, part.schema, { attached: false }).has(name));
  if (plain) return undefined;
  const out = [onlySql(i)];
  for (const { part, name } of parts) out.push(...(kept(part, name) ? [] : [childSql(i, part, name)]), `ALTER INDEX ${qn(i.schema, i.name)} ATTACH PARTITION ${qn(part.schema, name)}`);
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
  const was = current.tables[t.partitionOf.parent];
  if (!parent || !was) return [];
  const key = qualifiedKey(t.schema, t.name);
  const out: string[] = [];
  const taken = relationNames(current, t.schema);
  for (const i of Object.values(parent.indexes)) {
    const target = i.attached?.[key];
    if (target === undefined || !was.indexes[i.name] || !i.keys.length) continue;
    if (all.some((c) => (c.kind === 'create_index' && !c.statisticsFrom || c.kind === 'drop_index') && c.index.table === i.table && c.index.name === i.name)) continue;
    let given = defaultPartitionIndexName(t.name, i);
    for (let n = 1; taken.has(given); n++) given = `${defaultPartitionIndexName(t.name, i).replace(/_idx$/, '')}_idx${n}`;
    taken.add(given);
    if (given !== target) out.push(`ALTER INDEX ${qn(t.schema, given)} RENAME TO ${qi(target)}`);
  }
  return out;
}
