/**
 * A seeded, bounded fuzz of the input path: mutations of the real-world corpus (../shared/corpus) —
 * truncations, byte flips, NUL bytes, other encodings, duplicated statements, deep nesting, a very large
 * statement, identifiers past 63 bytes — go through `schema validate` (checkSchema) and `migrate diff`
 * (library calls, in-process) against a migration directory holding the unmutated text. Required:
 *  - no crash: every failure is a MeridianError (no TypeError, RangeError, wasm trap…);
 *  - no hang: every case within its time budget;
 *  - every error located: a file:line:col, or the file named in the message;
 *  - no migration from a file the parser did not fully accept (any located error from checkSchema, or
 *    bytes that are not UTF-8 text): migrate diff must refuse it.
 * FUZZ_SEED and FUZZ_COUNT override the seed (printed on failure) and the number of cases; FUZZ_TRACE=1 prints each
 * case's time.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSum } from '../../src/migrate/dir.js';
import { initSplitter, splitStatements } from '../../src/parse/split.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { repoRoot } from '../helpers/cli.js';
import { runProgram } from '../helpers/spawner.js';
import { fuzzCase, type FuzzOutcome } from './fuzz-case.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1000);
const corpus = resolve(repoRoot, '..', 'shared', 'corpus');
const FILES = ['pagila-2026', 'danbooru-2026', 'osm-2026', 'northwind', 'chinook'];

/** mulberry32: a small seeded PRNG, so a failing case is reproduced by its seed and index. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Base {
  readonly name: string;
  readonly statements: readonly string[];
  readonly text: string;
  readonly dir: string;
}

type Mutation = (b: Buffer, base: Base, r: () => number) => Buffer;
const int = (r: () => number, n: number) => Math.floor(r() * n);
const stmtsText = (s: readonly string[]) => s.join('\n\n') + '\n';

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, _, r) => b.subarray(0, int(r, b.length)),
  'truncate to 0 bytes': () => Buffer.alloc(0),
  'flip a byte': (b, _, r) => {
    const c = Buffer.from(b);
    if (c.length) c[int(r, c.length)] = int(r, 256);
    return c;
  },
  'flip 8 bytes': (b, _, r) => {
    const c = Buffer.from(b);
    for (let i = 0; i < 8 && c.length; i++) c[int(r, c.length)] ^= 1 << int(r, 8);
    return c;
  },
  'NUL bytes first': (b) => Buffer.concat([Buffer.alloc(4), b]),
  'a NUL byte inside': (b, _, r) => {
    const at = int(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.alloc(1), b.subarray(at)]);
  },
  'UTF-16LE with BOM': (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  'UTF-16LE without BOM': (b) => Buffer.from(b.toString('utf8'), 'utf16le'),
  'UTF-16BE': (b) => Buffer.from(b.toString('utf8'), 'utf16le').swap16(),
  'UTF-8 BOM': (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  'Latin-1': (b) => Buffer.from(`${b.toString('utf8')}\n-- café crème\n`, 'latin1'),
  'a duplicated statement': (_, base, r) => {
    const s = [...base.statements];
    s.splice(int(r, s.length + 1), 0, s[int(r, s.length)]!);
    return Buffer.from(stmtsText(s));
  },
  'a dropped statement': (_, base, r) => {
    const s = [...base.statements];
    s.splice(int(r, s.length), 1);
    return Buffer.from(stmtsText(s));
  },
  'deep nesting (5,000 parentheses)': (b, _, r) => {
    const depth = 5000;
    const expr = `${'('.repeat(depth)}1${')'.repeat(depth)}`;
    const stmt = int(r, 2) ? `CREATE TABLE fuzz_deep (a int CHECK (a > ${expr}));` : `CREATE VIEW fuzz_deep AS SELECT ${'ARRAY['.repeat(depth)}1${']'.repeat(depth)} AS x;`;
    return Buffer.concat([b, Buffer.from(`\n${stmt}\n`)]);
  },
  '63+-byte identifiers': (_, base, r) => {
    // Two names that only differ after byte 63: PostgreSQL truncates both to the same name.
    const long = `fuzz_${'x'.repeat(60)}`;
    const s = [...base.statements, `CREATE TABLE ${long}_a${int(r, 9)} (id int);`, `CREATE TABLE ${long}_b (id int);`];
    return Buffer.from(stmtsText(s));
  },
  'a renamed identifier past 63 bytes': (b, _, r) => {
    const t = b.toString('utf8');
    const m = [...t.matchAll(/CREATE TABLE (?:\w+\.)?(\w+)/g)];
    if (!m.length) return b;
    const name = m[int(r, m.length)]![1]!;
    return Buffer.from(t.replaceAll(name, `${name}_${'y'.repeat(64)}`));
  },
};
/**
 * Rare and costly, once per run each (the last two cases):
 * - a 10 MB statement (FUZZ_BIG_MB): a column default that is one long string literal, whole or cut in
 *   its last bytes: the size, ~1.5 s a parse;
 * - a statement of FUZZ_HUGE_MB megabytes made of 125,000 small nodes a MB (a CHECK with a huge IN list):
 *   1 MB by default, as the parse tree, not the bytes, is what costs — 10 MB of it is 1.25 million nodes,
 *   ~12 s a parse and folded twice (schema validate, migrate diff), over the suite's budget; FUZZ_HUGE_MB=10
 *   (`npm run test:slow`) runs it. It runs in a child process (./fuzz-case.ts), so the worker's event loop stays
 *   free while it runs.
 */
