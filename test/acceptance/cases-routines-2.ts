/**
 * Routines whose parameter names, defaults or modes change in a way `CREATE OR REPLACE` refuses (a renamed input
 * parameter, a removed default, an OUT parameter added): the old routine is dropped, then the new one created, and
 * what PostgreSQL records as calling it comes and goes around it. Found by hunt 10a on pgCodeKeeper's diff fixtures
 * (pgcodekeeper/pgcodekeeper-core, src/test/resources/org/pgcodekeeper/core/it/diff/pg, Apache-2.0; h156); the DDL
 * here is our own.
 */
import type { AcceptanceCase } from './harness.js';

export const ROUTINES_2_CASES: AcceptanceCase[] = [
  // parse/kinds/function.ts (routineType): an argument written `bpchar` (bare, or with a length PostgreSQL drops)
  // was keyed `bpchar` by the fold but `character` by the catalog, so a renamed parameter was planned as a new
  // routine created (CREATE OR REPLACE) before the old one was dropped: "cannot change name of input parameter".
  {
    name: 'routines-2: a bpchar parameter renamed or its default removed is dropped before it is created',
    old: [
      'CREATE FUNCTION pad(a bpchar, n int DEFAULT 2) RETURNS bpchar LANGUAGE sql AS $$ SELECT a $$',
      "CREATE PROCEDURE put(a bpchar(3), b text DEFAULT 'x') LANGUAGE sql AS $$ SELECT 1 $$",
      'CREATE FUNCTION codes(a bpchar[]) RETURNS TABLE(c bpchar) LANGUAGE sql AS $$ SELECT unnest(a) $$',
      'CREATE FUNCTION same(a bpchar) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'REVOKE EXECUTE ON FUNCTION same(bpchar) FROM PUBLIC',
      "COMMENT ON FUNCTION same(bpchar) IS 'kept'",
    ],
    new: [
      'CREATE FUNCTION pad(x bpchar, n int) RETURNS bpchar LANGUAGE sql AS $$ SELECT x $$',
      'CREATE PROCEDURE put(x bpchar, y text) LANGUAGE sql AS $$ SELECT 1 $$',
      'CREATE FUNCTION codes(list bpchar[]) RETURNS TABLE(c bpchar) LANGUAGE sql AS $$ SELECT unnest(list) $$',
      'CREATE FUNCTION same(a bpchar) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'REVOKE EXECUTE ON FUNCTION same(bpchar) FROM PUBLIC',
      "COMMENT ON FUNCTION same(bpchar) IS 'kept'",
    ],
    expectedHazards: ['BREAKS_DEPENDANTS'],
  },
  // plan/dependants.ts (recreateCallers): a function dropped and created again (a parameter renamed, a default
  // removed, an OUT parameter added) could not be dropped while a SQL-standard body (BEGIN ATOMIC, RETURN) or an
  // argument default called it: "cannot drop function … because other objects depend on it". The callers are now
  // dropped before it and created after, and their callers in turn.
  {
    name: 'routines-2: SQL-standard bodies and argument defaults that call a recreated routine go and come back',
    old: [
      'CREATE FUNCTION base(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$',
      'CREATE FUNCTION twice(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * a $$',
      'CREATE FUNCTION shape(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$',
      'CREATE FUNCTION calls_base(n int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT base(n, 2); END',
      'CREATE FUNCTION calls_calls(n int) RETURNS int LANGUAGE sql RETURN calls_base(n) + 1',
      'CREATE FUNCTION with_default(n int DEFAULT twice(3)) RETURNS int LANGUAGE sql AS $$ SELECT n $$',
      'CREATE PROCEDURE uses_shape(n int) LANGUAGE sql BEGIN ATOMIC SELECT shape(n); END',
      "COMMENT ON FUNCTION calls_base(int) IS 'comes back'",
    ],
    new: [
      'CREATE FUNCTION base(x int, y int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + y $$',
      'CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * x $$',
      'CREATE FUNCTION shape(a int, OUT r int) LANGUAGE sql AS $$ SELECT a $$',
      'CREATE FUNCTION calls_base(n int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT base(n, 2); END',
      'CREATE FUNCTION calls_calls(n int) RETURNS int LANGUAGE sql RETURN calls_base(n) + 1',
      'CREATE FUNCTION with_default(n int DEFAULT twice(3)) RETURNS int LANGUAGE sql AS $$ SELECT n $$',
      'CREATE PROCEDURE uses_shape(n int) LANGUAGE sql BEGIN ATOMIC SELECT shape(n); END',
      "COMMENT ON FUNCTION calls_base(int) IS 'comes back'",
    ],
    expectedHazards: ['BREAKS_DEPENDANTS'],
  },
  // parse/kinds/percent-type.ts: `rel.col%TYPE` in a routine's signature (pgCodeKeeper's and pg_dump-era schemas)
  // was deparsed without its %TYPE (`x t.id`, read as a type "id" of schema "t": the CREATE failed) and keyed by the
  // column's name; PostgreSQL resolves it to the column's type when the routine is created and keeps no link.
  {
    name: 'routines 2: %TYPE parameters and result resolved to the columns\' types, with a comment by that signature',
    old: ['CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(120), opened timestamp(3))'],
    new: [
      'CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(120), opened timestamp(3))',
      'CREATE FUNCTION email_of(account accounts.id%TYPE) RETURNS public.accounts.email%TYPE LANGUAGE sql STABLE AS $$ SELECT email FROM accounts WHERE id = account $$',
      "COMMENT ON FUNCTION email_of(accounts.id%TYPE) IS 'by id'",
    ],
    seed: "INSERT INTO accounts VALUES (1, 'a@example.com', '2024-01-01')",
    keeps: 'SELECT * FROM accounts',
    expectedSql: ['CREATE OR REPLACE FUNCTION public.email_of(account bigint)', 'COMMENT ON FUNCTION "public"."email_of"(account bigint) IS \'by id\''],
  },
];
