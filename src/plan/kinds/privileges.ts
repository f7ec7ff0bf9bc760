/**
 * DDL of privileges on schemas, sequences, functions, procedures, types, columns, foreign-data wrappers, foreign
 * servers and procedural languages: revoked then
 * granted, after every object exists, like the privileges of tables. Created means "from the kind's
 * default to these", dropped "back to the default"; privileges of an object that goes are not revoked (see
 * `attachedTargetExists`).
 */
import { qualifiedKey, quoteIdentAlways as qi } from '../../model/names.js';
import { objectKey } from '../../model/objects.js';
import type { CatalogObject, Func, Grant, Model, ObjectPrivileges, Sequence, Table, TypeDef, View } from '../../model/types.js';
import { ALL_PRIVILEGES, defaultGrants, expandOwner, grantChanges, initialGrants, sameGrants, type AclKind, type NewObjectClass } from '../../model/privileges.js';
import type { Change, CommentTarget } from '../../diff/changes.js';
import type { KindStatement } from './statement.js';

/**
 * A grantee as GRANT and REVOKE name it: `PUBLIC` and `CURRENT_USER` (the fold's name for `CURRENT_USER`,
 * `CURRENT_ROLE` and `SESSION_USER`) as keywords, a role quoted.
 *
 * @example
 * who('CURRENT_USER') // 'CURRENT_USER' (not the role "CURRENT_USER")
 */
export const who = (g: string) => (g === 'PUBLIC' || g === 'CURRENT_USER' ? g : qi(g));
/** A grant's identity (grantee, privilege, grant option). */
export const grantKey = (g: Grant) => `${g.grantee}\u0000${g.privilege}\u0000${g.grantable}`;
const key = grantKey;

/**
 * Grants grouped by grantee and grant option, privileges in their order: one GRANT or REVOKE statement each
 * (object privileges here, default privileges in ./default-privileges.ts).
 *
 * @example
 * grantGroups([{ grantee: 'r', privilege: 'SELECT', grantable: false }, { grantee: 'r', privilege: 'INSERT', grantable: false }])
 * // [{ grantee: 'r', grantable: false, privs: ['SELECT', 'INSERT'] }]
 */
export function grantGroups(list: readonly Grant[]): { grantee: string; grantable: boolean; privs: string[] }[] {
  const m = new Map<string, string[]>();
  for (const g of list) m.set(`${g.grantee}\u0000${g.grantable}`, [...(m.get(`${g.grantee}\u0000${g.grantable}`) ?? []), g.privilege]);
  return [...m].map(([k, privs]) => ({ grantee: k.split('\u0000')[0]!, grantable: k.endsWith('true'), privs }));
}

/**
 * The privileges a REVOKE names: on a relation, `ALL` when they are every privilege the Model knows, so that it also
 * takes what a later PostgreSQL adds to a relation's `ALL` (`MAINTAIN`, 17+), as a REVOKE ALL in the schema file
 * did; the other kinds' `ALL` is the same on every version: their privileges are named.
 *
 * @example
 * privilegeList('TABLE', ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE']) // 'ALL'
 */
export function privilegeList(kind: AclKind, privs: readonly string[]): string {
  return kind === 'TABLE' && ALL_PRIVILEGES[kind].every((p) => privs.includes(p)) ? 'ALL' : privs.join(', ');
}

