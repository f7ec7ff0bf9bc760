/**
 * The generated-schema suite on every database (generated.test.ts with a fixed set of seeds, fuzz.run.ts
 * with the seeds `npm run fuzz` asks for): per seed, the pair of generatePair(seed) runs through the
 * acceptance harness (runCase) on two databases of the file's kind, both directions.
 *
 * @example
 * generatedSuite('generated schemas', [1, 2, 3], {});
 */
import { it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { runCase, secondDatabase, type AcceptanceCase, type CaseDatabase } from '../acceptance/harness.js';
import { generatePair, pairCase, renderPair, type RenderedPair } from './pair.js';

export interface SuiteOptions {
  /** Called with a failing seed before the test fails (the fuzz run shrinks and prints it). */
  readonly onFailure?: (seed: number, rendered: RenderedPair, error: unknown, run: (c: AcceptanceCase) => Promise<unknown>) => Promise<void>;
}

export function generatedSuite(title: string, seeds: readonly number[], known: Readonly<Record<number, string>>, opts: SuiteOptions = {}): void {
  describeEachDatabase(title, (t) => {
    // The second database of each case (new → old starts there).
    const second = secondDatabase(t.target.url);
    for (const seed of seeds) {
      const reason = known[seed];
      (reason ? it.fails : it)(`seed ${seed}${reason ? ` (known: ${reason})` : ''}`, async () => {
        const a: CaseDatabase = { db: t.db, url: t.url, target: t.target.url };
        const other: CaseDatabase = second();
        const run = (c: AcceptanceCase) => runCase(a, other, c);
        const rendered = renderPair(generatePair(seed));
        try {
          await run(pairCase(rendered));
        } catch (e) {
          if (opts.onFailure && !reason) await opts.onFailure(seed, rendered, e, run);
          throw e;
        }
      });
    }
  });
}
