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

type Colors = ReturnType<typeof createColors>;
const on = createColors(true);
const off = createColors(false);

/**
 * The CLI's colour functions (picocolors), switched on only when {@link colorEnabled}, asked at each use (not
 * once at import): a command run inside another process (the tests' in-process runner, an embedding tool)
 * colours by the streams and environment it runs with.
 */
const pc: Colors = new Proxy(off, { get: (_, key) => (colorEnabled() ? on : off)[key as keyof Colors] });
export default pc;
