import type { AcceptanceCase } from './harness.js';

/**
 * Column type changes judged by PostgreSQL's casts (src/model/casts.ts over the generated pg_cast snapshot): no
 * USING where an assignment cast exists, `USING col::type` where only an explicit one (or the I/O conversion from a
 * string type) does, and a column dropped and added again (DELETES_DATA) where no cast exists at all (Harbor's
 * migrations change a column from `time` to `timestamp`). A column added again goes last in its table, so the
 * retyped column of the no-cast cases is the last one (pg_dump of the migrated database compares column order).
 */
export const RETYPE_CASES: AcceptanceCase[] = [
  {
    name: 'retype: assignment casts need no USING, explicit-only casts and text parsed by I/O get one',
    old: ['CREATE TABLE rt_casts (id integer PRIMARY KEY, amount numeric, qty text, flag integer, big bigint)'],
    new: ['CREATE TABLE rt_casts (id integer PRIMARY KEY, amount integer, qty integer, flag boolean, big integer)'],
    seed: "INSERT INTO rt_casts VALUES (1, 1.4, '42', 1, 7), (2, NULL, NULL, 0, NULL)",
    seedBack: "INSERT INTO rt_casts VALUES (1, 1, 42, true, 7)",
    keeps: 'SELECT id, qty::text, big::text FROM rt_casts ORDER BY id',
    after: "DO $$ BEGIN IF NOT EXISTS (SELECT FROM rt_casts WHERE id = 1 AND amount::text IN ('1', '1.4', '1.0') AND flag::text IN ('1', 'true')) THEN RAISE 'values not converted'; END IF; END $$",
    expectedSql: ['USING "qty"::integer', 'USING "flag"::boolean'],
    absentSql: ['USING "amount"', 'USING "big"'],
  },
  {
    name: 'retype: any type to text by the automatic I/O conversion without USING, back with one',
    old: ["CREATE TYPE rt_mood AS ENUM ('sad', 'happy')", 'CREATE TABLE rt_io (id integer PRIMARY KEY, u uuid, m rt_mood, at date)'],
    new: ["CREATE TYPE rt_mood AS ENUM ('sad', 'happy')", 'CREATE TABLE rt_io (id integer PRIMARY KEY, u text, m text, at varchar(40))'],
    seed: "INSERT INTO rt_io VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy', '2024-02-29')",
    seedBack: "INSERT INTO rt_io VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'sad', '2024-02-29')",
    keeps: 'SELECT id, u::text, m::text, at::text FROM rt_io ORDER BY id',
    absentSql: ['USING "u"', 'USING "m"', 'USING "at"'],
  },
  {
    name: 'retype: time to timestamp has no cast: the column is dropped and added again with its index and comment',
    old: ['CREATE TABLE rt_none (id integer PRIMARY KEY, name text NOT NULL, starts time)', 'CREATE INDEX rt_none_starts ON rt_none (starts)', "COMMENT ON COLUMN rt_none.starts IS 'when'"],
    new: ['CREATE TABLE rt_none (id integer PRIMARY KEY, name text NOT NULL, starts timestamp)', 'CREATE INDEX rt_none_starts ON rt_none (starts)', "COMMENT ON COLUMN rt_none.starts IS 'when'"],
    seed: "INSERT INTO rt_none VALUES (1, 'standup', '09:30'), (2, 'lunch', NULL)",
    seedBack: "INSERT INTO rt_none VALUES (1, 'standup', '2024-01-01 09:30')",
    // The other columns keep their rows (the dropped column's values are lost by design).
    keeps: 'SELECT id, name FROM rt_none ORDER BY id',
    expectedHazards: ['DELETES_DATA'],
    expectedSql: ['DROP COLUMN "starts"', 'ADD COLUMN "starts" timestamp'],
    absentSql: ['USING'],
  },
  {
    name: 'retype: arrays convert by their elements: int[] to bigint[] implicitly, time[] to timestamp[] not at all',
    old: ['CREATE TABLE rt_arr (id integer PRIMARY KEY, ids integer[], tags text[], slots time[])'],
    new: ['CREATE TABLE rt_arr (id integer PRIMARY KEY, ids bigint[], tags integer[], slots timestamp[])'],
    seed: "INSERT INTO rt_arr VALUES (1, '{1,2}', '{3,4}', '{09:00}')",
    seedBack: "INSERT INTO rt_arr VALUES (1, '{1,2}', '{3,4}', '{2024-01-01 09:00}')",
    keeps: 'SELECT id, ids::text, tags::text FROM rt_arr ORDER BY id',
    expectedHazards: ['DELETES_DATA'],
    expectedSql: ['USING "tags"::integer[]', 'DROP COLUMN "slots"'],
    absentSql: ['USING "ids"'],
  },
  {
    name: 'retype: a domain converts as its base type',
    old: [
      'CREATE DOMAIN rt_posint AS integer CHECK (VALUE > 0)', 'CREATE DOMAIN rt_label AS text', 'CREATE DOMAIN rt_clock AS time',
      'CREATE TABLE rt_dom (id integer PRIMARY KEY, q integer, l rt_label, k rt_clock)',
    ],
    new: [
      'CREATE DOMAIN rt_posint AS integer CHECK (VALUE > 0)', 'CREATE DOMAIN rt_label AS text', 'CREATE DOMAIN rt_clock AS time',
      'CREATE TABLE rt_dom (id integer PRIMARY KEY, q rt_posint, l integer, k timestamp)',
    ],
    seed: "INSERT INTO rt_dom VALUES (1, 5, '12', '10:00')",
    seedBack: "INSERT INTO rt_dom VALUES (1, 5, 12, '2024-01-01 10:00')",
    keeps: 'SELECT id, q, l::text FROM rt_dom ORDER BY id',
    expectedHazards: ['DELETES_DATA'],
    expectedSql: ['USING "l"::integer', 'DROP COLUMN "k"'],
    absentSql: ['USING "q"', 'USING "k"'],
  },
  {
    name: "retype: the schema's own CREATE CAST converts the column (assignment: no USING; explicit: USING)",
    old: [
      'CREATE TYPE rt_pair AS (a integer, b integer)',
      'CREATE FUNCTION rt_int_pair(integer) RETURNS rt_pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW($1, 0)::rt_pair $$',
      'CREATE FUNCTION rt_pair_int(rt_pair) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT ($1).a $$',
      'CREATE CAST (integer AS rt_pair) WITH FUNCTION rt_int_pair(integer) AS ASSIGNMENT',
      'CREATE CAST (rt_pair AS integer) WITH FUNCTION rt_pair_int(rt_pair)',
      'CREATE TABLE rt_cast (id integer PRIMARY KEY, p integer)',
    ],
    new: [
      'CREATE TYPE rt_pair AS (a integer, b integer)',
      'CREATE FUNCTION rt_int_pair(integer) RETURNS rt_pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW($1, 0)::rt_pair $$',
      'CREATE FUNCTION rt_pair_int(rt_pair) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT ($1).a $$',
      'CREATE CAST (integer AS rt_pair) WITH FUNCTION rt_int_pair(integer) AS ASSIGNMENT',
      'CREATE CAST (rt_pair AS integer) WITH FUNCTION rt_pair_int(rt_pair)',
      'CREATE TABLE rt_cast (id integer PRIMARY KEY, p rt_pair)',
    ],
    seed: 'INSERT INTO rt_cast VALUES (1, 5)',
    seedBack: "INSERT INTO rt_cast VALUES (1, '(5,0)')",
    keeps: 'SELECT id FROM rt_cast ORDER BY id',
    after: "DO $$ BEGIN IF NOT EXISTS (SELECT FROM rt_cast WHERE id = 1 AND p::text IN ('5', '(5,0)')) THEN RAISE 'values not converted'; END IF; END $$",
    absentSql: ['USING "p"', 'DROP COLUMN'],
  },
  {
    name: "retype: no cast on a partitioned table's column: dropped and added on the parent, its partitions follow",
    old: [
      'CREATE TABLE rt_part (id integer NOT NULL, name text, starts time) PARTITION BY RANGE (id)',
      'CREATE TABLE rt_part_1 PARTITION OF rt_part FOR VALUES FROM (0) TO (100)',
      'CREATE INDEX rt_part_starts ON rt_part (starts)',
    ],
    new: [
      'CREATE TABLE rt_part (id integer NOT NULL, name text, starts timestamp) PARTITION BY RANGE (id)',
      'CREATE TABLE rt_part_1 PARTITION OF rt_part FOR VALUES FROM (0) TO (100)',
      'CREATE INDEX rt_part_starts ON rt_part (starts)',
    ],
    seed: "INSERT INTO rt_part VALUES (1, 'standup', '09:30')",
    keeps: 'SELECT id, name FROM rt_part ORDER BY id',
    expectedHazards: ['DELETES_DATA'],
    expectedSql: ['DROP COLUMN "starts"'],
  },
];
