/** Resetting a dev database that holds thousands of relations must not run out of lock slots. */
import { expect, it } from 'vitest';
import { resetDevDatabase } from '../../src/workflow/state.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('reset of a big dev database', (t) => {
  it('drops 1,500 tables with keys and sequences (more than one transaction may lock by default)', async () => {
    const ddl = ['CREATE SCHEMA big'];
    for (let i = 0; i < 1500; i++) ddl.push(`CREATE TABLE big.t${i} (id serial PRIMARY KEY, v text UNIQUE)`);
    for (let i = 0; i < ddl.length; i += 250) await t.db.exec(ddl.slice(i, i + 250).join(';\n'));
    await resetDevDatabase(t.db);
    const left = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_catalog.pg_namespace WHERE nspname = 'big'`);
    expect(left.rows[0]!.n).toBe(0);
  }, 120_000);
});
