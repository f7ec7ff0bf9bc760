/**
 * Lookups over a Model's partition trees, built once per Model and remembered: the planner asks, for each of
 * thousands of partitions (GitLab: 2,297 ATTACH PARTITION), which tables are below a table, which keys above have a
 * copy on it, which indexes have it attached; a scan of every table per question made planning quadratic.
 *
 * In: a Model that is no longer changed (the planner's current and desired). Out: read-only maps. Never: used on
 * the fold's Model while it is being built (it changes between questions: the fold scans instead).
 */
import type { Index, Model, PrimaryKey, Table, UniqueConstraint } from './types.js';

type Tables = Model['tables'];

const children = new WeakMap<Tables, ReadonlyMap<string, readonly string[]>>();

/**
 * The direct partitions of each partitioned table of `tables`, in the tables' order.
 *
 * @example
 * partitionChildren(model.tables).get('public.r') // ['public.r_west', 'public.r_east']
 */
export function partitionChildren(tables: Tables): ReadonlyMap<string, readonly string[]> {
  let m = children.get(tables) as Map<string, string[]> | undefined;
  if (!m) {
    m = new Map();
    for (const [k, t] of Object.entries(tables)) {
      const p = t.partitionOf?.parent;
      if (p === undefined) continue;
      const list = m.get(p);
      if (list) list.push(k);
      else m.set(p, [k]);
    }
    children.set(tables, m);
  }
  return m;
}

/** A key of a table above and that table, one of whose copies (PrimaryKey.copies) is on a given partition. */
export interface KeyAbove {
  readonly above: Table;
  readonly key: PrimaryKey | UniqueConstraint;
}

const copies = new WeakMap<Tables, ReadonlyMap<string, readonly KeyAbove[]>>();

/**
 * The PRIMARY KEY / UNIQUE constraints whose copies (PrimaryKey.copies) include each partition, in the tables' and
 * their constraints' order.
 *
 * @example
 * keyCopiesOn(desired.tables).get('public.p1') // [{ above: p, key: p_pkey }]
 */
export function keyCopiesOn(tables: Tables): ReadonlyMap<string, readonly KeyAbove[]> {
  let m = copies.get(tables) as Map<string, KeyAbove[]> | undefined;
  if (!m) {
    m = new Map();
    for (const above of Object.values(tables))
      for (const key of Object.values(above.constraints)) {
        if (key.kind !== 'primary_key' && key.kind !== 'unique') continue;
        for (const part of Object.keys(key.copies ?? {})) {
          const list = m.get(part);
          if (list) list.push({ above, key });
          else m.set(part, [{ above, key }]);
        }
      }
    copies.set(tables, m);
  }
  return m;
}

const attached = new WeakMap<Tables, ReadonlyMap<string, readonly Index[]>>();

/**
 * The indexes that have each table's index attached (Index.attached), in the tables' and their indexes' order.
 *
 * @example
 * indexesAttaching(desired.tables).get('public.r_west') // [r_value_idx]
 */
export function indexesAttaching(tables: Tables): ReadonlyMap<string, readonly Index[]> {
  let m = attached.get(tables) as Map<string, Index[]> | undefined;
  if (!m) {
    m = new Map();
    for (const t of Object.values(tables))
      for (const i of Object.values(t.indexes))
        for (const part of Object.keys(i.attached ?? {})) {
          const list = m.get(part);
          if (list) list.push(i);
          else m.set(part, [i]);
        }
    attached.set(tables, m);
  }
  return m;
}

/**
 * A set of names over a base set that is not copied: names added go to a set of its own (a partition's names
 * chosen on top of the schema's, asked for each of thousands of partitions).
 *
 * @example
 * const taken = new NamesOver(schemaNames); taken.add('p1_pkey'); taken.has('p1_pkey') // true, schemaNames unchanged
 */
export class NamesOver {
  private readonly own = new Set<string>();
  constructor(private readonly base: ReadonlySet<string>) {}
  has(name: string): boolean {
    return this.own.has(name) || this.base.has(name);
  }
  add(name: string): this {
    this.own.add(name);
    return this;
  }
}

