import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('migrate CLI on the embedded database', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-mcli-'));
  const env = { DATABASE_URL: '' };
  it('new → hash → validate → status → apply → status --format json', async () => {
    const n = await runCli(['migrate', 'new', 'create_users'], { cwd, env });
    expect(n.code).toBe(0);
    const files = readdirSync(join(cwd, 'database/migrations'));
    const file = files.find((f) => f.endsWith('_create_users.sql'))!;
    expect(file).toMatch(/^\d{14}_create_users\.sql$/);
    writeFileSync(join(cwd, 'database/migrations', file), 'CREATE TABLE users (id int PRIMARY KEY);\n');
    const v1 = await runCli(['migrate', 'validate'], { cwd, env });
    expect(v1.code).toBe(1);
    expect(v1.stderr).toMatch(/checksum mismatch.*_create_users\.sql was edited.*meridian migrate hash/);
    expect((await runCli(['migrate', 'hash'], { cwd, env })).code).toBe(0);
    expect(readFileSync(join(cwd, 'database/migrations/atlas.sum'), 'utf8')).toMatch(/^h1:.{44}\n\d{14}_create_users\.sql h1:.{44}\n$/);
    expect((await runCli(['migrate', 'validate'], { cwd, env })).stdout).toContain('Migration directory is valid (1 files)');
    const s1 = await runCli(['migrate', 'status'], { cwd, env });
    expect(s1.stdout).toMatch(/^Migration Status: PENDING\n  -- Current Version: No migration applied yet\n  -- Next Version:    \d{14}\n  -- Executed Files:  0\n  -- Pending Files:   1\n$/);
    const a = await runCli(['migrate', 'apply', '--auto-approve'], { cwd, env });
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/Migrating to version \d{14} \(1 migrations in total\):/);
    const s2 = await runCli(['migrate', 'status', '--format', 'json'], { cwd, env });
    const j = JSON.parse(s2.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ Status: 'OK', Next: 'Already at latest version', Pending: [], Applied: [{ Type: 'applied', Applied: 1, Total: 1, Error: '' }] });
    expect(Object.keys(j)).toEqual(['Env', 'Available', 'OutOfOrder', 'Pending', 'Applied', 'Current', 'Next', 'Count', 'Total', 'Status', 'Error', 'SQL']);
  });
  it('validate reports a syntax error with file:line:col', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-mval-'));
    writeFileSync(join(dir, '1_ok.sql'), 'CREATE TABLE a (id int);\n\nCREATE TABLE b (id int,, x int);\n');
    await runCli(['migrate', 'hash', '--dir', `file://${dir}`], { cwd, env });
    const r = await runCli(['migrate', 'validate', '--dir', `file://${dir}`], { cwd, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/1_ok\\.sql:3:24: syntax error at or near ","`));
  });
  it('apply without a TTY and without --auto-approve refuses and applies nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-mconf-'));
    writeFileSync(join(dir, '1_a.sql'), 'CREATE TABLE a (id int);\n');
    await runCli(['migrate', 'hash', '--dir', `file://${dir}`], { cwd, env });
    const r = await runCli(['migrate', 'apply', '--dir', `file://${dir}`, '--url', 'pglite://memory'], { cwd, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('-> CREATE TABLE a (id int);');
    expect(r.stderr).toMatch(/error\[E_CONFIRM\].*--auto-approve/);
  });
});
