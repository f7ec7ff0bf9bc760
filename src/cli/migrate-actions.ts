/** Actions of `meridian migrate apply|status|hash|validate|new|set` (Atlas's output texts). */
import { formatChoice } from './format-template.js';
import pc from './colors.js';
import { openDatabase } from '../db/index.js';
import { MeridianError } from '../errors.js';
import { migrationStatus, migrationStatusOf, pendingFromRevisions, setMigrationVersion, type ExecOrder, type MigrationStatus, type TxMode } from '../migrate/apply.js';
import { recallRevisions, rememberRevisionsOnClose } from '../migrate/revisions-snapshot.js';
import { revisionsSchemaFor } from '../migrate/revisions.js';
import { readMigrationFiles, validateSum, writeMigrationFile, writeSum } from '../migrate/dir.js';
import { splitCachePath } from '../migrate/split-cache.js';
import { describeTarget } from '../config/protection.js';
import { parseAllowHazards } from '../workflow/consent.js';
import { migrateApply, type MigrateApplyPlan } from '../workflow/migrate-apply.js';
import { requireMigrationDir } from '../workflow/migration-dir.js';
import { printTarget, type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';
import { confirm } from './prompt.js';
import { formatProblem } from '../problem.js';
import { syntaxErrors } from '../workflow/state.js';
import { fleetApplyAction, fleetFromFlags, fleetStatusAction, urlList, type FleetApplyFlags, type FleetCliOptions, type MigrateApplyRunFlags } from './migrate-fleet.js';

const out = (s: string) => process.stdout.write(s);

function fmtDuration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 1000) return `${ms.toFixed(3).replace(/\.?0+$/, '')}ms`;
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

export interface ApplyFlags extends CommonOptions, MigrateApplyRunFlags {}

function printApplyPlan(plan: MigrateApplyPlan, target: string): void {
  out(`Pending migrations on ${target}:\n`);
  for (const f of plan.pending) {
    out(`\n  -- ${f.name} (${f.statements.length} statement${f.statements.length === 1 ? '' : 's'})\n`);
    for (const st of f.statements) out(`    -> ${st}\n`);
  }
  if (plan.analysisError) out(pc.yellow(`\n(hazard analysis unavailable: ${plan.analysisError})\n`));
  if (plan.findings.length) out(pc.yellow(`\nHazards:\n`));
  for (const p of plan.problems) out(pc.yellow(formatProblem({ ...p, fix: undefined }, { label: 'plain', indent: '  ' }) + '\n'));
  out(`\nPlan hash: ${plan.hash}\n\n`);
}

