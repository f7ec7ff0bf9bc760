/**
 * Acceptance cases of issue #27's gaps: typed tables whose composite type changes an attribute's type, drops or
 * renames one (ALTER TYPE … CASCADE reaches them, the rows kept), temporal keys and foreign keys (PostgreSQL 18:
 * `WITHOUT OVERLAPS`, `PERIOD`), and the order of a schema's privileges. Each runs both directions with seed rows
 * and is judged by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

/** Typed tables (`CREATE TABLE t OF type`) changed through their type: ALTER TYPE … CASCADE. */
export const TYPED_TABLE_TYPE_CASES: AcceptanceCase[] = [
  {
    name: 'typed-period: a typed table\'s attribute changes type (ALTER ATTRIBUTE … TYPE … CASCADE), key and default kept, rows kept',
    old: ['CREATE TYPE person AS (name text, age int, note varchar(10))', 'CREATE TABLE people OF person (PRIMARY KEY (name), age WITH OPTIONS DEFAULT 0)'],
    new: ['CREATE TYPE person AS (name text, age bigint, note text)', 'CREATE TABLE people OF person (PRIMARY KEY (name), age WITH OPTIONS DEFAULT 0)'],
    seed: "INSERT INTO people VALUES ('a', 1, 'x')",
    keeps: 'SELECT name, age::int, note::text FROM people',
    seedBack: "INSERT INTO people VALUES ('b', 2, 'y')",
    expectedSql: ['ALTER TYPE "public"."person" ALTER ATTRIBUTE "age" TYPE bigint CASCADE', 'ALTER TYPE "public"."person" ALTER ATTRIBUTE "note" TYPE text CASCADE'],
    expectedHazards: ['TABLE_REWRITE'],
    absentSql: ['ALTER COLUMN'],
  },
  {
    name: 'typed-period: a view over a typed table whose attribute changes type is dropped and created again around ALTER TYPE … CASCADE',
    old: ['CREATE TYPE person AS (name text, age int)', 'CREATE TABLE people OF person', 'CREATE VIEW adults AS SELECT name, age FROM people WHERE age >= 18'],
    new: ['CREATE TYPE person AS (name text, age bigint)', 'CREATE TABLE people OF person', 'CREATE VIEW adults AS SELECT name, age FROM people WHERE age >= 18'],
    seed: "INSERT INTO people VALUES ('a', 20)",
    keeps: 'SELECT name, age::int FROM people',
    expectedSql: ['ALTER TYPE "public"."person" ALTER ATTRIBUTE "age" TYPE bigint CASCADE'],
  },
  {
    name: 'typed-period: a typed table\'s type drops an attribute (DROP ATTRIBUTE … CASCADE drops the column), other rows kept',
    old: ['CREATE TYPE person AS (name text, age int, note text)', 'CREATE TABLE people OF person (PRIMARY KEY (name))'],
    new: ['CREATE TYPE person AS (name text, age int)', 'CREATE TABLE people OF person (PRIMARY KEY (name))'],
    seed: "INSERT INTO people VALUES ('a', 1, 'x')",
    keeps: 'SELECT name, age FROM people',
    seedBack: "INSERT INTO people VALUES ('b', 2)",
    expectedSql: ['ALTER TYPE "public"."person" DROP ATTRIBUTE "note" CASCADE'],
    expectedHazards: ['DELETES_DATA'],
    absentSql: ['DROP COLUMN'],
  },
  {
    name: 'typed-period: two typed tables of one type, an attribute dropped and another retyped, rows kept',
    old: ['CREATE TYPE item AS (id int, qty smallint, tag text)', 'CREATE TABLE a OF item (PRIMARY KEY (id))', 'CREATE TABLE b OF item'],
    new: ['CREATE TYPE item AS (id int, qty int)', 'CREATE TABLE a OF item (PRIMARY KEY (id))', 'CREATE TABLE b OF item'],
    seed: "INSERT INTO a VALUES (1, 2, 'x'); INSERT INTO b VALUES (3, 4, 'y')",
    keeps: 'SELECT a.id, a.qty::int, b.id AS bid, b.qty::int AS bqty FROM a, b',
    seedBack: 'INSERT INTO a VALUES (5, 6); INSERT INTO b VALUES (7, 8)',
  },
];

