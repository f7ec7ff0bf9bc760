/**
 * `migrate apply` on a file too big for the server's lock table (SQLSTATE 53200, `out of shared memory`): the
 * error says what to do (raise max_locks_per_transaction, or run without one transaction), as `schema apply`'s does
 * (src/db/lock-table.ts). The server raises the real SQLSTATE from a DO block: filling a lock table would take
 * thousands of relations.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { applyMigrations } from '../../src/migrate/apply.js';
import { writeSum } from '../../src/migrate/dir.js';
import { describeEachDatabase } from '../helpers/databases.js';

const FULL = `DO $$ BEGIN RAISE EXCEPTION 'out of shared memory' USING ERRCODE = '53200'; END $$;`;

function makeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-locks-'));
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
  writeSum(dir);
  return dir;
}

describeEachDatabase('migrate apply lock table', (t) => {
  it('says what to do when a file runs out of lock slots in its transaction (SQLSTATE 53200)', async () => {
    const dir = makeDir({ '1_a.sql': `CREATE TABLE lt_a (id int);\n${FULL}\n` });
    const r = await applyMigrations(t.db, { dir });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^sql\/migrate: executing statement .* from version "1": out of shared memory: the 2 statement\(s\) of 1_a\.sql in one transaction hold more locks .*max_locks_per_transaction.*--tx-mode none.*atlas:txmode none/);
    // The revision row keeps Atlas's text, without the hint.
    expect(r.files[0]!.error!.message).toBe('out of shared memory');
  });

  it('gives the hint for --tx-mode all, and none when the statement ran on its own', async () => {
    const all = await applyMigrations(t.db, { dir: makeDir({ '1_a.sql': 'CREATE TABLE lt_b (id int);\n', '2_b.sql': `${FULL}\n` }), txMode: 'all' });
    expect(all.error).toMatch(/out of shared memory: the 2 file\(s\) in one transaction \(--tx-mode all\) hold more locks/);
    const none = await applyMigrations(t.db, { dir: makeDir({ '1_a.sql': `${FULL}\n` }), txMode: 'none' });
    expect(none.error).toMatch(/out of shared memory$/);
  });
});
