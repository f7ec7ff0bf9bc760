/** Casts, read from the catalog (database-wide): user-created ones only (not built in, not extension members, not a type's own). */
import type { Cast } from '../../model/types.js';
import { notExt } from '../queries.js';

export const Q_CASTS = `
SELECT pg_catalog.format_type(c.castsource, NULL) AS source, pg_catalog.format_type(c.casttarget, NULL) AS target, c.castmethod AS method,
       CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END AS function, c.castcontext AS context,
       pg_catalog.obj_description(c.oid, 'pg_cast') AS comment
  FROM pg_catalog.pg_cast c
 WHERE c.oid >= 16384 AND ${notExt('pg_cast', 'c.oid')}
   -- not the casts a type makes for itself (a range's to its multirange, PostgreSQL 14+)
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')
 ORDER BY 1, 2`;

const METHOD: Record<string, Cast['method']> = { f: 'function', i: 'inout', b: 'binary' };
const CONTEXT: Record<string, Cast['context']> = { e: 'explicit', a: 'assignment', i: 'implicit' };

/**
 * @example
 * castFromRow({ source: 'text', target: 'public.mood', method: 'i', function: null, context: 'a' })
 */
export function castFromRow(r: Record<string, unknown>): Cast {
  return {
    kind: 'cast', source: String(r.source), target: String(r.target), method: METHOD[String(r.method)] ?? 'function', context: CONTEXT[String(r.context)] ?? 'explicit',
    ...(r.function ? { function: String(r.function) } : {}), ...(r.comment ? { comment: String(r.comment) } : {}),
  };
}
