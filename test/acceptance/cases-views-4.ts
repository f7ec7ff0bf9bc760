/**
 * Bodies PostgreSQL prints back with other names than the user wrote (no rename involved): before the fixes a schema
 * applied once planned its views, policies, triggers and functions again (the round trip parse = inspect failed).
 *  - a relation named again in a nested scope (a subquery, a CTE body, a sublink) is printed `t_1` (ruleutils.c
 *    set_rtable_names: names unique across the query's levels; siblings do not see each other): src/parse/ref-names.ts;
 *  - a `'t'::regclass` constant is printed qualified (`'public.t'::regclass`), and a table's system columns
 *    (`tableoid`) resolve to it;
 *  - a view reads a sequence's columns (`last_value`, `is_called`);
 *  - a policy's expression is printed with its table's columns bare (`t.owner` → `owner`), `t_1` for the table in a subquery;
 *  - a constraint trigger's `FROM` table is printed qualified;
 *  - a SQL-standard function body's parameters (`p`, `$1`) are printed `f.p` inside a query with FROM items;
 *  - a view's column renamed (or named by a column list) under `*` or a set operation: PostgreSQL prints the new
 *    name as `AS` in every SELECT of the set operation, `*` expanded (before: refused, E_NATIVE).
 * Each runs both directions on PGlite and PostgreSQL and is judged by pg_dump (harness.ts); the native fold of each
 * side is compared with the inspected database by test/parse/roundtrip.test.ts.
 */
import type { AcceptanceCase } from './harness.js';

const clicks = 'CREATE TABLE link_clicks (id int PRIMARY KEY, link_id int, created_at timestamptz)';
const views = 'CREATE TABLE campaign_views (id int PRIMARY KEY, created_at timestamptz)';
const clicksSeed = "INSERT INTO link_clicks VALUES (1, 1, '2026-01-01 10:00+00'), (2, 1, '2026-01-05 10:00+00'), (3, 2, '2026-01-09 10:00+00'); INSERT INTO campaign_views VALUES (1, '2026-01-02 10:00+00')";
const keepClicks = [{ tables: ['link_clicks', 'campaign_views'], query: 'SELECT id, created_at FROM link_clicks UNION ALL SELECT id, created_at FROM campaign_views ORDER BY 1, 2' }];

