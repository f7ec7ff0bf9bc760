/**
 * `rel.col%TYPE` in routine signatures, folded as PostgreSQL resolves it when the routine is created (checked with
 * psql on PostgreSQL 15: `NOTICE: type reference t.id%TYPE converted to bigint`): the column's type without its
 * modifier, in the routine's key, arguments, result and definition; other statements naming the routine by such a
 * signature (COMMENT, DROP) find it; a missing relation or column is a located error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(async () => {
  await initSchemaParser();
});

const fold = (text: string) => checkSchema([{ file: 'schema.sql', text }]);
const table = 'CREATE TABLE t (id bigint PRIMARY KEY, name varchar(20), at timestamp(3), span interval hour to minute);\nCREATE TYPE pair AS (a numeric(10,2), b text[]);\n';

describe('%TYPE in routine signatures', () => {
  it('resolves parameters and results to the column types without modifiers, in the key and the definition', () => {
    const r = fold(`${table}CREATE FUNCTION f(x t.id%TYPE, y public.t.name%TYPE, z t.span%TYPE, p pair.a%TYPE, q pair.b%TYPE) RETURNS t.at%TYPE LANGUAGE sql AS $$ SELECT now()::timestamp $$;\nCOMMENT ON FUNCTION f(t.id%TYPE, t.name%TYPE, t.span%TYPE, pair.a%TYPE, pair.b%TYPE) IS 'typed';`);
    expect(r.errors).toEqual([]);
    const f = Object.values(r.model.functions)[0]!;
    expect(f.identityArgs).toBe('x bigint, y character varying, z interval, p numeric, q text[]');
    expect(f.returns).toBe('timestamp without time zone');
    expect(f.comment).toBe('typed');
    expect(f.definition).not.toMatch(/%TYPE|t\.id|t\.name/i);
    expect(f.definition).toMatch(/x bigint, y varchar\(20\)/);
  });

  it('a DROP FUNCTION by a %TYPE signature drops it', () => {
    const r = fold(`${table}CREATE FUNCTION f(x t.id%TYPE) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nDROP FUNCTION f(t.id%TYPE);`);
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.model.functions)).toEqual([]);
  });

  it('a missing relation or column is an error located at the type', () => {
    const errs = (text: string) => fold(text).errors.map((e) => `${e.code} ${e.location.line}:${e.location.column} ${e.message}`);
    expect(errs(`${table}CREATE FUNCTION f(x nosuch.id%TYPE) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`)).toEqual(['E_UNKNOWN 3:21 nosuch.id%TYPE: relation "nosuch" does not exist']);
    expect(errs(`${table}CREATE FUNCTION f(x t.nope%TYPE) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`)).toEqual(['E_UNKNOWN 3:21 t.nope%TYPE: column "nope" of relation "t" does not exist']);
  });
});
