/**
 * What a partition is once detached from its parent (`ALTER TABLE parent DETACH PARTITION child`), computed from
 * the Model. The Model shows a partition without what it inherits (the inspector hides the parent's indexes and
 * constraints attached to it); PostgreSQL leaves them on the detached table as its own (checked with pg_dump):
 *  - every column becomes local;
 *  - the parent's CHECK constraints and foreign keys, under the parent's constraint names;
 *  - a copy of each of the parent's indexes and key constraints (PRIMARY KEY, UNIQUE), named as PostgreSQL names
 *    the clones it makes for a partition (`<partition>_pkey`, `<partition>_<columns>_key`, `<partition>_<columns>_idx`,
 *    a number appended on a clash with another relation of the schema);
 *  - not the parent's row triggers (their clones are dropped by the detach).
 * The same state is what a table must look like before `ATTACH PARTITION` makes it that partition: PostgreSQL
 * attaches matching indexes and constraints instead of creating them.
 *
 * The indexes keep the names recorded on the parent's (Index.attached); without one, the names are those of
 * `CREATE TABLE … PARTITION OF`. Limits: exclusion constraints are not copied, nor `ON ONLY` indexes of the parent
 * that the partition has no index attached to.
 */
import { attachedOrderOf, differingOrders, withOrder } from './attached-order.js';
import { qualifiedKey } from './names.js';
import { chooseName, nameAddition as addition } from './naming.js';
import type { Constraint, Index, Model, PrimaryKey, Table, UniqueConstraint } from './types.js';

