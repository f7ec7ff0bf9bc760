/**
 * Round trip between the native parser and the inspector (DESIGN.md's first property): for every
 * acceptance case (both sides) and every corpus schema, `parse(S)` and `inspect(database built from S)`
 * diff empty in both directions, on PGlite and on PostgreSQL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { plan } from '../../src/plan/index.js';
import type { Model } from '../../src/model/types.js';
import type { Database } from '../../src/db/database.js';
import { CASES } from '../acceptance/cases.js';
import { MORE_CASES } from '../acceptance/cases-more.js';
import { KIND_CASES } from '../acceptance/cases-kinds.js';
import { PRIVILEGE_CASES } from '../acceptance/cases-privileges.js';
import { CLAUSES_CASES } from '../acceptance/cases-clauses.js';
import { INHERITANCE_CASES } from '../acceptance/cases-inheritance.js';
import { GAPS_CASES } from '../acceptance/cases-gaps.js';
import { GAPS_2_CASES } from '../acceptance/cases-gaps-2.js';
import { HUNT2_CASES } from '../acceptance/cases-hunt-2.js';
import { INPLACE_2_CASES } from '../acceptance/cases-inplace-2.js';
import { BATCH_9_CASES } from '../acceptance/cases-batch-9.js';
import { PARTITION_CASES, PARTITION_FOLD_CASES } from '../acceptance/cases-partitions.js';
import { PARTITION_2_CASES } from '../acceptance/cases-partitions-2.js';
import { PARTITION_3_CASES, PARTITION_3_NEW_CASES, PARTITION_3_ORACLE_CASES } from '../acceptance/cases-partitions-3.js';
import { PARTITION_4_LEVEL_CASES, PARTITION_4_KEY_CASES, PARTITION_4_RENAME_CASES } from '../acceptance/cases-partitions-4.js';
import { PARTITION_5_CASES } from '../acceptance/cases-partitions-5.js';
import { GAPS_3_CASES } from '../acceptance/cases-gaps-3.js';
import { VIEWS_2_CASES } from '../acceptance/cases-views-2.js';
import { VIEWS_3_CASES } from '../acceptance/cases-views-3.js';
import { TYPED_PERIOD_CASES } from '../acceptance/cases-typed-period.js';
import { RETYPE_CASES } from '../acceptance/cases-retype.js';
import { CONSTANT_CASES } from '../acceptance/cases-constants.js';
import { RETYPE_2_CASES } from '../acceptance/cases-retype-2.js';
import { CONSTANT_2_CASES } from '../acceptance/cases-constants-2.js';
import { POLICY_2_CASES } from '../acceptance/cases-policies-2.js';
import { TIMESTAMPTZ_CASES } from '../acceptance/cases-timestamptz.js';
import { BODY_CASES } from '../acceptance/cases-bodies.js';
import { INPLACE_3_CASES } from '../acceptance/cases-inplace-3.js';
import { INPLACE_4_CASES } from '../acceptance/cases-inplace-4.js';
import { INPLACE_5_CASES } from '../acceptance/cases-inplace-5.js';
import { HUNT_6_CASES } from '../acceptance/cases-hunt-6.js';
import { DEFERRAL_CASES, FIRING_CASES } from '../acceptance/cases-firing.js';
import { HUNT_7_CASES } from '../acceptance/cases-hunt-7.js';
import { HUNT_8_CASES } from '../acceptance/cases-hunt-8.js';
import { HUNT_9B_CASES } from '../acceptance/cases-hunt-9b.js';
import { HUNT_10B_CASES } from '../acceptance/cases-hunt-10b.js';
import { EXTENSION_OPS_CASES } from '../acceptance/cases-extension-ops.js';
import { HUNT_10A_CASES } from '../acceptance/cases-hunt-10a.js';
import { ROUTINES_2_CASES } from '../acceptance/cases-routines-2.js';
import { HUNT_9_CASES } from '../acceptance/cases-hunt-9.js';
import { PARTITION_6_CASES } from '../acceptance/cases-partitions-6.js';
import { PARTITION_7_CASES } from '../acceptance/cases-partitions-7.js';
import { VIEWS_4_CASES } from '../acceptance/cases-views-4.js';
import { VIEWS_5_CASES } from '../acceptance/cases-views-5.js';
import { VIEWS_6_CASES } from '../acceptance/cases-views-6.js';
import { VIEWS_7_CASES } from '../acceptance/cases-views-7.js';
import { COMMENTS_3_CASES } from '../acceptance/cases-comments-3.js';
import { HUNT_11B_CASES } from '../acceptance/cases-hunt-11b.js';
import { repoRoot } from '../helpers/cli.js';
import { resetDatabase, testTargets, type TestTarget } from '../helpers/databases.js';
import { databaseSlots, tooOld } from '../acceptance/harness.js';
import { cachedState, stateWork } from '../helpers/state-cache.js';
import { OWNER_ACL_CASES } from '../acceptance/cases-owner-acl.js';
import { HUNT_11A_CASES } from '../acceptance/cases-hunt-11a.js';
import { HUNT_12A_CASES } from '../acceptance/cases-hunt-12a.js';
import { ROUTINES_3_CASES } from '../acceptance/cases-routines-3.js';
import { GAPS_4_CASES } from '../acceptance/cases-gaps-4.js';
import { HUNT_13B_CASES } from '../acceptance/cases-hunt-13b.js';
import { GAPS_5_CASES } from '../acceptance/cases-gaps-5.js';
import { VIRTUAL_COLUMN_CASES } from '../acceptance/cases-virtual-columns.js';
import { HUNT_12B_CASES } from '../acceptance/cases-hunt-12b.js';
import { CONSTANT_3_CASES } from '../acceptance/cases-constants-3.js';
import { HUNT_13A_CASES } from '../acceptance/cases-hunt-13a.js';
import { HUNT_14A_CASES } from '../acceptance/cases-hunt-14a.js';
import { LEFTOVERS_19_CASES } from '../acceptance/cases-leftovers-19.js';
import { LEFTOVERS_20_CASES } from '../acceptance/cases-leftovers-20.js';
import { PARTITION_8_CASES } from '../acceptance/cases-partitions-8.js';
import { DATABASE_ACL_CASES } from '../acceptance/cases-database-acl.js';
import { STORAGE_2_CASES } from '../acceptance/cases-storage-2.js';
import { REFUSED_27_CASES } from '../acceptance/cases-refused-27.js';
import { HUNT_14B_CASES } from '../acceptance/cases-hunt-14b.js';
import { HUNT_14C_CASES } from '../acceptance/cases-hunt-14c.js';
import { HUNT_14C2_CASES } from '../acceptance/cases-hunt-14c2.js';
import { HUNT_14C3_CASES } from '../acceptance/cases-hunt-14c3.js';
import { RENAMES_2_CASES } from '../acceptance/cases-renames-2.js';
import { HUNT_15B_CASES } from '../acceptance/cases-hunt-15b.js';
import { CATALOG_VIEWS_CASES } from '../acceptance/cases-catalog-views.js';
import { GENERATED_2_CASES } from '../acceptance/cases-generated-2.js';
import { PARTITION_9_CASES } from '../acceptance/cases-partitions-9.js';

const corpus = resolve(repoRoot, '..', 'shared', 'corpus');
const CORPUS = ['chinook', 'northwind', 'pagila-2024', 'pagila-2026', 'osm-2023', 'osm-2026', 'danbooru-2022', 'danbooru-2026'];

beforeAll(async () => {
  await initSchemaParser();
});
afterAll(() => {
  if (process.env.MERIDIAN_TEST_WORK) console.log(`[work] round trip: ${JSON.stringify(stateWork)}`);
});

/** Both directions: the statements that would turn one into the other (must be none). */
function roundTrip(inspected: Model, parsed: Model): string[] {
  return [
    ...plan(diff(inspected, parsed), inspected, parsed).map((s) => `inspected → parsed: ${s.sql}`),
    ...plan(diff(parsed, inspected), parsed, inspected).map((s) => `parsed → inspected: ${s.sql}`),
  ];
}

