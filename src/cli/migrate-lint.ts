/** `meridian migrate lint`. */
import { openDevDatabase } from '../workflow/dev-lease.js';
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { openDatabase } from '../db/index.js';
import { MeridianError } from '../errors.js';
import { formatFindings } from '../lint/index.js';
import { lintDirectory } from '../workflow/migrate-lint.js';
import { formatAtlasLint } from '../lint/atlas-format.js';
import { requireMigrationDir } from '../workflow/migration-dir.js';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';

export async function migrateLintAction(opts: CommonOptions & { latest?: string; gitBase?: string }): Promise<void> {
  const cfg = configFrom(opts);
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  let names: string[] | undefined;
  if (opts.gitBase) {
    try {
      const base = execFileSync('git', ['merge-base', opts.gitBase, 'HEAD'], { cwd: cfg.cwd, encoding: 'utf8' }).trim();
      const dir = relative(cfg.cwd, cfg.migrationsDir) || '.';
      // Files added since the merge base: committed on the branch, staged, or not yet tracked.
      const added = execFileSync('git', ['diff', '--name-only', '--diff-filter=A', base, '--', dir], { cwd: cfg.cwd, encoding: 'utf8' });
      const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', dir], { cwd: cfg.cwd, encoding: 'utf8' });
      names = [...new Set(`${added}\n${untracked}`.split('\n').filter((l) => l.endsWith('.sql')).map((l) => l.split('/').pop()!))];
    } catch (e) {
      throw new MeridianError('E_LINT', `--git-base ${opts.gitBase}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const latest = opts.latest ? Number(opts.latest) : undefined;
  if (latest !== undefined && (!Number.isInteger(latest) || latest < 1)) throw new MeridianError('E_USAGE', `--latest must be a positive integer, got "${opts.latest}"`);
  const dev = await openDevDatabase(cfg.devUrl, { clear: opts.devClear });
  try {
    const r = await lintDirectory(dev, cfg.migrationsDir, { latest, names, cwd: cfg.cwd });
    const format = lintFormat(opts.format);
    if (format === 'text') process.stdout.write(formatAtlasLint(r));
    else {
      if (format === 'lines' && r.sumChecked) process.stdout.write('File atlas.sum is valid\n');
      process.stdout.write(formatFindings(r, format));
    }
    if (r.failed) process.exitCode = 1;
  } finally {
    await dev.close();
  }
}

/**
 * The output format `--format` names: Meridian's four, plus Atlas's `{{ json . }}` template spelled as JSON.
 *
 * @example
 * lintFormat('{{ json . }}') // 'json'
 */
export function lintFormat(value: string | undefined): 'text' | 'lines' | 'json' | 'github' {
  const v = (value ?? 'text').trim();
  if (v === 'text' || v === 'lines' || v === 'json' || v === 'github') return v;
  if (/^\{\{-?\s*json\s+\.\s*-?\}\}$/.test(v)) return 'json';
  throw new MeridianError('E_USAGE', `unknown lint --format "${v}": use text (Atlas's report), lines, json ('{{ json . }}') or github`);
}
