/** `meridian schema clean`. */
import pc from './colors.js';
import { openDatabase } from '../db/index.js';
import { executeClean, planClean } from '../workflow/clean.js';
import { describeTarget } from '../config/protection.js';
import { guardWrite } from '../workflow/guard.js';
import { cleanPlan, guardOptions, printBackup, printTarget, type CommonOptions, type ConsentFlags } from './common.js';
import { configFrom } from './config-from.js';

export async function schemaCleanAction(opts: CommonOptions & ConsentFlags & { dryRun?: boolean; skipBackup?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  if (!opts.dryRun) printTarget(cfg, 'schema clean');
  const db = await openDatabase(cfg.url);
  try {
    const targets = await planClean(db, { schemas: cfg.schemas });
    const count = targets.reduce((n, t) => n + t.objects.length, 0);
    if (targets.length === 0 || (count === 0 && targets.every((t) => t.action === 'keep'))) {
      process.stdout.write(`Nothing to clean in ${db.displayUrl}\n`);
      return;
    }
    process.stdout.write(`${pc.bold('Schema clean')} on ${db.displayUrl} will drop:\n`);
    for (const t of targets) {
      process.stdout.write(`  ${t.action === 'drop' ? `schema "${t.schema}" and` : `in schema "${t.schema}":`} ${t.objects.length} object(s)\n`);
      for (const o of t.objects.slice(0, 50)) process.stdout.write(`    - ${o.kind} ${o.name}\n`);
      if (t.objects.length > 50) process.stdout.write(`    … and ${t.objects.length - 50} more\n`);
    }
    if (opts.dryRun) return;
    const g = await guardWrite(db, guardOptions(cfg, 'schema clean', opts, () => pc.red(`This deletes data in ${describeTarget(cfg.url)}. Continue?`)), cleanPlan(cfg, targets));
    if (!g.proceed) {
      process.stdout.write('Aborted\n');
      process.exitCode = 1;
      return;
    }
    printBackup(g);
    await executeClean(db, targets);
    process.stdout.write(`Dropped ${count} object(s) in ${targets.length} schema(s)\n`);
  } finally {
    await db.close();
  }
}
