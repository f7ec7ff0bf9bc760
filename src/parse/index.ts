/**
 * The native parser: SQL schema files (or a migration directory) → Model, with no database.
 *
 * In:  SQL sources (file name + text). Out: the Model, located warnings (data statements, ignored
 *      settings) and located errors (syntax, unsupported DDL, unknown or duplicate objects, FK problems).
 * Never: does I/O or connects anywhere. Every problem carries file:line:col from the parser's locations.
 */
import { MeridianError, type SourceLocation } from '../errors.js';
import { formatProblems, type Problem } from '../problem.js';
import type { Model } from '../model/types.js';
import { Folder, type FoldProblem } from './fold.js';
import { FileDoesNotParse, initParser, LineIndex, statementPieces, syntaxProblem } from './pg.js';
import { validateModel } from './validate.js';
import { observeConstants } from './normalize-expr.js';
import { undecidedConstants, type UndecidedConstant } from './undecided-constants.js';

export { canonicalExprText, canonicalQueryText } from './normalize-forms.js';
export { canonicalStatementText, canonicalConstraintText, canonicalBoundText } from './normalize-statements.js';
export { canonicalizeDefinitions, canonicalizeViews, exprFromText, indexShape, indexShapeFromText, modelContext } from './canonical.js';
export { initParser } from './pg.js';

export interface SchemaSource {
  readonly file: string;
  readonly text: string;
}

/**
 * A problem of the schema files: the one `Problem` shape (src/problem.ts), with a stable code (`E_SYNTAX`,
 * `E_UNKNOWN`, `E_DUPLICATE`, `E_UNSUPPORTED`, `E_FK`, `W_DATA`, `W_IGNORED`, …) and the source line.
 */
export type SchemaProblem = Problem & {
  readonly sourceLine: string;
  /** The refused kind (./refused.ts) of a statement no schema file may hold: final in every command, never sent to a dev database. */
  readonly refused?: string;
};

export interface ParseSchemaOptions {
  /** search_path the files start with (the target URL's); default `public`. */
  readonly searchPath?: readonly string[];
  /** Keep statements the Model cannot represent (DO blocks, rules, …) as opaque statements instead of errors. */
  readonly allowOpaque?: boolean;
  /** Schemas that exist before the files run (a schema-bound URL's schema). */
  readonly existingSchemas?: readonly string[];
  /** The role that will run the DDL, by name: grants naming it on what the files create are the owner's (FoldOptions.role). */
  readonly role?: string;
}

export interface CheckSchemaResult {
  readonly model: Model;
  readonly errors: readonly SchemaProblem[];
  readonly warnings: readonly SchemaProblem[];
  /** Statements folded. */
  readonly statements: number;
  /**
   * Constants only their type's output function prints (an extension's type: `'(1,2)'::cube`), kept as written in
   * the Model: the workflow builds such a state on the dev database instead (./undecided-constants.ts).
   */
  readonly undecided: readonly UndecidedConstant[];
}

/**
 * Parses and folds schema sources, collecting every problem (never throws for bad input).
 *
 * @example
 * await initParser();
 * const r = checkSchema([{ file: 'schema.sql', text: 'CREATE TABLE t (id int REFERENCES nope);' }]);
 * r.errors[0].message // 'relation "nope" does not exist'
 */
