/**
 * `migrate apply` with its guard rails: pending files → plan (hazards from the lint analyzers, hash) →
 * consent → backup when a protected environment is about to lose data → apply.
 *
 * In:  the target Database, the migration directory, the environment's protection and what the caller said.
 * Out: the plan, the guard's outcome and the apply result. Never prints (callbacks report progress).
 * Unprotected, it behaves as Atlas: no terminal, no question. Protected, every hazard must be named and
 * nothing runs unattended without `autoApprove` or the plan's hash.
 */
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { findingProblem, type Finding } from '../lint/index.js';
import type { Problem } from '../problem.js';
import { applyMigrations, type ApplyOptions, type ApplyResult, type FileResult } from '../migrate/apply.js';
import { hazardsOfFindings, planHash, type PlannedHazard } from './consent.js';
import { guardWrite, type GuardOptions, type GuardResult } from './guard.js';

export interface MigrateApplyPlan {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly pending: readonly FileResult[];
  /** Lint findings on the pending files (when they were analysed). */
  readonly findings: readonly Finding[];
  /** The same findings as located problems (src/problem.ts), the shape every command prints. */
  readonly problems: readonly Problem[];
  readonly hazards: readonly PlannedHazard[];
  /** Why the hazards could not be analysed, when they could not. */
  readonly analysisError?: string;
  /** What `--approve-plan` must name: the hash of the pending files' names and statements. */
  readonly hash: string;
}

export interface MigrateApplyOptions extends Omit<ApplyOptions, 'dryRun'>, Omit<GuardOptions, 'command' | 'unattendedByDefault' | 'confirm'> {
  /** Opens the dev database the lint analyzers replay the pending files on (never the target). */
  readonly dev: () => Promise<Database>;
  /** Only plan (and analyse): apply nothing. */
  readonly dryRun?: boolean;
  /** Called with the plan before any decision (the CLI lists it). */
  readonly onPlan?: (plan: MigrateApplyPlan) => void;
  /** Asks a person, who has been shown the plan; absent when nobody can be asked. */
  readonly confirm?: (plan: MigrateApplyPlan) => Promise<boolean>;
  /** Called once approved (and backed up), right before the first file runs. */
  readonly onApprove?: (plan: MigrateApplyPlan, guard: GuardResult) => void;
}

export interface MigrateApplyResult {
  readonly plan: MigrateApplyPlan;
  /** Undefined for a dry run, nothing pending, or a refusal by the person asked. */
  readonly guard?: GuardResult;
  readonly result?: ApplyResult;
}

/**
 * @example
 * const r = await migrateApply(db, { dir, url, cwd, protection: cfg.protection, consent: { autoApprove: true }, dev: () => openDatabase('pglite://memory') });
 * if (r.result && !r.result.ok) console.error(r.result.error);
 */
export async function migrateApply(db: Database, opts: MigrateApplyOptions): Promise<MigrateApplyResult> {
  const dry = await applyMigrations(db, { ...opts, dryRun: true, onProgress: undefined });
  const pending = dry.files;
  const hash = planHash(pending.flatMap((f) => [f.name, ...f.statements]));
  // The hazards decide only in a protected environment; elsewhere they are shown to whoever is asked.
  const analyse = pending.length > 0 && (opts.protection.protected || opts.dryRun || (opts.confirm !== undefined && !opts.consent.autoApprove));
  let findings: readonly Finding[] = [];
  let analysisError: string | undefined;
  if (analyse) {
    const dev = await opts.dev();
    try {
      // The analyzers (the parser, the fold, the planner) load only when there is something to analyse.
      const { lintDirectory } = await import('./migrate-lint.js');
      findings = (await lintDirectory(dev, opts.dir, { names: pending.map((f) => f.name), cwd: opts.cwd })).findings;
    } catch (e) {
      analysisError = (e as Error).message.split('\n')[0];
    } finally {
      await dev.close();
    }
  }
  const plan: MigrateApplyPlan = { from: dry.from, to: dry.to, pending, findings, problems: findings.map(findingProblem), hazards: hazardsOfFindings(findings), hash, ...(analysisError ? { analysisError } : {}) };
  opts.onPlan?.(plan);
  if (pending.length === 0 || opts.dryRun) return { plan };
  if (opts.protection.protected && analysisError) {
    throw new MeridianError('E_HAZARD', `migrate apply: the pending files' hazards could not be analysed on the dev database (${analysisError}); a protected environment does not run unanalysed files: pass --dev-url with a database like the target`);
  }
  const guard = await guardWrite(
    db,
    { ...opts, command: 'migrate apply', unattendedByDefault: true, confirm: opts.confirm ? () => opts.confirm!(plan) : undefined },
    { hazards: opts.protection.protected ? plan.hazards : [], hash },
  );
  if (!guard.proceed) return { plan, guard };
  opts.onApprove?.(plan, guard);
  return { plan, guard, result: await applyMigrations(db, { ...opts, dryRun: false }) };
}
