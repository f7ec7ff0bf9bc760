/** Smoke test of the bench harness on N=50 and the smallest real-world pair (no timing assertions: figures live in bench/). */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

/** Runs a process without blocking the test worker (a minute-long spawnSync starves vitest's RPC). */
function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

it('the bench harness runs on N=50 and writes results and a chart', async () => {
  const out = mkdtempSync(join(tmpdir(), 'meridian-bench-'));
  const r = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/run.ts'), '--sizes', '50', '--runs', '1', '--cli-from-source', '--corpus-pairs', '1', '--out', out], repoRoot, 180_000);
  expect(r.stderr).not.toMatch(/Error/);
  expect(r.status).toBe(0);
  const json = readdirSync(out).find((f) => f.endsWith('.json'))!;
  const report = JSON.parse(readFileSync(join(out, json), 'utf8')) as { rows: Array<{ stage: string; n: number; note?: string }>; peakRssMiB: number };
  const stages = new Set(report.rows.map((x) => x.stage));
  for (const s of ['parse (libpg-query, whole file)', 'parse → Model (native)', 'native replay (migration dir)', 'meridian migrate diff (CLI, e2e, native)', 'inspect (PGlite)', 'diff (5% of tables changed)', 'plan + render']) expect(stages).toContain(s);
  expect(report.rows.find((x) => x.stage === 'meridian migrate diff (CLI, e2e, native)')!.note).toBeUndefined();
  expect(r.stdout).toMatch(/MB\/s, \d+ statements\/s/);
  // The smoke run skips compiling the CLI (10–50 s here); `npm run bench` times the compiled one.
  expect(r.stdout).toMatch(/CLI stages run from the repository through bin\/meridian.js, the bundle rebuilt from the sources when stale \(--cli-from-source\)/);
  if (process.env.DATABASE_URL) {
    for (const s of ['inspect (PostgreSQL)', 'pg_dump --schema-only (peer floor)', 'meridian schema diff (CLI, e2e)', 'meridian migrate diff (CLI, e2e, dev PG)', '@pgkit/migra (same pair)', 'drizzle-kit pull (introspection)']) expect(stages).toContain(s);
    for (const s of ['meridian schema diff (CLI, e2e)', 'meridian migrate diff (CLI, e2e, dev PG)', 'meridian schema apply --dry-run (CLI, e2e, native)', 'meridian schema apply --dry-run (CLI, e2e, dev PG)']) expect(report.rows.find((x) => x.stage === s)!.note, s).toBeUndefined();
    // the real-world pairs of ../shared/corpus, when present
    if (existsSync(join(repoRoot, '..', 'shared', 'corpus'))) {
      expect(report.rows.some((x) => x.stage.startsWith('corpus ') && x.stage.endsWith(': meridian schema diff'))).toBe(true);
      // and each new state inspected beside pg_dump of it (issue #5's target on real-world schemas)
      const inspected = report.rows.filter((x) => x.stage.startsWith('corpus ') && x.stage.endsWith(': inspect (PostgreSQL)'));
      // one pair (--corpus-pairs 1): every corpus stage's path, without the larger pairs' minutes
      expect(inspected.length).toBe(1);
      expect(r.stdout).toMatch(/Corpus pairs \(old → new, database to database\), the 1 smallest of \d+ \(--corpus-pairs\)/);
      for (const x of inspected) expect(report.rows.some((y) => y.stage === x.stage.replace(': inspect (PostgreSQL)', ': pg_dump --schema-only') && y.n === x.n && !y.note)).toBe(true);
      expect(r.stdout).toMatch(/corpus [\s\S]*→ inspect \/ pg_dump +\d\.\d\d \(target ≤ 0\.25\)/);
    }
  } else {
    expect(r.stdout).toContain('DATABASE_URL not set: PostgreSQL stages and pg_dump skipped');
  }
  expect(report.peakRssMiB).toBeGreaterThan(0);
  const svg = join(out, json.replace(/\.json$/, '.svg'));
  expect(existsSync(svg)).toBe(true);
  expect(readFileSync(svg, 'utf8')).toMatch(/^<svg [\s\S]*<polyline[\s\S]*<\/svg>\n$/);
}, 200_000);

it.runIf(!!process.env.DATABASE_URL)('a peer that hits its time limit is reported with the limit and not run again at larger sizes', async () => {
  const out = mkdtempSync(join(tmpdir(), 'meridian-bench-'));
  // The generated sizes only: the real-world pairs run (and are checked) in the smoke run above.
  const r = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/run.ts'), '--sizes', '20,30', '--runs', '1', '--cli-from-source', '--peer-timeout', '0.01', '--no-corpus', '--out', out], repoRoot, 180_000);
  expect(r.status, r.stderr).toBe(0);
  const json = readdirSync(out).find((f) => f.endsWith('.json'))!;
  const report = JSON.parse(readFileSync(join(out, json), 'utf8')) as { rows: Array<{ stage: string; n: number; note?: string }> };
  const note = (stage: string, n: number) => report.rows.find((x) => x.stage === stage && x.n === n)?.note;
  for (const peer of ['@pgkit/migra (same pair)', 'drizzle-kit pull (introspection)']) {
    expect(note(peer, 20)).toBe('timed out after 0.01 s');
    expect(note(peer, 30)).toBe('skipped: timed out after 0.01 s at N=20');
  }
  // Stages with a limit of their own (at least 3 minutes) still run.
  expect(note('meridian migrate diff (CLI, e2e, native)', 30)).toBeUndefined();
  expect(r.stdout).toContain('skipped: timed out after 0.01 s at N=20');
  expect(r.stdout).not.toContain('Corpus pairs');
}, 200_000);
