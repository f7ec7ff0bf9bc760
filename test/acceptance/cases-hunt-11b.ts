/**
 * Acceptance cases hunted on pg-schema-diff's acceptance cases (stripe/pg-schema-diff
 * internal/migration_acceptance_tests/*_cases_test.go, MIT; h162, hunt 11b): each case's old and new DDL were applied
 * with `schema apply` both ways on PostgreSQL 15, planned again (nothing left) and pg_dump'ed against the database
 * psql loads from the target. Each class of failure is reproduced by one small case of our own that failed before its
 * fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_11B_CASES: AcceptanceCase[] = [
  // plan/index.ts (drop order of tables), plan/edges.ts (drop_table): a partition goes with the partitioned table the
  // plan drops, and so do the foreign keys it declares itself; two partition trees whose partitions reference each
  // other were not seen as a cycle, so DROP TABLE of one failed on the other's partition key (pg-schema-diff's
  // "Create partitioned table with local primary keys and RLS enabled locally", reversed).
  {
    name: 'hunt-11b: two partition trees dropped whose partitions reference each other',
    old: [
      'CREATE TABLE orders (region text NOT NULL, id int NOT NULL) PARTITION BY LIST (region)',
      "CREATE TABLE orders_eu PARTITION OF orders (PRIMARY KEY (region, id)) FOR VALUES IN ('eu')",
      "CREATE TABLE orders_us PARTITION OF orders (PRIMARY KEY (region, id)) FOR VALUES IN ('us')",
      'CREATE TABLE notes (region text NOT NULL, id int NOT NULL) PARTITION BY LIST (region)',
      "CREATE TABLE notes_eu PARTITION OF notes (PRIMARY KEY (region, id)) FOR VALUES IN ('eu')",
      "CREATE TABLE notes_us PARTITION OF notes (PRIMARY KEY (region, id)) FOR VALUES IN ('us')",
      // No cycle between two tables, one between the two trees: notes_eu → orders_eu, orders_us → notes_us.
      'ALTER TABLE notes_eu ADD CONSTRAINT notes_eu_order FOREIGN KEY (region, id) REFERENCES orders_eu (region, id)',
      'ALTER TABLE orders_us ADD CONSTRAINT orders_us_note FOREIGN KEY (region, id) REFERENCES notes_us (region, id)',
      // And a third tree that only references one of them, dropped before it.
      'CREATE TABLE lines (region text NOT NULL, id int NOT NULL) PARTITION BY LIST (region)',
      "CREATE TABLE lines_eu PARTITION OF lines FOR VALUES IN ('eu')",
      'ALTER TABLE lines_eu ADD CONSTRAINT lines_eu_order FOREIGN KEY (region, id) REFERENCES orders_eu (region, id)',
    ],
    new: ['CREATE TABLE kept (id int PRIMARY KEY)'],
  },
  // plan/edges.ts (drop_schema): DROP SCHEMA … CASCADE takes the functions and types in it and what depends on them
  // elsewhere (a function whose SQL-standard body calls one, one taking its type, a trigger running one); the plan
  // dropped those after the schema, which PostgreSQL had dropped already (pg-schema-diff's "Add/drop all objects",
  // reversed).
  {
    name: 'hunt-11b: a schema dropped with functions and types used by objects dropped elsewhere',
    old: [
      'CREATE SCHEMA lib',
      'CREATE FUNCTION lib.twice(a int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a * 2',
      "CREATE TYPE lib.mood AS ENUM ('ok', 'sad')",
      'CREATE FUNCTION lib.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      'CREATE FUNCTION quad(a int) RETURNS int LANGUAGE sql IMMUTABLE RETURN lib.twice(lib.twice(a))',
      'CREATE FUNCTION cheer(m lib.mood) RETURNS text LANGUAGE sql IMMUTABLE RETURN m::text',
      'CREATE TABLE log (id int PRIMARY KEY, note text)',
      // The schema's view reads a column dropped elsewhere: the schema goes before that column, early in the plan.
      'CREATE VIEW lib.notes AS SELECT id, note FROM public.log',
      'CREATE TRIGGER log_touch BEFORE UPDATE ON log FOR EACH ROW EXECUTE FUNCTION lib.touch()',
    ],
    new: ['CREATE TABLE log (id int PRIMARY KEY)'],
    seed: 'INSERT INTO log VALUES (1)',
    seedBack: 'INSERT INTO log VALUES (1)',
  },
  // plan/alter-column.ts: a partition's column has its parent's type and collation, and changes with the parent's
  // ALTER TYPE (it recurses); a partition declaring options for the column (`bar NOT NULL`) was retyped on its own
  // too, which PostgreSQL refuses ("cannot alter inherited column"; pg-schema-diff's "Alter table: New primary key,
  // new unique constraint, … change column types, …").
  {
    name: 'hunt-11b: a partitioned column retyped and recollated where a partition declares options for it',
    old: [
      'CREATE TABLE items (region text NOT NULL, code text COLLATE "C", qty int) PARTITION BY LIST (region)',
      "CREATE TABLE items_eu PARTITION OF items (code NOT NULL) FOR VALUES IN ('eu')",
      "CREATE TABLE items_us PARTITION OF items FOR VALUES IN ('us')",
    ],
    new: [
      'CREATE TABLE items (region text NOT NULL, code text COLLATE "POSIX", qty bigint) PARTITION BY LIST (region)',
      "CREATE TABLE items_eu PARTITION OF items FOR VALUES IN ('eu')",
      "CREATE TABLE items_us PARTITION OF items (code NOT NULL, qty NOT NULL) FOR VALUES IN ('us')",
    ],
    seed: "INSERT INTO items VALUES ('eu', 'a', 1), ('us', 'b', 2)",
    seedBack: "INSERT INTO items VALUES ('eu', 'a', 1), ('us', 'b', 2)",
  },
];
