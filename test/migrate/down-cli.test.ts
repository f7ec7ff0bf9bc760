import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-inproc.js';

describe('migrate down CLI on the embedded database', () => {
  it('shows the revert, refuses bad input, reverts with --auto-approve', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-down-cli-'));
    const env = { DATABASE_URL: '' };
    const dir = join(cwd, 'database/migrations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '20260101000000_a.sql'), 'CREATE TABLE a (id int);\n');
    writeFileSync(join(dir, '20260102000000_b.sql'), 'CREATE TABLE b (id int);\n');
    expect((await runInProcess(['migrate', 'hash'], { cwd, env })).code).toBe(0);
    expect((await runInProcess(['migrate', 'apply', '--auto-approve'], { cwd, env })).code).toBe(0);
    const bad = await runInProcess(['migrate', 'down', '--to-version', '20990101000000'], { cwd, env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/version 20990101000000 is not applied/);
    const dry = await runInProcess(['migrate', 'down', '--dry-run'], { cwd, env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Reverting 20260102000000[\s\S]*DROP TABLE "public"\."b"/);
    const down = await runInProcess(['migrate', 'down', '--auto-approve'], { cwd, env });
    expect(down.stdout + down.stderr).toMatch(/Reverted to version 20260101000000/);
    expect(down.code).toBe(0);
    const status = await runInProcess(['migrate', 'status'], { cwd, env });
    expect(status.stdout).toMatch(/Current Version: 20260101000000/);
  });
});
