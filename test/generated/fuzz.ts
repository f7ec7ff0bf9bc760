/**
 * `npm run fuzz -- --seeds N [--from S]`: runs N generated-schema seeds starting at S (default 1) on
 * PGlite, and on PostgreSQL when DATABASE_URL is set, and prints each failing seed with a shrunk
 * reproduction ready to paste into test/acceptance/cases-*.ts. Seeds listed in known.ts are expected to
 * fail. Exits non-zero when a seed fails.
 *
 * @example
 * npm run fuzz -- --seeds 200 --from 1000
 */
import { startVitest } from 'vitest/node';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} takes a non-negative integer (got ${process.argv[i + 1]})`);
  return v;
}

const seeds = arg('seeds', 100);
const from = arg('from', 1);
process.env.MERIDIAN_FUZZ = JSON.stringify({ from, seeds });
const vitest = await startVitest('test', ['test/generated/fuzz.run.ts'], {
  watch: false,
  include: ['test/generated/fuzz.run.ts'],
  testTimeout: 3_600_000,
  // One file: its two databases are enough for the two cores.
  maxWorkers: 1,
});
const failed = vitest?.state.getFiles().some((f) => f.result?.state === 'fail') ?? true;
await vitest?.close();
process.exit(failed ? 1 : 0);
