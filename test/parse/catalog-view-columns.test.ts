/**
 * A view's column references checked natively (src/parse/column-refs.ts) over pg_catalog's relations, typed from the
 * generated catalog table (src/parse/catalog-relations.ts), and over the file's tables: PostgreSQL's refusal
 * (`column "relnam" does not exist`), located, where `schema validate --native` said valid before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { catalogRelation } from '../../src/parse/catalog-relations.js';

beforeAll(async () => {
  await initSchemaParser();
});

const errors = (text: string) => checkSchema([{ file: 'schema.sql', text }]).errors.map((e) => `${e.location.line}:${e.location.column} ${e.code} ${e.message}`);

describe('catalog view columns', () => {
  it('refuses a misspelt pg_catalog column in a view, located', () => {
    expect(errors('CREATE VIEW v AS\n  SELECT relnam FROM pg_class;\n')).toEqual(['2:10 E_UNKNOWN column "relnam" does not exist']);
    expect(errors('CREATE MATERIALIZED VIEW m AS SELECT c.relname, n.nspnam FROM pg_catalog.pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace;')).toEqual(['1:49 E_UNKNOWN column n.nspnam does not exist']);
  });

  it('refuses a misspelt column of the file\'s table in a view, as PostgreSQL does', () => {
    expect(errors('CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT b FROM t;\n')).toEqual(['2:25 E_UNKNOWN column "b" does not exist']);
  });

  it('accepts what PostgreSQL accepts', () => {
    for (const text of [
      'CREATE VIEW v AS SELECT relname, oid, ctid FROM pg_class WHERE relkind = \'r\' ORDER BY 1;',
      // A column of one major only (relallfrozen: PostgreSQL 18): the server decides, the target's major not known here.
      'CREATE VIEW v AS SELECT relallfrozen FROM pg_class;',
      'CREATE VIEW v AS SELECT datlocale FROM pg_database UNION ALL SELECT daticulocale FROM pg_database;',
      // Whole-row, output names in ORDER BY / GROUP BY, an outer reference in a subquery, a CTE.
      'CREATE VIEW v AS SELECT c, c.relname AS r FROM pg_class c GROUP BY r, c ORDER BY r;',
      'CREATE VIEW v AS SELECT n.nspname FROM pg_namespace n WHERE EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND nspname <> \'x\');',
      'CREATE VIEW v AS WITH x AS (SELECT relname AS y FROM pg_class) SELECT y FROM x;',
      'CREATE TABLE t (a int);\nCREATE FUNCTION f(t) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nCREATE VIEW v AS SELECT t.f, tableoid FROM t;',
    ]) expect(errors(text), text).toEqual([]);
  });

  it('types pg_catalog columns: exact for a known major, the columns of every major otherwise', () => {
    expect(catalogRelation(['pg_namespace'])).toMatchObject({ columns: ['oid', 'nspname', 'nspowner', 'nspacl'], types: ['oid', 'name', 'oid', 'aclitem[]'] });
    expect(catalogRelation(['pg_class'])?.partial).toBe(true);
    expect(catalogRelation(['pg_class'], 15)?.columns).not.toContain('relallfrozen');
    expect(catalogRelation(['pg_class'], 18)?.columns).toContain('relallfrozen');
    expect(catalogRelation(['public', 'pg_class'])).toBeUndefined();
  });

  it('gives the output columns of a view over pg_namespace to the views reading it', () => {
    const r = checkSchema([{ file: 'schema.sql', text: 'CREATE VIEW a AS SELECT * FROM pg_namespace;\nCREATE VIEW b AS SELECT nspname FROM a;\n' }]);
    expect(r.errors).toEqual([]);
    expect(r.model.views['public.a']!.columns).toEqual(['oid', 'nspname', 'nspowner', 'nspacl']);
    expect(errors('CREATE VIEW a AS SELECT * FROM pg_namespace;\nCREATE VIEW b AS SELECT nspnam FROM a;\n')).toEqual(['2:25 E_UNKNOWN column "nspnam" does not exist']);
  });
});