/** The name PostgreSQL gives an index key's column: the column, the function an expression calls, else `expr`. */
function keyName(k: Index['keys'][number]): string {
  if (k.column) return k.column;
  const text = k.expr?.text ?? '';
  const call = /^\(*(?:"?[\w$]+"?\.)?"?([A-Za-z_][\w$]*)"?\(/.exec(text);
  if (call) return call[1]!;
  const cast = /^\(*"?([A-Za-z_][\w$]*)"?\)*::/.exec(text);
  return cast ? cast[1]! : 'expr';
}

/**
 * The name PostgreSQL gives the index it creates on the partition `table` for its parent's index `index` when no
 * other relation of the schema has it (ChooseIndexName; else a number is appended while `taken` has it).
 *
 * @example
 * defaultPartitionIndexName('orders_2024', idx) // idx on (lower(email)) → 'orders_2024_lower_idx'
 */
export function defaultPartitionIndexName(table: string, index: Index, taken: { has(name: string): boolean } = new Set()): string {
  return chooseName(table, addition(index.keys.map(keyName)), 'idx', (n) => taken.has(n));
}

/**
 * The name PostgreSQL gives the copy of `key` (a PRIMARY KEY or UNIQUE of a table above) it makes on the partition
 * `part`: `<part>_pkey` or `<part>_<columns>_key`, a number appended while `taken` has it (ChooseConstraintName).
 *
 * @example
 * defaultCopyName('p1', pPkey, new Set(['p1_pkey'])) // 'p1_pkey1'
 */
export function defaultCopyName(part: string, key: PrimaryKey | UniqueConstraint, taken: { has(name: string): boolean }): string {
  return key.kind === 'primary_key' ? chooseName(part, undefined, 'pkey', (n) => taken.has(n)) : chooseName(part, addition(key.columns), 'key', (n) => taken.has(n));
}

/**
 * Whether the table `key` is a partition of `ancestor`, directly or at a lower level (a partition of a partition).
 *
 * @example
 * descendsFrom(model.tables, 'public.r_west_low', 'public.r') // true: r_west_low is a partition of r_west, of r
 */
export function descendsFrom(tables: Readonly<Record<string, { readonly partitionOf?: { readonly parent: string } }>>, key: string, ancestor: string): boolean {
  const seen = new Set<string>();
  for (let at = tables[key]?.partitionOf?.parent; at && !seen.has(at); at = tables[at]?.partitionOf?.parent) {
    if (at === ancestor) return true;
    seen.add(at);
  }
  return false;
}

/**
 * Relation names of a schema (tables, views, sequences, indexes, key constraints' indexes, and unless
 * `attached: false` partitions' attached indexes).
 *
 * @example
 * relationNames(model, 'public').has('orders_pkey') // true when a table of public has that key
 */
export function relationNames(model: Model, schema: string, opts: { readonly attached?: boolean } = {}): Set<string> {
  const out = new Set<string>();
  for (const rels of [model.tables, model.views, model.sequences])
    for (const r of Object.values(rels)) if (r.schema === schema) out.add(r.name);
  for (const t of Object.values(model.tables)) {
    // Partitions' indexes attached to a parent's (Index.attached) take names too.
    if (opts.attached !== false) for (const i of Object.values(t.indexes)) for (const [part, name] of Object.entries(i.attached ?? {})) if (model.tables[part]?.schema === schema) out.add(name);
    // So do partitions' copies of its keys (PrimaryKey.copies).
    for (const c of Object.values(t.constraints)) if ('copies' in c) for (const [part, name] of Object.entries(c.copies ?? {})) if (model.tables[part]?.schema === schema) out.add(name);
    if (t.schema !== schema) continue;
    for (const i of Object.values(t.indexes)) out.add(i.name);
    for (const c of Object.values(t.constraints)) if (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion') out.add(c.name);
  }
  return out;
}

/**
 * The partition `table` of `model` as PostgreSQL leaves it after DETACH PARTITION (see above); a table that is
 * not a partition is returned as it is. `before`: the table as it is before it becomes that partition (detached):
 * a key of its own that ATTACH takes for its copy of a parent's key (takesKey) is that copy, with its name and shape.
 *
 * @example
 * detachedTable(model, model.tables['public.orders_2024']).constraints['orders_2024_pkey'] // the parent's key, copied
 */
export function detachedTable(model: Model, table: Table, before?: Table): Table {
  if (!table.partitionOf) return table;
  const parent = model.tables[table.partitionOf.parent];
  if (!parent) return { ...table, partitionOf: undefined, columns: table.columns.map((c) => ({ ...c, inherited: undefined })) };
  const from = detachedTable(model, parent);
  const key = qualifiedKey(table.schema, table.name);
  const taken = relationNames(model, table.schema);
  const constraints: Record<string, Constraint> = {};
  for (const c of Object.values(from.constraints)) {
    if (c.kind === 'check' && !c.noInherit) constraints[c.name] = { ...c, comment: undefined };
    else if (c.kind === 'foreign_key') constraints[c.name] = { ...c, comment: undefined };
    else if ((c.kind === 'primary_key' || c.kind === 'unique') && before && takenKey(before, table, constraints, c)) {
      const own = takenKey(before, table, constraints, c)!;
      taken.add(own.name);
      constraints[own.name] = own;
    } else if (c.kind === 'primary_key' || c.kind === 'unique') {
      // The name of its copy (PrimaryKey.copies), else the one PostgreSQL would give it; a sub-partitioned
      // partition's copy keeps the names of its partitions' copies (recorded on the parent's key until now).
      const name = c.copies?.[key] ?? defaultCopyName(table.name, c, taken);
      taken.add(name);
      const below = Object.entries(c.copies ?? {}).filter(([k]) => descendsFrom(model.tables, k, key));
      const { copies: _c, ...shape } = c;
      constraints[name] = { ...shape, name, comment: undefined, ...(below.length ? { copies: Object.fromEntries(below) } : {}) };
    }
  }
  Object.assign(constraints, table.constraints);
  const indexes: Record<string, Index> = {};
  for (const i of Object.values(from.indexes)) {
    // The name of its index attached to the parent's (Index.attached), else the one PostgreSQL would give it.
    const own = i.attached?.[key];
    if (i.only && own === undefined) continue;
    const name = own ?? defaultPartitionIndexName(table.name, i, taken);
    taken.add(name);
    const { attached: _a, attachedOptions: _ao, attachedOrder: _ord, only: _o, ...shape } = i;
    // A sub-partitioned partition's index keeps its partitions' indexes attached (recorded on the parent's until now),
    // and each its storage parameters of its own (Index.attachedOptions), relative to this index's now.
    const below = Object.entries(i.attached ?? {}).filter(([k]) => descendsFrom(model.tables, k, key));
    const options = i.attachedOptions?.[key] ?? i.options;
    const belowOptions = below.flatMap(([k]) => {
      const o = i.attachedOptions?.[k] ?? i.options;
      return sameOptionSet(o, options) ? [] : [[k, o] as const];
    });
    // Its keys' order is its own (Index.attachedOrder), and its partitions' too, relative to it.
    const order = attachedOrderOf(i, key);
    const belowOrder = differingOrders(Object.fromEntries(below.map(([k]) => [k, attachedOrderOf(i, k)])), order);
    indexes[name] = { ...withOrder(shape as Index, order), options, name, schema: table.schema, table: key, definition: undefined, comment: undefined, ...(below.length ? { attached: Object.fromEntries(below) } : {}),
      ...(belowOptions.length ? { attachedOptions: Object.fromEntries(belowOptions) } : {}), ...(belowOrder ? { attachedOrder: belowOrder } : {}) };
  }
  Object.assign(indexes, table.indexes);
  const { partitionOf: _gone, ...rest } = table;
  void _gone;
  return { ...rest, columns: table.columns.map(({ inherited: _i, ...c }) => c), constraints, indexes };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * Whether PostgreSQL takes a partition's own key `own` for its copy of the key `key` of a table above instead of
 * building one (CompareIndexInfo on the two keys' indexes, in AttachPartitionEnsureIndexes and DefineIndex): the
 * same key and INCLUDE columns, NULLS [NOT] DISTINCT and temporal-ness; storage parameters and deferrability are not
 * compared (a partition's deferrable UNIQUE (a) WITH (fillfactor=50) becomes the copy of the parent's UNIQUE (a)).
 * PRIMARY KEY against UNIQUE is not compared by `ALTER TABLE parent ADD PRIMARY KEY/UNIQUE` (a partition's
 * UNIQUE (a) becomes the copy of the new PRIMARY KEY (a)), nor by ATTACH PARTITION on PostgreSQL 15, but is on
 * PostgreSQL 18 (PGlite): with `attach`, PostgreSQL 18's (checked on both). A key whose index is attached to a plain
 * index of the parent already (Constraint.attachedTo) is not taken.
 *
 * @example
 * takesKey(c1U, pPkey, false) // true: ADD PRIMARY KEY (a) on the parent takes c1's UNIQUE (a)
 */
export function takesKey(own: PrimaryKey | UniqueConstraint, key: PrimaryKey | UniqueConstraint, attach: boolean): boolean {
  return !own.attachedTo && (!attach || own.kind === key.kind) && sameList(own.columns, key.columns) && sameList(own.include, key.include)
    && !!own.withoutOverlaps === !!key.withoutOverlaps && (own.kind === 'unique' && own.nullsNotDistinct) === (key.kind === 'unique' && key.nullsNotDistinct);
}

/**
 * The first key of `before` (a table before it becomes the partition `table`) that ATTACH takes for the copy of the
 * parent's key `key`: neither a key `table` keeps of its own nor one taken already (in `constraints`).
 */
function takenKey(before: Table, table: Table, constraints: Record<string, Constraint>, key: PrimaryKey | UniqueConstraint): PrimaryKey | UniqueConstraint | undefined {
  for (const k of Object.values(before.constraints))
    if ((k.kind === 'primary_key' || k.kind === 'unique') && !table.constraints[k.name] && !constraints[k.name] && takesKey(k, key, true)) return k;
  return undefined;
}

/**
 * Is `k`, a PRIMARY KEY / UNIQUE of the partitioned table `table` (key) in `model`, one that some partition below
 * has no copy of (PrimaryKey.copies): added `ALTER TABLE ONLY`, its index not valid until each has one attached?
 *
 * @example
 * partialKey(model, 'public.foobar', somePkey) // true: foobar_1 has a unique index of its own, not a copy
 */
export function partialKey(model: Model, table: string, k: Constraint): boolean {
  if ((k.kind !== 'primary_key' && k.kind !== 'unique') || !model.tables[table]?.partitionBy) return false;
  return Object.keys(model.tables).some((p) => descendsFrom(model.tables, p, table) && k.copies?.[p] === undefined);
}

/** Two lists of storage parameters `name=value` are the same set. */
function sameOptionSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}
