/**
 * DDL of privileges on schemas, sequences, functions, procedures, types and columns: revoked then
 * granted, after every object exists, like the privileges of tables. Created means "from the kind's
 * default to these", dropped "back to the default"; privileges of an object that goes are not revoked (see
 * `attachedTargetExists`).
 */
import { quoteIdentAlways as qi } from '../../model/names.js';
import type { Grant, ObjectPrivileges } from '../../model/types.js';
import { defaultGrants } from '../../model/privileges.js';
import type { KindStatement } from './statement.js';

const who = (g: string) => (g === 'PUBLIC' ? 'PUBLIC' : qi(g));
const key = (g: Grant) => `${g.grantee}\u0000${g.privilege}\u0000${g.grantable}`;

/** What the GRANT/REVOKE names: `SCHEMA "s"`, `FUNCTION "s"."f"(integer)`, `TABLE "s"."t"` (columns go in the privilege list). */
function target(o: ObjectPrivileges): string {
  const q = `${qi(o.schema)}.${qi(o.name)}`;
  switch (o.on) {
    case 'SCHEMA': return `SCHEMA ${qi(o.schema)}`;
    case 'FUNCTION': case 'PROCEDURE': return `${o.on} ${q}(${o.args ?? ''})`;
    case 'COLUMN': return `TABLE ${q}`;
    default: return `${o.on} ${q}`;
  }
}

/**
 * The statements that turn privileges `from` into `to` on `o`: one REVOKE or GRANT per grantee (and grant option).
 *
 * @example
 * privilegeSteps(schemaPrivs, [], [{ grantee: 'reader', privilege: 'USAGE', grantable: false }])[0].sql // 'GRANT USAGE ON SCHEMA "app" TO "reader"'
 */
export function privilegeSteps(o: ObjectPrivileges, from: readonly Grant[], to: readonly Grant[]): KindStatement[] {
  const have = new Set(from.map(key));
  const want = new Set(to.map(key));
  const groups = (list: readonly Grant[]) => {
    const m = new Map<string, string[]>();
    for (const g of list) m.set(`${g.grantee}\u0000${g.grantable}`, [...(m.get(`${g.grantee}\u0000${g.grantable}`) ?? []), g.privilege]);
    return [...m].map(([k, privs]) => ({ grantee: k.split('\u0000')[0]!, grantable: k.endsWith('true'), privs }));
  };
  const privs = (list: readonly string[]) => list.map((p) => (o.on === 'COLUMN' ? `${p} (${qi(o.column ?? '')})` : p)).join(', ');
  const what = o.on === 'COLUMN' ? `column "${o.name}"."${o.column}"` : `${o.on.toLowerCase()} "${o.name}"`;
  return [
    ...groups(from.filter((g) => !want.has(key(g)))).map((g) => ({ kind: 'revoke' as const, comment: `revoke privileges on ${what}`, sql: `REVOKE ${privs(g.privs)} ON ${target(o)} FROM ${who(g.grantee)}` })),
    ...groups(to.filter((g) => !have.has(key(g)))).map((g) => ({ kind: 'grant' as const, comment: `grant privileges on ${what}`, sql: `GRANT ${privs(g.privs)} ON ${target(o)} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}` })),
  ];
}

/** From the kind's default to `o.grants`. @example createPrivileges({ kind: 'privileges', on: 'SCHEMA', schema: 'app', name: 'app', grants: [reader] })[0].sql // 'GRANT USAGE ON SCHEMA "app" TO "reader"' */
export function createPrivileges(o: ObjectPrivileges): KindStatement[] {
  return privilegeSteps(o, defaultGrants(o.on, o.name), o.grants);
}

/** Back to the kind's default. @example dropPrivileges(fnPrivs).map((s) => s.sql) // ['REVOKE EXECUTE ON FUNCTION "app"."f"() FROM "reader"', 'GRANT EXECUTE ON FUNCTION "app"."f"() TO PUBLIC'] */
export function dropPrivileges(o: ObjectPrivileges): KindStatement[] {
  return privilegeSteps(o, o.grants, defaultGrants(o.on, o.name));
}

/** @example alterPrivileges(before, after) // REVOKEs of what goes, GRANTs of what comes */
export function alterPrivileges(from: ObjectPrivileges, to: ObjectPrivileges): KindStatement[] {
  return privilegeSteps(to, from.grants, to.grants);
}
