/**
 * Acceptance cases of the owner's own privileges (h166): the role that applies a plan owns what it creates, and
 * its ACL entries are compared exactly as PostgreSQL stores them — a NULL ACL is the kind's `acldefault` (the
 * owner holds every privilege), a non-NULL one states the owner's entry or its absence, and pg_dump prints a
 * REVOKE/GRANT for it. From pg-delta's corpus (supabase/pg-toolbelt packages/pg-delta/corpus, MIT):
 * `acl-operations--owner-full-revoke` and `default-privileges-edge-case--owner-revoke-own-default`; the rest are
 * the same class on the other kinds (src/model/privileges.ts `expandOwner`/`compactOwner`, the fold in
 * src/parse/kinds/grant.ts and privileges.ts, the inspector's `aclGrantsSql`).
 */
import type { AcceptanceCase } from './harness.js';

// The roles of cases-kinds.ts (created when missing, dropped by the global teardown: test/helpers/global-setup.ts).
const roles = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

const table = ['CREATE SCHEMA own', 'CREATE TABLE own.t (id int PRIMARY KEY, v text)'];
const seed = "INSERT INTO own.t VALUES (1, 'one'), (2, 'two')";

export const OWNER_ACL_CASES: AcceptanceCase[] = [
  // pg-delta's acl-operations--owner-full-revoke: the table's ACL is `{}` (no owner entry), which the inspector
  // did not read (it left every owner entry out), so neither direction was planned.
  {
    name: 'owner acl: the owner revokes all of its own privileges on a table',
    old: [...table],
    new: [...table, 'REVOKE ALL ON TABLE own.t FROM CURRENT_USER'],
    seed,
  },
  // pg-delta's default-privileges-edge-case--owner-revoke-own-default: one privilege given up, a grant to another
  // role after it (the ACL's order: the owner's entry first).
  {
    name: 'owner acl: the owner revokes one of its privileges, another role is granted',
    old: [roles, ...table],
    new: [roles, ...table, 'REVOKE UPDATE ON own.t FROM CURRENT_USER', 'GRANT SELECT ON own.t TO m27a_reader'],
    seed,
  },
  // A grant option for the owner, and a privilege on a column granted to the owner (pg_attribute.attacl starts
  // empty): both change the ACL, were compared, and planned again on every plan.
  {
    name: 'owner acl: a grant option and a column privilege for the owner',
    old: [...table],
    new: [...table, 'GRANT SELECT ON own.t TO CURRENT_USER WITH GRANT OPTION', 'GRANT UPDATE (v) ON own.t TO CURRENT_USER'],
    seed,
  },
  // The owner revokes everything, then takes part back: the owner's entry comes after the other grantee's.
  {
    name: 'owner acl: the owner revokes all and is granted part back',
    old: [roles, ...table, 'GRANT SELECT ON own.t TO m27a_reader'],
    new: [roles, ...table, 'GRANT SELECT ON own.t TO m27a_reader', 'REVOKE ALL ON own.t FROM CURRENT_USER', 'GRANT SELECT, INSERT ON own.t TO CURRENT_USER'],
    seed,
  },
  // The other kinds: a schema, a sequence, a function (PUBLIC's EXECUTE kept), a type, a view.
  {
    name: 'owner acl: the owner gives up privileges on a schema, sequence, function, type and view',
    old: [...table, 'CREATE SEQUENCE own.s', 'CREATE FUNCTION own.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', "CREATE TYPE own.e AS ENUM ('a')", 'CREATE VIEW own.v AS SELECT id FROM own.t'],
    new: [
      ...table, 'CREATE SEQUENCE own.s', 'CREATE FUNCTION own.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', "CREATE TYPE own.e AS ENUM ('a')", 'CREATE VIEW own.v AS SELECT id FROM own.t',
      'REVOKE CREATE ON SCHEMA own FROM CURRENT_USER',
      'REVOKE UPDATE ON SEQUENCE own.s FROM CURRENT_USER',
      'REVOKE ALL ON FUNCTION own.f() FROM CURRENT_USER',
      'GRANT USAGE ON TYPE own.e TO CURRENT_USER WITH GRANT OPTION',
      'REVOKE ALL ON own.v FROM CURRENT_USER',
    ],
    seed,
  },
  // A plain grant to the owner leaves the default ACL as it was: nothing to compare, nothing planned.
  {
    name: 'owner acl: a plain grant to the owner next to a revoke from PUBLIC',
    old: [...table, 'CREATE FUNCTION own.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'],
    new: [...table, 'CREATE FUNCTION own.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', 'REVOKE ALL ON FUNCTION own.f() FROM PUBLIC', 'GRANT ALL ON FUNCTION own.f() TO CURRENT_USER', 'GRANT SELECT ON own.t TO CURRENT_USER'],
    seed,
  },
  // Default privileges of the applying role that give up the owner's own privileges (pg-delta's
  // default-privileges-owner-self-revoke-global, for the applying role): a database-wide entry is taken as it is
  // by the objects created after it, so a table created under it has no entry of its owner; a schema's entry adds
  // the owner's INSERT to what the database-wide one leaves.
  {
    name: 'owner acl: default privileges revoke the owner\'s own privileges, objects created under them',
    old: [roles, 'CREATE SCHEMA own'],
    new: [
      roles, 'CREATE SCHEMA own',
      'ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM CURRENT_USER',
      'ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO m27a_reader',
      'ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SEQUENCES FROM CURRENT_USER',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA own GRANT INSERT ON TABLES TO CURRENT_USER',
      'CREATE TABLE own.t (id int PRIMARY KEY, v text)',
      'CREATE TABLE public.t2 (id int)',
      'CREATE SEQUENCE own.s',
    ],
  },
  // Default privileges FOR ROLE another role naming that role itself (pg-delta's default-privileges-owner-self-entry,
  // default-privileges-ordering--new-role*): a schema's entry starts empty, so the role's own entry is stored and
  // pg_dump prints it; the inspector left every entry of the entry's role out. (Not `GRANT ALL`: PostgreSQL 17+
  // adds MAINTAIN to a relation's ALL, which the fold's ALL does not hold for a role other than the owner.)
  {
    name: 'owner acl: default privileges for another role granting to that role itself',
    old: [roles, 'CREATE SCHEMA own'],
    new: [
      roles, 'CREATE SCHEMA own',
      'ALTER DEFAULT PRIVILEGES FOR ROLE m27a_writer IN SCHEMA own GRANT SELECT, INSERT ON TABLES TO m27a_writer',
      'ALTER DEFAULT PRIVILEGES FOR ROLE m27a_writer IN SCHEMA own GRANT SELECT ON TABLES TO m27a_reader',
      'ALTER DEFAULT PRIVILEGES FOR ROLE m27a_writer REVOKE ALL ON SEQUENCES FROM m27a_writer',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA own GRANT USAGE ON SEQUENCES TO CURRENT_USER WITH GRANT OPTION',
    ],
  },
];
