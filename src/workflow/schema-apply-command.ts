/**
 * `schema apply` with its guard rails: schema files → desired Model (natively, else on the dev database) →
 * plan against the target (rename hints tried on the dev database) → hash and hazards → consent → backup
 * when a protected environment is about to lose data → execute.
 *
 * In:  the target Database, the schema files, the environment's protection and what the caller said.
 * Out: the plan (statements, hash, hazards, warnings, the target's description), the guard's outcome and
 *      how many statements ran. Never prints and never prompts: a confirmation is the `confirm` callback.
 * The library and the CLI get the same rules: protected targets need every hazard named, a backup before
 * data loss, and nothing runs unattended without `autoApprove` or the plan's hash.
 */
import { describeTarget } from '../config/protection.js';
import type { Database } from '../db/database.js';
import type { Statement, PlanOptions } from '../plan/index.js';
import { hazardsOfStatements, planHash, type PlannedHazard } from './consent.js';
import { guardWrite, type GuardOptions, type GuardResult } from './guard.js';
import { nativeModelFromSources } from './native.js';
import { renameHints } from './rename-hints.js';
import { executeStatements, planSchemaApply, type ApplyTxMode } from './schema-apply.js';
import { modelFromSources, readSchemaSources, type SqlSource } from './state.js';
import type { Problem } from '../problem.js';

export interface SchemaApplyPlan {
  /** The target, password masked (`postgres://app:…@db/prod`). */
  readonly target: string;
  readonly statements: readonly Statement[];
  /** What `--approve-plan` must name: the hash of the statements. */
  readonly hash: string;
  readonly hazards: readonly PlannedHazard[];
  /** Statements that delete data. */
  readonly destructive: number;
  /** Problems that do not stop the plan (a misplaced rename hint, `W_RENAME_HINT`). */
  readonly warnings: readonly Problem[];
}

export interface SchemaApplyOptions extends Omit<GuardOptions, 'command' | 'unattendedByDefault' | 'confirm'> {
  /** The schema files: a path (file or directory, resolved against `cwd`) or their sources. */
  readonly schema: string | readonly SqlSource[];
  /**
   * Opens the dev database (never the target), on first use: when the schema does not fold natively (or
   * `native: false`), for rename hints, and to resolve names the native fold cannot. Closed before applying.
   */
  readonly dev: () => Promise<Database>;
  readonly schemas?: readonly string[];
  readonly exclude?: readonly string[];
  /** Fold the schema with the native parser (default true); false executes it on the dev database. */
  readonly native?: boolean;
  readonly plan?: PlanOptions;
  /** Let a schema with no objects drop everything in the database (see `assertNotEmptied`). */
  readonly allowEmpty?: boolean;
  /** Only plan: apply nothing, ask nothing. */
  readonly dryRun?: boolean;
  /** `none`: each statement committed on its own instead of the plan in one transaction (see ApplyTxMode). */
  readonly txMode?: ApplyTxMode;
  /** Called with the plan before any decision (the CLI lists it). */
  readonly onPlan?: (plan: SchemaApplyPlan) => void;
  /** Asks a person, who has been shown the plan; absent when nobody can be asked. */
  readonly confirm?: (plan: SchemaApplyPlan) => Promise<boolean>;
  /** Called once approved (and backed up), right before the first statement runs. */
  readonly onApprove?: (plan: SchemaApplyPlan, guard: GuardResult) => void;
}

export interface SchemaApplyResult {
  readonly plan: SchemaApplyPlan;
  /** Undefined for a dry run or an empty plan; `proceed: false` when the person asked said no. */
  readonly guard?: GuardResult;
  /** Statements executed (absent when nothing ran). */
  readonly executed?: number;
}

/**
 * Brings `db` to the schema in the files, under the environment's guard rails.
 *
 * @example
 * const db = await openDatabase(cfg.url);
 * const r = await schemaApply(db, {
 *   schema: 'database/schema/schema.sql', url: cfg.url, cwd: process.cwd(), protection: cfg.protection,
 *   consent: { autoApprove: true }, dev: () => openDatabase('pglite://memory'),
 * });
 * r.executed // 3
 */
export async function schemaApply(db: Database, opts: SchemaApplyOptions): Promise<SchemaApplyResult> {
  const sources = typeof opts.schema === 'string' ? readSchemaSources(opts.schema, opts.cwd) : opts.schema;
  const { hints, warnings } = await renameHints(sources);
  const scope = { schemas: opts.schemas, exclude: opts.exclude };
  // The desired state folded by the native parser, as migrate diff does; the dev database opens only when
  // the schema does not fold natively (or with native: false), and to try confirmed renames on.
  // The role that runs the plan owns what it creates: pg_dump's `REVOKE ALL ON t FROM postgres` names it (FoldOptions.role).
  const native = opts.native !== false ? await nativeModelFromSources(sources, { ...scope, role: await currentRole(db) }) : undefined;
  let opened: Promise<Database> | undefined;
  const dev = () => (opened ??= opts.dev());
  let statements: Statement[];
  try {
    const desired = native ?? (await modelFromSources(await dev(), sources, scope));
    statements = await planSchemaApply(db, desired, {
      ...scope, plan: opts.plan, sources, allowEmpty: opts.allowEmpty,
      renames: hints.length ? { hints, dev: await dev() } : undefined,
      verify: native ? { dev } : undefined,
    });
  } finally {
    if (opened) await (await opened).close();
  }
  const hazards = hazardsOfStatements(statements);
  const plan: SchemaApplyPlan = {
    target: describeTarget(opts.url), statements, hash: planHash(statements.map((s) => s.sql)), hazards, warnings,
    destructive: statements.filter((s) => s.hazards.some((h) => h.code === 'DELETES_DATA')).length,
  };
  opts.onPlan?.(plan);
  if (statements.length === 0 || opts.dryRun) return { plan };
  const guard = await guardWrite(db, { ...opts, command: 'schema apply', confirm: opts.confirm ? () => opts.confirm!(plan) : undefined }, { hazards, hash: plan.hash });
  if (!guard.proceed) return { plan, guard };
  opts.onApprove?.(plan, guard);
  const r = await executeStatements(db, statements, undefined, { txMode: opts.txMode });
  return { plan, guard, executed: r.executed };
}

/** The role a connection runs as (`current_user`). */
async function currentRole(db: Database): Promise<string | undefined> {
  const r = (await db.query<{ role: string }>('SELECT current_user AS role')).rows[0];
  return r ? String(r.role) : undefined;
}
