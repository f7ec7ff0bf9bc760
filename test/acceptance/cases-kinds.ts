import type { AcceptanceCase } from './harness.js';

/**
 * Acceptance cases for the object kinds of issue #27 (pg_dump's vocabulary), each written the way
 * `pg_dump --schema-only` writes it where that differs from hand-written DDL. Each README vocabulary row
 * marked managed points at a case here by its name.
 */
export const KIND_CASES: AcceptanceCase[] = [
  // ---- ALTER INDEX parent_pkey ATTACH PARTITION child_pkey (pg_dump, for every partitioned table with a key)
  {
    name: 'kind: partition key indexes attached as pg_dump writes them',
    old: ['CREATE TABLE p (id int NOT NULL, k int) PARTITION BY RANGE (id)', 'CREATE TABLE c1 PARTITION OF p FOR VALUES FROM (0) TO (10)'],
    new: [
      'CREATE TABLE p (id int NOT NULL, k int) PARTITION BY RANGE (id)',
      'CREATE TABLE c1 (id int NOT NULL, k int)',
      'ALTER TABLE ONLY p ATTACH PARTITION c1 FOR VALUES FROM (0) TO (10)',
      'ALTER TABLE ONLY p ADD CONSTRAINT p_pkey PRIMARY KEY (id)',
      'ALTER TABLE ONLY c1 ADD CONSTRAINT c1_pkey PRIMARY KEY (id)',
      'ALTER INDEX p_pkey ATTACH PARTITION c1_pkey',
    ],
    seed: 'INSERT INTO p VALUES (1, 1), (2, 2)',
    keeps: 'SELECT * FROM p ORDER BY id',
  },
  // ---- sequences: UNLOGGED (PostgreSQL 15+), SET LOGGED / SET UNLOGGED
  { name: 'kind: unlogged sequence created', old: [], new: ['CREATE UNLOGGED SEQUENCE s START 5'] },
  { name: 'kind: sequence set unlogged', old: ['CREATE SEQUENCE s'], new: ['CREATE SEQUENCE s', 'ALTER SEQUENCE s SET UNLOGGED'], seed: "SELECT nextval('s')", keeps: 'SELECT last_value FROM s' },
  { name: 'kind: serial of an unlogged table is unlogged', old: ['CREATE TABLE t (id serial, v text)'], new: ['CREATE UNLOGGED TABLE t (id serial, v text)'], seed: "INSERT INTO t (v) VALUES ('a')", keeps: 'SELECT * FROM t' },
];
KIND_CASES.push(
  // ---- column attribute options (pg_dump: ALTER TABLE ONLY t ALTER COLUMN c SET (…) / SET STORAGE / SET COMPRESSION)
  {
    name: 'kind: column attribute options set and reset',
    old: ['CREATE TABLE t (a text, n numeric, i int, b bytea, j jsonb)'],
    new: [
      'CREATE TABLE t (a text, n numeric, i int, b bytea COMPRESSION pglz, j jsonb)',
      'ALTER TABLE ONLY t ALTER COLUMN a SET (n_distinct=-1)',
      'ALTER TABLE ONLY t ALTER COLUMN i SET (n_distinct=100, n_distinct_inherited=0.5)',
      'ALTER TABLE ONLY t ALTER COLUMN a SET STORAGE EXTERNAL',
      'ALTER TABLE ONLY t ALTER COLUMN n SET STORAGE EXTENDED',
      'ALTER TABLE ONLY t ALTER COLUMN j SET STORAGE MAIN',
      'ALTER TABLE ONLY t ALTER COLUMN j SET COMPRESSION pglz',
      'ALTER TABLE ONLY t ALTER COLUMN i SET STATISTICS 300',
    ],
    seed: "INSERT INTO t VALUES ('x', 1.5, 2, '\\x00', '{}')",
    keeps: 'SELECT * FROM t',
    expectedSql: ['ALTER COLUMN "a" SET (n_distinct=-1)', 'ALTER COLUMN "a" SET STORAGE EXTERNAL', 'ALTER COLUMN "j" SET COMPRESSION pglz'],
  },
  { name: 'kind: column options on a new table', old: [], new: ['CREATE TABLE t (a text)', 'ALTER TABLE t ALTER COLUMN a SET (n_distinct=-0.5), ALTER COLUMN a SET STORAGE MAIN'] },
);
KIND_CASES.push(
  // ---- ordering: a domain over a composite type, a composite over domains (created and dropped in dependency order)
  {
    name: 'kind: domain over a composite type and composite over domains',
    old: ['CREATE TABLE t (id int)'],
    new: [
      'CREATE TYPE zpair AS (a int, b text)',
      'CREATE DOMAIN apair AS zpair CHECK ((VALUE).a > 0)',
      'CREATE DOMAIN posint AS int CHECK (VALUE > 0)',
      'CREATE TYPE bcomp AS (p posint, q apair)',
      'CREATE TABLE t (id int, x bcomp, y apair)',
    ],
    seed: 'INSERT INTO t VALUES (1)',
    keeps: 'SELECT id FROM t',
  },
);
KIND_CASES.push(
  // ---- COMMENT ON EXTENSION (pg_dump writes one for every extension)
  { name: 'kind: comment on an extension', old: ['CREATE EXTENSION hstore'], new: ['CREATE EXTENSION hstore', "COMMENT ON EXTENSION hstore IS 'key/value pairs, our way'"], expectedSql: ["COMMENT ON EXTENSION \"hstore\" IS 'key/value pairs, our way'"] },
  { name: 'kind: extension created with its comment', old: [], new: ['CREATE EXTENSION citext', "COMMENT ON EXTENSION citext IS 'case-insensitive text'"] },
  { name: 'kind: pg_dump extension comment is its default', old: [], new: ['CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public', "COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams'"] },
);
