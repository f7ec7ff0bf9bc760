/** Text renderings of a Model: Mermaid ER diagrams and a recreating SQL file. */
import { diff } from '../diff/index.js';
import { splitKey } from '../model/names.js';
import { freshDatabaseModel, type Model } from '../model/types.js';
import { plan, renderSchemaSql, type Statement } from '../plan/index.js';
import { MAX_LINE } from '../plan/index-sql.js';
import { loadLibpgQuery } from '../parse/libpg.js';
import { namesInSchema, unqualifySql } from '../parse/unqualify.js';
import { wrapLongView } from '../parse/wrap.js';

/**
 * A Mermaid `erDiagram` of tables, columns (with PK/FK markers) and foreign keys.
 *
 * @example
 * modelToMermaid(model) // 'erDiagram\n  practice_app_users { … }'
 */
export function modelToMermaid(model: Model): string {
  const id = (key: string) => key.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = ['erDiagram'];
  for (const [key, t] of Object.entries(model.tables)) {
    const pk = new Set(Object.values(t.constraints).flatMap((c) => (c.kind === 'primary_key' ? c.columns : [])));
    const fk = new Set(Object.values(t.constraints).flatMap((c) => (c.kind === 'foreign_key' ? c.columns : [])));
    lines.push(`  ${id(key)} {`);
    for (const c of t.columns) {
      const marks = [pk.has(c.name) ? 'PK' : '', fk.has(c.name) ? 'FK' : ''].filter(Boolean).join(',');
      lines.push(`    ${c.type.replace(/[^A-Za-z0-9_]/g, '_')} ${c.name.replace(/[^A-Za-z0-9_]/g, '_')}${marks ? ` ${marks}` : ''}`);
    }
    lines.push('  }');
  }
  for (const [key, t] of Object.entries(model.tables))
    for (const c of Object.values(t.constraints))
      if (c.kind === 'foreign_key') {
        const nullable = c.columns.some((col) => !t.columns.find((x) => x.name === col)?.notNull);
        lines.push(`  ${id(c.refTable)} ||--o{ ${id(key)} : "${c.name}${nullable ? ' (optional)' : ''}"`);
      }
  return lines.join('\n') + '\n';
}

/**
 * A dependency-ordered SQL file that recreates the Model on a fresh database. With `scope` (a URL bound to
 * one schema), that schema is taken as existing and its objects' names are written without it, as Atlas
 * does; with `scope` or `indent` (long view bodies are cut into lines) the parser's wasm must be loaded
 * (`loadLibpgQuery`).
 *
 * @example
 * modelToSql(model, { indent: '  ' }) // '-- Create "users" table\nCREATE TABLE "app"."users" (\n  "id" integer NOT NULL,\n …'
 */
export function modelToSql(model: Model, opts: { indent?: string; scope?: string } = {}): string {
  const fresh = freshDatabaseModel();
  const base = opts.scope && model.schemas[opts.scope] ? { ...fresh, schemas: { ...fresh.schemas, [opts.scope]: model.schemas[opts.scope]! } } : fresh;
  // A scoped model (e.g. --schema app) has no `public`: keep the fresh database's one rather than drop it.
  const target = model.schemas.public ? model : { ...model, schemas: { ...model.schemas, public: base.schemas.public! } };
  let statements = plan(diff(base, target), base, target, opts);
  if (opts.scope) {
    const names = namesInSchema([model], opts.scope);
    statements = statements.map((s) => ({ ...s, sql: unqualifySql(s.sql, opts.scope!, names) }));
  }
  if (opts.indent) statements = wrapLongViewsSync(statements, opts.indent);
  return renderSchemaSql(statements, opts);
}

const wrapLongViewsSync = (statements: readonly Statement[], indent: string): Statement[] =>
  statements.map((s) => ({ ...s, sql: wrapLongView(s.sql, indent, MAX_LINE) }));

/**
 * The indented format's statements with long view bodies cut into lines (src/parse/wrap.ts), so no line
 * passes `MAX_LINE` characters where a view is the cause.
 *
 * @example
 * await wrapLongViews(plan(changes, current, desired, { indent: '  ' }), '  ')
 */
export async function wrapLongViews(statements: readonly Statement[], indent: string): Promise<Statement[]> {
  await loadLibpgQuery();
  return wrapLongViewsSync(statements, indent);
}

export { splitKey };
