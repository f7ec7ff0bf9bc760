/**
 * Acceptance cases of views and their columns (issue #27): a schema file that renames a table column under the
 * views that read it (PostgreSQL rewrites their queries, output names kept), and view column renames that carry
 * the column's privileges and a materialized view's column settings; column privileges on foreign tables; view column defaults. Each runs both directions on PGlite and
 * PostgreSQL and is judged by pg_dump (harness.ts); the native fold of each side is compared with the inspected
 * database by test/parse/roundtrip.test.ts.
 */
import type { AcceptanceCase } from './harness.js';

// The roles of cases-kinds.ts (created when missing, dropped by the global teardown: test/helpers/global-setup.ts).
const roles = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

/** Table column renames in the file, read by views: the views read the new name and keep their output names. */
export const COLUMN_RENAME_UNDER_VIEW_CASES: AcceptanceCase[] = [
  {
    name: 'views-2: a table column renamed in the file under views, a materialized view and a view over a view',
    old: ['CREATE TABLE items (id int PRIMARY KEY, qty int, label text)', 'CREATE VIEW items_v AS SELECT id, label FROM items'],
    new: ['CREATE TABLE items (id int PRIMARY KEY, amount int, label text)', 'CREATE TABLE tags (id int, weight int)',
      'CREATE VIEW items_v AS SELECT i.id, amount, label, i.amount + t.weight AS next FROM items i JOIN tags t ON t.id = i.id WHERE i.amount > 0 ORDER BY i.amount',
      'CREATE VIEW items_top AS SELECT id, amount FROM items_v WHERE amount IN (SELECT amount FROM items)',
      'CREATE MATERIALIZED VIEW items_all AS SELECT * FROM items',
      'CREATE VIEW items_sum AS WITH w AS (SELECT amount FROM items) SELECT amount, count(*) AS n FROM w GROUP BY amount',
      'ALTER TABLE items RENAME COLUMN amount TO qty'],
    seed: "INSERT INTO items VALUES (1, 5, 'a'), (2, 7, 'b')",
    keeps: 'SELECT * FROM items',
  },
];

/** View column renames: privileges and settings on the column follow it. */
export const VIEW_COLUMN_RENAME_CASES: AcceptanceCase[] = [
  {
    name: 'views-2: view and materialized view columns renamed in the file keep their privileges and settings',
    old: [roles, 'CREATE TABLE items (id int PRIMARY KEY, qty int, label text)'],
    new: [roles, 'CREATE TABLE items (id int PRIMARY KEY, qty int, label text)', 'CREATE VIEW items_v AS SELECT id, label FROM items', 'GRANT SELECT (id, label) ON items_v TO m27a_reader',
      'CREATE MATERIALIZED VIEW items_mv AS SELECT id, label FROM items', 'ALTER MATERIALIZED VIEW items_mv ALTER COLUMN label SET STATISTICS 200', 'ALTER MATERIALIZED VIEW items_mv ALTER COLUMN label SET STORAGE MAIN',
      'GRANT SELECT (label) ON items_mv TO m27a_reader',
      'ALTER VIEW items_v RENAME COLUMN label TO title', 'ALTER TABLE items_mv RENAME COLUMN label TO title'],
    seed: "INSERT INTO items VALUES (1, 5, 'a'), (2, 7, 'b')",
    keeps: 'SELECT * FROM items',
    expectedSql: ['GRANT SELECT ("title") ON TABLE "public"."items_v" TO "m27a_reader"', 'ALTER MATERIALIZED VIEW "public"."items_mv" ALTER COLUMN "title" SET STATISTICS 200'],
  },
];

const fdw = ['CREATE FOREIGN DATA WRAPPER w', 'CREATE SERVER s FOREIGN DATA WRAPPER w', 'CREATE TABLE local_rows (id int)'];
const localSeed = 'INSERT INTO local_rows VALUES (1), (2)';

/** Privileges on foreign tables and their columns (pg_dump: `GRANT SELECT ON TABLE public.ft TO r`, `GRANT SELECT(a) ON TABLE public.ft TO r`). */
export const FOREIGN_COLUMN_GRANT_CASES: AcceptanceCase[] = [
  {
    name: 'views-2: column privileges on a foreign table granted and revoked',
    old: [roles, ...fdw, "CREATE FOREIGN TABLE ft (id int, name text, note text) SERVER s OPTIONS (table_name 'x')"],
    new: [roles, ...fdw, "CREATE FOREIGN TABLE ft (id int, name text, note text) SERVER s OPTIONS (table_name 'x')", 'GRANT SELECT (id, name) ON ft TO m27a_reader',
      'GRANT UPDATE (note) ON ft TO m27a_reader WITH GRANT OPTION'],
    seed: localSeed,
    keeps: 'SELECT * FROM local_rows',
    expectedSql: ['GRANT SELECT ("id") ON TABLE "public"."ft" TO "m27a_reader"', 'GRANT UPDATE ("note") ON TABLE "public"."ft" TO "m27a_reader" WITH GRANT OPTION'],
    absentSql: ['DROP FOREIGN TABLE'],
  },
  {
    name: 'views-2: a foreign table recreated (options change) gets its column privileges back, a column renamed in the file keeps them',
    old: [roles, ...fdw, "CREATE FOREIGN TABLE ft (id int, label text) SERVER s OPTIONS (table_name 'x')", 'GRANT SELECT (id, label) ON ft TO m27a_reader'],
    new: [roles, ...fdw, "CREATE FOREIGN TABLE ft (id int, label text) SERVER s OPTIONS (table_name 'y')", 'GRANT SELECT (id, label) ON ft TO m27a_reader',
      'ALTER FOREIGN TABLE ft RENAME COLUMN label TO title'],
    seed: localSeed,
    keeps: 'SELECT * FROM local_rows',
    expectedSql: ['GRANT SELECT ("title") ON TABLE "public"."ft" TO "m27a_reader"'],
  },
  {
    name: 'views-2: privileges on a foreign table granted, changed and revoked, and given back when it is recreated',
    old: [roles, ...fdw, "CREATE FOREIGN TABLE ft (id int, name text) SERVER s OPTIONS (table_name 'x')", 'GRANT SELECT, INSERT ON ft TO m27a_reader',
      "CREATE FOREIGN TABLE fu (id int) SERVER s OPTIONS (table_name 'x')", 'GRANT SELECT ON fu TO PUBLIC'],
    new: [roles, ...fdw, "CREATE FOREIGN TABLE ft (id int, name text) SERVER s OPTIONS (table_name 'x')", 'GRANT SELECT ON ft TO m27a_reader WITH GRANT OPTION', 'GRANT UPDATE ON ft TO PUBLIC',
      // Retyped (options alone are altered in place: cases-inplace-3.ts), so recreated.
      "CREATE FOREIGN TABLE fu (id bigint) SERVER s OPTIONS (table_name 'y')", 'GRANT SELECT ON fu TO PUBLIC'],
    seed: localSeed,
    keeps: 'SELECT * FROM local_rows',
    expectedSql: ['REVOKE INSERT', 'GRANT UPDATE ON TABLE "public"."ft" TO PUBLIC', 'GRANT SELECT ON TABLE "public"."fu" TO PUBLIC'],
  },
];

