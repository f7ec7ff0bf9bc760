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
  // parse/typename.ts (intervalType): an interval's fields and precision (`interval hour to minute`, `interval(3)`,
  // `interval minute to second(2)`) were dropped by the fold, so every such column was planned back to a bare
  // interval (dropped and added, its values lost) on each plan (pgCodeKeeper's add_foreign_table).
  {
    name: 'hunt-10a: interval columns with fields and precision',
    old: ['CREATE TABLE spans (id int PRIMARY KEY, a interval)'],
    new: [
      'CREATE TABLE spans (id int PRIMARY KEY, a interval hour to minute, b interval(3), c interval minute to second(2), d interval month, ' +
        'e interval day[], f interval year to month)',
    ],
    seed: "INSERT INTO spans (id, a) VALUES (1, '2 hours 5 minutes')",
    seedBack: "INSERT INTO spans (id, a, b) VALUES (1, '02:05', '1.5 seconds')",
    keepsTables: [{ tables: ['spans'], query: 'SELECT id, a FROM spans ORDER BY id' }],
  },
  // parse/kinds/function.ts (supportAsName): the deparser printed a schema-qualified support function as a list,
  // `SUPPORT tools, len_support`, a syntax error, so creating such a function failed (pgCodeKeeper's
  // add_function_with_support_function).
  {
    name: 'hunt-10a: a function whose SUPPORT function is schema-qualified',
    old: ['CREATE SCHEMA tools', "CREATE FUNCTION tools.len_support(internal) RETURNS internal LANGUAGE internal STRICT AS 'textlike_support'"],
    new: [
      'CREATE SCHEMA tools',
      "CREATE FUNCTION tools.len_support(internal) RETURNS internal LANGUAGE internal STRICT AS 'textlike_support'",
      'CREATE FUNCTION short_name(s text) RETURNS boolean LANGUAGE sql IMMUTABLE SUPPORT tools.len_support AS $$ SELECT length(s) < 8 $$',
    ],
  },
  // model/types.ts (DomainType.checks[].comment), inspect/queries.ts, parse/kinds/comment.ts, plan/kinds/type-alter.ts:
  // comments on a domain's constraints (COMMENT ON CONSTRAINT … ON DOMAIN) were neither read nor planned, so they
  // were never set, changed or removed (pgCodeKeeper's alter_domain_with_constraints).
  {
    name: 'hunt-10a: comments on domain constraints',
    old: [
      'CREATE DOMAIN small AS integer CONSTRAINT small_pos CHECK (VALUE > 0) CONSTRAINT small_max CHECK (VALUE < 100)',
      "COMMENT ON CONSTRAINT small_pos ON DOMAIN small IS 'positive'",
      "COMMENT ON CONSTRAINT small_max ON DOMAIN small IS 'below 100'",
      'CREATE TABLE counts (id int PRIMARY KEY, n small)',
    ],
    new: [
      'CREATE DOMAIN small AS integer CONSTRAINT small_pos CHECK (VALUE > 0) CONSTRAINT small_max CHECK (VALUE < 50) CONSTRAINT small_odd CHECK (VALUE % 2 = 1)',
      "COMMENT ON CONSTRAINT small_max ON DOMAIN small IS 'below 50'",
      "COMMENT ON CONSTRAINT small_odd ON DOMAIN small IS 'odd only'",
      'CREATE TABLE counts (id int PRIMARY KEY, n small)',
      'CREATE DOMAIN tiny AS smallint CONSTRAINT tiny_pos CHECK (VALUE >= 0)',
      "COMMENT ON CONSTRAINT tiny_pos ON DOMAIN tiny IS 'not negative'",
    ],
    seed: 'INSERT INTO counts VALUES (1, 7)',
    seedBack: 'INSERT INTO counts VALUES (1, 7)',
    keepsTables: [{ tables: ['counts'], query: 'SELECT * FROM counts ORDER BY id' }],
  },
  // diff/index.ts (`retyped`), plan/alter-column.ts (descendants): a column retyped on a parent reaches its
  // children and partitions, each holding a default of its own, which PostgreSQL then fails to convert ("default for
  // column … cannot be cast automatically"): their defaults are dropped before the parent's ALTER TYPE and set again
  // after (pgCodeKeeper's modify_col_type_in_inherited_tbl, modify_col_type_in_partitioned_tbl).
  {
    name: 'hunt-10a: a column retyped on a parent whose children and partitions have defaults of their own',
    old: [
      "CREATE TABLE city (name text, note text DEFAULT 'none')",
      'CREATE TABLE capital (state char(2)) INHERITS (city)',
      "ALTER TABLE ONLY capital ALTER COLUMN note SET DEFAULT 'capital'",
      'CREATE TABLE megacity (area int) INHERITS (capital)',
      "CREATE TABLE sales (day date NOT NULL, units text DEFAULT '0') PARTITION BY RANGE (day)",
      "CREATE TABLE sales_2024 PARTITION OF sales FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      "ALTER TABLE ONLY sales_2024 ALTER COLUMN units SET DEFAULT '1'",
    ],
    new: [
      'CREATE TABLE city (name text, note integer DEFAULT 0)',
      'CREATE TABLE capital (state char(2)) INHERITS (city)',
      'ALTER TABLE ONLY capital ALTER COLUMN note SET DEFAULT 1',
      'CREATE TABLE megacity (area int) INHERITS (capital)',
      'CREATE TABLE sales (day date NOT NULL, units integer DEFAULT 0) PARTITION BY RANGE (day)',
      "CREATE TABLE sales_2024 PARTITION OF sales FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      'ALTER TABLE ONLY sales_2024 ALTER COLUMN units SET DEFAULT 1',
    ],
    expectedHazards: ['TABLE_REWRITE', 'ACCESS_EXCLUSIVE_LOCK', 'DATA_DEPENDENT'],
  },
  // model/types.ts (Identity.unlogged), inspect/queries.ts, parse/kinds/sequence.ts + column.ts, plan/table-sql.ts +
  // alter-column.ts + edges.ts (`persistence`): an identity sequence whose persistence is not its table's
  // (`ALTER SEQUENCE t_id_seq SET UNLOGGED` on a logged table; `AS IDENTITY (LOGGED)` on an unlogged one, as pg_dump
  // writes it) was neither read nor folded: the plan created it with its table's persistence and pg_dump differed
  // (pgCodeKeeper's alter_identity_unlogged pairs). Set after the table's own SET LOGGED | UNLOGGED, which carries the
  // owned sequences along.
  {
    name: 'hunt-10a: an identity sequence made unlogged on a logged table, and a logged one added to a table made unlogged',
    old: [
      'CREATE TABLE jobs (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title text)',
      'CREATE TABLE runs (id int GENERATED ALWAYS AS IDENTITY, note text)',
    ],
    new: [
      'CREATE TABLE jobs (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title text)',
      'ALTER SEQUENCE jobs_id_seq SET UNLOGGED',
      'CREATE UNLOGGED TABLE runs (id int GENERATED ALWAYS AS IDENTITY (LOGGED), note text, step int GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME runs_steps LOGGED START WITH 10))',
    ],
    seed: "INSERT INTO jobs (title) VALUES ('a'), ('b'); INSERT INTO runs (note) VALUES ('x')",
    keeps: 'SELECT * FROM jobs ORDER BY id',
    expectedSql: ['ALTER SEQUENCE "public"."jobs_id_seq" SET UNLOGGED', 'ALTER TABLE "public"."runs" SET UNLOGGED', 'ALTER SEQUENCE "public"."runs_id_seq" SET LOGGED'],
  },
];

