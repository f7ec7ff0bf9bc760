/**
 * Acceptance cases of the carried kinds (issue #27): objects kept as a whole, created after what they use
 * and dropped before it, recreated when they differ. User-defined operators first, then operator classes and families.
 */
import type { AcceptanceCase } from './harness.js';

const opBase = [
  'CREATE FUNCTION int_eq(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b $$',
  'CREATE FUNCTION int_ne(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a <> b $$',
  'CREATE FUNCTION int_neg(a integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT -a $$',
  'CREATE TABLE t (id int, v int)',
];
const ops = [
  'CREATE OPERATOR === (FUNCTION = int_eq, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = ===, NEGATOR = !==, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES)',
  'CREATE OPERATOR !== (FUNCTION = int_ne, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = !==, NEGATOR = ===, RESTRICT = neqsel, JOIN = neqjoinsel)',
  'CREATE OPERATOR ## (RIGHTARG = integer, FUNCTION = int_neg)',
  "COMMENT ON OPERATOR === (integer, integer) IS 'same value'",
];

const opClassBase = [
  ...opBase.filter((s) => !s.includes('int_neg')),
  'CREATE OPERATOR === (FUNCTION = int_eq, LEFTARG = integer, RIGHTARG = integer)',
  'CREATE FUNCTION int_hash(a integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT a $$',
];
const opClasses = [
  'CREATE OPERATOR FAMILY int4_alt_ops USING btree',
  "COMMENT ON OPERATOR FAMILY int4_alt_ops USING btree IS 'alternative integer order'",
  'CREATE OPERATOR CLASS int4_alt_ops FOR TYPE integer USING btree AS OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(integer, integer)',
  'ALTER OPERATOR FAMILY int4_alt_ops USING btree ADD OPERATOR 1 < (integer, bigint), FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint)',
  'CREATE OPERATOR CLASS eq_ops FOR TYPE integer USING hash AS OPERATOR 1 ===, FUNCTION 1 int_hash(integer)',
  "COMMENT ON OPERATOR CLASS eq_ops USING hash IS 'by a user hash'",
];

export const CARRIED_CASES: AcceptanceCase[] = [
  {
    name: 'carried: operators (binary with commutator, negator, estimators, HASHES/MERGES; prefix), commented, a view using one',
    old: opBase,
    new: [...opBase, ...ops, 'CREATE VIEW same AS SELECT id FROM t WHERE id === v AND ## v < 0'],
    seed: 'INSERT INTO t VALUES (1, 1), (2, 3)',
    keeps: 'SELECT * FROM t ORDER BY id',
    expectedSql: ['CREATE OPERATOR public.=== (FUNCTION = public.int_eq, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(public.===), NEGATOR = OPERATOR(public.!==), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES)'],
  },
  {
    name: 'carried: an operator whose function and comment change is recreated; one removed with its function',
    old: [...opBase, ...ops],
    new: [
      ...opBase.filter((s) => !s.includes('int_neg')),
      'CREATE FUNCTION int_eq2(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a IS NOT DISTINCT FROM b $$',
      ...ops.filter((s) => !s.includes('##')).map((s) => s.replace('FUNCTION = int_eq,', 'FUNCTION = int_eq2,').replace("'same value'", "'same value, nulls too'")),
    ],
    seed: 'INSERT INTO t VALUES (1, 1)',
    keeps: 'SELECT * FROM t',
    expectedSql: ['DROP OPERATOR public.## (NONE, integer)', 'DROP OPERATOR public.=== (integer, integer)', 'CREATE OPERATOR public.=== (FUNCTION = public.int_eq2,', "COMMENT ON OPERATOR public.=== (integer, integer) IS 'same value, nulls too'"],
  },
  {
    name: 'carried: operator classes and families (btree over built-ins, hash over a user operator and function, a family with a cross-type member), commented, an index using one',
    old: opClassBase,
    new: [...opClassBase, ...opClasses, 'CREATE INDEX t_alt ON t (v int4_alt_ops)'],
    seed: 'INSERT INTO t VALUES (1, 1), (2, 3)',
    keeps: 'SELECT * FROM t ORDER BY id',
    expectedSql: ['CREATE OPERATOR FAMILY public.int4_alt_ops USING btree', 'CREATE OPERATOR CLASS public.eq_ops FOR TYPE integer USING hash FAMILY public.eq_ops AS OPERATOR 1 public.===(integer,integer), FUNCTION 1 (integer, integer) public.int_hash(integer)'],
  },
  {
    name: 'carried: an operator class whose members change and a family whose comment changes are recreated; a family removed with its class',
    old: [...opClassBase, ...opClasses],
    new: [
      ...opClassBase,
      ...opClasses.filter((s) => !s.includes('eq_ops')).map((s) => s.replace(', OPERATOR 5 >,', ', OPERATOR 5 >, FUNCTION 4 btequalimage(oid),').replace("'alternative integer order'", "'alternative integer order, v2'")),
    ],
    seed: 'INSERT INTO t VALUES (1, 1)',
    keeps: 'SELECT * FROM t',
    expectedSql: ['DROP OPERATOR CLASS public.eq_ops USING hash', 'DROP OPERATOR FAMILY public.eq_ops USING hash', "COMMENT ON OPERATOR FAMILY public.int4_alt_ops USING btree IS 'alternative integer order, v2'"],
  },
];
