/**
 * `schema validate`: the native parser first (syntax, unknown or duplicate objects, FK problems, unsupported
 * statements — every problem located, no database), then, unless `native`, the files run on the dev
 * database to catch what only PostgreSQL knows (type checks of defaults, function bodies…).
 *
 * In:  schema sources, a dev database opener. Out: errors and warnings as located `Problem`s, and counts.
 * Never: prints or throws for a problem of the files (they are the result).
 */
import type { Database } from '../db/database.js';
import { inspect } from '../inspect/index.js';
import { checkSchema, initSchemaParser, type SchemaProblem } from '../parse/index.js';
import type { Problem } from '../problem.js';
import { acquireDevDatabase, releaseDevDatabase } from './dev-lease.js';
import { executeSources, readSchemaSources, type SqlSource } from './state.js';

export interface SchemaValidateOptions {
  /** The schema files: a path (file or directory, resolved against `cwd`) or their sources. */
  readonly schema: string | readonly SqlSource[];
  readonly cwd?: string;
  /** search_path unqualified names resolve through (the target URL's); default `public`. */
  readonly searchPath?: readonly string[];
  /** Only the native checks: no dev database, and statements the fold cannot follow are errors. */
  readonly native?: boolean;
  /** Opens the dev database for the final check (never the target); closed when done. */
  readonly dev?: () => Promise<Database>;
}

export interface SchemaValidateResult {
  readonly valid: boolean;
  /** The files validated, as named in problems. */
  readonly files: readonly string[];
  readonly statements: number;
  readonly tables: number;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

/**
 * Validates schema files.
 *
 * @example
 * const r = await schemaValidate({ schema: 'database/schema/schema.sql', dev: () => openDatabase('pglite://memory') });
 * if (!r.valid) console.error(formatProblems(r.errors));
 */
export async function schemaValidate(opts: SchemaValidateOptions): Promise<SchemaValidateResult> {
  const sources = typeof opts.schema === 'string' ? readSchemaSources(opts.schema, opts.cwd) : opts.schema;
  await initSchemaParser();
  // Statements only a database can run (a DO block, …) go to the dev database, as in `schema apply` and
  // `migrate diff`: kept as opaque by the native fold, unless native (no database to judge them).
  const checked = checkSchema(sources, { searchPath: opts.searchPath, allowOpaque: !opts.native });
  // E_NATIVE: valid SQL the native folder cannot follow (e.g. a rename a view must follow): the dev database decides.
  // With opaque statements, what the fold cannot find may be theirs (a DO block creating a type): the dev database decides too.
  // A refused kind (src/parse/refused.ts) never does: it is an error with or without --native, and nothing runs.
  const devDecides = (e: SchemaProblem) => !e.refused && (e.code === 'E_NATIVE' || (checked.model.opaque.length > 0 && e.code !== 'E_SYNTAX' && e.code !== 'E_PARSE'));
  let errors: readonly Problem[] = opts.native ? checked.errors : checked.errors.filter((e) => !devDecides(e));
  let tables = Object.keys(checked.model.tables).length;
  if (errors.length === 0 && !opts.native && opts.dev) {
    const dev = await opts.dev();
    try {
      await acquireDevDatabase(dev);
      try {
        errors = await executeSources(dev, sources);
        // What a DO block (or another statement only a database follows) created is counted from the dev database.
        if (!errors.length && checked.model.opaque.length) tables = Object.keys((await inspect(dev)).model.tables).length;
      } finally {
        await releaseDevDatabase(dev).catch(() => undefined);
      }
    } finally {
      await dev.close();
    }
  }
  return { valid: errors.length === 0, files: sources.map((s) => s.file), statements: checked.statements, tables, errors, warnings: checked.warnings };
}
