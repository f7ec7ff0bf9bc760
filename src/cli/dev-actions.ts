/** `meridian db reset`, `dev setup`, `dev status`. */
import { openDevDatabase } from '../workflow/dev-lease.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pc from './colors.js';
import { findPrismaCli } from '../prisma/cli.js';
import { openDatabase } from '../db/index.js';
import { MeridianError } from '../errors.js';
import { planClean } from '../workflow/clean.js';
import { devStatus, resetProjectDatabase, setupProject } from '../workflow/dev.js';
import { describeTarget } from '../config/protection.js';
import { guardWrite } from '../workflow/guard.js';
import { cleanPlan, guardOptions, printBackup, printTarget, type CommonOptions, type ConsentFlags } from './common.js';
import { configFrom } from './config-from.js';
import { formatStatus } from './migrate-actions.js';
import { prismaPullAction, sqlGenerateAction } from './prisma-actions.js';

const out = (s: string) => process.stdout.write(s);

export async function dbResetAction(opts: CommonOptions & ConsentFlags & { skipBackup?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  printTarget(cfg, 'db reset');
  const db = await openDatabase(cfg.url);
  try {
    const targets = await planClean(db, { schemas: cfg.schemas });
    const n = targets.reduce((k, t) => k + t.objects.length, 0);
    const question = () => pc.red(`Reset ${describeTarget(cfg.url)}: drop ${n} object(s), re-apply every migration and load the seed?`);
    const g = await guardWrite(db, guardOptions(cfg, 'db reset', opts, question), cleanPlan(cfg, targets));
    if (!g.proceed) {
      out('Aborted\n');
      process.exitCode = 1;
      return;
    }
    printBackup(g);
    const r = await resetProjectDatabase(db, { cwd: cfg.cwd, migrationsDir: cfg.migrationsDir, schemaPath: cfg.schemaPath, revisionsSchema: cfg.revisionsSchema, schemas: cfg.schemas });
    if (!r.apply.ok) throw new MeridianError('E_APPLY', r.apply.error ?? 'applying migrations failed');
    out(`Dropped ${r.dropped} object(s), applied ${r.apply.files.length} migration(s)${r.seeded ? ', loaded database/fixtures/seed-simple.sql' : ''}\n`);
  } finally {
    await db.close();
  }
}

export async function devSetupAction(opts: CommonOptions & { dual?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  try {
    const r = await setupProject(db, { cwd: cfg.cwd, migrationsDir: cfg.migrationsDir, schemaPath: cfg.schemaPath, revisionsSchema: cfg.revisionsSchema, schemas: cfg.schemas });
    if (!r.apply.ok) throw new MeridianError('E_APPLY', r.apply.error ?? 'applying migrations failed');
    out(`Database ${db.displayUrl} ready (PostgreSQL ${Math.floor(r.version / 10000)}): ${r.apply.files.length} migration(s) applied${r.seeded ? ', seed loaded' : ''}\n`);
  } finally {
    await db.close();
  }
  if (!opts.dual) return;
  // Dual strategy: the Prisma schema and client follow the database; typed SQL too when prisma/sql exists.
  const withPrisma = findPrismaCli(cfg.cwd) !== undefined;
  await prismaPullAction({ ...opts, generate: withPrisma });
  if (!withPrisma) out('prisma is not installed in this project: skipped `prisma generate` (npm i -D prisma @prisma/client)\n');
  if (existsSync(join(cfg.cwd, 'prisma/sql'))) await sqlGenerateAction({ ...opts });
}

export async function devStatusAction(opts: CommonOptions): Promise<void> {
  const cfg = configFrom(opts);
  const source = { flag: '--url', 'env-file': `.env.${cfg.envName}`, environment: 'DATABASE_URL in the environment', dotenv: '.env', 'atlas.hcl': `atlas.hcl env "${cfg.envName}"`, default: 'the default embedded database' }[cfg.urlSource];
  out(`Env:       ${cfg.envName ? `"${cfg.envName}"` : '(none)'}, URL from ${source}\n`);
  out(`Protected: ${cfg.protection.protected ? pc.yellow(`yes (${cfg.protection.reason})`) : `no (${cfg.protection.reason})`}\n`);
  const db = await openDatabase(cfg.url);
  const dev = await openDevDatabase(cfg.devUrl, { clear: opts.devClear });
  try {
    const s = await devStatus(db, dev, { cwd: cfg.cwd, migrationsDir: cfg.migrationsDir, schemaPath: cfg.schemaPath, revisionsSchema: cfg.revisionsSchema, schemas: cfg.schemas });
    out(`Database:  ${db.displayUrl} (reachable, PostgreSQL ${Math.floor(s.serverVersion / 10000)}.${s.serverVersion % 10000 >= 100 ? Math.floor((s.serverVersion % 10000) / 100) : s.serverVersion % 100})\n\n`);
    out(formatStatus(s.migrations));
    const drift = s.migrations.pending.length ? 'pending migrations' : s.drift.length ? pc.yellow(`${s.drift.length} statement(s) away from schema.sql (run \`meridian migrate diff\`)`) : pc.green('in sync with schema.sql');
    out(`\nSchema:    ${drift}\n`);
    out(`Prisma:    ${s.prismaInSync === undefined ? 'no prisma/schema.prisma' : s.prismaInSync ? pc.green('in sync') : pc.yellow('out of date (run `meridian prisma pull`)')}\n`);
  } finally {
    await dev.close();
    await db.close();
  }
}
