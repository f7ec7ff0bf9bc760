/**
 * Real-world schemas from ../shared/corpus: every schema round-trips (inspect → SQL → rebuild →
 * inspect equal), every old/new pair converges in both directions, and empty ↔ schema converges.
 * Files that need what a database lacks (PGlite has no pgstattuple) are listed, not hidden.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { inspect } from '../../src/inspect/index.js';
import { repoRoot } from '../helpers/cli.js';
import { applyConverges, loadState, roundTripPlansNothing } from '../helpers/corpus.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { pgDumpAsync } from './harness.js';
import { cachedState, hasState, stateWork } from '../helpers/state-cache.js';

const corpus = resolve(repoRoot, '..', 'shared', 'corpus');
const FILES = ['chinook', 'northwind', 'pagila-2024', 'pagila-2026', 'osm-2023', 'osm-2026', 'danbooru-2022', 'danbooru-2026'];
const PAIRS: Array<[string, string]> = [['pagila-2024', 'pagila-2026'], ['osm-2023', 'osm-2026'], ['danbooru-2022', 'danbooru-2026']];
const needs = (file: string) => (file.startsWith('danbooru') ? ['pgstattuple'] : []);
const text = (f: string) => readFileSync(join(corpus, `${f}.sql`), 'utf8');

const load = (db: Database, sql: string) => loadState(db, [sql]);

/**
 * `from` → `to` on `db` (of `target`). The target state is only read (inspected, dumped on servers): those
 * reads are shared for the run (helpers/state-cache.ts), so it is loaded only when one of them is missing.
 */
async function converge(db: Database, target: string, url: string | undefined, from: string, to: string): Promise<number> {
  if (!hasState('inspect', target, [to]) || (url && !hasState('dump', target, [to]))) await load(db, to);
  const desired = (await cachedState('inspect', target, [to], () => inspect(db))).model;
  const dump = url ? await cachedState('dump', target, [to], () => pgDumpAsync(url)) : undefined;
  await load(db, from);
  const current = (await cachedState('inspect', target, [from], () => inspect(db))).model;
  return applyConverges(db, url, current, desired, dump);
}

afterAll(() => {
  if (process.env.MERIDIAN_TEST_WORK) console.log(`[work] corpus: ${JSON.stringify(stateWork)}`);
});

describeEachDatabase('corpus', (t) => {
  const available = (f: string) => existsSync(join(corpus, `${f}.sql`)) && !(t.target.name === 'pglite' && needs(f).length);
  it('has the corpus files', () => {
    for (const f of FILES) expect(existsSync(join(corpus, `${f}.sql`))).toBe(true);
  });
  for (const f of FILES) {
    const title = available(f) ? `round trip: ${f}` : `round trip: ${f} — not loadable on ${t.target.name} (needs ${needs(f).join(', ')}); checked on PostgreSQL`;
    if (!available(f)) continue;
    it(title, async () => {
      const first = (await cachedState('inspect', t.target.url, [text(f)], async () => {
        await load(t.db, text(f));
        return inspect(t.db);
      })).model;
      await roundTripPlansNothing(t.db, first);
    });
  }
  for (const [a, b] of PAIRS) {
    if (!available(a) || !available(b)) continue;
    it(`pair converges: ${a} → ${b} and back`, async () => {
      expect(await converge(t.db, t.target.url, t.url, text(a), text(b))).toBeGreaterThan(0);
      expect(await converge(t.db, t.target.url, t.url, text(b), text(a))).toBeGreaterThan(0);
    });
  }
  for (const f of ['pagila-2026', 'osm-2026']) {
    if (!available(f)) continue;
    it(`empty ↔ ${f}`, async () => {
      await converge(t.db, t.target.url, t.url, '', text(f));
      await converge(t.db, t.target.url, t.url, text(f), '');
    });
  }
});
