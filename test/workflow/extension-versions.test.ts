/**
 * An extension's version is compared only when the schema file states it: a desired state read back from the dev
 * database keeps the versions its files state (`statedVersionsOnly`), and the differ plans `ALTER EXTENSION …
 * UPDATE TO` / `SET SCHEMA` only for what is due (`alterExtension`).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { alterExtension } from '../../src/diff/extensions.js';
import type { Extension, Model } from '../../src/model/types.js';
import { loadLibpg } from '../../src/parse/libpg.js';
import { initSplitter } from '../../src/parse/split.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { statedVersionsOnly } from '../../src/workflow/state.js';
import { nativeModelFromSources } from '../../src/workflow/native.js';
import { planSchemaApply } from '../../src/workflow/schema-apply.js';
import { MeridianError } from '../../src/errors.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { runInProcess } from '../helpers/cli-inproc.js';

beforeAll(async () => {
  await loadLibpg();
  await initSplitter();
  await initSchemaParser();
});

const ext = (name: string, version?: string, schema = 'public'): Extension => ({ kind: 'extension', name, schema, ...(version ? { version } : {}) });

it('keeps only the versions the files state', () => {
  const model = { extensions: { hstore: ext('hstore', '1.8'), citext: ext('citext', '1.6') } } as unknown as Model;
  const out = statedVersionsOnly(model, [{ file: 's.sql', text: "CREATE EXTENSION hstore VERSION '1.8';\nCREATE EXTENSION citext; -- no VERSION here\nCREATE TABLE version (id int);\n" }]);
  expect(out.extensions.hstore!.version).toBe('1.8');
  expect(out.extensions.citext!.version).toBeUndefined();
});

it('ALTER EXTENSION … UPDATE TO states a version, in the fold and for a dev database; a bare UPDATE states none', () => {
  const text = "CREATE EXTENSION hstore;\nALTER EXTENSION hstore UPDATE TO '1.8';\nCREATE EXTENSION citext VERSION '1.5';\nALTER EXTENSION citext UPDATE;\n";
  const r = checkSchema([{ file: 's.sql', text }]);
  expect(r.errors).toEqual([]);
  expect(r.model.extensions.hstore!.version).toBe('1.8');
  expect(r.model.extensions.citext!.version).toBeUndefined();
  const model = { extensions: { hstore: ext('hstore', '1.8'), citext: ext('citext', '1.6') } } as unknown as Model;
  const out = statedVersionsOnly(model, [{ file: 's.sql', text }]);
  expect(out.extensions.hstore!.version).toBe('1.8');
  expect(out.extensions.citext!.version).toBeUndefined();
  expect(checkSchema([{ file: 's.sql', text: "ALTER EXTENSION hstore UPDATE TO '1.8';" }]).errors[0]).toMatchObject({ code: 'E_UNKNOWN' });
});

it('updates when both sides have a version and they differ; moves a relocatable extension only', () => {
  expect(alterExtension(ext('hstore', '1.7'), ext('hstore', '1.8'))).toMatchObject({ kind: 'alter_extension', version: '1.8' });
  expect(alterExtension(ext('hstore', '1.7'), ext('hstore'))).toBeUndefined();
  expect(alterExtension(ext('citext', '1.6'), ext('citext', undefined, 'ext'))).toMatchObject({ schema: 'ext' });
  expect(alterExtension({ ...ext('fixed', '1.0'), relocatable: false }, ext('fixed', undefined, 'ext'))).toBeUndefined();
});

describeEachDatabase('an extension update the server has no script for', (t) => {
  it('stops the plan with an error that names both versions (a downgrade); an upgrade still plans UPDATE TO', async () => {
    await t.reset();
    await t.db.exec("CREATE EXTENSION hstore VERSION '1.8'");
    const down = (await nativeModelFromSources([{ file: 's.sql', text: "CREATE EXTENSION hstore VERSION '1.7';\n" }]))!;
    const err = await planSchemaApply(t.db, down).catch((e: unknown) => e as MeridianError);
    expect(err).toBeInstanceOf(MeridianError);
    expect((err as MeridianError).code).toBe('E_PLAN');
    expect((err as MeridianError).message).toMatch(/^s\.sql:1:1: extension "hstore" cannot go from version 1\.8 to 1\.7: the target database has no update path .*such as a downgrade.*VERSION '1\.8'/);
    await t.db.exec("DROP EXTENSION hstore; CREATE EXTENSION hstore VERSION '1.7'");
    const up = (await nativeModelFromSources([{ file: 's.sql', text: "CREATE EXTENSION hstore VERSION '1.8';\n" }]))!;
    expect((await planSchemaApply(t.db, up)).map((s) => s.sql)).toEqual(['ALTER EXTENSION "hstore" UPDATE TO \'1.8\'']);
    await t.db.exec('DROP EXTENSION hstore');
  });
});

it('migrate diff asks the dev database: a downgrade is refused, located, and no migration file is written', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-ext-'));
  mkdirSync(join(cwd, 'database/schema'), { recursive: true });
  const schema = join(cwd, 'database/schema/schema.sql');
  const env = { DATABASE_URL: '' };
  writeFileSync(schema, "CREATE EXTENSION hstore VERSION '1.8';\n");
  const init = await runInProcess(['migrate', 'diff', 'init'], { cwd, env });
  expect(init.code, init.stderr).toBe(0);
  writeFileSync(schema, "-- an older one\nCREATE EXTENSION hstore VERSION '1.7';\n");
  const down = await runInProcess(['migrate', 'diff', 'down'], { cwd, env });
  expect(down.code).not.toBe(0);
  expect(down.stderr).toMatch(/database\/schema\/schema\.sql:2:1: extension "hstore" cannot go from version 1\.8 to 1\.7: the dev database has no update path/);
  expect(readdirSync(join(cwd, 'database/migrations')).filter((f) => f.endsWith('_down.sql'))).toEqual([]);
}, 120_000);