/** What the GRANT/REVOKE names: `SCHEMA "s"`, `FUNCTION "s"."f"(integer)`, `TABLE "s"."t"` (columns go in the privilege list), `LANGUAGE "plpgsql"`. */
function target(o: ObjectPrivileges): string {
  const q = `${qi(o.schema)}.${qi(o.name)}`;
  switch (o.on) {
    case 'SCHEMA': return `SCHEMA ${qi(o.schema)}`;
    case 'FUNCTION': case 'PROCEDURE': return `${o.on} ${q}(${o.args ?? ''})`;
    case 'COLUMN': return `TABLE ${q}`;
    case 'FOREIGN DATA WRAPPER': case 'FOREIGN SERVER': case 'LANGUAGE': return `${o.on} ${qi(o.name)}`;
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
  // The owner's entries written out (left out, it holds every privilege): what it gives up is revoked FROM CURRENT_USER.
  [from, to] = [expandOwner(from, o.on), expandOwner(to, o.on)];
  const have = new Set(from.map(key));
  const want = new Set(to.map(key));
  const privs = (list: readonly string[]) => list.map((p) => (o.on === 'COLUMN' ? `${p} (${qi(o.column ?? '')})` : p)).join(', ');
  const what = o.on === 'COLUMN' ? `column "${o.name}"."${o.column}"` : `${o.on.toLowerCase()} "${o.name}"`;
  return [
    ...grantGroups(from.filter((g) => !want.has(key(g)))).map((g) => ({ kind: 'revoke' as const, comment: `revoke privileges on ${what}`, sql: `REVOKE ${privs(g.privs)} ON ${target(o)} FROM ${who(g.grantee)}` })),
    ...grantGroups(to.filter((g) => !have.has(key(g)))).map((g) => ({ kind: 'grant' as const, comment: `grant privileges on ${what}`, sql: `GRANT ${privs(g.privs)} ON ${target(o)} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}` })),
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

/** An object a plan drops and creates again (or rebuilds under the same name): what PostgreSQL forgets about it. */
export type RecreatedObject =
  | { readonly kind: 'function'; readonly function: Func }
  | { readonly kind: 'type'; readonly type: TypeDef }
  | { readonly kind: 'sequence'; readonly sequence: Sequence }
  | { readonly kind: 'view'; readonly view: View }
  /** Tables: only their privileges here (the diff gives a recreated table its comments and column privileges). */
  | { readonly kind: 'table'; readonly table: Table };

const targetKey = (t: CommentTarget) => JSON.stringify(t);

/**
 * What gives a recreated object back what the desired state keeps on it and PostgreSQL dropped with the old
 * one: its privileges (from what the new object starts with — its kind's default, or what `ALTER DEFAULT
 * PRIVILEGES` gives it — to the desired ones) and its comments (a view's column comments too). Any recreate
 * (the diff's, the planner's dependants, an enum rebuild) calls this, through `restoreRecreated` or directly.
 *
 * @example
 * restoreOnRecreate({ kind: 'function', function: f }, desired)
 * // → [{ kind: 'create_object', object: { kind: 'privileges', on: 'FUNCTION', … } }, { kind: 'comment', … }]
 */
export function restoreOnRecreate(o: RecreatedObject, desired: Model): Change[] {
  const out: Change[] = [];
  const objects = desired.objects ?? {};
  const privileges = (on: ObjectPrivileges['on'], cls: NewObjectClass, schema: string, name: string, args?: string) => {
    const id = { kind: 'privileges' as const, on, schema, name, ...(args !== undefined ? { args } : {}) };
    const want = objects[objectKey({ ...id, grants: [] })] as ObjectPrivileges | undefined;
    const base = defaultGrants(on, name);
    const initial = initialGrants(objects, cls, schema, base) ?? base;
    const wanted = want?.grants ?? base;
    if (sameGrants(initial, wanted)) return;
    if (want && sameGrants(initial, base)) out.push({ kind: 'create_object', object: want });
    else out.push({ kind: 'alter_object', from: { ...id, grants: initial }, to: want ?? { ...id, grants: base } });
  };
  const comment = (target: CommentTarget, text: string | undefined) => {
    if (text !== undefined) out.push({ kind: 'comment', target, comment: text });
  };
  switch (o.kind) {
    case 'function': {
      const f = o.function;
      const on = f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
      privileges(on, 'FUNCTIONS', f.schema, f.name, f.identityArgs);
      comment({ on, schema: f.schema, name: f.name, args: f.identityArgs }, f.comment);
      break;
    }
    case 'type':
      privileges('TYPE', 'TYPES', o.type.schema, o.type.name);
      comment({ on: 'TYPE', schema: o.type.schema, name: o.type.name }, o.type.comment);
      if (o.type.kind === 'composite') for (const [column, text] of Object.entries(o.type.attributeComments ?? {})) comment({ on: 'COLUMN', schema: o.type.schema, name: o.type.name, column }, text);
      break;
    case 'sequence':
      privileges('SEQUENCE', 'SEQUENCES', o.sequence.schema, o.sequence.name);
      comment({ on: 'SEQUENCE', schema: o.sequence.schema, name: o.sequence.name }, o.sequence.comment);
      break;
    case 'view': case 'table': {
      const v = o.kind === 'view' ? o.view : o.table;
      const { grant, revoke } = grantChanges(initialGrants(objects, 'TABLES', v.schema, []) ?? [], v.grants ?? [], 'TABLE');
      if (grant.length || revoke.length) out.push({ kind: 'grants', schema: v.schema, name: v.name, grant, revoke });
      if (o.kind === 'table') break;
      comment({ on: v.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', schema: v.schema, name: v.name }, v.comment);
      for (const [column, text] of Object.entries(o.view.columnComments ?? {})) comment({ on: 'COLUMN', schema: v.schema, name: v.name, column }, text);
      // Its columns' privileges (a new view's columns have no ACL): granted again.
      for (const p of Object.values(objects)) if (isColumnPrivilegesOf(p, v.schema, v.name)) out.push({ kind: 'create_object', object: p });
      break;
    }
  }
  return out;
}

/**
 * Finds the objects `all` drops and creates again under the same name (a function dropped and created, a type
 * dropped and created or an enum rebuilt, a sequence, a view) and replaces what `all` plans for their
 * privileges and comments with `restoreOnRecreate`'s changes (a change planned against the old object would
 * start from the wrong state). Mutates `all`.
 *
 * @example
 * restoreRecreated(all, desired) // + GRANT EXECUTE ON FUNCTION "app"."f"() TO "reader" after the function is created again
 */
export function restoreRecreated(all: Change[], desired: Model): void {
  const fnKey = (f: Func) => `${qualifiedKey(f.schema, f.name)}(${f.identityArgs})`;
  const dropped = new Set(all.flatMap((c) =>
    c.kind === 'drop_function' ? [`function ${fnKey(c.function)}`]
    : c.kind === 'drop_type' ? [`type ${qualifiedKey(c.type.schema, c.type.name)}`]
    : c.kind === 'drop_sequence' ? [`sequence ${qualifiedKey(c.sequence.schema, c.sequence.name)}`]
    : c.kind === 'drop_view' ? [`view ${qualifiedKey(c.view.schema, c.view.name)}`]
    : c.kind === 'drop_table' ? [`table ${qualifiedKey(c.table.schema, c.table.name)}`] : []));
  const recreated: RecreatedObject[] = [];
  const seen = new Set<string>();
  const add = (key: string, o: RecreatedObject) => {
    if (!seen.has(key)) seen.add(key), recreated.push(o);
  };
  for (const c of all) {
    if (c.kind === 'create_function' && !c.replace && dropped.has(`function ${fnKey(c.function)}`)) add(`function ${fnKey(c.function)}`, { kind: 'function', function: c.function });
    if (c.kind === 'create_type' && dropped.has(`type ${qualifiedKey(c.type.schema, c.type.name)}`)) add(`type ${qualifiedKey(c.type.schema, c.type.name)}`, { kind: 'type', type: c.type });
    if (c.kind === 'rebuild_type') add(`type ${qualifiedKey(c.to.schema, c.to.name)}`, { kind: 'type', type: c.to });
    if (c.kind === 'create_sequence' && dropped.has(`sequence ${qualifiedKey(c.sequence.schema, c.sequence.name)}`)) add(`sequence ${qualifiedKey(c.sequence.schema, c.sequence.name)}`, { kind: 'sequence', sequence: c.sequence });
    if (c.kind === 'create_table' && dropped.has(`table ${qualifiedKey(c.table.schema, c.table.name)}`)) add(`table ${qualifiedKey(c.table.schema, c.table.name)}`, { kind: 'table', table: c.table });
    if (c.kind === 'create_view' && dropped.has(`view ${qualifiedKey(c.view.schema, c.view.name)}`)) add(`view ${qualifiedKey(c.view.schema, c.view.name)}`, { kind: 'view', view: c.view });
  }
  for (const o of recreated) {
    const back = restoreOnRecreate(o, desired);
    const objectKeys = new Set(back.flatMap((c) => (c.kind === 'create_object' ? [objectKey(c.object)] : c.kind === 'alter_object' ? [objectKey(c.to)] : [])));
    // The privileges object's key even when nothing is restored (the desired grants are what the new object gets).
    if (o.kind !== 'view' && o.kind !== 'table') {
      const [on, schema, name, args] = o.kind === 'function' ? [o.function.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', o.function.schema, o.function.name, o.function.identityArgs] as const
        : o.kind === 'type' ? ['TYPE', o.type.schema, o.type.name, undefined] as const : ['SEQUENCE', o.sequence.schema, o.sequence.name, undefined] as const;
      objectKeys.add(objectKey({ kind: 'privileges', on, schema, name, ...(args !== undefined ? { args } : {}), grants: [] }));
    }
    const comments = new Set(commentTargets(o).map(targetKey));
    const relation = o.kind === 'view' ? qualifiedKey(o.view.schema, o.view.name) : o.kind === 'table' ? qualifiedKey(o.table.schema, o.table.name) : undefined;
    for (let i = all.length - 1; i >= 0; i--) {
      const c = all[i]!;
      const stale = (c.kind === 'comment' && comments.has(targetKey(c.target)))
        || ((c.kind === 'create_object' || c.kind === 'drop_object') && objectKeys.has(objectKey(c.object)))
        || (c.kind === 'alter_object' && objectKeys.has(objectKey(c.to)))
        || (c.kind === 'grants' && relation !== undefined && qualifiedKey(c.schema, c.name) === relation)
        // A recreated view's columns start without privileges: what the diff planned for them is stale.
        || (o.kind === 'view' && (c.kind === 'create_object' || c.kind === 'drop_object') && isColumnPrivilegesOf(c.object, o.view.schema, o.view.name))
        || (o.kind === 'view' && c.kind === 'alter_object' && isColumnPrivilegesOf(c.to, o.view.schema, o.view.name));
      if (stale) all.splice(i, 1);
    }
    all.push(...back);
  }
}

/** Whether `o` is the privileges on a column of relation `schema.name`. @example isColumnPrivilegesOf(o, 'app', 'v') */
function isColumnPrivilegesOf(o: CatalogObject, schema: string, name: string): o is ObjectPrivileges {
  return o.kind === 'privileges' && o.on === 'COLUMN' && o.schema === schema && o.name === name;
}

/** The comments an object carries (a view's columns' too), as `comment` change targets. */
function commentTargets(o: RecreatedObject): CommentTarget[] {
  switch (o.kind) {
    case 'function': return [{ on: o.function.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', schema: o.function.schema, name: o.function.name, args: o.function.identityArgs }];
    case 'type': return [{ on: 'TYPE', schema: o.type.schema, name: o.type.name }, ...(o.type.kind === 'composite' ? o.type.attributes.map((a) => ({ on: 'COLUMN' as const, schema: o.type.schema, name: o.type.name, column: a.name })) : [])];
    case 'sequence': return [{ on: 'SEQUENCE', schema: o.sequence.schema, name: o.sequence.name }];
    case 'table': return [];
    case 'view': return [{ on: o.view.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', schema: o.view.schema, name: o.view.name }, ...[...new Set([...o.view.columns, ...Object.keys(o.view.columnComments ?? {})])].map((column) => ({ on: 'COLUMN' as const, schema: o.view.schema, name: o.view.name, column }))];
  }
}
