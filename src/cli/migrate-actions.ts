/** Actions of `meridian migrate apply|status|hash|validate|new|set` (Atlas's output texts). */
import { openDevDatabase } from '../workflow/dev-lease.js';
import pc from './colors.js';
import { openDatabase } from '../db/index.js';
import { MeridianError } from '../errors.js';
import { applyMigrations, migrationStatus, setMigrationVersion, type ExecOrder, type MigrationStatus, type TxMode } from '../migrate/apply.js';
import { readMigrationFiles, validateSum, writeMigrationFile, writeSum } from '../migrate/dir.js';
import { initSplitter, splitStatements } from '../migrate/split.js';
import { backupDatabase } from '../workflow/backup.js';
import { lintDirectory } from '../lint/index.js';
import { configFrom, type CommonOptions } from './common.js';
import { confirm } from './prompt.js';

const out = (s: string) => process.stdout.write(s);

function fmtDuration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 1000) return `${ms.toFixed(3).replace(/\.?0+$/, '')}ms`;
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

export interface ApplyFlags extends CommonOptions {
  dryRun?: boolean;
  autoApprove?: boolean;
  txMode?: string;
  execOrder?: string;
  baseline?: string;
  allowDirty?: boolean;
  allowDestructive?: boolean;
  backupFile?: string;
  lockTimeout?: string;
}


