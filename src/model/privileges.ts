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
  if (on === 'TYPE' || on === 'LANGUAGE') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
  return [];
}

/**
 * The kinds of privileges on objects that are in no schema (their `schema` is `''`): managed, like the objects
 * themselves, only when the whole database is (src/model/objects.ts `isDatabaseWide`).
 */
export const DATABASE_WIDE_PRIVILEGES: readonly On[] = ['FOREIGN DATA WRAPPER', 'FOREIGN SERVER', 'LANGUAGE'];

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
  // A database-wide entry replaces the hard-wired default (the owner's entries too); a schema's entry adds to it.
  const kind = ENTRY_KIND[cls];
  const globalList = expandOwner(global ? global.grants : base, kind);
  // Both empty (`REVOKE ALL … FROM` the owner database-wide, no schema entry adding to it): PostgreSQL's aclmerge
  // gives NULL, so the object starts from its kind's default, the owner holding every privilege.
  if (!globalList.length && !local?.grants.length) return undefined;
  const list = new Map<string, Grant>();
  for (const g of globalList) list.set(`${g.grantee}\u0000${g.privilege}`, g);
  for (const g of local?.grants ?? []) {
    const had = list.get(`${g.grantee}\u0000${g.privilege}`);
    list.set(`${g.grantee}\u0000${g.privilege}`, { ...g, grantable: g.grantable || !!had?.grantable });
  }
  return sortGrants(compactOwner([...list.values()], kind));
}

/** The privilege classes of new objects. */
export type NewObjectClass = 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';

/** How a GRANT names the role that runs it (the fold keeps `CURRENT_USER` for `CURRENT_USER`, `CURRENT_ROLE` and `SESSION_USER`). */
const SELF = 'CURRENT_USER';

/**
 * The grantee the owner's own ACL entries go by: the role that applies the plan, which owns what the plan creates
 * (owners are not modelled). The fold writes `CURRENT_USER` for it, the inspector the owner's entries when it
 * reads as the owner, and a plan grants and revokes them `TO/FROM CURRENT_USER`.
 */
export const OWNER = SELF;

/** What an ACL's privileges are checked against: a relation's (`TABLE`: tables, views, foreign tables) or another kind's. */
export type AclKind = On | 'TABLE';

/** `ALL [PRIVILEGES]` on each kind (PostgreSQL 15's; the owner holds all of them unless it gave some up). */
export const ALL_PRIVILEGES: Readonly<Record<AclKind, readonly string[]>> = {
  TABLE: ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'],
  SCHEMA: ['CREATE', 'USAGE'], SEQUENCE: ['SELECT', 'UPDATE', 'USAGE'], FUNCTION: ['EXECUTE'], PROCEDURE: ['EXECUTE'], TYPE: ['USAGE'],
  COLUMN: ['INSERT', 'REFERENCES', 'SELECT', 'UPDATE'], 'FOREIGN DATA WRAPPER': ['USAGE'], 'FOREIGN SERVER': ['USAGE'], LANGUAGE: ['USAGE'],
};

/**
 * The entry that stands for an owner holding none of its privileges (`REVOKE ALL ON t FROM CURRENT_USER`: the ACL
 * is not NULL and has no entry of the owner). An ACL list leaves out the owner's entries when it holds exactly
 * what `acldefault` gives it (every privilege, no grant option); this marks the one state that leaving out cannot
 * tell apart. Never rendered: `expandOwner` turns it into no entry.
 */
export const OWNER_HOLDS_NOTHING: Grant = { grantee: OWNER, privilege: 'NONE', grantable: false };

/**
 * `list` with the owner's entries written out: when it leaves them out, the owner holds every privilege of the
 * kind (PostgreSQL's `acldefault`), first, as a fresh ACL has them; when it holds `OWNER_HOLDS_NOTHING`, none.
 * Column ACLs start empty (the owner's privileges are the table's): unchanged. What a GRANT/REVOKE sequence and a
 * plan's steps work on.
 *
 * @example
 * expandOwner([{ grantee: 'r', privilege: 'USAGE', grantable: false }], 'SCHEMA')
 * // CURRENT_USER's CREATE and USAGE, then r's USAGE
 */
