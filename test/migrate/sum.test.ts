import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatVersion, hashDirectory, nextVersion, parseFileName, readMigrationFiles, validateSum, writeMigrationFile, writeSum } from '../../src/migrate/dir.js';
import { computeHashFile, formatHashFile, isSumIgnored, parseHashFile } from '../../src/migrate/sum.js';
import { repoRoot } from '../helpers/cli.js';

const vectors = resolve(repoRoot, '..', 'shared', 'atlas-vectors');
const vectorDirs = ['atlasexec-migrations', 'cmdapi-sqlitetx3', 'cmdapi-templatedir', 'cmdmigrate-broken', 'integration-postgres', 'sqlmigrate-partial-checkpoint', 'synthetic/sum-ignore'];

describe('atlas.sum byte compatibility', () => {
  it('finds the vectors', () => {
    expect(existsSync(vectors)).toBe(true);
  });
  for (const d of vectorDirs) {
    it(`reproduces ${d}/atlas.sum byte for byte`, () => {
      const dir = join(vectors, d);
      const expected = readFileSync(join(dir, 'atlas.sum'), 'utf8');
      expect(formatHashFile(hashDirectory(dir))).toBe(expected);
      expect(() => validateSum(dir)).not.toThrow();
    });
  }
  it('ignores files whose first line says atlas:sum ignore, exactly as Go matches it', () => {
    expect(isSumIgnored('//atlas:sum ignore\nbar')).toBe(true);
    expect(isSumIgnored('atlas:sum ignore')).toBe(true);
    expect(isSumIgnored('//atlas:sum\nfoo')).toBe(false);
    expect(isSumIgnored('-- atlas:sum ignore\r\nbaz;')).toBe(false);
    expect(isSumIgnored('-- atlas:sum ignore  \nqux;')).toBe(false);
  });
  it('writes the empty-directory sum', () => {
    expect(formatHashFile(computeHashFile([]))).toBe('h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
  });
  it('rejects a hand-edited atlas.sum', () => {
    const text = readFileSync(join(vectors, 'atlasexec-migrations', 'atlas.sum'), 'utf8');
    expect(() => parseHashFile(text.replace('jxgv', 'jxgw'))).toThrow(/checksum mismatch/);
    expect(() => parseHashFile(text + 'garbage\n')).toThrow(/format invalid/);
  });
});

describe('tampered directories are refused, naming the file', () => {
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-sum-'));
    cpSync(join(vectors, 'atlasexec-migrations'), dir, { recursive: true });
    return dir;
  };
  it('edited file', () => {
    const dir = fresh();
    writeFileSync(join(dir, '20230727105615_t2.sql'), 'CREATE TABLE t3 (id int);\n');
    expect(() => validateSum(dir)).toThrow(/L3: 20230727105615_t2\.sql was edited.*meridian migrate hash/);
  });
  it('removed file', () => {
    const dir = fresh();
    rmSync(join(dir, '20230727105615_t2.sql'));
    expect(() => validateSum(dir)).toThrow(/20230727105615_t2\.sql was removed/);
  });
  it('extra file', () => {
    const dir = fresh();
    writeFileSync(join(dir, '20240101000000_extra.sql'), 'SELECT 1;\n');
    expect(() => validateSum(dir)).toThrow(/20240101000000_extra\.sql was added/);
  });
  it('reordered (renamed) file', () => {
    const dir = fresh();
    renameSync(join(dir, '20230727105553_init.sql'), join(dir, '20230727105700_init.sql'));
    expect(() => validateSum(dir)).toThrow(/checksum mismatch/);
  });
  it('missing atlas.sum with files', () => {
    const dir = fresh();
    rmSync(join(dir, 'atlas.sum'));
    expect(() => validateSum(dir)).toThrow(/checksum file not found/);
    writeSum(dir);
    expect(() => validateSum(dir)).not.toThrow();
  });
});

describe('migration directory', () => {
  it('derives versions and descriptions like Atlas', () => {
    expect(parseFileName('20220318104614_initial.sql')).toEqual({ version: '20220318104614', description: 'initial' });
    expect(parseFileName('1.sql')).toEqual({ version: '1', description: '' });
    expect(parseFileName('1_initial.up.sql')).toEqual({ version: '1', description: 'initial.up' });
    expect(parseFileName('2.10.x-20_description.sql')).toEqual({ version: '2.10.x-20', description: 'description' });
  });
  it('orders byte-wise, reads header directives and ignores sub-directories', () => {
    const files = readMigrationFiles(join(vectors, 'cmdapi-templatedir'));
    expect(files.map((f) => f.name)).toEqual(['1.sql', '2.sql']);
    const tx = readMigrationFiles(join(vectors, 'cmdapi-sqlitetx3'));
    expect(tx[1]!.directives).toEqual([{ name: 'txmode', args: 'none' }]);
    const cp = readMigrationFiles(join(vectors, 'sqlmigrate-partial-checkpoint'));
    expect(cp.filter((f) => f.checkpoint).map((f) => f.name)).toEqual(['3_checkpoint.sql', '5_checkpoint.sql']);
  });
  it('formats UTC versions and never reuses one', () => {
    expect(formatVersion(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('20260102030405');
    const dir = mkdtempSync(join(tmpdir(), 'meridian-dir-'));
    const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const a = writeMigrationFile(dir, { name: 'a', content: 'SELECT 1;\n', now });
    const b = writeMigrationFile(dir, { name: 'b', content: 'SELECT 2;\n', now });
    expect(a.version).toBe('20260102030405');
    expect(b.version).toBe('20260102030406');
    expect(nextVersion(dir, now)).toBe('20260102030407');
    expect(readdirSync(dir).sort()).toEqual(['20260102030405_a.sql', '20260102030406_b.sql', 'atlas.sum']);
    expect(statSync(join(dir, 'atlas.sum')).mode & 0o777).toBe(0o644);
    expect(() => validateSum(dir)).not.toThrow();
  });
});
