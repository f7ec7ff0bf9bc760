/**
 * Runs programs (pg_dump, the CLI) from a small helper process instead of from the test worker. Starting a
 * child forks the calling process first, and a worker that ran PGlite holds 1 GB and more: each fork then
 * costs ~0.1–0.5 s, during which the worker is blocked (the acceptance suite starts ~4 pg_dumps per case).
 * The helper (spawner-child.mjs) is started once per worker, while it is still small, and forks only itself.
 * What runs, with which arguments, environment and input, is unchanged; only who forks it differs.
 *
 * @example
 * const r = await runProgram('pg_dump', ['--schema-only', url]);
 * if (r.code !== 0) throw new Error(r.stderr);
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ProgramResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Pending {
  resolve: (r: ProgramResult) => void;
  reject: (e: Error) => void;
}

let helper: ChildProcess | undefined;
const pending = new Map<number, Pending>();
let nextId = 0;

function start(): ChildProcess {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'spawner-child.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const a = JSON.parse(line) as { id: number; error?: string } & ProgramResult;
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    if (a.error !== undefined) p.reject(new Error(a.error));
    else p.resolve({ code: a.code, signal: a.signal, stdout: a.stdout, stderr: a.stderr });
    if (!pending.size) idle(child);
  });
  child.on('exit', () => {
    if (helper === child) helper = undefined;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new Error('the spawner process exited'));
    }
  });
  return child;
}

/** Nothing in flight: the helper must not keep the worker alive (it exits when the worker's end of stdin closes). */
function idle(child: ChildProcess): void {
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
}

function busy(child: ChildProcess): void {
  child.ref();
  (child.stdout as unknown as { ref?: () => void }).ref?.();
  (child.stdin as unknown as { ref?: () => void }).ref?.();
}

/**
 * Starts the helper now, while this worker is small (call at import time of a suite that spawns much);
 * `runProgram` starts it otherwise.
 */
export function startSpawner(): void {
  if (helper) return;
  helper = start();
  idle(helper);
}

/** Runs `cmd args` to its end from the helper process; the environment defaults to this process's. */
export function runProgram(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<ProgramResult> {
  startSpawner();
  const child = helper!;
  const id = nextId++;
  return new Promise<ProgramResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    busy(child);
    child.stdin!.write(`${JSON.stringify({ id, cmd, args, cwd: opts.cwd, env: opts.env ?? process.env, input: opts.input })}\n`);
  });
}
