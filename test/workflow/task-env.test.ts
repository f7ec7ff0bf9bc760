/**
 * The guide's `task env:staging migrate:diff` spelling with the shipped Taskfile.yml, run by a go-task
 * stand-in (test/helpers/go-task-emulator.mjs: go-task cannot be installed here) that follows go-task's
 * documented argument handling: the tasks run in sequence in one process.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

function task(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.MERIDIAN_ENV;
    const child = spawn(process.execPath, [join(repoRoot, 'test/helpers/go-task-emulator.mjs'), `MERIDIAN=${process.execPath} ${join(repoRoot, 'bin/meridian.js')}`, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('task env:staging <task>', () => {
  it('runs the following tasks of the same task run against staging, and never a later, separate run', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-task-'));
    copyFileSync(join(repoRoot, 'Taskfile.yml'), join(cwd, 'Taskfile.yml'));
    mkdirSync(join(cwd, 'database/migrations'), { recursive: true });
    writeFileSync(join(cwd, 'database/migrations/20260101000000_init.sql'), 'CREATE TABLE t (id int);\n');
    writeFileSync(join(cwd, '.env.staging'), 'DATABASE_URL=pglite://./staging-db\n');
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [join(repoRoot, 'bin/meridian.js'), 'migrate', 'hash'], { cwd });

    const staged = await task(['env:staging', 'migrate:apply', 'migrate:status'], cwd);
    expect(staged.code, staged.stderr).toBe(0);
    expect(staged.stderr).toContain('env "staging" for the following tasks of this task run');
    expect(staged.stderr).toContain('env "staging" (set by task env:staging in this task run)');
    expect(staged.stdout).toContain('Migration Status: OK');
    expect(existsSync(join(cwd, 'staging-db'))).toBe(true);
    expect(existsSync(join(cwd, '.meridian/pglite'))).toBe(false);

    // A later run without env:staging is on the default (embedded) database: nothing leaked.
    const later = await task(['migrate:status'], cwd);
    expect(later.code, later.stderr).toBe(0);
    expect(later.stderr).not.toContain('staging');
    expect(later.stdout).toContain('Migration Status: PENDING');

    // env:<name> for an environment that does not exist stops the run at once.
    const typo = await task(['env:production', 'migrate:status'], cwd);
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('unknown environment "production"');
  }, 180_000);
});
