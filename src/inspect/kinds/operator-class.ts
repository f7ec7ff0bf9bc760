/**
 * User-defined operator families and classes, read from the catalog (carried kinds: see
 * src/plan/kinds/operator-class.ts). A member belongs to the class or the family it depends on in pg_depend (as
 * pg_dump reads them), printed the way the fold keeps it (src/parse/kinds/operator-class.ts): operators as
 * regoperator, functions as regprocedure and types as format_type print them under the inspector's empty search_path.
 */
import { qualifiedKey } from '../../model/names.js';
import { opMemberOrder } from '../../model/objects.js';
import type { OperatorClass, OperatorFamily } from '../../model/types.js';
import { notExt } from '../queries.js';

/** The members that depend on the pg_opclass / pg_opfamily row `oid` (a JSON array as text). */
const membersOf = (refclass: string, oid: string) => `(SELECT COALESCE(pg_catalog.json_agg(x.m), '[]') FROM (
         SELECT 'OPERATOR ' || ao.amopstrategy || ' ' || ao.amopopr::pg_catalog.regoperator::text
                || CASE WHEN ao.amoppurpose = 'o' THEN ' FOR ORDER BY ' || (SELECT pg_catalog.quote_ident(sn.nspname) || '.' || pg_catalog.quote_ident(sf.opfname)
                     FROM pg_catalog.pg_opfamily sf JOIN pg_catalog.pg_namespace sn ON sn.oid = sf.opfnamespace WHERE sf.oid = ao.amopsortfamily) ELSE '' END AS m
           FROM pg_catalog.pg_amop ao JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_amop'::regclass AND d.objid = ao.oid
          WHERE d.refclassid = '${refclass}'::regclass AND d.refobjid = ${oid}
         UNION ALL
         SELECT 'FUNCTION ' || ap.amprocnum || ' (' || pg_catalog.format_type(ap.amproclefttype, NULL) || ', ' || pg_catalog.format_type(ap.amprocrighttype, NULL) || ') '
                || ap.amproc::pg_catalog.regprocedure::text
           FROM pg_catalog.pg_amproc ap JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_amproc'::regclass AND d.objid = ap.oid
          WHERE d.refclassid = '${refclass}'::regclass AND d.refobjid = ${oid}) x)::text`;

/** Families and classes in one read (`kind` tells them apart; a family's class columns are null). */
export const Q_OPERATOR_CLASSES = `
SELECT 'operator_family' AS kind, n.nspname AS schema, f.opfname AS name, am.amname AS method, NULL AS type, NULL::boolean AS isdefault,
       NULL AS family_schema, NULL AS family_name, NULL AS storage,
       ${membersOf('pg_catalog.pg_opfamily', 'f.oid')} AS members, pg_catalog.obj_description(f.oid, 'pg_opfamily') AS comment
  FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_opfamily', 'f.oid')}
UNION ALL
SELECT 'operator_class', n.nspname, c.opcname, am.amname, pg_catalog.format_type(c.opcintype, NULL), c.opcdefault,
       fn.nspname, f.opfname, CASE WHEN c.opckeytype <> 0 AND c.opckeytype <> c.opcintype THEN pg_catalog.format_type(c.opckeytype, NULL) END,
       ${membersOf('pg_catalog.pg_opclass', 'c.oid')}, pg_catalog.obj_description(c.oid, 'pg_opclass')
  FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
  JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_opclass', 'c.oid')}
 ORDER BY 1, 2, 3, 4`;

const members = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as unknown[]) : Array.isArray(v) ? v : []).map(String).sort(opMemberOrder);

/**
 * @example
 * operatorFamilyFromRow({ schema: 'app', name: 'f', method: 'btree', members: '[]' }) // { kind: 'operator_family', … }
 */
export function operatorFamilyFromRow(r: Record<string, unknown>): OperatorFamily {
  return { kind: 'operator_family', schema: String(r.schema), name: String(r.name), method: String(r.method), members: members(r.members), ...(r.comment ? { comment: String(r.comment) } : {}) };
}

/** A row of Q_OPERATOR_CLASSES. */
export function opClassFromRow(r: Record<string, unknown>): OperatorFamily | OperatorClass {
  return r.kind === 'operator_family' ? operatorFamilyFromRow(r) : operatorClassFromRow(r);
}

/**
 * @example
 * operatorClassFromRow({ schema: 'app', name: 'c', method: 'btree', type: 'integer', isdefault: false, family_schema: 'app', family_name: 'c', members: '[]' })
 */
export function operatorClassFromRow(r: Record<string, unknown>): OperatorClass {
  return {
    kind: 'operator_class', schema: String(r.schema), name: String(r.name), method: String(r.method), type: String(r.type),
    default: r.isdefault === true || r.isdefault === 't', family: qualifiedKey(String(r.family_schema), String(r.family_name)),
    ...(r.storage ? { storage: String(r.storage) } : {}), members: members(r.members), ...(r.comment ? { comment: String(r.comment) } : {}),
  };
}
