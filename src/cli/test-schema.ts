/** `meridian test schema`. */
import pc from './colors.js';
import { openDatabase } from '../db/index.js';
import { testSchema } from '../workflow/test-schema.js';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';

export async function testSchemaAction(opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  try {
    const r = await testSchema(db, { cwd: cfg.cwd, schemas: cfg.schemas, seed: cfg.protection.protected ? 'skip' : 'check' });
    for (const c of r.checks) {
      process.stdout.write(`${c.ok ? pc.green('PASS') : pc.red('FAIL')} ${c.name}\n`);
      if (c.detail) process.stdout.write(`     ${c.detail}\n`);
    }
    const failed = r.checks.filter((c) => !c.ok).length;
    process.stdout.write(`${r.checks.length - failed} passed, ${failed} failed\n`);
    if (!r.ok) process.exitCode = 1;
  } finally {
    await db.close();
  }
}