export const VIEWS_4_CASES: AcceptanceCase[] = [
  {
    name: 'views-4: a relation named again in a subquery, a sublink and a CTE body (PostgreSQL prints link_clicks_1)',
    old: [clicks, views, 'CREATE VIEW recent AS SELECT link_id FROM link_clicks'],
    new: [clicks, views,
      "CREATE VIEW recent AS SELECT link_id, count(*) AS n FROM link_clicks WHERE created_at > (SELECT max(created_at) - interval '7 days' FROM link_clicks) GROUP BY link_id",
      'CREATE VIEW twice AS SELECT id FROM link_clicks WHERE EXISTS (SELECT 1 FROM link_clicks WHERE link_clicks.id = 2) AND EXISTS (SELECT 1 FROM link_clicks WHERE id = 3)',
      'CREATE VIEW numbered AS SELECT id FROM link_clicks WHERE id IN (SELECT link_clicks.id FROM link_clicks, campaign_views link_clicks_1 WHERE link_clicks.id = link_clicks_1.id)',
      'CREATE VIEW aliased AS SELECT a.id, s.n FROM link_clicks a, (SELECT count(*) AS n FROM campaign_views a) s WHERE EXISTS (SELECT 1 FROM link_clicks WHERE link_clicks.id = a.link_id)',
      'CREATE VIEW with_body AS WITH x AS (SELECT id FROM link_clicks) SELECT link_clicks.id FROM link_clicks JOIN x USING (id)',
      // listmonk's mat_dashboard_charts (schema.sql, v3–v6), the shape that first showed it.
      "CREATE MATERIALIZED VIEW dashboard_charts AS WITH clicks AS (SELECT JSON_AGG(ROW_TO_JSON(row)) FROM (WITH viewDates AS (SELECT TIMEZONE('UTC', MIN(created_at)) AS to_date, TIMEZONE('UTC', MIN(created_at)) - INTERVAL '30 DAY' AS from_date FROM link_clicks) SELECT COUNT(*) AS count, created_at::DATE as date FROM link_clicks WHERE TIMEZONE('UTC', created_at) > (SELECT from_date FROM viewDates) AND TIMEZONE('UTC', created_at) <= (SELECT to_date FROM viewDates) GROUP by date) row), views AS (SELECT JSON_AGG(ROW_TO_JSON(row)) FROM (WITH viewDates AS (SELECT TIMEZONE('UTC', MIN(created_at)) AS to_date, TIMEZONE('UTC', MIN(created_at)) - INTERVAL '30 DAY' AS from_date FROM campaign_views) SELECT COUNT(*) AS count, created_at::DATE as date FROM campaign_views WHERE TIMEZONE('UTC', created_at) > (SELECT from_date FROM viewDates) AND TIMEZONE('UTC', created_at) <= (SELECT to_date FROM viewDates) GROUP by date) row) SELECT JSON_BUILD_OBJECT('link_clicks', COALESCE((SELECT * FROM clicks), '[]'), 'campaign_views', COALESCE((SELECT * FROM views), '[]')) AS data",
    ],
    seed: clicksSeed,
    keepsTables: keepClicks,
  },
  {
    name: "views-4: a 't'::regclass constant and tableoid in a view, a view over a sequence's columns",
    old: [clicks, 'CREATE SEQUENCE ticket_seq'],
    new: [clicks, 'CREATE SEQUENCE ticket_seq', 'CREATE TABLE "Events" (id int)',
      "CREATE VIEW own_rows AS SELECT id, tableoid::regclass AS src FROM link_clicks WHERE tableoid = 'link_clicks'::regclass",
      "CREATE VIEW classes AS SELECT 'public.link_clicks'::regclass AS a, '\"Events\"'::regclass::oid AS b, 'pg_class'::regclass AS c",
      'CREATE VIEW ticket_state AS SELECT last_value, is_called FROM ticket_seq',
    ],
    seed: "INSERT INTO link_clicks VALUES (1, 1, '2026-01-01 10:00+00')",
    keepsTables: [{ tables: ['link_clicks'], query: 'SELECT id FROM link_clicks ORDER BY id' }],
  },
  {
    name: "views-4: policies qualifying their own table's columns and reading it again in a subquery",
    old: ['CREATE TABLE docs (id int PRIMARY KEY, owner text, parent int)', 'CREATE TABLE shares (id int, owner text)', 'ALTER TABLE docs ENABLE ROW LEVEL SECURITY'],
    new: ['CREATE TABLE docs (id int PRIMARY KEY, owner text, parent int)', 'CREATE TABLE shares (id int, owner text)', 'ALTER TABLE docs ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY mine ON docs USING (docs.owner = current_user)',
      "CREATE POLICY parent_mine ON docs FOR UPDATE USING (EXISTS (SELECT 1 FROM docs p WHERE p.id = docs.parent AND p.owner = current_user)) WITH CHECK (docs.id > 0 AND tableoid = 'docs'::regclass)",
      'CREATE POLICY shared ON docs FOR SELECT USING (EXISTS (SELECT 1 FROM docs WHERE docs.id = parent) OR owner IN (SELECT owner FROM shares WHERE shares.id = docs.id))',
    ],
    seed: "INSERT INTO docs VALUES (1, 'a', NULL), (2, 'b', 1)",
    keepsTables: [{ tables: ['docs'], query: 'SELECT id, owner, parent FROM docs ORDER BY id' }],
  },
  {
    name: 'views-4: a constraint trigger FROM another table, SQL-standard function bodies reading their parameters',
    old: ['CREATE TABLE refs (id int PRIMARY KEY)', 'CREATE TABLE items (id int, ref int, x int, name text)'],
    new: ['CREATE TABLE refs (id int PRIMARY KEY)', 'CREATE TABLE items (id int, ref int, x int, name text)',
      'CREATE FUNCTION check_ref() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$',
      'CREATE CONSTRAINT TRIGGER items_ref AFTER INSERT OR UPDATE ON items FROM refs DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_ref()',
      'CREATE FUNCTION item_name(p int) RETURNS text LANGUAGE sql STABLE RETURN (SELECT name FROM items WHERE x = p)',
      'CREATE FUNCTION item_count(n int, q text) RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM items WHERE x = $1 AND name = item_count.q AND id > (SELECT min(id) FROM items WHERE items.x = $1); END',
      'CREATE FUNCTION add_two(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + b',
    ],
    seed: "INSERT INTO refs VALUES (1); INSERT INTO items VALUES (1, 1, 5, 'a')",
    keepsTables: [{ tables: ['items', 'refs'], query: 'SELECT id, ref, x, name FROM items ORDER BY id' }],
  },
  {
    name: 'views-4: view columns renamed in the file under * and set operations, a column list over *',
    old: ['CREATE TABLE goods (a int, c text)', 'CREATE TABLE extras (a int, c text)', 'CREATE VIEW all_goods AS SELECT * FROM goods'],
    new: ['CREATE TABLE goods (a int, c text)', 'CREATE TABLE extras (a int, c text)',
      'CREATE VIEW all_goods AS SELECT * FROM goods', 'ALTER VIEW all_goods RENAME COLUMN a TO b',
      'CREATE VIEW both_goods AS SELECT a, c FROM goods UNION SELECT a, c FROM extras', 'ALTER VIEW both_goods RENAME COLUMN a TO b',
      'CREATE VIEW star_one AS SELECT goods.*, 1 AS one FROM goods', 'ALTER VIEW star_one RENAME COLUMN c TO d',
      'CREATE VIEW three AS SELECT a AS x FROM goods UNION ALL SELECT a FROM extras UNION ALL SELECT 1 ORDER BY 1', 'ALTER VIEW three RENAME COLUMN x TO y',
      'CREATE VIEW listed (p, q) AS SELECT * FROM goods',
      'CREATE VIEW over_all AS SELECT * FROM all_goods', 'ALTER VIEW all_goods RENAME COLUMN c TO e',
    ],
    seed: "INSERT INTO goods VALUES (1, 'a'); INSERT INTO extras VALUES (2, 'b')",
    keepsTables: [{ tables: ['goods', 'extras'], query: 'SELECT a, c FROM goods UNION ALL SELECT a, c FROM extras ORDER BY 1' }],
  },
];