export function expandOwner(list: readonly Grant[], kind: AclKind | undefined, owner = OWNER): Grant[] {
  if (kind === undefined || kind === 'COLUMN') return [...list];
  const isMarker = (g: Grant) => g.grantee === owner && g.privilege === OWNER_HOLDS_NOTHING.privilege;
  if (list.some(isMarker)) return list.filter((g) => !isMarker(g));
  if (list.some((g) => g.grantee === owner)) return [...list];
  // After PUBLIC's entry when the list starts with it, as acldefault puts them (functions, types).
  const at = list[0]?.grantee === 'PUBLIC' ? list.findIndex((g) => g.grantee !== 'PUBLIC') : 0;
  const cut = at < 0 ? list.length : at;
  return [...list.slice(0, cut), ...ALL_PRIVILEGES[kind].map((privilege) => ({ grantee: owner, privilege, grantable: false })), ...list.slice(cut)];
}

/**
 * The inverse of `expandOwner`: the owner's entries left out when they are what `acldefault` gives it (every
 * privilege of the kind, without grant option), `OWNER_HOLDS_NOTHING` when it holds none, else kept where they
 * are. Privileges PostgreSQL has and this version of the Model does not know (`MAINTAIN` on PostgreSQL 17+) are
 * left out of the owner's entries, so that an owner holding `ALL` compares as the default on every version.
 *
 * @example
 * compactOwner([{ grantee: 'CURRENT_USER', privilege: 'USAGE', grantable: false }], 'TYPE') // []
 */
export function compactOwner(list: readonly Grant[], kind: AclKind | undefined, owner = OWNER): Grant[] {
  if (kind === undefined || kind === 'COLUMN') return [...list];
  const all = ALL_PRIVILEGES[kind];
  const out = list.filter((g) => g.grantee !== owner || all.includes(g.privilege));
  const own = out.filter((g) => g.grantee === owner);
  if (!own.length) return [{ ...OWNER_HOLDS_NOTHING, grantee: owner }, ...out];
  if (own.length === all.length && own.every((g) => !g.grantable)) return out.filter((g) => g.grantee !== owner);
  return out;
}

/** The kind each class of default privileges gives its objects' ACLs. */
export const ENTRY_KIND: Readonly<Record<DefaultPrivileges['on'], AclKind>> = { TABLES: 'TABLE', SEQUENCES: 'SEQUENCE', FUNCTIONS: 'FUNCTION', TYPES: 'TYPE', SCHEMAS: 'SCHEMA' };

/**
 * How the owner's entries of a default privileges entry compare (`expandOwner`, `compactOwner`): a database-wide
 * entry starts from `acldefault`, the owner (the entry's role; `CURRENT_USER` for the applying role's) holding
 * every privilege, and objects take it as it is; a schema's entry starts empty and adds to that (`kind` undefined:
 * the owner's entries there are plain entries).
 *
 * @example
 * entryOwner({ on: 'TABLES' }) // { kind: 'TABLE', owner: 'CURRENT_USER' }
 */
export function entryOwner(d: Pick<DefaultPrivileges, 'role' | 'applying' | 'schema' | 'on'>): { kind: AclKind | undefined; owner: string } {
  return { kind: d.schema === undefined ? ENTRY_KIND[d.on] : undefined, owner: d.role === undefined || d.applying ? OWNER : d.role };
}

/**
 * What turns privileges `cur` into `des` (lists as the Model keeps them): the grants to revoke and to give, the
 * owner's entries written out (`expandOwner`), so that what the owner gives up is revoked from `CURRENT_USER`.
 *
 * @example
 * grantChanges([], [{ grantee: 'r', privilege: 'SELECT', grantable: false }], 'TABLE') // { grant: [r's SELECT], revoke: [] }
 */
export function grantChanges(cur: readonly Grant[], des: readonly Grant[], kind: AclKind): { grant: Grant[]; revoke: Grant[] } {
  const [from, to] = [expandOwner(cur, kind), expandOwner(des, kind)];
  const have = new Set(from.map(k));
  const want = new Set(to.map(k));
  return { grant: to.filter((g) => !have.has(k(g))), revoke: from.filter((g) => !want.has(k(g))) };
}

