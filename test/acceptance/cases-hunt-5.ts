/**
 * Acceptance cases hunted on schemas Meridian had not seen (h103): GitLab-derived Gisia db/*structure.sql (AGPL-3.0),
 * River's migrations (MPL-2.0), Lemmy's diesel migrations (AGPL-3.0), Harbor's migrations (Apache-2.0) and pg_partman's
 * install script (PostgreSQL licence), and leftovers of hunt 4. Each class of failure is reproduced by one small case of
 * our own that failed before its fix in src/ (named in the case's comment). Facts only are taken from those files.
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_5_CASES: AcceptanceCase[] = [
  // plan/edges.ts (drop_schema): DROP SCHEMA … CASCADE takes its foreign tables: the server they use is dropped
  // after it (the reversed tie-break dropped the server first: 'cannot drop server remote because other objects
  // depend on it').
  {
    name: 'hunt-5: dropped schema holds foreign tables of a dropped server',
    old: [
      'CREATE EXTENSION postgres_fdw',
      "CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', port '9902')",
      'CREATE SCHEMA ext',
      "CREATE FOREIGN TABLE ext.remote_rows (id int, note text) SERVER remote OPTIONS (table_name 'rows')",
      'CREATE TABLE local_rows (id int)',
    ],
    new: ['CREATE EXTENSION postgres_fdw', 'CREATE TABLE local_rows (id int)'],
    seed: 'INSERT INTO local_rows VALUES (1)',
    keepsTables: [{ tables: ['local_rows'], query: 'SELECT id FROM local_rows' }],
    serversOnly: 'postgres_fdw is not shipped with PGlite',
  },
  // plan/edges.ts (drop_schema): what the objects of a dropped schema use outside it (a column's type and default,
  // a check's, an index's and a view's functions, a domain's check, a function's argument type) is dropped after
  // DROP SCHEMA … CASCADE, as their own drops would require ('DROP FUNCTION "public"."f_check"' failed before).
  {
    name: 'hunt-5: dropped schema holds a table, index, view, domain and function using functions and a type dropped outside it',
    old: [
      'CREATE TYPE mood AS ENUM (\'calm\', \'busy\')',
      'CREATE FUNCTION f_default() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 7 $$',
      'CREATE FUNCTION f_check(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$',
      'CREATE FUNCTION f_index(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$',
      'CREATE FUNCTION f_view(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i * 2 $$',
      'CREATE SCHEMA side',
      'CREATE TABLE side.t (id int DEFAULT public.f_default() CHECK (public.f_check(id)), name text, m public.mood)',
      'CREATE INDEX t_name ON side.t (public.f_index(name))',
      'CREATE VIEW side.v AS SELECT public.f_view(id) AS d FROM side.t',
      'CREATE DOMAIN side.positive AS int CHECK (public.f_check(VALUE))',
      'CREATE FUNCTION side.g(m public.mood) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'CREATE TABLE kept (id int)',
    ],
    new: ['CREATE TABLE kept (id int)'],
    seed: "INSERT INTO kept VALUES (1); INSERT INTO side.t (name, m) VALUES ('x', 'calm')",
    keepsTables: [{ tables: ['kept'], query: 'SELECT id FROM kept' }],
  },
];
