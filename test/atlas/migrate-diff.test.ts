/**
 * Atlas's integration testscript for `migrate diff` on PostgreSQL
 * (ariga/atlas internal/integration/testdata/postgres/cli-migrate-diff.txtar), with the desired states
 * written as SQL schema files instead of Atlas HCL: `migrate diff` writes the file and prints nothing,
 * and says Atlas's sentence when the directory is already synced. The dev database is the embedded one
 * (Meridian's default where Atlas requires --dev-url) and, when DATABASE_URL is set, a PostgreSQL one.
 *
 * As in the testscript, the dev URL is bound to the script's schema, so the files are compared byte for byte
 * with Atlas's (names unqualified, `PRIMARY KEY ("id")`, NOT NULL before DEFAULT).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-inproc.js';
import { createServerDatabase } from '../helpers/databases.js';

const SCHEMA = 'script_cli_migrate_diff';
const ONE = 'CREATE TABLE users (id bigint NOT NULL, PRIMARY KEY (id));\n';
const TWO = 'CREATE TABLE users (id bigint NOT NULL, create_time timestamp(4) NOT NULL DEFAULT CURRENT_TIMESTAMP(4), PRIMARY KEY (id));\n';

const devs: Array<{ name: string; dev: () => Promise<{ url: string; done: () => Promise<void> }> }> = [
  { name: 'the embedded dev database', dev: async () => ({ url: `pglite://memory?search_path=${SCHEMA}`, done: async () => undefined }) },
];
if (process.env.DATABASE_URL) {
  const base = process.env.DATABASE_URL;
  devs.push({
    name: 'a PostgreSQL dev database',
    dev: async () => {
      const s = await createServerDatabase(base);
      const u = new URL(s.url);
      u.searchParams.set('search_path', SCHEMA);
      return { url: u.toString(), done: s.drop };
    },
  });
}

for (const d of devs) {
  describe(`atlas testscript cli-migrate-diff with ${d.name}`, () => {
    let dir: string;
    let dev: { url: string; done: () => Promise<void> };
    const m = (...args: string[]) =>
      runInProcess(['migrate', 'diff', '--dev-url', dev.url, '--dir', 'file://migrations', ...args], { cwd: dir, env: { DATABASE_URL: undefined } });
    const files = () => readdirSync(join(dir, 'migrations')).filter((f) => f.endsWith('.sql')).sort();

    beforeAll(async () => {
      dev = await d.dev();
      dir = mkdtempSync(join(tmpdir(), 'meridian-atlas-diff-'));
      mkdirSync(join(dir, 'migrations'));
      writeFileSync(join(dir, '1.sql'), ONE);
      writeFileSync(join(dir, '2.sql'), TWO);
    });
    afterAll(async () => {
      await dev.done();
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes each migration without a word, hashes it, and says when the directory is synced', async () => {
      expect(await m('--to', 'file://1.sql', 'first')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(files()).toHaveLength(1);
      expect(files()[0]).toMatch(/^\d{14}_first\.sql$/);
      const first = readFileSync(join(dir, 'migrations', files()[0]!), 'utf8');
      expect(first).toBe('-- Create "users" table\nCREATE TABLE "users" ("id" bigint NOT NULL, PRIMARY KEY ("id"));\n');

      // Versions are seconds: a second file in the same second would collide, as in Atlas.
      await new Promise((r) => setTimeout(r, 1100));
      expect(await m('--to', 'file://2.sql', 'second')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(files()).toHaveLength(2);
      const second = readFileSync(join(dir, 'migrations', files()[1]!), 'utf8');
      expect(second).toBe('-- Modify "users" table\nALTER TABLE "users" ADD COLUMN "create_time" timestamp(4) NOT NULL DEFAULT CURRENT_TIMESTAMP(4);\n');
      expect(readFileSync(join(dir, 'migrations', 'atlas.sum'), 'utf8')).toContain(files()[1]!);

      expect(await m('--to', 'file://2.sql')).toEqual({
        code: 0,
        stdout: 'The migration directory is synced with the desired state, no changes to be made\n',
        stderr: '',
      });
      expect(files()).toHaveLength(2);
    }, 120_000);
  });
}
