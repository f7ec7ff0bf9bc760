/**
 * The guide's development tasks composed from the stages: `db reset`, `dev setup`, `dev status`.
 * In: a Database and project paths. Out: result objects; never prints.
 */
import { readTextFile } from '../input/text.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import { diff } from '../diff/index.js';
import { inspect } from '../inspect/index.js';
import { applyMigrations, migrationStatus, type ApplyResult, type MigrationStatus } from '../migrate/apply.js';
import { plan, type Statement } from '../plan/index.js';
import { modelToPrisma } from '../prisma/pull.js';
import { executeClean, planClean } from './clean.js';
import { modelFromSources, readSchemaSources } from './state.js';

export interface ProjectPaths {
  readonly cwd: string;
  readonly migrationsDir: string;
  readonly schemaPath: string;
  readonly revisionsSchema?: string;
  readonly schemas?: readonly string[];
}

const seedPath = (cwd: string) => join(cwd, 'database', 'fixtures', 'seed-simple.sql');

/** Loads database/fixtures/seed-simple.sql in one transaction; false when there is no seed file. */
export async function loadSeed(db: Database, cwd: string): Promise<boolean> {
  const p = seedPath(cwd);
  if (!existsSync(p)) return false;
  const sql = readTextFile(p);
  await db.transaction((tx) => tx.exec(sql));
  return true;
}

/**
 * `db reset`: drop everything in the managed schemas, apply every migration, load the seed.
 *
 * @example
 * await resetDatabase(db, { cwd, migrationsDir, schemaPath });
 */
export async function resetProjectDatabase(db: Database, p: ProjectPaths): Promise<{ dropped: number; apply: ApplyResult; seeded: boolean }> {
  const targets = await planClean(db, { schemas: p.schemas });
  await executeClean(db, targets);
  const apply = await applyMigrations(db, { dir: p.migrationsDir, revisionsSchema: p.revisionsSchema });
  if (!apply.ok) return { dropped: targets.reduce((n, t) => n + t.objects.length, 0), apply, seeded: false };
  const seeded = await loadSeed(db, p.cwd);
  return { dropped: targets.reduce((n, t) => n + t.objects.length, 0), apply, seeded };
}

/**
 * `dev setup`: apply pending migrations; load the seed when the database had no migration applied before.
 */
export async function setupProject(db: Database, p: ProjectPaths): Promise<{ apply: ApplyResult; seeded: boolean; version: number }> {
  const before = await migrationStatus(db, { dir: p.migrationsDir, revisionsSchema: p.revisionsSchema });
  const apply = await applyMigrations(db, { dir: p.migrationsDir, revisionsSchema: p.revisionsSchema });
  const fresh = before.applied.length === 0 && apply.ok && apply.files.length > 0;
  const seeded = fresh ? await loadSeed(db, p.cwd) : false;
  return { apply, seeded, version: await db.serverVersion() };
}

export interface DevStatus {
  readonly serverVersion: number;
  readonly migrations: MigrationStatus;
  /** Statements that would bring the database to schema.sql (drift when non-empty and no migration is pending). */
  readonly drift: readonly Statement[];
  /** Whether prisma/schema.prisma matches what `prisma pull` would write (undefined when there is none). */
  readonly prismaInSync?: boolean;
}

/** `dev status`: database reachable + version, migration status, drift against schema.sql, Prisma in sync. */
export async function devStatus(db: Database, dev: Database, p: ProjectPaths): Promise<DevStatus> {
  const migrations = await migrationStatus(db, { dir: p.migrationsDir, revisionsSchema: p.revisionsSchema });
  const live = (await inspect(db, { schemas: p.schemas })).model;
  const desired = await modelFromSources(dev, readSchemaSources(p.schemaPath, p.cwd), { schemas: p.schemas });
  const drift = plan(diff(live, desired, { schemas: p.schemas }), live, desired);
  const prismaFile = join(p.cwd, 'prisma', 'schema.prisma');
  const prismaInSync = existsSync(prismaFile) ? ((text: string) => modelToPrisma(live, { existing: text }) === text)(readTextFile(prismaFile)) : undefined;
  return { serverVersion: await db.serverVersion(), migrations, drift, ...(prismaInSync === undefined ? {} : { prismaInSync }) };
}
