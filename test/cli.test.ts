import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../src/cli/colors.js';
import { repoRoot, runCli } from './helpers/cli.js';
import { runInProcess } from './helpers/cli-inproc.js';

describe('CLI shell', () => {
  it('prints the version and the command tree', async () => {
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const group of ['migrate', 'schema', 'db', 'dev', 'prisma', 'sql']) expect(help.stdout).toContain(group);
    const mig = await runCli(['migrate', '--help']);
    for (const c of ['diff', 'apply', 'status', 'hash', 'validate', 'lint', 'new']) expect(mig.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
    const sch = await runCli(['schema', '--help']);
    for (const c of ['inspect', 'validate', 'clean', 'apply', 'diff']) expect(sch.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
  });
  it('stops quietly when the reader of its output goes away (`… | head`)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-epipe-'));
    mkdirSync(join(cwd, 'migrations'));
    writeFileSync(join(cwd, 'schema.sql'), Array.from({ length: 50 }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, a text);`).join('\n'));
    const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), 'migrate', 'diff', '--dir', 'file://migrations', '--to', 'file://schema.sql', '--format', 'sql'], { cwd, env: { ...process.env, DATABASE_URL: '' } });
    child.stdout.destroy(); // the reader is gone before the first line is written
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(0);
  });
  it('rejects unknown commands and options with exit code 2', async () => {
    expect((await runCli(['nope'])).code).toBe(2);
    expect((await runCli(['migrate', 'apply', '--no-such-flag'])).code).toBe(2);
  });
});

describe('CLI bad input: one clear line, exit code 1, no stack trace', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-bad-'));
  writeFileSync(join(cwd, '.env.qa'), 'DATABASE_URL=postgres://u:topsecret@127.0.0.1:1/db\n');
  const env = { DATABASE_URL: '', DEBUG: '' };
  const cases: Array<[string, string[], RegExp, Record<string, string>?]> = [
    ['unreachable server', ['test', 'schema', '--url', 'postgres://me:hunter2@127.0.0.1:1/db'], /^error\[E_CONNECT\]: cannot connect to postgres:\/\/me:xxxxx@127\.0\.0\.1:1\/db/],
    ['malformed URL', ['test', 'schema', '--url', 'mysql://x:y@h/d'], /^error\[E_URL\]: unsupported database URL "mysql:\/\/x:xxxxx@h\/d"/],
    ['unknown --env', ['test', 'schema', '--env', 'nowhere'], /^error\[E_ENV\]: unknown environment "nowhere": create \.env\.nowhere/],
    ['env file pointing at a dead server', ['test', 'schema', '--env', 'qa'], /^error\[E_CONNECT\]: .*xxxxx/],
  ];
  for (const [name, args, re] of cases) {
    it(name, async () => {
      const r = await runInProcess(args, { cwd, env });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(re);
      expect(r.stderr).not.toMatch(/hunter2|topsecret|\n\s+at /);
    });
  }
  it('invalid atlas.hcl names the file, line and column when the env is used (without --env it is not read, as in Atlas)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-hcl-'));
    writeFileSync(join(dir, 'atlas.hcl'), 'env "local" {\n  url = \n}\n');
    const r = await runInProcess(['test', 'schema', '--env', 'local'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^error\[E_CONFIG\]: atlas\.hcl:3:1: unexpected "}"/);
  });
  it('DEBUG=meridian shows the stack', async () => {
    const r = await runInProcess(['test', 'schema', '--url', 'mysql://h/d'], { cwd, env: { ...env, DEBUG: 'meridian' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('colours', () => {
  it('only on a terminal, unless FORCE_COLOR; NO_COLOR always wins; CI alone does not colour', () => {
    expect(colorEnabled({ isTTY: false }, { CI: 'true' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
  it('piped output has no escape codes even when CI is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-color-'));
    mkdirSync(join(dir, 'migrations'));
    const r = await runCli(['migrate', 'status', '--dir', `file://${join(dir, 'migrations')}`, '--url', `pglite://${join(dir, 'db')}`], { cwd: dir, env: { CI: 'true', NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Migration Status: OK\n/);
    expect(r.stdout).not.toContain('\u001b[');
  });
});
