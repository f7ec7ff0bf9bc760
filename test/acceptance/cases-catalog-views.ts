/**
 * Acceptance cases for views over PostgreSQL's own relations (hunt 14c2's leftover, h193): pg_class and
 * pg_namespace joined to a table of the file, whose columns the fold now types from the generated catalog table
 * (src/parse/catalog-relations.ts), and a view and a function reading such a view. Plans must be what PostgreSQL
 * makes in both directions; a misspelt catalog column is refused natively (test/parse/catalog-view-columns.test.ts).
 */
import type { AcceptanceCase } from './harness.js';

const table = 'CREATE TABLE tracked (id int PRIMARY KEY, rel name NOT NULL, note text)';
const views = [
  "CREATE VIEW tracked_relations AS SELECT t.id, c.relname, n.nspname, c.relkind, c.reltuples, t.note FROM tracked t JOIN pg_class c ON c.relname = t.rel JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname <> 'pg_catalog'",
  "CREATE VIEW tracked_tables AS SELECT id, relname, upper(nspname) AS schema_upper FROM tracked_relations WHERE relkind = 'r' AND reltuples >= 0",
  'CREATE FUNCTION tracked_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM tracked_tables $$',
];

export const CATALOG_VIEWS_CASES: AcceptanceCase[] = [
  {
    name: 'catalog-views: a view over pg_class and pg_namespace joined to a table, and a view and a function over it, come and go',
    old: [table],
    new: [table, ...views],
    seed: "INSERT INTO tracked VALUES (1, 'tracked', 'itself')",
  },
  {
    name: 'catalog-views: a view over pg_class changes the catalog columns it reads',
    old: [table, "CREATE VIEW tracked_kinds AS SELECT t.id, c.relkind FROM tracked t JOIN pg_catalog.pg_class c ON c.relname = t.rel"],
    new: [table, "CREATE VIEW tracked_kinds AS SELECT t.id, c.relkind, c.relpersistence, c.oid AS class_oid FROM tracked t JOIN pg_catalog.pg_class c ON c.relname = t.rel"],
  },
];
