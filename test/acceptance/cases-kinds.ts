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
