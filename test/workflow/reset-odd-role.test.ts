/**
 * Resetting a dev database whose `public` schema is owned by, or grants to, a role whose name needs quotes
 * (hunt 13a: PostgreSQL's pg_dump test runs `ALTER SCHEMA public OWNER TO "regress_quoted  \"" role"`). The reset
 * read the owner as `regrole::name` (regrole's output, already quoted) and quoted it again: `role ""…"" does not exist`.
 */
import { expect, it } from 'vitest';
import { resetDevDatabase } from '../../src/workflow/state.js';
import { describeEachDatabase } from '../helpers/databases.js';

const ROLE = 'm27a_odd  \\"" role';

describeEachDatabase('reset of a dev database whose public schema belongs to an odd role', (t) => {
  it('keeps the owner and the grants of a role named with a double quote, a backslash and blanks', async () => {
    await t.db.exec(`DO $$ BEGIN CREATE ROLE "${ROLE}" NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    const before = await t.db.query<{ owner: string }>(`SELECT pg_catalog.pg_get_userbyid(nspowner) AS owner FROM pg_catalog.pg_namespace WHERE nspname = 'public'`);
    try {
      await t.db.exec(`ALTER SCHEMA public OWNER TO "${ROLE}"; GRANT USAGE ON SCHEMA public TO "${ROLE}"`);
      await resetDevDatabase(t.db);
      const after = await t.db.query<{ owner: string; usage: boolean }>(
        `SELECT pg_catalog.pg_get_userbyid(nspowner) AS owner, EXISTS (SELECT 1 FROM aclexplode(nspacl) a
           WHERE pg_catalog.pg_get_userbyid(a.grantee) = $1 AND a.privilege_type = 'USAGE') AS usage
           FROM pg_catalog.pg_namespace WHERE nspname = 'public'`, [ROLE.replace(/""/g, '"')]);
      expect(after.rows[0]).toEqual({ owner: ROLE.replace(/""/g, '"'), usage: true });
    } finally {
      await t.db.exec(`REVOKE ALL ON SCHEMA public FROM "${ROLE}"; ALTER SCHEMA public OWNER TO "${before.rows[0]!.owner}"`);
    }
  });
});
