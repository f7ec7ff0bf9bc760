/** Statements → migration file / schema SQL text, Atlas's way. */
import { combineTableClauses } from './combine.js';
import type { Statement } from './types.js';

/**
 * Renders statements as an Atlas migration file: a `-- <Comment>` line before each statement, the
 * statement followed by `;`, no blank lines in between, a trailing newline; each table's clauses joined
 * into one `ALTER TABLE` (see `combineTableClauses`). When a statement cannot run in a transaction the
 * file starts with `-- atlas:txmode none` and a blank line.
 *
 * @example
 * renderMigrationFile(plan(diff(a, b), a, b))
 * // '-- Create "users" table\nCREATE TABLE "practice_app"."users" (…);\n'
 */
export function renderMigrationFile(statements: readonly Statement[], opts: RenderOptions = {}): string {
  const header = statements.some((s) => !s.transactional) ? '-- atlas:txmode none\n\n' : '';
  return header + renderSchemaSql(statements, opts);
}

export interface RenderOptions {
  /** One clause of a table's `ALTER TABLE` per line, indented (Atlas's `{{ sql . "  " }}`; plan with the same `indent`). */
  readonly indent?: string;
}

/** The SQL of a whole schema or of a plan (e.g. `schema inspect --format sql`, `schema diff`), Atlas's way. */
export function renderSchemaSql(statements: readonly Statement[], opts: RenderOptions = {}): string {
  return combineTableClauses(statements, opts).map((s) => `-- ${s.comment}\n${s.sql};\n`).join('');
}
