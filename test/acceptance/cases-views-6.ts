/**
 * Definitions PostgreSQL prints in a form the native fold did not reach (issue #27): before each fix a schema
 * applied once planned a CREATE OR REPLACE (or a drop and a create) again on every run (parse = inspect failed).
 *  - a view using a user-defined operator written unqualified (`b === 10`): PostgreSQL prints `OPERATOR(public.===)`
 *    (ruleutils' generate_operator_name qualifies an operator its unqualified lookup with the argument types does
 *    not find, and the inspector reads under an empty search_path);
 *  - an operator whose estimators are written unqualified (`RESTRICT = eqsel, JOIN = eqjoinsel`): the fold refused
 *    them (the built-in catalog snapshot left out functions taking `internal`);
 *  - an operator's argument coerced implicitly to the type the chosen operator takes (`now() - ts`, ts a timestamp
 *    column: there is no timestamptz - timestamp operator, PostgreSQL prints `now() - ts::timestamp with time zone`),
 *    a CTE's columns typed from its body so that expressions over them are coerced alike;
 *  - functions with OUT parameters and no RETURNS clause (PostgreSQL derives RETURNS record, or the one OUT
 *    parameter's type, and pg_get_functiondef prints it).
 * Each runs both directions on PGlite and PostgreSQL and is judged by pg_dump (harness.ts); the native fold of each
 * side is compared with the inspected database by test/parse/roundtrip.test.ts.
 */
import type { AcceptanceCase } from './harness.js';

const TABLE = 'CREATE TABLE m (id int PRIMARY KEY, b int, ts timestamp, d date, label varchar(20))';
const ROWS = "INSERT INTO m VALUES (1, 10, '2024-01-02 10:00', '2024-01-02', 'a'), (2, 20, '2030-01-01 00:00', '2030-01-01', 'b')";
const keep = [{ tables: ['m'], query: 'SELECT * FROM m ORDER BY id' }];
const SAME = "CREATE FUNCTION same_int(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2'";

export const VIEWS_6_CASES: AcceptanceCase[] = [
  {
    name: 'views-6: a view using a user-defined operator written unqualified (printed OPERATOR(public.===))',
    old: [TABLE, SAME, 'CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = same_int)'],
    new: [TABLE, SAME, 'CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = same_int)',
      // Names PostgreSQL has operators of too: an enum's `~=` beside an untyped literal, `=` over (mood, integer).
      "CREATE TYPE mood AS ENUM ('sad', 'ok')",
      'CREATE FUNCTION mood_same(mood, mood) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1::text = $2::text $$',
      'CREATE FUNCTION mood_int(mood, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1::text = $2::text $$',
      "CREATE FUNCTION flip(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT reverse($1)'",
      'CREATE OPERATOR ~= (LEFTARG = mood, RIGHTARG = mood, FUNCTION = mood_same)',
      'CREATE OPERATOR = (LEFTARG = mood, RIGHTARG = int, FUNCTION = mood_int)',
      'CREATE OPERATOR ~~~ (RIGHTARG = text, FUNCTION = flip)',
      'CREATE VIEW tens AS SELECT id FROM m WHERE b === 10 OR b === ANY (ARRAY[20, 30])',
      'CREATE VIEW explicit AS SELECT id, b OPERATOR(public.===) 20 AS twenty FROM m',
      "CREATE VIEW moods AS SELECT ~~~ label AS flipped, 'ok'::mood ~= 'ok' AS same, 'sad'::mood = 1 AS odd, b = 1 AS one FROM m"],
    seed: ROWS,
    keepsTables: keep,
    after: 'SELECT id FROM tens',
  },
  {
    name: 'views-6: an operator whose estimators are written unqualified (RESTRICT = eqsel, JOIN = eqjoinsel)',
    old: [TABLE, SAME],
    new: [TABLE, SAME, 'CREATE OPERATOR ==== (LEFTARG = int, RIGHTARG = int, FUNCTION = same_int, RESTRICT = eqsel, JOIN = eqjoinsel)'],
    seed: ROWS,
    keepsTables: keep,
  },
  {
    name: "views-6: an operator's argument coerced implicitly to the chosen operator's type (now() - ts, ts a timestamp)",
    old: [TABLE],
    new: [TABLE,
      "CREATE VIEW ages AS SELECT id, now() - ts AS age, ts > now() AS future, d + 1 AS next, b + 1.5 AS half, label || '!' AS shout FROM m WHERE ts < now() - interval '1 day'",
      'CREATE VIEW spans AS SELECT id, CURRENT_TIMESTAMP - d AS since, d - ts::date AS days FROM m',
      // Over a CTE's columns: typed from its body (a column list renaming them too).
      'CREATE VIEW cte_ages AS WITH x AS (SELECT id, ts, d AS day FROM m), y(k, t2) AS (SELECT id, ts FROM x) SELECT x.id, now() - x.ts AS age, CURRENT_TIMESTAMP - day AS since, now() - t2 AS a2 FROM x JOIN y ON y.k = x.id'],
    seed: ROWS,
    keepsTables: keep,
    after: 'SELECT id, future FROM ages',
  },
  {
    name: 'views-6: functions with OUT parameters and no RETURNS clause (RETURNS record, or the OUT parameter\'s type, derived)',
    old: [TABLE],
    new: [TABLE,
      "CREATE FUNCTION pair(k int, OUT a int, OUT b text) LANGUAGE sql AS $$ SELECT k, 'x' $$",
      'CREATE FUNCTION single(k int, OUT a int) LANGUAGE sql AS $$ SELECT k $$',
      "CREATE FUNCTION both_ways(INOUT k int, OUT b text) LANGUAGE sql AS $$ SELECT k, 'x' $$",
      'CREATE PROCEDURE bump(INOUT k int) LANGUAGE sql AS $$ SELECT k + 1 $$'],
    seed: ROWS,
    keepsTables: keep,
  },
];
