/**
 * `npm run bench:checkpoint`: `migrate diff` on a long history (generateHistory: 300 files by default) with
 * and without a checkpoint, every way the directory is replayed (folded natively; with --no-native on a PGlite
 * dev database, and on a PostgreSQL one — a throw-away database next to DATABASE_URL — when it is set). Two figures each: the replay stage alone (the directory → its Model), and the whole
 * library call `migrateDiff({ dryRun: true })` (also: atlas.sum validation over every file, the desired
 * state, diff and plan, which a checkpoint does not shorten). Then the default mode (native where the files
 * fold) on the same history with one drizzle-style DO block in its second file: without a checkpoint the whole
 * directory is replayed on the dev database; the checkpoint after the block folds natively. Medians of --runs
 * runs (default 5). Prints a table and writes bench/results/checkpoint-<date>.json.
 *
 * Flags: --files N, --runs N, --out DIR.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/index.js';
import type { Database } from '../src/db/database.js';
import { writeSum } from '../src/migrate/dir.js';
import { migrateCheckpoint } from '../src/workflow/migrate-checkpoint.js';
import { migrateDiff } from '../src/workflow/migrate-diff.js';
import { nativeModelFromMigrations } from '../src/workflow/native.js';
import { modelFromMigrations } from '../src/workflow/state.js';
import { generateHistory } from './generate.js';

const argv = process.argv.slice(2);
const flag = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const files = Number(flag('--files') ?? 300);
const runs = Number(flag('--runs') ?? 5);
const outDir = flag('--out') ?? join(import.meta.dirname, 'results');

const root = mkdtempSync(join(tmpdir(), 'meridian-bench-ckpt-'));
const dev = await openDatabase('pglite://memory');
/** A history directory, a checkpointed copy of it, and a desired schema one column ahead of both. */
async function prepare(label: string, history: Record<string, string>) {
  const plain = join(root, `${label}-plain`);
  mkdirSync(plain);
  for (const [n, c] of Object.entries(history)) writeFileSync(join(plain, n), c);
  writeSum(plain);
  const checkpointed = join(root, `${label}-checkpointed`);
  cpSync(plain, checkpointed, { recursive: true });
  const ck = await migrateCheckpoint({ migrationsDir: checkpointed, dev, now: () => new Date(Date.UTC(2027, 0, 1)) });
  // The desired state: the history's schema plus one new column, so every diff plans one statement.
  const schema = join(root, `${label}-schema.sql`);
  writeFileSync(schema, ck.content.replace(/^-- atlas:checkpoint\n\n/, '') + 'ALTER TABLE hist.t0 ADD COLUMN added text;\n');
  return { plain, checkpointed, schema, ck };
}
const { plain, checkpointed, schema, ck } = await prepare('churn', generateHistory(files));
// The same history with one drizzle-style DO block in its second file: without a checkpoint the directory
// does not fold natively and is replayed on the dev database; the checkpoint (after it) folds natively.
const withDo = await prepare('do-block', generateHistory(files, 10, { doBlock: true }));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(f: () => Promise<unknown>): Promise<number> {
  await f(); // warm-up (parser, dev database)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}
const diffOnce = (dir: string, native: boolean, on: Database, schemaPath = schema) => async () => {
  const r = await migrateDiff({ migrationsDir: dir, schemaPath, dev: on, native, dryRun: true, data: false });
  if (r.statements.length !== 1) throw new Error(`expected one statement, got ${r.statements.map((s) => s.sql).join('; ')}`);
};
const replayOnce = (dir: string, native: boolean, on: Database) => async () => {
  const m = native ? await nativeModelFromMigrations(dir) : await modelFromMigrations(on, dir);
  if (!m) throw new Error('the history did not fold natively');
};

const rows: Array<{ stage: string; withoutMs: number; withMs: number; speedup: number }> = [];
async function measure(how: string, native: boolean, on: Database): Promise<void> {
  for (const [stage, f] of [[`replay stage, ${how}`, replayOnce], [`migrate diff, ${how}`, diffOnce]] as const) {
    const withoutMs = await time(f(plain, native, on));
    const withMs = await time(f(checkpointed, native, on));
    rows.push({ stage, withoutMs, withMs, speedup: withoutMs / withMs });
  }
}
await measure('native fold', true, dev);
await measure('dev database (PGlite)', false, dev);
/** Default mode (native where it folds) on the history whose DO block sends it to the dev database. */
async function measureDoBlock(how: string, on: Database): Promise<void> {
  const withoutMs = await time(diffOnce(withDo.plain, true, on, withDo.schema));
  const withMs = await time(diffOnce(withDo.checkpointed, true, on, withDo.schema));
  rows.push({ stage: `migrate diff, DO block in file 2, ${how}`, withoutMs, withMs, speedup: withoutMs / withMs });
}
await measureDoBlock('PGlite dev', dev);
await dev.close();
if (process.env.DATABASE_URL) {
  // A dev database of its own on the server (the dev database must be clean and is emptied after each use).
  const name = `meridian_bench_ckpt_${process.pid}`;
  const admin = await openDatabase(process.env.DATABASE_URL);
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  const pgDev = await openDatabase(url.toString());
  try {
    await measure('dev database (PostgreSQL)', false, pgDev);
    await measureDoBlock('PostgreSQL dev', pgDev);
  } finally {
    await pgDev.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

console.log(`migrate diff on ${files} migration files (checkpoint: ${ck.statements.length} statements), median of ${runs}:`);
console.log(`${'stage'.padEnd(48)}without checkpoint   with checkpoint   speed-up`);
for (const r of rows) console.log(`${r.stage.padEnd(48)}${`${r.withoutMs.toFixed(0)} ms`.padStart(18)}${`${r.withMs.toFixed(0)} ms`.padStart(18)}${`${r.speedup.toFixed(1)}×`.padStart(11)}`);
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `checkpoint-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ files, runs, checkpointStatements: ck.statements.length, cpus: cpus().length, node: process.version, rows }, null, 2) + '\n');
console.log(`written: ${file}`);
