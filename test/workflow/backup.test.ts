import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { backupDatabase } from '../../src/workflow/backup.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('backup before apply', (t) => {
  it('writes a backup that holds the schema and refuses to overwrite', async () => {
    await t.db.exec(`CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)`);
    const file = join(mkdtempSync(join(tmpdir(), 'meridian-bk-')), 'backup.out');
    const r = await backupDatabase(t.db, t.url ?? 'pglite://memory', file);
    expect(existsSync(file)).toBe(true);
    expect(r.bytes).toBeGreaterThan(100);
    if (r.method === 'pg_dump') expect(readFileSync(file, 'utf8')).toContain('CREATE TABLE public.kept');
    else expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
    await expect(backupDatabase(t.db, t.url ?? 'pglite://memory', file)).rejects.toThrow(/exists already/);
  });
});
