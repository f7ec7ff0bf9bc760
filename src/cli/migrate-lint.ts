/** `meridian migrate lint`: flags → the workflow's `migrateLint` → the report in the format asked for. */
import { MeridianError } from '../errors.js';
import { formatAtlasLint } from '../render/atlas-lint.js';
import { formatFindings } from '../render/lint-findings.js';
import { openDevDatabase } from '../workflow/dev-lease.js';
import { migrateLint } from '../workflow/migrate-lint.js';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';

export async function migrateLintAction(opts: CommonOptions & { latest?: string; gitBase?: string }): Promise<void> {
  const cfg = configFrom(opts);
  const latest = opts.latest !== undefined ? Number(opts.latest) : undefined;
  if (latest !== undefined && (!Number.isInteger(latest) || latest < 1)) throw new MeridianError('E_USAGE', `--latest must be a positive integer, got "${opts.latest}"`);
  const format = lintFormat(opts.format);
  const r = await migrateLint({ dir: cfg.migrationsDir, dirGiven: opts.dir, latest, gitBase: opts.gitBase, cwd: cfg.cwd, dev: () => openDevDatabase(cfg.devUrl, { clear: opts.devClear }) });
  if (format === 'text') process.stdout.write(formatAtlasLint(r));
  else {
    if (format === 'lines' && r.sumChecked) process.stdout.write('File atlas.sum is valid\n');
    process.stdout.write(formatFindings(r, format));
  }
  if (r.failed) process.exitCode = 1;
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
