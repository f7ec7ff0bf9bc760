/**
 * The guide's "Modifying Existing Data": a data statement written in schema.sql goes into the next
 * migration (after the DDL it needs, before a NOT NULL that needs it), once.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { formatProblemsGithub, problemJson } from '../../src/problem.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { runInProcess } from '../helpers/cli-inproc.js';

describe('data statements in schema.sql', () => {
  it('go into the new migration between the column and its NOT NULL, with a comment and a warning, and are never shipped twice', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-data-'));
    mkdirSync(join(cwd, 'database/schema'), { recursive: true });
    const schema = join(cwd, 'database/schema/schema.sql');
    const env = { DATABASE_URL: '' };
    const dir = join(cwd, 'database/migrations');
    const file = (suffix: string) => readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(suffix))!), 'utf8');

    writeFileSync(schema, "CREATE TABLE users (id int PRIMARY KEY, email text, status text);\nINSERT INTO users (id, email) VALUES (1, 'a@example.com');\n");
    expect((await runInProcess(['migrate', 'diff', 'init'], { cwd, env })).code).toBe(0);
    // The DDL's spelling is the planner's; what matters here is the data statement after it, marked.
    expect(file('_init.sql')).toMatch(
      /^-- Create "users" table\nCREATE TABLE [^\n]*;\n-- Data change from database\/schema\/schema\.sql:2 \(INSERT public\.users\): runs once; not shipped again while it stays in the schema file\nINSERT INTO users \(id, email\) VALUES \(1, 'a@example\.com'\);\n$/,
    );

    // The back-fill the guide writes; the INSERT stays in the file (already shipped), spelled differently.
    writeFileSync(schema, "CREATE TABLE users (id int PRIMARY KEY, email text, status text NOT NULL);\ninsert into users (id, email)\n  values (1, 'a@example.com'); -- seed\nUPDATE users SET status = 'active' WHERE status IS NULL;\n");
    const d = await runInProcess(['migrate', 'diff', 'backfill'], { cwd, env });
    expect(d.code, d.stderr).toBe(0);
    // One located problem (W_DATA_CARRIED) per data statement, printed like every other warning, with its fix.
    expect(d.stderr).toContain('warning: database/schema/schema.sql:4:1: data statement (UPDATE public.users) goes into the new migration');
    expect(d.stderr).toContain('\n    fix: leave it in the file, or pass --no-data (data: false) to leave data statements out of the migration\n');
    expect(d.stderr).not.toContain('schema.sql:2');
    const backfill = file('_backfill.sql');
    expect(backfill).toMatch(/^-- Data change from database\/schema\/schema\.sql:4 \(UPDATE public\.users\).*\nUPDATE users SET status = 'active' WHERE status IS NULL;\n-- Modify "users" table\nALTER TABLE .*SET NOT NULL;\n$/);
    expect(backfill).not.toContain('INSERT');

    // Applies on a database holding a NULL status (fails if the NOT NULL came first), and nothing is left to ship.
    const a = await runInProcess(['migrate', 'apply', '--url', `pglite://${join(cwd, 'db')}`], { cwd, env });
    expect(a.code, a.stderr).toBe(0);
    expect((await runInProcess(['migrate', 'diff'], { cwd, env })).stdout).toContain('synced');

    // --no-data leaves a new data statement out.
    writeFileSync(schema, readFileSync(schema, 'utf8') + 'DELETE FROM users WHERE id = 2;\n');
    const none = await runInProcess(['migrate', 'diff', '--no-data', '--format', 'sql'], { cwd, env });
    expect(none.stdout).toContain('synced');
    const withData = await runInProcess(['migrate', 'diff', '--format', 'sql'], { cwd, env });
    expect(withData.stdout).toContain('DELETE FROM users WHERE id = 2;');
  }, 240_000);

  it('are located problems of the library\'s migrateDiff (W_DATA_CARRIED at the statement), rendered by the problem formatters', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-data-lib-'));
    const dir = join(cwd, 'migrations');
    mkdirSync(dir);
    const schemaPath = join(cwd, 'schema.sql');
    writeFileSync(schemaPath, 'CREATE TABLE t (id int);\n  INSERT INTO t VALUES (1);\n');
    const dev = await openDatabase('pglite://memory');
    try {
      const r = await migrateDiff({ migrationsDir: dir, schemaPath, dev, dryRun: true, cwd });
      expect(r.problems.map((p) => [p.code, p.severity, `${p.location.line}:${p.location.column}`])).toEqual([['W_DATA_CARRIED', 'warning', '2:3']]);
      expect(problemJson(r.problems[0]!)).toMatchObject({ file: 'schema.sql', line: 2, column: 3, code: 'W_DATA_CARRIED', severity: 'warning', fix: expect.stringContaining('--no-data') });
      expect(formatProblemsGithub(r.problems)).toContain(`::warning file=schema.sql,line=2,col=3,title=W_DATA_CARRIED::data statement (INSERT public.t) goes into the new migration`);
      const none = await migrateDiff({ migrationsDir: dir, schemaPath, dev, dryRun: true, data: false, cwd });
      expect(none.problems).toEqual([]);
    } finally {
      await dev.close();
    }
  }, 120_000);
});
