/**
 * Acceptance cases hunted on pgschema's diff fixtures (pgplex/pgschema testdata/diff, Apache-2.0; h133, issue #27
 * hunt 8): each pair was applied with `schema apply` both ways on PostgreSQL 15, planned again (nothing left) and
 * pg_dump'ed against the database psql loads from the target file. Each class of failure is reproduced by one
 * small case of our own that failed before its fix in src/ (named in the case's comment). Facts only are taken
 * from those files.
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_8_CASES: AcceptanceCase[] = [
  // parse/kinds/function.ts (createAggregate), inspect/index.ts + queries.ts (Q_AGGREGATES): an aggregate's
  // moving-aggregate group (MSFUNC, MINVFUNC, MSTYPE, MINITCOND, …), SSPACE, FINALFUNC_MODIFY and PARALLEL were
  // read by neither side, so the plan created the aggregate without them and no later plan saw the difference
  // (pgschema's create_aggregate_add_aggregate_options). diff/index.ts (replaceable): a changed aggregate was
  // planned as a second CREATE AGGREGATE of the same signature (it has no OR REPLACE): now dropped and created.
  {
    name: 'hunt-8: aggregate with moving-aggregate options, SSPACE, FINALFUNC_MODIFY and PARALLEL',
    old: [
      'CREATE FUNCTION n_add(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 + $2 $$',
      'CREATE FUNCTION n_sub(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 - $2 $$',
      'CREATE FUNCTION n_fin(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT $1 * 2 $$',
      "CREATE AGGREGATE plain_sum(numeric) (SFUNC = n_add, STYPE = numeric, INITCOND = '0')",
    ],
    new: [
      'CREATE FUNCTION n_add(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 + $2 $$',
      'CREATE FUNCTION n_sub(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 - $2 $$',
      'CREATE FUNCTION n_fin(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT $1 * 2 $$',
      "CREATE AGGREGATE plain_sum(numeric) (SFUNC = n_add, STYPE = numeric, INITCOND = '1', PARALLEL = restricted)",
      'CREATE AGGREGATE moving_sum(numeric) (SFUNC = n_add, STYPE = numeric, SSPACE = 64, FINALFUNC = n_fin, FINALFUNC_MODIFY = READ_WRITE, ' +
        "COMBINEFUNC = n_add, INITCOND = '0', MSFUNC = n_add, MINVFUNC = n_sub, MSTYPE = numeric, MFINALFUNC = n_fin, MINITCOND = '0', PARALLEL = SAFE)",
    ],
  },
];
