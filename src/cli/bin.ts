/** Process entry point: `tsx src/cli/bin.ts …` in the repo, `dist/cli/bin.js` when installed. */
import { main } from './main.js';
import { preferBaselineWasm } from '../parse/libpg.js';

preferBaselineWasm(); // a command is a short process (see libpg.ts)

// The reader of our output went away (`meridian migrate diff … | head`): stop quietly, as a command killed by
// SIGPIPE does (Atlas, a Go program, dies of it), instead of a stack trace for an unhandled 'error' event.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// Ctrl-C / SIGTERM: a dev database in use is left as it was found before the process dies (see
// releaseInterrupted). A command with its own handler (db serve, prisma studio) stops as it chooses; without
// either, the signal kills the process as it would have.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void onSignal(signal));
}
let stopping = false;
async function onSignal(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  const die = () => {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  };
  // A command that stops on its own (its `once` listener is still registered now, not after an await).
  if (process.listenerCount(signal) > 1) return;
  if (stopping) return die(); // a second Ctrl-C: now
  stopping = true;
  const lease = await import('../workflow/dev-lease.js');
  if (lease.devDatabasesInUse() === 0) return die();
  process.stderr.write(`\n${signal === 'SIGINT' ? 'interrupted' : 'terminated'}: cleaning the dev database…\n`);
  const cleaned = await lease.releaseInterrupted(10_000, (e) => process.stderr.write(`could not clean the dev database (${(e as Error)?.message ?? e}); the next run clears what is left\n`));
  if (cleaned) process.stderr.write('the dev database is as it was found\n');
  die();
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
