/**
 * An aggregate's CREATE AGGREGATE options are typed fields of the Model (`Func.aggregate`), the same at both edges
 * (the fold reads them from the parse tree, the inspector from pg_aggregate), and what decides whether
 * `CREATE OR REPLACE AGGREGATE` may be taken (src/diff/in-place.ts `aggregateInPlace`): a bare option such as
 * FINALFUNC_EXTRA is a flag, never read as part of another option's value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateInPlace } from '../src/diff/in-place.js';
import { inspect } from '../src/inspect/index.js';
import type { Func, Model } from '../src/model/types.js';
import { checkSchema, initSchemaParser } from '../src/parse/index.js';
import { describeEachDatabase } from './helpers/databases.js';

const FUNCTIONS = [
  'CREATE SCHEMA app',
  "CREATE FUNCTION app.add1(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s + v'",
  "CREATE FUNCTION app.fin(s int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s'",
  "CREATE FUNCTION app.fin(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s'",
  "CREATE FUNCTION app.inv(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s - v'",
];
const AGGREGATE = 'CREATE AGGREGATE app.total(int) (SFUNC = app.add1, STYPE = int, FINALFUNC = app.fin, FINALFUNC_EXTRA, '
  + "FINALFUNC_MODIFY = READ_WRITE, INITCOND = '0', MSFUNC = app.add1, MINVFUNC = app.inv, MSTYPE = int, MINITCOND = '0', PARALLEL = SAFE)";
const EXPECTED = {
  sfunc: 'app.add1', stype: 'integer', finalfunc: 'app.fin', finalfuncExtra: true, finalfuncModify: 'READ_WRITE', initcond: '0',
  msfunc: 'app.add1', minvfunc: 'app.inv', mstype: 'integer', minitcond: '0', parallel: 'SAFE',
};

const aggregate = (m: Model): Func => Object.values(m.functions).find((f) => f.kind === 'aggregate')!;
const fold = (agg: string): Func => {
  const r = checkSchema([{ file: 'schema.sql', text: [...FUNCTIONS, agg].map((s) => `${s};`).join('\n') }]);
  expect(r.errors).toEqual([]);
  return aggregate(r.model);
};

beforeAll(async () => {
  await initSchemaParser();
});

describe('aggregate options', () => {
  it('the fold keeps every option as a field, FINALFUNC_EXTRA as a flag', () => {
    expect(fold(AGGREGATE).aggregate).toEqual(EXPECTED);
  });

  it('CREATE OR REPLACE is taken while STYPE and the final function stay', () => {
    const from = fold(AGGREGATE);
    expect(aggregateInPlace(from, fold(AGGREGATE.replace("INITCOND = '0'", "INITCOND = '1'")))).toBe(true);
    expect(aggregateInPlace(from, fold(AGGREGATE.replace('PARALLEL = SAFE', 'PARALLEL = RESTRICTED')))).toBe(true);
    // The final function's overload changes (app.fin(int) instead of app.fin(int, int)): its result type may too.
    expect(aggregateInPlace(from, fold(AGGREGATE.replace(' FINALFUNC_EXTRA,', '')))).toBe(false);
    expect(aggregateInPlace(from, fold(AGGREGATE.replace('STYPE = int,', 'STYPE = bigint,')))).toBe(false);
  });
});

describeEachDatabase('aggregate options at the inspector edge', (t) => {
  it('the inspector reads the same fields from pg_aggregate', async () => {
    await t.reset();
    for (const s of [...FUNCTIONS, AGGREGATE]) await t.db.exec(s);
    const inspected = aggregate((await inspect(t.db)).model);
    expect(inspected.aggregate).toEqual(EXPECTED);
    expect(inspected.definition).toBe(fold(AGGREGATE).definition);
  });
});
