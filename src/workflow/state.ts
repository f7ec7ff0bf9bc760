/**
 * Turning a desired or current state into a Model through a dev database (Atlas's `--dev-url` approach):
 * the SQL runs on a scratch database (in-memory PGlite by default) and the inspector reads it back, so
 * both sides of a diff are in PostgreSQL's own canonical spelling.
 *
 * In:  schema files / a migration directory, and a dev Database. Out: a Model, or located errors.
 * Never: runs against the user's target database (the dev database is wiped before and after use).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { blankDumpGuards, readTextFile } from '../input/text.js';
import { acquireDevDatabase, releaseDevDatabase } from './dev-lease.js';
import { join, relative } from 'node:path';
import { loadLibpg, parseSync } from '../parse/libpg.js';
import { keywordFix } from '../parse/keyword-fix.js';
import type { Database } from '../db/database.js';
import { PGLITE_CONTRIB } from '../db/pglite.js';
import { MeridianError, type SourceLocation } from '../errors.js';
import { inspect } from '../inspect/index.js';
import { compareBytes, readReplayFiles } from '../migrate/dir.js';
import { initSplitter, splitStatements, type SplitStatement } from '../parse/split.js';
import { initSchemaParser } from '../parse/index.js';
import { assertNothingRefused, statedExtensions } from './native.js';
import type { Model } from '../model/types.js';
import { formatLocatedErrors, lineOf, locatedError, type LocatedError, type SqlSource } from '../parse/located.js';

export { formatLocatedErrors, lineOf, locatedError, type LocatedError, type SqlSource };
/** The dev database's reset lives with the lease that uses it (dev-reset.ts); importers of it here keep working. */
export { resetDevDatabase } from './dev-reset.js';


/** Reads `schema.sql`, or every `*.sql` of a directory (recursively, in byte-wise path order); pg_dump's `\\restrict` guard lines are blanked (`blankDumpGuards`). */
export function readSchemaSources(path: string, cwd = process.cwd()): SqlSource[] {
  if (!existsSync(path)) throw new MeridianError('E_USAGE', `schema file ${relative(cwd, path) || path} not found: create it or pass --to file://path/to/schema.sql`);
  if (statSync(path).isFile()) return [{ file: relative(cwd, path) || path, text: blankDumpGuards(readTextFile(path, relative(cwd, path) || path)) }];
  const out: SqlSource[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort(compareBytes)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.sql')) out.push({ file: relative(cwd, p) || p, text: blankDumpGuards(readTextFile(p, relative(cwd, p) || p)) });
    }
  };
  walk(path);
  return out;
}

/** Syntax errors of every statement, located (file:line:col), using the real PostgreSQL parser. */
export async function syntaxErrors(sources: readonly SqlSource[]): Promise<LocatedError[]> {
  await loadLibpg();
  await initSplitter();
  const errors: LocatedError[] = [];
  for (const src of sources) {
    let stmts;
    try {
      stmts = splitStatements(src.text, src.file);
    } catch (e) {
      const loc = (e as MeridianError).location ?? { file: src.file, line: 1, column: 1 };
      errors.push({ code: 'E_SYNTAX', severity: 'error', location: loc, message: (e as Error).message.replace(`${src.file}: `, ''), sourceLine: lineOf(src.text, loc.line) });
      continue;
    }
    for (const st of stmts) {
      try {
        parseSync(st.text);
      } catch (e) {
        const err = e as Error & { sqlDetails?: { cursorPosition?: number } };
        const loc = locate(st, err.sqlDetails?.cursorPosition, src.file);
        const fix = keywordFix(st.text, err.sqlDetails?.cursorPosition);
        errors.push({ code: 'E_SYNTAX', severity: 'error', location: loc, message: err.message, ...(fix ? { fix } : {}), sourceLine: lineOf(src.text, loc.line) });
      }
    }
  }
  return errors;
}

export function locate(st: { text: string; line: number; column: number; offset: number }, bytePos: number | undefined, file: string): SourceLocation {
  if (bytePos === undefined || bytePos < 0) return { file, line: st.line, column: st.column, offset: st.offset };
  const before = Buffer.from(st.text, 'utf8').subarray(0, bytePos).toString('utf8');
  const lines = before.split('\n');
  const line = st.line + lines.length - 1;
  const column = lines.length === 1 ? st.column + before.length : lines.at(-1)!.length + 1;
  return { file, line, column, offset: st.offset + bytePos };
}

