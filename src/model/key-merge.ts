/**
 * Key constraints PostgreSQL merges: inside one CREATE TABLE (and one ALTER TABLE) it builds one index for key
 * constraints with the same columns, INCLUDE columns, NULLS NOT DISTINCT and deferrability
 * (parse_utilcmd.c transformIndexConstraints): the primary key, else the first, survives (taking the other's
 * name when it has none) and the other constraint is silently dropped. So a table whose keys duplicate each
 * other (a UNIQUE over the primary key's columns, two identical UNIQUEs; pg_dump writes each as its own
 * ALTER TABLE … ADD CONSTRAINT) must get the duplicates after its CREATE TABLE.
 */
import type { Constraint, Table } from './types.js';

const CONSTRAINT_ORDER: Record<Constraint['kind'], number> = { primary_key: 0, unique: 1, exclusion: 1, foreign_key: 2, check: 3 };

/**
 * The order constraints are written in CREATE TABLE: primary key, unique and exclusion, foreign keys, checks; by name.
 *
 * @example Object.values(t.constraints).sort(byInlineOrder)
 */
export const byInlineOrder = (a: Constraint, b: Constraint): number => CONSTRAINT_ORDER[a.kind] - CONSTRAINT_ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The parts of a key constraint PostgreSQL compares before it merges two keys' indexes. */
export interface KeyIndexParts {
  columns: readonly string[];
  include: readonly string[];
  nullsNotDistinct: boolean;
  deferrable: boolean;
  initiallyDeferred: boolean;
}

/**
 * One string per index PostgreSQL would build for a key constraint: two keys written in one statement with the
 * same identity get one index (used by the Model here and by the fold's parse nodes, parse/kinds/key-merge.ts).
 *
 * @example keyMergeIdentity({ columns: ['id'], include: [], nullsNotDistinct: false, deferrable: false, initiallyDeferred: false })
 */
export const keyMergeIdentity = (k: KeyIndexParts): string =>
  JSON.stringify([k.columns, k.include, k.nullsNotDistinct, k.deferrable, k.initiallyDeferred]);

/** What PostgreSQL compares to merge the indexes of key constraints written in one statement; undefined for other kinds. */
function keyIndexIdentity(c: Constraint): string | undefined {
  if (c.kind !== 'primary_key' && c.kind !== 'unique') return undefined;
  return keyMergeIdentity({
    columns: c.columns, include: c.include, nullsNotDistinct: c.kind === 'unique' && c.nullsNotDistinct,
    deferrable: c.deferrable, initiallyDeferred: c.initiallyDeferred,
  });
}

/**
 * A key constraint whose index duplicates a key written before it in the table's CREATE TABLE (byInlineOrder):
 * written inline, PostgreSQL would drop it, so it is added after the table.
 *
 * @example
 * // t: PRIMARY KEY (id) and CONSTRAINT "unique" UNIQUE (id)
 * duplicateKeyAfterTable(t, t.constraints['unique']!) // true
 */
export function duplicateKeyAfterTable(t: Table, c: Constraint): boolean {
  const id = keyIndexIdentity(c);
  if (id === undefined) return false;
  return Object.values(t.constraints).some((k) => byInlineOrder(k, c) < 0 && keyIndexIdentity(k) === id);
}
