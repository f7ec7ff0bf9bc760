/**
 * Desired and current states without a database: schema files and migration directories folded by the
 * native parser (src/parse). Used by `migrate diff` (and `schema apply`'s desired side) before falling
 * back to the dev database: when anything does not fold — a DO block, a rule, a file with a custom
 * delimiter, an unknown reference, a constant of an extension's type (src/parse/undecided-constants.ts) — these return undefined and the caller replays on the dev database,
 * which also reports PostgreSQL's own errors.
 *
 * In:  sources / a migration directory and a scope. Out: a Model in the same shape the inspector gives.
 * Never: touches a database.
 */
import { relative } from 'node:path';
import { globToRegExp } from '../inspect/index.js';
import { readReplayFiles } from '../migrate/dir.js';
import type { Model } from '../model/types.js';
import { MeridianError } from '../errors.js';
import { checkSchema, formatProblems, initSchemaParser, type SchemaProblem, type SchemaSource } from '../parse/index.js';
import { locatedError } from '../parse/located.js';

export interface NativeScope {
  readonly schemas?: readonly string[];
  readonly exclude?: readonly string[];
  /** search_path unqualified names resolve through (the URL's); default `public`. */
  readonly searchPath?: readonly string[];
  /** Schemas that exist before the files run (a schema-bound URL's schema). */
  readonly existingSchemas?: readonly string[];
  /** The role that will run the DDL (the target's `current_user`), when known: see FoldOptions.role. */
  readonly role?: string;
}

/**
 * The part of a Model a scope manages, as the inspector would read it (`--schema`, `--exclude`).
 *
 * @example
 * scopeModel(model, { schemas: ['app'] }).tables // only app.*
 */
export function scopeModel(model: Model, scope: NativeScope): Model {
  const excludes = (scope.exclude ?? []).map(globToRegExp);
  const keepSchema = (s: string) => (!scope.schemas || scope.schemas.includes(s)) && !excludes.some((re) => re.test(s));
  const keep = (o: { schema: string; name: string }) => keepSchema(o.schema) && !excludes.some((re) => re.test(`${o.schema}.${o.name}`));
  if (!scope.schemas && !excludes.length) return model;
  const pick = <T extends { schema: string; name: string }>(m: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(m).filter(([, o]) => keep(o)));
  return {
    ...model,
    schemas: Object.fromEntries(Object.entries(model.schemas).filter(([s]) => keepSchema(s))),
    types: pick(model.types), sequences: pick(model.sequences), tables: pick(model.tables), views: pick(model.views), functions: pick(model.functions),
    objects: Object.fromEntries(Object.entries(model.objects ?? {}).filter(([, o]) => (o.kind === 'rule' || o.kind === 'foreign_table' ? keep({ schema: o.schema, name: o.kind === 'rule' ? o.table.slice(o.schema.length + 1) : o.name }) : !scope.schemas))),
    unmanaged: model.unmanaged.filter((u) => !u.schema || keepSchema(u.schema)),
  };
}

/**
 * The extensions each fold of a list of sources found (also when the fold failed and a dev database builds the
 * state instead): `statedExtensions` reads them back without folding the same files again.
 */
const foldedExtensions = new WeakMap<readonly SchemaSource[], Model['extensions']>();

/**
 * The extensions the files create, as the native fold reads them: with a version only where a file states one
 * (`CREATE EXTENSION … VERSION`, `ALTER EXTENSION … UPDATE TO`). A dev database's Model has every installed
 * version; the workflow keeps only these (src/workflow/state.ts `statedVersionsOnly`). Statements the fold cannot
 * decide (a DO block…) are skipped, not errors. Folds the sources unless a fold of the same list already ran.
 *
 * @example
 * statedExtensions([{ file: 's.sql', text: "CREATE EXTENSION hstore; ALTER EXTENSION hstore UPDATE TO '1.8';" }]).hstore.version // '1.8'
 */
export function statedExtensions(sources: readonly SchemaSource[]): Model['extensions'] {
  const seen = foldedExtensions.get(sources);
  if (seen) return seen;
  let extensions: Model['extensions'] = {};
  try {
    extensions = checkSchema(sources, { allowOpaque: true }).model.extensions;
  } catch {
    // A file the parser cannot read states nothing here; the dev database reports it.
  }
  foldedExtensions.set(sources, extensions);
  return extensions;
}

/** The refused statements each fold of a list of sources found (`refusedStatements` reads them back). */
const foldedRefusals = new WeakMap<readonly SchemaSource[], readonly SchemaProblem[]>();

