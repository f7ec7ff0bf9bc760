/**
 * `schema diff`: the plan between two states (database URLs, schema files or migration directories).
 *
 * In:  two state references, a dev database for the states that are files, a scope and plan options.
 * Out: both Models, the changes, the planned statements and their SQL text (Atlas's `schema diff` output).
 * Never: prints, writes a file or changes either state (URLs are only inspected).
 */
import type { Database } from '../db/database.js';
import { diff, type Change } from '../diff/index.js';
import type { Model } from '../model/types.js';
import { isVolatileExpression } from '../parse/volatility.js';
import { plan, renderSchemaSql, type PlanOptions, type Statement } from '../plan/index.js';
import { wrapLongViews } from './render.js';
import { resolveStates } from './schema-apply.js';

export interface SchemaDiffOptions {
  /** The current state: `postgres://…`, `pglite://…`, `file://schema.sql` or `file://migrations` (see `resolveState`). */
  readonly from: string;
  /** The desired state, in the same forms. */
  readonly to: string;
  /**
   * Dev database for the states that are files, or a function opening it on first use (URL-only diffs never
   * do); a database opened through the function is closed when the diff is done.
   */
  readonly dev: Database | (() => Promise<Database>);
  readonly schemas?: readonly string[];
  readonly exclude?: readonly string[];
  /** Where relative `file://` paths resolve (default the process's directory). */
  readonly cwd?: string;
  /** Plan options; `indent` shapes `CREATE TABLE` bodies and cuts long view bodies into lines. */
  readonly plan?: PlanOptions;
}

export interface SchemaDiffResult {
  readonly current: Model;
  readonly desired: Model;
  readonly changes: readonly Change[];
  readonly statements: readonly Statement[];
  /** The statements as Atlas's `schema diff` prints them; empty when the states match. */
  readonly sql: string;
}

/**
 * Plans what turns `from` into `to`.
 *
 * @example
 * const r = await schemaDiff({ from: 'postgres://localhost/app', to: 'file://database/schema/schema.sql', dev: () => openDatabase('pglite://memory') });
 * r.statements.length === 0 ? 'in sync' : r.sql // '-- Add new schema named "app"\nCREATE SCHEMA "app";\n…'
 */
export async function schemaDiff(opts: SchemaDiffOptions): Promise<SchemaDiffResult> {
  const scope = { schemas: opts.schemas, exclude: opts.exclude, cwd: opts.cwd };
  const open = opts.dev;
  let opened: Promise<Database> | undefined;
  let states: Model[];
  try {
    states = await resolveStates([opts.from, opts.to], typeof open === 'function' ? () => (opened ??= open()) : open, scope);
  } finally {
    if (opened) await (await opened).close();
  }
  const [current, desired] = states as [Model, Model];
  const changes = diff(current, desired, { schemas: opts.schemas });
  const indent = opts.plan?.indent;
  const planned = plan(changes, current, desired, { ...opts.plan, volatile: (e) => isVolatileExpression(e, desired) });
  const statements = indent ? await wrapLongViews(planned, indent) : planned;
  return { current, desired, changes, statements, sql: statements.length ? renderSchemaSql(statements, { indent }) : '' };
}