export async function migrateApplyAction(n: string | undefined, opts: ApplyFlags & FleetApplyFlags): Promise<void> {
  // Several targets (an atlas.hcl env with for_each, --url repeated, --url-file): the fleet path.
  const fleet = await fleetFromFlags(opts);
  if (fleet?.targets) return fleetApplyAction(n, opts, fleet);
  if (opts.format && opts.format !== 'text') throw new MeridianError('E_USAGE', `migrate apply --format ${opts.format}: a report in that format is printed over a fleet (--env with for_each, --url repeated, --url-file); one database gets Atlas's text`);
  const cfg = configFrom({ ...opts, url: urlList(opts.url)[0] }, fleet?.hclEnvs ? { hclEnvs: fleet.hclEnvs } : {});
  const txMode = (opts.txMode ?? 'file') as TxMode;
  if (!['file', 'all', 'none'].includes(txMode)) throw new MeridianError('E_USAGE', `unknown tx-mode "${opts.txMode}": use file, all or none`);
  const execOrder = (opts.execOrder ?? 'linear') as ExecOrder;
  if (!['linear', 'linear-skip', 'non-linear'].includes(execOrder)) throw new MeridianError('E_USAGE', `unknown --exec-order "${opts.execOrder}"`);
  const count = n === undefined ? undefined : Number(n);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new MeridianError('E_USAGE', `the amount of migrations to apply must be a positive integer, got "${n}"`);
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  const allowHazards = [...(opts.allowHazards ?? []), ...(opts.allowDestructive ? ['DELETES_DATA'] : [])];
  parseAllowHazards(allowHazards);
  printTarget(cfg, 'migrate apply');
  // The embedded database unchanged since Meridian last closed it, with revisions and nothing pending:
  // answered without starting PGlite (src/db/pglite-snapshot.ts says why that is never wrong).
  const remembered = recallRevisions(cfg.url, cfg.revisionsSchema);
  if (remembered?.length) {
    const pending = await pendingFromRevisions(remembered, { dir: cfg.migrationsDir, baseline: opts.baseline, allowDirty: opts.allowDirty, execOrder, count, splitCache: splitCachePath(cfg.cwd) });
    if (pending.length === 0) {
      out('No migration files to execute\n');
      return;
    }
  }
  // The splitter's wasm loads only for files split for the first time (src/migrate/split-cache.ts).
  const db = await openDatabase(cfg.url);
  rememberRevisionsOnClose(db, revisionsSchemaFor(cfg.revisionsSchema, db.boundSchema));
  let t0 = performance.now();
  try {
    // Listed when someone will read it before anything runs: a dry run, a question, a protected environment.
    const listPlan = !!opts.dryRun || cfg.protection.protected || (process.stdin.isTTY && !opts.autoApprove);
    const r = await migrateApply(db, {
      dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema, txMode, execOrder, baseline: opts.baseline, allowDirty: opts.allowDirty, count, splitCache: splitCachePath(cfg.cwd),
      lockTimeoutMs: opts.lockTimeout ? Number(opts.lockTimeout) * 1000 : undefined,
      dryRun: opts.dryRun, // The dev database's module (and the parser it folds with) loads only when pending files are analysed.
      dev: async () => (await import('../workflow/dev-lease.js')).openDevDatabase(cfg.devUrl, { clear: opts.devClear }),
      protection: cfg.protection, envName: cfg.envName, url: cfg.url, cwd: cfg.cwd,
      consent: { autoApprove: opts.autoApprove, allowHazards, approvePlan: opts.approvePlan },
      backupFile: opts.backupFile, skipBackup: opts.skipBackup,
      onPlan: (plan) => {
        if (plan.pending.length === 0) out('No migration files to execute\n');
        else if (listPlan) printApplyPlan(plan, db.displayUrl);
      },
      confirm: process.stdin.isTTY ? (plan) => confirm(`Apply ${plan.pending.length} migration file(s) to ${describeTarget(cfg.url)}?`) : undefined,
      onProgress: (e) => {
        if (e.kind === 'file-start') out(`  -- migrating version ${e.file.version}\n`);
        else if (e.kind === 'statement') out(`    -> ${e.sql}\n`);
        else if (e.kind === 'file-done') out(`  -- ok (${fmtDuration(e.ms)})\n\n`);
        else if (e.kind === 'file-error') out(pc.red(`    ${e.error}\n`));
      },
      onApprove: (plan, guard) => {
        if (guard.backup?.kind === 'taken') out(`Backup written: ${guard.backup.backup.file} (${guard.backup.backup.bytes} bytes, ${guard.backup.backup.method})\n`);
        else if (guard.backup?.kind === 'skipped') out(pc.yellow(`No backup taken: ${guard.backup.reason}\n`));
        if (guard.via === 'plan-hash') process.stderr.write(`migrate apply: approved by plan hash ${plan.hash}\n`);
        out(`Migrating to version ${plan.to}${plan.from ? ` from ${plan.from}` : ''} (${plan.pending.length} migrations in total):\n\n`);
        t0 = performance.now();
      },
    });
    if (r.guard && !r.guard.proceed) {
      out('Aborted: nothing was applied\n');
      process.exitCode = 1;
      return;
    }
    const result = r.result;
    if (!result) return;
    let stmtOk = 0;
    for (const f of result.files) stmtOk += f.applied;
    const applied = result.files.filter((f) => f.status === 'applied').length;
    out(`  -------------------------\n  -- ${fmtDuration(performance.now() - t0)}\n`);
    if (result.ok) {
      out(`  -- ${applied} migration${applied === 1 ? '' : 's'}\n  -- ${stmtOk} sql statement${stmtOk === 1 ? '' : 's'}\n`);
    } else {
      out(`  -- ${applied} migration${applied === 1 ? '' : 's'} ok, 1 with errors\n  -- ${stmtOk} sql statement${stmtOk === 1 ? '' : 's'} ok, 1 with errors\n`);
      throw new MeridianError('E_APPLY', result.error ?? 'migration failed');
    }
  } finally {
    await db.close();
  }
}

/** Atlas's status template (colours only on a TTY). */
export function formatStatus(s: MigrationStatus): string {
  const lines: string[] = [];
  const state = s.status === 'OK' ? pc.green('OK') : pc.yellow('PENDING');
  lines.push(`Migration Status: ${state}`);
  const partial = s.partial;
  lines.push(`  -- Current Version: ${s.current}${partial ? ` (${partial.revision.applied} statements applied)` : ''}`);
  lines.push(`  -- Next Version:    ${s.next}${s.fromCheckpoint ? ' (checkpoint)' : ''}${partial ? ` (${partial.total - partial.revision.applied} statements left)` : ''}`);
  lines.push(`  -- Executed Files:  ${s.executed}${partial ? ' (last one partially)' : ''}`);
  const ooo = s.outOfOrder.length;
  lines.push(`  -- Pending Files:   ${s.pending.length}${ooo ? (ooo === s.pending.length ? ' (out of order)' : ` (${ooo} out of order)`) : ''}`);
  if (partial && (s.error || s.sql)) {
    lines.push('', 'Last migration attempt had errors:');
    lines.push(`  -- SQL:   ${(s.sql ?? '').replace(/\n/g, ' ')}`);
    lines.push(`  -- ${pc.red('ERROR:')} ${(s.error ?? '').replace(/\n/g, ' ')}`);
  } else if (ooo && s.error) {
    lines.push('', `  ${pc.red('ERROR:')} ${s.error}`);
    if (s.fix) lines.push('', `  Fix: ${s.fix}  (moves the out-of-order file${ooo > 1 ? 's' : ''} after the latest version, keeping ${ooo > 1 ? 'their' : 'its'} content)`);
  }
  return lines.join('\n') + '\n';
}

