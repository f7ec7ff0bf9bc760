/**
 * A view's output columns as the fold computes them (src/parse/kinds/view.ts with src/parse/join-columns.ts): `*` over
 * USING, NATURAL and aliased joins and over subqueries as PostgreSQL expands it, and the duplicate names PostgreSQL
 * refuses ("column … specified more than once", checked with psql on PostgreSQL 15), refused natively with the file's
 * location instead of only on the dev database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(async () => {
  await initSchemaParser();
});

const TABLES = 'CREATE TABLE a (id int, x int);\nCREATE TABLE b (id int, y int);\n';
const fold = (text: string) => checkSchema([{ file: 'schema.sql', text: TABLES + text }]);
const columns = (query: string, name = 'v') => {
  const r = fold(`CREATE VIEW ${name} AS ${query};`);
  expect(r.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
  return r.model.views[`public.${name}`]!.columns;
};
const errors = (text: string) => fold(text).errors.map((e) => `${e.code} ${e.location.line}:${e.location.column} ${e.message}`);

describe('view output columns', () => {
  it('a USING or NATURAL join gives its merged column once and first, whatever the join type', () => {
    for (const q of ['SELECT * FROM a JOIN b USING (id)', 'SELECT * FROM a NATURAL JOIN b', 'SELECT * FROM a LEFT JOIN b USING (id)', 'SELECT * FROM a RIGHT JOIN b USING (id)', 'SELECT * FROM a FULL JOIN b USING (id)', 'SELECT * FROM b NATURAL RIGHT JOIN a'])
      expect(columns(q), q).toEqual(q.startsWith('SELECT * FROM b') ? ['id', 'y', 'x'] : ['id', 'x', 'y']);
  });

  it('an aliased join, its column aliases, and subqueries that select *', () => {
    expect(columns('SELECT j.* FROM (a JOIN b ON a.id = b.id) AS j (a_id, x, b_id, y)')).toEqual(['a_id', 'x', 'b_id', 'y']);
    expect(columns('SELECT * FROM (a JOIN b USING (id)) j')).toEqual(['id', 'x', 'y']);
    expect(columns('SELECT * FROM (SELECT * FROM a) q')).toEqual(['id', 'x']);
    expect(columns('SELECT * FROM a JOIN b USING (id) JOIN (SELECT id, 1 AS z FROM b) c USING (id)')).toEqual(['id', 'x', 'y', 'z']);
  });

  it('duplicate output names are refused at the statement, as PostgreSQL refuses them; a column list renames them first', () => {
    expect(errors('CREATE VIEW v AS SELECT * FROM a JOIN b ON a.id = b.id;')).toEqual(['E_DUPLICATE 3:1 column "id" specified more than once']);
    expect(errors('CREATE VIEW v AS SELECT 1, 2;')).toEqual(['E_DUPLICATE 3:1 column "?column?" specified more than once']);
    expect(errors('CREATE MATERIALIZED VIEW m AS SELECT 1 AS k, 2 AS k;')).toEqual(['E_DUPLICATE 3:1 column "k" specified more than once']);
    expect(errors('CREATE VIEW v (p, q) AS SELECT 1 AS k, 2 AS k;')).toEqual([]);
  });
});
