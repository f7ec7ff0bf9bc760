/**
 * A refused kind is final in every command (#27, src/parse/refused.ts). Before: a file going the dev-database route
 * (a DO block beside it) ran `CREATE ACCESS METHOD` or `GRANT … ON FUNCTION pg_sleep(float8)` on the dev database,
 * planned nothing for it, and `schema apply` said "synced"; `schema validate` without --native accepted it. Now
 * `schema validate` (with and without --native), `schema apply`, `migrate diff` and `schema inspect` of the file all
 * stop with the same located E_UNSUPPORTED (file:line:col, the statement, what to do instead) before anything runs,
 * and nothing is written.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { inspect } from '../../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { refusedStatements } from '../../src/workflow/native.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { createServerDatabase } from '../helpers/databases.js';

const DO_BLOCK = "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'nope') THEN CREATE TABLE made_by_do (id int); END IF; END $$;\n";
const AM = `${DO_BLOCK}CREATE TABLE t (id int PRIMARY KEY);\n  CREATE ACCESS METHOD h186_am TYPE TABLE HANDLER heap_tableam_handler;\n`;
const GRANT = `${DO_BLOCK}CREATE TABLE t (id int PRIMARY KEY);\nREVOKE EXECUTE ON FUNCTION pg_sleep(float8) FROM PUBLIC;\n`;

const project = (schema: string) => {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-refused-'));
  writeFileSync(join(cwd, 'schema.sql'), schema);
  return cwd;
};
const AM_ERROR = /schema\.sql:3:3: CREATE ACCESS METHOD is not supported in a schema file; move it to a migration \(`meridian migrate new`\)/;

beforeAll(async () => {
  await initSchemaParser();
});

describe('refused kinds: one list, the same located error with or without a DO block', () => {
  it('the fold marks them refused (with allowOpaque too), a DO block alone is not', () => {
    for (const allowOpaque of [false, true]) {
      const r = checkSchema([{ file: 'schema.sql', text: AM }], { allowOpaque });
      expect(r.errors.filter((e) => e.refused).map((e) => [e.code, e.refused, e.location.line, e.location.column])).toEqual([['E_UNSUPPORTED', 'ACCESS METHOD', 3, 3]]);
    }
    expect(refusedStatements([{ file: 'schema.sql', text: `${DO_BLOCK}CREATE TABLE t (id int);\n` }])).toEqual([]);
  });
  it('privileges on PostgreSQL\'s own objects are refused, named and located; unknown objects of the file stay E_UNKNOWN', () => {
    const cases: [string, RegExp][] = [
      ['REVOKE EXECUTE ON FUNCTION pg_sleep(float8) FROM PUBLIC', /^REVOKE … ON FUNCTION pg_sleep is not supported in a schema file \(privileges on PostgreSQL's own objects are not managed\); move it to a migration/],
      ['GRANT EXECUTE ON FUNCTION pg_catalog.pg_sleep(float8) TO PUBLIC', /^GRANT … ON FUNCTION pg_catalog\.pg_sleep /],
      ['GRANT SELECT (oid) ON pg_proc TO PUBLIC', /^GRANT … ON TABLE pg_proc /],
      ['GRANT SELECT ON information_schema.tables TO PUBLIC', /^GRANT … ON TABLE information_schema\.tables /],
      ['GRANT USAGE ON SCHEMA pg_catalog TO PUBLIC', /^GRANT … ON SCHEMA pg_catalog /],
      ['GRANT USAGE ON TYPE int4 TO PUBLIC', /^GRANT … ON TYPE int4 /],
    ];
    for (const [sql, message] of cases) {
      const r = checkSchema([{ file: 'schema.sql', text: `CREATE TABLE t (a int);\n${sql};\n` }], { allowOpaque: true });
      expect(r.errors.map((e) => [e.code, e.refused, e.location.line]), sql).toEqual([['E_UNSUPPORTED', 'ACL', 2]]);
      expect(r.errors[0]!.message, sql).toMatch(message);
    }
    const unknown = checkSchema([{ file: 'schema.sql', text: 'GRANT EXECUTE ON FUNCTION nope(int) TO PUBLIC;\nGRANT SELECT ON nope TO PUBLIC;\n' }]);
    expect(unknown.errors.map((e) => [e.code, e.refused])).toEqual([['E_UNKNOWN', undefined], ['E_UNKNOWN', undefined]]);
  });
});

describe('refused kinds in every command (CLI): DO block + CREATE ACCESS METHOD', () => {
  const env = { DATABASE_URL: '' };
  it('schema validate, with and without --native: exit 1, the same located error; the dev database is not used', { timeout: 300_000 }, async () => {
    const cwd = project(AM);
    for (const native of [[], ['--native']]) {
      const r = await runInProcess(['schema', 'validate', ...native, '--to', 'file://schema.sql'], { cwd, env });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/schema\.sql:3:3: error\[E_UNSUPPORTED\]: CREATE ACCESS METHOD is not supported in a schema file; move it to a migration/);
    }
  });
  it('schema apply on an embedded target: exit 1, file:line:col, the kind, nothing applied', { timeout: 300_000 }, async () => {
    const cwd = project(AM);
    const url = 'pglite://./target';
    const r = await runInProcess(['schema', 'apply', '--url', url, '--to', 'file://schema.sql', '--auto-approve'], { cwd, env });
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toContain('E_UNSUPPORTED');
    expect(r.stderr).toMatch(AM_ERROR);
    expect(r.stdout).not.toContain('synced');
    if (existsSync(join(cwd, 'target'))) {
      const db = await openDatabase(url.replace('./', `${cwd}/`));
      try {
        expect(Object.keys((await inspect(db)).model.tables)).toEqual([]);
        expect((await db.query("SELECT count(*)::int AS n FROM pg_am WHERE amname = 'h186_am'")).rows[0]).toEqual({ n: 0 });
      } finally {
        await db.close();
      }
    }
  });
  it('migrate diff: exit 1, located, no migration file written; schema inspect of the file: the same error', { timeout: 300_000 }, async () => {
    const cwd = project(AM);
    const d = await runInProcess(['migrate', 'diff', 'init', '--dir', 'file://migrations', '--to', 'file://schema.sql'], { cwd, env });
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(AM_ERROR);
    expect(existsSync(join(cwd, 'migrations')) ? readdirSync(join(cwd, 'migrations')).filter((f) => f.endsWith('.sql')) : []).toEqual([]);
    const i = await runInProcess(['schema', 'inspect', '-u', 'file://schema.sql'], { cwd, env });
    expect(i.code).toBe(1);
    expect(i.stderr).toMatch(AM_ERROR);
    expect(i.stdout).toBe('');
  });
  it('privileges on pg_sleep beside a DO block: schema apply and validate refuse them, located', { timeout: 300_000 }, async () => {
    const cwd = project(GRANT);
    const a = await runInProcess(['schema', 'apply', '--url', 'pglite://./target', '--to', 'file://schema.sql', '--auto-approve'], { cwd, env });
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/schema\.sql:3:1: REVOKE … ON FUNCTION pg_sleep is not supported in a schema file/);
    const v = await runInProcess(['schema', 'validate', '--to', 'file://schema.sql'], { cwd, env });
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/schema\.sql:3:1: error\[E_UNSUPPORTED\]: REVOKE … ON FUNCTION pg_sleep/);
  });
  it.runIf(!!process.env.DATABASE_URL)('PostgreSQL target and dev database: schema apply refuses before either runs anything', { timeout: 300_000 }, async () => {
    const cwd = project(AM);
    const [target, dev] = [await createServerDatabase(process.env.DATABASE_URL!), await createServerDatabase(process.env.DATABASE_URL!)];
    try {
      const r = await runInProcess(['schema', 'apply', '--url', target.url, '--dev-url', dev.url, '--to', 'file://schema.sql', '--auto-approve'], { cwd, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(AM_ERROR);
      for (const url of [target.url, dev.url]) {
        const db = await openDatabase(url);
        try {
          expect((await db.query("SELECT count(*)::int AS n FROM pg_am WHERE amname = 'h186_am'")).rows[0]).toEqual({ n: 0 });
          expect((await db.query("SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('t', 'made_by_do')")).rows[0]).toEqual({ n: 0 });
        } finally {
          await db.close();
        }
      }
    } finally {
      await target.drop();
      await dev.drop();
    }
  });
});
