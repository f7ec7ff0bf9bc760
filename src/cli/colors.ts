import { createColors } from 'picocolors';

/**
 * Whether the CLI colours its output: only on a terminal, like Atlas, unless
 * `FORCE_COLOR` asks for it; `NO_COLOR` (https://no-color.org) always wins.
 * picocolors' own detection also colours whenever `CI` is set, which would put
 * escape codes into piped output that scripts parse.
 *
 * @example
 * colorEnabled({ isTTY: false }, { CI: 'true' }) // → false
 */
export function colorEnabled(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** The CLI's colour functions (picocolors), switched on only when {@link colorEnabled}. */
const pc = createColors(colorEnabled());
export default pc;
