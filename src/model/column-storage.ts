/**
 * A column's default storage (its type's `typstorage`), for the Model's `Column.storage`, which is kept only
 * when it differs from it. Pure; no I/O.
 */
import type { Model } from './types.js';

/** Variable-length built-in types whose default storage is MAIN (`typstorage = 'm'`). */
const MAIN_BY_DEFAULT = new Set(['numeric', 'inet', 'cidr']);
/** Built-in types of fixed length (storage PLAIN, the only one they take). */
const FIXED = new Set([
  'smallint', 'integer', 'bigint', 'real', 'double precision', 'boolean', 'date', 'time without time zone', 'time with time zone',
  'timestamp without time zone', 'timestamp with time zone', 'interval', 'uuid', 'money', 'point', 'line', 'lseg', 'box', 'circle',
  'macaddr', 'macaddr8', 'oid', '"char"', 'name', 'pg_lsn', 'tid', 'xid', 'xid8', 'cid', 'regclass', 'regtype', 'regproc', 'regprocedure',
  'regoper', 'regoperator', 'regconfig', 'regdictionary', 'regnamespace', 'regrole', 'regcollation',
]);

/**
 * The storage PostgreSQL gives a column of `type` by default (its type's `typstorage`), as `PLAIN`, `MAIN` or `EXTENDED`.
 *
 * @example
 * defaultStorage('text', model)         // 'EXTENDED'
 * defaultStorage('numeric(10,2)', model) // 'MAIN'
 * defaultStorage('integer', model)      // 'PLAIN'
 */
export function defaultStorage(type: string, model: Pick<Model, 'types'>): string {
  if (type.endsWith('[]')) return 'EXTENDED';
  const base = type.replace(/\(.*\)$/, '');
  if (MAIN_BY_DEFAULT.has(base)) return 'MAIN';
  if (FIXED.has(base)) return 'PLAIN';
  const user = model.types[type];
  if (user?.kind === 'enum') return 'PLAIN';
  if (user?.kind === 'domain') return defaultStorage(user.baseType, model);
  return 'EXTENDED';
}

