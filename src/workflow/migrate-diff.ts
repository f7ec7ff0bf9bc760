/**
 * `migrate diff`: desired schema (schema.sql) vs the state the migration directory produces → a new
 * Atlas-format migration file + atlas.sum.
 *
 * In:  project paths, a dev Database, a clock. Out: the statements and, unless `dryRun`, the file written.
 * Never: touches the target database; writes when nothing changed; re-hashes a tampered directory.
 * Both states are materialised on the dev database and read back by the inspector, so they compare in
 * PostgreSQL's own spelling (Atlas's --dev-url approach).
 */
import { isVolatileExpression } from '../parse/volatility.js';
import { loadLibpgQuery } from '../parse/libpg.js';
import { namesInSchema, unqualifySql } from '../parse/unqualify.js';
import { wrapLongViews } from './render.js';
import { renameCandidates, renameChanges, type RenameHint } from '../diff/renames.js';
import { renameHints } from './rename-hints.js';
import { relative } from 'node:path';
import type { Database } from '../db/database.js';
import type { Problem } from '../problem.js';
import { diff, type Change } from '../diff/index.js';
import { validateSum, writeMigrationFile } from '../migrate/dir.js';
import { plan, renderMigrationFile, renderSchemaSql, type PlanOptions, type Statement } from '../plan/index.js';
import type { Model } from '../model/types.js';
import { modelFromMigrations, modelFromSources, readSchemaSources } from './state.js';
import { assertNotEmptied } from './empty-guard.js';
import { majorOf, verifyDesired } from './verify.js';
import { assertUpdatePaths, extensionUpdates } from './extension-paths.js';
import { nativeModelFromMigrations, nativeModelFromSources } from './native.js';
import { dataComment, pendingDataStatements, placeDataStatements, type DataStatement, type FileEntry } from './data-statements.js';

export interface MigrateDiffOptions {
  readonly migrationsDir: string;
  readonly schemaPath: string;
  /** Dev database (or a function opening it on first use): only used when a state does not fold natively. */
  readonly dev: Database | (() => Promise<Database>);
  /**
   * The PostgreSQL major version the migration is for, whose built-in names the schema may use. Default: the
   * dev database's when `dev` is an open Database, else unknown (then only the names every supported major
   * has resolve natively, and the dev database decides the others). The CLI passes `knownMajor(devUrl)`.
   */
  readonly serverMajor?: number;
  /**
   * Fold schema.sql and the migration directory with the native parser (default true); the dev database
   * is then used only for what does not fold (DO blocks, rules, custom delimiters, unresolved names).
   */
  readonly native?: boolean;
  /** search_path for unqualified names in the files (the URL's); default `public`. */
  readonly searchPath?: readonly string[];
  /**
   * The one schema a schema-bound dev URL (`?search_path=app`) binds: names in that schema are written
   * without it, as Atlas does, so the file applies to any schema (see parse/unqualify.ts).
   */
  readonly scope?: string;
  /** Migration name (`add_users_phone`); derived from the changes when absent. */
  readonly name?: string;
  readonly schemas?: readonly string[];
  readonly exclude?: readonly string[];
  readonly now?: () => Date;
  readonly dryRun?: boolean;
  readonly cwd?: string;
  readonly plan?: PlanOptions;
  /** Diff against this Model (e.g. a live database) instead of the migration directory. */
  readonly current?: Model;
  /** Renames confirmed outside schema.sql, on top of the file's hints. */
  readonly renames?: readonly RenameHint[];
  /**
   * Asked with the drop + add pairs that look like renames (see `renameCandidates`); returns the ones the
   * user confirms (e.g. an interactive "Did you rename …?"). Only then is the directory replayed again.
   */
  /** Allow a schema with no objects to empty a current state that has some (see `assertNotEmptied`). */
  readonly allowEmpty?: boolean;
  readonly confirmRenames?: (candidates: readonly RenameHint[]) => Promise<readonly RenameHint[]>;
  /**
   * Data statements of the schema file (INSERT, UPDATE, DELETE…) that no migration contains yet go into the
   * new migration, after the DDL they depend on and marked with a comment (default true; `--no-data`).
   * Never with `current` (a drift check).
   */
  readonly data?: boolean;
  /**
   * Review the file written with the lint analyzers (`lintPlan`, no database): its findings come back in
   * `findings`, located in the new file (named relative to `cwd`).
   */
  readonly lint?: boolean;
}

