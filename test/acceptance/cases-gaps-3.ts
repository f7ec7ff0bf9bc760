/**
 * Acceptance cases of gaps found on real schemas (PostgREST/Supabase test fixtures, MIT; pgquarrel, BSD-3 — facts
 * only, the cases are written anew): column privileges on views and materialized views (`GRANT SELECT (a, b) ON
 * v TO r`), and materialized views' column settings (`ALTER MATERIALIZED VIEW mv ALTER COLUMN c SET STATISTICS
 * …`, `SET STORAGE …`, `SET (n_distinct = …)`). Each runs both directions on PGlite and PostgreSQL and is judged
 * by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

// The roles of cases-kinds.ts (created when missing, dropped by the global teardown: test/helpers/global-setup.ts).
const roles = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

const todos = ['CREATE TABLE todos (id int PRIMARY KEY, name text, done boolean DEFAULT false)'];
const seed = "INSERT INTO todos VALUES (1, 'a', false), (2, 'b', true)";

/** Column privileges on views and materialized views: granted, changed, revoked, and given back when recreated. */
export const VIEW_COLUMN_GRANT_CASES: AcceptanceCase[] = [
  {
    name: 'gap 3: column privileges on a view and a materialized view granted and revoked',
    old: [roles, ...todos, 'CREATE VIEW todos_view AS SELECT id, name, done FROM todos', 'CREATE MATERIALIZED VIEW todos_mv AS SELECT id, name FROM todos'],
    new: [roles, ...todos, 'CREATE VIEW todos_view AS SELECT id, name, done FROM todos', 'GRANT SELECT (id, name) ON todos_view TO m27a_reader', 'GRANT UPDATE (done) ON todos_view TO m27a_writer WITH GRANT OPTION',
      'CREATE MATERIALIZED VIEW todos_mv AS SELECT id, name FROM todos', 'GRANT SELECT (id) ON todos_mv TO m27a_reader'],
    seed,
    keeps: 'SELECT * FROM todos',
    expectedSql: ['GRANT SELECT ("id") ON TABLE "public"."todos_view" TO "m27a_reader"', 'GRANT UPDATE ("done") ON TABLE "public"."todos_view" TO "m27a_writer" WITH GRANT OPTION', 'GRANT SELECT ("id") ON TABLE "public"."todos_mv" TO "m27a_reader"'],
  },
  {
    name: 'gap 3: column privileges on a view changed in place (grantee and privilege) with the view kept',
    old: [roles, ...todos, 'CREATE VIEW todos_view AS SELECT id, name, done FROM todos', 'GRANT SELECT (id, name) ON todos_view TO m27a_reader', 'GRANT INSERT (name) ON todos_view TO m27a_writer'],
    new: [roles, ...todos, 'CREATE VIEW todos_view AS SELECT id, name, done FROM todos', 'GRANT SELECT (id) ON todos_view TO m27a_reader', 'GRANT SELECT (name), UPDATE (name) ON todos_view TO m27a_writer'],
    seed,
    keeps: 'SELECT * FROM todos',
    expectedSql: ['REVOKE SELECT ("name") ON TABLE "public"."todos_view" FROM "m27a_reader"'],
    absentSql: ['DROP VIEW'],
  },
  {
    name: 'gap 3: a view and a materialized view recreated (a column type changes) get their column privileges back',
    old: [roles, 'CREATE TABLE todos (id int PRIMARY KEY, name varchar(10), done boolean DEFAULT false)', 'CREATE VIEW todos_view AS SELECT id, name FROM todos', 'GRANT SELECT (id, name) ON todos_view TO m27a_reader',
      'CREATE MATERIALIZED VIEW todos_mv AS SELECT id, name FROM todos', 'GRANT SELECT (name) ON todos_mv TO m27a_reader'],
    new: [roles, 'CREATE TABLE todos (id int PRIMARY KEY, name text, done boolean DEFAULT false)', 'CREATE VIEW todos_view AS SELECT id, name FROM todos', 'GRANT SELECT (id, name) ON todos_view TO m27a_reader',
      'CREATE MATERIALIZED VIEW todos_mv AS SELECT id, name FROM todos', 'GRANT SELECT (name) ON todos_mv TO m27a_reader'],
    seed,
    keeps: 'SELECT * FROM todos',
    expectedSql: ['GRANT SELECT ("name") ON TABLE "public"."todos_mv" TO "m27a_reader"'],
  },
  {
    name: 'gap 3: a column dropped from a view (recreated) with its column privileges, another column keeps its own',
    old: [roles, ...todos, 'CREATE VIEW todos_view AS SELECT id, name, done FROM todos', 'GRANT SELECT (id, done) ON todos_view TO m27a_reader'],
    new: [roles, ...todos, 'CREATE VIEW todos_view AS SELECT id, name FROM todos', 'GRANT SELECT (id) ON todos_view TO m27a_reader'],
    seed,
    keeps: 'SELECT * FROM todos',
  },
];

