/**
 * Acceptance cases hunted on sqldef's psqldef test cases (sqldef/sqldef cmd/psqldef/tests_*.yml, MIT; h161, hunt 11a:
 * the files hunt 9b did not run): each case's `current` and `desired` schemas were applied with `schema apply` both
 * ways on PostgreSQL 15, planned again (nothing left) and pg_dump'ed against the database psql loads from the target.
 * Each class of failure is reproduced by one small case of our own that failed before its fix in src/ (named in the
 * case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_11A_CASES: AcceptanceCase[] = [
  // parse/catalog/default-opclasses.ts, parse/canonical.ts (indexKey): an index key naming the operator class
  // PostgreSQL would choose anyway (`text_ops` on text, `array_ops` on an array under gin, `text_ops` on varchar by
  // binary coercion, `enum_ops` on an enum, `range_ops` on a range, over a domain its base type's) was kept by the
  // fold, while pg_get_indexdef leaves it out, so the index was dropped and built again on every plan; a class with
  // parameters is printed whichever it is (psqldef's IndexWithExplicitDefaultOperatorClass, …GinOperatorClass,
  // AddNonDefaultOperatorClassOfSameAccessMethod).
  {
    name: 'hunt-11a: index keys naming their default operator class',
    old: [
      "CREATE TYPE mood AS ENUM ('ok', 'sad')",
      'CREATE DOMAIN short_text AS varchar(20)',
      'CREATE TABLE products (id int, name text, code varchar(10), tags text[], doc jsonb, m mood, span int4range, st short_text)',
      'CREATE INDEX idx_name ON products (name text_pattern_ops)',
      'CREATE INDEX idx_doc ON products USING gin (doc jsonb_path_ops)',
    ],
    new: [
      "CREATE TYPE mood AS ENUM ('ok', 'sad')",
      'CREATE DOMAIN short_text AS varchar(20)',
      'CREATE TABLE products (id int, name text, code varchar(10), tags text[], doc jsonb, m mood, span int4range, st short_text)',
      'CREATE INDEX idx_name ON products USING btree (name text_ops)',
      'CREATE INDEX idx_code ON products (code pg_catalog.text_ops, id int4_ops DESC)',
      'CREATE INDEX idx_tags ON products USING gin (tags array_ops)',
      'CREATE INDEX idx_doc ON products USING gin (doc jsonb_ops)',
      'CREATE INDEX idx_m ON products USING hash (m enum_ops)',
      'CREATE INDEX idx_span ON products USING gist (span range_ops)',
      'CREATE INDEX idx_st ON products (st text_ops)',
      'CREATE INDEX idx_brin ON products USING brin (id int4_minmax_ops)',
    ],
    seed: "INSERT INTO products VALUES (1, 'a', 'c', '{x}', '{}', 'ok', '[1,2)', 's')",
    seedBack: "INSERT INTO products VALUES (1, 'a', 'c', '{x}', '{}', 'ok', '[1,2)', 's')",
    keepsTables: [{ tables: ['products'], query: 'SELECT id, name FROM products ORDER BY id' }],
  },
  // parse/kinds/nodes.ts (relOptions): a boolean storage parameter written `on` was folded (and so created) `true`;
  // reloptions keep the text as written (`on`, `off`; a bare name `true`) and pg_dump prints it
  // (psqldef's CreateIndexWithMultipleStorageParameters, CreateIndexGenericStorageParameter).
  {
    name: 'hunt-11a: boolean storage parameters written on and off are stored as written',
    old: ['CREATE TABLE events (id int, tags int[], note text)'],
    new: [
      'CREATE TABLE events (id int, tags int[], note text) WITH (autovacuum_enabled = on, fillfactor = 80)',
      'CREATE INDEX events_tags ON events USING gin (tags) WITH (fastupdate = on, gin_pending_list_limit = 128)',
      'CREATE INDEX events_id ON events (id) WITH (deduplicate_items = ON)',
      'CREATE INDEX events_note ON events (note) WITH (deduplicate_items)',
    ],
    seed: "INSERT INTO events VALUES (1, '{1}', 'a')",
    keeps: 'SELECT * FROM events',
    expectedSql: ['SET (autovacuum_enabled=on, fillfactor=80)', 'WITH (fastupdate = on, gin_pending_list_limit = 128)', 'WITH (deduplicate_items = on)', 'WITH (deduplicate_items = true)'],
  },
];
