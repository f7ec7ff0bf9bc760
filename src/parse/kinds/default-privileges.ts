/**
 * Default privileges, folded: `ALTER DEFAULT PRIVILEGES [FOR ROLE r, …] [IN SCHEMA s, …] {GRANT|REVOKE} … ON
 * {TABLES|SEQUENCES|FUNCTIONS|ROUTINES|TYPES|SCHEMAS} …`. An entry without `FOR ROLE` is the applying role's
 * (the inspector leaves out the role when it is `current_user`). A database-wide entry starts from PostgreSQL's
 * defaults (functions: `EXECUTE` to PUBLIC, types: `USAGE` to PUBLIC); a schema's entry only adds. An entry equal
 * to its default is not kept. Objects the file creates after an entry get its privileges (`initialGrants`), as
 * PostgreSQL gives them.
 */
import { objectKey } from '../../model/objects.js';
import type { DefaultPrivileges, Grant, ObjectPrivileges } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import { ALL_PRIVILEGES, ENTRY_KIND, OWNER, compactOwner, defaultEntryGrants, defaultGrants, defaultPrivilegesKey, entryOwner, expandOwner, initialGrants, sameGrants, sortGrants, type NewObjectClass } from '../../model/privileges.js';

export { defaultEntryGrants, defaultPrivilegesKey, initialGrants, type NewObjectClass } from '../../model/privileges.js';
import type { FoldScope } from './scope.js';
import { objectKind } from '../statement-kind.js';

type On = DefaultPrivileges['on'];
const OBJTYPE: Record<string, On> = { OBJECT_TABLE: 'TABLES', OBJECT_SEQUENCE: 'SEQUENCES', OBJECT_FUNCTION: 'FUNCTIONS', OBJECT_ROUTINE: 'FUNCTIONS', OBJECT_PROCEDURE: 'FUNCTIONS', OBJECT_TYPE: 'TYPES', OBJECT_SCHEMA: 'SCHEMAS' };
/** `ALL` for each class: the privileges of the kind its objects' ACLs have. */
const ALL: Readonly<Record<On, readonly string[]>> = Object.fromEntries(Object.entries(ENTRY_KIND).map(([on, kind]) => [on, ALL_PRIVILEGES[kind]])) as Record<On, readonly string[]>;



/**
 * `ALTER DEFAULT PRIVILEGES …` (AlterDefaultPrivilegesStmt).
 *
 * @example
 * alterDefaultPrivileges(scope, node) // scope.objects['default_privileges :app:TABLES'] = { grants: [{ grantee: 'reader', privilege: 'SELECT', … }] }
 */
export function alterDefaultPrivileges(s: FoldScope, n: Payload<'AlterDefaultPrivilegesStmt'>): void {
  const opt = (name: string): Node[] | undefined => (n.options ?? []).map((x) => x.DefElem!).find((d) => d.defname === name)?.arg?.List?.items;
  // `FOR ROLE` naming the applying role (pg_dump's `FOR ROLE postgres`, FoldOptions.role) is its own entry, as without it.
  const roles: Array<string | undefined> = opt('roles')?.map((r) => (s.grantee(r, true) === OWNER ? undefined : r.RoleSpec?.rolename ?? undefined)) ?? [undefined];
  const schemas: Array<string | undefined> = opt('schemas')?.map((x) => String(x.String?.sval)) ?? [undefined];
  const a = n.action;
  const on = OBJTYPE[a!.objtype as string];
  if (!on) return s.fail('E_UNSUPPORTED', `ALTER DEFAULT PRIVILEGES … ON ${objectKind(a!.objtype)}S is not supported`);
  if (on === 'SCHEMAS' && schemas[0] !== undefined) s.fail('E_INVALID', 'cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS');
  for (const sc of schemas) if (sc !== undefined && !s.schemaExists(sc)) s.fail('E_UNKNOWN', `schema "${sc}" does not exist`);
  const privs: string[] = a!.privileges?.length ? a!.privileges.map((p) => String(p.AccessPriv!.priv_name).toUpperCase()) : [...ALL[on]];
  for (const p of privs) if (!ALL[on].includes(p)) s.fail('E_INVALID', `invalid privilege type ${p} for ${on.toLowerCase()}`);
  for (const role of roles) {
    // The applying role by name in its own entries (no FOR ROLE) is the entry's owner, `CURRENT_USER` (FoldScope.grantee).
    const grantees: string[] = (a!.grantees ?? []).map((r) => s.grantee(r, role === undefined));
    for (const schema of schemas) {
      const id = { ...(role !== undefined ? { role } : {}), ...(schema !== undefined ? { schema } : {}), on };
      const key = defaultPrivilegesKey(id);
      const cur = s.objects[key] as DefaultPrivileges | undefined;
      // The owner's entries written out (a database-wide entry starts from acldefault: the role holds every privilege).
      const { kind, owner } = entryOwner(id);
      let list: Grant[] = expandOwner(cur?.grants ?? defaultEntryGrants(id), kind, owner);
      for (const g of grantees) {
        for (const p of privs) {
          const had = list.find((x) => x.grantee === g && x.privilege === p);
          list = list.filter((x) => !(x.grantee === g && x.privilege === p));
          if (a!.is_grant) list.push({ grantee: g, privilege: p, grantable: !!a!.grant_option || !!had?.grantable });
          else if (a!.grant_option && had) list.push({ grantee: g, privilege: p, grantable: false });
        }
      }
      list = sortGrants(compactOwner(list, kind, owner));
      if (sameGrants(list, defaultEntryGrants(id))) delete s.objects[key];
      else s.objects[key] = { kind: 'default_privileges', ...id, grants: list, loc: cur?.loc ?? s.loc };
    }
  }
}



