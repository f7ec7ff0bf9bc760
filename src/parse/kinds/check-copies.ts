/**
 * The fold's record of valid copies of NOT VALID checks (CheckConstraint.validCopies, model/check-copies.ts): a table
 * created under a table with a NOT VALID check gets a valid copy of it (PostgreSQL validates a new table's
 * constraints); `ALTER TABLE part VALIDATE CONSTRAINT c` of a copy validates it there and below; the check validated
 * on its own table has no invalid copies left.
 */
import type { CheckConstraint, Constraint } from '../../model/types.js';
import { normalValidCopies, tablesAbove, tablesBelow } from '../../model/check-copies.js';
import type { MModel, MTable } from './scope.js';

type Tables = MModel['tables'] & Record<string, MTable>;

/** Adds `keys` to the valid copies of the check `name` of the table `owner`. */
function add(tables: Tables, owner: string, name: string, keys: readonly string[]): void {
  const t = tables[owner]!;
  const c = t.constraints[name] as CheckConstraint;
  t.constraints[name] = { ...c, validCopies: [...new Set([...(c.validCopies ?? []), ...keys])].sort() };
}

/** The tables above `key` with a NOT VALID (inherited) check named `name`, when `key` does not have it as its own. */
function owners(tables: Tables, key: string, name?: string): [string, CheckConstraint][] {
  const out: [string, CheckConstraint][] = [];
  for (const a of tablesAbove(tables, key))
    for (const c of Object.values(tables[a]?.constraints ?? {}))
      if (c.kind === 'check' && c.notValid && !c.noInherit && (name === undefined || c.name === name) && !tables[key]!.constraints[c.name]) out.push([a, c]);
  return out;
}

/**
 * `CREATE TABLE key PARTITION OF / INHERITS`: its copies of the NOT VALID checks above it are valid.
 *
 * @example
 * newTableCopies(model, 'public.p2') // p.constraints.c.validCopies = ['public.p2']
 */
export function newTableCopies(model: MModel, key: string): void {
  const tables = model.tables as Tables;
  for (const [a, c] of owners(tables, key)) add(tables, a, c.name, [key]);
}

/**
 * `ALTER TABLE key VALIDATE CONSTRAINT name` where `name` is a copy of a check above it: valid there and below.
 * False when no table above has such a check.
 *
 * @example
 * validateCopy(model, 'public.p1', 'c') // true; p.constraints.c.validCopies gains p1 and its partitions
 */
export function validateCopy(model: MModel, key: string, name: string): boolean {
  const tables = model.tables as Tables;
  const found = owners(tables, key, name);
  for (const [a] of found) add(tables, a, name, [key, ...tablesBelow(tables, key)]);
  return found.length > 0;
}

/**
 * At the end of the fold: each check's valid copies kept to what holds (model/check-copies.ts normalValidCopies).
 *
 * @example
 * settleValidCopies(model)
 */
export function settleValidCopies(model: MModel): void {
  const tables = model.tables as Tables;
  for (const [key, t] of Object.entries(tables))
    for (const c of Object.values(t.constraints)) {
      if (c.kind !== 'check' || !('validCopies' in c)) continue;
      const copies = normalValidCopies(model as never, key, c.validCopies, !!c.notValid);
      const { validCopies: _drop, ...rest } = c;
      t.constraints[c.name] = copies ? { ...rest, validCopies: copies } : rest;
    }
}

/**
 * The partition `key`'s own check `own` becomes its copy of the check of the same name of `owner` (added there, or
 * the partition attached under it): PostgreSQL keeps one constraint, not local any more (a partition's constraints
 * all come from its parent), valid if `own` was.
 *
 * @example
 * mergeIntoCopy(model, 'public.p', 'public.p1', p1.constraints.c) // p1's c gone; p.constraints.c.validCopies += p1
 */
export function mergeIntoCopy(model: MModel, owner: string, key: string, own: Constraint): void {
  const tables = model.tables as Tables;
  delete tables[key]!.constraints[own.name];
  if (own.kind === 'check' && !own.notValid) add(tables, owner, own.name, [key]);
}

/**
 * `ALTER TABLE parent ATTACH PARTITION key`: the partition's own checks named as the inheritable checks above it
 * become their copies (mergeIntoCopy), at its level and below.
 *
 * @example
 * attachCopies(model, 'public.p1')
 */
export function attachCopies(model: MModel, key: string): void {
  const tables = model.tables as Tables;
  // Only a partitioned table has tables below it here: PostgreSQL attaches no inheritance parent or child.
  for (const t of [key, ...(tables[key]?.partitionBy ? tablesBelow(tables, key) : [])])
    for (const a of tablesAbove(tables, t))
      for (const c of Object.values(tables[a]?.constraints ?? {})) {
        const own = tables[t]!.constraints[c.name];
        if (c.kind === 'check' && !c.noInherit && own?.kind === 'check' && tables[t]!.partitionOf) mergeIntoCopy(model, a, t, own);
      }
}

/**
 * `ALTER TABLE parent DETACH PARTITION key`: the partition's copies of the inheritable checks of `parent` and the tables
 * above it become its own checks (PostgreSQL marks them local, and pg_dump writes them in its CREATE TABLE), valid where
 * its copy was; without a comment (a comment is on the parent's constraint, not on the copy). Call it before the
 * partition leaves its parent.
 *
 * @example
 * detachCopies(model, 'public.p', 'public.p1') // p1.constraints.n_pos: p's check, now p1's own
 */
export function detachCopies(model: MModel, parent: string, key: string): void {
  const tables = model.tables as Tables;
  for (const a of [parent, ...tablesAbove(tables, parent)])
    for (const c of Object.values(tables[a]?.constraints ?? {})) {
      if (c.kind !== 'check' || c.noInherit || tables[key]!.constraints[c.name]) continue;
      const { validCopies, comment: _comment, notValid: _notValid, ...rest } = c;
      const valid = !c.notValid || (validCopies ?? []).includes(key);
      tables[key]!.constraints[c.name] = valid ? rest : { ...rest, notValid: true };
    }
}
