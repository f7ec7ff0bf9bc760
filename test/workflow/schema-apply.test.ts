/**
 * `meridian schema apply` converges the example project from earlier states of its schema (each a
 * prefix of schema.sql's statements, with data) to schema.sql, on every database, and then has nothing to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { initSplitter, splitStatements } from '../../src/migrate/split.js';
import { plan } from '../../src/plan/index.js';
import { executeStatements, planSchemaApply } from '../../src/workflow/schema-apply.js';
import { modelFromSources } from '../../src/workflow/state.js';
import { repoRoot } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('schema apply on the example project', (t) => {
  it('converges from every earlier state (prefixes of schema.sql) and from an empty database', async () => {
    await initSplitter();
    const text = readFileSync(join(repoRoot, 'database/schema/schema.sql'), 'utf8');
    const stmts = splitStatements(text, 'schema.sql').map((s) => s.text);
    const desired = await modelFromSources(t.db, [{ file: 'schema.sql', text }]);
    for (let k = 0; k <= stmts.length; k += 2) {
      await t.reset();
      for (const s of stmts.slice(0, k)) await t.db.exec(s);
      const hasUsers = (await t.db.query<{ r: string | null }>(`SELECT to_regclass('practice_app.users')::text AS r`)).rows[0]!.r !== null;
      if (hasUsers) await t.db.exec(`INSERT INTO practice_app.users (email, name) VALUES ('ada@example.com', 'Ada')`);
      const statements = await planSchemaApply(t.db, desired);
      await executeStatements(t.db, statements);
      const after = (await inspect(t.db)).model;
      expect(plan(diff(after, desired), after, desired).map((s) => s.sql), `from the first ${k} statements`).toEqual([]);
      expect(await planSchemaApply(t.db, desired), `nothing left to do after converging from ${k} statements`).toEqual([]);
      if (hasUsers) expect((await t.db.query('SELECT email FROM practice_app.users')).rows, `the row survives from ${k} statements`).toEqual([{ email: 'ada@example.com' }]);
    }
  }, 120_000);
});