const BIG_MB = Number(process.env.FUZZ_BIG_MB ?? 10);
const HUGE_MB = Number(process.env.FUZZ_HUGE_MB ?? 1);
const BIG: Mutation = (b, _, r) => {
  const stmt = Buffer.from(`\nCREATE TABLE fuzz_big (a text DEFAULT '${'x'.repeat(Math.round(BIG_MB * 1_000_000))}');\n`);
  // Whole, or cut in its last bytes (an unterminated literal, a missing parenthesis): 10 MB either way.
  return Buffer.concat([b, int(r, 2) ? stmt : stmt.subarray(0, stmt.length - 1 - int(r, 4))]);
};
const HUGE: Mutation = (b) => {
  const list = Array.from({ length: Math.round(HUGE_MB * 125_000) }, (_, i) => String(i + 1_000_000)).join(',');
  return Buffer.concat([b, Buffer.from(`\nCREATE TABLE fuzz_huge (a int CHECK (a IN (${list})));\n`)]);
};

/** Runs the case whose `schema.sql` is written in `dir` in a child process (tsx), its outcome read from its output. */
async function childCase(dir: string, label: string): Promise<FuzzOutcome> {
  const r = await runProgram(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'test', 'safety', 'fuzz-case.ts'), dir, label], { cwd: repoRoot });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.code !== 0 || !line.startsWith('{')) return { failures: [`${label}: CRASH of the child process (exit ${r.code ?? r.signal}): ${r.stderr.slice(-500)}`], ms: 0 };
  return JSON.parse(line) as FuzzOutcome;
}

