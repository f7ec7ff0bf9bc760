/**
 * Acceptance cases hunted on real-world schema files Meridian had not seen (issue #27, second hunt: Rails/Ecto
 * structure.sql, Go and Java services' schema files and migrations). Each reproduces a class of failure found
 * there and fixed in src/ (named in the case's comment). Most are classes of the native fold (parse(S) ≠
 * inspect(S)), so besides the acceptance suite (both directions on the inspected states) they run in
 * test/parse/roundtrip.test.ts, which compares the fold with the inspected database and fails without the fix.
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT2_CASES: AcceptanceCase[] = [
  // A column's `DEFAULT NULL` is stored by PostgreSQL when its cooked form is not a bare NULL constant: a type
  // with a modifier (the length coercion wraps it), a domain, or a cast to another type. The fold dropped every
  // DEFAULT NULL, so a schema file with `varchar(256) DEFAULT NULL` (Apache Guacamole) was created without the
  // default pg_dump shows (`DEFAULT NULL::character varying`). Fix: parse/kinds/null-default.ts.
  {
    name: 'hunt2: DEFAULT NULL kept where PostgreSQL stores it (typmod, domain, other type) and dropped where it does not',
    old: [
      'CREATE DOMAIN hunt2_label AS text',
      'CREATE TABLE t (id int PRIMARY KEY, a varchar(20), b bigint, c numeric(10,2), d hunt2_label, e text, f timestamp(3) without time zone)',
    ],
    new: [
      'CREATE DOMAIN hunt2_label AS text',
      'CREATE TABLE t (id int PRIMARY KEY, a varchar(20) DEFAULT NULL, b bigint DEFAULT NULL::integer, c numeric(10,2) DEFAULT NULL, d hunt2_label DEFAULT NULL, e text DEFAULT NULL::text, f timestamp(3) without time zone DEFAULT NULL)',
    ],
    seed: "INSERT INTO t VALUES (1, 'x', 2, 3.5, 'y', 'z', '2020-01-01')",
    seedBack: "INSERT INTO t (id) VALUES (1)",
    keepsTables: [{ tables: ['t'], query: 'SELECT id, a, b::int, c::text, d::text, e, f::text FROM t ORDER BY id' }],
  },
  // An unnamed `CREATE UNIQUE INDEX ON t (c)` is named t_c_idx by PostgreSQL (only a UNIQUE constraint's index
  // is t_c_key). The fold named it t_c_key, so River's river_migration table came out with another index name.
  // Fix: parse/kinds/indexes.ts (the suffix follows isconstraint, not unique).
  {
    name: 'hunt2: unnamed CREATE UNIQUE INDEX is named _idx, next to a UNIQUE constraint named _key',
    old: ['CREATE TABLE t (id int PRIMARY KEY, v int, w int)'],
    new: ['CREATE TABLE t (id int PRIMARY KEY, v int, w int, UNIQUE (w))', 'CREATE UNIQUE INDEX ON t USING btree (v)', 'CREATE UNIQUE INDEX ON t (lower(w::text))'],
    seed: 'INSERT INTO t VALUES (1, 1, 1), (2, 2, 2)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id, v, w FROM t ORDER BY id' }],
  },
  // Key constraints over the same columns (a UNIQUE over the primary key's columns, two identical UNIQUEs; pgAdmin's
  // schema-diff fixture has both on table_for_constraints): PostgreSQL builds one index for them inside one CREATE
  // TABLE and drops the others without a word (an unnamed survivor takes the first duplicate's name). The planner
  // wrote them all inside CREATE TABLE (the duplicates were lost, re-plan not empty), and the fold kept them all.
  // Fix: model/key-merge.ts (duplicates added after the table: diff/index.ts, plan/table-sql.ts), parse/kinds/key-merge.ts.
  {
    name: 'hunt2: UNIQUE constraints duplicating the primary key or each other, on a new table',
    old: ['CREATE TABLE other (id int)'],
    new: [
      'CREATE TABLE t (id int NOT NULL, v int, w int)',
      'ALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (id)',
      'ALTER TABLE ONLY t ADD CONSTRAINT "unique" UNIQUE (id)',
      'ALTER TABLE ONLY t ADD CONSTRAINT v_a UNIQUE (v)',
      'ALTER TABLE ONLY t ADD CONSTRAINT v_b UNIQUE (v)',
      "COMMENT ON CONSTRAINT \"unique\" ON t IS 'kept'",
      'CREATE TABLE t2 (id int UNIQUE, w int, CONSTRAINT named UNIQUE (w), PRIMARY KEY (w))',
      'CREATE TABLE other (id int)',
    ],
    seedBack: 'INSERT INTO t VALUES (1, 1, 1), (2, 2, 2); INSERT INTO t2 VALUES (1, 1)',
  },
];
