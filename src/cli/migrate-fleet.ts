/**
 * `migrate apply` and `migrate status` over a fleet (`--env` with `for_each`, `--url` repeated, `--url-file`):
 * a line per target outside a terminal, a live summary line at one, `--format json` for pipelines. Target
 * names are the `for_each` elements or the URLs with their passwords masked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redactUrl } from '../db/url.js';
import { MeridianError } from '../errors.js';
import type { ExecOrder, TxMode } from '../migrate/apply.js';
import { fleetApply, fleetStatus, type FleetApplyTarget, type FleetFailure, type FleetStatusTarget, type FleetTotals, type OnError } from '../workflow/fleet.js';
import { fleetConsent } from '../workflow/fleet-consent.js';
import { resolveFleet, type FleetConfig } from '../workflow/fleet-targets.js';
import { requireMigrationDir } from '../workflow/migration-dir.js';
import pc from './colors.js';
import type { CommonOptions, ConsentFlags } from './common.js';
import { confirm } from './prompt.js';

const out = (s: string) => process.stdout.write(s);

/** The fleet flags of `migrate apply` / `migrate status` (`--url` collected into a list there). */
export interface FleetCliOptions extends Omit<CommonOptions, 'url'> {
  url?: string[] | string;
  urlFile?: string;
  parallel?: string;
}

/** Every `--url` given. */
export function urlList(url: string[] | string | undefined): string[] {
  return url === undefined ? [] : Array.isArray(url) ? url : [url];
}

/**
 * The fleet a command's flags name, or undefined (one target: the ordinary path), with atlas.hcl's env as
 * evaluated for that path.
 */
export async function fleetFromFlags(opts: FleetCliOptions): Promise<FleetConfig | undefined> {
  const urls = urlList(opts.url);
  const env = opts.env ?? process.env.MERIDIAN_ENV;
  if (urls.length <= 1 && !opts.urlFile && !(env && existsSync(join(process.cwd(), 'atlas.hcl')))) return undefined;
  return resolveFleet({
    urls, urlFile: opts.urlFile, devUrl: opts.devUrl, env: opts.env, dir: opts.dir, to: opts.to, schema: opts.schema, exclude: opts.exclude,
    revisionsSchema: opts.revisionsSchema, vars: opts.var,
  });
}

function parallelFlag(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new MeridianError('E_USAGE', `--parallel must be a positive integer, got "${v}"`);
  return n;
}

function ms(v: number): string {
  return v < 1000 ? `${Math.round(v)}ms` : `${(v / 1000).toFixed(2)}s`;
}

function errorText(e: FleetFailure | undefined): string {
  if (!e) return '';
  return `error[${e.code}]: ${redactUrl(e.message)}${e.file ? ` (${e.file})` : ''}`;
}

/** The live line at a terminal: done / failed / pending, the slowest, an ETA. */
function liveLine(t: FleetTotals, running: number): string {
  const pending = t.total - t.done;
  const eta = t.done ? ` · ETA ${ms((t.ms / t.done) * pending)}` : '';
  const slow = t.slowest ? ` · slowest ${t.slowest.target} ${ms(t.slowest.ms)}` : '';
  return `[${t.done}/${t.total}] done ${t.done - t.failed} · failed ${t.failed} · running ${running} · pending ${pending - running}${slow}${eta}`;
}

/** The flags of `migrate apply` that mean the same on one target and over a fleet. */
export interface MigrateApplyRunFlags extends ConsentFlags {
  dryRun?: boolean;
  txMode?: string;
  execOrder?: string;
  baseline?: string;
  allowDirty?: boolean;
  /** Older spelling of `--allow-hazards DELETES_DATA`. */
  allowDestructive?: boolean;
  skipBackup?: boolean;
  backupFile?: string;
  lockTimeout?: string;
}

export interface FleetApplyFlags extends FleetCliOptions, MigrateApplyRunFlags {
  onError?: string;
  format?: string;
}

