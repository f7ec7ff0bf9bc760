/**
 * Folding a server whose foreign-data wrapper comes from an extension (found on pgquarrel's test/from-server.sql,
 * PostgreSQL licence; our own statements): `CREATE EXTENSION postgres_fdw` creates the wrapper, so the server, its
 * user mapping and its foreign tables fold; without any extension the unknown wrapper stays an error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(async () => {
  await initSchemaParser();
});

const fold = (sql: string) => checkSchema([{ file: 'schema.sql', text: sql }]);

describe('a server on an extension\'s wrapper', () => {
  it('folds after CREATE EXTENSION', () => {
    const r = fold(`CREATE EXTENSION postgres_fdw;
      CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost');
      CREATE USER MAPPING FOR PUBLIC SERVER remote;
      CREATE FOREIGN TABLE ft (id int) SERVER remote;`);
    expect(r.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
    expect(Object.keys(r.model.objects ?? {}).sort()).toEqual(expect.arrayContaining(['server remote']));
  });

  it('is refused when no statement creates the wrapper or an extension', () => {
    const r = fold(`CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw;`);
    expect(r.errors.map((e) => `${e.code} ${e.message}`)).toEqual(['E_UNKNOWN foreign-data wrapper "postgres_fdw" does not exist']);
  });
});
