/**
 * Acceptance cases hunted on other schema-diff tools' own test fixtures (migra's tests/FIXTURES, pg-schema-diff's
 * internal/migration_acceptance_tests, sqldef's psqldef YAML cases), used as oracles: each old/new pair was run in
 * both directions on PGlite and PostgreSQL, and each class of failure is reproduced here by one minimal case that
 * failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_3_CASES: AcceptanceCase[] = [
  // plan/edges.ts (create_function, bodyRefs): a function replaced in place keeps its old SQL-standard body's
  // dependencies until replaced, so a function only the old body calls is dropped after the replacement;
  // a SQL-standard body's calls are created first. (pg-schema-diff: "Alter a function's dependencies".)
  {
    name: 'hunt-3: SQL-standard function body stops calling a function, which is dropped',
    old: [
      'CREATE TABLE t (id int)',
      'CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a + b',
      'CREATE FUNCTION "increment func"(i integer) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN i + 1; END $$',
      'CREATE FUNCTION g(a integer, b integer) RETURNS integer LANGUAGE sql STABLE BEGIN ATOMIC SELECT add(a, b) + "increment func"(a); END',
    ],
    new: [
      'CREATE TABLE t (id int)',
      'CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a + b',
      'CREATE FUNCTION g(a integer, b integer) RETURNS integer LANGUAGE sql STABLE BEGIN ATOMIC SELECT add(a, b); END',
    ],
    seed: 'INSERT INTO t VALUES (1), (2)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id FROM t ORDER BY id' }],
  },
  // plan/alter-column.ts (isEnum): a column retyped to or from an enum goes through text (`USING c::text::t`):
  // PostgreSQL has no cast between two enums. (migra: enumdefaults; sqldef: ChangeColumnTypeFromEnumToDifferentEnum,
  // RenameEnumTypeWithReferencingColumns, RenameEnumTypeWithSchemaQualifiedColumn.)
  {
    name: 'hunt-3: column retyped from one enum to another, with a default and an enum array column',
    old: [
      'CREATE SCHEMA other',
      "CREATE TYPE other.old_status AS ENUM ('pending', 'done')",
      "CREATE TABLE items (id int, status other.old_status NOT NULL DEFAULT 'pending', history other.old_status[])",
    ],
    new: [
      'CREATE SCHEMA other',
      "CREATE TYPE public.new_status AS ENUM ('pending', 'done', 'failed')",
      "CREATE TABLE items (id int, status public.new_status NOT NULL DEFAULT 'done', history public.new_status[])",
    ],
    seed: "INSERT INTO items VALUES (1, 'pending', '{pending,done}'), (2, 'done', NULL)",
    seedBack: "INSERT INTO items VALUES (1, 'pending', '{done}'), (2, 'done', '{}')",
    keepsTables: [{ tables: ['items'], query: 'SELECT id, status::text, history::text FROM items ORDER BY id' }],
  },
  // plan/index.ts (add_column): an identity column added to a table with rows rewrites it (each row takes a value of
  // the sequence): TABLE_REWRITE. (pg-schema-diff: "Add identity column - …"; sqldef: AddNewIdentityColumnWithSequence.)
  {
    name: 'hunt-3: identity column added to a table with rows, with sequence options',
    old: ['CREATE TABLE foobar (id int PRIMARY KEY)'],
    new: ['CREATE TABLE foobar (id int PRIMARY KEY, n bigint GENERATED ALWAYS AS IDENTITY (MINVALUE 2 MAXVALUE 900 START 3 INCREMENT 4 CACHE 5 NO CYCLE))'],
    seed: 'INSERT INTO foobar VALUES (1), (2)',
    expectedHazards: ['TABLE_REWRITE'],
    keepsTables: [{ tables: ['foobar'], query: 'SELECT id FROM foobar ORDER BY id' }],
  },
];
