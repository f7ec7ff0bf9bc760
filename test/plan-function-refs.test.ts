/** Functions in the planner's graph by signature (src/plan/function-refs.ts): which overloads a call reads. */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../src/parse/index.js';
import { diff } from '../src/diff/index.js';
import { plan } from '../src/plan/index.js';
import { exprRefs } from '../src/plan/expr-refs.js';
import { callIds } from '../src/plan/function-refs.js';
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
      expect(callsOf(m, 'public.t', 'one').sort()).toEqual(['fn:public.f(a date)', 'fn:public.f(a integer)']);
      expect(callsOf(m, 'public.t', 'two')).toEqual(['fn:public.f(a integer, b integer)']);
      // Three arguments: the overload whose fourth has a default.
      expect(callsOf(m, 'public.t', 'three')).toEqual(['fn:public.f(a integer, b integer, c integer, d integer)']);
      expect(callsOf(m, 'public.t', 'four')).toEqual(['fn:public.f(a integer, b integer, c integer, d integer)']);
      // Named arguments: by count only.
      expect(callsOf(m, 'public.t', 'named').sort()).toEqual(['fn:public.f(a date)', 'fn:public.f(a integer)']);
    });
  }

  it('picks the overload whose types are exactly the casts passed (parsed: the argument types are known)', async () => {
    const m = await model(OVERLOADS);
    expect(callsOf(m, 'public.t', 'typed')).toEqual(['fn:public.f(a date)']);
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