/**
 * Runs schema sources statement by statement on the dev database and collects every failing statement
 * with its location (PostgreSQL's error position mapped back to file:line:col).
 */
/**
 * PostgreSQL's message for a statement that failed on the dev database, with what to do when the reason is the
 * dev database itself: an extension the embedded one (PGlite) does not ship (`pg_stat_statements`, `postgis`,
 * `file_fdw`…), or that a PostgreSQL dev database's server does not have installed (postgis, vector, pg_partman…).
 *
 * @example
 * explainDevError(pgliteDev, 'extension "postgis" is not available')
 * // 'extension "postgis" is not available in the embedded dev database (PGlite) … pass --dev-url "postgres://…"'
 */
export function explainDevError(dev: Pick<Database, 'kind'>, message: string): string {
  const m = /extension "([^"]+)" is not available|could not open extension control file "[^"]*\/([^/"]+)\.control"/.exec(message);
  if (!m) return message;
  const name = m[1] ?? m[2]!;
  const where = dev.kind === 'pglite'
    ? `in the embedded dev database (PGlite, which ships only: ${PGLITE_CONTRIB.join(', ')})`
    : 'on the dev database\'s PostgreSQL server (the server lacks it: its control file is not installed there)';
  return `extension "${name}" is not available ${where}. ` +
    `Validate and diff this schema on a PostgreSQL server that has "${name}" installed: pass --dev-url "postgres://user:pass@localhost:5432/dev" (an empty database Meridian may clear), or set DEV_DATABASE_URL / the env block's dev in atlas.hcl`;
}

export async function executeSources(dev: Database, sources: readonly SqlSource[], opts: { stopAtFirst?: boolean } = {}): Promise<LocatedError[]> {
  await initSplitter();
  const errors: LocatedError[] = [];
  // Extensions the embedded dev database does not ship, reported once: a later `COMMENT ON EXTENSION` or
  // `ALTER EXTENSION` of one fails only because of it ("extension … does not exist"), not reported again.
  const lacking = new Set<string>();
  const one = async (src: SqlSource, st: SplitStatement): Promise<boolean> => {
    try {
      await dev.exec(st.text);
      return true;
    } catch (e) {
      const raw = (e as Error).message;
      if (lacking.has(/^extension "([^"]+)" does not exist/.exec(raw)?.[1] ?? '')) return false;
      const message = explainDevError(dev, raw);
      if (message !== raw) lacking.add(/^extension "([^"]+)"/.exec(message)?.[1] ?? '');
      const loc = locateStatementError(st, e, src.file);
      errors.push({ code: 'E_DEV', severity: 'error', location: loc, message, sourceLine: lineOf(src.text, loc.line) });
      return false;
    }
  };
  for (const src of sources) {
    // Statements run in batches (one round trip and one implicit transaction each): thousands of
    // statements one by one cost minutes against a server. A failing batch is rolled back by
    // PostgreSQL and replayed statement by statement, so errors keep their exact location.
    let batch: SplitStatement[] = [];
    let size = 0;
    const flush = async (): Promise<boolean> => {
      const list = batch;
      batch = [];
      size = 0;
      if (list.length === 0) return true;
      if (list.length > 1) {
        try {
          await dev.exec(list.map((x) => x.text.replace(/;\s*$/, '')).join('\n;\n'));
          return true;
        } catch {
          /* replayed one by one below */
        }
      }
      for (const st of list) if (!(await one(src, st)) && opts.stopAtFirst) return false;
      return true;
    };
    for (const st of splitStatements(src.text, src.file)) {
      if (mustRunAlone(st.text)) {
        if (!(await flush())) return errors;
        if (!(await one(src, st)) && opts.stopAtFirst) return errors;
        continue;
      }
      batch.push(st);
      size += st.text.length;
      if (batch.length >= 500 || size > 1_000_000) if (!(await flush())) return errors;
    }
    if (!(await flush())) return errors;
  }
  return errors;
}

