/**
 * Partitions' copies of their parents' PRIMARY KEY / UNIQUE constraints, read: each copy (pg_constraint.conparentid
 * set, at every level of a sub-partitioned tree) is recorded by name on the key at the top of its chain
 * (PrimaryKey.copies), as the fold records the copies it makes (parse/kinds/partition-keys.ts).
 */
import type { Constraint, Model, Table } from '../model/types.js';
import { normalValidCopies, tablesBelow } from '../model/check-copies.js';

/** A copy's constraint row: its oid, the constraint it copies, the partition's key and its name. */
export interface CopyRow {
  readonly oid: number;
  readonly of: number;
  readonly part: string;
  readonly name: string;
}

/**
 * Records each copy in `copies` on the key it descends from (`keys`: the keys that copy nothing, by oid). A copy
 * whose chain leaves what was read (another schema) is not recorded.
 *
 * @example
 * recordCopies([{ oid: 2, of: 1, part: 'public.p1', name: 'p1_custom' }], new Map([[1, { t: p, name: 'p_pkey' }]]))
 * // p.constraints.p_pkey.copies = { 'public.p1': 'p1_custom' }
 */
export function recordCopies(copies: readonly CopyRow[], keys: ReadonlyMap<number, { readonly t: Table & { constraints: Record<string, Constraint> }; readonly name: string }>): void {
  const parentOf = new Map(copies.map((c) => [c.oid, c.of]));
  const names = new Map<number, Record<string, string>>();
  for (const c of copies) {
    let at = c.of;
    // Up the chain to the key that copies nothing (bounded: a chain has at most one row per copy).
    for (let n = 0; parentOf.has(at) && n <= copies.length; n++) at = parentOf.get(at)!;
    if (!keys.has(at)) continue;
    const rec = names.get(at) ?? {};
    rec[c.part] = c.name;
    names.set(at, rec);
  }
  for (const [oid, rec] of names) {
    const { t, name } = keys.get(oid)!;
    const k = t.constraints[name];
    if (!k || (k.kind !== 'primary_key' && k.kind !== 'unique')) continue;
    t.constraints[name] = { ...k, copies: Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : 1))) };
  }
}

/**
 * Records on each NOT VALID check the tables below its table whose copy of it is valid (CheckConstraint.validCopies;
 * `valid`: `<table key>\u0000<check name>` of the valid copies read, pg_constraint.conislocal false).
 *
 * @example
 * recordValidCheckCopies(model, new Set(['public.p2\u0000c'])) // p.constraints.c.validCopies = ['public.p2']
 */
export function recordValidCheckCopies(model: Pick<Model, 'tables'>, valid: ReadonlySet<string>): void {
  for (const [key, t] of Object.entries(model.tables) as [string, Table & { constraints: Record<string, Constraint> }][])
    for (const c of Object.values(t.constraints)) {
      if (c.kind !== 'check' || !c.notValid || c.noInherit) continue;
      const copies = normalValidCopies(model, key, tablesBelow(model.tables, key).filter((k) => valid.has(`${k}\u0000${c.name}`)), true);
      if (copies) t.constraints[c.name] = { ...c, validCopies: copies };
    }
}
