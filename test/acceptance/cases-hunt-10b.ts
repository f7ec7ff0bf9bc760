/**
 * Acceptance cases hunted on pg-delta's corpus (supabase/pg-toolbelt packages/pg-delta/corpus/<scenario>/{a,b}.sql,
 * MIT; h153, hunt 10b): each scenario's two states were applied with `schema apply` both ways on PostgreSQL 15,
 * planned again (nothing left) and pg_dump'ed against the database psql loads from the target. Each class of failure
 * is reproduced by one small case of our own that failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_10B_CASES: AcceptanceCase[] = [
  // parse/kinds/function.ts (createAggregate): a support function written `pg_catalog.f` (SFUNC, FINALFUNC, …) kept
  // its schema, while the inspector, reading with an empty search_path, gets pg_catalog's functions unqualified, so
  // such an aggregate was replaced on every plan (pg-delta's aggregate-operations--create, --comment, --grant).
  {
    name: 'hunt-10b: an aggregate whose support functions are written pg_catalog-qualified',
    old: ['CREATE SCHEMA agg'],
    new: [
      'CREATE SCHEMA agg',
      "CREATE AGGREGATE agg.gather(text) (SFUNC = pg_catalog.array_append, STYPE = text[], INITCOND = '{}')",
      "CREATE AGGREGATE agg.tally(*) (SFUNC = pg_catalog.int8inc, STYPE = bigint, INITCOND = '0', COMBINEFUNC = pg_catalog.int8pl)",
      "COMMENT ON AGGREGATE agg.tally(*) IS 'rows seen'",
    ],
  },
];
