/**
 * Acceptance cases hunted on migra's test fixtures (djrobstep/migra tests/FIXTURES, Unlicense; h142, issue #27
 * hunt 9a): each pair was applied with `schema apply` both ways on PostgreSQL 15, planned again (nothing left) and
 * pg_dump'ed against the database psql loads from the target file. Each class of failure is reproduced by one
 * small case of our own that failed before its fix in src/ (named in the case's comment). Facts only are taken
 * from those files.
 */
import type { AcceptanceCase } from './harness.js';

/** Objects whose privileges the cases change (no roles of their own: the cases grant to the role that runs them). */
const objects = [
  'CREATE SCHEMA app',
  'CREATE TABLE app.t (id int PRIMARY KEY, name text)',
  'CREATE SEQUENCE app.s',
  'CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
  'CREATE VIEW app.v AS SELECT id, name FROM app.t',
];

export const HUNT_9_CASES: AcceptanceCase[] = [
  // model/privileges.ts (withoutGrantsTo, since h166 grantsByNameToOwner), diff/index.ts, inspect (Model.role): a GRANT to the role that applies
  // the schema — its owner, as owners are not modelled — changes nothing the inspector reads (it leaves an owner's
  // own privileges out), but the fold kept it, so every later plan granted it again (migra's `privileges`,
  // `everything` and `singleschema`: `grant select, insert on table t to postgres`). Privileges granted without
  // grant option to the inspecting role (and to CURRENT_USER, which a plan now writes as the keyword, not as a
  // quoted role) are left out of both sides of the diff; a grant option or a column's privilege changes the
  // owner's entry (pg_dump prints it) and is not part of this case.
  {
    name: 'hunt-9: privileges granted to the role that applies the schema (the owner) plan nothing once applied',
    old: [
      ...objects,
      'GRANT SELECT, INSERT ON app.t TO postgres',
      'GRANT USAGE ON SCHEMA app TO postgres',
      'GRANT SELECT ON app.t TO PUBLIC',
    ],
    new: [
      ...objects,
      'GRANT UPDATE, INSERT ON app.t TO postgres',
      'GRANT SELECT ON app.t TO CURRENT_USER',
      'GRANT USAGE ON SEQUENCE app.s TO postgres',
      'REVOKE ALL ON FUNCTION app.f() FROM PUBLIC',
      'GRANT EXECUTE ON FUNCTION app.f() TO postgres',
      'GRANT ALL ON app.v TO CURRENT_USER',
      'GRANT SELECT ON app.v TO PUBLIC',
    ],
    seed: "INSERT INTO app.t VALUES (1, 'a'), (2, 'b')",
    seedBack: "INSERT INTO app.t VALUES (3, 'c')",
    keeps: 'SELECT id, name FROM app.t ORDER BY id',
  },
];
