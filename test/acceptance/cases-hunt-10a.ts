/**
 * Acceptance cases hunted on pgCodeKeeper's diff test fixtures (pgcodekeeper/pgcodekeeper-core,
 * src/test/resources/org/pgcodekeeper/core/it/diff/pg/*_{original,new}.sql, Apache-2.0; h152, hunt 10a): each pair
 * was applied with `schema apply` both ways on PostgreSQL 15, planned again (nothing left) and pg_dump'ed against the
 * database psql loads from the target. Each class of failure is reproduced by one small case of our own that failed
 * before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_10A_CASES: AcceptanceCase[] = [
  // parse/kinds/function.ts (createAggregate), inspect/queries.ts (identityArgsSql), model/aggregate-sql.ts: an
  // ordered-set aggregate (`direct ORDER BY aggregated`, HYPOTHETICAL) was folded as a plain one over all its
  // arguments, so its CREATE lost `ORDER BY` (the state function was then looked up with every argument and the apply
  // failed), while the inspector keyed it `… ORDER BY …` (so it, its GRANTs and REVOKEs were planned again each
  // time); FINALFUNC_MODIFY's default is READ_WRITE for these (READ_ONLY otherwise), and a VARIADIC argument was
  // folded without its VARIADIC (pgCodeKeeper's add_aggregate_privileges, add_aggregate_overloaded).
  {
    name: 'hunt-10a: ordered-set and hypothetical-set aggregates, their grants and defaults',
    old: [
      'CREATE FUNCTION acc2(integer[], double precision, integer) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || $3 $$',
      'CREATE AGGREGATE pick(double precision, integer) (SFUNC = acc2, STYPE = integer[])',
      'CREATE AGGREGATE anyof(VARIADIC "any") (SFUNC = pg_catalog.ordered_set_transition_multi, STYPE = internal, FINALFUNC = pg_catalog.rank_final, FINALFUNC_EXTRA)',
    ],
    new: [
      'CREATE FUNCTION acc(integer[], integer) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || $2 $$',
      'CREATE FUNCTION fin(integer[], double precision) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1[1] $$',
      'CREATE FUNCTION fin0(integer[]) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1[1] $$',
      'CREATE AGGREGATE pick(double precision ORDER BY integer) (SFUNC = acc, STYPE = integer[], FINALFUNC = fin)',
      'CREATE AGGREGATE lowest(ORDER BY integer) (SFUNC = acc, STYPE = integer[], FINALFUNC = fin0, FINALFUNC_MODIFY = READ_ONLY)',
      'CREATE AGGREGATE below(integer ORDER BY integer) (SFUNC = acc, STYPE = integer[], HYPOTHETICAL)',
      'CREATE AGGREGATE anyof(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = pg_catalog.ordered_set_transition_multi, STYPE = internal, FINALFUNC = pg_catalog.rank_final, FINALFUNC_EXTRA, HYPOTHETICAL)',
      'REVOKE EXECUTE ON FUNCTION pick(double precision, integer) FROM PUBLIC',
      'REVOKE EXECUTE ON FUNCTION below(integer, integer) FROM PUBLIC',
      "COMMENT ON AGGREGATE lowest(ORDER BY integer) IS 'smallest first'",
    ],
  },
];
