/** `meridian migrate down [n] [--to-version V]`: revert applied files, the revert computed from state. */
import pc from './colors.js';
import { openDatabase } from '../db/index.js';
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { migrateDown } from '../workflow/migrate-down.js';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';
import { confirm } from './prompt.js';

const out = (s: string) => process.stdout.write(s);

export interface DownFlags extends CommonOptions {
  toVersion?: string;
  dryRun?: boolean;
  autoApprove?: boolean;
  allowDataLoss?: boolean;
}

export async function migrateDownAction(n: string | undefined, opts: DownFlags): Promise<void> {
  const cfg = configFrom(opts);
  const count = n === undefined ? undefined : Number(n);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new MeridianError('E_USAGE', `the amount of migrations to revert must be a positive integer, got "${n}"`);
  if (count !== undefined && opts.toVersion !== undefined) throw new MeridianError('E_USAGE', 'pass either N or --to-version, not both');
  const db = await openDatabase(cfg.url);
  let dev: Database | undefined;
  const openDev = async () => (dev ??= await openDatabase(cfg.devUrl));
  try {
    const base = { dir: cfg.migrationsDir, revisionsSchema: cfg.revisionsSchema, dev: openDev, toVersion: opts.toVersion, count, allowDataLoss: opts.allowDataLoss };
    const planned = await migrateDown(db, { ...base, dryRun: true });
    out(`Reverting ${planned.reverted.map((r) => r.version).join(', ')} on ${db.displayUrl} (to version ${planned.target || 'none'}):\n\n`);
    for (const st of planned.statements) {
      out(`  -- ${st.comment}\n  ${st.sql};\n`);
      for (const h of st.hazards) out(pc.yellow(`    ${h.code}: ${h.message}\n`));
    }
    if (planned.statements.length === 0) out('  (no schema change: only the revision rows are removed)\n');
    for (const d of planned.dataLoss) out(pc.red(`  refused unless --allow-data-loss: ${d.reason}\n`));
    out('\n');
    if (opts.dryRun) return;
    const autoApprove = !!opts.autoApprove && !cfg.production;
    const hint = cfg.production ? 'production never auto-approves: run it from a terminal' : 'pass --auto-approve to revert without a prompt';
    if (!(await confirm(`Revert ${planned.reverted.length} migration file(s)?`, { autoApprove, hint }))) {
      out('Aborted: nothing was reverted\n');
      process.exitCode = 1;
      return;
    }
    const r = await migrateDown(db, base);
    out(`Reverted to version ${r.target || 'none'}: ${r.statements.length} statement(s), ${r.reverted.length} revision(s) removed\n`);
  } finally {
    await db.close();
    await dev?.close();
  }
}
