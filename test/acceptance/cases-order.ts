/**
 * Acceptance cases for the planner's dependency graph (issue #19): objects whose order only the graph of
 * their references gets right, in both directions (created in dependency order, dropped in reverse).
 */
import type { AcceptanceCase } from './harness.js';

export const ORDER_CASES: AcceptanceCase[] = [
  {
    name: 'order: composite type with an attribute of a new table\'s row type, used by another table',
    old: ['CREATE TABLE keep (id int)'],
    new: ['CREATE TABLE keep (id int)', 'CREATE TABLE t (id int, label text)', 'CREATE TYPE c AS (r t, n int)', 'CREATE TABLE u (x c)'],
    seed: 'INSERT INTO keep VALUES (1)',
    keeps: 'SELECT id FROM keep',
  },
  {
    name: 'order: functions taking and returning a view\'s row type',
    old: ['CREATE TABLE t (id int)'],
    new: [
      'CREATE TABLE t (id int)',
      'CREATE VIEW v AS SELECT id FROM t',
      'CREATE FUNCTION ident(x v) RETURNS int LANGUAGE sql AS $$SELECT ($1).id$$',
      'CREATE FUNCTION every_v() RETURNS SETOF v LANGUAGE sql AS $$SELECT * FROM v$$',
    ],
    seed: 'INSERT INTO t VALUES (1)',
    keeps: 'SELECT id FROM t',
  },
  {
    name: 'order: domain over a range over a domain, and a composite over both',
    old: [],
    new: [
      'CREATE DOMAIN a_pos AS int CHECK (VALUE > 0)',
      "CREATE TYPE b_span AS RANGE (subtype = int)",
      'CREATE DOMAIN c_span AS b_span CHECK (NOT isempty(VALUE))',
      'CREATE TYPE a_pair AS (s c_span, p a_pos)',
      'CREATE TABLE t (x a_pair)',
    ],
  },
];
ORDER_CASES.push(
  {
    name: 'order: BEGIN ATOMIC and RETURN functions created with the view and table they read',
    old: [],
    new: [
      'CREATE TABLE t (id int, n int)',
      'CREATE VIEW v AS SELECT id, n FROM t',
      'CREATE FUNCTION a_total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(n) FROM v; END',
      'CREATE FUNCTION a_first() RETURNS int LANGUAGE sql RETURN (SELECT min(n) FROM public.t)',
    ],
  },
  {
    name: 'order: BEGIN ATOMIC function over a view over a view whose table column changes type',
    old: ['CREATE TABLE t (id int, n int)', 'CREATE VIEW v1 AS SELECT id, n FROM t', 'CREATE VIEW v2 AS SELECT n FROM v1', 'CREATE FUNCTION total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(n) FROM v2; END'],
    new: ['CREATE TABLE t (id int, n bigint)', 'CREATE VIEW v1 AS SELECT id, n FROM t', 'CREATE VIEW v2 AS SELECT n FROM v1', 'CREATE FUNCTION total() RETURNS numeric LANGUAGE sql BEGIN ATOMIC SELECT sum(n) FROM v2; END'],
    seed: 'INSERT INTO t VALUES (1, 5)',
    keeps: 'SELECT id, n::int FROM t',
  },
);
ORDER_CASES.push(
  {
    name: 'order: views over a function whose result type changes are dropped before it and restored after',
    old: ['CREATE TABLE t (id int)', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$SELECT 1$$', 'CREATE VIEW v AS SELECT f() AS x, id FROM t', 'CREATE VIEW w AS SELECT x FROM v', "COMMENT ON VIEW w IS 'kept'"],
    new: ['CREATE TABLE t (id int)', 'CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS $$SELECT 1::bigint$$', 'CREATE VIEW v AS SELECT f() AS x, id FROM t', 'CREATE VIEW w AS SELECT x FROM v', "COMMENT ON VIEW w IS 'kept'"],
    seed: 'INSERT INTO t VALUES (1)',
    keeps: 'SELECT id FROM t',
  },
  {
    name: 'order: check constraint and default over a function that is recreated',
    old: ['CREATE FUNCTION pos(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT abs(x)$$', 'CREATE TABLE t (n int DEFAULT pos(-1) CHECK (pos(n) >= 0))'],
    new: ['CREATE FUNCTION pos(x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT abs(x)::bigint$$', 'CREATE TABLE t (n int DEFAULT pos(-1) CHECK (pos(n) >= 0))'],
    seed: 'INSERT INTO t VALUES (3)',
    keeps: 'SELECT n FROM t',
  },
);
ORDER_CASES.push(
  {
    // The graph knows functions by signature: the default reads f(integer, integer) in one state and f(integer) in
    // the other, so the new overload is created before the default moves to it and the old one dropped after.
    name: 'order: a default moves to a new overload of a function while the old overload is dropped',
    old: ['CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a + 1$$', 'CREATE TABLE t (id int, x int DEFAULT f(1))'],
    new: ['CREATE FUNCTION f(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a + b$$', 'CREATE TABLE t (id int, x int DEFAULT f(1, 2))'],
    seed: 'INSERT INTO t (id) VALUES (1)',
    seedBack: 'INSERT INTO t (id) VALUES (1)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id, x FROM t ORDER BY id' }],
  },
  {
    // Overloads of one arity: a cast tells which one a check calls; the other is recreated (its result type
    // changes) without touching the check, and the one the check calls is dropped after the check moves.
    name: 'order: a check calls one of two overloads of the same arity, told apart by a cast; the other is recreated',
    old: [
      'CREATE FUNCTION g(a smallint) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a + 0$$',
      'CREATE FUNCTION g(a date) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT 1$$',
      'CREATE TABLE u (id int, CONSTRAINT small CHECK (g(id::smallint) > 0))',
    ],
    new: [
      'CREATE FUNCTION g(a date) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT 1::bigint$$',
      'CREATE FUNCTION h(a smallint) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a + 0$$',
      'CREATE TABLE u (id int, CONSTRAINT small CHECK (h(id::smallint) > 0))',
    ],
    seed: 'INSERT INTO u VALUES (1)',
    seedBack: 'INSERT INTO u VALUES (1)',
    keepsTables: [{ tables: ['u'], query: 'SELECT id FROM u ORDER BY id' }],
  },
);
ORDER_CASES.push(
  {
    // PostgreSQL refuses to drop a function a generated column's expression calls: the column goes before the
    // function is dropped and is added again after it is created (its values computed again), with its index.
    name: 'order: a generated column over a function that is recreated (its result type changes) is dropped and added again',
    old: [
      'CREATE FUNCTION dbl(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT x * 2$$',
      'CREATE TABLE t (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (dbl(a)) STORED)',
      'CREATE INDEX t_b ON t (b)',
      "COMMENT ON COLUMN t.b IS 'twice a'",
    ],
    new: [
      'CREATE FUNCTION dbl(x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT x::bigint * 2$$',
      'CREATE TABLE t (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (dbl(a)) STORED)',
      'CREATE INDEX t_b ON t (b)',
      "COMMENT ON COLUMN t.b IS 'twice a'",
    ],
    seed: 'INSERT INTO t (id, a) VALUES (1, 2), (2, 5)',
    seedBack: 'INSERT INTO t (id, a) VALUES (1, 2), (2, 5)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id, a, b FROM t ORDER BY id' }],
  },
);
