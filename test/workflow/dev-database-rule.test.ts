/**
 * One rule for what the native fold cannot decide (#27): statements only a database can run go to the dev
 * database in `schema validate` as in `schema apply`, and an extension the embedded dev database does not ship
 * is an error that names it, says the dev database is the embedded one and shows the `--dev-url` to pass.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeSources, explainDevError } from '../../src/workflow/state.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { createServerDatabase, describeEachDatabase } from '../helpers/databases.js';

const EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;\nCOMMENT ON EXTENSION pg_stat_statements IS 'stats';\nCREATE TABLE t (id int);\n";
const DO_BLOCK = "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'nope') THEN CREATE TABLE made_by_do (id int); END IF; END $$;\nCREATE TABLE t (id int PRIMARY KEY);\n";

describeEachDatabase('dev database: an extension it lacks', (t) => {
  // (Its COMMENT ON EXTENSION then fails for that reason only: one error, not two — seen in hunt 13b's Rails dumps.)
  it('on the embedded dev database: names the extension, the embedded database and --dev-url, once; on a server: runs', async () => {
    await t.reset();
    const errors = await executeSources(t.db, [{ file: 'schema.sql', text: EXTENSION }]);
    if (t.target.name === 'pglite') {
      expect(errors).toHaveLength(1);
      expect(errors[0]!.location).toMatchObject({ file: 'schema.sql', line: 1 });
      expect(errors[0]!.message).toContain('extension "pg_stat_statements" is not available in the embedded dev database (PGlite');
      expect(errors[0]!.message).toContain('--dev-url "postgres://');
    } else {
      expect(errors).toEqual([]);
      await t.db.exec('DROP EXTENSION pg_stat_statements');
    }
  });
});

describe('explainDevError', () => {
  it('explains an extension the dev database lacks, embedded or on a server; leaves other errors as PostgreSQL wrote them', () => {
    expect(explainDevError({ kind: 'postgres' }, 'extension "postgis" is not available')).toContain('extension "postgis" is not available on the dev database\'s PostgreSQL server (the server lacks it');
    expect(explainDevError({ kind: 'postgres' }, 'relation "x" does not exist')).toBe('relation "x" does not exist');
    expect(explainDevError({ kind: 'pglite' }, 'relation "x" does not exist')).toBe('relation "x" does not exist');
    expect(explainDevError({ kind: 'pglite' }, 'could not open extension control file "/usr/share/postgresql/extension/postgis.control": No such file or directory')).toContain('extension "postgis" is not available in the embedded dev database');
  });
});

describe('schema validate and the dev database (CLI)', () => {
  const project = (schema: string) => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-27-'));
    writeFileSync(join(cwd, 'schema.sql'), schema);
    return cwd;
  };
  it('a DO block is run on the dev database, as schema apply does (refused only with --native)', { timeout: 300_000 }, async () => {
    const cwd = project(DO_BLOCK);
    const r = await runInProcess(['schema', 'validate', '--to', 'file://schema.sql'], { cwd, env: { DATABASE_URL: '' } });
    expect(r.stderr).not.toContain('E_UNSUPPORTED');
    expect(r.stderr).toContain('DO needs a database: the dev database runs it');
    expect(r.code).toBe(0);
    // What the block created counts: the dev database is inspected after it ran the file.
    expect(r.stdout).toContain('valid (2 statements, 2 tables, 1 warning)');
    const n = await runInProcess(['schema', 'validate', '--native', '--to', 'file://schema.sql'], { cwd, env: { DATABASE_URL: '' } });
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/schema\.sql:1:1: error\[E_UNSUPPORTED\]: DO is not supported in a schema file; .*without --native/);
  });
  it('schema inspect of a schema file runs it on the dev database (a DO block\'s table included), as Atlas\'s `schema inspect -u file://…`', { timeout: 300_000 }, async () => {
    const cwd = project(DO_BLOCK);
    const r = await runInProcess(['schema', 'inspect', '-u', 'file://schema.sql'], { cwd, env: { DATABASE_URL: '' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CREATE TABLE "public"."made_by_do"');
    expect(r.stdout).toContain('CREATE TABLE "public"."t"');
    // A file the dev database cannot run: one headline, each error's message once, located.
    const bad = project(EXTENSION);
    const e = await runInProcess(['schema', 'inspect', '-u', 'file://schema.sql'], { cwd: bad, env: { DATABASE_URL: '' } });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('the dev database could not run the schema files (1 error)');
    expect(e.stderr.split('is not available in the embedded dev database').length).toBe(2);
  });
  it('an extension PGlite lacks: the error shows --dev-url; with a PostgreSQL dev URL the file is valid', { timeout: 300_000 }, async () => {
    const cwd = project(EXTENSION);
    const r = await runInProcess(['schema', 'validate', '--to', 'file://schema.sql'], { cwd, env: { DATABASE_URL: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/schema\.sql:1:1: .*extension "pg_stat_statements" is not available in the embedded dev database \(PGlite/);
    expect(r.stderr).toContain('--dev-url');
    if (!process.env.DATABASE_URL) return; // the PostgreSQL half needs a server (it runs in the DATABASE_URL suite)
    const dev = await createServerDatabase(process.env.DATABASE_URL);
    try {
      const s = await runInProcess(['schema', 'validate', '--to', 'file://schema.sql', '--dev-url', dev.url], { cwd, env: { DATABASE_URL: '' } });
      expect(s.stderr).toBe('');
      expect(s.code).toBe(0);
    } finally {
      await dev.drop();
    }
  });
});
