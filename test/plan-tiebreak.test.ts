/**
 * The planner's layout is presentation only (issue #19): every acceptance case (test/acceptance/cases*.ts)
 * and every generated pair of the generated-schema suite (test/generated/) is planned with the layout's
 * tie-break reversed and shuffled (`PlanOptions.tieBreak`), in both directions, on every database. Each plan
 * whose statement order differs from the default plan's is applied to the old state built directly, and the
 * database must then converge: re-planning against the target yields nothing. The order a plan needs comes
 * from its dependency graph, not from where the layout puts its statements.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { diff } from '../src/diff/index.js';
import { inspect } from '../src/inspect/index.js';
import { plan, type PlanOptions } from '../src/plan/index.js';
import { combineTableClauses } from '../src/plan/combine.js';
import type { Database } from '../src/db/database.js';
import type { Model } from '../src/model/types.js';
import { resetDatabase, testTargets } from './helpers/databases.js';
import { cachedState, stateWork } from './helpers/state-cache.js';
import { casePairs, tooOld, type AcceptanceCase } from './acceptance/harness.js';
import { ALL_CASES } from './acceptance/suite.js';
import { generatePair, pairCase, renderPair } from './generated/pair.js';
import { KNOWN } from './generated/known.js';

const ACCEPTANCE = ALL_CASES.filter((c) => !c.knownGap);
/** The seeds of test/generated/generated.test.ts (importing that file would declare its tests here). */
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
const GENERATED = SEEDS.filter((s) => !KNOWN[s]).map((s) => pairCase(renderPair(generatePair(s))));
/**
 * `npm test` checks every TIEBREAK_EVERY-th case (default 3; a fixed, evenly spread sample, so the suite stays
 * within its time); `npm run test:slow`, which CI also runs, sets 1: every case.
 */
const EVERY = Math.max(1, Number(process.env.TIEBREAK_EVERY ?? 3));
/** TIEBREAK_CASES=<regex>: only the acceptance cases whose name matches, every one of them (e.g. a new cases file's prefix). */
const ONLY = process.env.TIEBREAK_CASES ? new RegExp(process.env.TIEBREAK_CASES) : undefined;
const ALL: readonly AcceptanceCase[] = ONLY ? ACCEPTANCE.filter((c) => ONLY.test(c.name)) : [...ACCEPTANCE, ...GENERATED].filter((_, i) => i % EVERY === 0);

/** Builds `sql` after a reset (a reordered plan that failed may leave an aborted transaction on a server). */
async function build(db: Database, sql: readonly string[]): Promise<void> {
  if (db.kind === 'postgres') await db.exec('ROLLBACK').catch(() => undefined);
  await resetDatabase(db);
  for (const s of sql) await db.exec(s);
}

/** Builds `sql` and returns its Model: the inspection of that state is shared for the run (helpers/state-cache.ts). */
async function buildModel(db: Database, target: string, sql: readonly string[]): Promise<Model> {
  await build(db, sql);
  return (await cachedState('inspect', target, sql, () => inspect(db))).model;
}

const planOf = (from: Model, to: Model, options: PlanOptions) => plan(diff(from, to), from, to, options);

/**
 * One direction on `db`, which holds `start` built directly: each tie-break's plan that differs from the plans
 * already tried is applied (the state rebuilt first when an earlier one changed it) and re-planned.
 */
async function direction(db: Database, c: AcceptanceCase, i: number, dir: string, start: readonly string[], from: Model, to: Model, failures: string[]): Promise<number> {
  // The default plan's order comes from the graph alone: no statement taken out of a cycle (contradicting edges).
  const cycles: string[] = [];
  const seen = new Set([planOf(from, to, { onCycle: (sql) => cycles.push(sql) }).map((s) => s.sql).join(';\n')]);
  if (cycles.length) failures.push(`${c.name} (${dir}): the dependency graph broke a cycle at:\n${cycles.join(';\n')}`);
  let dirty = false;
  let applied = 0;
  for (const tieBreak of ['reverse', { seed: i + 1 }] as const) {
    const statements = planOf(from, to, { tieBreak });
    const text = statements.map((s) => s.sql).join(';\n');
    if (seen.has(text)) continue; // the same order as a plan already tried
    seen.add(text);
    applied++;
    const label = `${c.name} (${dir}, tie-break ${JSON.stringify(tieBreak)})`;
    try {
      if (dirty) await build(db, start);
      dirty = true;
      for (const s of combineTableClauses(statements)) await db.exec(s.sql);
      const after = (await inspect(db)).model;
      const again = plan(diff(after, to), after, to).map((s) => s.sql);
      if (again.length) failures.push(`${label}: re-plan not empty:\n${again.join(';\n')}\nplan:\n${text}`);
    } catch (e) {
      failures.push(`${label}: ${(e as Error).message.split('\n')[0]}\nplan:\n${text}`);
    }
  }
  return applied;
}

/**
 * Cases whose reordered plans still fail, with the edge that is missing: a known gap goes red the day it
 * passes (then remove it). The default layout orders them right (the acceptance suite checks it).
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

/** Cases per test: a failure names its shard, and no single test runs long. */
const SHARD = 25;

afterAll(() => {
  if (process.env.MERIDIAN_TEST_WORK) console.log(`[work] tie-break: ${JSON.stringify(stateWork)}`);
});

/** Shards in flight at once on a server, each on its own pair of databases (see the acceptance suite). */
const SERVER_CONCURRENCY = Math.max(1, Number(process.env.MERIDIAN_ACCEPTANCE_CONCURRENCY) || 3);

for (const target of testTargets()) describe(`plans with the layout reversed or shuffled converge [${target.name}]`, () => {
  const server = !target.url.startsWith('pglite:');
  const pairs = casePairs(target.url, server ? SERVER_CONCURRENCY : 1);
  const test = server && SERVER_CONCURRENCY > 1 ? it.concurrent : it;
  for (let from = 0; from < ALL.length; from += SHARD) {
    const shard = ALL.slice(from, from + SHARD);
    test(`cases ${from + 1}–${from + shard.length} of ${ALL.length}, both directions`, () => pairs.use(async ([{ db: a }, { db: b }]) => {
      const failures: string[] = [];
      let applied = 0;
      for (const [j, c] of shard.entries()) {
        if (!server && c.serversOnly) continue; // needs what only a server ships (acceptance suite: the same rule)
        if (await tooOld(a, c)) continue; // needs a newer server (PostgreSQL 18's temporal keys)
        const i = from + j;
        const [oldModel, newModel] = await Promise.all([buildModel(a, target.url, c.old), buildModel(b, target.url, c.new)]);
        const counts = await Promise.all([
          direction(a, c, i, 'old → new', c.old, oldModel, newModel, failures),
          c.oneWay ? 0 : direction(b, c, i, 'new → old', c.new, newModel, oldModel, failures),
        ]);
        applied += counts[0] + counts[1];
      }
      const known = shard.filter((c) => KNOWN_GAPS[c.name]).map((c) => c.name);
      const unexpected = failures.filter((f) => !known.some((k) => f.startsWith(`${k} (`)));
      expect(unexpected, `${unexpected.length} of ${applied} reordered plans failed`).toEqual([]);
      for (const k of known) expect(failures.some((f) => f.startsWith(`${k} (`)), `known gap passes now, remove it from KNOWN_GAPS: ${k}`).toBe(true);
    }), 600_000);
  }
});
