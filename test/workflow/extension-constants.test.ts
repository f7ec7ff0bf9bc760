/**
 * Constants of extensions' types (#27): the native fold cannot print them as their types' output functions do
 * (`'(1,2)'::cube` is stored `'(1, 2)'::cube`, hstore's `'a=>1'` is `'"a"=>"1"'`), so it names them
 * (src/parse/undecided-constants.ts) and `schema apply` and `migrate diff` build such a file's state on the dev
 * database: applied once, the file plans nothing again, with the embedded dev database and with a PostgreSQL one.
 * And an extension neither dev database has (postgis here) is a clear error that names it and shows --dev-url,
 * with nothing applied.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { byOutputFunction } from '../../src/parse/undecided-constants.js';
import { explainDevError } from '../../src/workflow/state.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { createServerDatabase } from '../helpers/databases.js';

const SCHEMA = `CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS seg;
CREATE EXTENSION IF NOT EXISTS isn;
CREATE TABLE t (
  id integer PRIMARY KEY,
  c cube DEFAULT '(1,2)'::cube,
  h hstore DEFAULT 'a=>1',
  s seg DEFAULT '1..2',
  i isbn13 DEFAULT '9780393040029',
  CONSTRAINT c_chk CHECK (c <> '(3,4)'::cube),
  CONSTRAINT h_chk CHECK (h <> 'b=>2'::hstore)
);
CREATE INDEX t_c_idx ON t (id) WHERE c <> '(5,6)'::cube;
CREATE VIEW v AS SELECT id, c = '(7,8)'::cube AS is78 FROM t WHERE s <> '3..4'::seg;
`;
const POSTGIS = 'CREATE EXTENSION IF NOT EXISTS postgis;\nCREATE TABLE places (id integer PRIMARY KEY, geom geometry(Point, 4326));\n';

const project = (schema: string) => {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-extconst-'));
  writeFileSync(join(cwd, 'schema.sql'), schema);
  return cwd;
};
const HAZARDS = 'DELETES_DATA,TABLE_REWRITE,ACCESS_EXCLUSIVE_LOCK,INDEX_BUILD,DATA_DEPENDENT,BREAKS_DEPENDANTS,NOT_TRANSACTIONAL';

describe('constants of extensions\' types in the native fold', () => {
  beforeAll(() => initSchemaParser());
  it('are named (cast ones, bare defaults of extension-typed columns), and only they', () => {
    const r = checkSchema([{ file: 'schema.sql', text: SCHEMA }]);
    expect(r.errors).toEqual([]);
    expect(r.undecided.map((c) => `${c.text}::${c.type}`).sort()).toEqual(['(1,2)::cube', '(1,2)::public.cube', '(3,4)::cube', '(5,6)::cube', '(7,8)::cube', '1..2::public.seg', '3..4::seg', '9780393040029::public.isbn13', 'a=>1::public.hstore', 'b=>2::hstore']);
    expect(r.undecided.find((c) => c.text === '(7,8)')!.location).toMatchObject({ file: 'schema.sql', line: 15 });
    // Folded again, its canonical forms come from the normaliser's cache: the same constants are named.
    expect(checkSchema([{ file: 'schema.sql', text: SCHEMA }]).undecided).toEqual(r.undecided);
    // Built-in types, the file's own types and citext (printed as written) stay native.
    const plain = checkSchema([{ file: 's.sql', text: "CREATE EXTENSION citext; CREATE TYPE mood AS ENUM ('a'); CREATE TABLE x (m mood DEFAULT 'a', e citext DEFAULT 'Q', d date DEFAULT '2024-1-5', CHECK (m <> 'a'::mood AND e <> 'x'::citext));" }]);
    expect(plain.undecided).toEqual([]);
    // pgvector is not in the snapshot: any type may be its own; without it, vector is no extension's type.
    const vector = { vector: { kind: 'extension' as const, name: 'vector', schema: 'public' } };
    expect(byOutputFunction('public.vector(3)', { types: {}, extensions: vector })).toBe(true);
    expect(byOutputFunction('public.vector(3)', { types: {}, extensions: {} })).toBe(false);
    expect(byOutputFunction('timestamp(3) with time zone', { types: {}, extensions: vector })).toBe(false);
    // A typo (no extension the file creates defines int44) is left to the native checks, which report it.
    expect(byOutputFunction('int44', { types: {}, extensions: { cube: { kind: 'extension' as const, name: 'cube', schema: 'public' } } })).toBe(false);
    expect(byOutputFunction('public.cube', { types: {}, extensions: { cube: { kind: 'extension' as const, name: 'cube', schema: 'public' } } })).toBe(true);
  });
});

describe('schema apply and migrate diff of a file with extensions\' constants (CLI)', () => {
  it('embedded dev database: applied once, the second apply and migrate diff plan nothing', { timeout: 600_000 }, async () => {
    const cwd = project(SCHEMA);
    const env = { DATABASE_URL: '' };
    const url = 'pglite://./target';
    const a = await runInProcess(['schema', 'apply', '--url', url, '--to', 'file://schema.sql', '--auto-approve', '--allow-hazards', HAZARDS], { cwd, env });
    expect(a.stderr).not.toContain('error');
    expect(a.code).toBe(0);
    const again = await runInProcess(['schema', 'apply', '--url', url, '--to', 'file://schema.sql', '--dry-run'], { cwd, env });
    expect(again.stdout).toContain('Schema is synced, no changes to be made');
    const d1 = await runInProcess(['migrate', 'diff', 'init', '--dir', 'file://migrations', '--to', 'file://schema.sql'], { cwd, env });
    expect(d1.code).toBe(0);
    const d2 = await runInProcess(['migrate', 'diff', 'again', '--dir', 'file://migrations', '--to', 'file://schema.sql'], { cwd, env });
    expect(d2.code).toBe(0);
    expect(d2.stdout).toContain('no changes to be made');
    expect(readdirSync(join(cwd, 'migrations')).filter((f) => f.endsWith('.sql'))).toHaveLength(1);
  });
  it.runIf(!!process.env.DATABASE_URL)('PostgreSQL target and dev database: applied once, the second apply plans nothing', { timeout: 300_000 }, async () => {
    const cwd = project(SCHEMA);
    const [target, dev] = [await createServerDatabase(process.env.DATABASE_URL!), await createServerDatabase(process.env.DATABASE_URL!)];
    try {
      const args = ['schema', 'apply', '--url', target.url, '--dev-url', dev.url, '--to', 'file://schema.sql'];
      const a = await runInProcess([...args, '--auto-approve', '--allow-hazards', HAZARDS], { cwd, env: { DATABASE_URL: '' } });
      expect(a.code).toBe(0);
      const again = await runInProcess([...args, '--dry-run'], { cwd, env: { DATABASE_URL: '' } });
      expect(again.stdout).toContain('Schema is synced, no changes to be made');
    } finally {
      await target.drop();
      await dev.drop();
    }
  });
});

describe('an extension the dev database lacks (postgis)', () => {
  it('a PostgreSQL dev database\'s server: the message names the extension, says the server lacks it, shows --dev-url', () => {
    const m = explainDevError({ kind: 'postgres' }, 'extension "postgis" is not available');
    expect(m).toContain('extension "postgis" is not available on the dev database\'s PostgreSQL server (the server lacks it');
    expect(m).toContain('--dev-url "postgres://');
  });
  it('schema apply: the clear error on the embedded dev database and on PostgreSQL, nothing applied', { timeout: 300_000 }, async () => {
    const cwd = project(POSTGIS);
    const env = { DATABASE_URL: '' };
    const e = await runInProcess(['schema', 'apply', '--url', 'pglite://./target', '--to', 'file://schema.sql', '--auto-approve', '--allow-hazards', HAZARDS], { cwd, env });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('extension "postgis" is not available in the embedded dev database (PGlite');
    expect(e.stderr).toContain('--dev-url');
    const after = await runInProcess(['schema', 'inspect', '-u', 'pglite://./target'], { cwd, env });
    expect(after.stdout).not.toContain('places');
    if (!process.env.DATABASE_URL) return;
    const [target, dev] = [await createServerDatabase(process.env.DATABASE_URL), await createServerDatabase(process.env.DATABASE_URL)];
    try {
      const p = await runInProcess(['schema', 'apply', '--url', target.url, '--dev-url', dev.url, '--to', 'file://schema.sql', '--auto-approve', '--allow-hazards', HAZARDS], { cwd, env });
      expect(p.code).toBe(1);
      expect(p.stderr).toContain('extension "postgis" is not available on the dev database\'s PostgreSQL server (the server lacks it');
      expect(p.stderr).toContain('--dev-url');
      const left = await runInProcess(['schema', 'inspect', '-u', target.url], { cwd, env });
      expect(left.stdout).not.toContain('places');
      expect(left.stdout).not.toContain('EXTENSION');
    } finally {
      await target.drop();
      await dev.drop();
    }
  });
});
