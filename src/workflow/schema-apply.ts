/**
 * Declarative apply (`schema apply`) and state resolution for `schema diff`.
 *
 * In:  a target Database (or two state references) and a desired state. Out: the plan, and the result of
 * executing it. Transactional statements run in one transaction; statements PostgreSQL refuses inside
 * a transaction (ADD VALUE, CONCURRENTLY) run outside it, in plan order. Never prints.
 */
import { isVolatileExpression } from '../parse/volatility.js';
import { assertUpdatePaths } from './extension-paths.js';
import { acquireDevDatabase, releaseDevDatabase } from './dev-lease.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { isLockTableFull, lockTableHint } from '../db/lock-table.js';
import { openDatabase } from '../db/index.js';
import { diff } from '../diff/index.js';
import { inspect } from '../inspect/index.js';
import { fileUrlToPath } from '../config/config.js';
import type { Model } from '../model/types.js';
import { plan, type PlanOptions, type Statement } from '../plan/index.js';
import { combineTableClauses } from '../plan/combine.js';
import { modelFromMigrations, modelFromSources, readSchemaSources } from './state.js';
import { renameChanges, type RenameHint } from '../diff/renames.js';
import { modelToSql } from './render.js';
import { assertNotEmptied } from './empty-guard.js';
import { majorOf, verifyDesired } from './verify.js';

export { freshDatabaseModel } from '../model/types.js';

/**
 * Resolves a state reference: `postgres://…`/`pglite://…` (inspected), `file://dir` with an atlas.sum
 * (a migration directory, replayed), or `file://schema.sql` / a directory of schema files.
 *
 * @example
 * const model = await resolveState('file://database/schema/schema.sql', dev);
 */
export async function resolveState(ref: string, devOrOpen: Database | (() => Promise<Database>), opts: { schemas?: readonly string[]; exclude?: readonly string[]; cwd?: string } = {}): Promise<Model> {
  // The dev database is only needed for files and directories (a URL is inspected directly).
  const dev = async () => (typeof devOrOpen === 'function' ? devOrOpen() : devOrOpen);
  const scope = { schemas: opts.schemas, exclude: opts.exclude };
  if (/^(postgres|postgresql|pglite):\/\//i.test(ref)) {
    const db = await openDatabase(ref);
    try {
      return (await inspect(db, scope)).model;
    } finally {
      await db.close();
    }
  }
  const path = fileUrlToPath(ref, opts.cwd ?? process.cwd());
  if (existsSync(path) && statSync(path).isDirectory() && existsSync(join(path, 'atlas.sum'))) return modelFromMigrations(await dev(), path, scope);
  return modelFromSources(await dev(), readSchemaSources(path, opts.cwd), scope);
}

/**
 * Resolves several state references (see `resolveState`) and returns their Models in the same order.
 * Server URLs are inspected concurrently, each on its own connection, while the states that need the dev
 * database (files, directories) take it one after the other; a `pglite://` database runs in this process,
 * so it gains nothing from overlapping and is resolved in turn as well.
 *
 * @example
 * const [current, desired] = await resolveStates(['postgres://localhost/prod', 'postgres://localhost/staging'], dev);
 */
export async function resolveStates(refs: readonly string[], devOrOpen: Database | (() => Promise<Database>), opts: { schemas?: readonly string[]; exclude?: readonly string[]; cwd?: string } = {}): Promise<Model[]> {
  const server = (ref: string) => /^(postgres|postgresql):\/\//i.test(ref);
  const remote = refs.map((ref) => (server(ref) ? resolveState(ref, devOrOpen, opts) : undefined));
  // A remote failure is reported by the Promise.all below, not as unhandled while a local state runs.
  for (const p of remote) p?.catch(() => undefined);
  const local: (Model | undefined)[] = [];
  try {
    for (const ref of refs) local.push(server(ref) ? undefined : await resolveState(ref, devOrOpen, opts));
  } finally {
    await Promise.allSettled(remote);
  }
  return Promise.all(refs.map((_, i) => remote[i] ?? local[i]!));
}

export interface SchemaApplyResult {
  readonly statements: readonly Statement[];
  readonly executed: number;
}

/**
 * Plans the changes that bring `db` to `desired`, each table's clauses joined into one `ALTER TABLE` as a
 * migration file writes them. With rename hints (and a dev database to try them on),
 * the renames come first and the rest is planned against the renamed state.
 */
