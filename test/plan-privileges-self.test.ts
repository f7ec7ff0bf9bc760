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
