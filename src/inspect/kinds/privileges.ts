/**
 * Privileges on schemas, sequences, functions, procedures, aggregates, types, domains, columns, foreign-data
 * wrappers, foreign servers and procedural languages, read in one
 * query: each object's ACL (or its kind's default, `acldefault`) exploded with `aclexplode`, in the ACL's order
 * (pg_dump's), the owner's own entries as `CURRENT_USER` when the owner is the inspecting role (`aclFromRow`). Objects whose privileges equal the kind's default, and objects the Model does not hold
 * (identity sequences, array types), are not kept.
 */
import type { Grant, ObjectPrivileges } from '../../model/types.js';
import { defaultGrants, sameGrants, standardPublic } from '../../parse/kinds/privileges.js';
import { compactOwner, type AclKind } from '../../model/privileges.js';
import { aclGrantsSql, identityArgsSql, notExt, ownerIsMe } from '../queries.js';

const grants = (acl: string, owner: string, kind: string) => `${aclGrantsSql(acl, owner, kind)} AS grants, ${ownerIsMe(owner)} AS mine`;

/** `$1`: the managed schemas. Only objects with an ACL of their own (`…acl IS NOT NULL`). */
export const Q_PRIVILEGES = `
SELECT 'SCHEMA' AS "on", n.nspname AS schema, n.nspname AS name, NULL::text AS args, NULL::text AS "column", ${grants('n.nspacl', 'n.nspowner', 'n')}
  FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY($1::text[]) AND n.nspacl IS NOT NULL
UNION ALL
SELECT 'SEQUENCE', n.nspname, c.relname, NULL, NULL, ${grants('c.relacl', 'c.relowner', 's')}
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'S' AND n.nspname = ANY($1::text[]) AND c.relacl IS NOT NULL AND ${notExt('pg_class', 'c.oid')}
UNION ALL
SELECT CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, p.proname, ${identityArgsSql('p')}, NULL, ${grants('p.proacl', 'p.proowner', 'f')}
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = ANY($1::text[]) AND p.proacl IS NOT NULL AND ${notExt('pg_proc', 'p.oid')}
UNION ALL
SELECT 'TYPE', n.nspname, t.typname, NULL, NULL, ${grants('t.typacl', 't.typowner', 'T')}
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = ANY($1::text[]) AND t.typacl IS NOT NULL AND ${notExt('pg_type', 't.oid')}
UNION ALL
-- Database-wide (schema ''): wrappers and languages an extension created too (postgres_fdw, plpgsql), whose ACL pg_dump writes
SELECT 'FOREIGN DATA WRAPPER', '', w.fdwname, NULL, NULL, ${grants('w.fdwacl', 'w.fdwowner', 'F')}
  FROM pg_catalog.pg_foreign_data_wrapper w WHERE w.fdwacl IS NOT NULL
UNION ALL
SELECT 'FOREIGN SERVER', '', s.srvname, NULL, NULL, ${grants('s.srvacl', 's.srvowner', 'S')}
  FROM pg_catalog.pg_foreign_server s WHERE s.srvacl IS NOT NULL AND ${notExt('pg_foreign_server', 's.oid')}
UNION ALL
SELECT 'LANGUAGE', '', l.lanname, NULL, NULL, ${grants('l.lanacl', 'l.lanowner', 'l')}
  FROM pg_catalog.pg_language l WHERE l.lanacl IS NOT NULL
UNION ALL
SELECT 'COLUMN', n.nspname, c.relname, NULL, a.attname, ${grants('a.attacl', 'c.relowner', 'c')}
  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL AND n.nspname = ANY($1::text[])
 ORDER BY 1, 2, 3, 4, 5`;

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The privileges of one row; undefined when they are the kind's default.
 *
 * @example
 * privilegesFromRow({ on: 'SCHEMA', schema: 'app', name: 'app', grants: [{ grantee: 'reader', privilege: 'USAGE', grantable: false }] })
 */
export function privilegesFromRow(r: Record<string, unknown>): ObjectPrivileges | undefined {
  const on = String(r.on) as ObjectPrivileges['on'];
  const list = aclFromRow(r.grants, r.mine, on);
  if (sameGrants(list, defaultGrants(on, String(r.name))) || (on === 'SCHEMA' && r.name === 'public' && standardPublic(list))) return undefined;
  return {
    kind: 'privileges', on, schema: String(r.schema), name: String(r.name), ...(r.args !== null && r.args !== undefined ? { args: String(r.args) } : {}),
    ...(r.column ? { column: String(r.column) } : {}), grants: list,
  };
}

/**
 * The privileges of an ACL read by `aclGrantsSql` (`grants`, null for a NULL ACL: the kind's default) as the Model
 * keeps them: the owner's entries, read when the owner is the inspecting role (`mine`), left out when they are what
 * `acldefault` gives it and marked when it holds none (`compactOwner`).
 *
 * @example
 * aclFromRow([{ grantee: 'CURRENT_USER', privilege: 'SELECT', grantable: false }], true, 'TABLE') // [CURRENT_USER's SELECT]: it gave up the others
 */
export function aclFromRow(grants: unknown, mine: unknown, kind: AclKind): Grant[] {
  const raw = json(grants) as Grant[] | null | undefined;
  if (raw === null || raw === undefined) return [];
  const list = raw.map((g) => ({ grantee: g.grantee, privilege: g.privilege, grantable: g.grantable === true }));
  return mine === true ? compactOwner(list, kind) : list;
}
