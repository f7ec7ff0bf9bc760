/** Functions in the planner's graph by signature (src/plan/function-refs.ts): which overloads a call reads. */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../src/parse/index.js';
import { diff } from '../src/diff/index.js';
import { plan } from '../src/plan/index.js';
import { exprRefs } from '../src/model/expr-refs.js';
import { callIds, fnId, identityTypes, recreatedFunctions } from '../src/plan/function-refs.js';
import type { Func, Model } from '../src/model/types.js';

const model = async (sql: string) => (await parseSchema([{ file: 's.sql', text: sql }])).model;
const callsOf = (m: Model, table: string, column: string) => {
  const e = m.tables[table]!.columns.find((c) => c.name === column)!.default!;
  return exprRefs(e.canonical).calls.flatMap((c) => callIds(m, c));
};
/** The Model as the inspector gives it: no argument list, the definition's first line carries the defaults. */
const inspected = (m: Model): Model => ({
  ...m,
  functions: Object.fromEntries(Object.entries(m.functions).map(([k, f]): [string, Func] => [k, { ...f, args: [], definition: `CREATE OR REPLACE FUNCTION ${f.schema}.${f.name}(${f.args.map((a) => `${a.name} ${a.type}${a.default ? ` DEFAULT ${a.default.text}` : ''}`).join(', ')})\n RETURNS int` }])),
});

const OVERLOADS = `
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a$$;
CREATE FUNCTION f(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a + b$$;
CREATE FUNCTION f(a int, b int, c int, d int DEFAULT 0) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a + b + c + d$$;
CREATE FUNCTION f(a date) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT 1$$;
CREATE TABLE t (one int DEFAULT f(1), two int DEFAULT f(1, 2), three int DEFAULT f(1, 2, 3), four int DEFAULT f(1, 2, 3, 4), typed int DEFAULT f(now()::date), named int DEFAULT f(a => 1));
`;

describe('callIds', () => {
  for (const [label, of] of [['parsed', (m: Model) => m], ['inspected', inspected]] as const) {
    it(`reads the overloads a call can resolve to by its number of arguments and its casts (${label})`, async () => {
      const m = of(await model(OVERLOADS));
      expect(callsOf(m, 'public.t', 'one').sort()).toEqual(['fn:public.f(date)', 'fn:public.f(integer)']);
      expect(callsOf(m, 'public.t', 'two')).toEqual(['fn:public.f(integer, integer)']);
      // Three arguments: the overload whose fourth has a default.
      expect(callsOf(m, 'public.t', 'three')).toEqual(['fn:public.f(integer, integer, integer, integer)']);
      expect(callsOf(m, 'public.t', 'four')).toEqual(['fn:public.f(integer, integer, integer, integer)']);
      // Named arguments: by count only.
      expect(callsOf(m, 'public.t', 'named').sort()).toEqual(['fn:public.f(date)', 'fn:public.f(integer)']);
    });
  }

  it('picks the overload whose types are exactly the casts passed (parsed: the argument types are known)', async () => {
    const m = await model(OVERLOADS);
    expect(callsOf(m, 'public.t', 'typed')).toEqual(['fn:public.f(date)']);
  });

  it('falls back to every overload when none takes the call', async () => {
    const m = await model(`${OVERLOADS}\nCREATE TABLE u (five int DEFAULT f(1, 2, 3, 4, 5));`);
    expect(callsOf(m, 'public.u', 'five')).toHaveLength(4);
  });
});

describe('a recreated overload', () => {
  it('leaves the check that calls another overload of its name alone', async () => {
    const base = 'CREATE FUNCTION g(a smallint) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a + 0$$;\nCREATE TABLE u (id int, CONSTRAINT small CHECK (g(id::smallint) > 0));';
    const old = await model(`${base}\nCREATE FUNCTION g(a date) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT 1$$;`);
    const next = await model(`${base}\nCREATE FUNCTION g(a date) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT 1::bigint$$;`);
    const sql = plan(diff(old, next), old, next).map((s) => s.sql);
    expect(sql.some((s) => s.startsWith('DROP FUNCTION "public"."g"(a date)'))).toBe(true);
    expect(sql.filter((s) => s.includes('"small"'))).toEqual([]);
  });
});

describe('identityTypes', () => {
  it('leaves out modes and parameter names, keeps multi-word and qualified types', () => {
    expect(identityTypes('a integer, VARIADIC "my list" text[], double precision')).toBe('integer, text[], double precision');
    expect(identityTypes('time time without time zone, i interval, interval day to second')).toBe('time without time zone, interval, interval day to second');
    expect(identityTypes('"a""b" integer, public."a(b[c", INOUT y numeric(10,2), v character varying(10)')).toBe('integer, public."a(b[c", numeric(10,2), character varying(10)');
  });

  it('gives a function renamed in a parameter the id of the old one (PostgreSQL\'s identity is the input types)', async () => {
    const [a, b] = [await model('CREATE FUNCTION f(x int, lo int) RETURNS int LANGUAGE sql AS $$SELECT 1$$;'), await model('CREATE FUNCTION f(v int, lo int) RETURNS int LANGUAGE sql AS $$SELECT 1$$;')];
    expect(fnId(Object.values(a.functions)[0]!)).toBe(fnId(Object.values(b.functions)[0]!));
    expect(fnId(Object.values(a.functions)[0]!)).toBe('fn:public.f(integer, integer)');
  });

  it('leaves out the OUT parameters of a function, not of a procedure', async () => {
    expect(identityTypes('a integer, OUT b text')).toBe('integer');
    expect(identityTypes('IN a integer, OUT b text', true)).toBe('integer, text');
    const [a, b] = [await model('CREATE FUNCTION f(x int, OUT y int) LANGUAGE sql AS $$SELECT 1$$;'), await model('CREATE FUNCTION f(x int, OUT z bigint) LANGUAGE sql AS $$SELECT 1::bigint$$;')];
    expect(fnId(Object.values(a.functions)[0]!)).toBe('fn:public.f(integer)');
    expect(fnId(Object.values(b.functions)[0]!)).toBe('fn:public.f(integer)');
  });
});

describe('recreatedFunctions', () => {
  it('is a drop and a create with the same identity: another result or OUT parameter, a renamed parameter; not another overload', async () => {
    const fn = async (sql: string) => Object.values((await model(sql)).functions)[0]!;
    const [int, renamed, out, other] = await Promise.all([
      fn('CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$SELECT 1$$;'),
      fn('CREATE FUNCTION f(v int) RETURNS bigint LANGUAGE sql AS $$SELECT 1::bigint$$;'),
      fn('CREATE FUNCTION f(x int, OUT y text) LANGUAGE sql AS $$SELECT 1::text$$;'),
      fn('CREATE FUNCTION f(x bigint) RETURNS int LANGUAGE sql AS $$SELECT 1$$;'),
    ]);
    const drop = { kind: 'drop_function' as const, function: int };
    const create = (f: typeof int) => ({ kind: 'create_function' as const, function: f, replace: false });
    expect([...recreatedFunctions([drop, create(renamed)])]).toEqual(['fn:public.f(integer)']);
    expect([...recreatedFunctions([drop, create(out)])]).toEqual(['fn:public.f(integer)']);
    expect([...recreatedFunctions([drop, create(other)])]).toEqual([]);
  });
});
