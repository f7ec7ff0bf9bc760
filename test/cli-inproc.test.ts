/**
 * The in-process CLI runner (test/helpers/cli-inproc.ts) gives each command what a child process would
 * start with, and leaves the test process as it found it: environment, working directory, exit code,
 * stdin, terminals and colours.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers/cli-inproc.js';

/** A migration directory without atlas.sum: `migrate validate` prints Atlas's checksum hint (coloured on request). */
function unsummed(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-inproc-'));
  writeFileSync(join(dir, '1_a.sql'), 'CREATE TABLE a (id int);\n');
  return dir;
}

describe('runInProcess', () => {
  it('restores environment, working directory and exit code; a failing command returns its code', async () => {
    const env = { ...process.env };
    const cwd = process.cwd();
    const dir = unsummed();
    const r = await runInProcess(['migrate', 'validate', '--dir', 'file://.'], { cwd: dir, env: { DATABASE_URL: '', MERIDIAN_INPROC_PROBE: '1', HOME: undefined } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('You have a checksum error in your migration directory.');
    expect(process.env).toEqual(env);
    expect(process.cwd()).toBe(cwd);
    expect(process.exitCode).toBeUndefined();
  });

  it('colours as a child with piped output would: only when FORCE_COLOR asks, decided per command', async () => {
    const dir = unsummed();
    const plain = await runInProcess(['migrate', 'validate', '--dir', 'file://.'], { cwd: dir, env: { FORCE_COLOR: undefined, NO_COLOR: undefined, CI: 'true' } });
    expect(plain.stdout).toContain("run 'meridian migrate hash'");
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await runInProcess(['migrate', 'validate', '--dir', 'file://.'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(forced.stdout).toContain('\u001b[36m');
    const again = await runInProcess(['migrate', 'validate', '--dir', 'file://.'], { cwd: dir, env: { FORCE_COLOR: undefined, NO_COLOR: undefined } });
    expect(again.stdout).not.toContain('\u001b[');
  });

  it('reads stdin from input, never from the worker, and stdin is not a terminal', async () => {
    const r = await runInProcess(['db', 'shell', '--url', 'pglite://memory'], { input: 'select 40 + 2 as answer;\n\\q\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/answer\s*\n-+\n\s*42\s*\n\(1 row\)/);
    expect(process.stdin.isTTY).not.toBe(false); // the worker's own stdin is back (false only on the runner's stand-in)
  }, 120_000);
});