const mv = (query: string, ...settings: string[]) => [`CREATE MATERIALIZED VIEW todos_mv AS ${query}`, ...settings.map((x) => `ALTER MATERIALIZED VIEW todos_mv ALTER COLUMN ${x}`)];

/** Materialized views' column settings: statistics target, storage, attribute options (as pg_dump writes them). */
export const MATVIEW_COLUMN_SETTINGS_CASES: AcceptanceCase[] = [
  {
    name: 'gap 3: a materialized view created with column statistics, storage and n_distinct',
    old: [...todos],
    new: [...todos, ...mv('SELECT id, name, done FROM todos', 'id SET STATISTICS 100', 'name SET STORAGE MAIN', 'name SET (n_distinct = -0.5)', 'done SET STATISTICS 0')],
    seed,
    keeps: 'SELECT * FROM todos',
    expectedSql: ['ALTER MATERIALIZED VIEW "public"."todos_mv" ALTER COLUMN "id" SET STATISTICS 100', 'ALTER MATERIALIZED VIEW "public"."todos_mv" ALTER COLUMN "name" SET STORAGE MAIN', 'ALTER MATERIALIZED VIEW "public"."todos_mv" ALTER COLUMN "name" SET (n_distinct=-0.5)'],
  },
  {
    name: 'gap 3: a materialized view\'s column settings changed in place (set, changed, reset), the view kept',
    old: [...todos, ...mv('SELECT id, name, done FROM todos', 'id SET STATISTICS 100', 'name SET STORAGE EXTERNAL', 'name SET (n_distinct = -0.5)')],
    new: [...todos, ...mv('SELECT id, name, done FROM todos', 'id SET STATISTICS 500', 'done SET STATISTICS 10', 'id SET (n_distinct = 100)')],
    seed,
    keeps: 'SELECT * FROM todos_mv',
    expectedSql: ['ALTER MATERIALIZED VIEW "public"."todos_mv" ALTER COLUMN "name" SET STORAGE EXTENDED', 'ALTER MATERIALIZED VIEW "public"."todos_mv" ALTER COLUMN "name" RESET (n_distinct)'],
    absentSql: ['DROP MATERIALIZED VIEW'],
  },
  {
    name: 'gap 3: a materialized view recreated (its query changes) keeps its columns\' settings',
    old: [...todos, ...mv('SELECT id, name FROM todos', 'id SET STATISTICS 100', 'name SET STORAGE MAIN')],
    new: [...todos, ...mv('SELECT id, name FROM todos WHERE NOT done', 'id SET STATISTICS 100', 'name SET STORAGE MAIN')],
    seed,
    keeps: 'SELECT * FROM todos',
    expectedSql: ['ALTER MATERIALIZED VIEW "public"."todos_mv" ALTER COLUMN "id" SET STATISTICS 100'],
  },
  {
    name: 'gap 3: a materialized view recreated under a column type change keeps its columns\' settings',
    old: ['CREATE TABLE todos (id int PRIMARY KEY, name varchar(10), done boolean DEFAULT false)', ...mv('SELECT id, name FROM todos', 'id SET STATISTICS 100', 'name SET STORAGE MAIN', 'name SET (n_distinct = -1)')],
    new: ['CREATE TABLE todos (id int PRIMARY KEY, name text, done boolean DEFAULT false)', ...mv('SELECT id, name FROM todos', 'id SET STATISTICS 100', 'name SET STORAGE MAIN', 'name SET (n_distinct = -1)')],
    seed,
    keeps: 'SELECT * FROM todos',
    expectedSql: ['ALTER MATERIALIZED VIEW "public"."todos_mv" ALTER COLUMN "name" SET STORAGE MAIN'],
  },
  {
    // pgCodeKeeper's fixtures write `n_distinct=-1.0`: attoptions keeps the text as written, and pg_dump prints it.
    name: 'gap 3: a column\'s n_distinct written -1.0 and .50 is set as written, and -1 → -1.0 is set again',
    old: [...todos, 'ALTER TABLE todos ALTER COLUMN name SET (n_distinct = -1)'],
    new: [...todos, 'ALTER TABLE todos ALTER COLUMN name SET (n_distinct = -1.0)', 'ALTER TABLE ONLY todos ALTER COLUMN done SET (n_distinct=.50)'],
    seed,
    keeps: 'SELECT * FROM todos',
    expectedSql: ['ALTER TABLE "public"."todos" ALTER COLUMN "name" SET (n_distinct=-1.0)', 'ALTER TABLE "public"."todos" ALTER COLUMN "done" SET (n_distinct=.50)'],
  },
];

export const GAPS_3_CASES: AcceptanceCase[] = [...VIEW_COLUMN_GRANT_CASES, ...MATVIEW_COLUMN_SETTINGS_CASES];
