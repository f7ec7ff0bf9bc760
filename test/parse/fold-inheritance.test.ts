/**
 * ALTER TABLE on a parent in a schema file, folded as PostgreSQL 15 and 18 apply it to children, grandchildren and
 * partitions (checked with psql and PGlite): what recurses without ONLY, what ONLY keeps on the parent, and the
 * statements PostgreSQL refuses (located errors with stable codes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import type { Model } from '../../src/model/types.js';

beforeAll(async () => {
  await initSchemaParser();
});

const fold = (text: string) => checkSchema([{ file: 'schema.sql', text }]);
const model = (text: string): Model => {
  const r = fold(text);
  expect(r.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
  return r.model;
};
const errors = (text: string) => fold(text).errors.map((e) => `${e.code} ${e.location.line}:${e.location.column}`);
const family = 'CREATE TABLE p (id int, n int, t text);\nCREATE TABLE c (x text) INHERITS (p);\nCREATE TABLE g () INHERITS (c);\n';
const col = (m: Model, table: string, name: string) => m.tables[`public.${table}`]!.columns.find((c) => c.name === name)!;

describe('ALTER TABLE on a parent, folded as PostgreSQL recurses it', () => {
  it('SET STATISTICS and SET STORAGE reach children and grandchildren; ONLY, SET (n_distinct) and SET COMPRESSION do not', () => {
    const m = model(`${family}ALTER TABLE p ALTER COLUMN n SET STATISTICS 50;\nALTER TABLE p ALTER COLUMN t SET STORAGE MAIN;\nALTER TABLE p ALTER COLUMN n SET (n_distinct = 5);\nALTER TABLE p ALTER COLUMN t SET COMPRESSION pglz;\nALTER TABLE ONLY p ALTER COLUMN id SET STATISTICS 9;`);
    expect(['p', 'c', 'g'].map((t) => [col(m, t, 'n').statistics, col(m, t, 't').storage, col(m, t, 'n').options ?? [], col(m, t, 't').compression, col(m, t, 'id').statistics])).toEqual([
      [50, 'MAIN', ['n_distinct=5'], 'pglz', 9], [50, 'MAIN', [], undefined, undefined], [50, 'MAIN', [], undefined, undefined],
    ]);
  });

  it('ONLY is seen: SET DEFAULT stays on the parent, ADD COLUMN with children is refused', () => {
    const m = model(`${family}ALTER TABLE ONLY p ALTER COLUMN n SET DEFAULT 3;`);
    expect([col(m, 'p', 'n').default?.text, col(m, 'c', 'n').default]).toEqual(['3', undefined]);
    expect(errors(`${family}ALTER TABLE ONLY p ADD COLUMN z int;`)).toEqual(['E_UNSUPPORTED 4:1']);
  });

  it('ADD CONSTRAINT CHECK recurses (a child\'s own check of that name must be the same); with ONLY it is refused unless NO INHERIT', () => {
    const m = model(`${family}CREATE TABLE d (n int, CONSTRAINT p_n CHECK (n > 0)) INHERITS (p);\nALTER TABLE p ADD CONSTRAINT p_n CHECK (n > 0);\nALTER TABLE ONLY p ADD CONSTRAINT p_o CHECK (n > 1) NO INHERIT;`);
    expect(Object.keys(m.tables['public.p']!.constraints).sort()).toEqual(['p_n', 'p_o']);
    expect(Object.keys(m.tables['public.d']!.constraints)).toEqual(['p_n']);
    expect(Object.keys(m.tables['public.c']!.constraints)).toEqual([]);
    expect(errors(`${family}CREATE TABLE d (n int, CONSTRAINT p_n CHECK (n > 5)) INHERITS (p);\nALTER TABLE p ADD CONSTRAINT p_n CHECK (n > 0);`)).toEqual(['E_DUPLICATE 5:1']);
    expect(errors(`${family}ALTER TABLE ONLY p ADD CONSTRAINT p_o CHECK (n > 1);`)).toEqual(['E_UNSUPPORTED 4:1']);
  });

  it('DROP CONSTRAINT: refused on a child that has the check from a parent; with ONLY, the direct children keep it as their own', () => {
    const withCheck = `${family}ALTER TABLE p ADD CONSTRAINT p_n CHECK (n > 0) NOT VALID;\n`;
    expect(errors(`${withCheck}ALTER TABLE c DROP CONSTRAINT p_n;`)).toEqual(['E_UNKNOWN 5:1']);
    expect(errors(`CREATE TABLE p (n int, CONSTRAINT p_n CHECK (n > 0));\nCREATE TABLE c (n int, CONSTRAINT p_n CHECK (n > 0)) INHERITS (p);\nALTER TABLE c DROP CONSTRAINT p_n;`)).toEqual(['E_DEPENDS 3:1']);
    const m = model(`${withCheck}ALTER TABLE ONLY p DROP CONSTRAINT p_n;`);
    expect(m.tables['public.p']!.constraints.p_n).toBeUndefined();
    expect(m.tables['public.c']!.constraints.p_n).toMatchObject({ kind: 'check', notValid: true });
    expect(m.tables['public.g']!.constraints.p_n).toBeUndefined();
    const gone = model(`${withCheck}ALTER TABLE p DROP CONSTRAINT p_n;`);
    expect(['p', 'c', 'g'].map((t) => Object.keys(gone.tables[`public.${t}`]!.constraints))).toEqual([[], [], []]);
  });

  it('a partitioned table: ONLY DROP CONSTRAINT with partitions is refused (as PostgreSQL 15)', () => {
    const q = 'CREATE TABLE q (id int, n int, CONSTRAINT q_n CHECK (n > 0)) PARTITION BY RANGE (id);\nCREATE TABLE q1 PARTITION OF q FOR VALUES FROM (0) TO (10);\n';
    expect(errors(`${q}ALTER TABLE ONLY q DROP CONSTRAINT q_n;`)).toEqual(['E_UNSUPPORTED 3:1']);
    expect(errors(`${q}ALTER TABLE q1 DROP CONSTRAINT q_n;`)).toEqual(['E_UNKNOWN 3:1']);
    const m = model(`${q}ALTER TABLE q ALTER COLUMN n SET STATISTICS 7;\nALTER TABLE q DROP CONSTRAINT q_n;`);
    expect([col(m, 'q1', 'n').statistics, Object.keys(m.tables['public.q']!.constraints)]).toEqual([7, []]);
  });
});