/**
 * A typed table's type changed in a schema file by ALTER TYPE … CASCADE (the fold follows PostgreSQL: the typed
 * tables' columns are retyped, dropped and renamed with the attributes).
 */
export const TYPED_TABLE_FOLD_CASES: AcceptanceCase[] = [
  {
    name: 'typed-period: ALTER TYPE … ALTER ATTRIBUTE / DROP ATTRIBUTE / RENAME ATTRIBUTE … CASCADE in a schema file reach the typed table',
    old: ['CREATE TYPE person AS (name text, age int, note text, nick text)', 'CREATE TABLE people OF person (PRIMARY KEY (name))'],
    new: [
      'CREATE TYPE person AS (name text, age int, note text, nick text)',
      'CREATE TABLE people OF person (PRIMARY KEY (name), age WITH OPTIONS DEFAULT 0)',
      'ALTER TYPE person ALTER ATTRIBUTE age TYPE bigint CASCADE',
      'ALTER TYPE person DROP ATTRIBUTE note CASCADE',
      'ALTER TYPE person RENAME ATTRIBUTE nick TO alias CASCADE',
    ],
    seed: "INSERT INTO people VALUES ('a', 1, 'x', 'y')",
    keeps: 'SELECT name, age::int FROM people',
  },
];

/** PostgreSQL 18's temporal keys: PGlite runs them, PostgreSQL 15 refuses them (the cases are skipped there). */
const PG18 = { major: 18, reason: 'WITHOUT OVERLAPS and PERIOD are PostgreSQL 18' };
const GIST = 'CREATE EXTENSION btree_gist';

/** Temporal primary keys, unique constraints and foreign keys (`WITHOUT OVERLAPS`, `PERIOD`). */
export const TEMPORAL_KEY_CASES: AcceptanceCase[] = [
  {
    name: 'typed-period: temporal primary key, unique constraint and foreign key created with their tables',
    old: [GIST],
    new: [
      GIST,
      'CREATE TABLE rooms (id int, valid_at daterange, CONSTRAINT rooms_pkey PRIMARY KEY (id, valid_at WITHOUT OVERLAPS))',
      'CREATE TABLE codes (code int, valid_at daterange, CONSTRAINT codes_key UNIQUE (code, valid_at WITHOUT OVERLAPS) DEFERRABLE)',
      'CREATE TABLE bookings (id int, room int, valid_at daterange, CONSTRAINT bookings_room_fkey FOREIGN KEY (room, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at))',
      'CREATE TABLE stays (room int, valid_at daterange, CONSTRAINT stays_room_fkey FOREIGN KEY (room, PERIOD valid_at) REFERENCES rooms)',
    ],
    minServer: PG18,
  },
  {
    name: 'typed-period: a primary key becomes WITHOUT OVERLAPS and a foreign key becomes PERIOD, rows kept',
    old: [
      GIST,
      'CREATE TABLE rooms (id int, valid_at daterange, CONSTRAINT rooms_pkey PRIMARY KEY (id, valid_at))',
      'CREATE TABLE bookings (id int, room int, valid_at daterange, CONSTRAINT bookings_room_fkey FOREIGN KEY (room, valid_at) REFERENCES rooms (id, valid_at))',
    ],
    new: [
      GIST,
      'CREATE TABLE rooms (id int, valid_at daterange, CONSTRAINT rooms_pkey PRIMARY KEY (id, valid_at WITHOUT OVERLAPS))',
      'CREATE TABLE bookings (id int, room int, valid_at daterange, CONSTRAINT bookings_room_fkey FOREIGN KEY (room, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at))',
    ],
    seed: "INSERT INTO rooms VALUES (1, '[2024-01-01,2024-02-01)'); INSERT INTO bookings VALUES (1, 1, '[2024-01-01,2024-02-01)')",
    keeps: 'SELECT * FROM rooms, bookings',
    seedBack: "INSERT INTO rooms VALUES (2, '[2024-01-01,2024-03-01)'); INSERT INTO bookings VALUES (2, 2, '[2024-01-01,2024-03-01)')",
    expectedSql: ['PRIMARY KEY ("id", "valid_at" WITHOUT OVERLAPS)', 'FOREIGN KEY ("room", PERIOD "valid_at") REFERENCES "public"."rooms" ("id", PERIOD "valid_at")'],
    minServer: PG18,
  },
  {
    name: 'typed-period: a temporal unique constraint and foreign key added to existing tables, rows kept',
    old: [GIST, 'CREATE TABLE rooms (id int NOT NULL, valid_at daterange NOT NULL)', 'CREATE TABLE bookings (room int, valid_at daterange)'],
    new: [
      GIST,
      'CREATE TABLE rooms (id int NOT NULL, valid_at daterange NOT NULL, CONSTRAINT rooms_key UNIQUE (id, valid_at WITHOUT OVERLAPS))',
      'CREATE TABLE bookings (room int, valid_at daterange, CONSTRAINT bookings_room_fkey FOREIGN KEY (room, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at))',
    ],
    seed: "INSERT INTO rooms VALUES (1, '[2024-01-01,2024-02-01)'); INSERT INTO bookings VALUES (1, '[2024-01-05,2024-01-10)')",
    keeps: 'SELECT * FROM rooms, bookings',
    minServer: PG18,
  },
];

