/**
 * isVolatileExpression against PostgreSQL itself: ADD COLUMN … DEFAULT <expr> rewrites the table (a new
 * relfilenode) exactly when the default is volatile. Every expression below is tried on the real database
 * and the parser's answer must agree with what the server did.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { initParser } from '../../src/parse/pg.js';
import { isVolatileExpression } from '../../src/parse/volatility.js';
import { initSchemaParser, parseSchema } from '../../src/parse/index.js';

const FUNCTIONS = `CREATE FUNCTION app.stable_one() RETURNS int LANGUAGE sql STABLE AS 'SELECT 1';
CREATE FUNCTION app.volatile_one() RETURNS int LANGUAGE plpgsql VOLATILE AS 'BEGIN RETURN 1; END';
CREATE FUNCTION app.inlined_one() RETURNS int LANGUAGE sql VOLATILE AS 'SELECT 1';`;

/**
 * Where the parser may say "volatile" and PostgreSQL does not rewrite: a VOLATILE SQL function whose body
 * the planner inlines to a constant. Conservative (a TABLE_REWRITE hazard more, never one less).
 */
const CONSERVATIVE = new Set(['app.inlined_one()']);

const CASES: Array<[type: string, expr: string]> = [
  ['timestamptz', 'now()'],
  ['timestamptz', 'CURRENT_TIMESTAMP'],
  ['timestamptz', 'clock_timestamp()'],
  ['timestamp(4)', 'CURRENT_TIMESTAMP(4)'],
  ['text', "'x'"],
  ['text', "lower('ABC')"],
  ['double precision', 'random()'],
  ['uuid', 'gen_random_uuid()'],
  ['jsonb', "'{}'::jsonb"],
  ['int', 'length(md5(\'a\'))'],
  ['bigint', "nextval('app.s'::regclass)"],
  ['int', 'app.stable_one()'],
  ['int', 'app.volatile_one() + 1'],
  ['int', 'app.inlined_one()'],
  ['text', "COALESCE(NULL, to_char(now(), 'YYYY'))"],
  ['date', 'CURRENT_DATE'],
];

describeEachDatabase('volatile defaults (ADD COLUMN rewrite) agree with PostgreSQL', (t) => {
  it('says "volatile" exactly for the defaults that make PostgreSQL rewrite the table', async () => {
    await initParser();
    await initSchemaParser();
    const model = (await parseSchema([{ file: 'f.sql', text: `CREATE SCHEMA app;\n${FUNCTIONS}` }])).model;
    await t.db.exec(`CREATE SCHEMA app; CREATE SEQUENCE app.s; ${FUNCTIONS}`);
    const rows: string[] = [];
    for (const [i, [type, expr]] of CASES.entries()) {
      await t.db.exec(`CREATE TABLE app.t${i} (id int); INSERT INTO app.t${i} VALUES (1), (2)`);
      const node = async () => (await t.db.query<{ f: string }>(`SELECT pg_relation_filenode('app.t${i}')::text AS f`)).rows[0]!.f;
      const before = await node();
      await t.db.exec(`ALTER TABLE app.t${i} ADD COLUMN c ${type} DEFAULT ${expr}`);
      const rewrote = (await node()) !== before;
      rows.push(`${expr}: server ${rewrote}, parser ${isVolatileExpression({ canonical: '', text: expr }, model)}`);
      const said = isVolatileExpression({ canonical: '', text: expr }, model);
      if (CONSERVATIVE.has(expr)) expect([said, rewrote], expr).toEqual([true, false]);
      else expect(said, expr).toBe(rewrote);
    }
    expect(rows.filter((r) => r.includes('server true'))).toHaveLength(5); // clock_timestamp, random, gen_random_uuid, nextval, the plpgsql function
  });
});
