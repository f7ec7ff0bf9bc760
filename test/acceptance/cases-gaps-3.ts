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

export const GAPS_3_CASES: AcceptanceCase[] = [...VIEW_COLUMN_GRANT_CASES];
