/**
 * Start-up trace for the slow or stuck moments of a command that opens an embedded database: with
 * `MERIDIAN_TRACE=1`, each step (lock taken, template read, PGlite started, port listening…) is written to
 * stderr with the milliseconds since the process started and the CPU seconds it has used, so a run that
 * stops short says where (and whether it was waiting or working). Off by default: nothing is written.
 */

/** Whether `MERIDIAN_TRACE` asks for the trace (read at each call: tests set it per child). */
export function tracing(): boolean {
  const v = process.env.MERIDIAN_TRACE;
  return v !== undefined && v !== '' && v !== '0' && v !== 'off';
}

/**
 * Writes one trace line to stderr when `MERIDIAN_TRACE` is set.
 *
 * @example
 * trace('pglite: lock taken'); // meridian[4242] +812 ms cpu 0.61 s: pglite: lock taken
 */
export function trace(step: string): void {
  if (!tracing()) return;
  const { user, system } = process.cpuUsage();
  process.stderr.write(`meridian[${process.pid}] +${Math.round(performance.now())} ms cpu ${((user + system) / 1e6).toFixed(2)} s: ${step}\n`);
}
