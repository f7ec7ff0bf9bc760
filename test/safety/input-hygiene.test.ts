/**
 * Input hygiene: every file Meridian reads goes through one decoder (src/input/text.ts) that refuses
 * NUL bytes, invalid UTF-8 and UTF-16/32 with a located E_ENCODING error and drops a UTF-8 byte-order
 * mark; a schema that defines nothing may not empty a state that has objects (E_EMPTY_SCHEMA).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { MeridianError } from '../../src/errors.js';
import { decodeText, encodingProblem } from '../../src/input/text.js';
import { readMigrationFiles, validateSum, writeSum } from '../../src/migrate/dir.js';
import { initSplitter, splitStatements } from '../../src/parse/split.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { executeStatements, planSchemaApply } from '../../src/workflow/schema-apply.js';
import { readSchemaSources } from '../../src/workflow/state.js';
import { nativeModelFromSources } from '../../src/workflow/native.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { describeEachDatabase } from '../helpers/databases.js';

const SCHEMA = `CREATE SCHEMA app;\nCREATE TABLE app.users (id int PRIMARY KEY, email text NOT NULL);\nCREATE TABLE app.orders (id int PRIMARY KEY, user_id int REFERENCES app.users (id));\n`;
const NO_DEV = async () => {
  throw new Error('the dev database must not be opened');
};

/** The encodings a broken checkout or an editor produces, each with the reason reported. */
const BAD: { name: string; bytes: (sql: string) => Buffer; reason: RegExp; line?: number; column?: number }[] = [
  { name: 'NUL bytes first', bytes: (s) => Buffer.concat([Buffer.alloc(3), Buffer.from(s)]), reason: /NUL byte at offset 0\b/, line: 1, column: 1 },
  { name: 'a NUL byte inside', bytes: (s) => Buffer.from(s.replace('email', 'em\0ail')), reason: new RegExp(`NUL byte at offset ${SCHEMA.indexOf('email') + 2}\\b`), line: 2, column: SCHEMA.indexOf('email') + 2 - SCHEMA.indexOf('\n') },
  { name: 'UTF-16LE with BOM', bytes: (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]), reason: /UTF-16LE byte-order mark/ },
  { name: 'UTF-16BE with BOM', bytes: (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]), reason: /UTF-16BE byte-order mark/ },
  { name: 'UTF-16LE without BOM', bytes: (s) => Buffer.from(s, 'utf16le'), reason: /NUL byte at offset 1; the file looks like UTF-16LE/ },
  { name: 'UTF-16BE without BOM', bytes: (s) => Buffer.from(s, 'utf16le').swap16(), reason: /NUL byte at offset 0; the file looks like UTF-16BE/ },
  { name: 'Latin-1', bytes: (s) => Buffer.from(`${s}-- café\n`, 'latin1'), reason: new RegExp(`invalid UTF-8 byte 0xe9 at offset ${SCHEMA.length + 6}\\b`), line: 4, column: 7 },
  { name: 'a truncated UTF-8 sequence', bytes: (s) => Buffer.concat([Buffer.from(s), Buffer.from([0xe2, 0x82])]), reason: new RegExp(`invalid UTF-8 byte 0xe2 at offset ${SCHEMA.length}\\b`) },
  { name: 'an encoded surrogate', bytes: (s) => Buffer.concat([Buffer.from(s), Buffer.from([0xed, 0xa0, 0x80])]), reason: /invalid UTF-8 byte 0xed/ },
  { name: 'an overlong encoding', bytes: (s) => Buffer.concat([Buffer.from(s), Buffer.from([0xc0, 0xaf])]), reason: /invalid UTF-8 byte 0xc0/ },
];

function project(schema: Buffer | string): { dir: string; migrations: string; schemaPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-hygiene-'));
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  const schemaPath = join(dir, 'schema.sql');
  writeFileSync(schemaPath, schema);
  return { dir, migrations, schemaPath };
}

function thrown(fn: () => unknown): MeridianError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MeridianError) return e;
    throw e;
  }
  throw new Error('expected a MeridianError');
}

async function rejected(p: Promise<unknown>): Promise<MeridianError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MeridianError) return e;
    throw e;
  }
  throw new Error('expected a MeridianError');
}

