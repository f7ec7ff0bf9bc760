/**
 * `meridian schema diff --from A --to B`: the two states are resolved together (`resolveStates`): server
 * URLs inspected concurrently, files folded on the dev database in turn, the Models returned in order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { diff } from '../../src/diff/index.js';
import { qualifiedKey } from '../../src/model/names.js';
import { resolveState, resolveStates } from '../../src/workflow/schema-apply.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { createServerDatabase, describeEachDatabase, withDatabase } from '../helpers/databases.js';

const OLD = 'CREATE SCHEMA "Shop";\nCREATE TABLE "Shop".orders (id int PRIMARY KEY, "user" text);\n';
const NEW = 'CREATE SCHEMA "Shop";\nCREATE TABLE "Shop".orders (id int PRIMARY KEY, "user" text, total numeric(10,2) NOT NULL DEFAULT 0);\nCREATE INDEX ON "Shop".orders ("user");\n';

function files(): { old: string; new: string } {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-schema-diff-'));
  writeFileSync(join(dir, 'old.sql'), OLD);
  writeFileSync(join(dir, 'new.sql'), NEW);
  return { old: `file://${join(dir, 'old.sql')}`, new: `file://${join(dir, 'new.sql')}` };
}

describeEachDatabase('schema diff: resolveStates', (t) => {
  it('files on the dev database, one after the other: the same Models, in order, as resolving each alone', async () => {
    const f = files();
    const both = await resolveStates([f.new, f.old], t.db);
    expect(both).toEqual([await resolveState(f.new, t.db), await resolveState(f.old, t.db)]);
    expect(Object.keys(both[0]!.tables[qualifiedKey('Shop', 'orders')]!.indexes)).toEqual(['orders_user_idx']);
    expect(both[1]!.tables[qualifiedKey('Shop', 'orders')]!.indexes).toEqual({});
  });
});

describeEachDatabase('schema diff between two live databases', (t) => {
  it('two live databases: the Models in order, without the dev database; the CLI prints the plan both ways', async () => {
    const other = await createServerDatabase(t.target.url);
    try {
      await t.db.exec(OLD);
      const db2 = await openDatabase(other.url);
      try {
        await db2.exec(NEW);
      } finally {
        await db2.close();
      }
      // Two URLs never open the dev database.
      const noDev = async () => {
        throw new Error('the dev database was opened');
      };
      const [fromA, fromB] = await resolveStates([t.url!, other.url], noDev);
      expect(diff(fromA!, fromB!).map((c) => c.kind).sort()).toEqual(['add_column', 'create_index']);
      // A URL with a file: the file is folded on the dev database (here a third, empty one) meanwhile.
      const dev = await createServerDatabase(t.target.url);
      const devDb = await openDatabase(dev.url);
      try {
        const [fromB2, fromFile] = await resolveStates([other.url, files().new], devDb);
        expect(diff(fromB2!, fromFile!)).toEqual([]);
      } finally {
        await devDb.close();
        await dev.drop();
      }
      const r = await runInProcess(['schema', 'diff', '--from', t.url!, '--to', other.url]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('ALTER TABLE "Shop"."orders" ADD COLUMN "total" numeric(10,2) NOT NULL DEFAULT 0;');
      expect(r.stdout).toContain('CREATE INDEX "orders_user_idx" ON "Shop"."orders" ("user");');
      const back = await runInProcess(['schema', 'diff', '--from', other.url, '--to', t.url!]);
      expect(back.stdout).toContain('DROP INDEX "Shop"."orders_user_idx";');
      expect(back.stdout).toContain('ALTER TABLE "Shop"."orders" DROP COLUMN "total";');
    } finally {
      await other.drop();
    }
  });

  it('a database that does not exist fails the diff with its name, after the other state is read', async () => {
    const missing = withDatabase(t.url!, 'meridian_no_such_database');
    await expect(resolveStates([t.url!, missing], t.db)).rejects.toThrow(/meridian_no_such_database/);
    await expect(resolveStates([missing, files().old], t.db)).rejects.toThrow(/meridian_no_such_database/);
    const r = await runInProcess(['schema', 'diff', '--from', t.url!, '--to', missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/meridian_no_such_database/);
  });
}, { pglite: false });
