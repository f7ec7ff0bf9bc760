/**
 * Privilege lists as PostgreSQL keeps them, shared by the parser's fold, the differ and the planner: each kind's
 * default (`acldefault`), comparisons, and what default privileges (`ALTER DEFAULT PRIVILEGES`) give a new object.
 * No parser here: the fold of GRANT/REVOKE statements is in ../parse/kinds/privileges.ts and default-privileges.ts.
 */
import type { CatalogObject, DefaultPrivileges, Grant, Model, ObjectPrivileges } from './types.js';

type On = ObjectPrivileges['on'];

/**
 * The privileges an object of a kind has when nobody granted or revoked anything (PostgreSQL's `acldefault`, the owner aside).
 *
 * @example
 * defaultGrants('FUNCTION') // [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }]
 */
export function defaultGrants(on: On, name?: string): Grant[] {
  // The standard public schema of a fresh database (PostgreSQL 15+: USAGE to PUBLIC; see `standardPublic`).
  if (on === 'SCHEMA' && name === 'public') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
  if (on === 'FUNCTION' || on === 'PROCEDURE') return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];
  if (on === 'TYPE') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
  return [];
}

/**
 * Privileges of the public schema as a fresh database has them (PostgreSQL 15+, and 13–14 where PUBLIC may
 * also CREATE): not a difference to report.
 *
 * @example
 * standardPublic([{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }]) // true
 */
export function standardPublic(list: readonly Grant[]): boolean {
  return sameGrants(list, defaultGrants('SCHEMA', 'public')) || sameGrants(list, [{ grantee: 'PUBLIC', privilege: 'CREATE', grantable: false }, { grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }]);
}

/** Sorted by grantee, then privilege (`COLLATE "C"`): where no ACL order applies (what default privileges give). */
export function sortGrants(list: Grant[]): Grant[] {
  return list.sort((a, b) => (a.grantee < b.grantee ? -1 : a.grantee > b.grantee ? 1 : a.privilege < b.privilege ? -1 : a.privilege > b.privilege ? 1 : 0));
}

/**
 * `list` with one privilege granted or revoked as PostgreSQL updates an ACL, whose order pg_dump keeps (its GRANTs
 * follow the aclitem array): a grantee's entry stays where it is (a privilege added to it, its grant option
 * changed; its privileges by name); a new grantee's goes last; a grantee left with no privilege loses its entry. `to` is the privilege's
 * new state, undefined to revoke it.
 *
 * @example
 * updateAcl([{ grantee: 'zed', privilege: 'USAGE', grantable: false }], 'alpha', 'CREATE', { grantee: 'alpha', privilege: 'CREATE', grantable: false })
 * // zed's entry first, then alpha's
 */
export function updateAcl(list: readonly Grant[], grantee: string, privilege: string, to: Grant | undefined): Grant[] {
  const out = [...list];
  const at = out.findIndex((x) => x.grantee === grantee && x.privilege === privilege);
  if (at >= 0) {
    if (to) out[at] = to;
    else out.splice(at, 1);
    return out;
  }
  if (!to) return out;
  // Among the grantee's other privileges (one aclitem; by name within it), or last.
  let first = -1;
  let end = -1;
  out.forEach((x, i) => { if (x.grantee === grantee) { if (first < 0) first = i; end = i + 1; } });
  if (first < 0) out.push(to);
  else {
    let at = first;
    while (at < end && out[at]!.privilege < privilege) at++;
    out.splice(at, 0, to);
  }
  return out;
}

const k = (g: Grant) => `${g.grantee}\u0000${g.privilege}\u0000${g.grantable}`;

/** The two lists hold the same privileges. */
export function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  return a.map(k).sort().join('\n') === b.map(k).sort().join('\n');
}

/**
 * The key of an entry in `Model.objects`.
 *
 * @example
 * defaultPrivilegesKey({ on: 'TABLES', schema: 'app' }) // 'default_privileges :app:TABLES'
 */
export function defaultPrivilegesKey(d: Pick<DefaultPrivileges, 'role' | 'schema' | 'on'>): string {
  return `default_privileges ${d.role ?? ''}:${d.schema ?? ''}:${d.on}`;
}

/**
 * What an entry holds when nobody changed it: PostgreSQL's defaults for database-wide entries, nothing for a schema's.
 *
 * @example
 * defaultEntryGrants({ on: 'FUNCTIONS' }) // [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }]
 */
export function defaultEntryGrants(d: Pick<DefaultPrivileges, 'schema' | 'on'>): Grant[] {
  if (d.schema !== undefined) return [];
  if (d.on === 'FUNCTIONS') return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];
  if (d.on === 'TYPES') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
  return [];
}

