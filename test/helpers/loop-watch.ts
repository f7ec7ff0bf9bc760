/**
 * Reports a test that blocks its worker's event loop for long. vitest's worker talks to the main process
 * over an RPC with a 60 s timeout, and a reply that arrives while the loop is blocked is read too late:
 * the run then fails with "Timeout calling onTaskUpdate" although every test passed. This names the culprit.
 */
import { afterEach, beforeEach } from 'vitest';

const current = '(before the first test: imports, beforeAll)';
beforeEach((ctx) => {
  watch.current = `${ctx.task.file?.name ?? ''} > ${ctx.task.name}`;
});
afterEach((ctx) => {
  watch.current = `after ${ctx.task.file?.name ?? ''} > ${ctx.task.name} (its afterEach/afterAll, or the next beforeAll)`;
});

const TICK_MS = 1_000;
const REPORT_MS = Number(process.env.MERIDIAN_LOOP_WATCH_MS ?? 10_000);
// Written through the stream's own write as it is now: a CLI command run in this process (cli-inproc.ts)
// captures process.stderr.write meanwhile, and this report is not the command's output.
const report = process.stderr.write.bind(process.stderr);
// One timer per worker process: a worker that runs several files (vitest.config.ts: isolate off) runs this file for
// each, and each run's hooks set `current` through the process-wide holder.
const watch = ((globalThis as { __meridianLoopWatch?: { current: string } }).__meridianLoopWatch ??= start());
watch.current = current;
function start(): { current: string } {
  const holder = { current };
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const gap = now - last - TICK_MS;
    if (gap > REPORT_MS) report(`[loop-watch] event loop blocked ${Math.round(gap / 1000)} s during ${holder.current}\n`);
    last = now;
  }, TICK_MS).unref();
  return holder;
}