/**
 * `model` with the privileges granted by name to `roles` (the role each side was inspected as, `Model.role`)
 * granted to the owner (`OWNER`) instead, on tables, views, foreign tables, schemas, sequences, routines, types
 * and columns, and in the applying role's default privileges. Owners are not modelled: what a plan creates belongs to the role that applies it, so a schema file's
 * `GRANT SELECT ON t TO postgres`, run by postgres, is a grant to the owner: without grant option it leaves the ACL
 * as it was (pg_dump prints nothing for it), with one it changes the owner's entry, as a column privilege does. The
 * inspector names the owner's entries `CURRENT_USER` when it reads as the owner, the fold when a file says
 * `CURRENT_USER`: the differ compares Models after this, so both spellings meet. A grant by name comes after the
 * file's REVOKEs from `CURRENT_USER` here (a REVOKE from the owner by name is the owner's when the fold knows the
 * applying role's name, FoldOptions.role, as `schema apply` gives it; else one from another role). The public
 * schema is left as it is (its owner is pg_database_owner, not the applying role). Lists that become their kind's default go, as
 * the fold and the inspector drop them. The same Model when nothing is granted to them.
 *
 * @example
 * grantsByNameToOwner(model, ['postgres']).tables['public.t'].grants // [{ grantee: 'reader', … }], postgres's entries gone
 */
export function grantsByNameToOwner(model: Model, roles: readonly string[]): Model {
  const named = new Set(roles.filter((r) => r !== OWNER));
  const hit = (list: readonly Grant[] | undefined) => !!list?.some((g) => named.has(g.grantee));
  const move = (list: readonly Grant[], kind: AclKind | undefined): Grant[] => {
    let out = expandOwner(list.filter((g) => !named.has(g.grantee)), kind);
    for (const g of list) {
      if (!named.has(g.grantee)) continue;
      const had = out.find((x) => x.grantee === OWNER && x.privilege === g.privilege);
      out = updateAcl(out, OWNER, g.privilege, { grantee: OWNER, privilege: g.privilege, grantable: g.grantable || !!had?.grantable });
    }
    return compactOwner(out, kind);
  };
  const relations = <T extends { grants?: readonly Grant[] }>(m: Readonly<Record<string, T>>): Readonly<Record<string, T>> => {
    if (!Object.values(m).some((x) => hit(x.grants))) return m;
    return Object.fromEntries(Object.entries(m).map(([k, x]) => {
      if (!hit(x.grants)) return [k, x];
      const { grants, ...rest } = x;
      const list = move(grants!, 'TABLE');
      return [k, (list.length ? { ...rest, grants: list } : rest) as T];
    }));
  };
  const objects = model.objects ?? {};
  // The applying role's default privileges too (an entry without FOR ROLE: `… GRANT … TO postgres`).
  const mine = (o: CatalogObject): o is DefaultPrivileges => o.kind === 'default_privileges' && (o.role === undefined || !!o.applying);
  const objectsHit = Object.values(objects).some((o) => (o.kind === 'privileges' || o.kind === 'foreign_table' || mine(o)) && hit(o.grants));
  const tables = relations(model.tables);
  const views = relations(model.views);
  if (!objectsHit && tables === model.tables && views === model.views) return model;
  let nextObjects = objects;
  if (objectsHit) {
    const out: Record<string, CatalogObject> = {};
    for (const [k, o] of Object.entries(objects)) {
      if (o.kind === 'foreign_table' && hit(o.grants)) {
        const { grants, ...rest } = o;
        const list = move(grants!, 'TABLE');
        out[k] = list.length ? { ...rest, grants: list } : rest;
      } else if (o.kind === 'privileges' && hit(o.grants) && !(o.on === 'SCHEMA' && o.name === 'public')) {
        // (The public schema a database starts with is pg_database_owner's on PostgreSQL 15+: a grant to the
        // applying role there is an entry of its own, which pg_dump prints, not the owner's.)
        const list = move(o.grants, o.on);
        if (!sameGrants(list, defaultGrants(o.on, o.name)) && !(o.on === 'SCHEMA' && o.name === 'public' && standardPublic(list))) out[k] = { ...o, grants: list };
      } else if (mine(o) && hit(o.grants)) {
        const list = sortGrants(move(o.grants, entryOwner(o).kind));
        if (!sameGrants(list, defaultEntryGrants(o))) out[k] = { ...o, grants: list };
      } else out[k] = o;
    }
    nextObjects = out;
  }
  return { ...model, tables, views, objects: nextObjects };
}
