import type { AcceptanceCase } from './harness.js';

/**
 * Column type changes through a `CREATE CAST` that only one side of the migration has (src/model/casts.ts reads the
 * desired Model's casts first, then the current one's; src/plan/edges.ts orders the retype): a cast the desired
 * schema adds is created (with its function) before the column is converted by it, with or without USING; a cast
 * only the current schema has converts the column before it (and its function) is dropped.
 */
export const RETYPE_2_CASES: AcceptanceCase[] = [
  {
    name: 'retype-2: a CREATE CAST and its function only the desired schema has are created before the column converts through them',
    old: [
      'CREATE TYPE rt2_pair AS (a integer, b integer)',
      'CREATE TABLE rt2_new (id integer PRIMARY KEY, q text, p integer)',
    ],
    new: [
      'CREATE TYPE rt2_pair AS (a integer, b integer)',
      'CREATE FUNCTION rt2_int_pair(integer) RETURNS rt2_pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW($1, 0)::rt2_pair $$',
      'CREATE FUNCTION rt2_text_pair(text) RETURNS rt2_pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW($1::integer, 1)::rt2_pair $$',
      'CREATE CAST (integer AS rt2_pair) WITH FUNCTION rt2_int_pair(integer) AS ASSIGNMENT',
      'CREATE CAST (text AS rt2_pair) WITH FUNCTION rt2_text_pair(text)',
      'CREATE TABLE rt2_new (id integer PRIMARY KEY, q rt2_pair, p rt2_pair)',
    ],
    // The reverse direction drops and adds p (no cast from the pair to integer): the last column.
    // '7' is no record literal: only the new cast's function converts it (PostgreSQL's I/O conversion refuses it).
    seed: "INSERT INTO rt2_new VALUES (1, '7', 5), (2, NULL, NULL)",
    keeps: 'SELECT id FROM rt2_new ORDER BY id',
    after: "DO $$ BEGIN IF NOT EXISTS (SELECT FROM rt2_new WHERE id = 1 AND p::text = '(5,0)' AND q::text = '(7,1)') THEN RAISE 'values not converted'; END IF; END $$",
    expectedSql: ['USING "q"::public.rt2_pair'],
    absentSql: ['USING "p"', 'DROP COLUMN'],
  },
  {
    name: 'retype-2: a CREATE CAST only the current schema has converts the column before it and its function are dropped',
    old: [
      'CREATE TYPE rt2_old_pair AS (a integer, b integer)',
      'CREATE FUNCTION rt2_pair_int(rt2_old_pair) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT ($1).a + ($1).b $$',
      'CREATE FUNCTION rt2_pair_date(rt2_old_pair) RETURNS date LANGUAGE sql IMMUTABLE AS $$ SELECT DATE \'2024-01-01\' + ($1).a $$',
      'CREATE CAST (rt2_old_pair AS integer) WITH FUNCTION rt2_pair_int(rt2_old_pair) AS ASSIGNMENT',
      'CREATE CAST (rt2_old_pair AS date) WITH FUNCTION rt2_pair_date(rt2_old_pair)',
      'CREATE TABLE rt2_old (id integer PRIMARY KEY, p rt2_old_pair, d rt2_old_pair)',
    ],
    new: [
      'CREATE TYPE rt2_old_pair AS (a integer, b integer)',
      'CREATE TABLE rt2_old (id integer PRIMARY KEY, p integer, d date)',
    ],
    seed: "INSERT INTO rt2_old VALUES (1, '(5,2)', '(3,0)'), (2, NULL, NULL)",
    keeps: 'SELECT id FROM rt2_old ORDER BY id',
    after: "DO $$ BEGIN IF NOT EXISTS (SELECT FROM rt2_old WHERE id = 1 AND p = 7 AND d = DATE '2024-01-04') THEN RAISE 'values not converted'; END IF; END $$",
    expectedSql: ['USING "d"::date', 'DROP CAST', 'DROP FUNCTION'],
    absentSql: ['USING "p"', 'DROP COLUMN'],
  },
];