describe('fuzz: mutated corpus files through schema validate and migrate diff', () => {
  const bases: Base[] = [];
  beforeAll(async () => {
    await initSchemaParser();
    await initSplitter();
    const r = prng(SEED);
    for (const f of FILES) {
      const path = join(corpus, `${f}.sql`);
      if (!existsSync(path)) throw new Error(`${path} is missing: the fuzz suite needs ../shared/corpus`);
      const all = splitStatements(readFileSync(path)).map((s) => s.text).filter((s) => !/^(INSERT|COPY|SELECT pg_catalog\.setval)/i.test(s));
      // Windows of consecutive DDL statements: each case parses a few KB, so 1,000 cases fit in seconds.
      for (let k = 0; k < 6; k++) {
        await new Promise((resolve) => setImmediate(resolve)); // the event loop's turn between windows (see the loop below)
        const start = int(r, Math.max(1, all.length - 40));
        const statements = all.slice(start, start + 10 + int(r, 30));
        const text = stmtsText(statements);
        if (checkSchema([{ file: 'schema.sql', text }]).errors.length) continue; // a window cut across dependencies
        const dir = mkdtempSync(join(tmpdir(), 'meridian-fuzz-'));
        mkdirSync(join(dir, 'migrations'));
        writeFileSync(join(dir, 'migrations', '20260101000000_base.sql'), text);
        writeSum(join(dir, 'migrations'));
        bases.push({ name: `${f}[${start}…]`, statements, text, dir });
      }
    }
    expect(bases.length).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it(`${COUNT} seeded mutations: no crash, no hang, every error located, no migration from a rejected file (seed ${SEED})`, async () => {
    const r = prng(SEED ^ 0x5eed);
    const names = Object.keys(MUTATIONS);
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    const perClass: Record<string, number> = {};
    let slowest = 0;
    for (let i = 0; i < COUNT; i++) {
      const base = bases[int(r, bases.length)]!;
      const huge = i === COUNT - 1;
      const big = i === COUNT - 2;
      // Every class in turn (each ~60 times in 1,000 cases); the seed picks the file, the place, the bytes.
      const what = huge ? `a ${HUGE_MB} MB statement of small nodes` : big ? `a ${BIG_MB} MB statement` : names[i % names.length]!;
      perClass[what] = (perClass[what] ?? 0) + 1;
      const bytes = (huge ? HUGE : big ? BIG : MUTATIONS[what]!)(Buffer.from(base.text), base, r);
      if (big) expect(bytes.length - base.text.length).toBeGreaterThan(BIG_MB * 1_000_000);
      const schemaPath = join(base.dir, 'schema.sql');
      writeFileSync(schemaPath, bytes);
      const label = `case ${i} (seed ${SEED}): ${what} of ${base.name}`;
      // Back to the event loop between cases: the cases that never reach the dev database await nothing that is not
      // already settled, so without this the whole loop ran as one task and held the worker's loop for its duration.
      await new Promise((resolve) => setImmediate(resolve));
      // The huge statement runs in a child process (./fuzz-case.ts says why); the others here.
      const o = huge ? await childCase(base.dir, label) : await fuzzCase(bytes, base.dir, label);
      if (process.env.FUZZ_TRACE) process.stdout.write(`${Math.round(o.ms)} ms ${label}\n`);
      failures.push(...o.failures);
      if (o.outcome) outcomes[o.outcome] = (outcomes[o.outcome] ?? 0) + 1;
      const ms = o.ms;
      slowest = Math.max(slowest, ms);
      if (ms > (huge ? 20_000 * HUGE_MB : big ? 3_000 * BIG_MB : 10_000)) failures.push(`${label}: took ${Math.round(ms)} ms (hang budget exceeded)`);
    }
    process.stdout.write(`fuzz (seed ${SEED}, ${COUNT} cases): ${JSON.stringify(outcomes)}; per class ${JSON.stringify(perClass)}; slowest case ${Math.round(slowest)} ms\n`);
    expect(failures).toEqual([]);
    // Every mutation class the issue lists ran (with 1,000 cases, each ~60 times).
    if (COUNT >= names.length + 2) for (const c of [...names, `a ${BIG_MB} MB statement`, `a ${HUGE_MB} MB statement of small nodes`]) expect(perClass[c], c).toBeGreaterThan(0);
    // The suite exercised both sides: files refused and files accepted into a migration.
    expect(Object.keys(outcomes).some((o) => o.startsWith('refused'))).toBe(true);
    expect((outcomes['migration'] ?? 0) + (outcomes['no changes'] ?? 0)).toBeGreaterThan(0);
  }, 120_000 + 20_000 * HUGE_MB);
});