const itemsV = (query: string, ...defaults: string[]) => [`CREATE VIEW items_v AS ${query}`, ...defaults.map((d) => `ALTER VIEW items_v ALTER COLUMN ${d}`)];
const items = 'CREATE TABLE items (id int PRIMARY KEY, qty int, label text, added timestamptz)';

/** View column defaults (pg_dump: `ALTER TABLE ONLY v ALTER COLUMN c SET DEFAULT e`): in place, and kept by a recreate. */
export const VIEW_COLUMN_DEFAULT_CASES: AcceptanceCase[] = [
  {
    name: 'views-2: view column defaults set, changed and dropped in place, the view kept',
    old: [items, ...itemsV('SELECT id, qty, label, added FROM items', "label SET DEFAULT 'x'", 'qty SET DEFAULT 1')],
    new: [items, ...itemsV('SELECT id, qty, label, added FROM items', "label SET DEFAULT 'y'", 'added SET DEFAULT now()'), 'ALTER TABLE items_v ALTER COLUMN id SET DEFAULT 0'],
    seed: "INSERT INTO items VALUES (1, 5, 'a', now()), (2, 7, 'b', now())",
    keeps: 'SELECT id, qty, label FROM items',
    expectedSql: ['ALTER VIEW "public"."items_v" ALTER COLUMN "label" SET DEFAULT', 'ALTER VIEW "public"."items_v" ALTER COLUMN "qty" DROP DEFAULT', 'ALTER VIEW "public"."items_v" ALTER COLUMN "added" SET DEFAULT now()'],
    absentSql: ['DROP VIEW'],
  },
  {
    name: 'views-2: a view recreated (a column goes) and a view over a retyped column keep their column defaults',
    old: ['CREATE TABLE items (id int PRIMARY KEY, qty int, label varchar(10))', ...itemsV('SELECT id, qty, label FROM items', "label SET DEFAULT 'x'", 'qty SET DEFAULT 1'),
      'CREATE VIEW items_w AS SELECT id, label FROM items', "ALTER VIEW items_w ALTER COLUMN label SET DEFAULT 'w'"],
    new: ['CREATE TABLE items (id int PRIMARY KEY, qty int, label text)', ...itemsV('SELECT id, label FROM items', "label SET DEFAULT 'x'"),
      'CREATE VIEW items_w AS SELECT id, label FROM items', "ALTER VIEW items_w ALTER COLUMN label SET DEFAULT 'w'"],
    seed: "INSERT INTO items VALUES (1, 5, 'a'), (2, 7, 'b')",
    keeps: 'SELECT id, qty, label FROM items',
    expectedSql: ['ALTER VIEW "public"."items_v" ALTER COLUMN "label" SET DEFAULT', 'ALTER VIEW "public"."items_w" ALTER COLUMN "label" SET DEFAULT'],
  },
  // plan/edges.ts: a view column's default that stops calling a function the plan drops: DROP DEFAULT first
  // (a DROP FUNCTION before it failed under the reversed tie-break: 'other objects depend on it').
  {
    name: 'views-2: a view column default stops calling a function that is dropped',
    old: [items, "CREATE FUNCTION next_label() RETURNS text LANGUAGE sql AS $$ SELECT 'n' $$", ...itemsV('SELECT id, qty, label, added FROM items', 'label SET DEFAULT next_label()')],
    new: [items, ...itemsV('SELECT id, qty, label, added FROM items')],
    seed: "INSERT INTO items VALUES (1, 5, 'a', now())",
    keeps: 'SELECT id, qty, label FROM items',
    expectedSql: ['ALTER VIEW "public"."items_v" ALTER COLUMN "label" DROP DEFAULT', 'DROP FUNCTION "public"."next_label"'],
  },
];

export const VIEWS_2_CASES: AcceptanceCase[] = [...COLUMN_RENAME_UNDER_VIEW_CASES, ...VIEW_COLUMN_RENAME_CASES, ...FOREIGN_COLUMN_GRANT_CASES, ...VIEW_COLUMN_DEFAULT_CASES];