/**
 * The statements of schema files that no schema file may hold (src/parse/refused.ts: an access method, a
 * subscription, privileges on PostgreSQL's own objects…), each located, in file order. The same list whichever
 * command asks and whatever else the files hold (a DO block sends the rest to the dev database, never these).
 * Folds the sources unless a fold of the same list already ran.
 *
 * @example
 * refusedStatements([{ file: 's.sql', text: 'DO $$ BEGIN END $$;\nCREATE ACCESS METHOD am TYPE TABLE HANDLER heap_tableam_handler;' }])
 * // [{ code: 'E_UNSUPPORTED', refused: 'ACCESS METHOD', location: { file: 's.sql', line: 2, column: 1 }, … }]
 */
export function refusedStatements(sources: readonly SchemaSource[]): readonly SchemaProblem[] {
  const seen = foldedRefusals.get(sources);
  if (seen) return seen;
  let refused: readonly SchemaProblem[] = [];
  try {
    const r = checkSchema(sources, { allowOpaque: true });
    refused = r.errors.filter((e) => e.refused);
    foldedExtensions.set(sources, r.model.extensions);
  } catch {
    // A file the parser cannot read refuses nothing here; its syntax error is reported where it is run.
  }
  foldedRefusals.set(sources, refused);
  return refused;
}

/**
 * Stops a command on the statements of the desired state's files that no schema file may hold (`refusedStatements`):
 * one located `E_UNSUPPORTED` listing each (file:line:col, the statement, what to do instead), thrown before the dev
 * database or the target runs anything. `schema apply`, `migrate diff`, `schema inspect` of files and every other
 * command that builds a desired state from schema files call it, natively or on the dev database
 * (`modelFromSources`); `schema validate` reports the same problems as its errors.
 *
 * @example
 * assertNothingRefused(readSchemaSources('database/schema/schema.sql')) // throws E_UNSUPPORTED at schema.sql:3:1
 */
export function assertNothingRefused(sources: readonly SchemaSource[]): void {
  const refused = refusedStatements(sources);
  if (refused.length) throw locatedError('E_UNSUPPORTED', refused);
}

function fold(sources: readonly SchemaSource[], scope: NativeScope, desired = true): Model | undefined {
  const r = checkSchema(sources, { searchPath: scope.searchPath, existingSchemas: scope.existingSchemas, role: scope.role });
  foldedExtensions.set(sources, r.model.extensions);
  foldedRefusals.set(sources, r.errors.filter((e) => e.refused));
  // A syntax error is final (PostgreSQL's own parser said so): reported here, located, without a dev database.
  const syntax = r.errors.filter((e) => e.code === 'E_SYNTAX');
  if (syntax.length) {
    throw new MeridianError('E_PARSE', `${syntax[0]!.message}${syntax.length > 1 ? ` (and ${syntax.length - 1} more)` : ''}\n${formatProblems(syntax)}`, { location: syntax[0]!.location });
  }
  // So is a kind no schema file may hold (migrations may: that is where it goes).
  if (desired) assertNothingRefused(sources);
  // Constants only their type's output function prints (an extension's: `'(1,2)'::cube`) are decided there too.
  if (r.errors.length || r.model.opaque.length || r.undecided.length) return undefined;
  return scopeModel(r.model, scope);
}

/**
 * The desired state of schema files, natively; undefined when something does not fold.
 *
 * @example
 * const desired = await nativeModelFromSources(readSchemaSources('database/schema/schema.sql'), {});
 */
export async function nativeModelFromSources(sources: readonly SchemaSource[], scope: NativeScope = {}, opts: { readonly migrations?: boolean } = {}): Promise<Model | undefined> {
  await initSchemaParser();
  return fold(sources, scope, !opts.migrations);
}

/**
 * The state a migration directory produces, replayed natively (statements folded in file order, data
 * statements skipped as they do not change the schema); `then` are statements folded after it (e.g. the
 * renames the user confirmed). Undefined when something does not fold. Like Atlas's replay, it starts at
 * the last checkpoint file (which holds the whole schema at its version) when the directory has one.
 */
export async function nativeModelFromMigrations(dir: string, scope: NativeScope = {}, then: readonly string[] = []): Promise<Model | undefined> {
  await initSchemaParser();
  const files = readReplayFiles(dir);
  // Custom delimiters (`-- atlas:delimiter`) change statement boundaries: left to the dev database.
  if (files.some((f) => f.directives.some((d) => d.name === 'delimiter'))) return undefined;
  const sources: SchemaSource[] = files.map((f) => ({ file: relative(process.cwd(), f.path) || f.path, text: f.text }));
  if (then.length) sources.push({ file: '<renames>', text: then.map((s) => `${s};`).join('\n') });
  return fold(sources, scope, false);
}
