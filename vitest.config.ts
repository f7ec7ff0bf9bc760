import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first (measured in CI: the two halves of the acceptance cases ~150 s each, the parser
 * round trip ~140 s, the Atlas CI pipeline, the library commands and the packed end-to-end suite ~75 s each).
 * Without timing cache, vitest orders by file size, which puts the small but slow data-driven files last and
 * leaves one of the two workers idle at the end. The acceptance halves start first, one per worker: the
 * schema states they build are read once per run (test/helpers/state-cache.ts), and the round trip, the
 * corpus and the tie-break files that follow read the same states from there.
 */
const SLOW_FIRST = [
  'test/acceptance/acceptance-2.test.ts',
  'test/acceptance/acceptance.test.ts',
  'test/parse/roundtrip.test.ts',
  'test/generated/generated.test.ts',
  'test/prisma/dual.test.ts',
  'test/prisma/golden.test.ts',
  'test/e2e/guide-workflow.test.ts',
  'test/atlas/ci-pipeline.test.ts',
  'test/workflow/commands-library.test.ts',
  'test/e2e/packed.test.ts',
  'test/workflow/renames.test.ts',
  'test/lint/lint.test.ts',
  'test/acceptance/corpus.test.ts',
  'test/plan-tiebreak.test.ts',
  'test/migrate/cli.test.ts',
  'test/migrate/fleet.test.ts',
  'test/bench.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((p) => f.moduleId.replace(/\\/g, '/').endsWith(p));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The generalisation corpus (test/corpus-ext, ~5-12 min) runs in `npm run test:corpus` only.
    exclude: [...configDefaults.exclude, ...(process.env.MERIDIAN_CORPUS_EXT ? [] : ['test/corpus-ext/**'])],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/loop-watch.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are ~0.5 GB each and the machine has 2 cores.
    pool: 'forks',
    // MERIDIAN_TEST_FORKS overrides the number of workers (measurements; machines with more cores).
    poolOptions: { forks: { maxForks: Number(process.env.MERIDIAN_TEST_FORKS) || 2, minForks: 1 } },
    // Each worker process runs file after file (measured on 12 small files, 1 worker: 49 s of CPU -> 29 s,
    // ~1.7 s per file: the process start, the imports and the wasm compiles of every file). The full run with
    // reused workers (both databases, 96 files): 3,021 passed; its one failure was a leftover, an exit listener
    // per embedded database opened (fixed in src/db/pglite.ts). MERIDIAN_TEST_ISOLATE=1: a fresh process per file.
    isolate: process.env.MERIDIAN_TEST_ISOLATE === '1',
    reporters: ['default'],
    sequence: { sequencer: SlowFirst },
  },
});
