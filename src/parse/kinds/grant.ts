/**
 * `GRANT` / `REVOKE` on tables, views and columns, folded into their grants; other object kinds go to
 * ./privileges.ts.
 */
import { identitySequences, languageExists } from '../../model/objects.js';
import type { ForeignTable, Grant, ObjectPrivileges } from '../../model/types.js';
import { qualifiedKey } from '../../model/names.js';
import { foreignTableNamed } from './foreign.js';
import type { Node, Payload } from '../ast.js';
import { Problem, Refused, type FoldScope, type MTable, type MView, type Mut } from './scope.js';
import { builtinCatalog } from '../catalog/index.js';
import { TO_A_MIGRATION } from '../refused.js';
import * as privileges from './privileges.js';
import { ALL_PRIVILEGES, compactOwner, expandOwner, updateAcl } from '../../model/privileges.js';
import { functionByArgs } from './function.js';
import { sv } from './nodes.js';

const TABLE_PRIVILEGES = ALL_PRIVILEGES.TABLE;
/** GRANT targets other than tables and views (./privileges.ts). */
export const OBJECT_PRIVILEGES: Record<string, ObjectPrivileges['on']> = {
  OBJECT_SCHEMA: 'SCHEMA', OBJECT_SEQUENCE: 'SEQUENCE', OBJECT_FUNCTION: 'FUNCTION', OBJECT_PROCEDURE: 'FUNCTION', OBJECT_ROUTINE: 'FUNCTION', OBJECT_TYPE: 'TYPE', OBJECT_DOMAIN: 'TYPE',
  OBJECT_FDW: 'FOREIGN DATA WRAPPER', OBJECT_FOREIGN_SERVER: 'FOREIGN SERVER', OBJECT_LANGUAGE: 'LANGUAGE',
};

/** Schemas of PostgreSQL's own objects. */
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast']);

/**
 * Whether a name the file does not define is one of PostgreSQL's own objects of that kind: in a system schema, or
 * unqualified and built in (a pg_catalog function, type or relation; a relation's row type is a built-in type).
 *
 * @example
 * isSystemObject('FUNCTION', ['pg_sleep']) // true
 * isSystemObject('TABLE', ['pg_catalog', 'pg_proc']) // true
 * isSystemObject('TABLE', ['orders']) // false
 */
export function isSystemObject(on: ObjectPrivileges['on'] | 'TABLE', names: readonly string[]): boolean {
  if (on === 'SCHEMA') return SYSTEM_SCHEMAS.has(names[0]!);
  if (names.length >= 2) return SYSTEM_SCHEMAS.has(names[names.length - 2]!);
  const name = names[0]!;
  const catalog = builtinCatalog();
  if (on === 'FUNCTION' || on === 'PROCEDURE') return catalog.functions(name).length > 0 || catalog.internalFunctions(name).length > 0;
  return catalog.typeName(name) !== undefined;
}

/**
 * Privileges on one of PostgreSQL's own objects (`GRANT EXECUTE ON FUNCTION pg_sleep(float8)`, `REVOKE … ON pg_proc`):
 * refused (../refused.ts), as neither the inspector nor the planner reaches outside the managed schemas; before, the
 * native fold said the object does not exist and the dev database path ran the statement and planned nothing.
 */
function refuseSystemObject(n: Payload<'GrantStmt'>, on: ObjectPrivileges['on'] | 'TABLE', names: readonly string[]): void {
  if (!isSystemObject(on, names)) return;
  throw new Refused({
    kind: 'ACL', what: `${n.is_grant ? 'GRANT' : 'REVOKE'} … ON ${on} ${names.join('.')}`,
    why: "privileges on PostgreSQL's own objects are not managed", instead: `${TO_A_MIGRATION} or leave it out`,
  });
}

