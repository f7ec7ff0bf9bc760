import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testSchema } from '../../src/workflow/test-schema.js';
import { describeEachDatabase } from '../helpers/databases.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-ts-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describeEachDatabase('test schema', (t) => {
  it('passes the basic checks and never keeps the seed rows', async () => {
    await t.db.exec('CREATE SCHEMA app; CREATE TABLE app.a (id int PRIMARY KEY); CREATE TABLE app.b (a_id int REFERENCES app.a); CREATE VIEW app.v AS SELECT * FROM app.a;');
    const cwd = project({ 'database/fixtures/seed-simple.sql': 'INSERT INTO app.a VALUES (1); INSERT INTO app.b VALUES (1);' });
    const r = await testSchema(t.db, { cwd });
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['every table and view is selectable (3)', true],
      ['every foreign key is validated (1)', true],
      ['database/fixtures/seed-simple.sql loads (rolled back)', true],
    ]);
    expect((await t.db.query('SELECT * FROM app.a')).rowCount).toBe(0);
  });
  it('passes right after db reset loaded the seed (the seed check empties the tables inside its rolled-back transaction)', async () => {
    // Serial keys: the seed's foreign keys name the ids a fresh sequence hands out.
    await t.db.exec(`CREATE TABLE users (id serial PRIMARY KEY, email text UNIQUE); CREATE TABLE posts (id serial PRIMARY KEY, user_id int REFERENCES users);`);
    const seed = "INSERT INTO users (email) VALUES ('a@example.com'); INSERT INTO posts (user_id) VALUES (1);";
    await t.db.exec(seed);
    const cwd = project({ 'database/fixtures/seed-simple.sql': seed });
    const r = await testSchema(t.db, { cwd });
    expect(r.checks.find((c) => c.name.startsWith('database/fixtures'))).toEqual({ name: 'database/fixtures/seed-simple.sql loads (rolled back)', ok: true });
    expect((await t.db.query('SELECT * FROM posts')).rowCount).toBe(1);
    expect((await t.db.query<{ n: string }>("SELECT nextval('users_id_seq')::text AS n")).rows[0]!.n).toBe('2');
    expect((await testSchema(t.db, { cwd, seed: 'skip' })).checks.at(-1)).toEqual({ name: 'database/fixtures/seed-simple.sql loads (skipped: protected environment)', ok: true });
  });
  it('fails when the seed does not load or an FK is not validated', async () => {
    await t.db.exec('CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int); INSERT INTO b VALUES (5); ALTER TABLE b ADD CONSTRAINT b_fk FOREIGN KEY (a_id) REFERENCES a NOT VALID;');
    const cwd = project({ 'database/fixtures/seed-simple.sql': 'INSERT INTO missing VALUES (1);' });
    const r = await testSchema(t.db, { cwd });
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.name.startsWith('every foreign key'))).toMatchObject({ ok: false, detail: expect.stringContaining('b_fk') });
    expect(r.checks.find((c) => c.name.startsWith('database/fixtures'))).toMatchObject({ ok: false, detail: expect.stringContaining('missing') });
  });
  it('runs database/tests/*.sql assertions instead when present', async () => {
    await t.db.exec('CREATE TABLE a (id int)');
    const cwd = project({
      'database/tests/01_ok.sql': 'INSERT INTO a VALUES (1); DO $$ BEGIN ASSERT (SELECT count(*) FROM a) = 1; END $$;',
      'database/tests/02_bad.sql': "DO $$ BEGIN ASSERT false, 'expected failure'; END $$;",
    });
    const r = await testSchema(t.db, { cwd });
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database/tests/01_ok.sql', true],
      ['database/tests/02_bad.sql', false],
    ]);
    expect(r.checks[1]!.detail).toContain('expected failure');
    expect((await t.db.query('SELECT * FROM a')).rowCount).toBe(0);
  });
});
