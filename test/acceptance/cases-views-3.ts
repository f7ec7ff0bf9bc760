/**
 * Acceptance cases of relation renames under the objects that hold them by OID (issue #27): a schema file that
 * renames or moves a table, view, materialized view or foreign table read by views, materialized views, rules and
 * policies (PostgreSQL rewrites them: they read the new name), renames a view's or a foreign table's column under
 * views, or moves a sequence a default calls; and foreign tables created under `ALTER DEFAULT PRIVILEGES … ON TABLES`
 * (PostgreSQL gives them the tables' default privileges). Each runs both directions on PGlite and PostgreSQL and is
 * judged by pg_dump (harness.ts); the native fold of each side is compared with the inspected database by
 * test/parse/roundtrip.test.ts.
 */
import type { AcceptanceCase } from './harness.js';

// The roles of cases-kinds.ts (created when missing, dropped by the global teardown: test/helpers/global-setup.ts).
const roles = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

const goods = 'CREATE TABLE goods (id int PRIMARY KEY, qty int, label text)';
const goodsSeed = "INSERT INTO goods VALUES (1, 5, 'a'), (2, 7, 'b')";
const keepGoods = [{ tables: ['public.goods'], query: 'SELECT * FROM goods ORDER BY id' }];

/** Relations renamed or moved in the file under the views, materialized views and rules that read them. */
export const RELATION_RENAME_UNDER_VIEW_CASES: AcceptanceCase[] = [
  {
    name: 'views-3: a table renamed in the file under views, a materialized view, a view over them and a rule',
    old: [goods, 'CREATE TABLE journal (id int, note text)', 'CREATE VIEW goods_v AS SELECT id, label FROM goods'],
    new: ['CREATE TABLE items (id int PRIMARY KEY, qty int, label text)', 'CREATE TABLE log (id int, note text)',
      'CREATE VIEW goods_v AS SELECT items.id, items.qty AS amount, label FROM items WHERE items.qty > 0 ORDER BY items.id',
      'CREATE VIEW goods_all AS SELECT * FROM items',
      'CREATE MATERIALIZED VIEW goods_sum AS SELECT items.label, sum(items.qty) AS total FROM items GROUP BY items.label',
      'CREATE UNIQUE INDEX goods_sum_label ON goods_sum (label)',
      'CREATE VIEW goods_top AS SELECT v.id, s.total FROM goods_v v JOIN goods_sum s ON s.label = v.label WHERE EXISTS (SELECT 1 FROM log WHERE log.id = v.id)',
      'CREATE RULE log_note AS ON UPDATE TO log DO ALSO UPDATE items SET label = new.note WHERE items.id = old.id',
      'ALTER TABLE items RENAME TO goods', 'ALTER TABLE log RENAME TO journal'],
    seed: goodsSeed,
    keepsTables: keepGoods,
  },
  {
    name: 'views-3: views and materialized views renamed and moved to another schema in the file, a table moved under them',
    old: ['CREATE SCHEMA app', goods, 'CREATE VIEW app.goods_v AS SELECT id, label FROM goods'],
    new: ['CREATE SCHEMA app', 'CREATE SCHEMA stage', 'CREATE TABLE stage.goods (id int PRIMARY KEY, qty int, label text)',
      'CREATE VIEW v AS SELECT goods.id, goods.qty, goods.label FROM stage.goods',
      'CREATE MATERIALIZED VIEW m AS SELECT v.id, v.label FROM v WHERE v.qty > 0',
      'CREATE VIEW w AS SELECT v.id, m.label FROM v JOIN m USING (id)',
      'ALTER TABLE stage.goods SET SCHEMA public',
      'ALTER VIEW v RENAME TO goods_v', 'ALTER MATERIALIZED VIEW m RENAME TO goods_m', 'ALTER VIEW goods_v SET SCHEMA app',
      'ALTER MATERIALIZED VIEW goods_m SET SCHEMA app', 'ALTER VIEW w RENAME TO goods_w'],
    seed: goodsSeed,
    keepsTables: keepGoods,
  },
  {
    name: 'views-3: a view column renamed in the file under a view and a materialized view, a policy over a renamed table, a sequence moved under a default',
    old: ['CREATE SCHEMA app', goods, 'CREATE TABLE owners (id int)'],
    new: ['CREATE SCHEMA app', 'CREATE SEQUENCE goods_seq', 'CREATE TABLE goods (id int PRIMARY KEY DEFAULT nextval(\'goods_seq\'), qty int, label text)',
      'CREATE TABLE people (id int)', 'ALTER TABLE goods ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY mine ON goods USING (EXISTS (SELECT 1 FROM people WHERE people.id = goods.id))',
      'CREATE VIEW goods_v AS SELECT id, label FROM goods', 'CREATE VIEW goods_w AS SELECT goods_v.id, label FROM goods_v',
      'CREATE MATERIALIZED VIEW goods_m AS SELECT * FROM goods_v',
      'ALTER TABLE people RENAME TO owners', 'ALTER VIEW goods_v RENAME COLUMN id TO ident', 'ALTER SEQUENCE goods_seq SET SCHEMA app'],
    seed: goodsSeed,
    keepsTables: keepGoods,
  },
  // Without a rename hint (src/diff/renames.ts) a changed table name is a drop and a create: the views, materialized
  // view and rule over it are dropped with it and created over the new one (the hinted rename keeps them in place:
  // test/workflow/renames.test.ts).
  {
    name: 'views-3: a table renamed without a hint under views, a materialized view and a rule: dropped, created, the readers recreated',
    old: ['CREATE TABLE items (id int PRIMARY KEY, qty int, label text)', 'CREATE TABLE journal (id int, note text)',
      'CREATE VIEW stock AS SELECT items.id, items.qty AS amount FROM items', 'CREATE MATERIALIZED VIEW stock_sum AS SELECT sum(qty) AS total FROM items',
      'CREATE VIEW stock_top AS SELECT s.id, m.total FROM stock s, stock_sum m',
      'CREATE RULE note_it AS ON UPDATE TO journal DO ALSO UPDATE items SET label = new.note WHERE items.id = old.id'],
    new: ['CREATE TABLE items (id int PRIMARY KEY, qty int, label text)', 'CREATE TABLE journal (id int, note text)',
      'CREATE VIEW stock AS SELECT items.id, items.qty AS amount FROM items', 'CREATE MATERIALIZED VIEW stock_sum AS SELECT sum(qty) AS total FROM items',
      'CREATE VIEW stock_top AS SELECT s.id, m.total FROM stock s, stock_sum m',
      'CREATE RULE note_it AS ON UPDATE TO journal DO ALSO UPDATE items SET label = new.note WHERE items.id = old.id',
      'ALTER TABLE items RENAME TO goods'],
    seed: "INSERT INTO items VALUES (1, 5, 'a'); INSERT INTO journal VALUES (1, 'x')",
    keepsTables: [{ tables: ['public.journal'], query: 'SELECT * FROM journal ORDER BY id' }],
    expectedSql: ['DROP TABLE "public"."items"'],
  },
];

