/**
 * The plan is a pure function of its inputs (issue #19): on a large real-world pair (the corpus's osm
 * schemas everywhere, danbooru's on PostgreSQL, where pgstattuple exists), 20 runs of diff + plan render
 * byte-identical migration files, although every run sees the Models' keyed collections (tables, views,
 * functions, types, constraints, indexes, triggers, policies…) in another order, as another inspection
 * (one or two connections, another catalog scan order) may list them. Both directions, and from empty; on
 * PostgreSQL also from Models read on one connection and on two.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { diff } from '../src/diff/index.js';
import { inspect } from '../src/inspect/index.js';
import type { Model } from '../src/model/types.js';
import { emptyModel } from '../src/model/types.js';
import { plan, renderMigrationFile } from '../src/plan/index.js';
import { repoRoot } from './helpers/cli.js';
import { describeEachDatabase, resetDatabase } from './helpers/databases.js';

const corpus = resolve(repoRoot, '..', 'shared', 'corpus');
const RUNS = 20;

/** A seeded generator (LCG): the same shuffles every test run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function shuffledRecord<T>(r: Readonly<Record<string, T>> | undefined, next: () => number, inner: (v: T) => T = (v) => v): Record<string, T> {
  const keys = Object.keys(r ?? {});
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  return Object.fromEntries(keys.map((k) => [k, inner(r![k]!)]));
}

/** The same Model with the key order of every keyed collection shuffled (arrays keep their meaning-bearing order). */
function shuffled(m: Model, seed: number): Model {
  const next = rng(seed);
  return {
    ...m,
    schemas: shuffledRecord(m.schemas, next),
    extensions: shuffledRecord(m.extensions, next),
    types: shuffledRecord(m.types, next),
    sequences: shuffledRecord(m.sequences, next),
    tables: shuffledRecord(m.tables, next, (t) => ({
      ...t,
      constraints: shuffledRecord(t.constraints, next),
      indexes: shuffledRecord(t.indexes, next),
      triggers: shuffledRecord(t.triggers, next),
      policies: shuffledRecord(t.policies, next),
    })),
    views: shuffledRecord(m.views, next, (v) => ({ ...v, indexes: shuffledRecord(v.indexes, next), ...(v.triggers ? { triggers: shuffledRecord(v.triggers, next) } : {}) })),
    functions: shuffledRecord(m.functions, next),
    objects: shuffledRecord(m.objects, next),
  };
}

describeEachDatabase('plan determinism', (t) => {
  const pair = t.target.name === 'pglite' ? ['osm-2023', 'osm-2026'] : ['danbooru-2022', 'danbooru-2026'];
  it(`${RUNS} runs of ${pair.join(' ↔ ')} (and from empty) give byte-identical plans`, async () => {
    const models: Model[] = [];
    /** On a server, the same states read on two connections sharing a snapshot. */
    const parallelModels: Model[] = [];
    for (const f of pair) {
      const file = join(corpus, `${f}.sql`);
      expect(existsSync(file)).toBe(true);
      await resetDatabase(t.db);
      await t.db.exec(readFileSync(file, 'utf8'));
      models.push((await inspect(t.db, { parallel: false })).model);
      if (t.url) parallelModels.push((await inspect(t.db, { parallel: true })).model);
    }
    const [a, b] = models as [Model, Model];
    const cases: Array<[Model, Model]> = [[a, b], [b, a], [emptyModel(), b], [b, emptyModel()]];
    const render = (from: Model, to: Model) => renderMigrationFile(plan(diff(from, to), from, to));
    const first = cases.map(([from, to]) => render(from, to));
    expect(first[0]!.split('\n').length).toBeGreaterThan(100);
    expect(first[2]!.split('\n').length).toBeGreaterThan(first[0]!.split('\n').length);
    if (parallelModels.length) {
      const [pa, pb] = parallelModels as [Model, Model];
      expect(render(pa, pb), 'two connections').toBe(first[0]);
      expect(render(pb, pa), 'two connections, back').toBe(first[1]);
    }
    for (let run = 1; run < RUNS; run++) {
      await new Promise((r) => setImmediate(r)); // let the event loop breathe between runs
      cases.forEach(([from, to], i) => {
        const seed = run * 7919 + i;
        expect(render(shuffled(from, seed), shuffled(to, seed + 1)), `run ${run}, case ${i}`).toBe(first[i]);
      });
    }
  }, 300_000);
});
