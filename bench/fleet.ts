/**
 * `npm run bench:fleet`: a 3-file migration directory applied to N databases and to M schemas of one
 * database on a PostgreSQL server, by one fleet apply (`meridian migrate apply --url-file …`) and by the
 * baseline a user writes today — a shell loop calling `meridian migrate apply --url …` once per target.
 * Both are timed wall-clock as processes (start-up included). The loop runs on a sample of fresh targets
 * (--loop-sample, default 20; `--loop-full` runs it on every target) and its time per target is multiplied
 * by the number of targets; the output says so. The fleet's peak RSS (GNU time) is printed for both sizes,
 * and for a run on a tenth of the targets, to show whether memory grows with the number of targets.
 *
 * Flags: --url URL (default DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres), --dbs N
 * (default 100), --schemas M (default 500; the issue's figures: --dbs 500 --schemas 2000), --parallel P (default:
 * the fleet's own), --loop-sample K, --loop-full, --prefix NAME (databases created, and dropped at the end),
 * --only databases|schemas, --out DIR (writes fleet-<date>.json).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../src/db/index.js';
import { writeSum } from '../src/migrate/dir.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const base = flag('--url') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const nDbs = Number(flag('--dbs') ?? 100);
const nSchemas = Number(flag('--schemas') ?? 500);
const parallel = flag('--parallel');
const sample = Number(flag('--loop-sample') ?? 20);
const loopFull = argv.includes('--loop-full');
const only = flag('--only'); // databases | schemas
const prefix = `${flag('--prefix') ?? 'meridian_fleet_bench'}_${randomBytes(3).toString('hex')}`;
const outDir = flag('--out') ?? join(import.meta.dirname, 'results');
const repo = join(import.meta.dirname, '..');
const bin = join(repo, 'bin', 'meridian.js');

const withDb = (db: string) => {
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
};

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

/** Statements on `n` connections at once (CREATE / DROP DATABASE run outside a transaction, one each). */
async function onConnections(statements: string[], n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, statements.length) }, async () => {
      const c: Database = await openDatabase(base);
      try {
        while (next < statements.length) await c.exec(statements[next++]!);
      } finally {
        await c.close();
      }
    }),
  );
}