describe('the text decoder', () => {
  it.each(BAD)('refuses $name with the offset and location of the first bad byte', ({ bytes, reason, line, column }) => {
    const e = thrown(() => decodeText(bytes(SCHEMA), 'schema.sql'));
    expect(e.code).toBe('E_ENCODING');
    expect(e.message).toMatch(/^not UTF-8 text \(/);
    expect(e.message).toMatch(reason);
    expect(e.location?.file).toBe('schema.sql');
    if (line) expect([e.location?.line, e.location?.column]).toEqual([line, column]);
  });
  it('accepts UTF-8 (multi-byte characters included) and drops a UTF-8 byte-order mark', () => {
    expect(encodingProblem(Buffer.from('SELECT \'héllo — 😀\';'))).toBeUndefined();
    expect(decodeText(Buffer.from('\uFEFFCREATE TABLE t ();'), 'x.sql')).toBe('CREATE TABLE t ();');
  });
});

describe('every reader goes through the decoder', () => {
  it('schema files (a file, and a directory of files)', () => {
    const { dir, schemaPath } = project(Buffer.concat([Buffer.alloc(2), Buffer.from(SCHEMA)]));
    expect(thrown(() => readSchemaSources(schemaPath, dir)).message).toMatch(/NUL byte at offset 0/);
    mkdirSync(join(dir, 'many'));
    writeFileSync(join(dir, 'many', 'a.sql'), SCHEMA);
    writeFileSync(join(dir, 'many', 'b.sql'), Buffer.from('CREATE TABLE b (id int);', 'utf16le'));
    const e = thrown(() => readSchemaSources(join(dir, 'many'), dir));
    expect(e.location?.file).toBe(join('many', 'b.sql'));
  });
  it('migration files, their statements, and atlas.sum', async () => {
    const { migrations } = project(SCHEMA);
    writeFileSync(join(migrations, '20260101000000_init.sql'), '\uFEFFCREATE TABLE a (id int);\n');
    writeSum(migrations);
    // A byte-order mark: hashed as the bytes are (Atlas's sum), kept out of the SQL, offsets unchanged.
    const [f] = readMigrationFiles(migrations);
    expect(f!.text).toBe('CREATE TABLE a (id int);\n');
    await initSplitter();
    expect(splitStatements(f!.content, f!.name).map((s) => [s.text, s.offset])).toEqual([['CREATE TABLE a (id int);', 3]]);
    expect(thrown(() => splitStatements(Buffer.from('CREATE TABLE a (id int);\0DROP TABLE a;'), 'x.sql')).message).toMatch(/NUL byte at offset 24/);
    writeFileSync(join(migrations, '20260102000000_bad.sql'), Buffer.from('CREATE TABLE b (id int);\n', 'utf16le'));
    const e = thrown(() => readMigrationFiles(migrations));
    expect(e.code).toBe('E_ENCODING');
    expect(e.location?.file).toContain('20260102000000_bad.sql');
    const { migrations: m2 } = project(SCHEMA);
    writeFileSync(join(m2, '20260101000000_init.sql'), 'CREATE TABLE a (id int);\n');
    writeSum(m2);
    writeFileSync(join(m2, 'atlas.sum'), Buffer.from('h1:abc\0\n'));
    expect(thrown(() => validateSum(m2)).code).toBe('E_ENCODING');
  });
  it('.env files and atlas.hcl', () => {
    const { dir } = project(SCHEMA);
    writeFileSync(join(dir, '.env'), Buffer.from('DATABASE_URL=postgres://x/y\n', 'utf16le'));
    expect(thrown(() => resolveConfig({}, { cwd: dir, environ: {} })).code).toBe('E_ENCODING');
    const { dir: d2 } = project(SCHEMA);
    writeFileSync(join(d2, 'atlas.hcl'), Buffer.from('env "local" {\n  url = "postgres://\xff"\n}\n', 'latin1'));
    expect(thrown(() => resolveConfig({ env: 'local' }, { cwd: d2, environ: {} })).code).toBe('E_ENCODING');
  });
});

describe('migrate diff never turns a corrupt or empty schema into a migration', () => {
  const init = async (schema: Buffer | string) => {
    const p = project(SCHEMA);
    await migrateDiff({ migrationsDir: p.migrations, schemaPath: p.schemaPath, dev: NO_DEV, name: 'init', now: () => new Date('2026-01-01T00:00:00Z') });
    writeFileSync(p.schemaPath, schema);
    return p;
  };
  it.each(BAD)('$name: refused, nothing written', async ({ bytes }) => {
    const p = await init(bytes(SCHEMA));
    const before = readdirSync(p.migrations);
    const e = await rejected(migrateDiff({ migrationsDir: p.migrations, schemaPath: p.schemaPath, dev: NO_DEV }));
    expect(e.code).toBe('E_ENCODING');
    expect(readdirSync(p.migrations)).toEqual(before);
  });
  it.each([
    ['truncated to 0 bytes', ''],
    ['whitespace only', '\n\n   \t\n'],
    ['comments only', '-- CREATE TABLE app.users (id int);\n/* nothing */\n'],
    ['settings only', 'SET search_path TO app;\n'],
  ])('%s: refused while the directory has objects, nothing written', async (_, text) => {
    const p = await init(text);
    const before = readdirSync(p.migrations);
    const e = await rejected(migrateDiff({ migrationsDir: p.migrations, schemaPath: p.schemaPath, dev: NO_DEV }));
    expect(e.code).toBe('E_EMPTY_SCHEMA');
    expect(e.message).toMatch(/defines no objects .* current state has 3 object\(s\), 2 of them table\(s\)/);
    expect(readdirSync(p.migrations)).toEqual(before);
  });
  it('an empty schema is accepted with allowEmpty, or with the marker line in the file', async () => {
    const p = await init('');
    const r = await migrateDiff({ migrationsDir: p.migrations, schemaPath: p.schemaPath, dev: NO_DEV, allowEmpty: true, dryRun: true });
    expect(r.statements.map((s) => s.sql)).toEqual(['DROP SCHEMA "app" CASCADE']);
    writeFileSync(p.schemaPath, '-- meridian:allow-empty\n');
    expect((await migrateDiff({ migrationsDir: p.migrations, schemaPath: p.schemaPath, dev: NO_DEV, dryRun: true })).statements).toHaveLength(1);
  });
  it('an empty schema over an empty directory is fine (nothing to do)', async () => {
    const p = project('');
    const r = await migrateDiff({ migrationsDir: p.migrations, schemaPath: p.schemaPath, dev: NO_DEV });
    expect(r.statements).toEqual([]);
    expect(existsSync(join(p.migrations, 'atlas.sum'))).toBe(false);
  });
});

describe('the reported case, end to end', () => {
  it('meridian migrate diff on a schema.sql starting with NUL bytes exits 1 with the offset and writes nothing', async () => {
    const p = project(SCHEMA);
    const env = { DATABASE_URL: '', DEV_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/no_dev_database' };
    const args = ['migrate', 'diff', '--dir', `file://${p.migrations}`, '--to', `file://${p.schemaPath}`];
    expect((await runInProcess([...args, 'init'], { cwd: p.dir, env })).code).toBe(0);
    writeFileSync(p.schemaPath, Buffer.concat([Buffer.alloc(3), Buffer.from(SCHEMA)]));
    const before = readdirSync(p.migrations);
    const r = await runInProcess([...args, 'bad'], { cwd: p.dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[E_ENCODING]: schema.sql:1:1: not UTF-8 text (NUL byte at offset 0)');
    expect(readdirSync(p.migrations)).toEqual(before);
    writeFileSync(p.schemaPath, '');
    const empty = await runInProcess([...args, 'bad'], { cwd: p.dir, env });
    expect([empty.code, empty.stderr]).toEqual([1, expect.stringContaining('error[E_EMPTY_SCHEMA]')]);
    expect(readdirSync(p.migrations)).toEqual(before);
    const allowed = await runInProcess([...args, 'drop_all', '--allow-empty'], { cwd: p.dir, env });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(readdirSync(p.migrations).length).toBe(before.length + 1);
  }, 120_000);
});

describeEachDatabase('schema apply refuses an empty schema over a database with objects', (t) => {
  it('refused (nothing executed) unless allowed', async () => {
    await t.db.exec(SCHEMA);
    const sources = [{ file: 'schema.sql', text: '' }];
    const desired = (await nativeModelFromSources(sources))!;
    const e = await rejected(planSchemaApply(t.db, desired, { sources }));
    expect(e.code).toBe('E_EMPTY_SCHEMA');
    expect((await t.db.query(`SELECT to_regclass('app.users') AS r`)).rows[0]).toEqual({ r: 'app.users' });
    const statements = await planSchemaApply(t.db, desired, { sources, allowEmpty: true });
    await executeStatements(t.db, statements);
    expect((await t.db.query(`SELECT to_regclass('app.users') AS r`)).rows[0]).toEqual({ r: null });
  });
});
