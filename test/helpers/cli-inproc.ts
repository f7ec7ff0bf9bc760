/**
 * Runs the CLI's `main()` inside the test process: the same command tree, flags, output and exit codes as
 * `node bin/meridian.js`, without paying a process start (and a TypeScript compile) per call. Use it for
 * suites that run many commands in sequence (Atlas's testscripts); keep `runCli` for what only a real
 * process shows (signals, TTY detection, the bin wrapper).
 *
 * Works because vitest runs test files in forked processes (`pool: 'forks'`), where `process.chdir` is
 * allowed; calls are serialised so two commands never share the patched streams.
 *
 * @example
 * const r = await runInProcess(['migrate', 'hash', '--dir', 'file://migrations'], { cwd: dir });
 * expect(r.code).toBe(0);
 */
import { main } from '../../src/cli/main.js';
import type { CliResult } from './cli.js';

let queue: Promise<unknown> = Promise.resolve();

export function runInProcess(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const run = queue.then(() => runNow(args, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  const cwd = process.cwd();
  const savedEnv = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    savedEnv.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const writes = { stdout: '', stderr: '' };
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = (key: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      writes[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  process.exitCode = undefined;
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    const code = await main(['node', 'meridian', ...args]);
    return { code, stdout: writes.stdout, stderr: writes.stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    process.chdir(cwd);
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
