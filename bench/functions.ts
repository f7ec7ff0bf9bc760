/**
 * `npm run bench:functions`: a function-heavy schema (bench/generate.ts generateFunctions: 2,000 PL/pgSQL functions,
 * 80% with a DECLARE section) read at both edges, each figure beside the floor bench/run.ts uses for it:
 *  - parser edge: `parse → Model (native)` against `parse (libpg-query, whole file)`;
 *  - inspector edge (DATABASE_URL set): `inspect (PostgreSQL)` against `pg_dump --schema-only`, alternated;
 *  - at each edge, the share of `withDeclares` (src/parse/canonical.ts: PL/pgSQL's parser per PL/pgSQL function).
 *
 * Flags: --functions N (2000), --runs N (5). Databases are named `${BENCH_DB_PREFIX ?? 'meridian_bench_'}<hex>`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadModule, parseSync } from 'libpg-query';
import { openDatabase } from '../src/db/index.js';
import { inspect } from '../src/inspect/index.js';
import { initSchemaParser, parseSchema } from '../src/parse/index.js';
import { withDeclares } from '../src/parse/canonical.js';
import type { Model } from '../src/model/types.js';
import { generateFunctions } from './generate.js';

const argv = process.argv.slice(2);
const flag = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const n = Number(flag('--functions') ?? 2000);
const runs = Number(flag('--runs') ?? 5);

/** Medians of stages timed in turn (A B A B …), so a slow minute weighs on each alike. */
async function alternate(stages: Record<string, () => unknown>): Promise<Record<string, number>> {
  const ms: Record<string, number[]> = Object.fromEntries(Object.keys(stages).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of Object.entries(stages)) {
      const t0 = performance.now();
      await fn();
      ms[k]!.push(performance.now() - t0);
    }
  }
  const out: Record<string, number> = {};
  for (const [k, m] of Object.entries(ms)) {
    m.sort((a, b) => a - b);
    out[k] = m[Math.floor(m.length / 2)]!;
    process.stdout.write(`  ${k.padEnd(44)} median ${out[k]!.toFixed(1).padStart(8)} ms\n`);
  }
  return out;
}

const line = (label: string, ratio: number, note = '') => process.stdout.write(`  → ${label.padEnd(42)} ${ratio.toFixed(2)}${note}\n`);
/** Every PL/pgSQL function of a Model through withDeclares, as both edges run it. */
const declaresOf = (m: Model) => Object.values(m.functions).map(withDeclares);

async function main(): Promise<void> {
  await loadModule();
  await initSchemaParser();
  const g = generateFunctions(n);
  process.stdout.write(`Function-heavy schema: ${n} PL/pgSQL functions (${(g.sql.length / 1e6).toFixed(2)} MB, ${g.statements} statements), ${runs} rounds\n`);
  let parsed: Model | undefined;
  await parseSchema([{ file: 'schema.sql', text: g.sql }]); // warm-up
  const p = await alternate({
    'parse (libpg-query, whole file) [floor]': () => parseSync(g.sql),
    'parse → Model (native)': async () => (parsed = (await parseSchema([{ file: 'schema.sql', text: g.sql }])).model),
    'withDeclares over the parsed functions': () => declaresOf(parsed!),
  });
  line('parse → Model / libpg-query floor', p['parse → Model (native)']! / p['parse (libpg-query, whole file) [floor]']!);
  line('withDeclares / parse → Model', p['withDeclares over the parsed functions']! / p['parse → Model (native)']!);
  const server = process.env.DATABASE_URL;
  if (!server) {
    process.stdout.write('  (DATABASE_URL not set: the inspector edge skipped)\n');
    return;
  }
  const name = `${process.env.BENCH_DB_PREFIX ?? 'meridian_bench_'}${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase(server);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const db = await openDatabase(u.toString());
  try {
    await db.exec(g.sql);
    await db.exec('VACUUM ANALYZE');
    let inspected = (await inspect(db)).model; // warm-up, as bench/run.ts does
    spawnSync('pg_dump', ['--schema-only', u.toString()], { stdio: 'ignore' });
    const i = await alternate({
      'inspect (PostgreSQL)': async () => (inspected = (await inspect(db)).model),
      'pg_dump --schema-only [floor]': () => spawnSync('pg_dump', ['--schema-only', u.toString()], { stdio: 'ignore' }),
      'withDeclares over the inspected functions': () => declaresOf(inspected),
    });
    line('inspect / pg_dump floor', i['inspect (PostgreSQL)']! / i['pg_dump --schema-only [floor]']!, ' (target ≤ 0.25)');
    line('withDeclares / inspect', i['withDeclares over the inspected functions']! / i['inspect (PostgreSQL)']!);
  } finally {
    await db.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

await main();
