/**
 * Data statements written in the schema file (the guide's "Modifying Existing Data": an `UPDATE` in
 * schema.sql, then `migrate diff` + `migrate apply`).
 *
 * In:  the schema sources and the migration directory. Out: the data statements (INSERT, UPDATE, DELETE,
 *      MERGE, TRUNCATE, `SELECT setval(…)`) that no migration file contains yet, each with its location and
 *      the table it writes; and where they go in a new migration (`placeDataStatements`).
 * "Contains" compares parse trees (locations dropped), so spacing, case of keywords and comments do not
 * make an already-shipped statement new again; a changed value does. Never touches a database.
 */
import { readMigrationFiles } from '../migrate/dir.js';
import { initSplitter, splitStatements } from '../parse/split.js';
import { qualifiedKey } from '../model/names.js';
import { tagOf, type Payload, type Tree } from '../parse/ast.js';
import { loadLibpg, parseSync } from '../parse/libpg.js';
import type { Statement } from '../plan/index.js';
import type { SqlSource } from './state.js';

export interface DataStatement {
  /** The statement as written (without its final `;`). */
  readonly sql: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `INSERT`, `UPDATE`, `DELETE`, `MERGE`, `TRUNCATE` or `SETVAL`. */
  readonly verb: string;
  /** The table it writes (`schema.table` key), when it names one. */
  readonly table?: string;
}

