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
  // parse/kinds/function.ts (createAggregate), model/aggregate-sql.ts (functionArgs): an ordered-set aggregate
  // (`f(a ORDER BY b)`) lost its ORDER BY, so it was planned as a plain aggregate of all its arguments (which
  // PostgreSQL refused: no transition function of that many arguments), and its comment and privileges were written
  // `ON FUNCTION f(a ORDER BY b)`, a syntax error (pg-delta's aggregate-operations--ordered-set-comment,
  // --ordered-set-create-grant).
  {
    name: 'hunt-10b: ordered-set aggregates with a comment and a revoked privilege',
    old: ['CREATE FUNCTION keep_last(s anyelement, v anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$ SELECT v $$'],
    new: [
      'CREATE FUNCTION keep_last(s anyelement, v anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$ SELECT v $$',
      'CREATE AGGREGATE last_by(anyelement ORDER BY anyelement) (SFUNC = keep_last, STYPE = anyelement)',
      "COMMENT ON AGGREGATE last_by(anyelement ORDER BY anyelement) IS 'the last value in the given order'",
      'CREATE AGGREGATE first_in(ORDER BY anyelement) (SFUNC = keep_last, STYPE = anyelement)',
      'REVOKE EXECUTE ON FUNCTION first_in(anyelement) FROM PUBLIC',
    ],
  },
  // parse/normalize.ts (expr: InsertStmt/UpdateStmt/DeleteStmt), parse/qualify.ts: the INSERT / UPDATE / DELETE
  // statements of a SQL-standard body (BEGIN ATOMIC) kept their bare columns and an unqualified target, while
  // PostgreSQL prints both qualified, so such a function was replaced on every plan (pg-delta's
  // function-ops--begin-atomic-replacement).
  {
    name: 'hunt-10b: BEGIN ATOMIC bodies that insert, update and delete',
    old: ['CREATE TABLE ledger (id int PRIMARY KEY, amount int NOT NULL DEFAULT 0)'],
    new: [
      'CREATE TABLE ledger (id int PRIMARY KEY, amount int NOT NULL DEFAULT 0)',
      'CREATE TABLE closed (id int PRIMARY KEY)',
      'CREATE FUNCTION move(src int, dst int, n numeric) RETURNS void LANGUAGE sql BEGIN ATOMIC ' +
        'UPDATE ledger SET amount = amount - n WHERE id = src; UPDATE ledger SET amount = amount + n WHERE id = dst; END',
      'CREATE FUNCTION open_row(k int) RETURNS void LANGUAGE sql BEGIN ATOMIC INSERT INTO ledger (id) VALUES (k); END',
      'CREATE FUNCTION purge() RETURNS void LANGUAGE sql BEGIN ATOMIC DELETE FROM ledger USING closed WHERE ledger.id = closed.id AND amount = 0; END',
    ],
    seed: 'INSERT INTO ledger VALUES (1, 5)',
    seedBack: 'INSERT INTO ledger VALUES (1, 5)',
    keepsTables: [{ tables: ['ledger'], query: 'SELECT * FROM ledger ORDER BY id' }],
  },
  // parse/kinds/function.ts, parse/normalize-statements.ts, parse/typename.ts (untyped): a parameter or result type
  // written with a modifier (`varchar(50)`, `numeric(10, 2)`) kept it in the function's identity and canonical form,
  // while PostgreSQL drops it, so the plan created the routine again and then dropped it under its stored name -
  // the same routine: it was gone after the plan (pg-delta's catalog-diff--drop-heterogeneous-schema, a procedure
  // taking `varchar(50)`).
  {
    name: 'hunt-10b: routines whose parameter and result types carry modifiers',
    old: [
      'CREATE TABLE names (v text)',
      "CREATE PROCEDURE add_name(p varchar(50), w numeric(10, 2)) LANGUAGE plpgsql AS $$ BEGIN INSERT INTO names VALUES (p || w); END $$",
    ],
    new: [
      'CREATE TABLE names (v text)',
      "CREATE PROCEDURE add_name(p varchar(50), w numeric(10, 2)) LANGUAGE plpgsql AS $$ BEGIN INSERT INTO names VALUES (p || w); END $$",
      "CREATE FUNCTION tag(code char(3), at timestamp(0)) RETURNS varchar(10) LANGUAGE sql AS $$ SELECT code || 'x' $$",
      "COMMENT ON FUNCTION tag(char(3), timestamp(0)) IS 'a tag'",
      "CREATE FUNCTION pairs() RETURNS TABLE (k varchar(5), n numeric(4, 1)) LANGUAGE sql AS $$ SELECT 'a'::varchar, 1.5 $$",
    ],
  },
  // plan/dependants.ts (restoreAroundRecreatedFunctions): a policy calling a function that is replaced by another
  // signature (a parameter added with a default, which the same call reaches) was left in place, and a rule calling
  // a function dropped and created again (its result type changes) was not handled at all, so PostgreSQL refused to
  // drop the function (pg-delta's function-ops--signature-change-referenced-by-policy,
  // policy-dependencies--policy-depending-on-replaced-function, rule-operations--table-rule-function-dependency).
  {
    name: 'hunt-10b: a policy and a rule calling functions that are replaced',
    old: [
      'CREATE TABLE doc (id int PRIMARY KEY, owner text)',
      'CREATE TABLE trail (note text)',
      'ALTER TABLE doc ENABLE ROW LEVEL SECURITY',
      'CREATE FUNCTION may_read(i int, o text) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT o IS NOT NULL $$',
      'CREATE POLICY doc_read ON doc FOR SELECT USING (may_read(id, owner))',
      "CREATE FUNCTION label(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'doc:' || t $$",
      'CREATE RULE doc_trail AS ON INSERT TO doc DO ALSO INSERT INTO trail (note) VALUES (label(NEW.owner))',
    ],
    new: [
      'CREATE TABLE doc (id int PRIMARY KEY, owner text)',
      'CREATE TABLE trail (note text)',
      'ALTER TABLE doc ENABLE ROW LEVEL SECURITY',
      "CREATE FUNCTION may_read(i int, o text, mode text DEFAULT 'r') RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT o IS NOT NULL $$",
      'CREATE POLICY doc_read ON doc FOR SELECT USING (may_read(id, owner))',
      "CREATE FUNCTION label(t text) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT 'doc:' || t $$",
      'CREATE RULE doc_trail AS ON INSERT TO doc DO ALSO INSERT INTO trail (note) VALUES (label(NEW.owner))',
    ],
    seed: "INSERT INTO doc VALUES (1, 'ann')",
    seedBack: "INSERT INTO doc VALUES (1, 'ann')",
    keepsTables: [{ tables: ['doc', 'trail'], query: 'SELECT (SELECT count(*) FROM doc), (SELECT count(*) FROM trail)' }],
  },
];