/**
 * Where a statement failed: the server's error position (1-based character) mapped to file:line:col,
 * else the statement's start.
 */
export function locateStatementError(st: SplitStatement, e: unknown, file: string): SourceLocation {
  const err = e as { position?: string; cause?: { position?: string } };
  const pos = Number(err.position ?? err.cause?.position);
  return locate(st, Number.isFinite(pos) && pos > 0 ? Buffer.byteLength(st.text.slice(0, pos - 1), 'utf8') : undefined, file);
}

/**
 * Statements that must not share an implicit transaction with others: transaction control, anything
 * CONCURRENTLY, and commands PostgreSQL refuses inside a transaction block.
 */
function mustRunAlone(text: string): boolean {
  const body = text.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  return /^(BEGIN|COMMIT|END|START|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE|VACUUM|CLUSTER|REINDEX|CHECKPOINT|LISTEN|CREATE\s+DATABASE|DROP\s+DATABASE|ALTER\s+SYSTEM|CREATE\s+TABLESPACE|DROP\s+TABLESPACE)\b/i.test(body) ||
    /\bCONCURRENTLY\b/i.test(body) || /\bADD\s+VALUE\b/i.test(body);
}


/**
 * The Model of a desired state given as SQL files.
 *
 * @example
 * const model = await modelFromSources(dev, readSchemaSources('database/schema/schema.sql'));
 */
export async function modelFromSources(dev: Database, sources: readonly SqlSource[], opts: { schemas?: readonly string[]; exclude?: readonly string[] } = {}): Promise<Model> {
  const syntax = await syntaxErrors(sources);
  if (syntax.length) throw locatedError('E_PARSE', syntax);
  await initSchemaParser();
  // What no schema file may hold is refused before the dev database runs anything (src/parse/refused.ts).
  assertNothingRefused(sources);
  await acquireDevDatabase(dev);
  try {
    const errs = await executeSources(dev, sources, { stopAtFirst: true });
    if (errs.length) throw locatedError('E_VALIDATE', errs);
    return statedVersionsOnly((await inspect(dev, { schemas: opts.schemas, exclude: opts.exclude })).model, sources);
  } finally {
    await releaseDevDatabase(dev).catch(() => undefined);
  }
}

/**
 * `model` (read back from the dev database the files ran on) without the extension versions the files do not
 * state: the dev server installed its default there, which is not the user's wish (an extension's version is
 * compared only when the file states it, ../diff/extensions.ts). The stated versions are the native fold's
 * (`statedExtensions`: `CREATE EXTENSION … VERSION` and `ALTER EXTENSION … UPDATE TO`).
 *
 * @example
 * statedVersionsOnly(model, [{ file: 's.sql', text: 'CREATE EXTENSION hstore;' }]).extensions.hstore.version // undefined
 */
export function statedVersionsOnly(model: Model, sources: readonly SqlSource[]): Model {
  if (!Object.keys(model.extensions).length) return model;
  const stated = statedExtensions(sources);
  const extensions = Object.fromEntries(Object.entries(model.extensions).map(([k, e]) => {
    if (stated[k]?.version !== undefined || e.version === undefined) return [k, e];
    const { version: _, ...rest } = e;
    return [k, rest];
  }));
  return { ...model, extensions };
}

/** The Model a migration directory produces (replayed on the dev database, from its last checkpoint file if any). */
export async function modelFromMigrations(dev: Database, dir: string, opts: { schemas?: readonly string[]; exclude?: readonly string[]; then?: readonly string[] } = {}): Promise<Model> {
  const files = readReplayFiles(dir);
  await acquireDevDatabase(dev);
  try {
    const errs = await executeSources(dev, files.map((f) => ({ file: relative(process.cwd(), f.path) || f.path, text: f.text })), { stopAtFirst: true });
    if (errs.length) throw locatedError('E_MIGRATE_DIR', errs, 'replaying the migration directory failed');
    // Statements to run on the replayed state before reading it back (e.g. the renames the user asked for).
    for (const sql of opts.then ?? []) await dev.exec(sql);
    return (await inspect(dev, { schemas: opts.schemas, exclude: opts.exclude })).model;
  } finally {
    await releaseDevDatabase(dev).catch(() => undefined);
  }
}

