/**
 * View queries PostgreSQL prints in a form the native fold did not reach (issue #27): before each fix a schema
 * applied once planned its views again (the round trip parse = inspect failed).
 *  - a function in FROM: its columns (`generate_series(0, 11) AS n` has column `n`, printed `n.n`; a function
 *    returning a row, its OUT / TABLE columns; WITH ORDINALITY), and an untyped literal compared with a function's
 *    or an operator's result, read as that result's type (src/parse/expr-type.ts: pgschema's create_view_add_view
 *    fixture, a CTE over `generate_series` with `CAST(n || ' months' AS interval)`);
 *  - a WITH over a set operation (`WITH x AS (…) SELECT … FROM x UNION SELECT …`): its CTEs were left out of the
 *    comparison form (a changed CTE body planned nothing; its references read as relations);
 *  - tables named `new` and `old` read by a view: PostgreSQL 15 prints them `new_1` (the view rule's OLD and NEW
 *    come first in its query), 16 and newer `new` (src/parse/ref-names.ts);
 *  - a schema dropped while views in other schemas read its table through a `'a.t'::regclass` constant: the schema's
 *    DROP … CASCADE drops its tables too, so the views' drops (and another schema's drop holding such a view) come
 *    before it (src/plan/edges.ts; before, only the layout put them first: the tie-break test failed).
 * Each runs both directions on PGlite and PostgreSQL and is judged by pg_dump (harness.ts); the native fold of each
 * side is compared with the inspected database by test/parse/roundtrip.test.ts.
 */
import type { AcceptanceCase } from './harness.js';

const staff = 'CREATE TABLE staff (id int PRIMARY KEY, status varchar(20), hired timestamp, tags jsonb, n int, span interval)';
const staffSeed = "INSERT INTO staff VALUES (1, 'active', '2024-01-02 10:00', '[1, 2]', 3, '2 hours')";
const pair = 'CREATE TABLE pair_a (id int, name text)';
const pairB = 'CREATE TABLE pair_b (id int, name text)';
const keepStaff = [{ tables: ['staff'], query: 'SELECT id, status, hired, n FROM staff ORDER BY id' }];

export const VIEWS_5_CASES: AcceptanceCase[] = [
  {
    name: 'views-5: functions in FROM (their columns, OUT and TABLE columns, ordinality) and literals beside function results',
    old: [staff],
    new: [staff,
      "CREATE FUNCTION recent_staff(k int) RETURNS TABLE(sid int, label text) LANGUAGE sql STABLE AS $$ SELECT id, status::text FROM staff WHERE id > k $$",
      'CREATE FUNCTION doubled(k interval) RETURNS interval LANGUAGE sql IMMUTABLE AS $$ SELECT k * 2 $$',
      // pgschema's create_view_add_view: a CTE over generate_series, its column read bare.
      "CREATE VIEW months AS WITH monthly AS (SELECT date_trunc('month', CURRENT_DATE - CAST(n || ' months' AS interval)) AS month_start, n AS month_offset FROM generate_series(0, 11) AS n) SELECT month_start, month_offset FROM monthly ORDER BY month_start DESC",
      "CREATE VIEW typed AS SELECT id FROM staff WHERE date_trunc('day', hired) > '2024-01-01' AND doubled(span) < '1 day' AND (n + 1) > '2'",
      'CREATE VIEW from_functions AS SELECT sid, label, value FROM staff, recent_staff(0) r, jsonb_array_elements(tags) WHERE sid = id',
      "CREATE VIEW starred AS SELECT * FROM generate_series(1, 3) WITH ORDINALITY AS g(x, i), json_each('{}') j",
      'CREATE VIEW unnested AS SELECT g FROM staff, LATERAL unnest(ARRAY[n]) AS g WHERE g > 0',
    ],
    seed: staffSeed,
    keepsTables: keepStaff,
  },
  {
    name: 'views-5: a WITH over UNION, EXCEPT and a UNION ALL with ORDER BY and LIMIT (the CTE body changes)',
    old: [pair, pairB, "CREATE VIEW joined AS WITH x AS (SELECT id, name FROM pair_a WHERE id > 0) SELECT id, name FROM x UNION SELECT id, name FROM pair_b"],
    new: [pair, pairB,
      "CREATE VIEW joined AS WITH x AS (SELECT id, name FROM pair_a WHERE id > 1) SELECT id, name FROM x UNION SELECT id, name FROM pair_b",
      'CREATE VIEW limited AS WITH x AS (SELECT id FROM pair_a) SELECT id FROM x UNION ALL SELECT id FROM pair_b ORDER BY 1 LIMIT 5',
      'CREATE VIEW shadowed AS WITH pair_a AS (SELECT id FROM pair_b) SELECT id FROM pair_a EXCEPT SELECT id FROM public.pair_a',
    ],
    seed: "INSERT INTO pair_a VALUES (1, 'a'), (2, 'b'); INSERT INTO pair_b VALUES (3, 'c')",
    keepsTables: [{ tables: ['pair_a', 'pair_b'], query: 'SELECT id, name FROM pair_a UNION ALL SELECT id, name FROM pair_b ORDER BY 1' }],
  },
  {
    name: 'views-5: views reading tables named new and old (PostgreSQL 15 prints new_1, old_1)',
    old: ['CREATE TABLE new (id int, v text)', 'CREATE TABLE old (id int)'],
    new: ['CREATE TABLE new (id int, v text)', 'CREATE TABLE old (id int)',
      'CREATE VIEW new_rows AS SELECT id, v FROM new WHERE id > 0',
      'CREATE VIEW old_and_new AS SELECT n.id FROM new n JOIN old USING (id) WHERE EXISTS (SELECT 1 FROM old o2 WHERE o2.id = n.id)',
      'CREATE VIEW new_in_old AS SELECT id FROM new WHERE id IN (SELECT id FROM old)',
    ],
    seed: "INSERT INTO new VALUES (1, 'a'); INSERT INTO old VALUES (1)",
    keepsTables: [{ tables: ['new', 'old'], query: 'SELECT id FROM new UNION ALL SELECT id FROM old ORDER BY 1' }],
  },
  {
    name: "views-5: a schema dropped while views in other schemas read its table through a 'a.t'::regclass constant",
    old: ['CREATE SCHEMA src_a', 'CREATE TABLE src_a.t (id int)', 'CREATE SCHEMA zz_views', 'CREATE TABLE keep (id int)',
      "CREATE VIEW zz_views.v AS SELECT id, 'src_a.t'::regclass AS r FROM keep",
      "CREATE VIEW pv AS SELECT 'src_a.t'::regclass::oid AS r"],
    new: ['CREATE TABLE keep (id int)'],
    seed: 'INSERT INTO keep VALUES (1)',
    keepsTables: [{ tables: ['keep'], query: 'SELECT id FROM keep ORDER BY id' }],
  },
];
