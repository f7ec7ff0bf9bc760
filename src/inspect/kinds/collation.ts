/**
 * Collations, read from the catalog: provider, locale (`colllocale` on PostgreSQL 17+, `colliculocale` on 15–16,
 * `collcollate` for ICU before), LC_COLLATE/LC_CTYPE for libc, deterministic, ICU rules (16+), comment. The
 * collation version is not compared (it follows the library).
 */
import type { Collation } from '../../model/types.js';
import { notExt } from '../queries.js';

/**
 * The query for a server version; `$1` is the managed schemas.
 *
 * @example
 * qCollations(150000)
 */
export function qCollations(version: number): string {
  const locale = version >= 170000 ? 'c.colllocale' : version >= 150000 ? 'c.colliculocale' : "CASE WHEN c.collprovider = 'i' THEN c.collcollate END";
  return `
SELECT n.nspname AS schema, c.collname AS name, c.collprovider AS provider, c.collcollate AS lc_collate, c.collctype AS lc_ctype, ${locale} AS locale,
       c.collisdeterministic AS deterministic, ${version >= 160000 ? 'c.collicurules' : 'NULL::text'} AS rules,
       pg_catalog.obj_description(c.oid, 'pg_collation') AS comment
  FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_collation', 'c.oid')}
 ORDER BY 1, 2`;
}

/**
 * @example
 * collationFromRow({ schema: 'public', name: 'ci', provider: 'i', locale: 'und-u-ks-level2', deterministic: false })
 */
export function collationFromRow(r: Record<string, unknown>): Collation {
  const provider = r.provider === 'i' ? 'icu' : r.provider === 'b' ? 'builtin' : 'libc';
  const base = { kind: 'collation' as const, schema: String(r.schema), name: String(r.name), deterministic: r.deterministic !== false, ...(r.rules ? { rules: String(r.rules) } : {}), ...(r.comment ? { comment: String(r.comment) } : {}) };
  return provider === 'libc' ? { ...base, provider, lcCollate: String(r.lc_collate), lcCtype: String(r.lc_ctype) } : { ...base, provider, locale: String(r.locale) };
}
