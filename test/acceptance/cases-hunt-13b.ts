/**
 * Acceptance cases of hunt 13b (test/corpus-ext/MANIFEST.md: public schema dumps of products not tried before;
 * facts only, the cases are written anew). Each runs both directions on PGlite and PostgreSQL and is judged by
 * pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

const kept = 'CREATE TABLE h13b_notes (id int PRIMARY KEY, body text)';
const seed = "INSERT INTO h13b_notes VALUES (1, 'a'), (2, 'b')";
const keepsNotes = 'SELECT id, body FROM h13b_notes ORDER BY id';

/**
 * An extension installed in a schema the plan drops (pgAdmin's schema-diff fixture creates btree_gist in its test
 * schema): DROP SCHEMA … CASCADE takes the extension along, and the schema's objects may use it where no name shows
 * it (an exclusion constraint on text by btree_gist's default operator class). The DROP EXTENSION came first and
 * PostgreSQL refused it ("other objects depend on it"); it now follows the schema's drop, written IF EXISTS, and what
 * uses the extension outside the schema (a column retyped off its type) still goes before.
 */
export const HUNT_13B_CASES: AcceptanceCase[] = [
  {
    name: 'hunt-13b: an extension in a dropped schema whose table uses it through a default operator class',
    old: [kept, 'CREATE SCHEMA h13b_booking', 'CREATE EXTENSION btree_gist SCHEMA h13b_booking',
      'CREATE TABLE h13b_booking.slots (id int, room text, EXCLUDE USING gist (room WITH <>) WHERE (id > 1))'],
    new: [kept],
    seed,
    keeps: keepsNotes,
    expectedSql: ['DROP SCHEMA "h13b_booking" CASCADE', 'DROP EXTENSION IF EXISTS "btree_gist"'],
  },
  {
    name: 'hunt-13b: a column retyped off the type of an extension whose schema is dropped',
    old: [kept, 'CREATE SCHEMA h13b_kv', 'CREATE EXTENSION hstore SCHEMA h13b_kv', 'CREATE TABLE h13b_pairs (id int PRIMARY KEY, attrs h13b_kv.hstore)'],
    new: [kept, 'CREATE TABLE h13b_pairs (id int PRIMARY KEY, attrs text)'],
    seed: `${seed}; INSERT INTO h13b_pairs VALUES (1, NULL), (2, NULL)`,
    keepsTables: [{ tables: ['h13b_notes', 'h13b_pairs'], query: 'SELECT n.id, n.body, p.id AS pair FROM h13b_notes n JOIN h13b_pairs p USING (id) ORDER BY n.id' }],
  },
  // OHDSI's OMOP CDM DDL clusters its tables with `CLUSTER t USING i`: PostgreSQL keeps i marked as the clustered
  // index (pg_dump: `ALTER TABLE t CLUSTER ON i`); the fold ignored the statement, so a plan from that file left the mark out.
  {
    name: 'hunt-13b: CLUSTER t USING i in a schema file marks the clustered index, as ALTER TABLE … CLUSTER ON',
    old: [kept, 'CREATE TABLE h13b_visits (id int PRIMARY KEY, person int, seen date)', 'CREATE INDEX h13b_visits_person ON h13b_visits (person)'],
    new: [kept, 'CREATE TABLE h13b_visits (id int PRIMARY KEY, person int, seen date)', 'CREATE INDEX h13b_visits_person ON h13b_visits (person)',
      'CLUSTER h13b_visits USING h13b_visits_person', 'CREATE TABLE h13b_people (id int PRIMARY KEY)', 'CLUSTER h13b_people USING h13b_people_pkey'],
    seed: `${seed}; INSERT INTO h13b_visits VALUES (1, 7, '2026-01-01'), (2, 3, '2026-01-02')`,
    keepsTables: [{ tables: ['h13b_notes', 'h13b_visits'], query: 'SELECT n.id, n.body, v.person FROM h13b_notes n JOIN h13b_visits v USING (id) ORDER BY n.id' }],
    expectedSql: ['ALTER TABLE "public"."h13b_visits" CLUSTER ON "h13b_visits_person"'],
  },
];
