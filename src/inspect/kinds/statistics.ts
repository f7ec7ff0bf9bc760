/**
 * Extended statistics, read from the catalog: the kinds (`stxkind`), the columns in number order, the
 * expressions (PostgreSQL 14+, `pg_get_statisticsobjdef_expressions`), the statistics target and the comment.
 */
import { qualifiedKey } from '../../model/names.js';
import type { ExtendedStatistics } from '../../model/types.js';
import { notExt } from '../queries.js';

/**
 * The query for a server version (`server_version_num`); `$1` is the managed schemas.
 *
 * @example
 * qStatistics(150000)
 */
export function qStatistics(version: number): string {
  return `
SELECT n.nspname AS schema, s.stxname AS name, tn.nspname AS table_schema, c.relname AS table_name, s.stxkind::text AS kinds,
       (SELECT json_agg(a.attname ORDER BY k.num) FROM unnest(s.stxkeys::int2[]) AS k(num)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = k.num) AS columns,
       ${version >= 140000 ? 'to_json(pg_catalog.pg_get_statisticsobjdef_expressions(s.oid))' : 'NULL::json'} AS exprs,
       s.stxstattarget AS target, pg_catalog.obj_description(s.oid, 'pg_statistic_ext') AS comment
  FROM pg_catalog.pg_statistic_ext s
  JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
  JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = c.relnamespace
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_statistic_ext', 's.oid')}
 ORDER BY 1, 2`;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const KINDS: Record<string, string> = { d: 'ndistinct', f: 'dependencies', m: 'mcv' };

/**
 * @example
 * statisticsFromRow({ schema: 'public', name: 'st', table_schema: 'public', table_name: 't', kinds: '{d,f}', columns: ['a', 'b'], exprs: null, target: null })
 */
export function statisticsFromRow(r: Record<string, unknown>, expr: (text: string) => ExtendedStatistics['expressions'][number]): ExtendedStatistics {
  const kinds = String(r.kinds ?? '').replace(/[{}"]/g, '').split(',');
  const target = r.target === null || r.target === undefined ? -1 : Number(r.target);
  return {
    kind: 'statistics', schema: String(r.schema), name: String(r.name), table: qualifiedKey(String(r.table_schema), String(r.table_name)),
    kinds: ['d', 'f', 'm'].filter((k) => kinds.includes(k)).map((k) => KINDS[k]!),
    columns: (json(r.columns) ?? []) as string[], expressions: ((json(r.exprs) ?? []) as string[]).map(expr),
    ...(target >= 0 ? { target } : {}), ...(r.comment ? { comment: String(r.comment) } : {}),
  };
}