/** The parts of a Model whose new members default privileges apply to. */
interface Creatable {
  readonly schemas: Readonly<Record<string, { name: string }>>;
  readonly sequences: Readonly<Record<string, { schema: string; name: string }>>;
  readonly functions: Readonly<Record<string, { schema: string; name: string; kind: string; identityArgs: string }>>;
  readonly types: Readonly<Record<string, { schema: string; name: string }>>;
  readonly tables: Readonly<Record<string, { schema: string; grants?: readonly Grant[] }>>;
  readonly views: Readonly<Record<string, { schema: string; grants?: readonly Grant[] }>>;
  readonly objects: Record<string, unknown>;
}

/** The foreign tables among `m.objects`, by key (default privileges ON TABLES reach them too). */
function foreignTables(m: Creatable): Record<string, { schema: string; grants?: readonly Grant[] }> {
  return Object.fromEntries(Object.entries(m.objects).filter(([, o]) => (o as { kind?: string }).kind === 'foreign_table')) as Record<string, { schema: string; grants?: readonly Grant[] }>;
}

/** Keys of what exists before a statement (when default privileges are in force: see `grantNewObjects`). */
export function snapshotKeys(m: Creatable): Set<string> | undefined {
  if (!Object.keys(m.objects).some((k) => k.startsWith('default_privileges :'))) return undefined;
  const out = new Set<string>();
  for (const [part, map] of Object.entries({ s: m.schemas, q: m.sequences, f: m.functions, t: m.types, r: m.tables, v: m.views, o: foreignTables(m) })) for (const k of Object.keys(map)) out.add(`${part} ${k}`);
  return out;
}

/**
 * Gives each object created since `before` the privileges the applying role's default privileges give it
 * (tables and views in their `grants`, the others as privileges objects).
 *
 * @example
 * grantNewObjects(model, snapshotKeys(model)) // after CREATE TABLE under ALTER DEFAULT PRIVILEGES … GRANT SELECT ON TABLES
 */
export function grantNewObjects(m: Creatable, before: Set<string>): void {
  const put = (on: 'SCHEMA' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'TYPE', cls: NewObjectClass, schema: string, name: string, args?: string) => {
    const base = defaultGrants(on, name);
    const g = initialGrants(m.objects, cls, on === 'SCHEMA' ? undefined : schema, base);
    if (!g || sameGrants(g, base)) return;
    const o: ObjectPrivileges = { kind: 'privileges', on, schema, name, ...(args !== undefined ? { args } : {}), grants: g };
    m.objects[objectKey(o)] = o;
  };
  for (const [k, s] of Object.entries(m.schemas)) if (!before.has(`s ${k}`)) put('SCHEMA', 'SCHEMAS', s.name, s.name);
  for (const [k, q] of Object.entries(m.sequences)) if (!before.has(`q ${k}`)) put('SEQUENCE', 'SEQUENCES', q.schema, q.name);
  for (const [k, t] of Object.entries(m.types)) if (!before.has(`t ${k}`)) put('TYPE', 'TYPES', t.schema, t.name);
  for (const [k, f] of Object.entries(m.functions)) if (!before.has(`f ${k}`)) put(f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', 'FUNCTIONS', f.schema, f.name, f.identityArgs);
  for (const [part, map] of [['r', m.tables], ['v', m.views], ['o', foreignTables(m)]] as const) {
    for (const [k, t] of Object.entries(map)) {
      if (before.has(`${part} ${k}`)) continue;
      const g = initialGrants(m.objects, 'TABLES', t.schema, []);
      if (g?.length) (t as { grants?: readonly Grant[] }).grants = g;
    }
  }
}
