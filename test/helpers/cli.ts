/** Runs the real CLI (`node bin/meridian.js …`) as a user would, in a child process. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in a child process without blocking the test worker's event loop.
 *
 * @example
 * const r = await runCli(['migrate', 'status', '--url', url], { cwd: projectDir });
 */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 180_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** A long-running CLI command (`db serve`, `prisma studio`) started by {@link startCli}. */
export interface StartedCli {
  readonly pid: number;
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
  /**
   * Resolves with stdout once it matches `pattern`. When `timeoutMs` passes first, or the command exits
   * first, the command's whole process group is killed and the promise rejects with what it printed on
   * stdout and stderr (and, on Linux, its state and CPU time), so a stuck start says where it stopped.
   */
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Sends `signal` and resolves with the exit code; after `graceMs` the process group is killed (rejects). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
  /** Kills the whole process group at once (nothing when it already exited). */
  kill(): void;
}

const started = new Set<StartedCli>();

/** Linux only: `state R|S|D…, cpu 1.23 s` of a process, from /proc (empty elsewhere or when it is gone). */
function procState(pid: number): string {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return `state ${fields[0]}, cpu ${((Number(fields[11]) + Number(fields[12])) / 100).toFixed(2)} s`;
  } catch {
    return '';
  }
}

/**
 * Starts the CLI as a long-running child in its own process group (so that killing it also kills anything
 * it started). Every child started here is killed by {@link killStartedClis} (call it in `afterEach`), so
 * none outlives its test, even one that failed or timed out.
 *
 * @example
 * const serve = startCli(['db', 'serve', '--port', '54392'], { cwd, env: { DATABASE_URL: '' } });
 * await serve.waitForStdout(/Serving/, 120_000);
 * expect(await serve.stop('SIGTERM')).toBe(0);
 */
export function startCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): StartedCli {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, ...opts.env },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let exit: string | undefined;
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const l of listeners) l();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = signal ? `killed by ${signal}` : `exited ${code}`;
      started.delete(handle);
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  child.stdin.end();
  const kill = () => {
    if (exit !== undefined || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const report = (what: string) =>
    `meridian ${args.join(' ')} (pid ${child.pid}) ${what} after ${Math.round(performance.now() - t0)} ms${exit ? '' : ` (${procState(child.pid!)}; killed)`}\n` +
    `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
  const handle: StartedCli = {
    pid: child.pid!,
    output: () => ({ stdout, stderr }),
    waitForStdout(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          if (pattern.test(stdout)) {
            done();
            resolve(stdout);
          } else if (exit !== undefined) {
            done();
            reject(new Error(report(`${exit} before printing ${pattern}`)));
          }
        };
        const timer = setTimeout(() => {
          done();
          const message = report(`printed no ${pattern}`);
          kill();
          reject(new Error(message));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', graceMs = 60_000) {
      if (exit === undefined) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const message = report(`did not stop on ${signal}`);
          kill();
          reject(new Error(message));
        }, graceMs);
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill,
  };
  if (child.pid !== undefined) started.add(handle);
  return handle;
}

/** Kills every child that {@link startCli} started and that is still running (for `afterEach`). */
export function killStartedClis(): void {
  for (const s of started) s.kill();
  started.clear();
}
