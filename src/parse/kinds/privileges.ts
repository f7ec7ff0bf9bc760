/**
 * Privileges on schemas, sequences, functions (procedures, aggregates), types (domains) and columns, folded from
 * `GRANT … ON SCHEMA|SEQUENCE|FUNCTION|PROCEDURE|ROUTINE|TYPE|DOMAIN …` and `GRANT SELECT (col) ON t …`, and their
 * REVOKEs (../fold.ts resolves the objects, this module applies the statement to their privilege list). Each
 * object starts from its kind's default (functions: `EXECUTE` to PUBLIC; types: `USAGE` to PUBLIC; the owner, the
 * applying role `CURRENT_USER`, every privilege: `expandOwner`); a list equal to the default is not kept.
 */
import { identitySequences, objectKey } from '../../model/objects.js';
import type { Func, Grant, Model, ObjectPrivileges } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope } from './scope.js';
import { ALL_PRIVILEGES, compactOwner, defaultGrants, expandOwner, sameGrants, standardPublic, updateAcl } from '../../model/privileges.js';
import { objectKind } from '../statement-kind.js';

export { defaultGrants, sameGrants, sortGrants, standardPublic } from '../../model/privileges.js';

type On = ObjectPrivileges['on'];
export type PrivilegesTarget = Omit<ObjectPrivileges, 'kind' | 'grants' | 'loc'>;

/** `ALL [PRIVILEGES]` of each kind. */
const ALL: Readonly<Record<On, readonly string[]>> = ALL_PRIVILEGES;






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
  // In ACL order, as PostgreSQL keeps it and pg_dump writes it (updateAcl).
  // The owner's entries written out (the applying role's, `CURRENT_USER`), as the ACL holds them once it is not NULL.
  let list: Grant[] = expandOwner(current?.grants ?? defaultGrants(target.on, target.name), target.on);
  for (const g of st.grantees) {
    for (const p of privs) {
      const had = list.find((x) => x.grantee === g && x.privilege === p);
      if (st.grant) list = updateAcl(list, g, p, { grantee: g, privilege: p, grantable: st.grantOption || !!had?.grantable });
      else list = updateAcl(list, g, p, st.grantOption && had ? { grantee: g, privilege: p, grantable: false } : undefined); // REVOKE GRANT OPTION FOR
    }
  }
  list = compactOwner(list, target.on);
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

/** The objects `GRANT … ON ALL … IN SCHEMA` reaches, from the Model as the file has built it so far. */
type SchemaObjects = Pick<Model, 'schemas' | 'tables' | 'views' | 'sequences' | 'functions' | 'objects'>;

/**
 * `GRANT|REVOKE … ON ALL TABLES|SEQUENCES|FUNCTIONS|PROCEDURES|ROUTINES IN SCHEMA s, …`: applied, as PostgreSQL
 * does, to the objects that exist at that point of the file (tables include views, materialized views, foreign
 * tables and partitions; functions include aggregates, not procedures; routines are both) — objects created later are not
 * affected. Tables and sequences go through `grantObjects` (the statement with those objects named), functions
 * straight to `applyGrant`.
 *
 * @example
 * grantAllInSchema(scope, model, n, (objects) => folder.grant(objects)) // GRANT SELECT ON ALL TABLES IN SCHEMA app TO r
 */
export function grantAllInSchema(s: Pick<FoldScope, 'objects' | 'loc' | 'fail' | 'grantee'>, model: SchemaObjects, n: Payload<'GrantStmt'>, grantObjects: (named: Payload<'GrantStmt'>) => void): void {
  const schemas: string[] = (n.objects ?? []).map((x) => String(x.String?.sval ?? ''));
  for (const schema of schemas) if (!model.schemas[schema]) s.fail('E_UNKNOWN', `schema "${schema}" does not exist`);
  const inSchemas = <T extends { schema: string; name: string }>(list: Iterable<T>) => [...list].filter((o) => schemas.includes(o.schema)).sort((a, b) => (a.schema + '.' + a.name < b.schema + '.' + b.name ? -1 : 1));
  const rangeVar = (o: { schema: string; name: string }) => ({ RangeVar: { schemaname: o.schema, relname: o.name, inh: true, relpersistence: 'p' } });
  const named = (objtype: Payload<'GrantStmt'>['objtype'], objects: Node[]) => objects.length && grantObjects({ ...n, targtype: 'ACL_TARGET_OBJECT', objtype, objects });
  switch (n.objtype) {
    case 'OBJECT_TABLE': return void named('OBJECT_TABLE', inSchemas([...Object.values(model.tables), ...Object.values(model.views), ...Object.values(model.objects ?? {}).filter((o) => o.kind === 'foreign_table')]).map(rangeVar));
    case 'OBJECT_SEQUENCE': return void named('OBJECT_SEQUENCE', inSchemas([...Object.values(model.sequences), ...Object.values(identitySequences(model))]).map(rangeVar));
    case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_ROUTINE': {
      const wanted = (f: Func) => (n.objtype === 'OBJECT_ROUTINE' ? true : n.objtype === 'OBJECT_PROCEDURE' ? f.kind === 'procedure' : f.kind !== 'procedure');
      const grantees: string[] = (n.grantees ?? []).map((r) => s.grantee(r, true));
      const privs = n.privileges?.length ? n.privileges.map((p) => String(p.AccessPriv!.priv_name).toUpperCase()) : undefined;
      for (const f of inSchemas(Object.values(model.functions)).filter(wanted)) {
        applyGrant(s, { on: f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', schema: f.schema, name: f.name, args: f.identityArgs }, { grant: !!n.is_grant, privileges: privs, grantees, grantOption: !!n.grant_option });
      }
      return;
    }
    default: return s.fail('E_UNSUPPORTED', `${n.is_grant ? 'GRANT' : 'REVOKE'} … ON ALL ${objectKind(n.objtype)}S IN SCHEMA is not supported`);
  }
}

/**
 * Privileges follow an object that is renamed or moved (PostgreSQL keeps the ACL on the object): those of
 * `on` objects named `schema.name` (a table's columns: `on` COLUMN, the table's name) are keyed again under the
 * new schema, name or column.
 *
 * @example
 * renamePrivileges(scope.objects, ['COLUMN'], 'app', 'users', { name: 'people' }) // column grants of app.users now on app.people
 * renamePrivileges(scope.objects, ['COLUMN'], 'app', 'people', { column: { from: 'name', to: 'full_name' } })
 */
export function renamePrivileges(objects: FoldScope['objects'], on: readonly On[], schema: string, name: string, to: { schema?: string; name?: string; column?: { from: string; to: string } }): void {
  for (const [key, o] of Object.entries(objects)) {
    if (o.kind !== 'privileges' || !on.includes(o.on) || o.schema !== schema || o.name !== name) continue;
    if (to.column && o.column !== to.column.from) continue;
    const moved: ObjectPrivileges = { ...o, schema: to.schema ?? o.schema, name: to.name ?? o.name, ...(to.column ? { column: to.column.to } : {}) };
    delete objects[key];
    objects[objectKey(moved)] = moved;
  }
}
