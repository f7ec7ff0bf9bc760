/**
 * Acceptance cases of privileges on database-wide objects (h187, issue #27): foreign-data wrappers, foreign servers
 * and procedural languages (`GRANT USAGE ON FOREIGN DATA WRAPPER / FOREIGN SERVER / LANGUAGE`, which pg_dump writes),
 * folded, inspected, compared and planned by the same mechanism as the other objects' privileges
 * (src/model/privileges.ts, src/parse/kinds/grant.ts `databaseWideTarget`, src/inspect/kinds/privileges.ts,
 * src/plan/kinds/privileges.ts). plpgsql is PostgreSQL's own (an extension initdb creates): its ACL starts as
 * `acldefault` (USAGE to PUBLIC and to its owner), a file that says nothing about it wants that, and pg_dump writes a
 * changed one (`REVOKE ALL ON LANGUAGE plpgsql FROM PUBLIC`).
 */
import type { AcceptanceCase } from './harness.js';

// The roles of cases-kinds.ts (created when missing, dropped by the global teardown: test/helpers/global-setup.ts).
const roles = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;
// A wrapper without handler works on PGlite too.
const sqlMed = ["CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true')", "CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'a')"];
const table = ['CREATE TABLE t (id int PRIMARY KEY, v text)'];
const seed = "INSERT INTO t VALUES (1, 'one'), (2, 'two')";

export const DATABASE_ACL_CASES: AcceptanceCase[] = [
  {
    name: 'database acl: privileges on a foreign-data wrapper and a server granted, changed and revoked',
    old: [roles, ...table, ...sqlMed, 'GRANT USAGE ON FOREIGN DATA WRAPPER w TO m27a_reader', 'GRANT USAGE ON FOREIGN SERVER s TO m27a_writer WITH GRANT OPTION'],
    new: [roles, ...table, ...sqlMed, 'GRANT USAGE ON FOREIGN DATA WRAPPER w TO m27a_writer WITH GRANT OPTION', 'GRANT USAGE ON FOREIGN SERVER s TO m27a_reader'],
    seed,
    keeps: 'SELECT * FROM t ORDER BY id',
    expectedSql: ['REVOKE USAGE ON FOREIGN DATA WRAPPER "w" FROM "m27a_reader"', 'GRANT USAGE ON FOREIGN DATA WRAPPER "w" TO "m27a_writer" WITH GRANT OPTION', 'REVOKE USAGE ON FOREIGN SERVER "s" FROM "m27a_writer"', 'GRANT USAGE ON FOREIGN SERVER "s" TO "m27a_reader"'],
  },
  {
    name: 'database acl: a wrapper and server created with their privileges (the owner giving its own up), renamed in the file, dropped with them',
    old: [roles, ...table],
    new: [
      roles, ...table,
      "CREATE FOREIGN DATA WRAPPER w0 OPTIONS (debug 'true')", 'CREATE SERVER s0 FOREIGN DATA WRAPPER w0',
      'GRANT ALL ON FOREIGN DATA WRAPPER w0 TO m27a_reader', 'GRANT USAGE ON FOREIGN SERVER s0 TO m27a_reader, m27a_writer',
      'ALTER FOREIGN DATA WRAPPER w0 RENAME TO w', 'ALTER SERVER s0 RENAME TO s',
      'REVOKE ALL ON FOREIGN SERVER s FROM CURRENT_USER',
      'CREATE USER MAPPING FOR m27a_reader SERVER s',
    ],
    seed,
    keeps: 'SELECT * FROM t ORDER BY id',
    expectedSql: ['GRANT USAGE ON FOREIGN DATA WRAPPER "w" TO "m27a_reader"', 'REVOKE USAGE ON FOREIGN SERVER "s" FROM CURRENT_USER', 'GRANT USAGE ON FOREIGN SERVER "s" TO "m27a_reader"'],
  },
  {
    name: 'database acl: USAGE on plpgsql revoked from PUBLIC and granted to a role, a plpgsql function kept',
    old: [roles, ...table, 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$'],
    new: [roles, ...table, 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$', 'REVOKE ALL ON LANGUAGE plpgsql FROM PUBLIC', 'GRANT USAGE ON LANGUAGE plpgsql TO m27a_reader WITH GRANT OPTION'],
    seed,
    keeps: 'SELECT * FROM t ORDER BY id',
    expectedSql: ['REVOKE USAGE ON LANGUAGE "plpgsql" FROM PUBLIC', 'GRANT USAGE ON LANGUAGE "plpgsql" TO "m27a_reader" WITH GRANT OPTION'],
    absentSql: ['DROP FUNCTION'],
  },
  {
    name: 'database acl: USAGE on the sql language granted to a role and back, plpgsql changed in place',
    old: [roles, 'REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC', 'GRANT USAGE ON LANGUAGE plpgsql TO m27a_writer'],
    new: [roles, 'GRANT USAGE ON LANGUAGE sql TO m27a_reader', 'REVOKE USAGE ON LANGUAGE sql FROM PUBLIC', 'GRANT USAGE ON LANGUAGE sql TO PUBLIC', 'GRANT USAGE ON LANGUAGE plpgsql TO m27a_reader'],
    expectedSql: ['GRANT USAGE ON LANGUAGE "sql" TO "m27a_reader"', 'REVOKE USAGE ON LANGUAGE "plpgsql" FROM "m27a_writer"'],
  },
];

DATABASE_ACL_CASES.push(
  // PostgreSQL forgets a server's ACL with it: another wrapper recreates it, its privileges are granted again.
  {
    name: 'database acl: a server recreated for another wrapper gets its privileges back, changed ones too',
    old: [roles, ...table, 'CREATE FOREIGN DATA WRAPPER w1', 'CREATE FOREIGN DATA WRAPPER w2', 'CREATE SERVER s FOREIGN DATA WRAPPER w1', 'CREATE SERVER keep FOREIGN DATA WRAPPER w1', 'GRANT USAGE ON FOREIGN SERVER s TO m27a_reader', 'GRANT USAGE ON FOREIGN SERVER keep TO m27a_writer', 'CREATE USER MAPPING FOR m27a_reader SERVER s'],
    new: [roles, ...table, 'CREATE FOREIGN DATA WRAPPER w1', 'CREATE FOREIGN DATA WRAPPER w2', 'CREATE SERVER s FOREIGN DATA WRAPPER w2', 'CREATE SERVER keep FOREIGN DATA WRAPPER w2', 'GRANT USAGE ON FOREIGN SERVER s TO m27a_reader', 'GRANT USAGE ON FOREIGN SERVER keep TO m27a_reader', 'CREATE USER MAPPING FOR m27a_reader SERVER s'],
    seed,
    keeps: 'SELECT * FROM t ORDER BY id',
    expectedSql: ['GRANT USAGE ON FOREIGN SERVER "s" TO "m27a_reader"', 'GRANT USAGE ON FOREIGN SERVER "keep" TO "m27a_reader"'],
    absentSql: ['REVOKE USAGE ON FOREIGN SERVER "s"', 'REVOKE USAGE ON FOREIGN SERVER "keep"'],
  },
);
