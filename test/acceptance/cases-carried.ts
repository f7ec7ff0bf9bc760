/**
 * Acceptance cases of the carried kinds (issue #27): objects kept as a whole, created after what they use
 * and dropped before it, recreated when they differ. User-defined operators first.
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
];