const DATA_KINDS: Record<string, string> = { InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', MergeStmt: 'MERGE', TruncateStmt: 'TRUNCATE' };
/** Cheap prefilter: the first keyword of a statement that may change data. */
const MAYBE_DATA = /^(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE|WITH|SELECT)\b/i;

/** A parse tree without positions, as a string: equal for the same statement however it is spaced. */
function shape(ast: unknown): string {
  return JSON.stringify(ast, (k, v: unknown) => (k === 'location' || k === 'stmt_location' || k === 'stmt_len' ? undefined : v));
}

function classify(text: string, searchPath: readonly string[]): { verb: string; table?: string; shape: string } | undefined {
  if (!MAYBE_DATA.test(text)) return undefined;
  let stmts: { stmt: Tree }[];
  try {
    stmts = (parseSync(text) as { stmts?: { stmt: Tree }[] }).stmts ?? [];
  } catch {
    return undefined; // not valid SQL: the schema parser reports it
  }
  const stmt = stmts[0]?.stmt;
  if (!stmt || stmts.length !== 1) return undefined;
  const [type, body] = tagOf(stmt);
  const rel = (v: Payload<'RangeVar'> | undefined) => (v?.relname ? qualifiedKey(v.schemaname ?? searchPath[0] ?? 'public', v.relname) : undefined);
  const data = (table: string | undefined) => ({ verb: DATA_KINDS[type]!, ...(table ? { table } : {}), shape: shape(stmt) });
  switch (type) {
    case 'InsertStmt': case 'UpdateStmt': case 'DeleteStmt': case 'MergeStmt': return data(rel(body.relation));
    case 'TruncateStmt': return data(rel(body.relations?.[0]?.RangeVar));
  }
  if (type === 'SelectStmt' && /\bsetval\s*\(/i.test(text)) return { verb: 'SETVAL', shape: shape(stmt) };
  return undefined;
}

/**
 * The data statements of the schema files that no migration file in `migrationsDir` contains.
 *
 * @example
 * const pending = await pendingDataStatements(readSchemaSources('database/schema/schema.sql'), 'database/migrations');
 * pending[0] // { sql: "UPDATE users SET status = 'active' WHERE status IS NULL", file: 'database/schema/schema.sql', line: 12, verb: 'UPDATE', table: 'public.users' }
 */
export async function pendingDataStatements(sources: readonly SqlSource[], migrationsDir: string, opts: { searchPath?: readonly string[] } = {}): Promise<DataStatement[]> {
  await Promise.all([initSplitter(), loadLibpg()]);
  const searchPath = opts.searchPath ?? ['public'];
  const found = located(sources, searchPath);
  if (found.length === 0) return [];
  const shipped = new Set<string>();
  for (const f of readMigrationFiles(migrationsDir)) {
    for (const st of splitStatements(f.content, f.name)) {
      const c = classify(st.text, searchPath);
      if (c) shipped.add(c.shape);
    }
  }
  const seen = new Set<string>();
  const out: DataStatement[] = [];
  for (const { shape: s, ...d } of found) {
    if (shipped.has(s) || seen.has(s)) continue;
    seen.add(s);
    out.push(d);
  }
  return out;
}

/**
 * The data statements of SQL texts (e.g. migration files), in order, located.
 *
 * @example
 * await dataStatementsIn([{ file: '20260101_seed.sql', text: "INSERT INTO roles VALUES ('admin');" }])
 * // [{ sql: "INSERT INTO roles VALUES ('admin')", file: '20260101_seed.sql', line: 1, verb: 'INSERT', table: 'public.roles' }]
 */
export async function dataStatementsIn(sources: readonly SqlSource[], opts: { searchPath?: readonly string[] } = {}): Promise<DataStatement[]> {
  await Promise.all([initSplitter(), loadLibpg()]);
  return located(sources, opts.searchPath ?? ['public']).map(({ shape: _, ...d }) => d);
}

/** The data statements of the sources with their location and parse-tree shape (splitter and parser loaded). */
function located(sources: readonly SqlSource[], searchPath: readonly string[]): (DataStatement & { shape: string })[] {
  const out: (DataStatement & { shape: string })[] = [];
  for (const src of sources)
    for (const st of splitStatements(src.text, src.file)) {
      const c = classify(st.text, searchPath);
      if (c) out.push({ sql: st.text.replace(/;\s*$/, ''), file: src.file, line: st.line, column: st.column, verb: c.verb, ...(c.table ? { table: c.table } : {}), shape: c.shape });
    }
  return out;
}

/** One entry of a migration file: a planned statement or a data statement from the schema file. */
export type FileEntry = { readonly kind: 'ddl'; readonly statement: Statement } | { readonly kind: 'data'; readonly data: DataStatement };

/**
 * Where data statements go among the planned DDL: after it, except before the first statement that may fail
 * on the table's existing rows (`DATA_DEPENDENT`: SET NOT NULL, a new CHECK or UNIQUE on an existing column)
 * — so a back-fill runs between the column's ADD and its NOT NULL. Adding a table or column never moves
 * after the data. The schema file's order of data statements is kept.
 *
 * @example
 * placeDataStatements(statements, data).map((e) => e.kind) // ['ddl', 'data', 'ddl']
 */
export function placeDataStatements(statements: readonly Statement[], data: readonly DataStatement[]): FileEntry[] {
  const at = data.map((d) => {
    // Statements that create what the data uses (a table, a column) stay before it, whatever their hazards.
    const checksRows = (s: Statement) => s.source.kind !== 'create_table' && s.source.kind !== 'add_column' && s.hazards.some((h) => h.code === 'DATA_DEPENDENT');
    const i = d.table ? statements.findIndex((s) => s.object === d.table && checksRows(s)) : -1;
    return i < 0 ? statements.length : i;
  });
  for (let i = 1; i < at.length; i++) at[i] = Math.max(at[i]!, at[i - 1]!);
  const out: FileEntry[] = [];
  let k = 0;
  for (let i = 0; i <= statements.length; i++) {
    while (k < data.length && at[k] === i) out.push({ kind: 'data', data: data[k++]! });
    if (i < statements.length) out.push({ kind: 'ddl', statement: statements[i]! });
  }
  return out;
}

/** The comment that marks a data statement in a migration file. */
export function dataComment(d: DataStatement): string {
  return `Data change from ${d.file}:${d.line} (${d.verb}${d.table ? ` ${d.table}` : ''}): runs once; not shipped again while it stays in the schema file`;
}
