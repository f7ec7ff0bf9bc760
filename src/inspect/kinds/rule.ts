/**
 * Rules, read from the catalog: every rule on a relation of the managed schemas except views' own `_RETURN`,
 * with PostgreSQL's text (`pg_get_ruledef`, relations schema-qualified under the inspector's empty search_path).
 */
import { qualifiedKey } from '../../model/names.js';
import type { Rule } from '../../model/types.js';
import { notExt } from '../queries.js';

export const Q_RULES = `
SELECT n.nspname AS schema, c.relname AS table_name, r.rulename AS name, pg_catalog.pg_get_ruledef(r.oid, true) AS def, r.ev_enabled AS enabled,
       pg_catalog.obj_description(r.oid, 'pg_rewrite') AS comment
  FROM pg_catalog.pg_rewrite r
  JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY($1::text[]) AND r.rulename <> '_RETURN' AND ${notExt('pg_class', 'c.oid')}
 ORDER BY 1, 2, 3`;

/**
 * @example
 * ruleFromRow({ schema: 'app', table_name: 't', name: 'r', def: 'CREATE RULE r AS ON INSERT TO app.t DO INSTEAD NOTHING;' })
 */
export function ruleFromRow(r: Record<string, unknown>): Rule {
  const schema = String(r.schema);
  return {
    kind: 'rule', schema, name: String(r.name), table: qualifiedKey(schema, String(r.table_name)), definition: String(r.def).trim().replace(/;$/, ''),
    ...(r.enabled && r.enabled !== 'O' ? { enabled: String(r.enabled) as NonNullable<Rule['enabled']> } : {}),
    ...(r.comment ? { comment: String(r.comment) } : {}),
  };
}
