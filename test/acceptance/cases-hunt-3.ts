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
];
