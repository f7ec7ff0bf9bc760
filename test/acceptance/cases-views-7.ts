/**
 * Expressions PostgreSQL stores with implicit casts the native fold did not add (issue #27): before each fix a schema
 * applied once planned a drop and a create of the view (or a constraint, or a function) again on every run.
 *  - a built-in function's arguments coerced to the overload PostgreSQL picks (`date_trunc('day', d)`, d a date, is
 *    stored `date_trunc('day'::text, (d)::timestamp with time zone)`), a variadic function's trailing arguments
 *    merged into `VARIADIC ARRAY[…]` (`jsonb_extract_path_text(j, 'a', 'b')`);
 *  - a domain-typed operand cast to its base type (`p > 3`, p of a domain over integer, is `(p)::integer > 3`), in a
 *    view and in a table's CHECK;
 *  - CASE results, COALESCE and GREATEST arguments and ARRAY[…] elements cast to their common type
 *    (`GREATEST((ts)::timestamp with time zone, tz)`), a CASE without ELSE printed `ELSE NULL`;
 *  - an untyped literal PostgreSQL reads as the type of the operator it picks among candidates (`ts + '1 DAY'` is
 *    `ts + '1 day'::interval`), an interval constant with fields (`INTERVAL '30' DAY` is `'30 days'::interval day`);
 *  - sqldef's `CreateViewWithCaseWhen` (sqldef/sqldef cmd/psqldef/tests_views.yml, MIT), reduced: a CASE without ELSE
 *    over `jsonb_extract_path_text` under `::numeric(10,2)`;
 *  - sqldef's `CreateFunctionWithSetTimeZone` (tests_functions.yml), reduced: `SET timezone = 'UTC'` on a function is
 *    stored under the setting's own name, `SET "TimeZone" TO 'UTC'`.
 * Each runs both directions on PGlite and PostgreSQL and is judged by pg_dump (harness.ts); the native fold of each
 * side is compared with the inspected database by test/parse/roundtrip.test.ts.
 */
import type { AcceptanceCase } from './harness.js';

const TABLE = 'CREATE TABLE e (id int PRIMARY KEY, b int, n numeric, ts timestamp, tz timestamptz, d date, label varchar(20), payload jsonb)';
const ROWS = "INSERT INTO e VALUES (1, 10, 1.5, '2024-01-02 10:00', '2024-01-02 10:00+00', '2024-01-02', 'a', '{\"a\": {\"b\": \"x\"}, \"at\": \"1700000000\"}'), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)";
const keep = [{ tables: ['e'], query: 'SELECT * FROM e ORDER BY id' }];
const DOMAINS = ['CREATE DOMAIN posint AS int CHECK (VALUE > 0)', 'CREATE DOMAIN stamp AS timestamp'];

