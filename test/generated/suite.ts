/**
 * The generated-schema suite on every database (generated.test.ts with a fixed set of seeds, fuzz.run.ts
 * with the seeds `npm run fuzz` asks for): per seed, the pair of generatePair(seed) runs through the
 * acceptance harness (runCase) on two databases of the file's kind, both directions.
 *
 * @example
 * generatedSuite('generated schemas', [1, 2, 3], {});
 */
import { describe, it } from 'vitest';
import { testTargets } from '../helpers/databases.js';
import { casePairs, runCase, type AcceptanceCase } from '../acceptance/harness.js';
import { generatePair, pairCase, renderPair, type RenderedPair } from './pair.js';

export interface SuiteOptions {
  /** Called with a failing seed before the test fails (the fuzz run shrinks and prints it). */
  readonly onFailure?: (seed: number, rendered: RenderedPair, error: unknown, run: (c: AcceptanceCase) => Promise<unknown>) => Promise<void>;
}

/**
 * Seeds in flight at once on a server, each on its own pair of databases (as the acceptance suite's cases:
 * MERIDIAN_ACCEPTANCE_CONCURRENCY, default 3): a seed there mostly waits for its backends and for pg_dump.
 */
const SERVER_CONCURRENCY = Math.max(1, Number(process.env.MERIDIAN_ACCEPTANCE_CONCURRENCY) || 3);

export function generatedSuite(title: string, seeds: readonly number[], known: Readonly<Record<number, string>>, opts: SuiteOptions = {}): void {
  for (const target of testTargets()) {
    const server = !target.url.startsWith('pglite:');
    describe(`${title} [${target.name}]`, () => {
      // Each seed's two databases (a starts from old, b from new), lent to one seed at a time; a failing
      // seed is shrunk on the pair it failed on.
      const pairs = casePairs(target.url, server ? SERVER_CONCURRENCY : 1);
      const test = server && SERVER_CONCURRENCY > 1 ? it.concurrent : it;
      for (const seed of seeds) {
        const reason = known[seed];
        (reason ? test.fails : test)(`seed ${seed}${reason ? ` (known: ${reason})` : ''}`, () =>
          pairs.use(async ([a, b]) => {
            const run = (c: AcceptanceCase) => runCase(a, b, c);
            const rendered = renderPair(generatePair(seed));
            try {
              await run(pairCase(rendered));
            } catch (e) {
              if (opts.onFailure && !reason) await opts.onFailure(seed, rendered, e, run);
              throw e;
            }
          }));
      }
    });
  }
}