export interface MigrateDiffResult {
  readonly statements: readonly Statement[];
  readonly changes: readonly Change[];
  /** Path of the file written (absent when there was nothing to do or on a dry run). */
  readonly file?: string;
  readonly version?: string;
  readonly content?: string;
  readonly name?: string;
  /** The two states compared: the migration directory's (or `current`) and the desired one. */
  readonly current: Model;
  readonly desired: Model;
  /**
   * Located problems that do not stop the diff: misplaced rename hints (`W_RENAME_HINT`), data statements of the
   * schema file carried into the migration (`W_DATA_CARRIED`, one per statement, at the statement).
   */
  readonly problems: readonly Problem[];
  /** Which states were folded natively (true) or replayed on the dev database (false). */
  readonly native: { readonly desired: boolean; readonly current: boolean };
  /** Data statements of the schema file written into the migration (see `data`). */
  readonly data: readonly DataStatement[];
  /** With `lint`: what the analyzers see in the file written, located in it. */
  readonly findings?: readonly Problem[];
}

/**
 * A name for a migration from its changes: `add_users_phone`, `create_products`, `drop_orders`…
 *
 * @example
 * migrationName(changes) // 'add_users_phone'
 */
export function migrationName(changes: readonly Change[]): string {
  const parts: string[] = [];
  for (const c of changes) {
    let p: string | undefined;
    switch (c.kind) {
      case 'create_table': p = `create_${c.table.name}`; break;
      case 'drop_table': p = `drop_${c.table.name}`; break;
      case 'add_column': p = `add_${c.table.name}_${c.column.name}`; break;
      case 'drop_column': p = `drop_${c.table.name}_${c.column.name}`; break;
      case 'alter_column': p = `alter_${c.table.name}_${c.to.name}`; break;
      case 'create_view': p = `${c.from ? 'modify' : 'create'}_${c.view.name}`; break;
      case 'create_index': p = `index_${c.index.name}`; break;
      case 'create_type': p = `create_${c.type.name}`; break;
      case 'add_enum_value': p = `extend_${c.type.name}`; break;
      case 'create_schema': p = `create_schema_${c.schema.name}`; break;
      default: p = undefined;
    }
    if (p && !parts.includes(p)) parts.push(p);
  }
  const base = (parts.length ? parts.slice(0, 3).join('_') + (parts.length > 3 ? '_and_more' : '') : 'changes').toLowerCase();
  return base.replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, 80) || 'changes';
}

/**
 * @example
 * const dev = await openDatabase('pglite://memory');
 * const r = await migrateDiff({ migrationsDir: 'database/migrations', schemaPath: 'database/schema/schema.sql', dev });
 * r.file // 'database/migrations/20260101120000_add_users_phone.sql'
 */
