/**
 * What default privileges do to the objects a plan creates: the default privileges are changed first (see
 * src/plan/kinds/default-privileges.ts), so a new schema, sequence, function, type, table, view or foreign table starts with the
 * privileges the desired default privileges give it, not with its kind's default. The changes to its
 * privileges are planned from there: the created privileges of a new object become an alteration from what it
 * gets, and what it gets but should not have is revoked.
 *
 * In: both Models and the changes so far. Out: those changes adjusted. Never: renders SQL.
 */
import { objectKey } from '../model/objects.js';
import type { CatalogObject, Grant, Model, ObjectPrivileges } from '../model/types.js';
import { defaultGrants, grantChanges, initialGrants, OWNER, sameGrants, sortGrants, type NewObjectClass } from '../model/privileges.js';
import type { Change } from './changes.js';

/**
 * @example
 * adjustForDefaultPrivileges(current, desired, out) // a CREATE TABLE under `… GRANT SELECT ON TABLES TO r` with no grant to r: REVOKE planned
 */
export function adjustForDefaultPrivileges(current: Model, desired: Model, out: Change[]): void {
  const objects = desired.objects ?? {};
  if (!Object.keys(objects).some((k) => k.startsWith('default_privileges :'))) return;
  const targets: Array<{ on: ObjectPrivileges['on']; cls: NewObjectClass; schema: string; name: string; args?: string }> = [];
  for (const s of Object.values(desired.schemas)) if (!current.schemas[s.name]) targets.push({ on: 'SCHEMA', cls: 'SCHEMAS', schema: s.name, name: s.name });
  for (const [k, q] of Object.entries(desired.sequences)) if (!current.sequences[k]) targets.push({ on: 'SEQUENCE', cls: 'SEQUENCES', schema: q.schema, name: q.name });
  for (const [k, t] of Object.entries(desired.types)) if (!current.types[k]) targets.push({ on: 'TYPE', cls: 'TYPES', schema: t.schema, name: t.name });
  for (const [k, f] of Object.entries(desired.functions)) if (!current.functions[k]) targets.push({ on: f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', cls: 'FUNCTIONS', schema: f.schema, name: f.name, args: f.identityArgs });
  for (const t of targets) {
    const base = defaultGrants(t.on, t.name);
    const initial = initialGrants(objects, t.cls, t.on === 'SCHEMA' ? undefined : t.schema, base);
    if (!initial || sameGrants(initial, base)) continue;
    const id = { kind: 'privileges' as const, on: t.on, schema: t.schema, name: t.name, ...(t.args !== undefined ? { args: t.args } : {}) };
    const key = objectKey({ ...id, grants: [] });
    const want = (objects[key] as ObjectPrivileges | undefined) ?? { ...id, grants: base };
    const i = out.findIndex((c) => c.kind === 'create_object' && objectKey(c.object) === key);
    if (i >= 0) out.splice(i, 1);
    if (!sameGrants(initial, want.grants)) out.push({ kind: 'alter_object', from: { ...id, grants: initial }, to: want });
  }
  // Foreign tables count as tables for default privileges (relkind 'f'), created or created again (src/diff/index.ts).
  const newForeign = Object.entries(objects).filter(([k, o]) => o.kind === 'foreign_table' && (!current.objects?.[k] || out.some((c) => c.kind === 'create_object' && objectKey(c.object) === k)));
  const newRelations: Array<[string, { schema: string; name: string; grants?: readonly Grant[] }]> = [...Object.entries(desired.tables).filter(([k]) => !current.tables[k]), ...Object.entries(desired.views).filter(([k]) => !current.views[k]),
    ...(newForeign as Array<[string, { schema: string; name: string; grants?: readonly Grant[] }]>)];
  for (const [, r] of newRelations) {
    const initial = initialGrants(objects, 'TABLES', r.schema, []);
    if (!initial?.length) continue;
    // From what it gets (the owner's entries too, which a database-wide entry may leave out) to what it should have.
    const i = out.findIndex((c) => c.kind === 'grants' && c.schema === r.schema && c.name === r.name);
    if (i >= 0) out.splice(i, 1);
    const { grant, revoke } = grantChanges(initial, r.grants ?? [], 'TABLE');
    if (grant.length || revoke.length) out.push({ kind: 'grants', schema: r.schema, name: r.name, grant, revoke });
  }
}

/**
 * Default privileges written `FOR ROLE r` where `r` is the role an inspected side reports as the applying one
 * (`current_user`) are the entries written without `FOR ROLE`: both sides keyed alike, so pg_dump's spelling
 * (`FOR ROLE postgres`) and a hand-written one compare equal.
 *
 * @example
 * sameApplyingRole(cur, des) // des['default_privileges postgres::FUNCTIONS'] → des['default_privileges ::FUNCTIONS']
 */
export function sameApplyingRole(cur: Readonly<Record<string, CatalogObject>>, des: Readonly<Record<string, CatalogObject>>): [Readonly<Record<string, CatalogObject>>, Readonly<Record<string, CatalogObject>>] {
  const me = [...Object.values(cur), ...Object.values(des)].find((o) => o.kind === 'default_privileges' && o.applying && o.role !== undefined);
  const role = me?.kind === 'default_privileges' ? me.role : undefined;
  if (role === undefined) return [cur, des];
  const rekey = (m: Readonly<Record<string, CatalogObject>>) => {
    if (!Object.values(m).some((o) => o.kind === 'default_privileges' && !o.applying && o.role === role)) return m;
    const out: Record<string, CatalogObject> = {};
    for (const o of Object.values(m)) {
      // The role's own entries are the owner's (`CURRENT_USER`, as the inspector names them).
      const x = o.kind === 'default_privileges' && o.role === role
        ? { ...o, applying: true, grants: sortGrants(o.grants.map((g) => (g.grantee === role ? { ...g, grantee: OWNER } : g))) } : o;
      out[objectKey(x)] = x;
    }
    return out;
  };
  return [rekey(cur), rekey(des)];
}
