import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { executeClean, planClean } from '../../src/workflow/clean.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

const SCHEMA = `
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE TABLE app.t (id serial PRIMARY KEY, m app.mood);
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';
CREATE TABLE public.keepme_not (id int);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
`;

describeEachDatabase('schema clean', (t) => {
  it('lists every object of every user schema (owned sequences go with their table; extension objects excluded)', async () => {
    await t.db.exec(SCHEMA);
    const targets = await planClean(t.db);
    const app = targets.find((x) => x.schema === 'app')!;
    expect(app.action).toBe('drop');
    expect(app.objects.map((o) => `${o.kind} ${o.name}`).sort()).toEqual(['enum mood', 'function f', 'table t', 'view v']);
    const pub = targets.find((x) => x.schema === 'public')!;
    expect(pub.action).toBe('keep');
    expect(pub.objects.map((o) => o.name)).toEqual(['keepme_not']);
  });
  it('drops everything in one transaction and keeps public', async () => {
    await t.db.exec(SCHEMA);
    await executeClean(t.db, await planClean(t.db));
    const left = await t.db.query<{ n: string }>(
      `SELECT nspname AS n FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
    );
    expect(left.rows.map((r) => r.n)).toEqual(['public']);
    const rels = await t.db.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'keepme_not'`);
    expect(rels.rowCount).toBe(0);
  });
  it('limits itself to the requested schemas and rejects unknown ones', async () => {
    await t.db.exec(SCHEMA);
    const targets = await planClean(t.db, { schemas: ['app'] });
    expect(targets.map((x) => x.schema)).toEqual(['app']);
    await expect(planClean(t.db, { schemas: ['nope'] })).rejects.toThrow(/schema "nope" does not exist/);
  });
  if (t.target.name !== 'pglite')
    it('CLI: refuses without a TTY, cleans with --auto-approve', async () => {
      await t.db.exec(SCHEMA);
      const cwd = mkdtempSync(join(tmpdir(), 'meridian-clean-'));
      const refused = await runCli(['schema', 'clean', '--url', t.url!], { cwd });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/error\[E_CONFIRM\].*--auto-approve/);
      expect(refused.stdout).toContain('table t');
      const ok = await runCli(['schema', 'clean', '--url', t.url!, '--auto-approve'], { cwd });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/Dropped \d+ object/);
      const db = await openDatabase(t.url!);
      try {
        expect((await db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'app'`)).rowCount).toBe(0);
      } finally {
        await db.close();
      }
    });
});
