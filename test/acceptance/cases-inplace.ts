/**
 * Acceptance cases for issue #19's "in place first" (items 2 and 4): changes PostgreSQL can make while the
 * object keeps its rows and dependents (an enum rebuilt under the domains, composites, arrays, functions and
 * views over it; a partition detached to a standalone table or attached to another parent), and planner bugs
 * found on real upgrade pairs, each shrunk to a case.
 */
import type { AcceptanceCase } from './harness.js';

export const INPLACE_CASES: AcceptanceCase[] = [
  // ---- enum rebuild with dependents
  {
    name: 'inplace: enum value removed under a domain with a default and a check, no column',
    old: ["CREATE TYPE e2 AS ENUM ('a', 'b', 'l47', 'c')", "CREATE DOMAIN d3 AS e2 DEFAULT 'a'::e2 CONSTRAINT d3_ck4 CHECK (VALUE::text <> '')"],
    new: ["CREATE TYPE e2 AS ENUM ('a', 'b', 'c')", "CREATE DOMAIN d3 AS e2 DEFAULT 'a'::e2 CONSTRAINT d3_ck4 CHECK (VALUE::text <> '')"],
  },
  {
    name: 'inplace: enum value removed under a domain, a domain over it, arrays and columns of each, with rows',
    old: [
      "CREATE TYPE st AS ENUM ('new', 'old', 'gone')",
      "CREATE DOMAIN st_d AS st NOT NULL DEFAULT 'new' CONSTRAINT st_d_ck CHECK (VALUE <> 'old')",
      'CREATE DOMAIN st_dd AS st_d',
      "COMMENT ON DOMAIN st_d IS 'a status'",
      "CREATE TABLE t (id int PRIMARY KEY, a st_d, b st_dd DEFAULT 'old', c st_d[], d st[] DEFAULT '{new}')",
      'CREATE INDEX t_a ON t (a)',
    ],
    new: [
      "CREATE TYPE st AS ENUM ('old', 'new')",
      "CREATE DOMAIN st_d AS st NOT NULL DEFAULT 'new' CONSTRAINT st_d_ck CHECK (VALUE <> 'old')",
      'CREATE DOMAIN st_dd AS st_d',
      "COMMENT ON DOMAIN st_d IS 'a status'",
      "CREATE TABLE t (id int PRIMARY KEY, a st_d, b st_dd DEFAULT 'old', c st_d[], d st[] DEFAULT '{new}')",
      'CREATE INDEX t_a ON t (a)',
    ],
    seed: "INSERT INTO t VALUES (1, 'new', 'new', '{new}', '{new,old}')",
    seedBack: "INSERT INTO t VALUES (1, 'new', 'new', '{new}', '{old}')",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, a::text, b::text, c::text, d::text FROM t ORDER BY id' }],
    expectedHazards: ['TABLE_REWRITE', 'DATA_DEPENDENT'],
  },
  {
    name: 'inplace: enum reordered under a composite type used by a column, a function and a view',
    old: [
      "CREATE TYPE lvl AS ENUM ('lo', 'hi')",
      'CREATE TYPE reading AS (at int, l lvl)',
      'CREATE TABLE m (id int, r reading, l lvl)',
      'CREATE FUNCTION top(x lvl) RETURNS lvl LANGUAGE sql IMMUTABLE AS $$SELECT x$$',
      'CREATE VIEW mv AS SELECT id, (r).l AS rl, l FROM m',
    ],
    new: [
      "CREATE TYPE lvl AS ENUM ('hi', 'lo')",
      'CREATE TYPE reading AS (at int, l lvl)',
      'CREATE TABLE m (id int, r reading, l lvl)',
      'CREATE FUNCTION top(x lvl) RETURNS lvl LANGUAGE sql IMMUTABLE AS $$SELECT x$$',
      'CREATE VIEW mv AS SELECT id, (r).l AS rl, l FROM m',
    ],
    seed: "INSERT INTO m VALUES (1, ROW(5, 'hi'), 'lo')",
    seedBack: "INSERT INTO m VALUES (1, ROW(5, 'lo'), 'hi')",
    keepsTables: [{ tables: ['m'], query: 'SELECT id, r::text, l::text FROM m ORDER BY id' }],
  },
  {
    name: 'inplace: enum reordered under a range type with a column, a commented enum, and a new domain over it',
    old: [
      "CREATE TYPE grade AS ENUM ('c', 'b', 'a')",
      "COMMENT ON TYPE grade IS 'letter grades'",
      'CREATE TYPE grade_span AS RANGE (subtype = grade)',
      'CREATE TABLE course (id int, span grade_span, g grade)',
    ],
    new: [
      "CREATE TYPE grade AS ENUM ('a', 'b', 'c')",
      "COMMENT ON TYPE grade IS 'letter grades'",
      'CREATE TYPE grade_span AS RANGE (subtype = grade)',
      "CREATE DOMAIN good AS grade CHECK (VALUE <> 'c')",
      'CREATE TABLE course (id int, span grade_span, g grade, best good)',
    ],
    seed: "INSERT INTO course VALUES (1, '[b,b]', 'a')",
    keepsTables: [{ tables: ['course'], query: 'SELECT id, g::text FROM course ORDER BY id' }],
  },
];
