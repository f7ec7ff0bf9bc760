/**
 * Generated schemas as the test (issue #19): for each seed, a random schema and a mutation of it
 * (generate.ts, mutate.ts) run through the acceptance harness in both directions on every database —
 * seed rows inserted, plan applied, convergence under pg_dump on servers, re-plan empty, seeded rows kept
 * unless the plan deletes them by design, and the same plan when computed twice (suite.ts).
 *
 * `npm run fuzz -- --seeds N [--from S]` runs more seeds and prints a shrunk reproduction of each failure.
 * A seed that fails for a known reason goes in KNOWN with that reason: the test expects it to fail and goes
 * red the day it passes (then remove it).
 */
import { generatedSuite } from './suite.js';
import { KNOWN } from './known.js';

/** The seeds `npm test` runs (sized to finish within ~60 s per database on a loaded 2-core machine). */
export const SEEDS: readonly number[] = Array.from({ length: 30 }, (_, i) => i + 1);

generatedSuite('generated schemas', SEEDS, KNOWN);
