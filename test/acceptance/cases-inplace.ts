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
  {
    name: 'inplace: enum value removed under a check and a partial index that compare the column with a label',
    old: [
      "CREATE TYPE st AS ENUM ('a', 'b', 'c', 'x')",
      "CREATE TABLE et (id int, s st CONSTRAINT et_s_not_c CHECK (s <> 'c'), s2 st)",
      "CREATE INDEX et_a ON et (s2) WHERE s2 = 'a'",
      "CREATE UNIQUE INDEX et_id ON et (id) WHERE s IN ('a', 'b')",
    ],
    new: [
      "CREATE TYPE st AS ENUM ('b', 'a', 'c')",
      "CREATE TABLE et (id int, s st CONSTRAINT et_s_not_c CHECK (s <> 'c'), s2 st)",
      "CREATE INDEX et_a ON et (s2) WHERE s2 = 'a'",
      "CREATE UNIQUE INDEX et_id ON et (id) WHERE s IN ('a', 'b')",
    ],
    seed: "INSERT INTO et VALUES (1, 'a', 'a'), (2, 'b', 'c')",
    seedBack: "INSERT INTO et VALUES (1, 'a', 'a'), (2, 'b', 'c')",
    keepsTables: [{ tables: ['et'], query: 'SELECT id, s::text, s2::text FROM et ORDER BY id' }],
  },
  // ---- partitions detached and attached, rows kept
  {
    name: 'inplace: a partition becomes a table of its own (and back), keys, checks, indexes and foreign keys of the parent',
    old: [
      'CREATE TABLE ref (id int PRIMARY KEY)',
      "CREATE TABLE p (id int NOT NULL, k int NOT NULL, v text CHECK (v <> ''), r int REFERENCES ref, PRIMARY KEY (id, k), UNIQUE (v, k)) PARTITION BY LIST (k)",
      'CREATE INDEX p_v ON p (v)',
      'CREATE INDEX p_lower ON p (lower(v))',
      'CREATE TABLE c1 PARTITION OF p FOR VALUES IN (1)',
      'CREATE TABLE c2 PARTITION OF p FOR VALUES IN (2)',
    ],
    new: [
      'CREATE TABLE ref (id int PRIMARY KEY)',
      "CREATE TABLE p (id int NOT NULL, k int NOT NULL, v text CHECK (v <> ''), r int REFERENCES ref, PRIMARY KEY (id, k), UNIQUE (v, k)) PARTITION BY LIST (k)",
      'CREATE INDEX p_v ON p (v)',
      'CREATE INDEX p_lower ON p (lower(v))',
      'CREATE TABLE c1 PARTITION OF p FOR VALUES IN (1)',
      'CREATE TABLE c2 (id int NOT NULL, k int NOT NULL, v text, r int REFERENCES ref, PRIMARY KEY (id, k))',
      'CREATE INDEX c2_lower_idx ON c2 (lower(v))',
    ],
    seed: "INSERT INTO ref VALUES (1); INSERT INTO p VALUES (1, 1, 'a', 1), (2, 2, 'b', 1), (3, 2, 'c', NULL)",
    seedBack: "INSERT INTO ref VALUES (1); INSERT INTO p VALUES (1, 1, 'a', 1); INSERT INTO c2 VALUES (2, 2, 'b', 1), (3, 2, 'c', NULL)",
    keepsTables: [{ tables: ['c2'], query: 'SELECT id, k, v, r FROM c2 ORDER BY id' }],
    expectedSql: ['ALTER TABLE "public"."p" DETACH PARTITION "public"."c2"'],
  },
  {
    name: 'inplace: a partition moved to another parent, rows kept',
    old: [
      'CREATE TABLE a (id int NOT NULL, k int NOT NULL, PRIMARY KEY (id, k)) PARTITION BY RANGE (k)',
      'CREATE TABLE b (id int NOT NULL, k int NOT NULL, note text) PARTITION BY RANGE (k)',
      'CREATE INDEX b_note ON b (note)',
      'CREATE TABLE part PARTITION OF a FOR VALUES FROM (0) TO (10)',
    ],
    new: [
      'CREATE TABLE a (id int NOT NULL, k int NOT NULL, PRIMARY KEY (id, k)) PARTITION BY RANGE (k)',
      'CREATE TABLE b (id int NOT NULL, k int NOT NULL, note text) PARTITION BY RANGE (k)',
      'CREATE INDEX b_note ON b (note)',
      'CREATE TABLE part PARTITION OF b FOR VALUES FROM (5) TO (20)',
    ],
    seed: 'INSERT INTO a VALUES (1, 5), (2, 9)',
    seedBack: 'INSERT INTO b VALUES (1, 5, NULL), (2, 9, NULL)',
    keepsTables: [{ tables: ['part'], query: 'SELECT id, k FROM part ORDER BY id' }],
    expectedSql: ['ATTACH PARTITION "public"."part" FOR VALUES FROM (5) TO (20)'],
  },
  {
    name: 'inplace: a table with rows becomes a partition of a new parent',
    old: ['CREATE TABLE t2024 (id int NOT NULL, at date NOT NULL)', "COMMENT ON TABLE t2024 IS 'kept'"],
    new: [
      'CREATE TABLE t (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)',
      "CREATE TABLE t2024 PARTITION OF t FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      "COMMENT ON TABLE t2024 IS 'kept'",
    ],
    seed: "INSERT INTO t2024 VALUES (1, '2024-03-01')",
    seedBack: "INSERT INTO t VALUES (1, '2024-03-01')",
    keepsTables: [{ tables: ['t2024'], query: 'SELECT id, at FROM t2024 ORDER BY id' }],
  },
  // ---- planner bugs found on real upgrade pairs
  {
    name: 'bug: a new table with a NOT VALID check (pg_dump writes it after the table)',
    old: ['CREATE TABLE keep (id int)'],
    new: ['CREATE TABLE keep (id int)', 'CREATE TABLE t (a int)', 'ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0) NOT VALID'],
  },
  {
    name: 'bug: a table dropped with its foreign key to a unique key that is dropped too',
    old: ['CREATE TABLE b (id int PRIMARY KEY, code text CONSTRAINT b_code_key UNIQUE)', 'CREATE TABLE a (x text REFERENCES b (code))'],
    new: ['CREATE TABLE b (id int PRIMARY KEY, code text)'],
    seed: "INSERT INTO b VALUES (1, 'x')",
    keepsTables: [{ tables: ['b'], query: 'SELECT id, code FROM b ORDER BY id' }],
  },
  {
    name: 'bug: a table dropped with its foreign key to a table whose key column changes type',
    old: ['CREATE TABLE b (id int PRIMARY KEY)', 'CREATE TABLE a (x int REFERENCES b)'],
    new: ['CREATE TABLE b (id bigint PRIMARY KEY)'],
  },
  {
    name: 'bug: a sequence owned by a column of a dropped table survives on its own',
    old: ['CREATE SEQUENCE s', "CREATE TABLE t (id int DEFAULT nextval('s'))", 'ALTER SEQUENCE s OWNED BY t.id'],
    new: ['CREATE SEQUENCE s'],
  },
  {
    name: 'bug: a sequence owned by a column of a recreated table stays owned, rows of other tables kept',
    old: [
      'CREATE TABLE p (id int, k int) PARTITION BY LIST (k)',
      'CREATE SEQUENCE s',
      "CREATE TABLE t (id int DEFAULT nextval('s'), k int) PARTITION BY LIST (k)",
      'ALTER SEQUENCE s OWNED BY t.id',
    ],
    new: [
      'CREATE TABLE p (id int, k int) PARTITION BY LIST (k)',
      'CREATE SEQUENCE s',
      "CREATE TABLE t (id int DEFAULT nextval('s'), k int) PARTITION BY RANGE (k)",
      'ALTER SEQUENCE s OWNED BY t.id',
    ],
  },
];
