/**
 * Atlas's integration testscript for `migrate status` on PostgreSQL
 * (ariga/atlas internal/integration/testdata/postgres/cli-migrate-status.txtar): `migrate status` output
 * compared byte for byte with Atlas's expected files, before, during and after applying.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-inproc.js';
import { atlasTargets, type AtlasTarget } from './targets.js';

const SCHEMA = 'script_cli_migrate_status';
const STATUS_CLEAN = `Migration Status: PENDING
  -- Current Version: No migration applied yet
  -- Next Version:    1
  -- Executed Files:  0
  -- Pending Files:   2
`;
const STATUS_ONE = `Migration Status: PENDING
  -- Current Version: 1
  -- Next Version:    2
  -- Executed Files:  1
  -- Pending Files:   1
`;
const STATUS_OK = `Migration Status: OK
  -- Current Version: 2
  -- Next Version:    Already at latest version
  -- Executed Files:  2
  -- Pending Files:   0
`;

for (const t of atlasTargets(SCHEMA)) {
  describe(`atlas testscript cli-migrate-status on ${t.name}`, () => {
    let target: AtlasTarget;
    let done: () => Promise<void>;
    let dir: string;
    const m = (...args: string[]) => runInProcess(args, { cwd: dir, env: { DATABASE_URL: undefined, MERIDIAN_PROTECTED: undefined } });
    const withUrl = (cmd: string, ...more: string[]) =>
      m('migrate', cmd, '--url', target.url, '--dir', 'file://migrations', '--revisions-schema', SCHEMA, ...more);

    beforeAll(async () => {
      ({ target, done } = await t.setup());
      dir = mkdtempSync(join(tmpdir(), 'meridian-atlas-status-'));
      mkdirSync(join(dir, 'migrations'));
      writeFileSync(join(dir, 'migrations', '1.sql'), 'CREATE TABLE "users" ("id" bigint NOT NULL GENERATED ALWAYS AS IDENTITY, PRIMARY KEY ("id"));\n');
      writeFileSync(join(dir, 'migrations', '2.sql'), 'ALTER TABLE "users" ADD COLUMN "happy" boolean NOT NULL DEFAULT true;\n');
    }, 120_000);
    afterAll(async () => {
      await done?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('prints Atlas\'s status text on a clean database, after one file and after both', async () => {
      expect((await m('migrate', 'hash', '--dir', 'file://migrations')).code).toBe(0);
      expect(await withUrl('status')).toEqual({ code: 0, stdout: STATUS_CLEAN, stderr: '' });
      expect((await withUrl('apply', '1')).code).toBe(0);
      expect(await withUrl('status')).toEqual({ code: 0, stdout: STATUS_ONE, stderr: '' });
      expect((await withUrl('apply', '1')).code).toBe(0);
      expect(await withUrl('status')).toEqual({ code: 0, stdout: STATUS_OK, stderr: '' });
      expect(await target.tables()).toEqual(['users']);
    }, 180_000);
  });
}
