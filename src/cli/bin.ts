/** Process entry point: `tsx src/cli/bin.ts …` in the repo, `dist/cli/bin.js` when installed. */
import { main } from './main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
