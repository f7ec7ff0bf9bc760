/**
 * DDL of default privileges: every change runs before anything is created (database-wide entries first, a
 * schema's right after the schemas are created: ../layout.ts), so that the objects the plan creates get the desired defaults — the privileges those objects should end with are then planned from what they get (see
 * src/diff/objects.ts). Created means "from PostgreSQL's default to these", dropped "back to the default".
 */
import { quoteIdentAlways as qi } from '../../model/names.js';
import type { DefaultPrivileges, Grant } from '../../model/types.js';
import { defaultEntryGrants, ENTRY_KIND, entryOwner, expandOwner } from '../../model/privileges.js';
import type { KindStatement } from './statement.js';
import type { StatementKind } from '../layout.js';
import { grantGroups, grantKey, privilegeList, who } from './privileges.js';

const key = grantKey;

/**
 * @example
 * defaultPrivilegeSteps({ kind: 'default_privileges', schema: 'app', on: 'TABLES', grants: [] }, [], [{ grantee: 'reader', privilege: 'SELECT', grantable: false }])[0].sql
 * // 'ALTER DEFAULT PRIVILEGES IN SCHEMA "app" GRANT SELECT ON TABLES TO "reader"'
 */
export function defaultPrivilegeSteps(d: DefaultPrivileges, from: readonly Grant[], to: readonly Grant[]): KindStatement[] {
  const pre = `ALTER DEFAULT PRIVILEGES${d.role !== undefined && !d.applying ? ` FOR ROLE ${qi(d.role)}` : ''}${d.schema !== undefined ? ` IN SCHEMA ${qi(d.schema)}` : ''}`;
  // The owner's entries written out (a database-wide entry's role holds every privilege unless it gave some up).
  const { kind: aclKind, owner } = entryOwner(d);
  [from, to] = [expandOwner(from, aclKind, owner), expandOwner(to, aclKind, owner)];
  const have = new Set(from.map(key));
  const want = new Set(to.map(key));
  const kind: StatementKind = d.schema !== undefined ? 'alter-schema-default-privileges' : 'alter-default-privileges';
  const cm = `default privileges on ${d.on.toLowerCase()}${d.schema !== undefined ? ` in "${d.schema}"` : ''}`;
  return [
    ...grantGroups(from.filter((g) => !want.has(key(g)))).map((g) => ({ kind, comment: `revoke ${cm}`, sql: `${pre} REVOKE ${privilegeList(ENTRY_KIND[d.on], g.privs)} ON ${d.on} FROM ${who(g.grantee)}` })),
    ...grantGroups(to.filter((g) => !have.has(key(g)))).map((g) => ({ kind, comment: `grant ${cm}`, sql: `${pre} GRANT ${g.privs.join(', ')} ON ${d.on} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}` })),
  ];
}

/** From PostgreSQL's default to `d.grants`. @example createDefaultPrivileges({ kind: 'default_privileges', on: 'FUNCTIONS', grants: [] })[0].sql // 'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC' */
export function createDefaultPrivileges(d: DefaultPrivileges): KindStatement[] {
  return defaultPrivilegeSteps(d, defaultEntryGrants(d), d.grants);
}

/** Back to PostgreSQL's default. @example dropDefaultPrivileges({ kind: 'default_privileges', on: 'FUNCTIONS', grants: [] })[0].sql // 'ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC' */
export function dropDefaultPrivileges(d: DefaultPrivileges): KindStatement[] {
  return defaultPrivilegeSteps(d, d.grants, defaultEntryGrants(d));
}

/** @example alterDefaultPrivileges(before, after) // REVOKEs of what goes, GRANTs of what comes */
export function alterDefaultPrivileges(from: DefaultPrivileges, to: DefaultPrivileges): KindStatement[] {
  return defaultPrivilegeSteps(to, from.grants, to.grants);
}