export function grant(sc: FoldScope, n: Payload<'GrantStmt'>): void {
  // The applying role by name is the owner of what the files create (FoldScope.grantee), not of the public schema.
  const grantees: string[] = (n.grantees ?? []).map((r) => sc.grantee(r, true));
  const others: string[] = (n.grantees ?? []).map((r) => sc.grantee(r, false));
  const other = OBJECT_PRIVILEGES[n.objtype as string];
  if (n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') return privileges.grantAllInSchema(sc, sc.model, n, (named) => grant(sc, named));
  if (n.targtype !== 'ACL_TARGET_OBJECT' || (n.objtype !== 'OBJECT_TABLE' && !other)) {
    return sc.report('W_IGNORED', `${n.is_grant ? 'GRANT' : 'REVOKE'} on ${`${String(n.objtype).replace('OBJECT_', '').toLowerCase()}s`} is not managed by Meridian: ignored`); // (ALL IN SCHEMA returned above)
  }
  const upper = (p: Node) => (p.AccessPriv!.priv_name ? [String(p.AccessPriv!.priv_name).toUpperCase()] : undefined);
  const st = (list: readonly string[] | undefined, owned = true) => ({ grant: !!n.is_grant, privileges: list, grantees: owned ? grantees : others, grantOption: !!n.grant_option });
  if (other) {
    // Schemas, sequences, functions, types, wrappers, servers, languages: ./kinds/privileges.ts
    const privs = n.privileges?.length ? n.privileges.flatMap((p) => upper(p) ?? []) : undefined;
    for (const x of n.objects ?? []) {
      const target = privilegesTarget(sc, other, x, n);
      privileges.applyGrant(sc, target, st(privs, !(target.on === 'SCHEMA' && target.name === 'public')));
    }
    return;
  }
  const columnPrivs: Node[] = (n.privileges ?? []).filter((p) => p.AccessPriv!.cols?.length);
  const tablePrivs: Node[] = (n.privileges ?? []).filter((p) => !p.AccessPriv!.cols?.length);
  if (n.privileges?.length && !tablePrivs.length) {
    for (const rv of n.objects ?? []) {
      const names = sc.rangeNames(rv.RangeVar);
      // Tables', views' (materialized views'), foreign tables' columns alike.
      const ft = foreignTableNamed(sc.model.objects, names, sc.searchPath);
      const t = sc.lookup(sc.model.tables, names) ?? sc.lookup(sc.model.views, names) ?? (ft ? { key: qualifiedKey(ft.schema, ft.name), obj: ft } : undefined);
      if (!t) refuseSystemObject(n, 'TABLE', names);
      if (!t) throw new Problem('E_UNKNOWN', `relation "${names.join('.')}" does not exist`);
      const columns: readonly string[] = (t.obj as MTable | MView | ForeignTable).columns.map((x: string | { name: string }) => (typeof x === 'string' ? x : x.name));
      for (const p of columnPrivs) {
        for (const c of p.AccessPriv!.cols!.map(sv)) {
          if (!columns.includes(c)) throw new Problem('E_UNKNOWN', `column "${c}" of relation "${t.obj.name}" does not exist`);
          privileges.applyGrant(sc, { on: 'COLUMN', schema: t.obj.schema, name: t.obj.name, column: c }, st(upper(p)));
        }
      }
    }
    return;
  }
  if (columnPrivs.length) {
    // Table and column privileges in one statement: each part on its own.
    grant(sc, { ...n, privileges: columnPrivs });
    if (!tablePrivs.length) return;
  }
  const privs: string[] = tablePrivs.length ? tablePrivs.map((p) => String(p.AccessPriv!.priv_name).toUpperCase()) : [...TABLE_PRIVILEGES];
  for (const rv of n.objects ?? []) {
    const names = sc.rangeNames(rv.RangeVar);
    const ft = foreignTableNamed(sc.model.objects, names, sc.searchPath);
    const obj = sc.lookup(sc.model.tables, names) ?? sc.lookup(sc.model.views, names) ?? (ft ? { key: qualifiedKey(ft.schema, ft.name), obj: ft } : undefined);
    if (!obj) refuseSystemObject(n, 'TABLE', names);
    if (!obj) throw new Problem('E_UNKNOWN', `relation "${names.join('.')}" does not exist`);
    const o = obj.obj as MTable | MView | Mut<ForeignTable>;
    if (!n.is_grant) privileges.revokeOnColumns(sc.model, o.schema, o.name, privs, grantees, !!n.grant_option);
    // In ACL order, as PostgreSQL keeps it and pg_dump writes it (updateAcl).
    // The owner's entries written out (`CURRENT_USER`: the applying role owns what the file creates).
    let list: Grant[] = expandOwner(o.grants ?? [], 'TABLE');
    for (const g of grantees) {
      for (const p of privs) {
        if (n.is_grant) list = updateAcl(list, g, p, { grantee: g, privilege: p, grantable: !!n.grant_option });
        else list = updateAcl(list, g, p, n.grant_option && list.some((x) => x.grantee === g && x.privilege === p) ? { grantee: g, privilege: p, grantable: false } : undefined);
      }
    }
    list = compactOwner(list, 'TABLE');
    if (list.length) o.grants = list;
    else delete o.grants;
  }
}

/** The object a GRANT on a schema, sequence, function, type, foreign-data wrapper, server or language names. */
export function privilegesTarget(sc: FoldScope, on: ObjectPrivileges['on'], x: Node, st?: Payload<'GrantStmt'>): privileges.PrivilegesTarget {
  if (on === 'FOREIGN DATA WRAPPER' || on === 'FOREIGN SERVER' || on === 'LANGUAGE') return databaseWideTarget(sc, on, sv(x));
  const unknown = (names: readonly string[], message: string): never => {
    if (st) refuseSystemObject(st, on, names);
    throw new Problem('E_UNKNOWN', message);
  };
  if (on === 'SCHEMA') {
    const s = sv(x);
    if (!sc.model.schemas[s]) unknown([s], `schema "${s}" does not exist`);
    return { on, schema: s, name: s };
  }
  if (on === 'SEQUENCE') {
    const names = sc.rangeNames(x.RangeVar);
    const q = sc.lookup(sc.model.sequences, names) ?? sc.lookup(identitySequences(sc.model), names);
    if (!q) return unknown(names, `sequence "${names.join('.')}" does not exist`);
    return { on, schema: q.obj.schema, name: q.obj.name };
  }
  if (on === 'TYPE') {
    const names: string[] = (x.TypeName?.names ?? x.List?.items ?? []).map(sv);
    const t = sc.lookup(sc.model.types, names);
    if (!t) return unknown(names, `type "${names.join('.')}" does not exist`);
    return { on, schema: t.obj.schema, name: t.obj.name };
  }
  let f: ReturnType<typeof functionByArgs>;
  try {
    f = functionByArgs(sc, x.ObjectWithArgs!);
  } catch (e) {
    if (st && e instanceof Problem && e.code === 'E_UNKNOWN') refuseSystemObject(st, on, x.ObjectWithArgs!.objname!.map(sv));
    throw e;
  }
  return { on: f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', schema: f.schema, name: f.name, args: f.identityArgs };
}

/**
 * A foreign-data wrapper, server or procedural language a GRANT names (in no schema: `schema` is `''`), checked as
 * PostgreSQL checks it: a wrapper no statement creates is an extension's (as `CREATE SERVER` takes it); a language
 * is PostgreSQL's own or an extension's of the same name (`languageExists`), and an untrusted one (`c`,
 * `internal`, an extension's ending in `u`: `plperlu`) refuses privileges.
 *
 * @example
 * databaseWideTarget(scope, 'LANGUAGE', 'plpgsql') // { on: 'LANGUAGE', schema: '', name: 'plpgsql' }
 */
export function databaseWideTarget(sc: FoldScope, on: 'FOREIGN DATA WRAPPER' | 'FOREIGN SERVER' | 'LANGUAGE', name: string): privileges.PrivilegesTarget {
  if (on === 'FOREIGN SERVER' && !sc.objects[`server ${name}`]) throw new Problem('E_UNKNOWN', `server "${name}" does not exist`);
  if (on === 'FOREIGN DATA WRAPPER' && !sc.objects[`foreign_data_wrapper ${name}`] && !Object.keys(sc.model.extensions).length) throw new Problem('E_UNKNOWN', `foreign-data wrapper "${name}" does not exist`);
  if (on === 'LANGUAGE') {
    if (!languageExists(sc.model, name)) throw new Problem('E_UNKNOWN', `language "${name}" does not exist`);
    if (name === 'c' || name === 'internal' || /u$/.test(name)) throw new Problem('E_INVALID', `language "${name}" is not trusted: GRANT and REVOKE are not allowed on untrusted languages, because only superusers can use untrusted languages`);
  }
  return { on, schema: '', name };
}
