/** Shared CLI plumbing: common flags, config resolution, error printing. */
import type { Command } from 'commander';
import type { ResolvedConfig } from '../config/config.js';
import { describeTarget } from '../config/protection.js';
import { confirm } from './prompt.js';
import type { GuardOptions, GuardResult } from '../workflow/guard.js';
import type { CleanTarget } from '../workflow/clean.js';
import { parseAllowHazards, planHash, type PlannedHazard } from '../workflow/consent.js';
import { redactUrl } from '../db/url.js';
import { MeridianError, NotImplementedError } from '../errors.js';
import pc from './colors.js';

export interface CommonOptions {
  /** One URL; commands that run over a fleet collect every `--url` into a list. */
  url?: string;
  devUrl?: string;
  env?: string;
  dir?: string;
  to?: string;
  schema?: string[];
  exclude?: string[];
  revisionsSchema?: string;
  format?: string;
  devClear?: boolean;
  /** `--var name=value` (repeatable): atlas.hcl variables. */
  var?: string[];
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * Adds Atlas's connection flags (`--url`, `--dev-url`, `--env`, `--schema`, `--exclude`). With `fleet`, `--url`
 * may be repeated (each one a target) and `--url-file` and `--parallel` are added.
 */
export function withDbOptions(cmd: Command, opts: { fleet?: boolean } = {}): Command {
  const urlHelp = 'database URL (postgres://…, pglite://memory, pglite://./dir); default: DATABASE_URL, else the embedded database';
  if (opts.fleet) {
    cmd
      .option('-u, --url <url>', `${urlHelp}; repeat it to run over several targets`, collect)
      .option('--url-file <path>', 'run over every URL of this file (one a line, # comments)')
      .option('--parallel <n>', 'targets worked on at once when running over a fleet (default: from the cores and the server\'s free connections)');
  } else cmd.option('-u, --url <url>', urlHelp);
  return cmd
    .option('--dev-url <url>', 'dev database used to normalise/verify (default pglite://memory)')
    .option('--dev-clear', 'empty the dev database first when it is not clean (default: refuse it)')
    .option('--env <name>', 'environment: reads .env.<name> and atlas.hcl env "<name>"')
    .option('--var <name=value>', 'value of an atlas.hcl variable (repeatable)', collect)
    .option('-s, --schema <name>', 'manage only these schemas (repeatable or comma-separated)', collect)
    .option('--exclude <glob>', 'exclude objects matching the glob (repeatable)', collect);
}

/** `--env` and `--var` alone, for a command that reads no database but takes its directory from an env (`migrate hash --env local`, as Atlas accepts). */
export function withEnvOptions(cmd: Command): Command {
  return cmd
    .option('--env <name>', 'environment: reads .env.<name> and atlas.hcl env "<name>"')
    .option('--var <name=value>', 'value of an atlas.hcl variable (repeatable)', collect);
}

/** Adds `--dir file://…` (migration directory) and `--revisions-schema`. */
export function withDirOptions(cmd: Command): Command {
  return cmd
    .option('--dir <url>', 'migration directory (file://database/migrations)')
    .option('--revisions-schema <name>', 'schema of the atlas_schema_revisions table');
}

export function withToOption(cmd: Command): Command {
  return cmd.option('--to <url>', 'desired state: file://database/schema/schema.sql (file or directory)');
}

/** Options of the planner's safety mode (pg-schema-diff / Atlas style). */
export interface PlanFlags {
  concurrentIndex?: boolean;
  notValid?: boolean;
  lockTimeout?: string;
  statementTimeout?: string;
}

/** Adds the planner's safety flags: `--concurrent-index`, `--not-valid`, `--lock-timeout`, `--statement-timeout`. */
export function withPlanOptions(cmd: Command): Command {
  return cmd
    .option('--concurrent-index', 'create/drop indexes on existing tables CONCURRENTLY (outside a transaction)')
    .option('--not-valid', 'add FKs and checks on existing tables NOT VALID, then VALIDATE CONSTRAINT')
    .option('--lock-timeout <duration>', "start the plan with SET lock_timeout (e.g. '5s')")
    .option('--statement-timeout <duration>', "start the plan with SET statement_timeout (e.g. '1min')");
}

/** The PlanOptions of `withPlanOptions` flags. */
export function planOptionsFrom(opts: PlanFlags): { concurrentIndex?: boolean; notValid?: boolean; lockTimeout?: string; statementTimeout?: string } {
  return { concurrentIndex: opts.concurrentIndex, notValid: opts.notValid, lockTimeout: opts.lockTimeout, statementTimeout: opts.statementTimeout };
}

export { formatOption } from './format-template.js';

/** An action for a command of the tree that is not built yet: clear message, exit code 2. */
export function notBuilt(what: string): () => never {
  return () => {
    throw new NotImplementedError(`"meridian ${what}"`);
  };
}

/** Prints an error the way the CLI does (no stack unless DEBUG includes "meridian") and returns the exit code. */
/**
 * Atlas's advice for a directory whose atlas.sum is missing or stale, printed on stdout before the error
 * as Atlas's `printChecksumError` does (pipelines grep for it), with Meridian's command in the hint.
 *
 * @example
 * checksumHint(new MeridianError('E_CHECKSUM', 'checksum file not found'))
 * // 'You have a checksum error in your migration directory.\nPlease check your migration files and run …'
 */
export function checksumHint(e: MeridianError): string {
  const where = e.checksum ? `\n\tL${e.checksum.line}: ${e.checksum.file} was ${e.checksum.reason}\n\n` : '';
  return (
    'You have a checksum error in your migration directory.\n' +
    where +
    `Please check your migration files and run ${pc.cyan("'meridian migrate hash'")} to re-hash the contents\n\n`
  );
}

export function reportError(e: unknown): number {
  const debug = /\bmeridian\b/.test(process.env.DEBUG ?? '');
  if (e instanceof MeridianError) {
    if (e.code === 'E_CHECKSUM') process.stdout.write(checksumHint(e));
    const loc = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : '';
    process.stderr.write(`error[${e.code}]: ${loc}${redactUrl(e.message)}\n`);
    if (debug && e.stack) process.stderr.write(redactUrl(e.stack) + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`error: ${redactUrl(String(err?.message ?? e))}\n`);
  if (debug && err?.stack) process.stderr.write(redactUrl(err.stack) + '\n');
  else process.stderr.write('(set DEBUG=meridian for details)\n');
  return 1;
}

/** What a writing command was told about consent (see workflow/consent.ts). */
export interface ConsentFlags {
  autoApprove?: boolean;
  allowHazards?: string[];
  approvePlan?: string;
}

/** Adds `--auto-approve`, `--allow-hazards <classes>` and `--approve-plan <hash>`. */
export function withConsentOptions(cmd: Command): Command {
  return cmd
    .option('--auto-approve', 'apply without a prompt what the plan marks safe (hazards must be named with --allow-hazards)')
    .option('--allow-hazards <classes>', 'hazard classes allowed to run (comma-separated or repeated): DELETES_DATA, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD, DATA_DEPENDENT, BREAKS_DEPENDANTS, NOT_TRANSACTIONAL', collect)
    .option('--approve-plan <hash>', 'run only if the plan is exactly the one reviewed (its hash, printed by --dry-run)');
}

/** A confirm callback when a person is at a terminal, else undefined (nobody can be asked). */
export function terminalConfirm(question: () => string): (() => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return () => confirm(question());
}

/**
 * Prints (on stderr, so stdout stays Atlas's) the database a writing command is about to change, password
 * masked, with its environment and protection.
 */
export function printTarget(cfg: ResolvedConfig, command: string): void {
  const env = cfg.envName ? `env "${cfg.envName}", ` : '';
  const prot = cfg.protection.protected ? `protected: ${cfg.protection.reason}` : 'not protected';
  process.stderr.write(`${command}: target ${describeTarget(cfg.url)} (${env}${prot})\n`);
}

/** States the backup a guarded command took, or why none was taken. */
export function printBackup(g: GuardResult): void {
  if (g.backup?.kind === 'taken') process.stdout.write(`Backup written: ${g.backup.backup.file} (${g.backup.backup.bytes} bytes, ${g.backup.backup.method})\n`);
  else if (g.backup?.kind === 'skipped') process.stdout.write(`No backup taken: ${g.backup.reason}\n`);
}

/** The guard options of a writing command from its flags. */
export function guardOptions(cfg: ResolvedConfig, command: string, opts: ConsentFlags & { skipBackup?: boolean; backupFile?: string }, question: () => string): GuardOptions {
  parseAllowHazards(opts.allowHazards);
  return {
    command, protection: cfg.protection, envName: cfg.envName, url: cfg.url, cwd: cfg.cwd,
    consent: { autoApprove: opts.autoApprove, allowHazards: opts.allowHazards, approvePlan: opts.approvePlan },
    confirm: terminalConfirm(question), skipBackup: opts.skipBackup, backupFile: opts.backupFile,
  };
}

/**
 * The plan of a command whose purpose is to drop objects (`schema clean`, `db reset`): its hash, and its
 * DELETES_DATA hazards when the environment is protected (elsewhere the command itself, confirmed or
 * `--auto-approve`d, is the consent).
 */
export function cleanPlan(cfg: ResolvedConfig, targets: readonly CleanTarget[]): { hazards: PlannedHazard[]; hash: string } {
  const drops = targets.flatMap((t) => (t.action === 'drop' ? [`DROP SCHEMA ${t.schema} CASCADE`] : t.objects.map((o) => `DROP ${o.kind.toUpperCase()} ${o.ident}`)));
  return {
    hash: planHash(drops),
    hazards: cfg.protection.protected ? drops.map((d) => ({ code: 'DELETES_DATA' as const, statement: d, message: 'drops the object and its data' })) : [],
  };
}