export async function migrateDiff(opts: MigrateDiffOptions): Promise<MigrateDiffResult> {
  validateSum(opts.migrationsDir);
  const scope = { schemas: opts.schemas, exclude: opts.exclude };
  const nativeScope = { ...scope, searchPath: opts.searchPath, existingSchemas: opts.scope ? [opts.scope] : undefined };
  let devDb: Promise<Database> | undefined;
  const dev = () => (devDb ??= typeof opts.dev === 'function' ? opts.dev() : Promise.resolve(opts.dev));
  const useNative = opts.native !== false;
  const sources = readSchemaSources(opts.schemaPath, opts.cwd);
  const nativeDesired = useNative ? await nativeModelFromSources(sources, nativeScope) : undefined;
  const desired = nativeDesired ?? (await modelFromSources(await dev(), sources, scope));
  const nativeCurrent = !opts.current && useNative ? await nativeModelFromMigrations(opts.migrationsDir, nativeScope) : undefined;
  const replayed = opts.current ?? nativeCurrent ?? (await modelFromMigrations(await dev(), opts.migrationsDir, scope));
  assertNotEmptied(desired, replayed, sources, { allowEmpty: opts.allowEmpty });
  // What the native fold accepted is resolved against the built-in catalog; the dev database decides the rest.
  if (nativeDesired) {
    const major = opts.serverMajor ?? (typeof opts.dev === 'function' ? undefined : majorOf(await opts.dev.serverVersion()));
    await verifyDesired(desired, replayed, sources, dev, { major });
  }
  const replay = async (then: readonly string[]) =>
    (nativeCurrent ? await nativeModelFromMigrations(opts.migrationsDir, nativeScope, then) : undefined) ?? (await modelFromMigrations(await dev(), opts.migrationsDir, { ...scope, then }));
  // Renames the user marked in schema.sql (or confirms): applied to the current state first, then the rest
  // is diffed. (Not against a live database: a drift check reports the difference as it is.)
  const { hints: fileHints, warnings: hintProblems } = await renameHints(sources);
  const renamedState = async (hints: readonly RenameHint[]) => {
    const renames = hints.length && !opts.current ? renameChanges(hints, replayed, desired) : [];
    const state = renames.length ? await replay(plan(renames, replayed, desired).map((s) => s.sql)) : replayed;
    // In a schema scope the schema itself is the URL's, never created or dropped by a migration (Atlas).
    const inScope = (c: Change) => !(opts.scope && (c.kind === 'create_schema' || c.kind === 'drop_schema') && c.schema.name === opts.scope);
    return { state, changes: [...renames, ...diff(state, desired, { schemas: opts.schemas })].filter(inScope) };
  };
  const hints = [...fileHints, ...(opts.renames ?? [])];
  let { state: current, changes } = await renamedState(hints);
  const candidates = opts.confirmRenames && !opts.current ? renameCandidates(changes) : [];
  const confirmed = candidates.length ? await opts.confirmRenames!(candidates) : [];
  if (confirmed.length) ({ state: current, changes } = await renamedState([...hints, ...confirmed]));
  // The file runs later on the target: the dev database (the same kind of server) says whether its updates can run.
  if (extensionUpdates(changes).length) await assertUpdatePaths(await dev(), changes, 'the dev database');
  let statements = plan(changes, current, desired, { ...opts.plan, volatile: (e) => isVolatileExpression(e, desired) });
  if (opts.scope) {
    const scope = opts.scope;
    await loadLibpgQuery();
    const names = namesInSchema([current, desired], scope);
    statements = statements.map((s) => ({ ...s, sql: unqualifySql(s.sql, scope, names) }));
  }
  if (opts.plan?.indent) statements = await wrapLongViews(statements, opts.plan.indent);
  const native = { desired: !!nativeDesired, current: !opts.current && !!nativeCurrent };
  const data = opts.data !== false && !opts.current ? await pendingDataStatements(sources, opts.migrationsDir, { searchPath: opts.searchPath }) : [];
  const problems = [...hintProblems, ...data.map(dataCarried)];
  if (statements.length === 0 && data.length === 0) return { statements, changes, current, desired, problems, native, data };
  const name = opts.name ?? (changes.length ? migrationName(changes) : dataMigrationName(data));
  const content = data.length ? renderEntries(placeDataStatements(statements, data), opts.plan?.indent) : renderMigrationFile(statements, { indent: opts.plan?.indent });
  if (opts.dryRun) return { statements, changes, content, name, current, desired, problems, native, data };
  const written = writeMigrationFile(opts.migrationsDir, { name, content, now: (opts.now ?? (() => new Date()))() });
  // The analyzers (loaded only when asked) on the statements just written, located in the new file.
  const lint = opts.lint ? await import('../lint/index.js') : undefined;
  const findings = lint?.lintPlan(statements, current, desired, { file: relative(opts.cwd ?? process.cwd(), written.path) || written.path, content, indent: opts.plan?.indent }).map(lint.findingProblem);
  return { statements, changes, content, name, file: written.path, version: written.version, current, desired, problems, native, data, ...(findings ? { findings } : {}) };
}

/**
 * The warning that a data statement of the schema file goes into the new migration, located at the statement.
 *
 * @example
 * dataCarried({ sql: 'UPDATE users SET …', file: 'schema.sql', line: 4, column: 1, verb: 'UPDATE', table: 'public.users' })
 * // { code: 'W_DATA_CARRIED', severity: 'warning', location: { file: 'schema.sql', line: 4, column: 1 }, message: 'data statement (UPDATE public.users) goes into …', fix: '…' }
 */
function dataCarried(d: DataStatement): Problem {
  return {
    code: 'W_DATA_CARRIED',
    severity: 'warning',
    location: { file: d.file, line: d.line, column: d.column },
    message: `data statement (${d.verb}${d.table ? ` ${d.table}` : ''}) goes into the new migration, after the DDL it depends on; it runs once and is not shipped again while it stays in the file`,
    fix: 'leave it in the file, or pass --no-data (data: false) to leave data statements out of the migration',
  };
}

/** A migration file's text from planned statements and data statements, in Atlas's layout. */
function renderEntries(entries: readonly FileEntry[], indent?: string): string {
  const header = entries.some((e) => e.kind === 'ddl' && !e.statement.transactional) ? '-- atlas:txmode none\n\n' : '';
  let body = '';
  let run: Statement[] = [];
  const flush = () => ((body += renderSchemaSql(run, { indent })), (run = []));
  for (const e of entries) {
    if (e.kind === 'ddl') run.push(e.statement);
    else flush(), (body += `-- ${dataComment(e.data)}\n${e.data.sql};\n`);
  }
  flush();
  return header + body;
}

/** `update_users`, `insert_roles_and_more`: a name for a migration that only changes data. */
function dataMigrationName(data: readonly DataStatement[]): string {
  const parts = [...new Set(data.map((d) => `${d.verb.toLowerCase()}${d.table ? `_${d.table.split('.').pop()}` : ''}`))];
  return (parts.slice(0, 2).join('_') + (parts.length > 2 ? '_and_more' : '')).replace(/[^a-z0-9_]+/g, '_').slice(0, 80);
}
