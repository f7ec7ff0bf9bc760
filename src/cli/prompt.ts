/** Interactive confirmation shared by every command that changes a database. */
import { MeridianError } from '../errors.js';

/**
 * Asks a y/N question on a TTY. Without a TTY (CI, pipes) it refuses with exit code 1 and tells the
 * user how to proceed, unless `autoApprove` is set.
 *
 * @example
 * if (!(await confirm('Apply 3 statements?', { autoApprove: opts.autoApprove }))) return;
 */
export async function confirm(question: string, opts: { autoApprove?: boolean; hint?: string } = {}): Promise<boolean> {
  if (opts.autoApprove) return true;
  if (!process.stdin.isTTY) {
    throw new MeridianError(
      'E_CONFIRM',
      `confirmation needed but stdin is not a terminal: ${opts.hint ?? 'pass --auto-approve to proceed without a prompt'}`,
    );
  }
  // readline loads only when a question is asked (the entry imports this module; ~10 builtins).
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}