/**
 * Cases where parse ≠ inspect is a known gap, with why. The test fails when one of them starts to round-trip
 * (the entry must then go), so the list only shrinks. Their plans are still checked by the acceptance suite.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {
  // (SQL-standard function bodies, printed back by PostgreSQL with qualified columns and aliases, round-trip since
  // their relations are resolved with the Model's like view queries: parse/canonical.ts.)
};

/**
 * Statements the Model cannot represent: DO blocks (used by cases to create roles) and a top-level SELECT of a
 * function the case defines (a plpgsql body run for its objects; setval and set_config are PostgreSQL's).
 */
const runsRoutine = (sql: string) => /^\s*SELECT\s+(?!(pg_catalog\.)?(setval|set_config)\b)[\w.]+\s*\(/i.test(sql);
const opaque = (sql: string) => /^\s*DO\b/i.test(sql) || runsRoutine(sql);

/** Tests in flight at once on a server, each on its own database (see the acceptance suite's concurrency). */
const SERVER_CONCURRENCY = Math.max(1, Number(process.env.MERIDIAN_ACCEPTANCE_CONCURRENCY) || 3);

/** What a test uses of its database: the target, the connection, and a reset to an empty database. */
interface Db {
  readonly target: TestTarget;
  readonly db: Database;
  reset(): Promise<void>;
}

for (const target of testTargets()) describe(`native parser round trip [${target.name}]`, () => {
  const server = !target.url.startsWith('pglite:');
  const pool = databaseSlots(target.url, server ? SERVER_CONCURRENCY : 1, 1);
  const test = server && SERVER_CONCURRENCY > 1 ? it.concurrent : it;
  /** Runs `body` on a database of the pool (a server test may find an aborted transaction of a failed one). */
  const onDatabase = (body: (t: Db) => Promise<void>) => () =>
    pool.use(async ([d]) => {
      if (d!.db.kind === 'postgres') await d!.db.exec('ROLLBACK').catch(() => undefined);
      return body({ target, db: d!.db, reset: () => resetDatabase(d!.db) });
    });
  /** parse(S) for a case side; statements the Model cannot represent must be refused, located, unless allowed. */
  /** `role`: the role the database was inspected as, the one that applies a plan there (FoldOptions.role). */
  const parseSide = (sql: readonly string[], role?: string) => {
    const text = sql.map((s) => `${s};`).join('\n');
    const hasOpaque = sql.some(opaque);
    const strict = checkSchema([{ file: 'case.sql', text }], { role });
    if (hasOpaque) {
      expect(strict.errors.map((e) => e.code)).toContain('E_UNSUPPORTED');
      expect(strict.errors.every((e) => e.location.line >= 1 && e.location.column >= 1)).toBe(true);
    } else expect(strict.errors).toEqual([]);
    const parsed = hasOpaque ? checkSchema([{ file: 'case.sql', text }], { allowOpaque: true, role }) : strict;
    expect(parsed.errors).toEqual([]);
    // Constants only their type's output function prints (an extension's: '(1,2)'::cube) are kept as written and
    // named: the workflow builds such a side on the dev database (src/parse/undecided-constants.ts).
    // A side that runs a routine of its own for the objects it creates is built on the dev database too (its fold lacks them).
    return { model: parsed.model, hasOpaque, undecided: parsed.undecided.length > 0 || sql.some(runsRoutine) };
  };
  /** parse = inspect; a side with undecided constants may differ (only there), as the workflow does not use its fold. */
  const sameAsInspected = (inspected: Model, parsed: { model: Model; undecided: boolean }, side: string) => {
    const diffs = roundTrip(inspected, parsed.model);
    if (!parsed.undecided) expect(diffs, side).toEqual([]);
  };
  const sameUnmanaged = (parsed: Model, inspected: { unmanaged: readonly { kind: string; schema?: string; name: string }[] }) =>
    expect(parsed.unmanaged.map((u) => `${u.kind} ${u.schema}.${u.name}`).sort()).toEqual(inspected.unmanaged.map((u) => `${u.kind} ${u.schema}.${u.name}`).sort());

  // Per case: parse = inspect for both sides, and (without opaque statements) the plan from the inspected
  // old state to parse(new) — DDL rendered from the user's spelling, as `migrate diff` writes it natively —
  // converges on the database `new` builds.
  for (const c of [...CASES, ...MORE_CASES, ...KIND_CASES, ...PRIVILEGE_CASES, ...CLAUSES_CASES, ...INHERITANCE_CASES, ...GAPS_CASES, ...HUNT2_CASES, ...INPLACE_2_CASES, ...BATCH_9_CASES, ...PARTITION_CASES, ...PARTITION_FOLD_CASES, ...GAPS_2_CASES, ...GAPS_3_CASES, ...VIEWS_2_CASES, ...PARTITION_2_CASES, ...TYPED_PERIOD_CASES, ...PARTITION_3_CASES, ...PARTITION_3_NEW_CASES, ...PARTITION_3_ORACLE_CASES, ...VIEWS_3_CASES, ...RETYPE_CASES, ...HUNT_6_CASES, ...CONSTANT_CASES, ...FIRING_CASES, ...DEFERRAL_CASES, ...RETYPE_2_CASES, ...CONSTANT_2_CASES, ...HUNT_7_CASES, ...PARTITION_4_LEVEL_CASES, ...PARTITION_4_KEY_CASES, ...PARTITION_4_RENAME_CASES, ...VIEWS_4_CASES, ...POLICY_2_CASES, ...TIMESTAMPTZ_CASES, ...BODY_CASES, ...PARTITION_5_CASES, ...VIEWS_5_CASES, ...HUNT_8_CASES, ...INPLACE_3_CASES, ...INPLACE_4_CASES, ...VIEWS_6_CASES, ...HUNT_9B_CASES, ...HUNT_9_CASES, ...PARTITION_6_CASES, ...INPLACE_5_CASES, ...HUNT_10B_CASES, ...HUNT_10A_CASES, ...VIEWS_7_CASES, ...ROUTINES_2_CASES, ...COMMENTS_3_CASES, ...OWNER_ACL_CASES, ...EXTENSION_OPS_CASES, ...HUNT_11A_CASES, ...HUNT_11B_CASES, ...ROUTINES_3_CASES, ...PARTITION_7_CASES, ...HUNT_12A_CASES, ...GAPS_4_CASES, ...HUNT_12B_CASES, ...HUNT_13B_CASES, ...CONSTANT_3_CASES, ...HUNT_13A_CASES, ...GAPS_5_CASES, ...VIRTUAL_COLUMN_CASES, ...PARTITION_8_CASES, ...DATABASE_ACL_CASES, ...STORAGE_2_CASES, ...REFUSED_27_CASES, ...HUNT_14B_CASES, ...HUNT_14A_CASES, ...HUNT_14C_CASES, ...LEFTOVERS_19_CASES, ...HUNT_14C2_CASES, ...HUNT_14C3_CASES, ...CATALOG_VIEWS_CASES, ...RENAMES_2_CASES, ...HUNT_15B_CASES, ...GENERATED_2_CASES.filter((c) => !c.knownGap), ...LEFTOVERS_20_CASES, ...PARTITION_9_CASES]) {
    test(`parse = inspect, and old → parse(new) converges: ${c.name}`, async (ctx) => {
      if (c.serversOnly && !server) return ctx.skip(c.serversOnly); // needs what PGlite does not ship
      let old = false;
      await onDatabase(async (t) => {
        if (await tooOld(t.db, c)) return void (old = true); // needs a newer server (PostgreSQL 18's temporal keys): skipped, reported
        // The new state is only read: its inspection, shared for the run (the acceptance suite builds it too).
        const target = await cachedState('inspect', t.target.url, c.new, async () => {
          await t.reset();
          for (const s of c.new) await t.db.exec(s);
          return inspect(t.db);
        });
        const parsedNew = parseSide(c.new, target.model.role);
        if (KNOWN_GAPS[c.name]) {
          expect(roundTrip(target.model, parsedNew.model), `known gap, remove it from KNOWN_GAPS: ${KNOWN_GAPS[c.name]}`).not.toEqual([]);
          return;
        }
        sameAsInspected(target.model, parsedNew, 'new side');
        sameUnmanaged(parsedNew.model, target);
        await t.reset();
        for (const s of c.old) await t.db.exec(s);
        const current = await cachedState('inspect', t.target.url, c.old, () => inspect(t.db));
        const parsedOld = parseSide(c.old, current.model.role);
        sameAsInspected(current.model, parsedOld, 'old side');
        sameUnmanaged(parsedOld.model, current);
        // DO blocks / rules, constants of extensions' types: the dev database path (acceptance suite)
        if (parsedNew.hasOpaque || parsedOld.hasOpaque || parsedNew.undecided) return;
        if (c.seed) await t.db.exec(c.seed);
        const statements = plan(diff(current.model, parsedNew.model), current.model, parsedNew.model);
        for (const s of statements) {
          try {
            await t.db.exec(s.sql);
          } catch (e) {
            throw new Error(`${c.name}: statement failed: ${s.sql}\n${(e as Error).message}\nplan:\n${statements.map((x) => x.sql).join(';\n')}`);
          }
        }
        const after = (await inspect(t.db)).model;
        expect(plan(diff(after, target.model), after, target.model).map((s) => s.sql)).toEqual([]);
      })();
      if (old) ctx.skip(`needs PostgreSQL ${c.minServer!.major}: ${c.minServer!.reason}`);
    });
  }

  for (const f of CORPUS) {
    const path = join(corpus, `${f}.sql`);
    const loadable = !(target.name === 'pglite' && f.startsWith('danbooru')); // pgstattuple is not in PGlite
    test(`corpus ${f}: parses with no errors${loadable ? ' and equals the inspected database' : ` (not loadable on ${target.name}: needs pgstattuple; compared on PostgreSQL)`}`, onDatabase(async (t) => {
      expect(existsSync(path)).toBe(true);
      const text = readFileSync(path, 'utf8');
      const parsed = checkSchema([{ file: `${f}.sql`, text }]);
      expect(parsed.errors).toEqual([]);
      expect(Object.keys(parsed.model.tables).length).toBeGreaterThan(5);
      if (!loadable) return;
      // Only read: shared for the run with test/acceptance/corpus.test.ts, which loads the same files.
      const inspected = await cachedState('inspect', t.target.url, [text], async () => {
        await t.reset();
        await t.db.exec(text);
        await t.db.exec('SET search_path TO public');
        return inspect(t.db);
      });
      expect(roundTrip(inspected.model, parsed.model)).toEqual([]);
    }));
  }
});

