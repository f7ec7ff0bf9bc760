/**
 * The fuzz run (started by fuzz.ts, not part of `npm test`): the seeds of MERIDIAN_FUZZ
 * (`{"from":S,"seeds":N}`) through the generated-schema suite; each failure is shrunk on the database it
 * failed on and printed as an acceptance case.
 */
import { generatedSuite } from './suite.js';
import { KNOWN } from './known.js';
import { failureKind, failureOf, formatCase, shrink } from './shrink.js';
import { pairCase } from './pair.js';

const { from, seeds } = JSON.parse(process.env.MERIDIAN_FUZZ ?? '{"from":1,"seeds":20}') as { from: number; seeds: number };

generatedSuite('fuzz', Array.from({ length: seeds }, (_, i) => from + i), KNOWN, {
  onFailure: async (seed, rendered, error, run) => {
    const kind = failureKind(error);
    // A start state that does not build is the generator's mistake: printed whole, not shrunk.
    const { removed, error: last } = kind === 'build' ? { removed: new Set<string>(), error } : await shrink(rendered, (c) => failureOf(() => run(c)), kind);
    const c = pairCase(rendered, removed);
    process.stdout.write(`\n=== failing seed ${seed}: ${kind}\n--- shrunk reproduction (${c.old.length} + ${c.new.length} statements):\n${formatCase(c)}\n--- error:\n${String((last ?? error) instanceof Error ? ((last ?? error) as Error).message : last ?? error).slice(0, 1500)}\n`);
  },
});
