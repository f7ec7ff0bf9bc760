/**
 * Grants to the role that runs the plan: the fold keeps `CURRENT_USER` (and `CURRENT_ROLE`, `SESSION_USER`) as the
 * grantee `CURRENT_USER`, and a plan writes it back as the keyword, never as the quoted role `"CURRENT_USER"` (a
 * role of that name is another role). Pure: fold, diff and plan, no database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../src/parse/index.js';
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

describe('the applying role by name (FoldOptions.role: `schema apply` folds with the target\'s current_user)', () => {
  const table = 'CREATE TABLE t (id int, v text)';
  const folded = (sql: string[], role?: string) => {
    const r = checkSchema([{ file: 'schema.sql', text: sql.map((s) => `${s};`).join('\n') }], { role });
    expect(r.errors).toEqual([]);
    return r.model;
  };
  const sqlAs = (role: string, from: string[], to: string[]) => {
    const [a, b] = [{ ...folded(from, role), role }, folded(to, role)];
    return plan(diff(a, b), a, b).map((s) => s.sql);
  };
  it('pg_dump\'s REVOKE ALL … FROM <owner>, GRANT SELECT … TO <owner> is the owner giving up all but SELECT', () => {
    const dumped = [table, 'REVOKE ALL ON TABLE t FROM postgres', 'GRANT SELECT ON TABLE t TO postgres'];
    expect(folded(dumped, 'postgres').tables['public.t']!.grants).toEqual([{ grantee: 'CURRENT_USER', privilege: 'SELECT', grantable: false }]);
    expect(sqlAs('postgres', [table], dumped)).toEqual(['REVOKE DELETE, INSERT, REFERENCES, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."t" FROM CURRENT_USER']);
    // Without the role's name, `postgres` is another role (migrate diff folds with none).
    expect(folded(dumped).tables['public.t']!.grants).toEqual([{ grantee: 'postgres', privilege: 'SELECT', grantable: false }]);
  });
  it('another role of the same spelling is not the owner', () => {
    expect(folded([table, 'GRANT SELECT ON t TO "Postgres"'], 'postgres').tables['public.t']!.grants).toEqual([{ grantee: 'Postgres', privilege: 'SELECT', grantable: false }]);
  });
  it('the public schema a database starts with is not the applying role\'s: a grant to it by name is its own entry', () => {
    const granted = ['GRANT ALL ON SCHEMA public TO postgres'];
    expect(sqlAs('postgres', [], granted)).toEqual(['GRANT CREATE, USAGE ON SCHEMA "public" TO "postgres"']);
    expect(sqlAs('postgres', granted, [])).toEqual(['REVOKE CREATE, USAGE ON SCHEMA "public" FROM "postgres"']);
    expect(sqlAs('postgres', granted, granted)).toEqual([]);
  });
  it('default privileges of the applying role name it as their owner', () => {
    const entry = ['ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM postgres'];
    expect(sqlAs('postgres', [], entry)).toEqual(['ALTER DEFAULT PRIVILEGES REVOKE SELECT, UPDATE, USAGE ON SEQUENCES FROM CURRENT_USER']);
  });
});
