/**
 * `migrate down` of a partially applied file (`-- atlas:txmode none`, a statement failed half-way): the
 * revert undoes what ran, and the revisions table is left as the earlier files left it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { inspect } from '../../src/inspect/index.js';
import { applyMigrations, migrationStatus } from '../../src/migrate/apply.js';
import { writeSum } from '../../src/migrate/dir.js';
import { readRevisions } from '../../src/migrate/revisions.js';
import { migrateDown } from '../../src/workflow/migrate-down.js';
import { pgDump } from '../acceptance/harness.js';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases.js';

const REV = 'atlas_schema_revisions';

async function snapshot(t: TestDatabase): Promise<string> {
  if (t.url) return pgDump(t.url);
  return JSON.stringify((await inspect(t.db)).model);
}

describeEachDatabase('migrate down of a partially applied file', (t) => {
  it('reverts the statements that ran (txmode none) and removes the partial revision', async () => {
    await t.reset();
    const dir = mkdtempSync(join(tmpdir(), 'meridian-down-partial-'));
    writeFileSync(join(dir, '20260101000000_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
    // Two statements run outside a transaction, the third fails (duplicate emails): applied 2 of 3.
    writeFileSync(
      join(dir, '20260102000000_tags.sql'),
      "-- atlas:txmode none\n\nCREATE TABLE tags (id int PRIMARY KEY, name text);\nALTER TABLE users ADD COLUMN nick text DEFAULT 'n';\nCREATE UNIQUE INDEX users_email ON users (email);\n",
    );
    writeSum(dir);
    expect((await applyMigrations(t.db, { dir, count: 1 })).ok).toBe(true);
    await t.db.exec("INSERT INTO users (id, email) VALUES (1, 'same@x'), (2, 'same@x')");
    const before = await snapshot(t);
    const revsBefore = (await readRevisions(t.db, REV)).map((r) => r.version);
    const failed = await applyMigrations(t.db, { dir });
    expect(failed.ok).toBe(false);
    const partial = (await readRevisions(t.db, REV)).at(-1)!;
    expect([partial.version, partial.applied, partial.total]).toEqual(['20260102000000', 2, 3]);
    expect((await migrationStatus(t.db, { dir })).partial?.revision.applied).toBe(2);

    const dev = await openDatabase('pglite://memory');
    try {
      const dry = await migrateDown(t.db, { dir, dev, dryRun: true });
      expect(dry.reverted.map((r) => r.version)).toEqual(['20260102000000']);
      expect(dry.statements.map((s) => s.source.kind).sort()).toEqual(['drop_column', 'drop_table']);
      // The column holds only what ADD COLUMN … DEFAULT wrote: the forward migration's data, not the users'.
      expect(dry.dataLoss).toEqual([]);
      const r = await migrateDown(t.db, { dir, dev });
      expect(r.applied).toBe(true);
    } finally {
      await dev.close();
    }
    expect(await snapshot(t)).toBe(before);
    expect((await readRevisions(t.db, REV)).map((r) => r.version)).toEqual(revsBefore);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(2);
    // Fixed data, the file applies from the start again.
    await t.db.exec("UPDATE users SET email = 'other@x' WHERE id = 2");
    const again = await applyMigrations(t.db, { dir });
    expect(again.ok).toBe(true);
    expect(again.files.map((f) => f.applied)).toEqual([3]);
  });
});
