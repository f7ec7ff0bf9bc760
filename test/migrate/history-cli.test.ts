import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-inproc.js';

describe('migrate checkpoint / rebase / hash --check from the CLI', () => {
  it('writes a checkpoint a fresh database starts from, and reports bad input with exit codes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-history-cli-'));
    const env = { DATABASE_URL: '' };
    const dir = join(cwd, 'database/migrations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '20260101000000_a.sql'), 'CREATE TABLE a (id int);\n');
    writeFileSync(join(dir, '20260102000000_b.sql'), 'ALTER TABLE a ADD COLUMN b text;\n');
    expect((await runInProcess(['migrate', 'hash'], { cwd, env })).code).toBe(0);
    const ck = await runInProcess(['migrate', 'checkpoint', 'v1'], { cwd, env });
    expect(ck.stderr).toBe('');
    expect(ck.stdout).toMatch(/database\/migrations\/\d{14}_checkpoint\.sql: checkpoint of 2 file\(s\), 1 statement\(s\), tag v1; atlas\.sum updated/);
    const name = readdirSync(dir).find((f) => f.endsWith('_checkpoint.sql'))!;
    const text = readFileSync(join(dir, name), 'utf8');
    expect(text).toMatch(/^-- atlas:checkpoint v1\n\n-- Create "a" table\nCREATE TABLE/);
    expect((await runInProcess(['migrate', 'hash', '--check'], { cwd, env })).code).toBe(0);
    const status = await runInProcess(['migrate', 'status'], { cwd, env });
    expect(status.stdout).toContain(`Next Version:    ${name.slice(0, 14)} (checkpoint)`);
    writeFileSync(join(dir, name), text.replace('text', 'varchar'));
    const stale = await runInProcess(['migrate', 'hash', '--check'], { cwd, env });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(new RegExp(`E_CHECKSUM.*${name} was edited`));
    const rebase = await runInProcess(['migrate', 'rebase', '20990101000000'], { cwd, env });
    expect(rebase.code).not.toBe(0);
    expect(rebase.stderr).toMatch(/no migration file with version "20990101000000"/);
  }, 240_000);
});
