/**
 * The acceptance suite, declared by the test files that split it (vitest runs files in parallel, one per
 * worker): the cases of cases*.ts, both directions, on every database. `part`/`of` take every `of`-th case
 * (alternating, so slow kinds of cases spread over the files); the files together run every case.
 *
 * @example
 * acceptanceSuite(1, 2); // cases 0, 2, 4, …
 */
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { CASES } from './cases.js';
import { MORE_CASES } from './cases-more.js';
import { KIND_CASES } from './cases-kinds.js';
import { CARRIED_CASES } from './cases-carried.js';
import { GENERATED_CASES } from './cases-generated.js';
import { ORDER_CASES } from './cases-order.js';
import { ATLAS_CASES } from './cases-atlas.js';
import { INPLACE_CASES } from './cases-inplace.js';
import { PRIVILEGE_CASES } from './cases-privileges.js';
import { CLAUSES_CASES } from './cases-clauses.js';
import { HUNT_CASES } from './cases-hunt.js';
import { GAPS_CASES } from './cases-gaps.js';
import { runCase, secondDatabase, type AcceptanceCase } from './harness.js';
import { stateWork } from '../helpers/state-cache.js';

export const ALL_CASES: readonly AcceptanceCase[] = [...CASES, ...MORE_CASES, ...KIND_CASES, ...CARRIED_CASES, ...GENERATED_CASES, ...ORDER_CASES, ...ATLAS_CASES, ...INPLACE_CASES, ...PRIVILEGE_CASES, ...CLAUSES_CASES, ...HUNT_CASES, ...GAPS_CASES];

export function acceptanceSuite(part: number, of: number): void {
  const cases = ALL_CASES.filter((_, i) => i % of === part - 1);
  afterAll(() => {
    if (process.env.MERIDIAN_TEST_WORK) console.log(`[work] acceptance ${part}/${of}: ${JSON.stringify(stateWork)}`);
  });
  describeEachDatabase(`acceptance ${part}/${of}`, (t) => {
    // The second database of each case (new → old starts there).
    const other = secondDatabase(t.target.url);
    for (const c of cases) {
      (c.knownGap ? it.fails : it)(c.knownGap ? `${c.name} (known gap: ${c.knownGap})` : c.name, async () => {
        const statements = await runCase({ db: t.db, url: t.url, target: t.target.url }, other(), c);
        if (c.expectedHazards) expect([...new Set(statements.flatMap((s) => s.hazards.map((h) => h.code)))].sort()).toEqual(expect.arrayContaining([...c.expectedHazards].sort()));
        for (const sql of c.expectedSql ?? []) expect(statements.map((s) => s.sql).join('\n')).toContain(sql);
      });
    }
  });
}
