/**
 * `npm run bench` (quick) / `npm run bench:full` (scaling study). Prints a table, writes
 * bench/results/<date>.json. PostgreSQL stages run when DATABASE_URL is set (skipped with a line otherwise).
 * Stages: parse (libpg-query), load, inspect (PostgreSQL, PGlite for small N), pg_dump --schema-only
 * (the floor for reading a catalog), diff + plan (pure, on inspected models), end-to-end pure pipeline.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { openDatabase } from '../src/db/index.js';
import { diff } from '../src/diff/index.js';
import { inspect } from '../src/inspect/index.js';
import { plan } from '../src/plan/index.js';
import { generateSchema } from './generate.js';
import { randomBytes } from 'node:crypto';

async function createServerDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `meridian_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase(baseUrl);
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = await openDatabase(baseUrl);
      await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

const full = process.argv.includes('--full');
const sizes = full ? [100, 1000, 5000, 10000] : [100, 1000];
const runs = full ? 3 : 3;
const pgliteMax = full ? 1000 : 1000;

interface Row { stage: string; n: number; min: number; median: number; max: number; note?: string }
const rows: Row[] = [];

async function time(stage: string, n: number, fn: () => Promise<unknown> | unknown, count = runs, note?: string): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  rows.push({ stage, n, min: ms[0]!, median: ms[Math.floor(ms.length / 2)]!, max: ms.at(-1)!, ...(note ? { note } : {}) });
  process.stdout.write(`  ${stage.padEnd(34)} N=${String(n).padStart(6)}  median ${ms[Math.floor(ms.length / 2)]!.toFixed(1).padStart(9)} ms\n`);
}

function exponent(stage: string): number | undefined {
  const pts = rows.filter((r) => r.stage === stage && r.median > 0);
  if (pts.length < 2) return undefined;
  const xs = pts.map((p) => Math.log(p.n));
  const ys = pts.map((p) => Math.log(p.median));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  return xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
}

/** Executes a script in batches of 500 statements, split at the parser's statement locations. */
async function loadInBatches(db: { exec(sql: string): Promise<void> }, sql: string): Promise<void> {
  const buf = Buffer.from(sql, 'utf8');
  const stmts = (parseSync(sql).stmts ?? []).map((s) => {
    const start = s.stmt_location ?? 0;
    return buf.subarray(start, s.stmt_len ? start + s.stmt_len : buf.length).toString('utf8');
  });
  for (let i = 0; i < stmts.length; i += 500) await db.exec(stmts.slice(i, i + 500).join(';\n'));
}

async function main(): Promise<void> {
  await loadModule();
  process.stdout.write(`Meridian bench (${full ? 'full' : 'quick'}): ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
  const server = process.env.DATABASE_URL;
  if (!server) process.stdout.write('  (DATABASE_URL not set: PostgreSQL stages and pg_dump skipped)\n');
  for (const n of sizes) {
    const base = generateSchema(n);
    const changed = generateSchema(n, 42, 5);
    process.stdout.write(`\nN = ${n} tables (${(base.sql.length / 1e6).toFixed(2)} MB, ${base.statements} statements)\n`);
    await time('parse (libpg-query, whole file)', n, () => parseSync(base.sql));
    let current;
    let desired;
    if (server) {
      const a = await createServerDatabase(server);
      const b = await createServerDatabase(server);
      const dbA = await openDatabase(a.url);
      const dbB = await openDatabase(b.url);
      try {
        // Loaded in batches of statements (one implicit transaction per batch): thousands of relations in
        // one transaction exceed the server's default max_locks_per_transaction.
        await time('load into PostgreSQL', n, () => loadInBatches(dbA, base.sql), 1);
        await loadInBatches(dbB, changed.sql);
        await time('inspect (PostgreSQL)', n, async () => (current = (await inspect(dbA)).model));
        desired = (await inspect(dbB)).model;
        await time('pg_dump --schema-only (peer floor)', n, () => spawnSync('pg_dump', ['--schema-only', a.url], { stdio: 'ignore' }));
      } finally {
        await dbA.close();
        await dbB.close();
        await a.drop();
        await b.drop();
      }
    }
    if (n <= pgliteMax) {
      const p = await openDatabase('pglite://memory');
      try {
        await p.exec(base.sql);
        let m;
        await time('inspect (PGlite)', n, async () => (m = (await inspect(p)).model), 1);
        current ??= m;
        if (!desired) {
          await p.exec('DROP SCHEMA bench CASCADE');
          await p.exec(changed.sql);
          desired = (await inspect(p)).model;
        }
      } finally {
        await p.close();
      }
    }
    if (current && desired) {
      const cur = current;
      const des = desired;
      let changes = 0;
      await time('diff (5% of tables changed)', n, () => (changes = diff(cur, des).length));
      const ch = diff(cur, des);
      let stmts = 0;
      await time('plan + render', n, () => (stmts = plan(ch, cur, des).length));
      process.stdout.write(`  → ${changes} changes, ${stmts} statements\n`);
    }
  }
  process.stdout.write('\nGrowth exponents (log-log fit; 1.0 = linear):\n');
  for (const stage of [...new Set(rows.map((r) => r.stage))]) {
    const e = exponent(stage);
    if (e !== undefined) process.stdout.write(`  ${stage.padEnd(34)} ${e.toFixed(2)}\n`);
  }
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 10)}${full ? '-full' : ''}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: { cores: cpus().length, memGiB: totalmem() / 2 ** 30, node: process.version }, rows }, null, 2));
  process.stdout.write(`\nResults: ${file}\n`);
}

await main();
