/**
 * A column's default storage (its type's `typstorage`), for the Model's `Column.storage`, which is kept only
 * when it differs from it. Pure; no I/O.
 */
import type { Model } from './types.js';

/** Variable-length built-in types whose default storage is MAIN (`typstorage = 'm'`). */
const MAIN_BY_DEFAULT = new Set(['numeric', 'inet', 'cidr']);
/**
 * Built-in types whose storage is PLAIN (`typstorage = 'p'`): those of fixed length, and `tsquery` and `gtsvector`,
 * variable-length ones stored plain (PostgreSQL 15's and 18's pg_type agree). Spelled as format_type prints them
 * without a type modifier.
 */
const PLAIN_BY_DEFAULT = new Set([
  'smallint', 'integer', 'bigint', 'real', 'double precision', 'boolean', 'date', 'time without time zone', 'time with time zone',
  'timestamp without time zone', 'timestamp with time zone', 'interval', 'uuid', 'money', 'point', 'line', 'lseg', 'box', 'circle',
  'macaddr', 'macaddr8', 'oid', '"char"', 'name', 'pg_lsn', 'tid', 'xid', 'xid8', 'cid', 'regclass', 'regtype', 'regproc', 'regprocedure',
  'regoper', 'regoperator', 'regconfig', 'regdictionary', 'regnamespace', 'regrole', 'regcollation', 'aclitem', 'tsquery', 'gtsvector',
]);

/**
 * Types of PostgreSQL's contrib extensions stored PLAIN (`typstorage = 'p'`; the others, `citext`, `hstore`, `ltree`…,
 * EXTENDED), by type name: unique across extensions (scripts/pg-extension-snapshot.ts checks it). Read from PostgreSQL
 * 15's contrib with every extension created (`SELECT typname FROM pg_type … WHERE typstorage = 'p'` over the
 * extensions' members); PostgreSQL only allows PLAIN on them (a varlena `cube` too). Kept here, not in the generated
 * snapshot, until that script (which needs a 15 and an 18 server) is run again with the storage in its encoding.
 */
const EXTENSION_PLAIN = new Set([
  'cube', 'seg', 'ean13', 'isbn', 'isbn13', 'ismn', 'ismn13', 'issn', 'issn13', 'upc', 'query_int', 'intbig_gkey', 'ghstore', 'gtrgm', 'ltree_gist',
  'gbtreekey2', 'gbtreekey4', 'gbtreekey8', 'gbtreekey16', 'gbtreekey32',
]);

/**
 * The storage PostgreSQL gives a column of `type` by default (its type's `typstorage`), as `PLAIN`, `MAIN` or
 * `EXTENDED`. A domain's is its base type's (domains over domains followed down), an extension's type's its
 * `typstorage` (`EXTENSION_PLAIN`); a type modifier anywhere in the spelling (`timestamp(3) with time zone`, `interval(2)`, `interval hour to minute`) does not change it.
 *
 * @example
 * defaultStorage('text', model)         // 'EXTENDED'
 * defaultStorage('numeric(10,2)', model) // 'MAIN'
 * defaultStorage('integer', model)      // 'PLAIN'
 * defaultStorage('timestamp(3) with time zone', model) // 'PLAIN'
 */
export function defaultStorage(type: string, model: Pick<Model, 'types'>): string {
  if (type.endsWith('[]')) return 'EXTENDED';
  const user = model.types[type];
  if (user?.kind === 'enum') return 'PLAIN';
  if (user?.kind === 'domain') return defaultStorage(user.baseType, model);
  if (user) return 'EXTENDED';
  // An extension's type, as a column names it (`public.seg`: where the extension was created).
  if (EXTENSION_PLAIN.has(type.replace(/^.*\./, ''))) return 'PLAIN';
  const base = type.replace(/\s*\([^)]*\)/g, '').replace(/^interval\b.*/, 'interval').replace(/^pg_catalog\./, '');
  if (MAIN_BY_DEFAULT.has(base)) return 'MAIN';
  if (PLAIN_BY_DEFAULT.has(base)) return 'PLAIN';
  return 'EXTENDED';
}