/**
 * The privileges an object of `cls` created in `schema` by the applying role gets from the default privileges in
 * `objects`, starting from the kind's own default `base` (the owner aside); undefined when no entry applies.
 *
 * @example
 * initialGrants(model.objects, 'TABLES', 'app', []) // [{ grantee: 'reader', privilege: 'SELECT', grantable: false }]
 */
export function initialGrants(objects: Readonly<Record<string, unknown>>, cls: NewObjectClass, schema: string | undefined, base: readonly Grant[]): Grant[] | undefined {
  const global = objects[defaultPrivilegesKey({ on: cls })] as DefaultPrivileges | undefined;
  const local = schema !== undefined && cls !== 'SCHEMAS' ? objects[defaultPrivilegesKey({ on: cls, schema })] as DefaultPrivileges | undefined : undefined;
  if (!global && !local) return undefined;
  // A database-wide entry replaces the hard-wired default; a schema's entry adds to it.
  const list = new Map<string, Grant>();
  for (const g of global ? global.grants : base) list.set(`${g.grantee}\u0000${g.privilege}`, g);
  for (const g of local?.grants ?? []) {
    const had = list.get(`${g.grantee}\u0000${g.privilege}`);
    list.set(`${g.grantee}\u0000${g.privilege}`, { ...g, grantable: g.grantable || !!had?.grantable });
  }
  return sortGrants([...list.values()]);
}

/** The privilege classes of new objects. */
export type NewObjectClass = 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';

/** How a GRANT names the role that runs it (the fold keeps `CURRENT_USER` for `CURRENT_USER`, `CURRENT_ROLE` and `SESSION_USER`). */
const SELF = 'CURRENT_USER';

/**
 * `model` without the privileges granted to `roles` (and to `CURRENT_USER`) without grant option on tables,
 * views, foreign tables, schemas, sequences, routines and types. Owners are not modelled: what a plan creates
 * belongs to the role that applies it, which holds every privilege on it as its owner, so PostgreSQL's
 * `GRANT SELECT ON t TO <owner>` leaves the ACL as it was (pg_dump prints nothing for it) and the inspector
 * reads nothing (it leaves the owner's own entries out). The differ compares Models without them
 * (`Model.role`, the inspecting role), so a schema file that grants to the role applying it plans nothing
 * more once applied. What does change the owner's entry — a grant option, a column's privilege — is kept.
 * Lists that become their kind's default go, as the fold and the inspector drop them. The same Model when
 * nothing is granted to them.
 *
 * @example
 * withoutGrantsTo(model, ['postgres']).tables['public.t'].grants // [{ grantee: 'reader', … }], postgres's entries gone
 */
export function withoutGrantsTo(model: Model, roles: readonly string[]): Model {
  const gone = new Set([...roles, SELF]);
  const owners = (g: Grant) => gone.has(g.grantee) && !g.grantable;
  const hit = (list: readonly Grant[] | undefined) => !!list?.some(owners);
  const keep = (list: readonly Grant[]) => list.filter((g) => !owners(g));
  const relations = <T extends { grants?: readonly Grant[] }>(m: Readonly<Record<string, T>>): Readonly<Record<string, T>> => {
    if (!Object.values(m).some((x) => hit(x.grants))) return m;
    return Object.fromEntries(Object.entries(m).map(([k, x]) => {
      if (!hit(x.grants)) return [k, x];
      const { grants, ...rest } = x;
      const list = keep(grants!);
      return [k, (list.length ? { ...rest, grants: list } : rest) as T];
    }));
  };
  const objects = model.objects ?? {};
  // A column's privileges are an ACL of their own (pg_attribute.attacl), which a grant to the owner does change.
  const objectsHit = Object.values(objects).some((o) => ((o.kind === 'privileges' && o.on !== 'COLUMN') || o.kind === 'foreign_table') && hit(o.grants));
  const tables = relations(model.tables);
  const views = relations(model.views);
  if (!objectsHit && tables === model.tables && views === model.views) return model;
  let nextObjects = objects;
  if (objectsHit) {
    const out: Record<string, CatalogObject> = {};
    for (const [k, o] of Object.entries(objects)) {
      if (o.kind === 'foreign_table' && hit(o.grants)) {
        const { grants, ...rest } = o;
        const list = keep(grants!);
        out[k] = list.length ? { ...rest, grants: list } : rest;
      } else if (o.kind === 'privileges' && o.on !== 'COLUMN' && hit(o.grants)) {
        const list = keep(o.grants);
        if (!sameGrants(list, defaultGrants(o.on, o.name)) && !(o.on === 'SCHEMA' && o.name === 'public' && standardPublic(list))) out[k] = { ...o, grants: list };
      } else out[k] = o;
    }
    nextObjects = out;
  }
  return { ...model, tables, views, objects: nextObjects };
}
