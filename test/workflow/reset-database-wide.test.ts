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
