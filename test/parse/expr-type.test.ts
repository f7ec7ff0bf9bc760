/**
 * src/parse/expr-type.ts against PostgreSQL itself: the type it gives an expression (over a row of known column
 * types) must be the one the server reports (`pg_typeof`) whenever it gives one, and a function in FROM must get
 * the columns the server names (a view `SELECT * FROM …`'s columns).
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { initParser, parseExpression, parseOne } from '../../src/parse/pg.js';
import { exprType, operatorCoercions, rangeFunctionColumns, type TypeContext } from '../../src/parse/expr-type.js';
import { canonicalQueryText } from '../../src/parse/normalize-forms.js';
import type { Node } from '../../src/parse/ast.js';

const COLUMNS: Record<string, string> = { i: 'integer', b: 'bigint', n: 'numeric', t: 'text', v: 'character varying', ts: 'timestamp without time zone', tz: 'timestamp with time zone', d: 'date', iv: 'interval', j: 'jsonb', arr: 'integer[]' };
const TABLE = `CREATE TABLE h_types (${Object.entries(COLUMNS).map(([c, t]) => `${c} ${t}`).join(', ')})`;
const USER = "CREATE FUNCTION h_pairs(k int) RETURNS TABLE(a int, label text) LANGUAGE sql AS $$ SELECT k, 'x' $$";
const ctx: TypeContext = { functions: (names) => (names.at(-1) === 'h_pairs' ? [{ args: [{ mode: 'IN', type: 'integer' }, { name: 'a', mode: 'TABLE', type: 'integer' }, { name: 'label', mode: 'TABLE', type: 'text' }], returns: 'TABLE(a integer, label text)' }] : []) };
const leaf = (x: Node | undefined): string | undefined => {
  const f = x?.ColumnRef?.fields;
  if (f) return COLUMNS[f.at(-1)?.String?.sval ?? ''];
  return exprType(x, leaf, ctx);
};

const EXPRESSIONS = [
  "i || ' months'", 'i + 1', "t || 'x'", "date_trunc('day', ts)", "date_trunc('month', d)", "date_trunc('day', tz)", 'd + 1', 'd - iv', 'now() - tz',
  'count(*)', 'sum(i)', 'sum(b)', 'avg(i)', 'max(v)', 'coalesce(i, 0)', 'greatest(n, 1)', 'length(t)', 'lower(v)', 'upper(t)', "to_char(ts, 'YYYY')",
  "j ->> 'k'", "j -> 'k'", 'jsonb_array_length(j)', 'array_length(arr, 1)', 'arr[1]', 'CURRENT_DATE', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', "extract(epoch from ts)",
  'i > 0', 'n * 2', 'i / 2', 'n / i', "CASE WHEN i > 0 THEN 'a' ELSE t END", 'abs(n)', 'round(n, 2)', "concat(t, i)", 'ARRAY[i, 2]', 'h_pairs(1)', "i::text || ts",
];

describeEachDatabase('expression types agree with PostgreSQL', (t) => {
  it('gives the type pg_typeof reports, when it gives one', async () => {
    await initParser();
    await t.db.exec(`${TABLE}; ${USER}`);
    const wrong: string[] = [];
    let typed = 0;
    for (const e of EXPRESSIONS) {
      const said = leaf(parseExpression(e));
      if (said === undefined) continue;
      typed++;
      const server = (await t.db.query<{ t: string }>(`SELECT pg_typeof(${e})::text AS t FROM (SELECT NULL::h_types AS r) s, LATERAL (SELECT (r).*) x`)).rows[0]?.t;
      if (said !== server) wrong.push(`${e}: said ${said}, server ${server}`);
    }
    expect(wrong).toEqual([]);
    expect(typed).toBeGreaterThan(EXPRESSIONS.length * 0.8);
  });

  it('names the columns of a function in FROM as the server does', async () => {
    await initParser();
    await t.db.exec(`${TABLE}; ${USER}`);
    for (const [i, from] of ['generate_series(0, 11) AS n', 'generate_series(1, 3) WITH ORDINALITY AS g(x)', "json_each('{}') j", "jsonb_array_elements('[]')", 'h_pairs(1) p', "unnest(ARRAY[1], ARRAY['a']) AS u(x)", "generate_series('2024-01-01'::date, '2024-02-01'::date, '1 day') d"].entries()) {
      const sel = parseOne(`SELECT * FROM ${from}`)!.node as { fromClause: Node[] };
      const cols = rangeFunctionColumns(sel.fromClause[0]!.RangeFunction!, leaf, ctx);
      await t.db.exec(`CREATE VIEW h_cols_${i} AS SELECT * FROM ${from}`);
      const r = await t.db.query<{ n: string }>(`SELECT attname AS n FROM pg_attribute WHERE attrelid = 'h_cols_${i}'::regclass AND attnum > 0 ORDER BY attnum`);
      expect(cols?.columns, from).toEqual(r.rows.map((x) => x.n));
    }
  });

  it("casts an operator's operands where PostgreSQL does (src/parse/coercion.ts): the file's form equals the print's", async () => {
    await initParser();
    await t.db.exec(`${TABLE}; ${USER}`);
    const rel = { key: 'public.h_types', columns: Object.keys(COLUMNS), types: Object.values(COLUMNS) };
    const view = { relation: (names: readonly string[]) => (names.at(-1) === 'h_types' ? rel : undefined) };
    const cast = ['now() - ts', 'ts - now()', 'CURRENT_TIMESTAMP - d', 'ts + (now() - ts)', 'tz - ts', 'i + n', 'b * n', "v || 'x'", "t || v", '- i'];
    const none = ['tz > ts', 'd < tz', 'd - ts::date', 'iv * 2', 'd + 1', 'tz - iv', "j || '{}'", 'arr || i', 'i + b', 'ts - iv'];
    for (const [k, e] of [...cast, ...none].entries()) {
      await t.db.exec(`CREATE VIEW h_op_${k} AS SELECT ${e} AS x FROM h_types`);
      const printed = (await t.db.query<{ d: string }>(`SELECT pg_catalog.set_config('search_path', '', true), pg_get_viewdef('public.h_op_${k}'::regclass, true) AS d`)).rows[0]!.d;
      expect(canonicalQueryText(`SELECT ${e} AS x FROM h_types`, view), `${e}: ${printed}`).toBe(canonicalQueryText(printed, view));
    }
    expect(operatorCoercions('-', 'timestamp with time zone', 'timestamp without time zone')).toEqual([undefined, 'timestamp with time zone']);
    expect(operatorCoercions('>', 'timestamp with time zone', 'timestamp without time zone')).toEqual([undefined, undefined]);
  });

  // Functions' arguments (the overload chosen, VARIADIC merged), CASE / COALESCE / GREATEST / ARRAY[…] branches (their
  // common type) and domain operands (cast to the base type): the file's form must equal the server's print's.
  it("casts a function's arguments, branches and domain operands where PostgreSQL does (src/parse/coercion.ts, func-select.ts)", async () => {
    await initParser();
    await t.db.exec(`${TABLE}; CREATE DOMAIN h_pos AS int; CREATE DOMAIN h_day AS timestamp; ALTER TABLE h_types ADD COLUMN p h_pos, ADD COLUMN q h_pos, ADD COLUMN dd h_day`);
    const names = [...Object.keys(COLUMNS), 'p', 'q', 'dd'];
    const rel = { key: 'public.h_types', columns: names, types: [...Object.values(COLUMNS), 'integer', 'integer', 'timestamp without time zone'], domains: names.map((c) => c.length < 3 && 'pqdd'.includes(c) && c !== 'd') };
    const view = { relation: (n: readonly string[]) => (n.at(-1) === 'h_types' ? rel : undefined) };
    const exprs = [
      "date_trunc('day', d)", "date_trunc('day', dd)", 'to_timestamp(i)', 'to_timestamp(b)', "jsonb_extract_path_text(j, 'a', 'b')", "jsonb_extract_path(j, 'a')",
      'round(i, 2)', "to_char(d, 'YYYY')", 'lower(v)', 'length(v)', "split_part(v, ',', 1)", 'floor(i)', "make_date(i, i, i)", "concat(i, t)", "format('%s', i)",
      "json_build_object('a', i)", 'num_nulls(i, t)', "array_to_string(arr, ',')", 'abs(p)', 'avg(p)', 'sum(i)', "string_agg(v, ',')", 'max(d)',
      "extract(year from dd)", "dd AT TIME ZONE 'UTC'", "date_part('year', d)", "age(d)", "generate_series(1, i)", "left(v, i)",
      'coalesce(i, n)', 'coalesce(ts, tz)', 'greatest(ts, tz, d)', 'least(i, b)', 'CASE WHEN i > 0 THEN ts ELSE tz END', 'CASE WHEN i > 0 THEN i END',
      "CASE i WHEN 1 THEN 'a' END", 'CASE WHEN i > 0 THEN p END', 'ARRAY[ts, tz]', 'ARRAY[i, b]', 'coalesce(p, q)', 'coalesce(p, i)', 'coalesce(p, 1)',
      'p + 1', 'p IN (1, 2)', 'p BETWEEN 1 AND 2', "dd - '1 day'::interval", 'p || t',
    ];
    const wrong: string[] = [];
    for (const [k, e] of exprs.entries()) {
      await t.db.exec(`CREATE VIEW h_fn_${k} AS SELECT ${e} AS x FROM h_types`);
      const printed = (await t.db.query<{ d: string }>(`SELECT pg_catalog.set_config('search_path', '', true), pg_get_viewdef('public.h_fn_${k}'::regclass, true) AS d`)).rows[0]!.d;
      if (canonicalQueryText(`SELECT ${e} AS x FROM h_types`, view) !== canonicalQueryText(printed, view)) wrong.push(`${e}: ${printed}`);
    }
    expect(wrong).toEqual([]);
  });
});
