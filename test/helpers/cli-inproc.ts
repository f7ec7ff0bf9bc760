/**
 * Runs the CLI's `main()` inside the test process: the same command tree, flags, output and exit codes as
 * `node bin/meridian.js`, without paying a process start, the bundle's load and the wasm compiles per call
 * (~1 s of CPU each). A drop-in for `runCli` (same options, same result) wherever the test is about what a
 * command does, not about the process: keep `runCli` for signals, two processes at once, a killed process,
 * a real TTY, the bin wrapper.
 *
 * What a child process would start fresh is made so for each call and put back afterwards:
 * - the environment is `{ ...process.env, ...opts.env }` (undefined unsets, as `spawn` does), and the whole
 *   of `process.env` is restored after the call (a command that sets a variable leaves nothing behind);
 * - the working directory, `process.exitCode`, and `process.exit` (a call throws instead of ending the worker;
 *   its code is the result's);
 * - stdin is a pipe holding `opts.input` (never the worker's, which may be a terminal), stdout and stderr are
 *   captured and are not terminals (`isTTY` false, as in a child's pipes; colours follow, src/cli/colors.ts);
 * - listeners the command added to the process (`exit`, `SIGINT`, `SIGTERM`, `warning`) are removed.
 *
 * Works because vitest runs test files in forked processes (`pool: 'forks'`), where `process.chdir` is
 * allowed; calls are serialised so two commands never share the patched process.
 *
 * @example
 * const r = await runInProcess(['migrate', 'hash', '--dir', 'file://migrations'], { cwd: dir, env: { DATABASE_URL: '' } });
 * expect(r.code).toBe(0);
 */
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './cli.js';

export interface InProcessOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** What the command reads from stdin (empty, then end of file, when not given). */
  input?: string;
  /** Accepted for parity with `runCli`; a command in this process cannot be killed, so it is not enforced. */
  timeoutMs?: number;
}

let queue: Promise<unknown> = Promise.resolve();

export function runInProcess(args: string[], opts: InProcessOptions = {}): Promise<CliResult> {
  const run = queue.then(() => runNow(args, opts));
  queue = run.catch(() => undefined);
  return run;
}

/** Thrown by the patched `process.exit` to unwind the command; its code becomes the result's. */
class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

const WATCHED = ['exit', 'SIGINT', 'SIGTERM', 'warning'] as const;

async function runNow(args: string[], opts: InProcessOptions): Promise<CliResult> {
  const cwd = process.cwd();
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const savedExit = process.exit;
  const listeners = new Map(WATCHED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  const tty = { stdout: process.stdout.isTTY, stderr: process.stderr.isTTY };

  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const writes = { stdout: '', stderr: '' };
  const out = process.stdout.write;
  const err = process.stderr.write;
  const capture = (key: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      writes[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (cb) process.nextTick(cb);
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  setTty(process.stdout, false);
  setTty(process.stderr, false);
  const stdin = Object.assign(Readable.from(opts.input ? [opts.input] : [], { objectMode: false }), { isTTY: false, fd: 0 });
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => stdin });
  process.exitCode = undefined;
  process.exit = ((code?: number | string | null) => {
    throw new ExitCalled(Number(code ?? process.exitCode ?? 0));
  }) as typeof process.exit;
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    let code: number;
    try {
      code = await main(['node', 'meridian', ...args]);
    } catch (e) {
      if (!(e instanceof ExitCalled)) throw e;
      code = e.code;
    }
    return { code, stdout: writes.stdout, stderr: writes.stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    setTty(process.stdout, tty.stdout);
    setTty(process.stderr, tty.stderr);
    Object.defineProperty(process, 'stdin', stdinDescriptor);
    stdin.destroy();
    process.exit = savedExit;
    process.exitCode = savedExitCode;
    process.chdir(cwd);
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    for (const [event, before] of listeners) {
      for (const l of process.listeners(event as NodeJS.Signals)) {
        if (!before.has(l)) process.removeListener(event, l as (...a: unknown[]) => void);
      }
    }
  }
}

function setTty(stream: NodeJS.WriteStream, value: boolean | undefined): void {
  Object.defineProperty(stream, 'isTTY', { configurable: true, writable: true, enumerable: true, value });
}
