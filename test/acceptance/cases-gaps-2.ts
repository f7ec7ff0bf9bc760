/**
 * Acceptance cases of gaps found on real schemas (the apgdiff and pgquarrel test fixtures, MIT and PostgreSQL
 * licences; the cases are written anew, only the facts are taken): comments on and storage parameters set on the
 * indexes behind PRIMARY KEY / UNIQUE / EXCLUDE constraints, by COMMENT ON INDEX and ALTER INDEX. Each runs both
 * directions on PGlite and PostgreSQL and is judged by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

/** Comments on the indexes behind key and exclusion constraints (kept apart from the constraints' own comments). */
export const KEY_INDEX_COMMENT_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-2: comments on the indexes of primary key, unique and exclusion constraints, created with the table',
    old: [],
    new: [
      'CREATE TABLE t (id int, k int, r int4range, CONSTRAINT t_pkey PRIMARY KEY (id), CONSTRAINT t_k UNIQUE (k), CONSTRAINT t_r EXCLUDE USING gist (r WITH &&))',
      "COMMENT ON INDEX t_pkey IS 'the key''s index'",
      "COMMENT ON INDEX public.t_k IS 'unique index'",
      "COMMENT ON CONSTRAINT t_k ON t IS 'the constraint, not its index'",
      "COMMENT ON INDEX t_r IS 'exclusion index'",
    ],
  },
  {
    name: 'gaps-2: a comment on a key\'s index set, changed and dropped in place, rows kept',
    old: ['CREATE TABLE t (id int PRIMARY KEY, k int UNIQUE, v text)', "COMMENT ON INDEX t_k_key IS 'old'"],
    new: ['CREATE TABLE t (id int PRIMARY KEY, k int UNIQUE, v text)', "COMMENT ON INDEX t_pkey IS 'new'"],
    seed: "INSERT INTO t VALUES (1, 1, 'a')",
    keeps: 'SELECT * FROM t',
    expectedSql: ['COMMENT ON INDEX "public"."t_pkey" IS \'new\'', 'COMMENT ON INDEX "public"."t_k_key" IS NULL'],
  },
  {
    name: 'gaps-2: a key recreated (its columns change) keeps the comment on its index',
    old: ['CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a))', "COMMENT ON INDEX t_pkey IS 'key index'"],
    new: ['CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a, b))', "COMMENT ON INDEX t_pkey IS 'key index'"],
    seed: 'INSERT INTO t VALUES (1, 2)',
    keeps: 'SELECT * FROM t',
  },
  {
    name: 'gaps-2: a key added to an existing table with a comment on its index',
    old: ['CREATE TABLE t (id int NOT NULL, v text)'],
    new: ['CREATE TABLE t (id int NOT NULL, v text)', 'ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id)', "COMMENT ON INDEX t_pkey IS 'added'"],
    seed: "INSERT INTO t VALUES (1, 'a')",
    keeps: 'SELECT * FROM t',
  },
];

/** Storage parameters set on the index behind a constraint by ALTER INDEX in a schema file. */
export const KEY_INDEX_ALTER_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-2: ALTER INDEX … SET / RESET on the indexes of key and exclusion constraints in a schema file',
    old: ['CREATE TABLE t (id int, k int, r int4range, CONSTRAINT t_pkey PRIMARY KEY (id), CONSTRAINT t_k UNIQUE (k) WITH (fillfactor=70), CONSTRAINT t_r EXCLUDE USING gist (r WITH &&) WHERE (id > 0))'],
    new: [
      'CREATE TABLE t (id int, k int, r int4range, CONSTRAINT t_pkey PRIMARY KEY (id), CONSTRAINT t_k UNIQUE (k) WITH (fillfactor=70), CONSTRAINT t_r EXCLUDE USING gist (r WITH &&) WHERE (id > 0))',
      'ALTER INDEX t_pkey SET (fillfactor = 60)',
      'ALTER INDEX public.t_k RESET (fillfactor)',
      'ALTER INDEX t_r SET (fillfactor = 50)',
    ],
    seed: "INSERT INTO t VALUES (1, 1, '[1,2)')",
    keeps: 'SELECT * FROM t',
    expectedSql: ['ALTER INDEX "public"."t_pkey" SET (fillfactor=60)', 'ALTER INDEX "public"."t_k" RESET (fillfactor)', 'ALTER INDEX "public"."t_r" SET (fillfactor=50)'],
  },
];



/** Typed tables (`CREATE TABLE t OF type`): bound to their composite type, created and changed (OF / NOT OF). */
export const TYPED_TABLE_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-2: a typed table with a key and a column default, created after its type',
    old: [],
    new: ['CREATE TYPE person AS (name text, age int)', 'CREATE TABLE people OF person (PRIMARY KEY (name), age WITH OPTIONS DEFAULT 0)'],
  },
  {
    name: 'gaps-2: a table bound to a composite type and unbound (ALTER TABLE … OF / NOT OF), rows kept',
    old: ['CREATE TYPE person AS (name text, age int)', 'CREATE TABLE people (name text NOT NULL, age int DEFAULT 0)'],
    new: ['CREATE TYPE person AS (name text, age int)', 'CREATE TABLE people OF person (name WITH OPTIONS NOT NULL, age WITH OPTIONS DEFAULT 0)'],
    seed: "INSERT INTO people VALUES ('a', 1)",
    keeps: 'SELECT * FROM people',
    seedBack: "INSERT INTO people VALUES ('b', 2)",
    expectedSql: ['ALTER TABLE "public"."people" OF "public"."person"'],
  },
  {
    name: 'gaps-2: ALTER TYPE … ADD ATTRIBUTE … CASCADE in a schema file reaches the typed table',
    old: [],
    new: ['CREATE TYPE person AS (name text, age int)', 'CREATE TABLE people OF person', 'ALTER TYPE person ADD ATTRIBUTE email text CASCADE'],
  },
  {
    name: 'gaps-2: a typed table\'s type gains an attribute: ALTER TYPE … ADD ATTRIBUTE … CASCADE, rows kept',
    old: ['CREATE TYPE person AS (name text, age int)', 'CREATE TABLE people OF person (PRIMARY KEY (name))'],
    new: ['CREATE TYPE person AS (name text, age int, email text)', 'CREATE TABLE people OF person (PRIMARY KEY (name))'],
    seed: "INSERT INTO people VALUES ('a', 1)",
    keeps: 'SELECT name, age FROM people',
    expectedSql: ['ALTER TYPE "public"."person" ADD ATTRIBUTE "email" text CASCADE'],
    absentSql: ['ADD COLUMN'],
  },
];
export const GAPS_2_CASES: AcceptanceCase[] = [...KEY_INDEX_COMMENT_CASES, ...KEY_INDEX_ALTER_CASES, ...TYPED_TABLE_CASES];