// The roles of cases-kinds.ts (created when missing, dropped by the global teardown: test/helpers/global-setup.ts).
const roles = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

/**
 * Privileges granted in the ACL's order: pg_dump writes an object's GRANTs in the order of its aclitems, which is
 * the order they were first granted in (not the grantees' names): the dumps' GRANT order is compared (aclOrder).
 */
export const ACL_ORDER_CASES: AcceptanceCase[] = [
  {
    name: 'typed-period: privileges on a new schema, table, sequence and function granted in the ACL\'s order (writer before reader, PUBLIC before both)',
    old: [roles],
    new: [
      roles,
      'CREATE SCHEMA app',
      'GRANT USAGE ON SCHEMA app TO PUBLIC',
      'GRANT USAGE ON SCHEMA app TO m27a_writer',
      'GRANT CREATE, USAGE ON SCHEMA app TO m27a_reader',
      'CREATE TABLE app.t (id int)',
      'GRANT INSERT ON app.t TO m27a_writer',
      'GRANT SELECT ON app.t TO m27a_reader',
      'GRANT SELECT ON app.t TO m27a_writer',
      'CREATE SEQUENCE app.s',
      'GRANT USAGE ON SEQUENCE app.s TO m27a_writer',
      'GRANT SELECT ON SEQUENCE app.s TO m27a_reader',
      'CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'GRANT EXECUTE ON FUNCTION app.f() TO m27a_writer',
      'GRANT EXECUTE ON FUNCTION app.f() TO m27a_reader',
    ],
    aclOrder: true,
  },
  {
    name: 'typed-period: a kept schema\'s new privileges granted in the ACL\'s order, rows kept',
    old: [roles, 'CREATE SCHEMA app', 'CREATE TABLE app.t (id int)'],
    new: [roles, 'CREATE SCHEMA app', 'CREATE TABLE app.t (id int)', 'GRANT CREATE ON SCHEMA app TO m27a_writer', 'GRANT USAGE ON SCHEMA app TO m27a_reader', 'GRANT USAGE ON SCHEMA app TO m27a_writer'],
    seed: 'INSERT INTO app.t VALUES (1)',
    keeps: 'SELECT * FROM app.t',
    aclOrder: true,
  },
];

export const TYPED_PERIOD_CASES: AcceptanceCase[] = [...TYPED_TABLE_TYPE_CASES, ...TYPED_TABLE_FOLD_CASES, ...TEMPORAL_KEY_CASES, ...ACL_ORDER_CASES];
