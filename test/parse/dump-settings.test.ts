/**
 * pg_dump's header sets `default_tablespace = ''` and `default_table_access_method = heap` (and writes a key's
 * storage parameters as `WITH (fillfactor='70')`): a schema file that is such a dump validates (natively and on the
 * dev database), applies from empty and inspects back to the same Model. A tablespace other than the default, in
 * the setting or in `USING INDEX TABLESPACE`, is refused at file:line:col like every TABLESPACE clause.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { plan } from '../../src/plan/index.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { describeEachDatabase, resetDatabase } from '../helpers/databases.js';

const DUMP = [
  'SET statement_timeout = 0;', "SET default_tablespace = '';", 'SET default_table_access_method = heap;',
  "SELECT pg_catalog.set_config('search_path', '', false);", '',
  'CREATE TABLE public.users (', '    id bigint NOT NULL,', '    email text', ');', '',
  'ALTER TABLE ONLY public.users', "    ADD CONSTRAINT users_pkey PRIMARY KEY (id) WITH (fillfactor='70');", '',
  'ALTER TABLE ONLY public.users', "    ADD CONSTRAINT users_email_key UNIQUE (email) WITH (fillfactor='80');", '',
].join('\n');

beforeAll(async () => {
  await initSchemaParser();
});

it('pg_dump\'s default_tablespace and default_table_access_method settings fold without a problem', () => {
  const r = checkSchema([{ file: 'schema.sql', text: DUMP }]);
  expect([...r.errors, ...r.warnings]).toEqual([]);
  expect(Object.keys(r.model.tables)).toEqual(['public.users']);
});

it('a tablespace or table access method other than the default is refused at file:line:col, saying what to do', () => {
  const r = checkSchema([{ file: 'schema.sql', text: "CREATE TABLE t (id int);\nSET default_tablespace = fast;\nSET default_table_access_method = columnar;\nALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id) USING INDEX TABLESPACE fast;\nSET default_tablespace = pg_default;\n" }]);
  expect(r.errors.map((e) => [e.code, e.location.line, e.location.column])).toEqual([['E_UNSUPPORTED', 2, 1], ['E_UNSUPPORTED', 3, 1], ['E_UNSUPPORTED', 4, 19]]);
  expect(r.errors[0]!.message).toMatch(/^default_tablespace = fast is not supported in a schema file \(tablespaces are not managed\); move it to a migration/);
  expect(r.errors[1]!.message).toMatch(/^default_table_access_method = columnar is not supported in a schema file/);
  expect(r.errors[2]!.message).toMatch(/^USING INDEX TABLESPACE fast is not supported in a schema file \(tablespaces are not managed\)/);
});

it('meridian schema validate (on the dev database too) accepts the dump', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-settings-'));
  writeFileSync(join(dir, 'schema.sql'), DUMP);
  const r = await runInProcess(['schema', 'validate', '--to', `file://${join(dir, 'schema.sql')}`], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('valid');
}, 120_000);

describeEachDatabase('a dump with pg_dump\'s settings', (t) => {
  it('applies from empty and inspects back to the parsed Model (keys\' storage parameters included)', async () => {
    await resetDatabase(t.db);
    const parsed = checkSchema([{ file: 'schema.sql', text: DUMP }]).model;
    const empty = (await inspect(t.db)).model;
    for (const s of plan(diff(empty, parsed), empty, parsed)) await t.db.exec(s.sql);
    const after = (await inspect(t.db)).model;
    expect(plan(diff(after, parsed), after, parsed).map((s) => s.sql)).toEqual([]);
    expect(plan(diff(parsed, after), parsed, after).map((s) => s.sql)).toEqual([]);
    const opts = await t.db.query<{ name: string; options: string }>("SELECT relname AS name, array_to_string(reloptions, ',') AS options FROM pg_class WHERE relname IN ('users_pkey', 'users_email_key') ORDER BY 1");
    expect(opts.rows).toEqual([{ name: 'users_email_key', options: 'fillfactor=80' }, { name: 'users_pkey', options: 'fillfactor=70' }]);
  });
});
