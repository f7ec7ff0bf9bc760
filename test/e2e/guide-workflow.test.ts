/**
 * The guide's workflow through the CLI as a user would (the real binary for the first command of each target, the
 * others in process: test/helpers/cli-inproc.ts), on a temp copy of the example project: on the embedded database and on PostgreSQL.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { urlTargets } from '../helpers/databases.js';

const targets = urlTargets();

for (const target of targets) {
  describe(`guide workflow [${target.name}]`, () => {
    let cwd: string;
    let url: string;
    let drop: (() => Promise<void>) | undefined;
    const env = () => ({ DATABASE_URL: url, DEV_DATABASE_URL: '' });
    const migrations = () => readdirSync(join(cwd, 'database/migrations')).filter((f) => f.endsWith('.sql')).sort();
    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'meridian-e2e-'));
      for (const d of ['database', 'prisma']) cpSync(join(repoRoot, d), join(cwd, d), { recursive: true });
      const t = await target.url();
      url = t.url;
      drop = t.drop;
    });
    afterAll(async () => {
      await drop?.();
    });

    it('validate → diff → review → apply → status', async () => {
      // The real binary once per target (the bin wrapper and the bundle); the other commands run in process.
      expect((await runCli(['schema', 'validate'], { cwd, env: env() })).code).toBe(0);
      const d = await runInProcess(['migrate', 'diff', 'initial'], { cwd, env: env() });
      expect(d.stderr).toBe('');
      expect(d.code).toBe(0);
      expect(migrations()).toEqual([expect.stringMatching(/^\d{14}_initial\.sql$/)]);
      const file = readFileSync(join(cwd, 'database/migrations', migrations()[0]!), 'utf8');
      expect(file).toContain('-- Create "users" table');
      expect(file).toContain('"phone" character varying(20)'); // the guide's ALTER TABLE … ADD COLUMN folded in
      expect(file).toContain('CREATE VIEW "practice_app"."order_totals"');
      const a = await runInProcess(['migrate', 'apply', '--auto-approve'], { cwd, env: env() });
      expect(a.code).toBe(0);
      const s = await runInProcess(['migrate', 'status'], { cwd, env: env() });
      expect(s.stdout).toContain('Migration Status: OK');
    });

    it('running migrate diff again writes no second file', async () => {
      const d = await runInProcess(['migrate', 'diff'], { cwd, env: env() });
      expect(d.stdout).toBe('The migration directory is synced with the desired state, no changes to be made\n');
      expect(migrations()).toHaveLength(1);
    });

    it('an edit yields a migration with only the new change, named after it', async () => {
      appendFileSync(join(cwd, 'database/schema/schema.sql'), '\nALTER TABLE practice_app.products ADD COLUMN sku VARCHAR(32);\n');
      const d = await runInProcess(['migrate', 'diff'], { cwd, env: env() });
      expect(d.code).toBe(0);
      const latest = migrations().at(-1)!;
      expect(latest).toMatch(/_add_products_sku\.sql$/);
      expect(readFileSync(join(cwd, 'database/migrations', latest), 'utf8')).toBe('-- Modify "products" table\nALTER TABLE "practice_app"."products" ADD COLUMN "sku" character varying(32) NULL;\n');
      expect((await runInProcess(['migrate', 'apply', '--auto-approve'], { cwd, env: env() })).code).toBe(0);
      expect((await runInProcess(['migrate', 'status'], { cwd, env: env() })).stdout).toContain('Executed Files:  2');
    });

    it('detects drift when someone alters the database by hand', async () => {
      expect((await runInProcess(['migrate', 'diff', '--from', url], { cwd, env: env() })).stdout).toContain('No drift');
      const db = await openDatabase(url);
      try {
        await db.exec('ALTER TABLE practice_app.users ADD COLUMN nickname text');
      } finally {
        await db.close();
      }
      const r = await runInProcess(['migrate', 'diff', '--from', url], { cwd, env: env() });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('ALTER TABLE "practice_app"."users" DROP COLUMN "nickname"');
    });

    it('schema inspect prints SQL that recreates the schema, and JSON', async () => {
      const sql = await runInProcess(['schema', 'inspect', '--schema', 'practice_app'], { cwd, env: env() });
      expect(sql.code).toBe(0);
      expect(sql.stdout).toContain('CREATE TABLE "practice_app"."orders"');
      const json = JSON.parse((await runInProcess(['schema', 'inspect', '--format', 'json', '--schema', 'practice_app'], { cwd, env: env() })).stdout) as { tables: Record<string, unknown> };
      expect(Object.keys(json.tables)).toContain('practice_app.users');
    });
  });
}

describe('schema validate reports located errors', () => {
  it('syntax and semantic errors with file:line:col and a caret', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-val-'));
    cpSync(join(repoRoot, 'database'), join(cwd, 'database'), { recursive: true });
    appendFileSync(join(cwd, 'database/schema/schema.sql'), '\nCREATE TABLE practice_app.bad (id int REFERENCES practice_app.nope(id));\n');
    const r = await runInProcess(['schema', 'validate'], { cwd, env: { DATABASE_URL: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/database\/schema\/schema\.sql:\d+:\d+: error\[E_UNKNOWN\]: relation "practice_app\.nope" does not exist\n  CREATE TABLE practice_app\.bad/);
    appendFileSync(join(cwd, 'database/schema/schema.sql'), '\nCREATE TABLE oops (id int,, x int);\n');
    const s = await runInProcess(['schema', 'validate', '--format', 'json'], { cwd, env: { DATABASE_URL: '' } });
    expect(s.code).toBe(1);
    expect(JSON.parse(s.stdout)).toMatchObject({ valid: false, errors: [{ file: 'database/schema/schema.sql', column: 27, message: expect.stringContaining('syntax error') }] });
  });
});
