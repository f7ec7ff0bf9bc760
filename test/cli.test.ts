import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('CLI shell', () => {
  it('prints the version and the command tree', () => {
    const v = runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    for (const group of ['migrate', 'schema', 'db', 'dev', 'prisma', 'sql']) expect(help.stdout).toContain(group);
    const mig = runCli(['migrate', '--help']);
    for (const c of ['diff', 'apply', 'status', 'hash', 'validate', 'lint', 'new']) expect(mig.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
    const sch = runCli(['schema', '--help']);
    for (const c of ['inspect', 'validate', 'clean', 'apply', 'diff']) expect(sch.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
  });
  it('rejects unknown commands and options with exit code 2', () => {
    expect(runCli(['nope']).code).toBe(2);
    expect(runCli(['migrate', 'apply', '--no-such-flag']).code).toBe(2);
  });
});
