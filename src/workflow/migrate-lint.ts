/**
 * `migrate lint` as a workflow step: the replay that feeds the analyzers of `src/lint/`.
 *
 * In:  a migration directory and a dev Database (leased: reset before and after). The files before the
 *      linted ones are replayed to set the stage; each linted statement is then executed on the dev database
 *      and inspected, and the analyzers (`FileLint`) get the schema before and after it.
 * Out: a LintResult (findings with file:line:col, per-file report). Never touches the target database, and
 *      never prints.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { inspect } from '../inspect/index.js';
import { FileLint, type Finding, type LintReport, type LintResult } from '../lint/index.js';
import { filesFromLastCheckpoint, readMigrationFiles, validateSum, type MigrationFile } from '../migrate/dir.js';
import { loadLibpg } from '../parse/libpg.js';
import { initSplitter } from '../parse/split.js';
import { acquireDevDatabase, releaseDevDatabase } from './dev-lease.js';
import { requireMigrationDir } from './migration-dir.js';
import { executeSources, locatedError, locateStatementError } from './state.js';

export interface MigrateLintOptions {
  /** The migration directory. */
  readonly dir: string;
  /** How the caller named the directory (`file://db/migrations`), for the error when it does not exist. */
  readonly dirGiven?: string;
  /** Opens the dev database the files are replayed on (never the target); closed when linting ends. */
  readonly dev: () => Promise<Database>;
  /** Lint the latest N files (a positive integer). */
  readonly latest?: number;
  /** Lint the files added since this git branch (its merge base with HEAD): committed, staged or untracked. */
  readonly gitBase?: string;
  /** The project directory (git runs there; findings name files relative to it). */
  readonly cwd?: string;
}

/**
 * `migrate lint`: which files to lint (all, the latest N, or those added since a git branch), then
 * `lintDirectory` on the dev database. Never prints: render the result with `formatAtlasLint` (Atlas's
 * report) or `formatFindings`.
 *
 * @example
 * const r = await migrateLint({ dir: 'database/migrations', gitBase: 'main', dev: () => openDatabase('pglite://memory') });
 * if (r.failed) process.exitCode = 1;
 */
export async function migrateLint(opts: MigrateLintOptions): Promise<LintResult> {
  const cwd = opts.cwd ?? process.cwd();
  requireMigrationDir(opts.dir, opts.dirGiven);
  const names = opts.gitBase !== undefined ? filesAddedSince(opts.gitBase, opts.dir, cwd) : undefined;
  if (opts.latest !== undefined && (!Number.isInteger(opts.latest) || opts.latest < 1)) throw new MeridianError('E_USAGE', `--latest must be a positive integer, got "${opts.latest}"`);
  const dev = await opts.dev();
  try {
    return await lintDirectory(dev, opts.dir, { latest: opts.latest, names, cwd });
  } finally {
    await dev.close();
  }
}

/** Names of the `.sql` files of `dir` added since the merge base of `base` and HEAD: committed on the branch, staged, or not yet tracked. */
function filesAddedSince(base: string, dir: string, cwd: string): string[] {
  try {
    const mergeBase = execFileSync('git', ['merge-base', base, 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const rel = relative(cwd, dir) || '.';
    const added = execFileSync('git', ['diff', '--name-only', '--diff-filter=A', mergeBase, '--', rel], { cwd, encoding: 'utf8' });
    const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', rel], { cwd, encoding: 'utf8' });
    return [...new Set(`${added}\n${untracked}`.split('\n').filter((l) => l.endsWith('.sql')).map((l) => l.split('/').pop()!))];
  } catch (e) {
    throw new MeridianError('E_LINT', `--git-base ${base}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * Lints migration files (all of them by default, or the latest N / the given names).
 *
 * @example
 * const dev = await openDatabase('pglite://memory');
 * const r = await lintDirectory(dev, 'database/migrations', { latest: 1 });
 * r.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.code} ${f.message}`)
 */
export async function lintDirectory(dev: Database, dir: string, opts: { latest?: number; names?: readonly string[]; cwd?: string } = {}): Promise<LintResult> {
  const t0 = process.hrtime.bigint();
  await loadLibpg();
  await initSplitter();
  // A directory without atlas.sum is linted (Atlas does); a stale one is an error.
  const sumChecked = existsSync(join(dir, 'atlas.sum'));
  if (sumChecked) validateSum(dir);
  const cwd = opts.cwd ?? process.cwd();
  const all = readMigrationFiles(dir);
  const files = all.filter((f) => !f.checkpoint);
  const linted = opts.names ? files.filter((f) => opts.names!.includes(f.name)) : opts.latest ? files.slice(-opts.latest) : files;
  // The stage is set from the last checkpoint before the first linted file (it holds the whole schema at
  // its version), as Atlas's replay does; checkpoint files themselves are not linted.
  const firstAt = linted.length ? all.indexOf(linted[0]!) : all.length;
  const base = filesFromLastCheckpoint(all.slice(0, firstAt));
  await acquireDevDatabase(dev);
  const findings: Finding[] = [];
  const reported: Array<LintReport['files'][number]> = [];
  try {
    // The files before the linted ones only set the stage; one that fails is an error of the directory.
    const errs = await executeSources(dev, base.map((f) => ({ file: relative(cwd, f.path) || f.path, text: f.text })), { stopAtFirst: true });
    if (errs.length) throw locatedError('E_MIGRATE_DIR', errs, 'replaying the migrations before the linted ones failed');
    for (const f of linted) {
      const started = process.hrtime.bigint();
      const r = await lintFile(dev, f, cwd);
      findings.push(...r.findings);
      reported.push({ name: f.name, version: f.version, changes: r.changes, ns: Number(process.hrtime.bigint() - started) });
    }
  } finally {
    await releaseDevDatabase(dev).catch(() => undefined);
  }
  const report: LintReport = {
    ...(firstAt > 0 ? { from: all[firstAt - 1]!.version } : {}),
    ...(linted.length ? { to: linted.at(-1)!.version } : {}),
    files: reported,
    ns: Number(process.hrtime.bigint() - t0),
  };
  return { files: linted.map((f) => f.name), findings, failed: findings.some((x) => x.severity === 'error'), sumChecked, report };
}

/** Replays one file on the dev database, statement by statement, inspecting after each schema change. */
async function lintFile(dev: Database, f: MigrationFile, cwd: string): Promise<{ findings: Finding[]; changes: number }> {
  const file = relative(cwd, f.path) || f.path;
  const lint = new FileLint(file, f);
  if (lint.silenced) return { findings: [], changes: 0 };
  let before = (await inspect(dev)).model;
  for (const [i, stmt] of lint.statements.entries()) {
    lint.ran(i);
    try {
      await dev.exec(stmt.text);
    } catch (e) {
      // The file cannot run as written: report where, and stop (later statements depend on this one).
      lint.failed(i, locateStatementError(stmt, e, file), e);
      break;
    }
    if (!lint.isDdl(i)) continue;
    const after = (await inspect(dev)).model;
    lint.analyse(i, before, after);
    before = after;
  }
  return { findings: lint.findings, changes: lint.changes };
}
