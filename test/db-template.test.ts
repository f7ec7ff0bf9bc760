/**
 * The prepared PGlite data directory (src/db/pglite-template.ts) as PGlite reads it: the bytes of the file,
 * a fresh copy for every database, read from disk once while the file is unchanged.
 */
import { mkdtempSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTemplate } from '../src/db/pglite-template.js';

const bytesOf = async (b: Blob | undefined) => new Uint8Array(await b!.arrayBuffer());

describe('readTemplate', () => {
  it('gives the file bytes, size and an independent copy per database', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'meridian-tpl-')), 't.tar');
    writeFileSync(path, Buffer.from('abcdef'));
    const a = readTemplate(path);
    const b = readTemplate(path);
    expect(a!.size).toBe(6);
    expect(a!.type).toBe('');
    const ba = await bytesOf(a);
    ba[0] = 0x7a; // PGlite may write into what it was given: the next database must not see it
    expect(Buffer.from(await bytesOf(b)).toString()).toBe('abcdef');
    expect(Buffer.from(await bytesOf(a)).toString()).toBe('abcdef');
  });

  it('reads the file once while it is unchanged, again when it is replaced (rename) or rewritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-tpl-'));
    const path = join(dir, 't.tar');
    writeFileSync(path, Buffer.from('first'));
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    expect(Buffer.from(await bytesOf(readTemplate(path))).toString()).toBe('first');
    // Same inode, size and mtime: the remembered bytes (nothing writes a template in place and backdates it).
    writeFileSync(path, Buffer.from('FIRST'));
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    expect(Buffer.from(await bytesOf(readTemplate(path))).toString()).toBe('first');
    // writeTemplate's way: a new file renamed over the old one.
    writeFileSync(join(dir, 'next'), Buffer.from('FIRST'));
    renameSync(join(dir, 'next'), path);
    expect(Buffer.from(await bytesOf(readTemplate(path))).toString()).toBe('FIRST');
    writeFileSync(path, Buffer.from('second!'));
    expect(Buffer.from(await bytesOf(readTemplate(path))).toString()).toBe('second!');
  });

  it('no template: undefined', () => {
    expect(readTemplate(undefined)).toBeUndefined();
    expect(readTemplate(join(tmpdir(), 'meridian-no-such-template.tar'))).toBeUndefined();
  });
});

describe('a new file-backed database with no template yet', () => {
  it('makes the template first (in memory), so the next new database starts from it', async () => {
    const { existsSync, readdirSync } = await import('node:fs');
    const { openDatabase } = await import('../src/db/index.js');
    const cache = mkdtempSync(join(tmpdir(), 'meridian-cache-'));
    const saved = process.env.MERIDIAN_CACHE_DIR;
    process.env.MERIDIAN_CACHE_DIR = cache;
    try {
      const dir = join(mkdtempSync(join(tmpdir(), 'meridian-first-')), 'db');
      const db = await openDatabase(`pglite://${dir}`);
      try {
        expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
      }
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
      expect(readdirSync(cache).filter((f) => /^pglite-.*\.tar$/.test(f))).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.MERIDIAN_CACHE_DIR;
      else process.env.MERIDIAN_CACHE_DIR = saved;
    }
  }, 180_000);
});
