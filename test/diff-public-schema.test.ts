/**
 * `migrate diff` of two files (folded Models, no connection and so no role learnt) over the public schema's owner and
 * privileges: a grant to PUBLIC of what PostgreSQL 13–14 gave it is planned, and the same file on both sides plans
 * nothing (model/privileges.ts `standardPublic`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../src/diff/index.js';
import { plan } from '../src/plan/index.js';
import { initSchemaParser } from '../src/parse/index.js';
import { parsedModel } from './helpers/model.js';

beforeAll(async () => {
  await initSchemaParser();
});

const sql = (from: string, to: string): string[] => {
  const [a, b] = [parsedModel(from, 'a.sql'), parsedModel(to, 'b.sql')];
  return plan(diff(a, b), a, b).map((s) => s.sql);
};
// As pg_dump writes a PostgreSQL 14 database's public schema (pagila).
const dump14 = 'ALTER SCHEMA public OWNER TO postgres;\nREVOKE USAGE ON SCHEMA public FROM PUBLIC;\nGRANT ALL ON SCHEMA public TO PUBLIC;\nCREATE TABLE t (id int);\n';

describe('the public schema between two files', () => {
  it('GRANT ALL ON SCHEMA public TO PUBLIC is a grant of CREATE, and its revoke', () => {
    expect(sql('CREATE TABLE t (id int);', dump14)).toEqual(['GRANT CREATE ON SCHEMA "public" TO PUBLIC']);
    expect(sql(dump14, 'CREATE TABLE t (id int);')).toEqual(['REVOKE CREATE ON SCHEMA "public" FROM PUBLIC']);
  });
  it('the same file on both sides, owner and privileges written as pg_dump of PostgreSQL 14 does, plans nothing', () => {
    expect(sql(dump14, dump14)).toEqual([]);
    expect(sql('REVOKE ALL ON SCHEMA public FROM PUBLIC;', 'REVOKE ALL ON SCHEMA public FROM PUBLIC;')).toEqual([]);
  });
});
