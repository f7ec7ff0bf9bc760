/**
 * Guard rails around a command that writes to a database: consent (see consent.ts), then, in a protected
 * environment, a backup before anything that deletes data.
 *
 * In:  the target, its protection, the plan's hazards and hash, what the caller said, an optional confirm
 *      callback (a person at a terminal; without one nobody can be asked).
 * Out: whether to run, how it was approved, and the backup taken (or why none was). Never prints:
 *      the CLI shows the outcome; a library caller gets the same rules.
 */
import type { Protection } from '../config/protection.js';
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { backupDatabase, ensureGitignore, projectBackupFile, type BackupResult } from './backup.js';
import { decideConsent, type ConsentInput, type PlannedHazard } from './consent.js';

export interface GuardOptions {
  /** e.g. `migrate apply` (used in messages). */
  readonly command: string;
  readonly protection: Protection;
  readonly envName?: string;
  /** The target's URL (for pg_dump). */
  readonly url: string;
  /** The project directory (backups go under its `.meridian/backups`). */
  readonly cwd: string;
  readonly consent: Omit<ConsentInput, 'interactive'>;
  /** Asks a person; absent when nobody can be asked (no TTY, a library caller without a callback). */
  readonly confirm?: () => Promise<boolean>;
  /** Proceed without a terminal when unprotected (`migrate apply`, as Atlas). */
  readonly unattendedByDefault?: boolean;
  /** `--backup-file`: where to write the backup (taken whenever given). */
  readonly backupFile?: string;
  /** `--skip-backup`: run without the protected environment's backup (the reason is reported). */
  readonly skipBackup?: boolean;
}

export type BackupOutcome =
  | { readonly kind: 'taken'; readonly backup: BackupResult }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface GuardResult {
  readonly proceed: boolean;
  readonly via?: 'auto-approve' | 'plan-hash' | 'unattended' | 'confirmed';
  /** Set when a backup was due (protected and the plan deletes data, or --backup-file). */
  readonly backup?: BackupOutcome;
}

/**
 * Applies the rules: decides consent (asking through `confirm` when a person must), then takes the backup a
 * protected environment needs before a plan that deletes data. Throws a MeridianError that states what is
 * required when the plan may not run; returns `{ proceed: false }` when the person said no.
 *
 * @example
 * const g = await guardWrite(db, { command: 'schema apply', protection: cfg.protection, url: cfg.url, cwd, consent: { autoApprove: true } }, { hazards, hash });
 * if (g.proceed) await executeStatements(db, statements);
 */
export async function guardWrite(db: Database, opts: GuardOptions, plan: { hazards: readonly PlannedHazard[]; hash: string }): Promise<GuardResult> {
  const decision = decideConsent(
    { command: opts.command, protection: opts.protection, envName: opts.envName, unattendedByDefault: opts.unattendedByDefault },
    plan,
    { ...opts.consent, interactive: opts.confirm !== undefined },
  );
  let via: GuardResult['via'];
  if (decision.kind === 'ask') {
    if (!(await opts.confirm!())) return { proceed: false };
    via = 'confirmed';
  } else via = decision.via;
  const deletes = plan.hazards.some((h) => h.code === 'DELETES_DATA');
  if (!opts.backupFile && !(opts.protection.protected && deletes)) return { proceed: true, via };
  if (opts.skipBackup && !opts.backupFile) return { proceed: true, via, backup: { kind: 'skipped', reason: '--skip-backup was given' } };
  ensureGitignore(opts.cwd);
  const file = opts.backupFile ?? projectBackupFile(opts.cwd, opts.envName ?? 'db', db.kind === 'pglite' ? 'tar.gz' : 'sql');
  try {
    return { proceed: true, via, backup: { kind: 'taken', backup: await backupDatabase(db, opts.url, file) } };
  } catch (e) {
    if (!(e instanceof MeridianError)) throw e;
    throw new MeridianError('E_BACKUP', `${opts.command}: no backup could be taken before statements that delete data (${e.message}); nothing was run. Fix it, or pass --skip-backup to run without one`, { cause: e });
  }
}