const fdw = ['CREATE FOREIGN DATA WRAPPER w', 'CREATE SERVER s FOREIGN DATA WRAPPER w', 'CREATE TABLE local_rows (id int)'];
const localSeed = 'INSERT INTO local_rows VALUES (1), (2)';
const keepLocal = [{ tables: ['public.local_rows'], query: 'SELECT * FROM local_rows ORDER BY id' }];

/** Foreign tables renamed, moved and their columns renamed in the file under views. */
export const FOREIGN_RENAME_UNDER_VIEW_CASES: AcceptanceCase[] = [
  {
    name: 'views-3: a foreign table renamed, moved and its column renamed in the file under views, its privileges kept',
    old: [roles, 'CREATE SCHEMA app', ...fdw, "CREATE FOREIGN TABLE app.remote (id int, label text) SERVER s OPTIONS (table_name 'x')", 'CREATE VIEW remote_v AS SELECT id FROM app.remote'],
    new: [roles, 'CREATE SCHEMA app', ...fdw, "CREATE FOREIGN TABLE ft (id int, name text) SERVER s OPTIONS (table_name 'x')", 'GRANT SELECT ON ft TO m27a_reader',
      'GRANT UPDATE (name) ON ft TO m27a_writer',
      'CREATE VIEW remote_v AS SELECT ft.id, name FROM ft WHERE ft.name IS NOT NULL', 'CREATE VIEW remote_all AS SELECT * FROM ft',
      'ALTER FOREIGN TABLE ft RENAME COLUMN name TO label', 'ALTER FOREIGN TABLE ft RENAME TO remote', 'ALTER FOREIGN TABLE remote SET SCHEMA app'],
    seed: localSeed,
    keepsTables: keepLocal,
  },
];

/** Foreign tables created under default privileges ON TABLES: they start with them, as tables do. */
export const FOREIGN_DEFAULT_PRIVILEGE_CASES: AcceptanceCase[] = [
  {
    name: 'views-3: foreign tables created under ALTER DEFAULT PRIVILEGES … ON TABLES, one keeping them, one revoking them',
    old: [roles, 'CREATE SCHEMA app', ...fdw, 'ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, UPDATE ON TABLES TO m27a_reader'],
    new: [roles, 'CREATE SCHEMA app', ...fdw, 'ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, UPDATE ON TABLES TO m27a_reader',
      "CREATE FOREIGN TABLE app.kept (id int) SERVER s OPTIONS (table_name 'x')",
      "CREATE FOREIGN TABLE app.narrowed (id int) SERVER s OPTIONS (table_name 'y')", 'REVOKE UPDATE ON app.narrowed FROM m27a_reader',
      'GRANT INSERT ON app.narrowed TO m27a_writer'],
    seed: localSeed,
    keepsTables: keepLocal,
    expectedSql: ['REVOKE UPDATE ON TABLE "app"."narrowed" FROM "m27a_reader"'],
  },
];

export const VIEWS_3_CASES: AcceptanceCase[] = [...RELATION_RENAME_UNDER_VIEW_CASES, ...FOREIGN_RENAME_UNDER_VIEW_CASES, ...FOREIGN_DEFAULT_PRIVILEGE_CASES];
