/**
 * The acceptance suite, declared by the test files that split it (vitest runs files in parallel, one per
 * worker): the cases of cases*.ts, both directions, on every database. `part`/`of` take every `of`-th case
 * (alternating, so slow kinds of cases spread over the files); the files together run every case.
 * On servers a few cases run side by side, each on its own pair of databases (harness.ts's casePairs).
 *
 * @example
 * acceptanceSuite(1, 2); // cases 0, 2, 4, …
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testTargets } from '../helpers/databases.js';
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
import { HUNT2_CASES } from './cases-hunt-2.js';
import { HUNT_3_CASES } from './cases-hunt-3.js';
import { HUNT_4_CASES } from './cases-hunt-4.js';
import { HUNT_5_CASES } from './cases-hunt-5.js';
import { CONSTANT_CASES } from './cases-constants.js';
import { RETYPE_2_CASES } from './cases-retype-2.js';
import { CONSTANT_2_CASES } from './cases-constants-2.js';
import { POLICY_2_CASES } from './cases-policies-2.js';
import { INPLACE_3_CASES } from './cases-inplace-3.js';
import { INPLACE_4_CASES } from './cases-inplace-4.js';
import { INPLACE_5_CASES } from './cases-inplace-5.js';
import { HUNT_6_CASES } from './cases-hunt-6.js';
import { HUNT_7_CASES } from './cases-hunt-7.js';
import { HUNT_8_CASES } from './cases-hunt-8.js';
import { HUNT_9B_CASES } from './cases-hunt-9b.js';
import { HUNT_10B_CASES } from './cases-hunt-10b.js';
import { EXTENSION_OPS_CASES } from './cases-extension-ops.js';
import { HUNT_10A_CASES } from './cases-hunt-10a.js';
import { ROUTINES_2_CASES } from './cases-routines-2.js';
import { HUNT_9_CASES } from './cases-hunt-9.js';
import { INHERITANCE_CASES } from './cases-inheritance.js';
import { GAPS_CASES } from './cases-gaps.js';
import { INPLACE_2_CASES } from './cases-inplace-2.js';
import { BATCH_9_CASES } from './cases-batch-9.js';
import { PARTITION_CASES } from './cases-partitions.js';
import { PARTITION_2_CASES } from './cases-partitions-2.js';
import { PARTITION_3_CASES, PARTITION_3_NEW_CASES, PARTITION_3_ORACLE_CASES } from './cases-partitions-3.js';
import { PARTITION_4_LEVEL_CASES, PARTITION_4_KEY_CASES, PARTITION_4_RENAME_CASES } from './cases-partitions-4.js';
import { PARTITION_5_CASES } from './cases-partitions-5.js';
import { GAPS_2_CASES } from './cases-gaps-2.js';
import { GAPS_3_CASES } from './cases-gaps-3.js';
import { VIEWS_2_CASES } from './cases-views-2.js';
import { VIEWS_3_CASES } from './cases-views-3.js';
import { TYPED_PERIOD_CASES } from './cases-typed-period.js';
import { RETYPE_CASES } from './cases-retype.js';
import { DEFERRAL_CASES, FIRING_CASES } from './cases-firing.js';
import { casePairs, runCase, tooOld, type AcceptanceCase } from './harness.js';
import { stateWork } from '../helpers/state-cache.js';
import { VIEWS_4_CASES } from './cases-views-4.js';
import { TIMESTAMPTZ_CASES } from './cases-timestamptz.js';
import { BODY_CASES } from './cases-bodies.js';
import { VIEWS_5_CASES } from './cases-views-5.js';
import { VIEWS_6_CASES } from './cases-views-6.js';
import { PARTITION_6_CASES } from './cases-partitions-6.js';
import { PARTITION_7_CASES } from './cases-partitions-7.js';

export const ALL_CASES: readonly AcceptanceCase[] = [...CASES, ...MORE_CASES, ...KIND_CASES, ...CARRIED_CASES, ...GENERATED_CASES, ...ORDER_CASES, ...ATLAS_CASES, ...INPLACE_CASES, ...PRIVILEGE_CASES, ...CLAUSES_CASES, ...HUNT_CASES, ...HUNT2_CASES, ...HUNT_3_CASES, ...HUNT_4_CASES, ...HUNT_5_CASES, ...INHERITANCE_CASES, ...GAPS_CASES, ...INPLACE_2_CASES, ...BATCH_9_CASES, ...PARTITION_CASES, ...GAPS_2_CASES, ...GAPS_3_CASES, ...VIEWS_2_CASES, ...PARTITION_2_CASES, ...TYPED_PERIOD_CASES, ...PARTITION_3_CASES, ...PARTITION_3_NEW_CASES, ...PARTITION_3_ORACLE_CASES, ...VIEWS_3_CASES, ...RETYPE_CASES, ...HUNT_6_CASES, ...CONSTANT_CASES, ...FIRING_CASES, ...DEFERRAL_CASES, ...RETYPE_2_CASES, ...CONSTANT_2_CASES, ...HUNT_7_CASES, ...PARTITION_4_LEVEL_CASES, ...PARTITION_4_KEY_CASES, ...PARTITION_4_RENAME_CASES, ...VIEWS_4_CASES, ...POLICY_2_CASES, ...TIMESTAMPTZ_CASES, ...BODY_CASES, ...PARTITION_5_CASES, ...VIEWS_5_CASES, ...HUNT_8_CASES, ...INPLACE_3_CASES, ...INPLACE_4_CASES, ...VIEWS_6_CASES, ...HUNT_9B_CASES, ...HUNT_9_CASES, ...PARTITION_6_CASES, ...INPLACE_5_CASES, ...HUNT_10B_CASES, ...HUNT_10A_CASES, ...VIEWS_7_CASES, ...ROUTINES_2_CASES, ...COMMENTS_3_CASES, ...OWNER_ACL_CASES, ...EXTENSION_OPS_CASES, ...HUNT_11A_CASES, ...HUNT_11B_CASES, ...ROUTINES_3_CASES, ...PARTITION_7_CASES, ...HUNT_12A_CASES, ...GAPS_4_CASES, ...HUNT_12B_CASES, ...HUNT_13B_CASES, ...CONSTANT_3_CASES, ...HUNT_13A_CASES, ...GAPS_5_CASES, ...VIRTUAL_COLUMN_CASES, ...PARTITION_8_CASES, ...DATABASE_ACL_CASES, ...STORAGE_2_CASES, ...REFUSED_27_CASES, ...HUNT_14B_CASES, ...HUNT_14A_CASES, ...HUNT_14C_CASES, ...LEFTOVERS_19_CASES, ...HUNT_14C2_CASES, ...HUNT_14C3_CASES, ...CATALOG_VIEWS_CASES, ...RENAMES_2_CASES, ...HUNT_15B_CASES, ...GENERATED_2_CASES, ...LEFTOVERS_20_CASES, ...PARTITION_9_CASES];
import { VIEWS_7_CASES } from './cases-views-7.js';
import { DATABASE_ACL_CASES } from './cases-database-acl.js';
import { STORAGE_2_CASES } from './cases-storage-2.js';
import { COMMENTS_3_CASES } from './cases-comments-3.js';
import { OWNER_ACL_CASES } from './cases-owner-acl.js';
import { HUNT_11A_CASES } from './cases-hunt-11a.js';
import { HUNT_12A_CASES } from './cases-hunt-12a.js';
import { HUNT_11B_CASES } from './cases-hunt-11b.js';
import { ROUTINES_3_CASES } from './cases-routines-3.js';
import { GAPS_4_CASES } from './cases-gaps-4.js';
import { HUNT_13B_CASES } from './cases-hunt-13b.js';
import { GAPS_5_CASES } from './cases-gaps-5.js';
import { VIRTUAL_COLUMN_CASES } from './cases-virtual-columns.js';
import { HUNT_12B_CASES } from './cases-hunt-12b.js';
import { CONSTANT_3_CASES } from './cases-constants-3.js';
import { HUNT_13A_CASES } from './cases-hunt-13a.js';
import { HUNT_14A_CASES } from './cases-hunt-14a.js';
import { LEFTOVERS_19_CASES } from './cases-leftovers-19.js';
import { LEFTOVERS_20_CASES } from './cases-leftovers-20.js';
import { PARTITION_8_CASES } from './cases-partitions-8.js';
import { REFUSED_27_CASES } from './cases-refused-27.js';
import { HUNT_14B_CASES } from './cases-hunt-14b.js';
import { HUNT_14C_CASES } from './cases-hunt-14c.js';
import { HUNT_14C2_CASES } from './cases-hunt-14c2.js';
import { HUNT_14C3_CASES } from './cases-hunt-14c3.js';
import { RENAMES_2_CASES } from './cases-renames-2.js';
import { HUNT_15B_CASES } from './cases-hunt-15b.js';
import { CATALOG_VIEWS_CASES } from './cases-catalog-views.js';
import { GENERATED_2_CASES } from './cases-generated-2.js';
import { PARTITION_9_CASES } from './cases-partitions-9.js';

/**
 * Cases in flight at once on a server (each on its own pair of databases): MERIDIAN_ACCEPTANCE_CONCURRENCY,
 * default 3. A server case mostly waits (for its backends and for pg_dump, ~4 calls per two-way case), so
 * a few side by side use the machine's cores; PGlite runs in the worker's thread, one case at a time.
 */
