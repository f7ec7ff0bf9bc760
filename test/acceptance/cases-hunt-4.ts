/**
 * Acceptance cases hunted on schemas Meridian had not seen (h94): pgquarrel's test/from-*.sql and to-*.sql pair
 * (PostgreSQL licence), apgdiff's src/test/resources old/new pairs (MIT), PostgREST's test fixtures (MIT), pgmq's
 * extension script (PostgreSQL licence) and Supabase's migrations/schema-15.sql (Apache-2.0). Each old/new pair or
 * schema was run through validate, inspect round trip, empty ↔ schema and both directions of its pair on PGlite
 * and PostgreSQL; each class of failure is reproduced here by one small case of our own that failed before its
 * fix in src/ (named in the case's comment). Facts only are taken from those files, no text.
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_4_CASES: AcceptanceCase[] = [
  // plan/object-edges.ts (server): a server on a wrapper that an extension creates (no object of the Model defines
  // it) requires the extensions: created after them, dropped before them ('cannot drop extension postgres_fdw
  // because other objects depend on it'). The fold accepts such a server (test/parse/hunt-4-fold.test.ts).
  {
    name: 'hunt-4: server, user mapping and foreign table on an extension\'s wrapper, created and dropped',
    old: ['CREATE TABLE local_rows (id int)'],
    new: [
      'CREATE EXTENSION postgres_fdw',
      "CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', port '9902')",
      "CREATE USER MAPPING FOR PUBLIC SERVER remote OPTIONS (user 'reader')",
      "CREATE FOREIGN TABLE remote_rows (id int, note text) SERVER remote OPTIONS (table_name 'rows')",
      'CREATE TABLE local_rows (id int)',
    ],
    seed: 'INSERT INTO local_rows VALUES (1)',
    keepsTables: [{ tables: ['local_rows'], query: 'SELECT id FROM local_rows' }],
    serversOnly: 'postgres_fdw is not shipped with PGlite',
  },
  // diff/index.ts (diffTable): a column added to an existing table gets its statistics target, storage and
  // attribute options after ADD COLUMN, as the columns of a new table do (the re-plan asked for SET STATISTICS).
  {
    name: 'hunt-4: column added to a kept table with a statistics target, storage and n_distinct',
    old: ['CREATE TABLE readings (id int PRIMARY KEY, note text)'],
    new: [
      'CREATE TABLE readings (id int PRIMARY KEY, note text, value double precision, label text)',
      'ALTER TABLE readings ALTER COLUMN value SET STATISTICS 44',
      'ALTER TABLE readings ALTER COLUMN label SET STORAGE EXTERNAL',
      'ALTER TABLE readings ALTER COLUMN label SET (n_distinct = 12)',
    ],
    seed: "INSERT INTO readings VALUES (1, 'a'), (2, 'b')",
    keepsTables: [{ tables: ['readings'], query: 'SELECT id, note FROM readings ORDER BY id' }],
  },
  // diff/index.ts (replaceable, paramsOf): an inspected function carries no `args`, so a removed parameter
  // default (same name, same types) was replaced in place: 'cannot remove parameter defaults from existing
  // function'. The parameters are now read from the canonical form both sides carry: dropped and created again.
  {
    name: 'hunt-4: function keeps its signature but loses a parameter default, called by a view',
    old: [
      'CREATE FUNCTION add_to(base integer, step integer DEFAULT 10) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN base + step; END $$',
      'CREATE TABLE counters (id int, n int)',
    ],
    new: [
      'CREATE FUNCTION add_to(base integer, step integer) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN base + step + 1; END $$',
      'CREATE TABLE counters (id int, n int)',
    ],
    seed: 'INSERT INTO counters VALUES (1, 5)',
    keepsTables: [{ tables: ['counters'], query: 'SELECT id, n FROM counters ORDER BY id' }],
  },
  // plan/edges.ts (drop_table, ownedGone): a dropped table takes the serial sequence it owns; another dropped table
  // whose default reads that sequence (a partition detached from it keeps the default) is dropped first.
  {
    name: 'hunt-4: dropped serial owner and a dropped detached partition whose default reads its sequence',
    old: [
      'CREATE TABLE towns (region char(2) NOT NULL, name text, id serial) PARTITION BY LIST (region)',
      "CREATE TABLE towns_north PARTITION OF towns FOR VALUES IN ('NO')",
      "CREATE TABLE towns_old PARTITION OF towns FOR VALUES IN ('OL')",
      'ALTER TABLE towns DETACH PARTITION towns_old',
      'CREATE TABLE kept (id int)',
    ],
    new: ['CREATE TABLE kept (id int)'],
    seed: "INSERT INTO towns (region, name) VALUES ('NO', 'a'); INSERT INTO kept VALUES (1)",
    oneWay: true,
  },
  // diff/index.ts (new tables): a child created with INHERITS starts with its parent's default and NOT NULL on an
  // inherited column; its own default (ALTER TABLE ONLY child … SET DEFAULT) is set after CREATE TABLE.
  {
    name: 'hunt-4: new child table with its own default on an inherited column',
    old: ['CREATE TABLE base (id integer NOT NULL, at timestamptz NOT NULL DEFAULT now())'],
    new: [
      'CREATE TABLE base (id integer NOT NULL, at timestamptz NOT NULL DEFAULT now())',
      'CREATE TABLE child (extra text) INHERITS (base)',
      'ALTER TABLE ONLY child ALTER COLUMN id SET DEFAULT 0',
      'ALTER TABLE ONLY child ALTER COLUMN at DROP DEFAULT',
    ],
    seed: 'INSERT INTO base (id) VALUES (1)',
    keepsTables: [{ tables: ['base'], query: 'SELECT id FROM ONLY base ORDER BY id' }],
  },
  // plan/edges.ts (drop_schema): DROP SCHEMA … CASCADE takes a child table (and a view, a referencing table) with it:
  // it runs before the parent, referenced and read tables outside the schema are dropped.
  {
    name: 'hunt-4: dropped schema holds a child, a referencing table and a view of tables dropped outside it',
    old: [
      'CREATE SCHEMA side',
      'CREATE TABLE parent (id int PRIMARY KEY)',
      'CREATE TABLE side.child (note text) INHERITS (parent)',
      'CREATE TABLE side.refs (pid int REFERENCES parent (id))',
      'CREATE TABLE other (id int)',
      'CREATE VIEW side.v AS SELECT id FROM other',
      'CREATE TABLE stays (id int)',
    ],
    new: ['CREATE TABLE stays (id int)'],
    seed: 'INSERT INTO stays VALUES (1)',
    keepsTables: [{ tables: ['stays'], query: 'SELECT id FROM stays' }],
  },
  // diff/index.ts (diffTriggers): trigger comments were never planned (new, changed or removed).
  {
    name: 'hunt-4: trigger comments added, changed and kept on a recreated trigger',
    old: [
      'CREATE TABLE items (id int, n int)',
      'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE TRIGGER a BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch()',
      'CREATE TRIGGER b BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch()',
      "COMMENT ON TRIGGER b ON items IS 'old words'",
    ],
    new: [
      'CREATE TABLE items (id int, n int)',
      'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      "CREATE TRIGGER a BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch()",
      "COMMENT ON TRIGGER a ON items IS 'touches rows'",
      'CREATE TRIGGER b BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch()',
      "COMMENT ON TRIGGER b ON items IS 'new words'",
      'CREATE TABLE logs (id int)',
      'CREATE TRIGGER c AFTER INSERT ON logs FOR EACH STATEMENT EXECUTE FUNCTION touch()',
      "COMMENT ON TRIGGER c ON logs IS 'on a new table'",
    ],
    seed: 'INSERT INTO items VALUES (1, 2)',
    keepsTables: [{ tables: ['items'], query: 'SELECT id, n FROM items ORDER BY id' }],
  },
];
