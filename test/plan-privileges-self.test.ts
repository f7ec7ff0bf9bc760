/**
 * Grants to the role that runs the plan: the fold keeps `CURRENT_USER` (and `CURRENT_ROLE`, `SESSION_USER`) as the
 * grantee `CURRENT_USER`, and a plan writes it back as the keyword, never as the quoted role `"CURRENT_USER"` (a
 * role of that name is another role). Pure: fold, diff and plan, no database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initSchemaParser } from '../src/parse/index.js';
import { diff } from '../src/diff/index.js';
import { plan } from '../src/plan/index.js';
import { parsedModel } from './helpers/model.js';

beforeAll(async () => {
  await initSchemaParser();
});

const sqlOf = (from: string[], to: string[]) => {
  const [a, b] = [parsedModel(from), parsedModel(to)];
  return plan(diff(a, b), a, b).map((s) => s.sql).join('\n');
};

describe('grants to CURRENT_USER', () => {
  const table = 'CREATE TABLE t (id int, v text)';
  for (const spelling of ['CURRENT_USER', 'CURRENT_ROLE', 'SESSION_USER']) {
    it(`${spelling} WITH GRANT OPTION is granted and revoked as the keyword CURRENT_USER`, () => {
      const grant = `GRANT SELECT ON t TO ${spelling} WITH GRANT OPTION`;
      const forward = sqlOf([table], [table, grant]);
      expect(forward).toMatch(/GRANT SELECT ON TABLE "public"\."t" TO CURRENT_USER WITH GRANT OPTION/);
      expect(forward).not.toContain('"CURRENT_USER"');
      const back = sqlOf([table, grant], [table]);
      expect(back).toMatch(/REVOKE .*SELECT ON TABLE "public"\."t" FROM CURRENT_USER/);
      expect(back).not.toContain('"CURRENT_USER"');
    });
  }
  it('a column grant to CURRENT_USER names the keyword', () => {
    const sql = sqlOf([table], [table, 'GRANT UPDATE (v) ON t TO CURRENT_USER']);
    expect(sql).toMatch(/GRANT UPDATE \("v"\) ON TABLE "public"\."t" TO CURRENT_USER/);
  });
});

describe("the owner's own privileges (CURRENT_USER owns what the plan creates)", () => {
  const table = 'CREATE TABLE t (id int, v text)';
  const sqlAs = (role: string | undefined, from: string[], to: string[]) => {
    const [a, b] = [parsedModel(from), parsedModel(to)];
    const current = role ? { ...a, role } : a;
    return plan(diff(current, b), current, b).map((s) => s.sql);
  };
  it('REVOKE ALL from the owner is planned, and granted back', () => {
    expect(sqlAs(undefined, [table], [table, 'REVOKE ALL ON t FROM CURRENT_USER'])).toEqual(['REVOKE ALL ON TABLE "public"."t" FROM CURRENT_USER']);
    expect(sqlAs(undefined, [table, 'REVOKE ALL ON t FROM CURRENT_USER'], [table]).join('\n')).toMatch(/^GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"\."t" TO CURRENT_USER$/);
  });
  it('one privilege given up is revoked alone; a plain grant to the owner plans nothing', () => {
    expect(sqlAs(undefined, [table], [table, 'REVOKE UPDATE ON t FROM SESSION_USER'])).toEqual(['REVOKE UPDATE ON TABLE "public"."t" FROM CURRENT_USER']);
    expect(sqlAs(undefined, [table], [table, 'GRANT ALL ON t TO CURRENT_USER', 'GRANT USAGE ON SCHEMA public TO CURRENT_USER'])).toEqual([]);
  });
  it('a grant by name to the inspecting role (Model.role) is the owner\'s', () => {
    expect(sqlAs('postgres', [table, 'REVOKE ALL ON t FROM CURRENT_USER'], [table, 'REVOKE ALL ON t FROM CURRENT_USER', 'GRANT SELECT ON t TO postgres'])).toEqual(['GRANT SELECT ON TABLE "public"."t" TO CURRENT_USER']);
    expect(sqlAs('postgres', [table], [table, 'GRANT SELECT ON t TO postgres'])).toEqual([]);
  });
  it('a function whose owner gives up EXECUTE keeps PUBLIC\'s', () => {
    const f = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$';
    expect(sqlAs(undefined, [f], [f, 'REVOKE ALL ON FUNCTION f() FROM CURRENT_USER'])).toEqual(['REVOKE EXECUTE ON FUNCTION "public"."f"() FROM CURRENT_USER']);
  });
  it('default privileges: a database-wide entry giving up the owner\'s privileges', () => {
    expect(sqlAs(undefined, [], ['ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM CURRENT_USER'])).toEqual(['ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM CURRENT_USER']);
    expect(sqlAs(undefined, [], ['ALTER DEFAULT PRIVILEGES GRANT ALL ON TABLES TO CURRENT_USER'])).toEqual([]);
  });
});