const SERVER_CONCURRENCY = Math.max(1, Number(process.env.MERIDIAN_ACCEPTANCE_CONCURRENCY) || 3);

export function acceptanceSuite(part: number, of: number): void {
  const cases = ALL_CASES.filter((_, i) => i % of === part - 1);
  afterAll(() => {
    if (process.env.MERIDIAN_TEST_WORK) console.log(`[work] acceptance ${part}/${of}: ${JSON.stringify(stateWork)}`);
  });
  for (const target of testTargets()) {
    const server = !target.url.startsWith('pglite:');
    describe(`acceptance ${part}/${of} [${target.name}]`, () => {
      const pairs = casePairs(target.url, server ? SERVER_CONCURRENCY : 1);
      const test = server && SERVER_CONCURRENCY > 1 ? it.concurrent : it;
      for (const c of cases.filter((x) => server || !x.serversOnly)) {
        (c.knownGap ? test.fails : test)(c.knownGap ? `${c.name} (known gap: ${c.knownGap})` : c.name, async (ctx) => {
          const statements = await pairs.use(async ([a, b]) => ((await tooOld(a.db, c)) ? undefined : runCase(a, b, c)));
          if (!statements) return ctx.skip(`needs PostgreSQL ${c.minServer!.major}: ${c.minServer!.reason}`);
          if (c.expectedHazards) expect([...new Set(statements.flatMap((s) => s.hazards.map((h) => h.code)))].sort()).toEqual(expect.arrayContaining([...c.expectedHazards].sort()));
          for (const sql of c.expectedSql ?? []) expect(statements.map((s) => s.sql).join('\n')).toContain(sql);
          for (const sql of c.absentSql ?? []) expect(statements.map((s) => s.sql).join('\n')).not.toContain(sql);
        });
      }
    });
  }
}
