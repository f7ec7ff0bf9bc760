/** Process entry point: `tsx src/cli/bin.ts …` in the repo, `dist/cli/bin.js` when installed. */
import { main } from './main.js';

// The reader of our output went away (`meridian migrate diff … | head`): stop quietly, as a command killed by
// SIGPIPE does (Atlas, a Go program, dies of it), instead of a stack trace for an unhandled 'error' event.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
