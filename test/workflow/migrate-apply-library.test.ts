/**
 * `migrate apply`'s guard rails belong to the workflow, not the CLI (issue 28 point 1): a library caller of
 * `migrateApply` (no terminal, no `confirm` callback) gets the same refusals and consent rules as the CLI:
 * a protected environment does not run unattended, a plan that deletes data needs the hazard named, and
 * once both are given the files run (the backup that would be due is reported as skipped when asked to).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { migrateApply, migrationStatus, openDatabase, protectionFor, writeSum, type Database, type MigrateApplyOptions } from '../../src/index.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('migrate apply from the library: guard rails', (t) => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'meridian-lib-apply-'));
    dir = join(cwd, 'migrations');
  });

  /** Applies the first file unguarded (a local, unprotected target), then adds a second that drops a column. */
  async function setUp(db: Database): Promise<Omit<MigrateApplyOptions, 'consent'>> {
    mkdirSync(dir);
    writeFileSync(join(dir, '20260101000000_users.sql'), 'CREATE TABLE users (id int PRIMARY KEY, nickname text);\nINSERT INTO users VALUES (1, \'ann\');\n');
    writeSum(dir);
    const base = { dir, cwd, url: t.url ?? 'pglite://memory', dev: () => openDatabase('pglite://memory') };
    const first = await migrateApply(db, { ...base, protection: protectionFor({ envName: undefined, url: 'postgres://127.0.0.1/app' }), consent: {} });
    expect(first.result?.ok).toBe(true);
    writeFileSync(join(dir, '20260102000000_drop_nickname.sql'), 'ALTER TABLE users DROP COLUMN nickname;\n');
    writeSum(dir);
    return { ...base, protection: protectionFor({ envName: 'production', url: 'postgres://127.0.0.1/app' }), envName: 'production' };
  }

  it('refuses an unnamed DELETES_DATA hazard, refuses to run unattended, then applies with both given', async () => {
    await t.reset();
    const opts = await setUp(t.db);
    expect(opts.protection.protected).toBe(true);
    const pending = async () => (await migrationStatus(t.db, { dir })).pending.map((f) => f.name);

    await expect(migrateApply(t.db, { ...opts, consent: {} })).rejects.toMatchObject({ code: 'E_HAZARD', message: expect.stringMatching(/protected.*DELETES_DATA/s) });
    await expect(migrateApply(t.db, { ...opts, consent: { autoApprove: true } })).rejects.toMatchObject({ code: 'E_HAZARD' });
    await expect(migrateApply(t.db, { ...opts, consent: { allowHazards: ['DELETES_DATA'] } })).rejects.toMatchObject({ code: 'E_CONFIRM', message: expect.stringMatching(/nothing runs unattended/) });
    expect(await pending()).toEqual(['20260102000000_drop_nickname.sql']);

    // A person who is asked and says no: nothing runs, and nothing throws.
    const refused = await migrateApply(t.db, { ...opts, consent: { allowHazards: ['DELETES_DATA'] }, confirm: async () => false });
    expect(refused.guard?.proceed).toBe(false);
    expect(refused.result).toBeUndefined();
    expect(await pending()).toEqual(['20260102000000_drop_nickname.sql']);

    const r = await migrateApply(t.db, { ...opts, consent: { autoApprove: true, allowHazards: ['DELETES_DATA'] }, skipBackup: true });
    expect(r.plan.hazards.map((h) => h.code)).toEqual(['DELETES_DATA']);
    expect(r.guard).toMatchObject({ proceed: true, via: 'auto-approve', backup: { kind: 'skipped' } });
    expect(r.result?.ok).toBe(true);
    expect(await pending()).toEqual([]);
    expect((await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1`)).rows).toEqual([{ column_name: 'id' }]);
  });
});
