/**
 * User-defined operators, read from the catalog (carried kind: see src/plan/kinds/operator.ts). Types as
 * format_type prints them and functions as regproc does, both under the inspector's empty search_path.
 */
import type { Operator } from '../../model/types.js';
import { notExt } from '../queries.js';

export const Q_OPERATORS = `
SELECT n.nspname AS schema, o.oprname AS name,
       CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END AS lefttype, pg_catalog.format_type(o.oprright, NULL) AS righttype,
       o.oprcode::regproc::text AS function,
       (SELECT cn.nspname || '.' || c.oprname FROM pg_catalog.pg_operator c JOIN pg_catalog.pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprcom) AS commutator,
       (SELECT nn.nspname || '.' || x.oprname FROM pg_catalog.pg_operator x JOIN pg_catalog.pg_namespace nn ON nn.oid = x.oprnamespace WHERE x.oid = o.oprnegate) AS negator,
       NULLIF(o.oprrest, 0)::regproc::text AS restrict, NULLIF(o.oprjoin, 0)::regproc::text AS join,
       o.oprcanhash AS hashes, o.oprcanmerge AS merges, pg_catalog.obj_description(o.oid, 'pg_operator') AS comment
  FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
 WHERE n.nspname = ANY($1::text[]) AND o.oprcode <> 0 AND ${notExt('pg_operator', 'o.oid')}
 ORDER BY 1, 2, 3, 4`;

/**
 * @example
 * operatorFromRow({ schema: 'app', name: '===', lefttype: 'integer', righttype: 'integer', function: 'app.int_eq', hashes: false, merges: false })
 */
export function operatorFromRow(r: Record<string, unknown>): Operator {
  const opt = (k: string) => (r[k] ? { [k]: String(r[k]) } : {});
  return {
    kind: 'operator', schema: String(r.schema), name: String(r.name), ...(r.lefttype ? { left: String(r.lefttype) } : {}), right: String(r.righttype),
    function: String(r.function), ...opt('commutator'), ...opt('negator'), ...opt('restrict'), ...opt('join'),
    hashes: r.hashes === true || r.hashes === 't', merges: r.merges === true || r.merges === 't', ...opt('comment'),
  };
}
