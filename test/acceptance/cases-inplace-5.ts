/**
 * Acceptance cases for a fifth audit of extensions and storage parameters (issue #27, left open by the fourteenth
 * session):
 *  - a relocatable extension that moves schema (`ALTER EXTENSION … SET SCHEMA`): PostgreSQL's objects follow it by
 *    oid, so index operator classes, function signatures, view queries and column types that name the old schema
 *    are the same objects afterwards, not dropped and created again;
 *  - a non-relocatable extension whose schema changes;
 *  - `toast.*` storage parameters on a table without a TOAST table (only fixed-width columns).
 */
import type { AcceptanceCase } from './harness.js';

/** Tables, an index, a function and a view that name the objects of pg_trgm and citext in `schema`. */
const usesOf = (schema: string) => [
  `CREATE TABLE t (id int PRIMARY KEY, name text, email ${schema}.citext)`,
  `CREATE INDEX t_name ON t USING gin (name ${schema}.gin_trgm_ops)`,
  `CREATE FUNCTION norm(x ${schema}.citext) RETURNS ${schema}.citext LANGUAGE sql IMMUTABLE AS $$ SELECT x $$`,
  `CREATE VIEW tv AS SELECT id, ${schema}.similarity(name, name) AS s, name::${schema}.citext AS e, norm(email) AS n FROM t`,
];

export const INPLACE_5_CASES: AcceptanceCase[] = [
  // diff/extensions.ts (followMovedExtensions), plan/edges.ts (MOVES): only column types followed the move; the
  // function (its signature) and the view were dropped and created again, and a dropped function was named by its
  // new schema before the move ran.
  {
    name: 'inplace-5: relocatable extensions moved to another schema: the index operator class, function signature and view that name them follow, nothing is dropped',
    old: ['CREATE SCHEMA ext', 'CREATE EXTENSION pg_trgm WITH SCHEMA public', 'CREATE EXTENSION citext WITH SCHEMA public', ...usesOf('public')],
    new: ['CREATE SCHEMA ext', 'CREATE EXTENSION pg_trgm WITH SCHEMA ext', 'CREATE EXTENSION citext WITH SCHEMA ext', ...usesOf('ext')],
    seed: "INSERT INTO t VALUES (1, 'abc', 'A@x'), (2, NULL, NULL)",
    seedBack: "INSERT INTO t VALUES (1, 'abc', 'A@x'), (2, NULL, NULL)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, name, email::text FROM t ORDER BY id' }],
    expectedSql: ['ALTER EXTENSION "citext" SET SCHEMA "ext"', 'ALTER EXTENSION "pg_trgm" SET SCHEMA "ext"'],
    absentSql: ['DROP', 'CREATE OR REPLACE FUNCTION', 'CREATE INDEX', 'CREATE VIEW', 'ALTER COLUMN'],
  },
  {
    name: 'inplace-5: an extension moved while a function over its type changes its result: the function is dropped after the move, under the new schema',
    old: ['CREATE EXTENSION citext WITH SCHEMA public', 'CREATE FUNCTION f(x public.citext) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'],
    new: ['CREATE SCHEMA ext', 'CREATE EXTENSION citext WITH SCHEMA ext', 'CREATE FUNCTION f(x ext.citext) RETURNS text LANGUAGE sql AS $$ SELECT 1::text $$'],
    expectedSql: ['ALTER EXTENSION "citext" SET SCHEMA "ext"', 'DROP FUNCTION "public"."f"(x ext.citext)'],
  },
  // diff/index.ts + diff/extensions.ts (recreatedExtension): a non-relocatable extension's schema was not compared,
  // so the file's WITH SCHEMA never took effect. PostgreSQL refuses SET SCHEMA for it: dropped and created again
  // there, with the drop's BREAKS_DEPENDANTS hazard (what uses it is refused, test/workflow/extension-move.test.ts).
  {
    name: 'inplace-5: a non-relocatable extension whose schema changes is dropped and created again in the new schema',
    serversOnly: 'xml2 (relocatable = false) is not among the contrib extensions PGlite ships',
    old: ['CREATE SCHEMA ext', 'CREATE EXTENSION xml2 WITH SCHEMA public', 'CREATE TABLE t (id int PRIMARY KEY, doc text)'],
    new: ['CREATE SCHEMA ext', 'CREATE EXTENSION xml2 WITH SCHEMA ext', 'CREATE TABLE t (id int PRIMARY KEY, doc text)'],
    seed: "INSERT INTO t VALUES (1, '<a>1</a>')",
    seedBack: "INSERT INTO t VALUES (1, '<a>1</a>')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, doc FROM t ORDER BY id' }],
    expectedSql: ['DROP EXTENSION "xml2"', 'CREATE EXTENSION IF NOT EXISTS "xml2" WITH SCHEMA "ext"'],
    expectedHazards: ['BREAKS_DEPENDANTS'],
    absentSql: ['SET SCHEMA'],
  },
  // model/toast.ts + parse/fold.ts: PostgreSQL gives a table of fixed-width columns no TOAST table and drops its
  // toast.* parameters silently; the fold kept them, so every plan set them again (and pg_dump never showed them).
  {
    name: 'inplace-5: toast.* storage parameters on a table with only fixed-width columns (no TOAST table) converge: only the heap parameters are set',
    old: ['CREATE TYPE mood AS ENUM (\'ok\')', 'CREATE TABLE t (id int PRIMARY KEY, at timestamptz, m mood, u uuid)'],
    new: ['CREATE TYPE mood AS ENUM (\'ok\')', 'CREATE TABLE t (id int PRIMARY KEY, at timestamptz, m mood, u uuid) WITH (fillfactor = 80, toast.autovacuum_enabled = false)'],
    seed: "INSERT INTO t VALUES (1, now(), 'ok', gen_random_uuid())",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, m FROM t ORDER BY id' }],
    planTwice: true,
    expectedSql: ['fillfactor=80'],
    absentSql: ['toast.', 'DROP TABLE'],
  },
];
