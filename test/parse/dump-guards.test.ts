/**
 * pg_dump ≥ 17.6 (and 16.10, 15.14, 14.19, 13.22) writes `\restrict KEY` first and `\unrestrict KEY` last in
 * every plain-format dump. A schema file that is such a dump validates, folds and runs on the dev database
 * as the same file without those two lines (found in the generalisation corpus: philomena's structure.sql).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { blankDumpGuards } from '../../src/input/text.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { executeSources, readSchemaSources } from '../../src/workflow/state.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { describeEachDatabase, resetDatabase } from '../helpers/databases.js';

const KEY = 'zz99oBd8amrHGQvE3YMjAT6I0qnHMNmvLb5mJBfFO1JqTafWgFbLRcafUqyghEC';
const DUMP = [
  '--', '-- PostgreSQL database dump', '--', '', `\\restrict ${KEY}`, '',
  'SET statement_timeout = 0;', "SELECT pg_catalog.set_config('search_path', '', false);", '',
  'CREATE TABLE public.users (', '    id bigint NOT NULL,', '    name text', ');', '',
  'ALTER TABLE ONLY public.users', '    ADD CONSTRAINT users_pkey PRIMARY KEY (id);', '', `\\unrestrict ${KEY}`, '',
].join('\n');

function schemaFile(text: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-guards-'));
  writeFileSync(join(dir, 'schema.sql'), text);
  return { dir, path: join(dir, 'schema.sql') };
}

it('blanks the two guard lines only, keeping every offset, line and column', () => {
  const out = blankDumpGuards(DUMP);
  expect(out.length).toBe(DUMP.length);
  expect(out.split('\n').length).toBe(DUMP.split('\n').length);
  expect(out).not.toContain('restrict');
  expect(out.replace(/^ +$/gm, '')).toBe(DUMP.replace(/^\\(un)?restrict .*$/gm, ''));
  // CRLF files too; other meta-commands are left for the parser to report.
  expect(blankDumpGuards(`\\restrict ${KEY}\r\nSELECT 1;\r\n`)).toBe(`${' '.repeat(11 + KEY.length)}\nSELECT 1;\r\n`);
  expect(blankDumpGuards('\\connect app\n')).toBe('\\connect app\n');
  expect(blankDumpGuards('SELECT 1; \\restrict x\n')).toBe('SELECT 1; \\restrict x\n');
});

it('a dump with guard lines folds natively without a problem, located as in the file', async () => {
  await initSchemaParser();
  const f = schemaFile(DUMP);
  const r = checkSchema(readSchemaSources(f.path, f.dir), { allowOpaque: true });
  expect(r.errors).toEqual([]);
  expect(Object.keys(r.model.tables)).toEqual(['public.users']);
  // A mistake after the guard keeps its own line number.
  const bad = schemaFile(DUMP.replace('ALTER TABLE ONLY public.users', 'ALTER TABLE ONLY public.nosuch'));
  const e = checkSchema(readSchemaSources(bad.path, bad.dir), { allowOpaque: true }).errors;
  expect(e.map((x) => x.location.line)).toEqual([15]);
});

it('meridian schema validate --native accepts such a dump (it reported E_SYNTAX at line 5 before)', async () => {
  const f = schemaFile(DUMP);
  const r = await runInProcess(['schema', 'validate', '--native', '--to', `file://${f.path}`], { cwd: f.dir });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('valid');
}, 120_000);

describeEachDatabase('a dump with guard lines on the dev database', (t) => {
  it('runs without error', async () => {
    const f = schemaFile(DUMP);
    await resetDatabase(t.db);
    expect(await executeSources(t.db, readSchemaSources(f.path, f.dir))).toEqual([]);
    expect((await t.db.query(`SELECT to_regclass('public.users')::text AS r`)).rows[0]).toEqual({ r: 'public.users' });
  });
});
