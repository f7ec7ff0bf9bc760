/**
 * `npm run bench:latency`: how fast the guide's everyday commands answer on the example project (5 tables),
 * as whole processes (`node bin/meridian.js …`, the bundled CLI), relative to `node -e ''` timed in the same
 * run, alternating (one `node -e ''`, then the command), so a busy machine slows both alike.
 *
 * Commands: `--version`; `migrate diff` of one added column (run with MERIDIAN_FORBID_DB_OPEN=1: it must
 * decide without any database); `migrate status` and `migrate apply` with nothing pending on the embedded
 * database, and on PostgreSQL (a throw-away database) when DATABASE_URL is set.
 *
 * Flags: --runs N (default 3), --json FILE (also write the results), --check (exit 1 when a target is missed),
 * --db-prefix P (the throw-away PostgreSQL database's name prefix, default meridian_latency_).
 * The project is copied to a temporary directory; the repository is not modified.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'meridian.js');
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 3);
const serverUrl = process.env.DATABASE_URL || undefined;

const work = mkdtempSync(join(tmpdir(), 'meridian-latency-'));
cpSync(join(root, 'database'), join(work, 'database'), { recursive: true });
const migrations = join(work, 'database/migrations');
const baseEnv = { ...process.env, DATABASE_URL: '', DEV_DATABASE_URL: '', NO_COLOR: '1' };

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = baseEnv): { ms: number; stdout: string; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: work, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}
const meridian = (args: string[], env?: NodeJS.ProcessEnv) => run(process.execPath, [bin, ...args], env);

// The project at its latest migration, on the embedded database (and PostgreSQL).
meridian(['migrate', 'diff', 'initial']);
meridian(['migrate', 'apply', '--auto-approve']);
let pgDb: string | undefined;
let pgUrl: string | undefined;
if (serverUrl) {
  pgDb = `${flag('--db-prefix') ?? 'meridian_latency_'}${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(pgDb)) throw new Error(`--db-prefix: not a plain lower-case identifier: ${pgDb}`);
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${pgDb}`;
  pgUrl = u.toString();
  meridian(['migrate', 'apply', '--auto-approve', '--url', pgUrl]);
}

// The edit `migrate diff` turns into a migration: one added column. Each timed run's file is removed after.
const schemaFile = join(work, 'database/schema/schema.sql');
const schema = readFileSync(schemaFile, 'utf8');
if (!/CREATE TABLE practice_app\.products \(/.test(schema)) throw new Error('the example schema changed: update bench/latency.ts');
writeFileSync(schemaFile, schema.replace(/CREATE TABLE practice_app\.products \(/, 'CREATE TABLE practice_app.products (\n    sku TEXT,'));
const sum = readFileSync(join(migrations, 'atlas.sum'), 'utf8');
const before = new Set(readdirSync(migrations));
function undoDiff(): void {
  for (const f of readdirSync(migrations)) if (!before.has(f)) rmSync(join(migrations, f));
  writeFileSync(join(migrations, 'atlas.sum'), sum);
}

interface Case {
  readonly name: string;
  readonly target: number;
  readonly run: () => number;
}
const cases: Case[] = [
  { name: '`meridian --version`', target: 1.5, run: () => meridian(['--version']).ms },
  {
    name: '`migrate diff` (one added column; no database opened)',
    target: 2.5,
    run: () => {
      const r = meridian(['migrate', 'diff', 'add_sku'], { ...baseEnv, MERIDIAN_FORBID_DB_OPEN: '1' });
      // migrate diff is silent when it writes (as Atlas): check the file it wrote.
      const added = readdirSync(migrations).filter((f) => !before.has(f) && f.endsWith('.sql'));
      const text = added.length === 1 ? readFileSync(join(migrations, added[0]!), 'utf8') : '';
      if ((text.match(/;\n/g) ?? []).length !== 1 || !/ADD COLUMN/.test(text)) throw new Error(`migrate diff wrote an unexpected migration: ${added.join(', ')} ${text} ${r.stderr}`);
      undoDiff();
      return r.ms;
    },
  },
  { name: '`migrate status` (embedded)', target: 6, run: () => meridian(['migrate', 'status']).ms },
  { name: '`migrate apply`, nothing pending (embedded)', target: 6, run: () => meridian(['migrate', 'apply', '--auto-approve']).ms },
  ...(pgUrl
    ? [
        { name: '`migrate status` (PostgreSQL)', target: 2.5, run: () => meridian(['migrate', 'status', '--url', pgUrl!]).ms },
        { name: '`migrate apply`, nothing pending (PostgreSQL)', target: 2.5, run: () => meridian(['migrate', 'apply', '--auto-approve', '--url', pgUrl!]).ms },
      ]
    : []),
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const node = () => run(process.execPath, ['-e', '']).ms;

const t0 = performance.now();
for (const c of cases) c.run(); // warm-up: file system caches, the bundle, PGlite's prepared data directory
const baseline: number[] = [];
const times = new Map<Case, number[]>(cases.map((c) => [c, []]));
for (let i = 0; i < runs; i++) {
  for (const c of cases) {
    baseline.push(node());
    times.get(c)!.push(c.run());
  }
}
const nodeMs = median(baseline);

const rows = cases.map((c) => {
  const ms = median(times.get(c)!);
  const ratio = ms / nodeMs;
  return { command: c.name, ms: Math.round(ms), ratio: Number(ratio.toFixed(2)), target: c.target, ok: ratio <= c.target };
});
const lines = [
  `| command | median wall | × \`node -e ''\` | target |`,
  `| --- | ---: | ---: | ---: |`,
  `| \`node -e ''\` | ${Math.round(nodeMs)} ms | 1.00× | |`,
  ...rows.map((r) => `| ${r.command} | ${r.ms} ms | ${r.ratio.toFixed(2)}× | ≤ ${r.target}× ${r.ok ? '✓' : '✗'} |`),
];
process.stdout.write(`Meridian latency: ${runs} alternating runs per command, node ${process.version}, ${new Date().toISOString()}\n\n${lines.join('\n')}\n\n`);
process.stdout.write(`(${((performance.now() - t0) / 1000).toFixed(1)} s; project copy ${work})\n`);

const json = flag('--json');
if (json) writeFileSync(json, JSON.stringify({ node: process.version, runs, nodeMs: Math.round(nodeMs), rows }, null, 2) + '\n');

if (pgDb && serverUrl) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb}`);
  await admin.end();
}
rmSync(work, { recursive: true, force: true });
if (argv.includes('--check') && rows.some((r) => !r.ok)) process.exitCode = 1;
