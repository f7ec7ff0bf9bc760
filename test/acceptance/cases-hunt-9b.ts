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
];
