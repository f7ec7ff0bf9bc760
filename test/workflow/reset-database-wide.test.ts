/**
 * Resetting a dev database drops the database-wide objects a schema file can create outside schemas: an access
 * method and a transform (hunt 13a, PostgreSQL's pg_dump test: `CREATE ACCESS METHOD regress_table_am …`, `CREATE
 * TRANSFORM FOR int LANGUAGE SQL …`). They stayed, and the next use of the dev database failed ("access method …
 * already exists").
 */
import { expect, it } from 'vitest';
import { resetDevDatabase } from '../../src/workflow/state.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('reset of a dev database holding an access method and a transform', (t) => {
  it('drops them, so the same file runs again', async () => {
    const ddl = `CREATE ACCESS METHOD m27a_heap2 TYPE TABLE HANDLER heap_tableam_handler;
      CREATE ACCESS METHOD m27a_gist2 TYPE INDEX HANDLER gisthandler;
      CREATE TRANSFORM FOR int LANGUAGE SQL (FROM SQL WITH FUNCTION prsd_lextype(internal), TO SQL WITH FUNCTION int4recv(internal));`;
    await t.db.exec(ddl);
    await resetDevDatabase(t.db);
    const left = await t.db.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM pg_catalog.pg_am WHERE amname LIKE 'm27a\\_%') + (SELECT count(*) FROM pg_catalog.pg_transform WHERE oid >= 16384))::int AS n`);
    expect(left.rows[0]!.n).toBe(0);
    await t.db.exec(ddl);
    await resetDevDatabase(t.db);
  });
});

describeEachDatabase('reset of a dev database whose plpgsql and sql privileges a file changed (h187)', (t) => {
  it('gives the languages their default privileges back (USAGE to PUBLIC and the owner), as a fresh database has them', async () => {
    // As a set (pg_dump compares an ACL with acldefault item by item, not by order).
    const acl = `SELECT l.lanname, (SELECT array_agg(x ORDER BY x) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type || ':' || a.is_grantable AS x
        FROM aclexplode(COALESCE(l.lanacl, acldefault('l', l.lanowner))) a) i) AS items FROM pg_catalog.pg_language l WHERE l.lanname IN ('plpgsql', 'sql') ORDER BY 1`;
    const fresh = (await t.db.query(acl)).rows;
    await t.db.exec(`DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
      REVOKE ALL ON LANGUAGE plpgsql FROM PUBLIC; GRANT USAGE ON LANGUAGE plpgsql TO m27a_reader WITH GRANT OPTION;
      GRANT USAGE ON LANGUAGE sql TO m27a_reader; REVOKE USAGE ON LANGUAGE sql FROM CURRENT_USER;`);
    expect((await t.db.query(acl)).rows).not.toEqual(fresh);
    await resetDevDatabase(t.db);
    expect((await t.db.query(acl)).rows).toEqual(fresh);
  });
});