/** `migrate apply` over the fleet `fleet`. */
export async function fleetApplyAction(n: string | undefined, opts: FleetApplyFlags, fleet: FleetConfig): Promise<void> {
  const cfg = fleet.config;
  const targets = fleet.targets!;
  const onError = (opts.onError ?? 'stop') as OnError;
  if (!['stop', 'continue'].includes(onError)) throw new MeridianError('E_USAGE', `--on-error must be stop or continue, got "${opts.onError}"`);
  if (opts.dryRun) throw new MeridianError('E_USAGE', 'migrate apply --dry-run over a fleet is not supported: use migrate status to see what each target would run');
  if (opts.backupFile) throw new MeridianError('E_USAGE', '--backup-file names one file: it cannot back up a fleet');
  const json = opts.format === 'json' || /json/.test(opts.format ?? '');
  const count = n === undefined ? undefined : Number(n);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new MeridianError('E_USAGE', `the amount of migrations to apply must be a positive integer, got "${n}"`);
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  const allowHazards = [...(opts.allowHazards ?? []), ...(opts.allowDestructive ? ['DELETES_DATA'] : [])];
  const env = cfg.envName ? `env "${cfg.envName}", ` : '';
  process.stderr.write(`migrate apply: ${targets.length} target${targets.length === 1 ? '' : 's'} (${env}${cfg.protection.protected ? `protected: ${cfg.protection.reason}` : 'not protected'})\n`);
  const consent = await fleetConsent({
    dir: cfg.migrationsDir, targets: targets.length, protection: cfg.protection, envName: cfg.envName, cwd: cfg.cwd,
    consent: { autoApprove: opts.autoApprove, allowHazards, approvePlan: opts.approvePlan }, skipBackup: opts.skipBackup,
    dev: async () => (await import('../workflow/dev-lease.js')).openDevDatabase(cfg.devUrl, { clear: opts.devClear }),
    confirm: process.stdin.isTTY ? (p) => confirm(`Apply ${p.files.length} migration file(s) to ${p.targets} targets where pending?`) : undefined,
  });
  if (!consent.proceed) {
    out('Aborted: nothing was applied\n');
    process.exitCode = 1;
    return;
  }
  const tty = !json && process.stdout.isTTY === true;
  const width = Math.min(40, Math.max(6, ...targets.map((t) => t.name.length)));
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nstopping: no new target starts; the running ones finish (Ctrl-C again to quit now)\n');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  let running = 0;
  const line = (r: FleetApplyTarget): string => {
    const name = r.target.padEnd(width);
    if (r.status === 'failed') return `${pc.red('FAILED ')}  ${name}  ${errorText(r.error)}\n`;
    if (r.status === 'current') return `current  ${name}  ${r.to ?? 'no migration'}\n`;
    return `${pc.green('ok     ')}  ${name}  ${r.from ?? 'none'} -> ${r.to}  ${r.files} file${r.files === 1 ? '' : 's'}, ${r.statements} statement${r.statements === 1 ? '' : 's'}  ${ms(r.ms)}\n`;
  };
  let result;
  try {
    result = await fleetApply({
      dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema, targets, parallel: parallelFlag(opts.parallel), onError, signal: abort.signal,
      count, txMode: (opts.txMode ?? 'file') as TxMode, execOrder: (opts.execOrder ?? 'linear') as ExecOrder, baseline: opts.baseline, allowDirty: opts.allowDirty,
      lockTimeoutMs: opts.lockTimeout ? Number(opts.lockTimeout) * 1000 : undefined,
      onStart: () => running++,
      onResult: (r, totals) => {
        running--;
        if (json) return;
        if (!tty) return void out(line(r));
        // At a terminal: failures stay on screen, the live line is rewritten.
        out('\r\x1b[K');
        if (r.status === 'failed') out(line(r));
        // One terminal line, so the next \r rewrites all of it.
        out(liveLine(totals, running).slice(0, Math.max(20, (process.stdout.columns ?? 100) - 1)));
      },
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (tty) out('\r\x1b[K');
  if (json) {
    out(
      JSON.stringify(
        {
          Env: cfg.envName ?? null, Total: result.total, Applied: result.applied, Current: result.current, Failed: result.failed, Skipped: result.skipped, Ms: Math.round(result.ms),
          Targets: result.results.map((r) => ({
            Target: r.target, Status: r.status, From: r.from ?? '', To: r.to ?? '', Files: r.files, Statements: r.statements, Ms: Math.round(r.ms),
            Error: r.error ? { Code: r.error.code, Message: r.error.message, File: r.error.file ?? '', Statement: r.error.statement ?? '' } : null,
          })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const r of result.results) if (r.status === 'skipped') out(`skipped  ${r.target.padEnd(width)}  not started\n`);
    const slow = result.slowest ? ` (slowest: ${result.slowest.target}, ${ms(result.slowest.ms)})` : '';
    out(`Fleet: ${result.total} target${result.total === 1 ? '' : 's'} in ${ms(result.ms)}: ${result.applied} applied, ${result.current} already current, ${result.failed} failed, ${result.skipped} not started${slow}\n`);
  }
  if (!result.ok) {
    const why = abort.signal.aborted ? 'interrupted' : onError === 'stop' && result.failed ? 'stopped after the first failure (--on-error continue tries every target)' : '';
    throw new MeridianError('E_APPLY', `${result.failed} of ${result.total} targets failed${result.skipped ? `, ${result.skipped} not started` : ''}${why ? `: ${why}` : ''}`);
  }
}

/** `migrate status` over the fleet `fleet`: a table of every target; exit code 1 unless all are current. */
export async function fleetStatusAction(opts: FleetCliOptions, fleet: FleetConfig): Promise<void> {
  const cfg = fleet.config;
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  const s = await fleetStatus({ dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema, targets: fleet.targets!, parallel: parallelFlag(opts.parallel) });
  if (opts.format === 'json') {
    out(
      JSON.stringify(
        {
          Env: cfg.envName ?? null, Total: s.total, Current: s.current,
          Targets: s.results.map((r: FleetStatusTarget) => ({
            Target: r.target, Status: r.status, Version: r.version ?? '', Pending: r.pending,
            Error: r.error ? { Code: r.error.code, Message: r.error.message, Statement: r.error.statement ?? '' } : null,
          })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    const width = Math.min(40, Math.max(6, ...s.results.map((r) => r.target.length)));
    out(`${'TARGET'.padEnd(width)}  ${'VERSION'.padEnd(24)}  PENDING  STATUS   LAST ERROR\n`);
    for (const r of s.results) {
      const status = r.status === 'current' ? pc.green('current') : r.status === 'pending' ? pc.yellow('pending') : pc.red(r.status.padEnd(7));
      out(`${r.target.padEnd(width)}  ${(r.version ?? 'none').padEnd(24)}  ${String(r.pending).padStart(7)}  ${status}  ${errorText(r.error)}\n`);
    }
    const by = (k: string) => s.results.filter((r) => r.status === k).length;
    out(`Fleet: ${s.total} target${s.total === 1 ? '' : 's'}: ${by('current')} current, ${by('pending')} pending, ${by('failed')} failed\n`);
  }
  if (!s.current) process.exitCode = 1;
}

/** `migrate diff --env fleet`: each target against the directory at its applied version, grouped by difference. */
export async function fleetDriftAction(opts: FleetCliOptions & { format?: string }, fleet: FleetConfig): Promise<void> {
  const cfg = fleet.config;
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  const { fleetDrift } = await import('../workflow/fleet-drift.js');
  const d = await fleetDrift({ dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema, targets: fleet.targets!, parallel: parallelFlag(opts.parallel), schemas: cfg.schemas, exclude: cfg.exclude });
  const count = (k: string) => d.results.filter((r) => r.status === k).length;
  if (opts.format === 'json') {
    out(
      JSON.stringify(
        {
          Env: cfg.envName ?? null, Total: d.total, Clean: count('clean'), Drifted: count('drifted'), Failed: count('failed'),
          Groups: d.groups.map((g) => ({ Targets: g.targets, Statements: g.statements })),
          Targets: d.results.map((r) => ({ Target: r.target, Status: r.status, Version: r.version ?? '', Statements: r.statements, Error: r.error ? { Code: r.error.code, Message: r.error.message } : null })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    out(`Drift over ${d.total} target${d.total === 1 ? '' : 's'} (each against the directory at its applied version): ${count('clean')} clean, ${count('drifted')} drifted, ${count('failed')} failed\n`);
    for (const g of d.groups) {
      const shown = g.targets.slice(0, 10).join(', ') + (g.targets.length > 10 ? `, … (${g.targets.length - 10} more)` : '');
      out(`\n-- ${g.targets.length} target${g.targets.length === 1 ? '' : 's'}: ${shown}\n`);
      for (const s of g.statements) out(`   ${s.replace(/\n/g, '\n   ')}\n`);
    }
    const failed = d.results.filter((r) => r.status === 'failed');
    if (failed.length) out('\n');
    for (const r of failed) out(`${pc.red('FAILED ')}  ${r.target}  ${errorText(r.error)}\n`);
  }
  if (!d.clean) process.exitCode = 1;
}