export function checkSchema(sources: readonly SchemaSource[], opts: ParseSchemaOptions = {}): CheckSchemaResult {
  const folder = new Folder(opts);
  const problems: SchemaProblem[] = [];
  const lineIndexes = new Map<string, LineIndex>();
  const lineOf = (loc: SourceLocation) => lineIndexes.get(loc.file)?.lineText(loc.line) ?? '';
  let statements = 0;
  const observed: UndecidedConstant[] = [];
  let at: SourceLocation = { file: sources[0]?.file ?? '', line: 1, column: 1 };
  return observeConstants((text, type) => observed.push({ text, type, location: at }), () => {
    for (const src of sources) {
      const lines = new LineIndex(Buffer.from(src.text, 'utf8'));
      lineIndexes.set(src.file, lines);
      try {
        // Folded piece by piece, so the whole file's parse tree is never held at once.
        for (const piece of statementPieces(src.text, src.file, lines)) {
          for (const st of piece) {
            statements++;
            at = st.loc;
            folder.fold(st);
          }
        }
      } catch (e) {
        if (!(e instanceof FileDoesNotParse)) throw e;
        // Locate every syntax error: parse statement by statement (each from the parser's own split).
        for (const p of syntaxErrorsOf(src.text, src.file, lines)) problems.push({ ...p, code: 'E_SYNTAX', severity: 'error', sourceLine: lines.lineText(p.location.line) });
      }
    }
    const model = folder.finish();
    const all: FoldProblem[] = [...folder.problems, ...validateModel(model)];
    for (const p of all) {
      // A node's own position (the parser's byte offset) is more precise than the statement's start.
      const idx = lineIndexes.get(p.location.file);
      const location = p.at !== undefined && idx ? { file: p.location.file, ...idx.at(p.at), offset: p.at } : p.location;
      problems.push({ location, message: p.message, code: p.code, severity: p.code.startsWith('W_') ? 'warning' : 'error', sourceLine: lineOf(location), ...(p.refused ? { refused: p.refused } : {}) });
    }
    return { model, errors: problems.filter((p) => p.severity === 'error'), warnings: problems.filter((p) => p.severity === 'warning'), statements, undecided: undecidedConstants(model, observed) };
  });
}

/**
 * Syntax errors of a file that does not parse as a whole: statements are cut at top-level `;` by the
 * scanner-based splitter and each is parsed alone, so every error is reported at its own position.
 */
function syntaxErrorsOf(text: string, file: string, lines: LineIndex): { location: SourceLocation; message: string }[] {
  const out: { location: SourceLocation; message: string }[] = [];
  let stmts: { text: string; offset: number }[];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    stmts = splitForErrors(text, file);
  } catch (e) {
    // The scanner's error (an unterminated quote, dollar quote or comment), where the token opens.
    const loc = (e as MeridianError).location;
    const scanned = { location: loc && loc.file === file ? loc : { file, line: 1, column: 1, offset: 0 }, message: (e as Error).message };
    // A grammar error before it is reported too (the parser stops at whichever comes first).
    const first = syntaxProblem(text, file, 0, lines);
    return first && (first.location.offset ?? 0) < (scanned.location.offset ?? 0) ? [first, scanned] : [scanned];
  }
  for (const st of stmts) {
    const p = syntaxProblem(st.text, file, st.offset, lines);
    if (p) out.push(p);
  }
  if (!out.length) {
    const p = syntaxProblem(text, file, 0, lines);
    if (p) out.push(p);
  }
  return out;
}

let splitter: ((text: string, file: string) => { text: string; offset: number }[]) | undefined;
function splitForErrors(text: string, file: string): { text: string; offset: number }[] {
  return splitter!(text, file);
}

/** Loads the parser and the statement splitter (wasm) once. */
export async function initSchemaParser(): Promise<void> {
  await initParser();
  if (!splitter) {
    const { initSplitter, splitStatements } = await import('./split.js');
    await initSplitter();
    splitter = (text, file) => splitStatements(text, file).map((s) => ({ text: s.text, offset: s.offset }));
  }
}

/** Formats problems as `file:line:col: severity[code]: message`, the source line and a caret (src/problem.ts). */
export { formatProblems };

/**
 * Parses schema sources into a Model with the real PostgreSQL parser, natively (no database).
 * Throws a located `E_PARSE` (syntax) or `E_VALIDATE` error listing every problem; warnings come back.
 *
 * @example
 * import { parseSchema } from 'meridian';
 * const { model, warnings } = await parseSchema([{ file: 'schema.sql', text: readFileSync('schema.sql', 'utf8') }]);
 * Object.keys(model.tables) // ['practice_app.users', …]
 */
export async function parseSchema(sources: readonly SchemaSource[], opts: ParseSchemaOptions = {}): Promise<{ model: Model; warnings: readonly SchemaProblem[] }> {
  await initSchemaParser();
  const r = checkSchema(sources, opts);
  if (r.errors.length) {
    const first = r.errors[0]!;
    const code = r.errors.some((e) => e.code === 'E_SYNTAX') ? 'E_PARSE' : 'E_VALIDATE';
    throw new MeridianError(code, `${first.message}${r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : ''}\n${formatProblems(r.errors)}`, { location: first.location });
  }
  return { model: r.model, warnings: r.warnings };
}
