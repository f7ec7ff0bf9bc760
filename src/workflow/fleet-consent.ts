/**
 * Consent for a fleet apply: the same rules as `migrate apply` (consent.ts), decided once for the whole
 * fleet on the directory's files (what any target may still run), before any target is touched.
 *
 * In:  the directory, the environment's protection, what the caller said, an optional confirm callback.
 * Out: proceed or not, with the plan (the files, their hash, their hazards when analysed). Never prints.
 * A protected environment's hazards are analysed on the dev database; one that deletes data needs
 * `--skip-backup`, since a fleet apply takes no backup of each target.
 */
import type { Protection } from '../config/protection.js';
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { loadDirectory } from '../migrate/apply.js';
import { decideConsent, hazardsOfFindings, planHash, type ConsentInput, type PlannedHazard } from './consent.js';

export interface FleetPlan {
  readonly files: readonly string[];
  readonly targets: number;
  readonly hash: string;
  readonly hazards: readonly PlannedHazard[];
}

/**
 * @example
 * const c = await fleetConsent({ dir, targets: 200, protection, consent: { autoApprove: true }, dev: () => openDatabase('pglite://memory') });
 * if (c.proceed) await fleetApply({ dir, targets });
 */
export async function fleetConsent(opts: {
  readonly dir: string;
  readonly targets: number;
  readonly protection: Protection;
  readonly envName?: string;
  readonly cwd?: string;
  readonly consent: Omit<ConsentInput, 'interactive'>;
  readonly confirm?: (plan: FleetPlan) => Promise<boolean>;
  readonly dev: () => Promise<Database>;
  readonly skipBackup?: boolean;
}): Promise<{ proceed: boolean; plan: FleetPlan; via?: string }> {
  const loaded = await loadDirectory(opts.dir);
  const files = loaded.files.map((f) => f.name);
  const hash = planHash(loaded.files.flatMap((f) => [f.name, ...(loaded.statements.get(f.name) ?? [])]));
  let hazards: PlannedHazard[] = [];
  if (opts.protection.protected && files.length) {
    const dev = await opts.dev();
    try {
      // The analyzers load only when a fleet has files to analyse (`migrate status`/`apply` import this module).
      const { lintDirectory } = await import('./migrate-lint.js');
      hazards = hazardsOfFindings((await lintDirectory(dev, opts.dir, { names: files, cwd: opts.cwd })).findings);
    } catch (e) {
      throw new MeridianError('E_HAZARD', `migrate apply: the files' hazards could not be analysed on the dev database (${(e as Error).message.split('\n')[0]}); a protected environment does not run unanalysed files: pass --dev-url with a database like the targets`);
    } finally {
      await dev.close();
    }
  }
  const plan: FleetPlan = { files, targets: opts.targets, hash, hazards };
  const decision = decideConsent(
    { command: 'migrate apply', protection: opts.protection, envName: opts.envName, unattendedByDefault: true },
    plan,
    { ...opts.consent, interactive: opts.confirm !== undefined },
  );
  if (opts.protection.protected && hazards.some((h) => h.code === 'DELETES_DATA') && !opts.skipBackup) {
    throw new MeridianError('E_BACKUP', `migrate apply: the files delete data and a fleet apply takes no backup of each target; back the targets up, then pass --skip-backup`);
  }
  if (decision.kind === 'ask') {
    if (!(await opts.confirm!(plan))) return { proceed: false, plan };
    return { proceed: true, plan, via: 'confirmed' };
  }
  return { proceed: true, plan, via: decision.via };
}
