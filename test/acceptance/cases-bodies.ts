/**
 * Acceptance cases for function and procedure bodies compared exactly as written (PostgreSQL keeps the text between
 * the quotes in pg_proc.prosrc, and pg_dump prints it unchanged). Before, both sides were trimmed before comparing,
 * so a body whose only change was a blank at its start or end (a line's trailing space after the last `END;`, a
 * newline after `$$`) planned nothing and the database's pg_dump kept the old text (PostgREST's apflora fixture at
 * two commits, hunt 7).
 */
import type { AcceptanceCase } from './harness.js';

const TABLE = 'CREATE TABLE t (id int PRIMARY KEY, n int)';
const ROWS = 'INSERT INTO t VALUES (1, 10), (2, 20)';
const keepsTables = [{ tables: ['t'], query: 'SELECT * FROM t ORDER BY id' }];

export const BODY_CASES: AcceptanceCase[] = [
  {
    name: 'bodies: a plpgsql body whose last line loses its trailing blank',
    old: [TABLE, 'CREATE FUNCTION bump(x int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN x + 1;\nEND; \n$$'],
    new: [TABLE, 'CREATE FUNCTION bump(x int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN x + 1;\nEND;\n$$'],
    seed: ROWS,
    seedBack: ROWS,
    keepsTables,
    expectedSql: ['CREATE OR REPLACE FUNCTION'],
  },
  {
    name: 'bodies: a SQL body and a procedure body gain leading and trailing newlines',
    old: [TABLE, 'CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE AS $$SELECT sum(n) FROM public.t$$', "CREATE PROCEDURE note() LANGUAGE plpgsql AS 'BEGIN RAISE NOTICE ''x''; END'"],
    new: [TABLE, 'CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE AS $$\n  SELECT sum(n) FROM public.t\n$$', "CREATE PROCEDURE note() LANGUAGE plpgsql AS '\nBEGIN RAISE NOTICE ''x''; END\n'"],
    seed: ROWS,
    seedBack: ROWS,
    keepsTables,
    expectedSql: ['CREATE OR REPLACE FUNCTION', 'CREATE OR REPLACE PROCEDURE'],
  },
];