const TYPE_TEXT: Record<number, string> = { 0: 'unknown', 1: 'baseline', 2: 'applied', 4: 'manually set', 6: 'applied + manually set' };

/** The `--format json` shape, with Atlas's keys. */
export function statusJson(s: MigrationStatus, env: string | undefined): unknown {
  const rev = (r: MigrationStatus['applied'][number]) => ({
    Version: r.version, Description: r.description, Type: TYPE_TEXT[r.type] ?? 'unknown', Applied: r.applied, Total: r.total,
    ExecutedAt: r.executedAt.toISOString(), ExecutionTime: Number(r.executionTime), Error: r.error, ErrorStmt: r.errorStmt, OperatorVersion: r.operatorVersion,
  });
  const file = (f: MigrationStatus['available'][number]) => ({ Name: f.name, Version: f.version, Description: f.description });
  return {
    Env: env ? { Name: env } : null,
    Available: s.available.map(file),
    OutOfOrder: s.outOfOrder.map(file),
    Pending: s.pending.map(file),
    Applied: s.applied.map(rev),
    Current: s.current,
    Next: s.next,
    Count: s.partial ? s.partial.revision.applied : s.applied.length,
    Total: s.partial ? s.partial.total : s.available.length,
    Status: s.status,
    Error: s.error ?? '',
    SQL: s.sql ?? '',
  };
}

export async function migrateStatusAction(opts: FleetCliOptions & { revisionsSchema?: string }): Promise<void> {
  const fleet = await fleetFromFlags(opts);
  if (fleet?.targets) return fleetStatusAction(opts, fleet);
  const cfg = configFrom({ ...opts, url: urlList(opts.url)[0] }, fleet?.hclEnvs ? { hclEnvs: fleet.hclEnvs } : {});
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  const print = (s: MigrationStatus): void => void out(formatChoice(opts.format).kind === 'json' ? JSON.stringify(statusJson(s, cfg.envName), null, 2) + '\n' : formatStatus(s));
  // The embedded database unchanged since Meridian last closed it: its revisions as that session left
  // them, without starting PGlite (src/db/pglite-snapshot.ts says why that is never wrong).
  const remembered = recallRevisions(cfg.url, cfg.revisionsSchema);
  if (remembered) return print(await migrationStatusOf(cfg.migrationsDir, remembered));
  const db = await openDatabase(cfg.url);
  rememberRevisionsOnClose(db, revisionsSchemaFor(cfg.revisionsSchema, db.boundSchema));
  try {
    print(await migrationStatus(db, { dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema }));
  } finally {
    await db.close();
  }
}

export async function migrateHashAction(opts: CommonOptions & { check?: boolean }): Promise<void> {
  const cfg = configFrom(opts, { database: false });
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  if (opts.check) {
    // For CI: a stale or missing atlas.sum is an error (E_CHECKSUM, exit 1) naming the first differing file; nothing is written.
    validateSum(cfg.migrationsDir);
    out(`atlas.sum is up to date (${readMigrationFiles(cfg.migrationsDir).length} file(s))\n`);
    return;
  }
  // Silent on success, as Atlas's `migrate hash` is (scripts compare its output with nothing).
  writeSum(cfg.migrationsDir);
}

export async function migrateValidateAction(opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  validateSum(cfg.migrationsDir);
  const errors = await syntaxErrors(readMigrationFiles(cfg.migrationsDir).map((f) => ({ file: f.path, text: f.content.toString('utf8') })));
  if (errors.length) {
    for (const e of errors) process.stderr.write(`${formatProblem(e, { label: 'none' })}\n`);
    throw new MeridianError('E_VALIDATE', `${errors.length} statement(s) do not parse`);
  }
  out(`Migration directory is valid (${readMigrationFiles(cfg.migrationsDir).length} files)\n`);
}

export async function migrateNewAction(name: string | undefined, opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts, { database: false });
  const f = writeMigrationFile(cfg.migrationsDir, { name, content: '', now: new Date() });
  out(`${f.path}\n`);
}

export async function migrateSetAction(version: string, opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  const db = await openDatabase(cfg.url);
  try {
    const n = await setMigrationVersion(db, { dir: cfg.migrationsDir, version, revisionsSchema: cfg.revisionsSchema });
    out(`Current version set to ${version} (${n} revision(s) marked as manually set)\n`);
  } finally {
    await db.close();
  }
}
