/**
 * Acceptance cases for a fourth audit of what PostgreSQL 15 alters in place (checked with psql) while Meridian
 * recreated it, left it alone, or planned what fails:
 *  - a composite type whose attributes change while a column uses it: PostgreSQL refuses ALTER ATTRIBUTE … TYPE
 *    ("cannot alter type because column uses it"), so the type is rebuilt as an enum is (renamed aside, created
 *    again, the columns converted attribute by attribute, the old type dropped) and the rows stay;
 *  - an extension's version (`ALTER EXTENSION … UPDATE TO`, compared when the file states one) and schema
 *    (`ALTER EXTENSION … SET SCHEMA`);
 *  - a table's `toast.*` storage parameters (`ALTER TABLE … SET (toast.autovacuum_enabled = …)`);
 *  - a table's access method (`CREATE TABLE … USING`, `ALTER TABLE … SET ACCESS METHOD`).
 */
import type { AcceptanceCase } from './harness.js';

export const INPLACE_4_CASES: AcceptanceCase[] = [
  // ---- composite types used by columns
  {
    name: 'inplace-4: a composite attribute retyped while a column and an array column use the type: the type is rebuilt, the rows and the view stay',
    old: [
      'CREATE TYPE pair AS (x int, y text)',
      'CREATE TABLE t (id int PRIMARY KEY, v pair, w pair[])',
      'CREATE VIEW tv AS SELECT id, (v).x AS x FROM t',
      "COMMENT ON TYPE pair IS 'a pair'",
    ],
    new: [
      'CREATE TYPE pair AS (x bigint, y text)',
      'CREATE TABLE t (id int PRIMARY KEY, v pair, w pair[])',
      'CREATE VIEW tv AS SELECT id, (v).x AS x FROM t',
      "COMMENT ON TYPE pair IS 'a pair'",
    ],
    seed: "INSERT INTO t VALUES (1, ROW(1, 'a'), ARRAY[ROW(1, 'a')::pair]), (2, ROW(NULL, NULL), NULL), (3, NULL, ARRAY[NULL::pair, ROW(NULL, NULL)::pair])",
    seedBack: "INSERT INTO t VALUES (1, ROW(1, 'a'), ARRAY[ROW(1, 'a')::pair]), (2, ROW(NULL, NULL), NULL), (3, NULL, ARRAY[NULL::pair, ROW(2, 'b')::pair])",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, v::text, w::text, v IS NULL AS n FROM t ORDER BY id' }],
    after: 'SELECT x FROM tv',
    expectedSql: ['ALTER TABLE "public"."t" ALTER COLUMN "v" TYPE "public"."pair"'],
    absentSql: ['ALTER ATTRIBUTE'],
  },
  {
    name: 'inplace-4: a composite attribute inserted before others while a column uses the type: the values are converted by attribute name',
    old: ['CREATE TYPE pair AS (x int, y text)', 'CREATE TABLE t (id int PRIMARY KEY, v pair)'],
    new: ['CREATE TYPE pair AS (x int, z numeric, y text)', 'CREATE TABLE t (id int PRIMARY KEY, v pair)'],
    seed: "INSERT INTO t VALUES (1, ROW(1, 'a')), (2, ROW(NULL, NULL)), (3, NULL)",
    seedBack: "INSERT INTO t VALUES (1, ROW(1, 2.5, 'a')), (2, ROW(NULL, NULL, NULL)), (3, NULL)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, (v).x, (v).y, v IS NULL AS n FROM t ORDER BY id' }],
    expectedSql: ['ALTER TABLE "public"."t" ALTER COLUMN "v" TYPE "public"."pair"'],
  },
  {
    name: 'inplace-4: a composite attribute retyped to a type it has no cast to, while a column uses it: converted through its text form, with a hazard',
    old: ['CREATE TYPE stamp AS (d date, note text)', 'CREATE TABLE t (id int PRIMARY KEY, v stamp)'],
    new: ['CREATE TYPE stamp AS (d integer, note text)', 'CREATE TABLE t (id int PRIMARY KEY, v stamp)'],
    seed: "INSERT INTO t VALUES (1, ROW(NULL, 'a')), (2, NULL)",
    seedBack: "INSERT INTO t VALUES (1, ROW(NULL, 'a')), (2, NULL)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, v::text FROM t ORDER BY id' }],
    expectedHazards: ['DATA_DEPENDENT', 'TABLE_REWRITE'],
  },
  // ---- extensions
  {
    name: 'inplace-4: an extension whose stated version changes is updated in place (ALTER EXTENSION … UPDATE TO): the column of its type and its rows stay',
    // One way: contrib ships no downgrade scripts (PostgreSQL refuses UPDATE TO an older version).
    oneWay: true,
    old: ["CREATE EXTENSION hstore VERSION '1.7'", 'CREATE TABLE t (id int PRIMARY KEY, h hstore)'],
    new: ["CREATE EXTENSION hstore VERSION '1.8'", 'CREATE TABLE t (id int PRIMARY KEY, h hstore)'],
    seed: "INSERT INTO t VALUES (1, 'a=>1'), (2, NULL)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, h::text FROM t ORDER BY id' }],
    after: "SELECT h['a'] FROM t",
    expectedSql: ['ALTER EXTENSION "hstore" UPDATE TO \'1.8\''],
    absentSql: ['DROP EXTENSION'],
  },
  {
    name: 'inplace-4: an extension moved to another schema (ALTER EXTENSION … SET SCHEMA): the column of its type, its index and rows stay',
    old: ['CREATE SCHEMA ext', 'CREATE EXTENSION citext WITH SCHEMA public', 'CREATE TABLE t (id int PRIMARY KEY, email public.citext)', 'CREATE INDEX t_email ON t (email)'],
    new: ['CREATE SCHEMA ext', 'CREATE EXTENSION citext WITH SCHEMA ext', 'CREATE TABLE t (id int PRIMARY KEY, email ext.citext)', 'CREATE INDEX t_email ON t (email)'],
    seed: "INSERT INTO t VALUES (1, 'A@x'), (2, NULL)",
    seedBack: "INSERT INTO t VALUES (1, 'A@x'), (2, NULL)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, email::text FROM t ORDER BY id' }],
    expectedSql: ['ALTER EXTENSION "citext" SET SCHEMA'],
    absentSql: ['DROP EXTENSION', 'ALTER COLUMN'],
  },
  // ---- toast.* storage parameters
  {
    name: 'inplace-4: a table\'s toast.* storage parameters set, changed and reset in place (ALTER TABLE … SET / RESET (toast.…)): rows and the view stay',
    old: ['CREATE TABLE t (id int PRIMARY KEY, body text) WITH (fillfactor = 90, toast.autovacuum_enabled = false, toast.autovacuum_vacuum_threshold = 100)', 'CREATE VIEW tv AS SELECT id FROM t'],
    new: ['CREATE TABLE t (id int PRIMARY KEY, body text) WITH (fillfactor = 90, toast.autovacuum_vacuum_threshold = 200, toast.log_autovacuum_min_duration = 5)', 'CREATE VIEW tv AS SELECT id FROM t'],
    seed: "INSERT INTO t VALUES (1, repeat('x', 10000)), (2, NULL)",
    seedBack: "INSERT INTO t VALUES (1, repeat('x', 10000)), (2, NULL)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, md5(body) FROM t ORDER BY id' }],
    expectedSql: ['RESET (toast.autovacuum_enabled)', 'toast.autovacuum_vacuum_threshold=200'],
    absentSql: ['DROP TABLE', 'DROP VIEW'],
  },
];
