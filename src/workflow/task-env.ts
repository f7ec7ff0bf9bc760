/**
 * The guide's `task env:staging migrate:diff`: go-task runs `env:staging`, then `migrate:diff`, as two
 * commands of one `task` process. `env:staging` runs `meridian env use staging --task env:staging`, which
 * records the environment for that `task` process only (found among its ancestors by the task name on
 * its command line, identified by pid and start time); every later Meridian command whose ancestors
 * include that same process uses it. A later, unrelated `task …` run is another process: nothing leaks
 * into it, and records of processes that are gone are pruned.
 *
 * In: the project directory and this process's ancestry (Linux /proc, else `ps`). Out: the env name.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MeridianError } from '../errors.js';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  /** Start time (clock ticks since boot on Linux, `ps`'s lstart elsewhere): with the pid, a process's identity. */
  readonly start: string;
  readonly args: readonly string[];
}

function readProc(pid: number): Proc | undefined {
  try {
    if (existsSync('/proc/self/stat')) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return { pid, ppid: Number(rest[1]), start: rest[19]!, args };
    }
    const out = childProcess().execFileSync('ps', ['-o', 'ppid=', '-o', 'lstart=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const m = /^(\d+)\s+(\w{3}\s+\w{3}\s+\d+\s+[\d:]+\s+\d{4})\s+(.*)$/.exec(out);
    return m ? { pid, ppid: Number(m[1]), start: m[2]!, args: m[3]!.split(/\s+/) } : undefined;
  } catch {
    return undefined;
  }
}

/** This process's ancestors, nearest first (not itself). */
function ancestors(): Proc[] {
  const out: Proc[] = [];
  let pid = process.ppid;
  while (pid > 1 && out.length < 64) {
    const p = readProc(pid);
    if (!p) break;
    out.push(p);
    pid = p.ppid;
  }
  return out;
}

interface TaskEnvRecord {
  readonly pid: number;
  readonly start: string;
  readonly env: string;
}

const recordFile = (cwd: string) => join(cwd, '.meridian', 'task-env.json');

function readRecords(cwd: string): TaskEnvRecord[] {
  try {
    const v = JSON.parse(readFileSync(recordFile(cwd), 'utf8')) as unknown;
    return Array.isArray(v) ? (v as TaskEnvRecord[]).filter((r) => typeof r.pid === 'number' && typeof r.start === 'string' && typeof r.env === 'string') : [];
  } catch {
    return [];
  }
}

/** Keeps only the records whose process still exists with the same start time. */
function live(records: readonly TaskEnvRecord[]): TaskEnvRecord[] {
  return records.filter((r) => readProc(r.pid)?.start === r.start);
}

/**
 * Records `env` for the go-task process running `task` (an ancestor whose command line names it).
 *
 * @example
 * useTaskEnv(process.cwd(), 'staging', 'env:staging') // { pid: 4242 }
 */
export function useTaskEnv(cwd: string, env: string, task: string): { pid: number } {
  const owner = ancestors().find((p) => p.args.includes(task));
  if (!owner) {
    throw new MeridianError('E_USAGE', `meridian env use: no go-task process running "${task}" among this command's parents: run it as \`task ${task} <task>…\` (or pass --env ${env} to each command)`);
  }
  const records = [...live(readRecords(cwd)).filter((r) => !(r.pid === owner.pid && r.start === owner.start)), { pid: owner.pid, start: owner.start, env }];
  mkdirSync(join(cwd, '.meridian'), { recursive: true });
  writeFileSync(recordFile(cwd), JSON.stringify(records) + '\n', { mode: 0o600 });
  return { pid: owner.pid };
}

/**
 * The env an earlier `env:<name>` task of the same go-task run recorded for this command, if any.
 *
 * @example
 * taskEnvFor(process.cwd()) // 'staging' inside `task env:staging migrate:diff`, undefined elsewhere
 */
export function taskEnvFor(cwd: string): string | undefined {
  if (!existsSync(recordFile(cwd))) return undefined;
  const records = readRecords(cwd);
  if (records.length === 0) return undefined;
  for (const p of ancestors()) {
    const r = records.find((x) => x.pid === p.pid && x.start === p.start);
    if (r) return r.env;
  }
  return undefined;
}

/** node:child_process, loaded on first use (it pulls in net and streams: milliseconds every command would pay). */
function childProcess(): typeof import('node:child_process') {
  return createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
}
