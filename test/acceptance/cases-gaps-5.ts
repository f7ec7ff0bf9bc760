/**
 * Acceptance cases of the small gaps issue #27 kept after hunt 10's follow-ups (test/corpus-ext/MANIFEST.md, 'Hunt 10
 * gaps follow-up' and 'Hunt 10b owner follow-up'; written anew): the owner's privileges named by role, as pg_dump
 * writes them; an operator class a range names through the search_path; a column's default storage over a domain.
 * Each runs both directions on PGlite and PostgreSQL, judged by pg_dump (harness.ts); the parser round trip folds
 * each side with the connecting role as the applying one (FoldOptions.role), as `schema apply` does.
 */
import type { AcceptanceCase } from './harness.js';

/**
 * Gap 1: pg_dump names the owner (`REVOKE ALL ON TABLE t FROM postgres; GRANT SELECT ON TABLE t TO postgres;`) when
 * it gave up some of its privileges. The fold took `postgres` for another role: the REVOKE changed nothing and the
 * GRANT left the owner every privilege. The harness connects as `postgres` (PGlite's role, and CI's DATABASE_URL
 * user), which owns what the files create.
 */
const owned = [
  'CREATE SCHEMA g5own', 'CREATE TABLE g5own.t (id int PRIMARY KEY, v text)', 'CREATE TABLE g5own.u (id int PRIMARY KEY, w text)',
  'CREATE SEQUENCE g5own.s', "CREATE FUNCTION g5own.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
];
const ownedRows = "INSERT INTO g5own.t VALUES (1, 'a'), (2, 'b'); INSERT INTO g5own.u VALUES (1, 'x')";

export const OWNER_BY_NAME_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-5: the owner gives up privileges named by role, as pg_dump writes it (tables, schema, sequence, function, column)',
    old: [...owned],
    new: [
      ...owned,
      'REVOKE ALL ON TABLE g5own.t FROM postgres', 'GRANT SELECT ON TABLE g5own.t TO postgres',
      'REVOKE ALL ON SCHEMA g5own FROM postgres', 'GRANT USAGE ON SCHEMA g5own TO postgres',
      'REVOKE ALL ON SEQUENCE g5own.s FROM postgres', 'GRANT SELECT ON SEQUENCE g5own.s TO postgres',
      'REVOKE ALL ON FUNCTION g5own.f() FROM PUBLIC', 'REVOKE ALL ON FUNCTION g5own.f() FROM postgres',
      'GRANT UPDATE (w) ON TABLE g5own.u TO postgres',
    ],
    seed: ownedRows,
    seedBack: ownedRows,
    keepsTables: [{ tables: ['t'], query: 'SELECT * FROM g5own.t ORDER BY id' }, { tables: ['u'], query: 'SELECT * FROM g5own.u ORDER BY id' }],
    expectedSql: ['FROM CURRENT_USER'],
  },
];

/** Every case of this file, in the acceptance suite and the parser round trip. */
export const GAPS_5_CASES: AcceptanceCase[] = [...OWNER_BY_NAME_CASES];