export async function planSchemaApply(
  db: Database,
  desired: Model,
  opts: {
    schemas?: readonly string[]; exclude?: readonly string[]; plan?: PlanOptions; renames?: { hints: readonly RenameHint[]; dev: Database };
    /** The schema files `desired` came from: an empty one may not empty the database unless `allowEmpty` (see `assertNotEmptied`). */
    sources?: readonly { file: string; text: string }[];
    allowEmpty?: boolean;
    /** `desired` was folded natively from `sources`: resolve its names, on this dev database when needed (see `verifyDesired`). */
    verify?: { dev: () => Promise<Database> };
  } = {},
): Promise<Statement[]> {
  const scope = { schemas: opts.schemas, exclude: opts.exclude };
  let current = (await inspect(db, scope)).model;
  if (opts.sources) assertNotEmptied(desired, current, opts.sources, { allowEmpty: opts.allowEmpty });
  // The migration runs on `db`: its version says which built-in names exist.
  if (opts.sources && opts.verify) await verifyDesired(desired, current, opts.sources, opts.verify.dev, { major: majorOf(await db.serverVersion()) });
  const renames = opts.renames ? renameChanges(opts.renames.hints, current, desired) : [];
  if (renames.length) {
    // The renamed state, as PostgreSQL makes it: the current schema recreated on the dev database, renamed there.
    const dev = opts.renames!.dev;
    await acquireDevDatabase(dev);
    try {
      await dev.exec(modelToSql(current));
      for (const s of plan(renames, current, desired)) await dev.exec(s.sql);
      current = (await inspect(dev, scope)).model;
    } finally {
      await releaseDevDatabase(dev).catch(() => undefined);
    }
  }
  // Shown, hashed and run as a migration file writes them: one ALTER TABLE per table (plan/combine.ts).
  const changes = [...renames, ...diff(current, desired, { schemas: opts.schemas ?? (db.boundSchema ? [db.boundSchema] : undefined) })];
  await assertUpdatePaths(db, changes, 'the target database');
  return combineTableClauses(plan(changes, current, desired, { serverMajor: majorOf(await db.serverVersion()), ...opts.plan, volatile: (e) => isVolatileExpression(e, desired) }));
}

/**
 * How `schema apply` runs a plan: `file` (the default, Atlas's) runs consecutive transactional statements in one
 * transaction; `none` runs each statement on its own, as `psql -f` does (a plan PostgreSQL cannot hold in one
 * transaction, such as creating GitLab's ~9,000 relations, whose locks overflow the server's lock table).
 */
export type ApplyTxMode = 'file' | 'none';

/**
 * Executes planned statements: consecutive transactional statements in one transaction each run,
 * the others on their own (`txMode: 'none'`: every statement on its own). A transaction that runs out of lock
 * slots (SQLSTATE 53200) fails with what to do: nothing of it was applied.
 *
 * @example
 * await executeStatements(db, await planSchemaApply(db, desired));
 * await executeStatements(db, statements, undefined, { txMode: 'none' }); // each statement committed on its own
 */
export async function executeStatements(db: Database, statements: readonly Statement[], onStatement?: (s: Statement) => void, options: { readonly txMode?: ApplyTxMode } = {}): Promise<SchemaApplyResult> {
  let executed = 0;
  let i = 0;
  while (i < statements.length) {
    if (!statements[i]!.transactional || options.txMode === 'none') {
      onStatement?.(statements[i]!);
      await db.exec(statements[i]!.sql);
      executed++;
      i++;
      continue;
    }
    let j = i;
    while (j < statements.length && statements[j]!.transactional) j++;
    const batch = statements.slice(i, j);
    try {
      await db.transaction(async (tx) => {
        for (const s of batch) {
          onStatement?.(s);
          await tx.exec(s.sql);
        }
      });
    } catch (e) {
      if (!isLockTableFull(e)) throw e;
      const before = executed ? ` (${executed} statement(s) before it were applied)` : '';
      throw new MeridianError('E_DB', `${(e as Error).message}: ${lockTableHint(`${batch.length} statements in one transaction${before}`, 'run the plan with --tx-mode none (each statement committed on its own, as psql -f runs a file)')}`, { cause: e });
    }
    executed += batch.length;
    i = j;
  }
  return { statements, executed };
}
