/**
 * `migrate down`: revert applied migration files by computing the revert from state (Atlas Pro's
 * approach), never from hand-written down files.
 *
 * In:  the target Database, the migration directory, a dev Database, how far to go back.
 * Out: the target version, the reverted revisions, the planned statements, and whether they ran.
 * Never: prints; applies when the revert would delete rows that exist in the database (unless allowed);
 *        applies on a dry run; touches revisions at or below the target version.
 * The directory is replayed up to the target version (natively when the fold decides, else on the dev
 * database), the live database is diffed against that state and planned with the ordinary planner, so
 * the revert carries the same hazards as any other plan. The reverted rows are then removed from the
 * revisions table, leaving it as the files up to the target version left it.
 */
import { directoryState, type DirectoryScopeOptions } from './directory-state.js';
import { isVolatileExpression } from '../parse/volatility.js';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Queryable } from '../db/database.js';
import { diff } from '../diff/index.js';
import { MeridianError } from '../errors.js';
import { inspect } from '../inspect/index.js';
import { readMigrationFiles, validateSum } from '../migrate/dir.js';
import { DEFAULT_REVISIONS_SCHEMA, deleteRevisionsAfter, readRevisions, revisionsTableExists, type Revision } from '../migrate/revisions.js';
import { plan, type PlanOptions, type Statement } from '../plan/index.js';
import { quoteIdentAlways as qi } from '../model/names.js';
import type { Model } from '../model/types.js';

export interface MigrateDownOptions extends DirectoryScopeOptions {
  readonly dir: string;
  readonly revisionsSchema?: string;
  /** Revert every file after this (applied) version. */
  readonly toVersion?: string;
  /** Revert the last N applied files (default 1); ignored when `toVersion` is given. */
  readonly count?: number;
  /** Run the revert even when it deletes rows that exist in the database. */
  readonly allowDataLoss?: boolean;
  /** Plan and check only. */
  readonly dryRun?: boolean;
  readonly plan?: PlanOptions;
}

/** A statement of the revert that would delete rows present in the database. */
export interface DataLoss {
  readonly statement: Statement;
  /** `table "app"."users" has rows`, `column "app"."users"."phone" has non-null values`. */
  readonly reason: string;
}

export interface MigrateDownResult {
  /** The version the database is left at ('' when every file is reverted). */
  readonly target: string;
  readonly reverted: readonly Revision[];
  readonly statements: readonly Statement[];
  readonly dataLoss: readonly DataLoss[];
  /** True when the statements ran and the revisions were removed. */
  readonly applied: boolean;
  /** The state the database is reverted to. */
  readonly desired: Model;
}

/**
 * @example
 * const r = await migrateDown(db, { dir: 'database/migrations', dev, count: 1, dryRun: true });
 * r.statements.map((s) => s.sql) // ['DROP TABLE "public"."posts"']
 */
export async function migrateDown(db: Database, opts: MigrateDownOptions): Promise<MigrateDownResult> {
  validateSum(opts.dir);
  const schema = opts.revisionsSchema ?? DEFAULT_REVISIONS_SCHEMA;
  const revisions = (await revisionsTableExists(db, schema)) ? await readRevisions(db, schema) : [];
  if (revisions.length === 0) throw new MeridianError('E_APPLY', 'migrate down: no applied migrations on this database (the revisions table is empty)');
  const { target, reverted } = pickTarget(revisions, opts);
  const files = readMigrationFiles(opts.dir);
  for (const r of reverted) {
    if (!files.some((f) => f.version === r.version)) throw new MeridianError('E_MIGRATE_DIR', `migrate down: applied version ${r.version} has no file in ${opts.dir}; the revert is computed from the files, restore it first`);
  }
  const desired = await stateAt(opts, target);
  const current = (await inspect(db, { schemas: opts.schemas, exclude: opts.exclude })).model;
  const statements = plan(diff(current, desired, { schemas: opts.schemas }), current, desired, { ...opts.plan, volatile: (e) => isVolatileExpression(e, desired) });
  const dataLoss = await findDataLoss(db, statements);
  if (opts.dryRun) return { target, reverted, statements, dataLoss, applied: false, desired };
  if (dataLoss.length && !opts.allowDataLoss) {
    throw new MeridianError(
      'E_APPLY',
      `migrate down refused: the revert would delete data the database holds:\n${dataLoss.map((d) => `  ${d.reason} (${d.statement.sql.split('\n')[0]})`).join('\n')}\nnothing was applied; pass --allow-data-loss to revert anyway`,
    );
  }
  const run = async (q: Queryable) => {
    for (const st of statements) await q.query(st.sql);
    await deleteRevisionsAfter(q, schema, target);
  };
  if (statements.every((s) => s.transactional)) await db.transaction(run);
  else await run(db);
  return { target, reverted, statements, dataLoss, applied: true, desired };
}

