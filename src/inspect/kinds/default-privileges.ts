/**
 * Default privileges (`pg_default_acl`), read database-wide: the role (marked `applying` when it is `current_user`,
 * the role that applies the schema: keyed like an entry written without `FOR ROLE`), the schema of a schema's entry, the object class and the privileges, the
 * role's own entries as `CURRENT_USER` when it is the applying role (`entryOwner`: left out of a database-wide entry
 * when they are acldefault's). An entry equal to its default is not kept.
 */
import type { DefaultPrivileges, Grant } from '../../model/types.js';
import { defaultEntryGrants } from '../../parse/kinds/default-privileges.js';
import { sameGrants } from '../../parse/kinds/privileges.js';
import { compactOwner, entryOwner, sortGrants } from '../../model/privileges.js';

export const Q_DEFAULT_PRIVILEGES = `
SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS role, pg_catalog.pg_get_userbyid(d.defaclrole) = current_user AS mine, n.nspname AS schema, d.defaclobjtype AS objtype,
       (SELECT COALESCE(json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = d.defaclrole AND pg_catalog.pg_get_userbyid(a.grantee) = current_user THEN 'CURRENT_USER' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
                 'privilege', a.privilege_type, 'grantable', a.is_grantable) ORDER BY CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END COLLATE "C", a.privilege_type COLLATE "C"), '[]'::json)
          FROM pg_catalog.aclexplode(d.defaclacl) a) AS grants
  FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
 ORDER BY 1, 3, 4`;

const ON: Record<string, DefaultPrivileges['on']> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * @example
 * defaultPrivilegesFromRow({ role: 'postgres', mine: true, schema: 'app', objtype: 'r', grants: [{ grantee: 'reader', privilege: 'SELECT', grantable: false }] })
 */
export function defaultPrivilegesFromRow(r: Record<string, unknown>): DefaultPrivileges | undefined {
  const on = ON[String(r.objtype)];
  if (!on) return undefined;
  const id = { role: String(r.role), ...(r.mine === true ? { applying: true } : {}), ...(r.schema ? { schema: String(r.schema) } : {}), on };
  const { kind, owner } = entryOwner(id);
  const grants = sortGrants(compactOwner(((json(r.grants) ?? []) as Grant[]).map((g) => ({ grantee: g.grantee, privilege: g.privilege, grantable: g.grantable === true })), kind, owner));
  if (sameGrants(grants, defaultEntryGrants(id))) return undefined;
  return { kind: 'default_privileges', ...id, grants };
}
