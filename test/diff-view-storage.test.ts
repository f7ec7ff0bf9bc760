/**
 * Unit test of a materialized view column's storage reset between two folded Models (`migrate diff` of two files):
 * the reset names the default of the column's type, a domain's base type's (h187's leftover; src/plan/view-columns.ts,
 * the current side's types from the fold, src/parse/kinds/view.ts `settleMatViewStorage`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../src/diff/index.js';
import { plan } from '../src/plan/index.js';
import { initSchemaParser } from '../src/parse/index.js';
import { parsedModel } from './helpers/model.js';

beforeAll(async () => {
  await initSchemaParser();
});

const base = 'CREATE DOMAIN addr AS inet;\nCREATE TABLE t (id int PRIMARY KEY, a addr, n numeric, b text);\nCREATE MATERIALIZED VIEW mv AS SELECT id, a, n, b FROM t;\n';
const sql = (from: string, to: string): string[] => {
  const [a, b] = [parsedModel(base + from, 'a.sql'), parsedModel(base + to, 'b.sql')];
  return plan(diff(a, b), a, b).map((s) => s.sql);
};

describe('materialized view column storage reset between folded models', () => {
  it('a column over a domain over inet goes back to MAIN, a numeric one to MAIN, a text one to EXTENDED', () => {
    const set = 'ALTER MATERIALIZED VIEW mv ALTER COLUMN a SET STORAGE EXTENDED;\nALTER MATERIALIZED VIEW mv ALTER COLUMN n SET STORAGE EXTENDED;\nALTER MATERIALIZED VIEW mv ALTER COLUMN b SET STORAGE MAIN;\n';
    expect(sql(set, '')).toEqual([
      'ALTER MATERIALIZED VIEW "public"."mv" ALTER COLUMN "a" SET STORAGE MAIN',
      'ALTER MATERIALIZED VIEW "public"."mv" ALTER COLUMN "n" SET STORAGE MAIN',
      'ALTER MATERIALIZED VIEW "public"."mv" ALTER COLUMN "b" SET STORAGE EXTENDED',
    ]);
    expect(sql('', set)).toEqual([
      'ALTER MATERIALIZED VIEW "public"."mv" ALTER COLUMN "a" SET STORAGE EXTENDED',
      'ALTER MATERIALIZED VIEW "public"."mv" ALTER COLUMN "n" SET STORAGE EXTENDED',
      'ALTER MATERIALIZED VIEW "public"."mv" ALTER COLUMN "b" SET STORAGE MAIN',
    ]);
  });
});