/** Which applied revision to go back to; bad input is a usage error before anything runs. */
function pickTarget(revisions: readonly Revision[], opts: MigrateDownOptions): { target: string; reverted: Revision[] } {
  if (opts.toVersion !== undefined) {
    const i = revisions.findIndex((r) => r.version === opts.toVersion);
    if (i < 0) throw new MeridianError('E_USAGE', `migrate down: version ${opts.toVersion} is not applied on this database (applied: ${revisions.map((r) => r.version).join(', ')})`);
    if (i === revisions.length - 1) throw new MeridianError('E_USAGE', `migrate down: ${opts.toVersion} is the current version, nothing to revert`);
    return { target: opts.toVersion, reverted: revisions.slice(i + 1) };
  }
  const n = opts.count ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new MeridianError('E_USAGE', `migrate down: the amount of migrations to revert must be a positive integer, got ${n}`);
  if (n > revisions.length) throw new MeridianError('E_USAGE', `migrate down: cannot revert ${n} migrations, only ${revisions.length} applied`);
  return { target: revisions[revisions.length - n - 1]?.version ?? '', reverted: revisions.slice(revisions.length - n) };
}

/**
 * The state the files up to `target` produce (copied to a scratch directory and replayed, from the last
 * checkpoint among them when there is one).
 */
async function stateAt(opts: MigrateDownOptions, target: string): Promise<Model> {
  const scratch = mkdtempSync(join(tmpdir(), 'meridian-down-'));
  try {
    for (const f of readMigrationFiles(opts.dir)) if (target !== '' && Buffer.compare(Buffer.from(f.version), Buffer.from(target)) <= 0) copyFileSync(f.path, join(scratch, f.name));
    return (await directoryState(scratch, { schemas: opts.schemas, exclude: opts.exclude, searchPath: opts.searchPath, native: opts.native, dev: opts.dev })).model;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Statements deleting data that exists: dropped tables with rows, dropped columns with non-null values. */
async function findDataLoss(db: Database, statements: readonly Statement[]): Promise<DataLoss[]> {
  const out: DataLoss[] = [];
  for (const st of statements) {
    if (!st.hazards.some((h) => h.code === 'DELETES_DATA')) continue;
    const c = st.source;
    if (c.kind === 'drop_table') {
      const t = `${qi(c.table.schema)}.${qi(c.table.name)}`;
      const r = await db.query<{ x: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${t}) AS x`);
      if (r.rows[0]?.x) out.push({ statement: st, reason: `table ${t} has rows` });
    } else if (c.kind === 'drop_column') {
      const t = `${qi(c.table.schema)}.${qi(c.table.name)}`;
      // Values equal to the column's default are what adding the column wrote (`ADD COLUMN … DEFAULT`):
      // the forward migration's data, not the users'. A volatile default (now()) never matches: refused.
      const col = qi(c.column.name);
      const own = c.column.default ? ` AND ${col} IS DISTINCT FROM (${c.column.default.text})` : '';
      const r = await db.query<{ x: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${t} WHERE ${col} IS NOT NULL${own}) AS x`);
      if (r.rows[0]?.x) out.push({ statement: st, reason: `column ${t}.${col} has ${own ? 'values other than its default' : 'non-null values'}` });
    } else if (c.kind === 'drop_schema') {
      // Everything in the schema goes: refused when one of its tables has rows.
      const tables = await db.query<{ t: string }>(
        `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS t FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'm')`,
        [c.schema.name],
      );
      for (const { t } of tables.rows) {
        const r = await db.query<{ x: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${t}) AS x`);
        if (r.rows[0]?.x) out.push({ statement: st, reason: `table ${t} (schema ${qi(c.schema.name)} is dropped) has rows` });
      }
    } else {
      // Any other data-deleting change (a type narrowed, an enum value removed…): cannot be proven empty.
      out.push({ statement: st, reason: st.hazards.find((h) => h.code === 'DELETES_DATA')!.message });
    }
  }
  return out;
}