export async function migrateApplyAction(n: string | undefined, opts: ApplyFlags): Promise<void> {
  const cfg = configFrom(opts);
  const txMode = (opts.txMode ?? 'file') as TxMode;
  if (!['file', 'all', 'none'].includes(txMode)) throw new MeridianError('E_USAGE', `unknown --tx-mode "${opts.txMode}": use file, all or none`);
  const execOrder = (opts.execOrder ?? 'linear') as ExecOrder;
  if (!['linear', 'linear-skip', 'non-linear'].includes(execOrder)) throw new MeridianError('E_USAGE', `unknown --exec-order "${opts.execOrder}"`);
  const count = n === undefined ? undefined : Number(n);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new MeridianError('E_USAGE', `the amount of migrations to apply must be a positive integer, got "${n}"`);
  const db = await openDatabase(cfg.url);
  try {
    const common = { dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema, txMode, execOrder, baseline: opts.baseline, allowDirty: opts.allowDirty, count };
    const plan = await applyMigrations(db, { ...common, dryRun: true });
    const pending = plan.files;
    if (pending.length === 0) {
      out('No migration files to execute\n');
      return;
    }
    const autoApprove = !!opts.autoApprove && !cfg.production;
    if (opts.dryRun || !autoApprove) {
      out(`Pending migrations on ${db.displayUrl}:\n`);
      for (const f of pending) {
        out(`\n  -- ${f.name} (${f.statements.length} statement${f.statements.length === 1 ? '' : 's'})\n`);
        for (const st of f.statements) out(`    -> ${st}\n`);
      }
      // Hazards: the lint analyzers run the pending files on a dev database (never on the target).
      const dev = await openDevDatabase(cfg.devUrl, { clear: opts.devClear });
      let destructive = 0;
      try {
        const lint = await lintDirectory(dev, cfg.migrationsDir, { names: pending.map((f) => f.name), cwd: cfg.cwd });
        if (lint.findings.length) out(pc.yellow(`\nHazards:\n`));
        for (const f of lint.findings) out(pc.yellow(`  ${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}\n`));
        destructive = lint.findings.filter((f) => f.analyzer === 'destructive').length;
      } catch (e) {
        out(pc.yellow(`\n(hazard analysis unavailable: ${(e as Error).message.split('\n')[0]})\n`));
      } finally {
        await dev.close();
      }
      out('\n');
      if (opts.dryRun) return;
      if (cfg.production && destructive > 0 && !opts.allowDestructive) {
        throw new MeridianError('E_APPLY', `production: ${destructive} destructive statement(s) pending; review them and pass --allow-destructive to apply`);
      }
      const hint = cfg.production ? 'production never auto-approves: run it from a terminal' : 'pass --auto-approve to apply without a prompt';
      if (!(await confirm(`Apply ${pending.length} migration file(s)?`, { autoApprove: false, hint }))) {
        out('Aborted: nothing was applied\n');
        process.exitCode = 1;
        return;
      }
      if (cfg.production || opts.backupFile) {
        const file = opts.backupFile ?? `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.sql`;
        if (cfg.production && !opts.backupFile) {
          if (await confirm(`Take a backup to ${file} first?`, { hint })) {
            const b = await backupDatabase(db, cfg.url, file);
            out(`Backup written: ${b.file} (${b.bytes} bytes, ${b.method})\n`);
          }
        } else {
          const b = await backupDatabase(db, cfg.url, file);
          out(`Backup written: ${b.file} (${b.bytes} bytes, ${b.method})\n`);
        }
      }
    }
    out(`Migrating to version ${plan.to}${plan.from ? ` from ${plan.from}` : ''} (${pending.length} migrations in total):\n\n`);
    const t0 = performance.now();
    let stmtOk = 0;
    const result = await applyMigrations(db, {
      ...common,
      lockTimeoutMs: opts.lockTimeout ? Number(opts.lockTimeout) * 1000 : undefined,
      onProgress: (e) => {
        if (e.kind === 'file-start') out(`  -- migrating version ${e.file.version}\n`);
        else if (e.kind === 'statement') out(`    -> ${e.sql}\n`);
        else if (e.kind === 'file-done') {
          out(`  -- ok (${fmtDuration(e.ms)})\n\n`);
        } else if (e.kind === 'file-error') out(pc.red(`    ${e.error}\n`));
      },
    });
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
  lines.push(`  -- Next Version:    ${s.next}${partial ? ` (${partial.total - partial.revision.applied} statements left)` : ''}`);
  lines.push(`  -- Executed Files:  ${s.executed}${partial ? ' (last one partially)' : ''}`);
  const ooo = s.outOfOrder.length;
  lines.push(`  -- Pending Files:   ${s.pending.length}${ooo ? (ooo === s.pending.length ? ' (out of order)' : ` (${ooo} out of order)`) : ''}`);
  if (partial && (s.error || s.sql)) {
    lines.push('', 'Last migration attempt had errors:');
    lines.push(`  -- SQL:   ${(s.sql ?? '').replace(/\n/g, ' ')}`);
    lines.push(`  -- ${pc.red('ERROR:')} ${(s.error ?? '').replace(/\n/g, ' ')}`);
  } else if (ooo && s.error) {
    lines.push('', `  ${pc.red('ERROR:')} ${s.error}`);
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

export async function migrateStatusAction(opts: CommonOptions & { revisionsSchema?: string }): Promise<void> {
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  try {
    const s = await migrationStatus(db, { dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema });
    out(opts.format === 'json' ? JSON.stringify(statusJson(s, cfg.envName), null, 2) + '\n' : formatStatus(s));
  } finally {
    await db.close();
  }
}

export async function migrateHashAction(opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  const hf = writeSum(cfg.migrationsDir);
  out(`atlas.sum rewritten: ${hf.entries.length} file(s)\n`);
}

export async function migrateValidateAction(opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  validateSum(cfg.migrationsDir);
  await initSplitter();
  const { initParser, parseSql } = await loadParser();
  await initParser();
  const errors: string[] = [];
  for (const f of readMigrationFiles(cfg.migrationsDir)) {
    for (const st of splitStatements(f.content, f.name)) {
      const e = parseSql(st.text);
      if (e) errors.push(`${f.path}:${st.line + e.line - 1}:${e.line === 1 ? st.column + e.column - 1 : e.column}: ${e.message}`);
    }
  }
  if (errors.length) {
    for (const e of errors) process.stderr.write(`${e}\n`);
    throw new MeridianError('E_VALIDATE', `${errors.length} statement(s) do not parse`);
  }
  out(`Migration directory is valid (${readMigrationFiles(cfg.migrationsDir).length} files)\n`);
}

/** Syntax check of one statement with the real PostgreSQL parser; returns the error position in the statement. */
async function loadParser(): Promise<{ initParser: () => Promise<void>; parseSql: (sql: string) => { line: number; column: number; message: string } | undefined }> {
  const lib = await import('../parse/libpg.js');
  return {
    initParser: () => lib.loadLibpg(),
    parseSql: (sql) => {
      try {
        lib.parseSync(sql);
        return undefined;
      } catch (e) {
        const err = e as Error & { sqlDetails?: { cursorPosition?: number } };
        const pos = err.sqlDetails?.cursorPosition ?? 0;
        const before = Buffer.from(sql, 'utf8').subarray(0, pos).toString('utf8');
        const line = before.split('\n').length;
        const column = before.length - before.lastIndexOf('\n');
        return { line, column, message: err.message };
      }
    },
  };
}

export async function migrateNewAction(name: string | undefined, opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  const f = writeMigrationFile(cfg.migrationsDir, { name, content: '', now: new Date() });
  out(`${f.path}\n`);
}

export async function migrateSetAction(version: string, opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  try {
    const n = await setMigrationVersion(db, { dir: cfg.migrationsDir, version, revisionsSchema: cfg.revisionsSchema });
    out(`Current version set to ${version} (${n} revision(s) marked as manually set)\n`);
  } finally {
    await db.close();
  }
}