export const VIEWS_7_CASES: AcceptanceCase[] = [
  {
    name: "views-7: a function's arguments cast to the overload PostgreSQL picks, a variadic function's merged into VARIADIC ARRAY[…]",
    old: [TABLE],
    new: [TABLE,
      "CREATE VIEW days AS SELECT id, date_trunc('day', d) AS day, date_trunc('month', ts) AS month, to_timestamp(b) AS at, to_char(d, 'YYYY') AS year, age(d) AS age FROM e",
      "CREATE VIEW paths AS SELECT id, jsonb_extract_path_text(payload, 'a', 'b') AS ab, jsonb_extract_path(payload, 'a') AS a, concat(b, label) AS c, format('%s-%s', id, b) AS f FROM e",
      "CREATE VIEW recent AS SELECT id FROM e WHERE date_trunc('day', d) > now() - interval '30 days' AND round(b, 1) > 0"],
    seed: ROWS,
    keepsTables: keep,
    after: 'SELECT id, day, ab FROM days JOIN paths USING (id) ORDER BY id',
  },
  {
    name: 'views-7: a domain-typed operand cast to its base type in a view and a CHECK',
    old: [...DOMAINS, 'CREATE TABLE dv (id int PRIMARY KEY, p posint, q posint, s stamp)'],
    new: [...DOMAINS, 'CREATE TABLE dv (id int PRIMARY KEY, p posint, q posint, s stamp, CHECK (p < 1000), CHECK (q IN (1, 2, 3)), CHECK (p BETWEEN 1 AND 500))',
      "CREATE VIEW dv_view AS SELECT id, p + 1 AS next, abs(p) AS a, date_trunc('day', s) AS day, COALESCE(p, q) AS pq, COALESCE(p, id) AS pid, CASE WHEN id > 1 THEN p END AS big FROM dv WHERE p > 3 AND q IN (1, 2)"],
    seed: "INSERT INTO dv VALUES (1, 4, 1, '2024-01-01 10:00'), (2, 5, 2, NULL)",
    keepsTables: [{ tables: ['dv'], query: 'SELECT * FROM dv ORDER BY id' }],
  },
  {
    name: 'views-7: CASE, COALESCE, GREATEST and ARRAY[…] branches cast to their common type; a CASE without ELSE',
    old: [TABLE],
    new: [TABLE,
      "CREATE VIEW branches AS SELECT id, COALESCE(ts, tz) AS t1, GREATEST(ts, tz, d) AS t2, LEAST(b, n) AS m, CASE WHEN b > 1 THEN ts ELSE tz END AS t3, CASE WHEN b > 1 THEN 'big' END AS size, ARRAY[ts, tz] AS stamps FROM e"],
    seed: ROWS,
    keepsTables: keep,
    after: 'SELECT id, size FROM branches ORDER BY id',
  },
  {
    name: "views-7: interval literals in other spellings: beside a timestamp (ts + '1 DAY'), with fields (INTERVAL '30' DAY), as a function argument",
    old: [TABLE],
    new: [TABLE.replace(/\)$/, ", span interval DEFAULT '1 DAY', CHECK (tz < now() + '100 YEARS'))"),
      "CREATE VIEW spans AS SELECT id, ts + '1 DAY' AS a, date_trunc('day', ts) + '2 HOURS' AS b, INTERVAL '30' DAY AS c, INTERVAL '2' HOUR AS h, INTERVAL '1' YEAR AS y, d + INTERVAL '3' MINUTE AS m FROM e WHERE ts > now() - INTERVAL '30 DAY' AND span > '1 WEEK'",
      "CREATE VIEW series AS SELECT x FROM generate_series('2024-01-01'::timestamp, '2024-01-03'::timestamp, '1 DAY') AS x"],
    seed: ROWS,
    keepsTables: [{ tables: ['e'], query: 'SELECT id, b, n, ts, tz, d, label, payload FROM e ORDER BY id' }],
  },
  {
    name: "views-7: sqldef's CreateViewWithCaseWhen, reduced: a CASE without ELSE over jsonb_extract_path_text cast to numeric(10, 2)",
    old: [TABLE],
    new: [TABLE,
      "CREATE VIEW amounts AS SELECT label::numeric(10,2) AS n1, (jsonb_extract_path_text(payload, 'at'))::numeric(10,2) AS n2, (CASE label WHEN 'a' THEN jsonb_extract_path_text(payload, 'a', 'b') END)::numeric(10,2) AS n3, to_timestamp(jsonb_extract_path_text(payload, 'at')::bigint) AS created, CAST(to_timestamp(jsonb_extract_path_text(payload, 'at')::bigint) AS date) AS created_date FROM e WHERE id = 0"],
    seed: ROWS,
    keepsTables: keep,
  },
  {
    name: "views-7: sqldef's CreateFunctionWithSetTimeZone, reduced: SET timezone = 'UTC' on a function (stored as \"TimeZone\")",
    old: [TABLE],
    new: [TABLE,
      "CREATE FUNCTION utc_now() RETURNS timestamptz LANGUAGE plpgsql SET timezone = 'UTC' AS $$ BEGIN RETURN now(); END $$",
      "CREATE FUNCTION iso_day() RETURNS text LANGUAGE sql SET datestyle = 'ISO, YMD' SET intervalstyle TO 'iso_8601' AS $$ SELECT now()::date::text $$"],
    seed: ROWS,
    keepsTables: keep,
  },
  // `SELECT *` over joins and subqueries as PostgreSQL expands it (src/parse/join-columns.ts): a USING (or NATURAL, printed
  // USING the common columns) column once and first, read through the left side (INNER, LEFT), the right (RIGHT) or bare
  // (FULL); an aliased join's columns through its alias; a subquery's own `*` expanded first. Each was planned again.
  {
    name: 'views-7: SELECT * over USING, NATURAL and aliased joins and over subqueries that select *',
    old: ['CREATE TABLE ja (id int, x int)', 'CREATE TABLE jb (id int, y int)'],
    new: ['CREATE TABLE ja (id int, x int)', 'CREATE TABLE jb (id int, y int)',
      'CREATE VIEW j_using AS SELECT * FROM ja JOIN jb USING (id)',
      'CREATE VIEW j_natural AS SELECT * FROM ja NATURAL JOIN jb',
      'CREATE VIEW j_left AS SELECT * FROM ja LEFT JOIN jb USING (id)',
      'CREATE VIEW j_right AS SELECT * FROM ja RIGHT JOIN jb USING (id)',
      'CREATE VIEW j_full AS SELECT * FROM ja FULL JOIN jb USING (id)',
      'CREATE VIEW j_bare AS SELECT id, y FROM ja JOIN jb USING (id)',
      'CREATE VIEW j_full_bare AS SELECT id FROM ja FULL JOIN jb USING (id)',
      'CREATE VIEW j_alias AS SELECT * FROM (ja JOIN jb USING (id)) j',
      'CREATE VIEW j_alias_star AS SELECT j.* FROM (ja JOIN jb ON ja.id = jb.id) AS j (a_id, x, b_id, y)',
      'CREATE VIEW j_using_alias AS SELECT * FROM ja JOIN jb USING (id) AS ab',
      'CREATE VIEW j_natural_left AS SELECT jb.*, ja.x FROM ja NATURAL LEFT JOIN jb',
      'CREATE VIEW j_sub AS SELECT * FROM (SELECT * FROM ja) q',
      'CREATE VIEW j_sub_star AS SELECT q.* FROM (SELECT * FROM ja) q JOIN jb ON q.id = jb.id',
      'CREATE VIEW j_sub_natural AS SELECT * FROM (SELECT 1 AS id) s NATURAL JOIN ja',
      'CREATE VIEW j_lateral AS SELECT s.* FROM ja, LATERAL (SELECT * FROM jb WHERE jb.id = ja.id) s',
      'CREATE VIEW j_nested AS SELECT * FROM ja JOIN jb USING (id) JOIN (SELECT id, 1 AS z FROM jb) c USING (id)'],
    seed: 'INSERT INTO ja VALUES (1, 10), (2, 20); INSERT INTO jb VALUES (1, 100), (3, 300)',
    seedBack: 'INSERT INTO ja VALUES (1, 10), (2, 20); INSERT INTO jb VALUES (1, 100), (3, 300)',
    keepsTables: [{ tables: ['ja', 'jb'], query: 'SELECT * FROM ja FULL JOIN jb USING (id) ORDER BY id' }],
    planTwice: true,
  },
];
