/**
 * Every TypeScript block of the README that is meant to run (```ts, not ```ts fragment) runs in a fresh
 * project as a user would paste it (`from 'meridian'` pointing at this checkout) and must exit by itself:
 * a handle left open keeps the process alive, which is the failure this test exists for.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';
import { readmeBlocks } from './helpers/readme.js';

function run(file: string, cwd: string, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.DATABASE_URL; // the embedded database, as on a laptop
    const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), [file], { cwd, env });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('README code blocks', () => {
  const blocks = readmeBlocks();
  it('has runnable blocks (and fragments are marked as such)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });
  for (const b of blocks) {
    it(`README.md:${b.line} runs and exits by itself`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'meridian-readme-'));
      mkdirSync(join(cwd, 'database/schema'), { recursive: true });
      mkdirSync(join(cwd, 'database/migrations'), { recursive: true });
      copyFileSync(join(repoRoot, 'database/schema/schema.sql'), join(cwd, 'database/schema/schema.sql'));
      copyFileSync(join(repoRoot, 'database/schema/schema.sql'), join(cwd, 'schema.sql'));
      const file = join(cwd, 'example.mts');
      writeFileSync(file, b.code.replace(/from 'meridian'/g, `from '${join(repoRoot, 'src/index.ts')}'`));
      const r = await run(file, cwd, 150_000);
      expect(r.signal, `killed after 150 s: the example did not exit\n${r.stderr}`).toBeNull();
      expect(r.code, r.stderr).toBe(0);
    }, 180_000);
  }
});