const root = mkdtempSync(join(tmpdir(), 'meridian-bench-fleet-'));
const dir = join(root, 'migrations');
mkdirSync(dir);
writeFileSync(join(dir, '20260101000000_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE UNIQUE INDEX users_email_key ON users (email);\n');
writeFileSync(join(dir, '20260102000000_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), title text);\nCREATE INDEX posts_user_idx ON posts (user_id);\n');
writeFileSync(join(dir, '20260103000000_name.sql'), 'ALTER TABLE users ADD COLUMN name text;\n');
writeSum(dir);

const loopN = (n: number) => (loopFull ? n : Math.min(sample, n));
const template = `${prefix}_tpl`;
const dbNames = only === 'schemas' ? [] : Array.from({ length: nDbs + loopN(nDbs) }, (_, i) => `${prefix}_d${i}`);
const schemaDb = `${prefix}_s`;
const created: string[] = [];
const gnuTime = existsSync('/usr/bin/time');

/** The fleet over `urls`, as a process: wall-clock ms and peak RSS in MB (GNU time), checked to succeed. */
async function fleet(urls: string[], label: string): Promise<{ ms: number; rssMb?: number }> {
  const file = join(root, `${label}.txt`);
  writeFileSync(file, urls.join('\n') + '\n');
  const args = [bin, 'migrate', 'apply', '--dir', `file://${dir}`, '--url-file', file, ...(parallel ? ['--parallel', parallel] : [])];
  const r = gnuTime ? await run('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, ...args], repo) : await run(process.execPath, args, repo);
  if (r.code !== 0) throw new Error(`fleet apply (${label}) failed:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  const summary = /^Fleet: .*$/m.exec(r.stdout)?.[0] ?? '';
  if (!new RegExp(`^Fleet: ${urls.length} targets in .*: ${urls.length} applied`).test(summary)) throw new Error(`fleet apply (${label}): ${summary}`);
  const rss = /maxrss=(\d+)/.exec(r.stderr)?.[1];
  return { ms: r.ms, ...(rss ? { rssMb: Math.round(Number(rss) / 1024) } : {}) };
}

/** The baseline: a shell loop, one `meridian migrate apply` per target. */
async function loop(urls: string[], label: string): Promise<number> {
  const file = join(root, `${label}-loop.txt`);
  writeFileSync(file, urls.join('\n') + '\n');
  const script = `while read -r u; do node "${bin}" migrate apply --dir "file://${dir}" --url "$u" >/dev/null || exit 1; done < "${file}"`;
  const r = await run('bash', ['-c', script], repo);
  if (r.code !== 0) throw new Error(`shell loop (${label}) failed: ${r.stderr.slice(-2000)}`);
  return r.ms;
}

try {
  const t0 = performance.now();
  const admin = await openDatabase(base);
  await admin.exec(`CREATE DATABASE ${template}`);
  created.push(template);
  await admin.exec(`CREATE DATABASE ${schemaDb}`);
  created.push(schemaDb);
  await admin.close();
  created.push(...dbNames);
  await onConnections(dbNames.map((d) => `CREATE DATABASE ${d} TEMPLATE ${template}`), 8);
  const sdb = await openDatabase(withDb(schemaDb));
  const schemaNames = only === 'databases' ? [] : Array.from({ length: nSchemas + loopN(nSchemas) }, (_, i) => `tenant_${i}`);
  for (let i = 0; i < schemaNames.length; i += 500) await sdb.exec(schemaNames.slice(i, i + 500).map((s) => `CREATE SCHEMA ${s};`).join('\n'));
  await sdb.close();
  process.stderr.write(`set-up: ${dbNames.length} databases, ${schemaNames.length} schemas in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const dbUrls = dbNames.map(withDb);
  const schemaUrls = schemaNames.map((s) => `${withDb(schemaDb)}?search_path=${s}`);
  const rows: Array<{ kind: string; targets: number; fleetMs: number; rssMb?: number; smallRssMb?: number; loopTargets: number; loopMs: number; ratio: number }> = [];
  for (const [kind, urls, n] of [['databases', dbUrls, nDbs], ['schemas (one database)', schemaUrls, nSchemas]] as const) {
    if (only && !kind.startsWith(only)) continue;
    const fleetTargets = urls.slice(0, n);
    const loopTargets = urls.slice(n);
    // Each on its own fresh targets: the loop on the sample, the fleet on the rest.
    const loopMs = await loop(loopTargets, kind.split(' ')[0]!);
    const f = await fleet(fleetTargets, kind.split(' ')[0]!);
    const perTarget = loopMs / loopTargets.length;
    rows.push({ kind, targets: n, fleetMs: f.ms, ...(f.rssMb ? { rssMb: f.rssMb } : {}), loopTargets: loopTargets.length, loopMs, ratio: (perTarget * n) / f.ms });
  }
  // Memory against the number of targets: the same fleet on a tenth of the schemas (fresh ones: a second schema database).
  const small = Math.max(1, Math.floor(nSchemas / 10));
  const sdb2Name = `${prefix}_s2`;
  await onConnections([`CREATE DATABASE ${sdb2Name}`], 1);
  created.push(sdb2Name);
  const sdb2 = await openDatabase(withDb(sdb2Name));
  await sdb2.exec(Array.from({ length: small }, (_, i) => `CREATE SCHEMA tenant_${i};`).join('\n'));
  await sdb2.close();
  const smallRun = await fleet(Array.from({ length: small }, (_, i) => `${withDb(sdb2Name)}?search_path=tenant_${i}`), 'small');

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `fleet bench: 3-file directory, PostgreSQL at ${new URL(base).host}, ${process.platform}, load ${loadavg()[0]!.toFixed(1)}${parallel ? `, --parallel ${parallel}` : ''}`,
    '',
    '| targets | fleet (one process) | shell loop | loop, per target × targets | fleet vs loop | fleet peak RSS |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.targets} ${r.kind} | ${s(r.fleetMs)} | ${s(r.loopMs)} for ${r.loopTargets}${r.loopTargets < r.targets ? ' (a sample)' : ''} | ${s((r.loopMs / r.loopTargets) * r.targets)} | ${r.ratio.toFixed(1)}× | ${r.rssMb ?? '?'} MB |`,
    ),
    '',
    `memory against size: ${small} schemas ${smallRun.rssMb ?? '?'} MB, ${nSchemas} schemas ${rows.find((r) => r.kind.startsWith('schemas'))?.rssMb ?? '?'} MB peak RSS`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `fleet-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), load: loadavg()[0], parallel: parallel ?? 'default', rows, small: { targets: small, rssMb: smallRun.rssMb } }, null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
} finally {
  // DROP DATABASE waits for a checkpoint: many at once share one.
  await onConnections(created.map((d) => `DROP DATABASE IF EXISTS ${d} WITH (FORCE)`), 16).catch((e) => process.stderr.write(`cleanup: ${(e as Error).message}\n`));
  rmSync(root, { recursive: true, force: true });
}
