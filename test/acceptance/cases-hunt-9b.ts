/**
 * Acceptance cases hunted on sqldef's psqldef test cases (sqldef/sqldef cmd/psqldef/tests_*.yml, MIT; h143, hunt 9b):
 * each case's `current` and `desired` schemas were applied with `schema apply` both ways on PostgreSQL 15, planned
 * again (nothing left) and pg_dump'ed against the database psql loads from the target. Each class of failure is
 * reproduced by one small case of our own that failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_9B_CASES: AcceptanceCase[] = [
  // parse/normalize.ts (RowExpr, aexpr): comparisons PostgreSQL rewrites when it parses them compared unequal to what
  // it prints back, so a CHECK or an index predicate holding one was dropped and added again on every plan: a row
  // constructor `(a, b)` is printed `ROW(a, b)`; rows compared with `=` / `<>` (or IN a list of rows) are stored as
  // the pairwise comparisons joined by AND / OR; `x IN ('a')` with one constant is stored `x = 'a'`, and the elements
  // of an IN list that read columns are comparisons of their own beside `= ANY (ARRAY[…])` (psqldef's
  // CheckConstraintWithRowConstructor, ConstraintCheckInSingleValue, ConstraintCheckNotInSingleValue).
  {
    name: 'hunt-9b: row comparisons and IN lists in CHECKs and an index predicate, as PostgreSQL stores them',
    old: ["CREATE TABLE pt (a int, b int, c text, CONSTRAINT pt_a CHECK (a > 0), CONSTRAINT pt_c CHECK (c IN ('x', 'y')))"],
    new: [
      'CREATE TABLE pt (a int, b int, c text, CONSTRAINT pt_ab CHECK ((a, b) > (0, 0)), CONSTRAINT pt_ba CHECK (ROW(b, a) <> (1, 1)), ' +
        "CONSTRAINT pt_pairs CHECK ((a, b) IN ((1, 2), (5, 6))), CONSTRAINT pt_c CHECK (c IN ('x', 'y', b::text)), " +
        "CONSTRAINT pt_not_z CHECK (c NOT IN ('z')), CONSTRAINT pt_a CHECK (a IN (1) OR a > 4))",
      'CREATE INDEX pt_low ON pt (a) WHERE (a, b) = (1, 2)',
    ],
    seed: "INSERT INTO pt VALUES (1, 2, 'x'), (5, 6, 'y')",
    seedBack: "INSERT INTO pt VALUES (1, 2, 'x'), (5, 6, 'y')",
    keepsTables: [{ tables: ['pt'], query: 'SELECT * FROM pt ORDER BY a' }],
  },
  // parse/kinds/view.ts (outputColumns), parse/normalize.ts (query): `*` over a CTE was not expanded when the CTE's
  // columns came from a `*` of its own, a column alias list shorter than its query, an earlier CTE, or when the CTE
  // is recursive, and a view's output columns left CTEs out, so such a view was dropped and created again on every
  // plan (psqldef's MaterializedViewWithCTE).
  {
    name: 'hunt-9b: views selecting * from CTEs (aliased, chained, recursive, under UNION ALL)',
    old: ['CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL)', 'CREATE VIEW v1 AS SELECT id FROM users WHERE active'],
    new: [
      'CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL)',
      'CREATE VIEW v1 AS WITH r AS (SELECT id FROM users WHERE active = true) SELECT * FROM r',
      'CREATE VIEW v2 AS WITH r(x) AS (SELECT * FROM users) SELECT * FROM r',
      'CREATE VIEW v3 AS WITH r AS (SELECT * FROM users), s AS (SELECT * FROM r) SELECT * FROM s',
      'CREATE VIEW v4 AS WITH r AS (SELECT * FROM users) SELECT r.* FROM r UNION ALL SELECT * FROM r',
      'CREATE MATERIALIZED VIEW v5 AS WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 3) SELECT * FROM n',
    ],
    seed: 'INSERT INTO users VALUES (1, true), (2, false)',
    seedBack: 'INSERT INTO users VALUES (1, true), (2, false)',
    keepsTables: [{ tables: ['users'], query: 'SELECT * FROM users ORDER BY id' }],
  },
];
