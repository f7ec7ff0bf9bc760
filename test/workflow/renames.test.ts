/** Renames asked for with `-- meridian:renamed-from`: planned as renames (data kept), never guessed. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { inspect } from '../../src/inspect/index.js';
import { applyMigrations } from '../../src/migrate/apply.js';
import { diff } from '../../src/diff/index.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { renameHints } from '../../src/workflow/rename-hints.js';
import { modelFromSources } from '../../src/workflow/state.js';
import { formatProblem, formatProblemsGithub, problemJson } from '../../src/problem.js';
import { createServerDatabase, describeEachDatabase } from '../helpers/databases.js';

function project(schema: string) {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-rename-'));
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'schema.sql'), schema);
  return { dir, migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql') };
}

const OLD = `CREATE SCHEMA app;
CREATE TABLE app.users (
  id serial PRIMARY KEY,
  name text UNIQUE,
  email text NOT NULL
);
CREATE INDEX users_email_idx ON app.users (email);
CREATE VIEW app.names AS SELECT id, name FROM app.users;
`;

const NEW = `CREATE SCHEMA app;
-- meridian:renamed-from users
CREATE TABLE app.people (
  id serial PRIMARY KEY,
  full_name text UNIQUE, -- meridian:renamed-from name
  email text NOT NULL
);
CREATE INDEX people_email_idx ON app.people (email);
CREATE VIEW app.names AS SELECT id, full_name AS name FROM app.people;
`;

it('reads hints from the parser locations: table above/on CREATE TABLE, column on its line; misplaced hints warn', async () => {
  const r = await renameHints([{ file: 's.sql', text: NEW + 'CREATE INDEX x ON app.people (email); -- meridian:renamed-from y\n' }]);
  expect(r.hints.map((h) => `${h.object}:${h.schema}.${h.table}${h.column ? `.${h.column}` : ''}<-${h.from}@${h.line}`)).toEqual(['table:app.people<-users@2', 'column:app.people.full_name<-name@5']);
  // A misplaced hint is a located Problem (the comment's line and column), rendered by the one set of formatters.
  expect(r.warnings.map((w) => [w.code, w.severity, `${w.location.file}:${w.location.line}:${w.location.column}`, w.message])).toEqual([
    ['W_RENAME_HINT', 'warning', 's.sql:10:39', 'meridian:renamed-from is not on a table or column definition; ignored'],
  ]);
  const fix = 'put "-- meridian:renamed-from <old name>" on the renamed column\'s line, or on the CREATE TABLE line or the line above it';
  expect(formatProblem(r.warnings[0]!, { label: 'none' })).toBe(`s.sql:10:39: meridian:renamed-from is not on a table or column definition; ignored\n    fix: ${fix}`);
  expect(problemJson(r.warnings[0]!)).toEqual({ file: 's.sql', line: 10, column: 39, offset: Buffer.byteLength(NEW) + 38, code: 'W_RENAME_HINT', severity: 'warning', message: 'meridian:renamed-from is not on a table or column definition; ignored', fix });
  expect(formatProblemsGithub(r.warnings)).toBe(`::warning file=s.sql,line=10,col=39,title=W_RENAME_HINT::meridian:renamed-from is not on a table or column definition; ignored (fix: ${fix})\n`);
  // On a table's statement but neither on its first line (or the one above) nor on a column's line.
  const inside = await renameHints([{ file: 'b.sql', text: 'CREATE TABLE t (\n  id int\n  -- meridian:renamed-from u\n);\n' }]);
  expect(inside.hints).toEqual([]);
  expect(inside.warnings.map((w) => `${w.location.line}:${w.location.column} ${w.code} ${w.message}`)).toEqual([
    "3:3 W_RENAME_HINT meridian:renamed-from must be on the CREATE TABLE line (or the line above) or on a column's line; ignored",
  ]);
  const inline = await renameHints([{ file: 'a.sql', text: 'CREATE TABLE "Big" ( -- meridian:renamed-from "Old Name"\n  id int\n);\nALTER TABLE "Big" ADD COLUMN b int; -- meridian:renamed-from a\n' }]);
  expect(inline.hints.map((h) => `${h.object}:${h.table}.${h.column ?? ''}<-${h.from}`)).toEqual(['table:Big.<-Old Name', 'column:Big.b<-a']);
});

describeEachDatabase('renames with hints', (t) => {
  it('table and column renames keep the data, rename default-named indexes/sequences, and converge', async () => {
    const p = project(OLD);
    const dev = t.db;
    const first = await migrateDiff({ migrationsDir: p.migrationsDir, schemaPath: p.schemaPath, dev, name: 'initial', now: () => new Date('2026-01-01T00:00:00Z') });
    expect(first.file).toBeTruthy();
    // The target is a second database of the same engine as the dev database (view texts differ between versions).
    const server = t.url ? await createServerDatabase(process.env.DATABASE_URL!) : undefined;
    const target = await openDatabase(server?.url ?? 'pglite://memory');
    try {
      expect((await applyMigrations(target, { dir: p.migrationsDir })).ok).toBe(true);
      await target.exec(`INSERT INTO app.users (name, email) VALUES ('Ada', 'ada@x'), ('Alan', 'alan@x')`);

      writeFileSync(p.schemaPath, NEW);
      const r = await migrateDiff({ migrationsDir: p.migrationsDir, schemaPath: p.schemaPath, dev, name: 'rename', now: () => new Date('2026-01-02T00:00:00Z') });
      const sql = r.statements.map((s) => s.sql);
      expect(sql).toEqual([
        'ALTER TABLE "app"."users" RENAME TO "people"',
        'ALTER TABLE "app"."people" RENAME COLUMN "name" TO "full_name"',
        'ALTER INDEX "app"."users_email_idx" RENAME TO "people_email_idx"',
        'ALTER INDEX "app"."users_name_key" RENAME TO "people_full_name_key"',
        'ALTER INDEX "app"."users_pkey" RENAME TO "people_pkey"',
        'ALTER SEQUENCE "app"."users_id_seq" RENAME TO "people_id_seq"',
      ]); // the view follows the renames by itself: nothing to recreate
      expect(r.statements[0]!.hazards.map((h) => h.code)).toContain('BREAKS_DEPENDANTS');

      const applied = await applyMigrations(target, { dir: p.migrationsDir });
      expect(applied.ok).toBe(true);
      expect((await target.query(`SELECT id, full_name FROM app.people ORDER BY id`)).rows).toEqual([{ id: 1, full_name: 'Ada' }, { id: 2, full_name: 'Alan' }]);
      expect((await target.query(`SELECT name FROM app.names ORDER BY id`)).rows).toEqual([{ name: 'Ada' }, { name: 'Alan' }]);
      // Converges: the renamed database equals one built from schema.sql, and the hint is now a no-op.
      const built = await modelFromSources(dev, [{ file: 'schema.sql', text: NEW }]);
      expect(diff((await inspect(target)).model, built)).toEqual([]);
      const again = await migrateDiff({ migrationsDir: p.migrationsDir, schemaPath: p.schemaPath, dev, dryRun: true });
      expect(again.statements).toEqual([]);
    } finally {
      await target.close();
      await server?.drop();
    }
  });

  it('a table renamed by hint keeps the views, materialized view, rule and policy that read it (PostgreSQL rewrites them)', async () => {
    const base = (t: string, hint: string) => `CREATE TABLE owners (id int);
${hint}CREATE TABLE ${t} (id int PRIMARY KEY, qty int, label text);
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON ${t} USING (EXISTS (SELECT 1 FROM owners WHERE owners.id = ${t}.id));
CREATE TABLE journal (id int, note text);
CREATE RULE note_it AS ON UPDATE TO journal DO ALSO UPDATE ${t} SET label = new.note WHERE ${t}.id = old.id;
CREATE VIEW stock AS SELECT ${t}.id, ${t}.qty AS amount, label FROM ${t} WHERE ${t}.qty > 0;
CREATE VIEW stock_all AS SELECT * FROM ${t};
CREATE MATERIALIZED VIEW stock_sum AS SELECT label, sum(qty) AS total FROM ${t} GROUP BY label;
CREATE UNIQUE INDEX stock_sum_label ON stock_sum (label);
CREATE VIEW stock_top AS SELECT s.id, m.total FROM stock s JOIN stock_sum m ON m.label = s.label;
`;
    const p = project(base('items', ''));
    const dev = t.db;
    await migrateDiff({ migrationsDir: p.migrationsDir, schemaPath: p.schemaPath, dev, name: 'initial', now: () => new Date('2026-01-01T00:00:00Z') });
    const server = t.url ? await createServerDatabase(process.env.DATABASE_URL!) : undefined;
    const target = await openDatabase(server?.url ?? 'pglite://memory');
    try {
      expect((await applyMigrations(target, { dir: p.migrationsDir })).ok).toBe(true);
      await target.exec(`INSERT INTO items VALUES (1, 5, 'a'), (2, 7, 'b'); REFRESH MATERIALIZED VIEW stock_sum`);
      const next = base('goods', '-- meridian:renamed-from items\n');
      writeFileSync(p.schemaPath, next);
      const r = await migrateDiff({ migrationsDir: p.migrationsDir, schemaPath: p.schemaPath, dev, name: 'rename', now: () => new Date('2026-01-02T00:00:00Z') });
      expect(r.statements.map((x) => x.sql)).toEqual(['ALTER TABLE "public"."items" RENAME TO "goods"', 'ALTER INDEX "public"."items_pkey" RENAME TO "goods_pkey"']);
      expect((await applyMigrations(target, { dir: p.migrationsDir })).ok).toBe(true);
      expect((await target.query('SELECT id, amount FROM stock ORDER BY id')).rows).toEqual([{ id: 1, amount: 5 }, { id: 2, amount: 7 }]);
      const built = await modelFromSources(dev, [{ file: 'schema.sql', text: next }]);
      expect(diff((await inspect(target)).model, built)).toEqual([]);
    } finally {
      await target.close();
      await server?.drop();
    }
  });

  it('without a hint a changed name is a drop and an add, flagged as deleting data', async () => {
    const p = project('CREATE TABLE t (id int, a text);');
    await migrateDiff({ migrationsDir: p.migrationsDir, schemaPath: p.schemaPath, dev: t.db, name: 'initial', now: () => new Date('2026-01-01T00:00:00Z') });
    writeFileSync(p.schemaPath, 'CREATE TABLE t (id int, b text);');
    const r = await migrateDiff({ migrationsDir: p.migrationsDir, schemaPath: p.schemaPath, dev: t.db, dryRun: true });
    expect(r.statements.map((s) => s.sql)).toEqual(['ALTER TABLE "public"."t" DROP COLUMN "a"', 'ALTER TABLE "public"."t" ADD COLUMN "b" text NULL']);
    expect(r.statements[0]!.hazards.map((h) => h.code)).toContain('DELETES_DATA');
  });
});

it('schema apply honours rename hints against a live database (renamed state tried on the dev database first)', async () => {
  const p = project(OLD);
  const url = `pglite://${join(p.dir, 'db')}`;
  const env = { DATABASE_URL: url, DEV_DATABASE_URL: '' };
  const { runCli } = await import('../helpers/cli.js');
  const to = ['--to', `file://${p.schemaPath}`];
  expect((await runCli(['schema', 'apply', '--auto-approve', ...to], { cwd: p.dir, env })).code).toBe(0);
  const db = await openDatabase(url);
  await db.exec(`INSERT INTO app.users (name, email) VALUES ('Ada', 'ada@x')`);
  await db.close();
  writeFileSync(p.schemaPath, NEW);
  // A rename breaks the clients of the old name and locks the table: hazards named, or --auto-approve refuses.
  const refused = await runCli(['schema', 'apply', '--auto-approve', ...to], { cwd: p.dir, env });
  expect(refused.stderr).toMatch(/error\[E_HAZARD\].*--allow-hazards ACCESS_EXCLUSIVE_LOCK,BREAKS_DEPENDANTS/);
  const r = await runCli(['schema', 'apply', '--auto-approve', '--allow-hazards', 'ACCESS_EXCLUSIVE_LOCK,BREAKS_DEPENDANTS', ...to], { cwd: p.dir, env });
  expect(r.stderr).toMatch(/^schema apply: target embedded database .* \(not protected\)\n$/);
  expect(r.stdout).toContain('ALTER TABLE "app"."users" RENAME TO "people"');
  expect(r.stdout).toContain('ALTER TABLE "app"."people" RENAME COLUMN "name" TO "full_name"');
  expect(r.stdout).not.toMatch(/DROP TABLE|DROP COLUMN/);
  const after = await openDatabase(url);
  try {
    expect((await after.query('SELECT full_name FROM app.people')).rows).toEqual([{ full_name: 'Ada' }]);
  } finally {
    await after.close();
  }
  expect((await runCli(['schema', 'apply', '--auto-approve', ...to], { cwd: p.dir, env })).stdout).toContain('Schema is synced');
}, 180_000);

it('rename candidates: a dropped and an added column of the same type, a dropped and a created table with the same columns', async () => {
  const { renameCandidates } = await import('../../src/diff/renames.js');
  const dev = await openDatabase('pglite://memory');
  try {
    const cur = await modelFromSources(dev, [{ file: 'a.sql', text: 'CREATE TABLE t (id int, a text, n int); CREATE TABLE old (x int, y text);' }]);
    const des = await modelFromSources(dev, [{ file: 'b.sql', text: 'CREATE TABLE t (id int, b text, m bigint); CREATE TABLE fresh (x int, y text);' }]);
    const c = renameCandidates(diff(cur, des));
    expect(c.map((h) => `${h.object}:${h.table}${h.column ? `.${h.column}` : ''}<-${h.from}`)).toEqual(['table:fresh<-old', 'column:t.b<-a']); // n int → m bigint differs in type: not a candidate
  } finally {
    await dev.close();
  }
});

it('migrate diff on a terminal asks "Did you rename …?" and plans the rename when the answer is yes', async () => {
  const { spawnSync } = await import('node:child_process');
  const { readdirSync, readFileSync } = await import('node:fs');
  const { repoRoot } = await import('../helpers/cli.js');
  const p = project('CREATE TABLE t (id int, a text);');
  const env = { ...process.env, DATABASE_URL: '', DEV_DATABASE_URL: '', NO_COLOR: '1' };
  const cli = (args: string, input: string) =>
    // `script` gives the CLI a pseudo-terminal, as a user's shell would.
    spawnSync('script', ['-qec', `node ${join(repoRoot, 'bin/meridian.js')} ${args}`, '/dev/null'], { cwd: p.dir, env, input, encoding: 'utf8' });
  const dirArgs = `--dir file://${p.migrationsDir} --to file://${p.schemaPath}`;
  expect(cli(`migrate diff initial ${dirArgs}`, '').status).toBe(0);
  writeFileSync(p.schemaPath, 'CREATE TABLE t (id int, b text);');
  const r = cli(`migrate diff ${dirArgs}`, 'y\n');
  expect(r.stdout).toContain('Did you rename column "t.a" to "b"?');
  expect(r.status).toBe(0);
  const file = readdirSync(p.migrationsDir).filter((f) => f.endsWith('.sql')).sort().at(-1)!;
  expect(readFileSync(join(p.migrationsDir, file), 'utf8')).toContain('ALTER TABLE "public"."t" RENAME COLUMN "a" TO "b";');
}, 60_000);
