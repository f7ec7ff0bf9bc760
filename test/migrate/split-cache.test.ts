/**
 * The statements of migration files remembered between runs (src/migrate/split-cache.ts, #23): a
 * `migrate apply` with nothing pending does not load the splitter's wasm, and a remembered entry is used
 * only for the same bytes split by the same splitter.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitCachePath, splitFiles } from '../../src/migrate/split-cache.js';
import { readMigrationFiles, writeSum } from '../../src/migrate/dir.js';
import { initSplitter, splitStatements, splitterId } from '../../src/parse/split.js';
import { runCli } from '../helpers/cli.js';
import { createServerDatabase } from '../helpers/databases.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function project(files: Record<string, string>): { root: string; dir: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'meridian-split-cache-'));
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  mkdirSync(join(root, '.meridian'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeSum(dir);
  return { root, dir, cache: splitCachePath(root) };
}

const A = 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n';
const B = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\nINSERT INTO a VALUES (1);\n";

describe('splitFiles', () => {
  it('returns what splitStatements returns, and remembers it under the bytes\' SHA-256 and the splitter id', async () => {
    const p = project({ '1_a.sql': A, '2_b.sql': B });
    const files = readMigrationFiles(p.dir);
    const got = await splitFiles(files, p.cache, { splitter: 'test-1' });
    await initSplitter();
    for (const f of files) expect(got.get(f.name)).toEqual(splitStatements(f.content, f.name).map((s) => s.text));
    const c = JSON.parse(readFileSync(p.cache, 'utf8'));
    expect(c.splitter).toBe('test-1');
    expect(Object.keys(c.files).sort()).toEqual([sha(A), sha(B)].sort());
    expect(c.files[sha(B)]).toEqual(got.get('2_b.sql'));
  });

  it('serves a remembered entry only for the same bytes and the same splitter', async () => {
    const p = project({ '1_a.sql': A });
    await splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-1' });
    // A marker in place of the remembered statements shows when the cache answered.
    const marked = { format: 1, splitter: 'test-1', files: { [sha(A)]: ['-- from the cache'] } };
    writeFileSync(p.cache, JSON.stringify(marked));
    expect((await splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-1' })).get('1_a.sql')).toEqual(['-- from the cache']);
    // Another splitter: ignored, split again, and the file replaced.
    expect((await splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-2' })).get('1_a.sql')).toEqual(['CREATE TABLE a (id int);', 'CREATE TABLE b (id int);']);
    expect(JSON.parse(readFileSync(p.cache, 'utf8')).splitter).toBe('test-2');
    // Other bytes under the same name: split, not served.
    writeFileSync(p.cache, JSON.stringify({ ...marked, splitter: 'test-2' }));
    writeFileSync(join(p.dir, '1_a.sql'), A + 'CREATE TABLE c (id int);\n');
    expect((await splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-2' })).get('1_a.sql')).toHaveLength(3);
    // Entries of files no longer in the directory are dropped.
    expect(Object.keys(JSON.parse(readFileSync(p.cache, 'utf8')).files)).toEqual([sha(A + 'CREATE TABLE c (id int);\n')]);
  });

  it('ignores a cache file that is not JSON of its shape, and never remembers a file that does not split', async () => {
    const p = project({ '1_a.sql': A });
    writeFileSync(p.cache, '{"format":1,"splitter":"test-1","files":{"');
    expect((await splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-1' })).get('1_a.sql')).toHaveLength(2);
    writeFileSync(p.cache, JSON.stringify({ format: 1, splitter: 'test-1', files: { [sha(A)]: [1, 2] } }));
    expect((await splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-1' })).get('1_a.sql')).toEqual(['CREATE TABLE a (id int);', 'CREATE TABLE b (id int);']);

    const bad = "CREATE TABLE q (t text DEFAULT 'unterminated);\n";
    writeFileSync(join(p.dir, '2_bad.sql'), bad);
    for (let i = 0; i < 2; i++) await expect(splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-1' })).rejects.toThrow();
    expect(Object.keys(JSON.parse(readFileSync(p.cache, 'utf8')).files)).not.toContain(sha(bad));
  });

  it('remembers nothing where .meridian/ does not exist, or where the splitter has no id (the sources, the library)', async () => {
    const p = project({ '1_a.sql': A });
    rmSync(join(p.root, '.meridian'), { recursive: true });
    expect((await splitFiles(readMigrationFiles(p.dir), p.cache, { splitter: 'test-1' })).get('1_a.sql')).toHaveLength(2);
    expect(existsSync(join(p.root, '.meridian'))).toBe(false);

    const q = project({ '1_a.sql': A });
    expect(splitterId()).toBeUndefined(); // the tests run src/parse/split.ts, not a bundle chunk
    await splitFiles(readMigrationFiles(q.dir), q.cache);
    expect(existsSync(q.cache)).toBe(false);
  });
});

const servers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of servers) await drop();
});
const targets = ['embedded', ...(process.env.DATABASE_URL ? ['postgres'] : [])];

describe.each(targets)('migrate apply through the bundled CLI [%s]', (target) => {
  it('remembers the statements, uses them for the same bytes only, and applies an edited pending file as it is now', async () => {
    const p = project({ '20260101000000_a.sql': 'CREATE TABLE a (id int);\n', '20260102000000_b.sql': 'CREATE TABLE b (id int);\n' });
    let url = `pglite://${join(p.root, '.meridian', 'pglite')}`;
    if (target === 'postgres') {
      const created = await createServerDatabase(process.env.DATABASE_URL!);
      servers.push(created.drop);
      url = created.url;
    }
    const env = { DATABASE_URL: '', DEV_DATABASE_URL: '' };
    const cli = (...args: string[]) => runCli(['migrate', ...args, '--dir', 'file://migrations', '--url', url], { cwd: p.root, env });

    const first = await cli('apply', '1', '--auto-approve');
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    // The bundle's splitter has an id, so the CLI remembered every file of the directory.
    const c = JSON.parse(readFileSync(p.cache, 'utf8'));
    expect(c.splitter).toMatch(/^chunk-[A-Z0-9]+\.mjs libpg-query@/);
    expect(Object.keys(c.files)).toHaveLength(2);
    expect(c.files[sha('CREATE TABLE b (id int);\n')]).toEqual(['CREATE TABLE b (id int);']);

    // The pending file edited (and re-hashed): its new statements run, not the remembered ones.
    writeFileSync(join(p.dir, '20260102000000_b.sql'), 'CREATE TABLE b (id int);\nCREATE TABLE c (id int);\n');
    writeSum(p.dir);
    const second = await cli('apply', '--auto-approve');
    expect(second.stderr).not.toMatch(/error/);
    expect(second.stdout).toMatch(/-- 2 sql statements/);
    const none = await cli('apply', '--auto-approve');
    expect(none.stdout).toMatch(/No migration files to execute/);
    const status = await cli('status');
    expect(status.stdout).toMatch(/Executed Files:\s+2/);
  });
});
