/**
 * Everyday commands do no hidden work (#23): `migrate diff` on a small project decides on the native fold
 * without opening any database (nor for the lint of the new file or the atlas.sum check), and
 * `migrate status` reads the revisions table with one query.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { applyMigrations, migrationStatus } from '../../src/migrate/apply.js';
import { writeSum } from '../../src/migrate/dir.js';
import type { Database } from '../../src/db/database.js';

describe('migrate diff opens no database', () => {
  it('on the example project: the first migration, then one added column, with opening a database forbidden', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-nodb-'));
    cpSync(join(repoRoot, 'database'), join(cwd, 'database'), { recursive: true });
    const env = { DATABASE_URL: '', DEV_DATABASE_URL: '', MERIDIAN_FORBID_DB_OPEN: '1' };

    const first = await runInProcess(['migrate', 'diff', 'initial', '--verbose'], { cwd, env });
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Created .*_initial\.sql/);

    // One added column: the second diff also checks atlas.sum and lints the new file.
    const schema = join(cwd, 'database/schema/schema.sql');
    const text = readFileSync(schema, 'utf8');
    expect(text).toMatch(/CREATE TABLE practice_app\.products \(/);
    writeFileSync(schema, text.replace(/CREATE TABLE practice_app\.products \(/, 'CREATE TABLE practice_app.products (\n    sku TEXT,'));
    const second = await runInProcess(['migrate', 'diff', 'add_sku', '--verbose'], { cwd, env });
    expect(second.stderr).not.toMatch(/error/);
    expect(second.code).toBe(0);
    const files = readdirSync(join(cwd, 'database/migrations')).filter((f) => f.endsWith('.sql')).sort();
    expect(files).toHaveLength(2);
    expect(readFileSync(join(cwd, 'database/migrations', files[1]!), 'utf8')).toMatch(/ALTER TABLE "practice_app"\."products" ADD COLUMN "sku" text NULL;/);

    // The guard is real: a command that needs the database fails under it.
    const status = await runInProcess(['migrate', 'status'], { cwd, env });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toMatch(/error\[E_CONNECT\]: opening a database is forbidden here/);
  });
});

/** A Database that counts the statements sent through it. */
function counting(db: Database): { db: Database; count: () => number } {
  let n = 0;
  const wrapped: Database = Object.create(db, {
    query: { value: (sql: string, params?: readonly unknown[]) => (n++, db.query(sql, params)) },
    exec: { value: (sql: string) => (n++, db.exec(sql)) },
  });
  return { db: wrapped, count: () => n };
}

describeEachDatabase('migrate status', (t) => {
  it('reads the revisions table with one query, applied or not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-status-1q-'));
    writeFileSync(join(dir, '20260101000000_a.sql'), 'CREATE TABLE a (id int);\n');
    writeSum(dir);

    const before = counting(t.db);
    const s0 = await migrationStatus(before.db, { dir });
    expect(s0.status).toBe('PENDING');
    expect(before.count()).toBe(1);

    await applyMigrations(t.db, { dir });
    const after = counting(t.db);
    const s1 = await migrationStatus(after.db, { dir });
    expect(s1.status).toBe('OK');
    expect(s1.applied.map((r) => r.version)).toEqual(['20260101000000']);
    expect(after.count()).toBe(1);
  });
});
