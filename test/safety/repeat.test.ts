/**
 * The corpus upgrades, applied again and again from scratch on PostgreSQL with a PostgreSQL dev database
 * (the path where a ~1,600-statement pair once failed with `relation "public.…" does not exist` and then
 * converged): every run converges, and the dev database is clean after each. By default the danbooru pair
 * (the ~1,600-statement one) runs twice, to fit the suite's budget (~25 s here); REPEAT_PAIRS=all runs
 * every pair and REPEAT_RUNS=10 the ten runs (~4.5 min).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { plan } from '../../src/plan/index.js';
import { devDatabaseContents } from '../../src/workflow/dev-lease.js';
import { executeStatements, planSchemaApply } from '../../src/workflow/schema-apply.js';
import { modelFromSources } from '../../src/workflow/state.js';
import { repoRoot } from '../helpers/cli.js';
import { createServerDatabase, describeEachDatabase } from '../helpers/databases.js';

const corpus = resolve(repoRoot, '..', 'shared', 'corpus');
const ALL: Array<[string, string]> = [['pagila-2024', 'pagila-2026'], ['osm-2023', 'osm-2026'], ['danbooru-2022', 'danbooru-2026']];
const PAIRS = process.env.REPEAT_PAIRS === 'all' ? ALL : ALL.filter(([f]) => f.startsWith('danbooru'));
const RUNS = Number(process.env.REPEAT_RUNS ?? 2);
const text = (f: string) => readFileSync(join(corpus, `${f}.sql`), 'utf8');

describeEachDatabase('corpus upgrades repeated with a PostgreSQL dev database', (t) => {
  it(`each pair converges on every one of ${RUNS} runs from scratch, and the dev database ends clean`, async () => {
    const devDb = await createServerDatabase(process.env.DATABASE_URL!);
    const dev = await openDatabase(devDb.url);
    try {
      for (const [from, to] of PAIRS) {
        const sources = [{ file: `${to}.sql`, text: text(to) }];
        for (let run = 1; run <= RUNS; run++) {
          await t.reset();
          await t.db.exec(text(from));
          await t.db.exec('SET search_path TO public'); // pg_dump files leave it empty
          // The desired state replayed on the dev database (the --no-native path), the target inspected.
          const desired = await modelFromSources(dev, sources);
          expect(await devDatabaseContents(dev), `${to}: dev database clean after the replay (run ${run})`).toEqual([]);
          const statements = await planSchemaApply(t.db, desired);
          await executeStatements(t.db, statements);
          const after = (await inspect(t.db)).model;
          expect(plan(diff(after, desired), after, desired).map((s) => s.sql), `${from} → ${to}, run ${run}`).toEqual([]);
        }
      }
    } finally {
      await dev.close();
      await devDb.drop();
    }
  }, 300_000);
}, { pglite: false });
