/**
 * A migrate apply process killed with SIGKILL mid-file, then applied again: the database is what the
 * revisions row says, nothing applied twice, nothing skipped.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { writeSum } from '../../src/migrate/dir.js';
import { readRevisions } from '../../src/migrate/revisions.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

const REV = 'atlas_schema_revisions';

function project(txmode: 'none' | 'file'): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-kill-'));
  writeFileSync(join(dir, '1_log.sql'), 'CREATE TABLE log (n int);\n');
  writeFileSync(
    join(dir, '2_work.sql'),
    `${txmode === 'none' ? '-- atlas:txmode none\n\n' : ''}INSERT INTO log VALUES (1);\nSELECT pg_advisory_lock(4242);\nINSERT INTO log VALUES (2);\n`,
  );
  writeSum(dir);
  return dir;
}

async function waitFor(cond: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeEachDatabase('migrate apply killed mid-file', (t) => {
  for (const mode of ['none', 'file'] as const) {
    it(`tx-mode ${mode}: SIGKILL while statement 2 of 3 runs, then apply again`, async () => {
      const dir = project(mode);
      const blocker: Database = await openDatabase(t.url!);
      await blocker.advisoryLock(4242n);
      const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), 'migrate', 'apply', '--auto-approve', '--dir', `file://${dir}`, '--url', t.url!]);
      try {
        // Wait until the process is blocked inside file 2 (its advisory lock request is waiting).
        await waitFor(async () => (await t.db.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = 4242`)).rowCount > 0);
        child.kill('SIGKILL');
        await new Promise((r) => child.on('exit', r));
      } finally {
        await blocker.advisoryUnlock(4242n);
        await blocker.close();
      }
      await waitFor(async () => (await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Advisory'`)).rowCount === 0);
      const revs = await readRevisions(t.db, REV);
      const log = async () => (await t.db.query<{ n: number }>('SELECT n FROM log ORDER BY n')).rows.map((r) => r.n);
      if (mode === 'none') {
        expect(revs.map((r) => [r.version, r.applied, r.total])).toEqual([['1', 1, 1], ['2', 1, 3]]);
        expect(await log()).toEqual([1]);
      } else {
        expect(revs.map((r) => r.version)).toEqual(['1']); // the killed file left no trace
        expect(await log()).toEqual([]);
      }
      const again = await runCli(['migrate', 'apply', '--auto-approve', '--dir', `file://${dir}`, '--url', t.url!]);
      expect(again.code).toBe(0);
      expect(await log()).toEqual([1, 2]);
      expect((await readRevisions(t.db, REV)).map((r) => [r.version, r.applied, r.total, r.error])).toEqual([['1', 1, 1, ''], ['2', 3, 3, '']]);
    });
  }
}, { pglite: false }); // a killed PGlite process is a killed database: covered by the crash suite below

describeEachDatabase('embedded database crash during apply', () => {
  it('SIGKILL of the process during a non-transactional file: reopening shows the recorded state, re-apply finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-crash-'));
    writeFileSync(join(dir, '1_log.sql'), 'CREATE TABLE log (n int);\n');
    writeFileSync(join(dir, '2_work.sql'), '-- atlas:txmode none\n\nINSERT INTO log VALUES (1);\nSELECT pg_sleep(30);\nINSERT INTO log VALUES (2);\n');
    writeSum(dir);
    const dataDir = join(mkdtempSync(join(tmpdir(), 'meridian-crashdb-')), 'db');
    const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), 'migrate', 'apply', '--auto-approve', '--dir', `file://${dir}`, '--url', `pglite://${dataDir}`]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await waitFor(async () => out.includes('pg_sleep'), 60_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const db = await openDatabase(`pglite://${dataDir}`);
    try {
      const revs = await readRevisions(db, REV);
      expect(revs.map((r) => [r.version, r.applied, r.total])).toEqual([['1', 1, 1], ['2', 1, 3]]);
      expect((await db.query<{ n: number }>('SELECT n FROM log')).rows.map((r) => r.n)).toEqual([1]);
    } finally {
      await db.close();
    }
    writeFileSync(join(dir, '2_work.sql'), '-- atlas:txmode none\n\nINSERT INTO log VALUES (1);\nSELECT pg_sleep(0);\nINSERT INTO log VALUES (2);\n');
    writeSum(dir);
    // The sleeping statement was never recorded as applied, so editing it is allowed; statement 1 is not re-run.
    const again = await runCli(['migrate', 'apply', '--auto-approve', '--dir', `file://${dir}`, '--url', `pglite://${dataDir}`], { env: { DATABASE_URL: '' } });
    expect(again.stderr).toBe(`migrate apply: target embedded database ${dataDir} (not protected)\n`);
    expect(again.code).toBe(0);
    const db2 = await openDatabase(`pglite://${dataDir}`);
    try {
      expect((await db2.query<{ n: number }>('SELECT n FROM log ORDER BY n')).rows.map((r) => r.n)).toEqual([1, 2]);
    } finally {
      await db2.close();
    }
  });
}, { servers: false });
