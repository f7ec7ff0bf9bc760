/**
 * Privileges on schemas, sequences, functions (procedures, aggregates), types (domains) and columns, folded from
 * `GRANT … ON SCHEMA|SEQUENCE|FUNCTION|PROCEDURE|ROUTINE|TYPE|DOMAIN …` and `GRANT SELECT (col) ON t …`, and their
 * REVOKEs (../fold.ts resolves the objects, this module applies the statement to their privilege list). Each
 * object starts from its kind's default (functions: `EXECUTE` to PUBLIC; types: `USAGE` to PUBLIC); a list equal
 * to the default is not kept.
 */
import { objectKey } from '../../model/objects.js';
import type { Grant, ObjectPrivileges } from '../../model/types.js';
import type { FoldScope } from './scope.js';
import { defaultGrants, sameGrants, sortGrants, standardPublic } from '../../model/privileges.js';

export { defaultGrants, sameGrants, sortGrants, standardPublic } from '../../model/privileges.js';

type On = ObjectPrivileges['on'];
export type PrivilegesTarget = Omit<ObjectPrivileges, 'kind' | 'grants' | 'loc'>;

/** `ALL [PRIVILEGES]` of each kind. */
const ALL: Record<On, readonly string[]> = {
  SCHEMA: ['CREATE', 'USAGE'], SEQUENCE: ['SELECT', 'UPDATE', 'USAGE'], FUNCTION: ['EXECUTE'], PROCEDURE: ['EXECUTE'], TYPE: ['USAGE'],
  COLUMN: ['INSERT', 'REFERENCES', 'SELECT', 'UPDATE'],
};






/**
 * Applies one GRANT or REVOKE to the privileges of `target`.
 *
 * @example
 * applyGrant(scope, { on: 'SCHEMA', schema: 'app', name: 'app' }, { grant: true, privileges: ['USAGE'], grantees: ['reader'], grantOption: false })
 */
export function applyGrant(s: Pick<FoldScope, 'objects' | 'loc' | 'fail'>, target: PrivilegesTarget, st: { grant: boolean; privileges: readonly string[] | undefined; grantees: readonly string[]; grantOption: boolean }): void {
  const probe: ObjectPrivileges = { kind: 'privileges', ...target, grants: [] };
  const key = objectKey(probe);
  const current = s.objects[key] as ObjectPrivileges | undefined;
  const privs = st.privileges ?? ALL[target.on];
  for (const p of privs) {
    if (!ALL[target.on].includes(p)) s.fail('E_INVALID', `invalid privilege type ${p} for ${target.on === 'COLUMN' ? 'column' : target.on.toLowerCase()}`);
  }
  let list: Grant[] = [...(current?.grants ?? defaultGrants(target.on, target.name))];
  for (const g of st.grantees) {
    for (const p of privs) {
      const had = list.find((x) => x.grantee === g && x.privilege === p);
      list = list.filter((x) => !(x.grantee === g && x.privilege === p));
      if (st.grant) list.push({ grantee: g, privilege: p, grantable: st.grantOption || !!had?.grantable });
      else if (st.grantOption && had) list.push({ grantee: g, privilege: p, grantable: false }); // REVOKE GRANT OPTION FOR
    }
  }
  sortGrants(list);
  if (sameGrants(list, defaultGrants(target.on, target.name)) || (target.on === 'SCHEMA' && target.name === 'public' && standardPublic(list))) delete s.objects[key];
  else s.objects[key] = { ...probe, grants: list, loc: current?.loc ?? s.loc };
}

/** `REVOKE p ON TABLE t FROM r` also revokes `p` on each column of `t` from `r` (PostgreSQL does). */
export function revokeOnColumns(s: Pick<FoldScope, 'objects'>, schema: string, table: string, privileges: readonly string[], grantees: readonly string[], grantOptionOnly: boolean): void {
  for (const [key, o] of Object.entries(s.objects)) {
    if (o.kind !== 'privileges' || o.on !== 'COLUMN' || o.schema !== schema || o.name !== table) continue;
    const hit = (g: Grant) => grantees.includes(g.grantee) && privileges.includes(g.privilege);
    const list = o.grants.flatMap((g) => (!hit(g) ? [g] : grantOptionOnly ? [{ ...g, grantable: false }] : []));
    if (list.length) s.objects[key] = { ...o, grants: list };
    else delete s.objects[key];
  }
}

/** Privileges attached to an object that goes (dropped or renamed away): they go with it. */
export function forgetPrivileges(s: Pick<FoldScope, 'objects'>, match: (o: ObjectPrivileges) => boolean): void {
  for (const [key, o] of Object.entries(s.objects)) if (o.kind === 'privileges' && match(o)) delete s.objects[key];
}
