/**
 * Acceptance cases hunted on PostgreSQL's own pg_dump test (postgres/postgres @ cd3c451,
 * src/bin/pg_dump/t/002_pg_dump.pl, PostgreSQL licence; h181, hunt 13a): the `create_sql` of its %tests, in
 * `create_order`, loaded by psql on PostgreSQL 15 and applied with `schema apply` from an empty database and back,
 * planned again (nothing left) and pg_dump'ed against the psql-loaded database. Each class of failure is
 * reproduced by one small case of our own that failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_13A_CASES: AcceptanceCase[] = [
  // plan/refs.ts (typeDefRefs): a range type's SUBTYPE_OPCLASS named a user operator class, but the range was
  // created before it ("operator class … does not exist for access method btree"; the test's op_class_custom).
  {
    name: 'hunt-13a: a range type over a user operator class',
    old: ['CREATE TABLE keep (id int)'],
    new: [
      'CREATE TABLE keep (id int)',
      'CREATE FUNCTION int4_same(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 = $2 $$',
      'CREATE OPERATOR ~~~ (PROCEDURE = int4_same, LEFTARG = int, RIGHTARG = int)',
      'CREATE OPERATOR CLASS int4_custom_ops FOR TYPE int USING btree AS OPERATOR 3 ~~~, FUNCTION 1 btint4cmp(int, int)',
      'CREATE TYPE int4_custom_range AS RANGE (subtype = int, subtype_opclass = int4_custom_ops)',
      "CREATE TABLE spans (id int, r int4_custom_range)",
    ],
    seed: "INSERT INTO keep VALUES (1)",
  },
  // plan/kinds/operator-class.ts (createOperatorClass): a class without members of its own (`AS STORAGE` its type,
  // its family holding the operators) was written `AS ;`, a syntax error (the test's op_class_empty).
  {
    name: 'hunt-13a: an operator class with no members of its own',
    old: ['CREATE TABLE keep (id int)'],
    new: [
      'CREATE TABLE keep (id int)',
      'CREATE OPERATOR FAMILY int8_fam USING btree',
      'CREATE OPERATOR CLASS int8_empty_ops FOR TYPE bigint USING btree FAMILY int8_fam AS STORAGE bigint',
    ],
    seed: "INSERT INTO keep VALUES (1)",
  },
  // plan/table-sql.ts (parentGenerated): a child declaring a column it also inherits from a generated parent column
  // was created with the parent's `GENERATED ALWAYS AS …` written again, which PostgreSQL before 16 refuses ("child
  // column … specifies generation expression"; the test's test_table_generated_child2).
  {
    name: 'hunt-13a: a child table declaring the generated column it inherits',
    old: ['CREATE TABLE gen_parent (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED)'],
    new: [
      'CREATE TABLE gen_parent (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED)',
      'CREATE TABLE gen_child (a int, b int) INHERITS (gen_parent)',
      'CREATE TABLE gen_child_bare () INHERITS (gen_parent)',
    ],
    seed: 'INSERT INTO gen_parent (a) VALUES (1), (2)',
  },
  // parse/kinds/function.ts (createAggregate), parse/typename.ts (canonicalType): the old CREATE AGGREGATE syntax
  // (`basetype`, `initcond1`, `sfunc1`, `stype1`) lost its argument and initial value, and a built-in array type
  // spelled by its catalog name (`_int8`) was not `bigint[]` (the aggregate was recreated, or failed: "function
  // int4_avg_accum(bigint[]) does not exist"; the test's dump_test.newavg).
  {
    name: 'hunt-13a: aggregates in the old syntax, a state of type _int8',
    old: ['CREATE TABLE keep (id int)'],
    new: [
      'CREATE TABLE keep (id int)',
      "CREATE AGGREGATE newavg (sfunc = int4_avg_accum, basetype = int4, stype = _int8, finalfunc = int8_avg, finalfunc_modify = shareable, initcond1 = '{0,0}')",
      "CREATE AGGREGATE anycount (sfunc1 = int8inc, basetype = \"any\", stype1 = int8, initcond1 = '0')",
      'CREATE TABLE arrays (a _int8, b pg_catalog._text, c _float8)',
    ],
    seed: 'INSERT INTO keep VALUES (1)',
  },
  // parse/kinds/function.ts (createFunction): a C function's `AS 'file', 'symbol'` kept the file as its body where
  // PostgreSQL's prosrc is the symbol, so every plan replaced it again (the test's pltestlang_call_handler).
  {
    name: 'hunt-13a: a C function named by its file and link symbol',
    old: ['CREATE TABLE keep (id int)'],
    new: [
      'CREATE TABLE keep (id int)',
      "CREATE FUNCTION my_call_handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C",
    ],
    seed: 'INSERT INTO keep VALUES (1)',
  },
  // parse/kinds/operator-class.ts (REQUIRED_PROCS): a btree or hash class's optional support functions (sortsupport,
  // equalimage; extended hash) belong to its family, as btadjustmembers / hashadjustmembers tie them; the fold kept
  // them in the class, so every plan recreated the family and its classes (the test's dump_test.op_class).
  {
    name: 'hunt-13a: btree and hash classes with optional support functions',
    old: ['CREATE TABLE keep (id bigint)'],
    new: [
      'CREATE TABLE keep (id bigint)',
      'CREATE OPERATOR FAMILY int8_fam2 USING btree',
      'CREATE OPERATOR CLASS int8_full_ops FOR TYPE bigint USING btree FAMILY int8_fam2 AS OPERATOR 1 <(bigint,bigint), OPERATOR 2 <=(bigint,bigint), OPERATOR 3 =(bigint,bigint), OPERATOR 4 >=(bigint,bigint), OPERATOR 5 >(bigint,bigint), FUNCTION 1 btint8cmp(bigint,bigint), FUNCTION 2 btint8sortsupport(internal), FUNCTION 4 btequalimage(oid)',
      'CREATE OPERATOR CLASS int8_hash_ops FOR TYPE bigint USING hash AS OPERATOR 1 =(bigint,bigint), FUNCTION 1 hashint8(bigint), FUNCTION 2 hashint8extended(bigint,bigint)',
      'CREATE INDEX keep_id ON keep (id int8_full_ops)',
    ],
    seed: 'INSERT INTO keep VALUES (1)',
  },
  // parse/kinds/cast.ts (createCast): a cast WITH FUNCTION one of PostgreSQL's own (the test's `age(timestamptz)`) was
  // refused natively ("function age does not exist": the fold looked among the file's functions only); regprocedure
  // prints it unqualified.
  {
    name: "hunt-13a: a cast with one of PostgreSQL's own functions, and one with the file's",
    old: ['CREATE TABLE keep (id int)'],
    new: [
      'CREATE TABLE keep (id int)',
      'CREATE CAST (timestamptz AS interval) WITH FUNCTION age(timestamptz)',
      'CREATE FUNCTION to_point(int) RETURNS point LANGUAGE sql IMMUTABLE AS $$ SELECT point($1, $1) $$',
      'CREATE CAST (int AS point) WITH FUNCTION to_point(int)',
    ],
    seed: 'INSERT INTO keep VALUES (1)',
    planTwice: true,
  },
  // COMMENT ON COLUMN of a composite type's attribute (pg_dump writes them; the test's dump_test.composite): the fold
  // refused it ("relation … does not exist") and the Model had no place for it. Now CompositeType.attributeComments:
  // folded, read from pg_description, compared, planned (with the type, in place, after ALTER TYPE … ADD ATTRIBUTE,
  // gone with a dropped attribute, kept by a renamed one and a recreated type).
  {
    name: "hunt-13a: comments on a composite type's attributes set, changed, dropped with the attribute and kept by a rebuild",
    old: [
      'CREATE TYPE pair AS (a int, b text, c int)',
      "COMMENT ON COLUMN pair.a IS 'first'",
      "COMMENT ON COLUMN pair.c IS 'goes'",
      'CREATE TYPE spec AS (n int, note text)',
      "COMMENT ON COLUMN spec.n IS 'number'",
      'CREATE TABLE keep (id int, p pair)',
    ],
    new: [
      'CREATE TYPE pair AS (a int, b text, d date)',
      "COMMENT ON COLUMN pair.a IS 'the first'",
      "COMMENT ON COLUMN pair.b IS 'second'",
      "COMMENT ON COLUMN pair.d IS 'added'",
      'CREATE TYPE spec AS (n bigint, note text)',
      "COMMENT ON COLUMN spec.n IS 'number'",
      'CREATE TYPE fresh AS (x int)',
      "COMMENT ON COLUMN fresh.x IS 'new type'",
      'CREATE TABLE keep (id int, p pair)',
    ],
    seed: "INSERT INTO keep VALUES (1, ROW(1, 'x', 2))",
    seedBack: "INSERT INTO keep VALUES (2, ROW(2, 'y', '2024-01-01'))",
    keepsTables: [{ tables: ['keep'], query: 'SELECT id, (p).a, (p).b FROM keep ORDER BY id' }],
    planTwice: true,
  },
  {
    name: "hunt-13a: a composite type's attribute renamed and one dropped in the file keep and lose their comments",
    old: ['CREATE TABLE keep (id int)'],
    new: [
      'CREATE TABLE keep (id int)',
      'CREATE TYPE pair AS (a int, b text)',
      "COMMENT ON COLUMN pair.a IS 'first'",
      "COMMENT ON COLUMN pair.b IS 'second'",
      'ALTER TYPE pair RENAME ATTRIBUTE a TO z',
      'ALTER TYPE pair DROP ATTRIBUTE b',
    ],
    seed: 'INSERT INTO keep VALUES (1)',
  },
];
