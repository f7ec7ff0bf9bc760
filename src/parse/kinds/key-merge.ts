/**
 * Key constraints of one CREATE TABLE merged as PostgreSQL merges them (parse_utilcmd.c
 * transformIndexConstraints): key constraints with the same columns, INCLUDE columns, NULLS NOT DISTINCT and
 * deferrability get one index. The primary key survives, else the first written; an unnamed survivor takes the
 * name of the first named duplicate; the duplicates are dropped without a word. The identity compared is the
 * Model's (model/key-merge.ts keyMergeIdentity), read here from parse nodes.
 */
import { sv } from './nodes.js';
import type { Deferred } from './column.js';
import { keyMergeIdentity } from '../../model/key-merge.js';

// Written in the statement (a LIKE source's keys are copied after the table is created, not merged).
const isKey = (k: Deferred) => (k.__table || k.__column !== undefined) && (k.contype === 'CONSTR_PRIMARY' || k.contype === 'CONSTR_UNIQUE');

function identity(k: Deferred): string {
  const columns = k.__column !== undefined && !k.keys?.length ? [k.__column] : (k.keys ?? []).map(sv);
  return keyMergeIdentity({
    columns, include: (k.including ?? []).map(sv), nullsNotDistinct: !!k.nulls_not_distinct, deferrable: !!k.deferrable, initiallyDeferred: !!k.initdeferred,
  });
}

/**
 * The table's deferred constraints without the key constraints PostgreSQL drops as duplicates (names moved as it does).
 *
 * @example
 * // CREATE TABLE t (id int PRIMARY KEY, CONSTRAINT u UNIQUE (id)) → the primary key, named u
 * mergeDuplicateKeys(deferred)
 */
export function mergeDuplicateKeys(deferred: Deferred[]): Deferred[] {
  const keys = deferred.filter(isKey);
  const order = [...keys.filter((k) => k.contype === 'CONSTR_PRIMARY'), ...keys.filter((k) => k.contype !== 'CONSTR_PRIMARY')];
  const kept: Deferred[] = [];
  const dropped = new Set<Deferred>();
  for (const k of order) {
    const prior = kept.find((p) => identity(p) === identity(k));
    if (!prior) {
      kept.push(k);
      continue;
    }
    if (prior.conname === undefined && k.conname !== undefined) prior.conname = k.conname;
    dropped.add(k);
  }
  return deferred.filter((k) => !dropped.has(k));
}
