/**
 * `migrate lint`'s analyzers: what each statement of a migration file does to the schema.
 *
 * In:  a statement, its syntax tree and the schema before and after it (Models; their diff gives typed
 *      changes: a dropped column, a new unique index…, not text patterns). `FileLint` takes a file's
 *      statements one by one from whoever replays them (the workflow's `lintDirectory` runs them on the dev
 *      database); `lintPlan` takes planned statements and the states before and after the whole plan.
 * Out: findings with file:line:col, Atlas's codes where Atlas has one (DS, MF, BC, CD, NM, and PG101–103 of
 *      its concurrent-index analyzer) and Meridian's own MR codes for what Atlas misses.
 * Never: touches a database or the filesystem, or imports the workflow (the replay is a workflow step).
 */
import { isVolatileExpression } from '../parse/volatility.js';
import type { Tree } from '../parse/ast.js';
import { parseExpression } from '../parse/pg.js';
import { parseSync } from '../parse/libpg.js';
import { splitStatements, type SplitStatement } from '../parse/split.js';
import type { Change } from '../diff/changes.js';
import { diff } from '../diff/index.js';
import { qualifiedKey, quoteIdent } from '../model/names.js';
import { castInfo, type CastModels } from '../model/casts.js';
import type { Model } from '../model/types.js';
import { plan, type Statement as PlannedStatement } from '../plan/index.js';
import { combineTableClauses } from '../plan/combine.js';
import { fixedTimeDefaults } from './fixed-time-default.js';
import type { Problem, Severity } from '../problem.js';

export type { Severity };

/**
 * A finding as the one located-problem shape every command prints (src/problem.ts).
 *
 * @example
 * formatProblems(r.findings.map(findingProblem), { label: 'plain' })
 */
export function findingProblem(f: Finding): Problem {
  return { code: f.code, severity: f.severity, location: { file: f.file, line: f.line, column: f.column }, message: f.message, fix: f.fix };
}

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly analyzer: 'destructive' | 'data_depend' | 'incompatible' | 'condrop' | 'concurrent_index' | 'postgres' | 'naming' | 'execution';
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  /** Atlas's suggested fix for this finding, where Atlas's analyzer gives one (shown in Atlas's report format). */
  readonly suggested?: string;
  /** For MR100: the statement the dev database rejected. */
  readonly statement?: string;
}

export interface LintResult {
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  /** True when an error-level finding exists. */
  readonly failed: boolean;
  /** Whether atlas.sum was checked (false: the directory has none, which lint accepts as Atlas does). */
  readonly sumChecked: boolean;
  /** What Atlas's report shows: the version range, and per linted file its version, schema changes and time. */
  readonly report: LintReport;
}

export interface LintReport {
  /** Version of the last file before the linted ones. */
  readonly from?: string;
  /** Version of the last linted file. */
  readonly to?: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly version: string; readonly changes: number; readonly ns: number }>;
  readonly ns: number;
}

interface StatementContext {
  readonly stmt: SplitStatement;
  readonly ast: Tree | undefined;
  readonly before: Model;
  readonly after: Model;
  readonly changes: readonly Change[];
  /** Keys of tables created earlier in the same file (changes to them are not flagged). */
  readonly createdInFile: ReadonlySet<string>;
  /** Tables the file back-fills with UPDATE before this statement. */
  /** `schema.table.column` keys an earlier UPDATE of the file filled for every row (no WHERE, or `WHERE col IS NULL`). */
  readonly filledInFile: ReadonlySet<string>;
  /** What statements after this one in the same file create: view names and `table.column` pairs added (names without schema). */
  readonly later: { readonly views: ReadonlySet<string>; readonly addedColumns: ReadonlySet<string> };
  readonly transactional: boolean;
  /** The schema before the file's first statement. */
  readonly startOfFile: Model;
  /** Columns (`table.column` keys) added earlier in the file with a non-NULL default. */
  readonly defaultedInFile: ReadonlySet<string>;
}

/** A statement's parse tree (`{ IndexStmt: … }`), undefined when it does not parse. */
type Ast = Tree | undefined;

/** `CONCURRENTLY` on CREATE INDEX, DROP INDEX or REINDEX, read from the syntax tree. */
export function isConcurrent(ast: Ast): boolean {
  if (!ast) return false;
  return Boolean(ast.IndexStmt?.concurrent || ast.DropStmt?.concurrent || ast.ReindexStmt?.params?.some((p) => p.DefElem?.defname === 'concurrently'));
}

/** Names of constraints the statement adds with NOT VALID, or validates later (`VALIDATE CONSTRAINT`). */
/** An index kept and altered in place (its statistics targets or storage parameters): nothing is built. */
const indexAlteredInPlace = (ch: Extract<Change, { kind: 'create_index' }>): boolean => !!ch.statisticsFrom || !!ch.optionsFrom;

function notValidConstraints(ast: Ast): Set<string> {
  const out = new Set<string>();
  for (const c of ast?.AlterTableStmt?.cmds ?? []) {
    const con = c.AlterTableCmd?.def?.Constraint;
    if (c.AlterTableCmd?.subtype === 'AT_AddConstraint' && con?.skip_validation) out.add(con.conname ?? '');
    if (c.AlterTableCmd?.subtype === 'AT_ValidateConstraint') out.add(c.AlterTableCmd.name ?? '');
  }
  return out;
}

/** Whether the statement is an ALTER TABLE with a `DROP COLUMN <column>` clause. */
function dropsColumn(ast: Ast, column: string): boolean {
  return (ast?.AlterTableStmt?.cmds ?? []).some((c) => c.AlterTableCmd?.subtype === 'AT_DropColumn' && c.AlterTableCmd.name === column);
}

/** Whether an `alter_column` is a column dropped and added again: by the statement, or as the plan's retype with no cast. */
function droppedAndAdded(c: StatementContext, ch: Extract<Change, { kind: 'alter_column' }>): boolean {
  return !ch.settings && (!!ch.regenerate || dropsColumn(c.ast, ch.from.name));
}

type Rule = (c: StatementContext) => Array<Omit<Finding, 'file' | 'line' | 'column'>>;

const key = (o: { schema: string; name: string }) => qualifiedKey(o.schema, o.name);

/**
 * True when converting a column from `from` to `to` may refuse existing values, as PostgreSQL converts it
 * (../model/casts.ts over the generated pg_cast: an assignment or explicit cast that can overflow or not parse, a
 * shorter length, a numeric precision too small, a constrained domain; `models` give domains and CREATE CASTs). A
 * change with no cast at all is a column dropped and added (DS103), not this.
 *
 * @example narrows('bigint', 'integer') // true
 * narrows('integer', 'numeric(12,2)') // false
 */
export function narrows(from: string, to: string, models?: CastModels): boolean {
  const info = castInfo(from, to, models);
  return !!info.mayFail && !info.none;
}

/** The analyzers: one small rule each. */
export const RULES: readonly Rule[] = [
  (c) => c.changes.flatMap((ch) => (ch.kind === 'drop_schema' ? [{
    code: 'DS101', analyzer: 'destructive' as const, severity: 'error' as const,
    message: (() => { const n = Object.values(c.before.tables).filter((t) => t.schema === ch.schema.name).length; return n ? `Dropping non-empty schema "${ch.schema.name}" with ${n} table${n > 1 ? 's' : ''}` : `Dropping schema "${ch.schema.name}"`; })(),
    fix: 'make sure nothing uses the schema any more; silence with -- atlas:nolint DS101 if intended',
  }] : [])),
  (c) => c.changes.flatMap((ch) => (ch.kind === 'drop_table' && !c.createdInFile.has(key(ch.table)) ? [{
    code: 'DS102', analyzer: 'destructive' as const, severity: 'error' as const, message: `Dropping table "${ch.table.name}"`,
    suggested: `Add a pre-migration check to ensure table "${ch.table.name}" is empty before dropping it`,
    fix: 'back up or migrate the rows first; rename the table instead if it only moves',
  }] : [])),
  // A column dropped and added again in one statement (`DROP COLUMN c, ADD COLUMN c timestamp`: the plan's retype
  // between types with no cast, ../plan/regenerated.ts) changes its type in the diff, and loses its values as well.
  (c) => c.changes.flatMap((ch) => {
    if (ch.kind !== 'drop_column' && ch.kind !== 'alter_column') return [];
    const column = ch.kind === 'drop_column' ? ch.column : droppedAndAdded(c, ch) ? ch.from : undefined;
    return column && !column.generated && !c.createdInFile.has(key(ch.table)) ? [{
      code: 'DS103', analyzer: 'destructive' as const, severity: 'error' as const, message: `Dropping non-virtual column "${column.name}"`,
      suggested: `Add a pre-migration check to ensure column "${column.name}" is NULL before dropping it`,
      fix: ch.kind === 'alter_column' ? `the column is dropped and added again (its values are lost): write the conversion in a migration (ALTER COLUMN … TYPE … USING an expression) to keep them` : 'stop reading and writing the column in a release before dropping it',
    }] : [];
  }),
  (c) => c.changes.flatMap((ch) => (ch.kind === 'create_index' && ch.index.unique && !indexAlteredInPlace(ch) && !c.createdInFile.has(ch.index.table) && c.before.tables[ch.index.table] ? [{
    code: 'MF101', analyzer: 'data_depend' as const, severity: 'warning' as const,
    message: `Adding a unique index "${ch.index.name}" on table "${ch.index.table.split('.').pop()}" might fail in case the indexed columns contain duplicate entries`,
    fix: 'check for duplicates first (SELECT … GROUP BY … HAVING count(*) > 1)',
  }] : [])),
  (c) => c.changes.flatMap((ch) => {
    if (ch.kind !== 'create_index' || !ch.index.unique || indexAlteredInPlace(ch) || c.createdInFile.has(ch.index.table)) return [];
    const old = c.startOfFile.tables[ch.index.table]?.indexes[ch.index.name];
    const was = (old && !old.unique) || c.changes.some((x) => x.kind === 'drop_index' && x.index.name === ch.index.name && !x.index.unique);
    return was ? [{ code: 'MF102', analyzer: 'data_depend' as const, severity: 'warning' as const, message: `Modifying index "${ch.index.name}" to unique might fail in case of duplicate entries`, fix: 'check for duplicates first' }] : [];
  }),
  (c) => c.changes.flatMap((ch) => (ch.kind === 'alter_column' && !c.createdInFile.has(key(ch.table)) && narrows(ch.from.type, ch.to.type, [c.after, c.before]) ? [{
    code: 'MF105', analyzer: 'data_depend' as const, severity: 'warning' as const,
    message: `Changing column "${ch.to.name}" from ${ch.from.type} to ${ch.to.type} narrows it and might fail on existing values`,
    fix: 'check that every value fits (e.g. max(length(col)), min/max) before narrowing',
  }] : [])),
  (c) => c.changes.flatMap((ch) => {
    // A column dropped and added again (see DS103) is added as well.
    if (ch.kind !== 'add_column' && ch.kind !== 'alter_column') return [];
    const column = ch.kind === 'add_column' ? ch.column : droppedAndAdded(c, ch) ? ch.to : undefined;
    return column && column.notNull && !column.default && !column.identity && !column.generated && !c.createdInFile.has(key(ch.table)) ? [{
      code: 'MF103', analyzer: 'data_depend' as const, severity: 'warning' as const,
      message: `Adding a non-nullable "${column.type}" column "${column.name}" will fail in case table "${ch.table.name}" is not empty`,
      fix: 'add the column with a DEFAULT, or nullable, back-fill it, then SET NOT NULL',
    }] : [];
  }),
  (c) => c.changes.flatMap((ch) => (ch.kind === 'alter_column' && !ch.from.notNull && ch.to.notNull && !droppedAndAdded(c, ch) && !c.createdInFile.has(key(ch.table)) && !c.filledInFile.has(`${key(ch.table)}.${ch.to.name}`) && !c.defaultedInFile.has(`${key(ch.table)}.${ch.to.name}`) && !hasNotNullCheck(c.before.tables[key(ch.table)], ch.to.name) ? [{
    code: 'MF104', analyzer: 'data_depend' as const, severity: 'warning' as const,
    message: `Modifying nullable column "${ch.to.name}" to non-nullable might fail in case it contains NULL values`,
    fix: `back-fill first: UPDATE ${ch.table.name} SET ${ch.to.name} = … WHERE ${ch.to.name} IS NULL`,
  }] : [])),
  // Atlas's incompatible analyzer: a rename breaks clients unless the table was created in this file, or the
  // file keeps the old name working (a view under the old table name, the old column added back).
  (c) => {
    const r = c.ast?.RenameStmt;
    if (!r?.relation?.relname || !r.newname) return [];
    const table = qualifiedKey(r.relation.schemaname ?? 'public', r.relation.relname);
    if (c.createdInFile.has(table)) return [];
    if (r.renameType === 'OBJECT_TABLE' && !c.later.views.has(r.relation.relname))
      return [{ code: 'BC101', analyzer: 'incompatible', severity: 'warning', message: `Renaming table "${r.relation.relname}" to "${r.newname}"`, fix: 'keep a view with the old name while clients migrate' }];
    if (r.renameType === 'OBJECT_COLUMN' && r.subname && !c.later.addedColumns.has(`${r.relation.relname}.${r.subname}`))
      return [{ code: 'BC102', analyzer: 'incompatible', severity: 'warning', message: `Renaming column "${r.subname}" to "${r.newname}"`, fix: 'add the old column back (e.g. generated from the new one) while clients migrate' }];
    return [];
  },
  (c) => c.changes.flatMap((ch) => {
    if (ch.kind !== 'drop_constraint' || ch.constraint.kind !== 'foreign_key' || c.createdInFile.has(key(ch.table))) return [];
    const dropped = c.changes.some((x) => x.kind === 'drop_column' && key(x.table) === key(ch.table) && ch.constraint.kind === 'foreign_key' && ch.constraint.columns.includes(x.column.name));
    return dropped ? [] : [{ code: 'CD101', analyzer: 'condrop' as const, severity: 'warning' as const, message: `Dropping foreign-key constraint "${ch.constraint.name}"`, fix: 'make sure the application enforces the relation, or keep the constraint' }];
  }),
  // Naming: identifiers that must be quoted forever (upper case, spaces, reserved words).
  (c) => {
    const bad = (n: string) => quoteIdent(n) !== n;
    const out: Array<Omit<Finding, 'file' | 'line' | 'column'>> = [];
    for (const ch of c.changes) {
      if (ch.kind === 'create_table' && bad(ch.table.name)) out.push({ code: 'NM101', analyzer: 'naming', severity: 'warning', message: `Table name "${ch.table.name}" must be quoted in every query`, fix: 'use lower_snake_case names that are not reserved words' });
      const cols = ch.kind === 'create_table' ? ch.table.columns : ch.kind === 'add_column' ? [ch.column] : [];
      for (const col of cols) if (bad(col.name)) out.push({ code: 'NM102', analyzer: 'naming', severity: 'warning', message: `Column name "${col.name}" must be quoted in every query`, fix: 'use lower_snake_case names that are not reserved words' });
    }
    return out;
  },
  // PostgreSQL specifics, from the planner's typed effects on the same changes and the statement's syntax tree.
  (c) => {
    const out: Array<Omit<Finding, 'file' | 'line' | 'column'>> = [];
    const tableOf = (ch: Change): string | undefined =>
      ch.kind === 'create_index' || ch.kind === 'drop_index' ? ch.index.table : 'table' in ch && typeof ch.table === 'object' ? key(ch.table as { schema: string; name: string }) : undefined;
    const existing = c.changes.filter((ch) => { const t = tableOf(ch); return !t || !c.createdInFile.has(t); });
    const statements = plan(existing, c.before, c.after, { volatile: (e) => isVolatileExpression(e, c.after) });
    const concurrent = isConcurrent(c.ast);
    const notValid = notValidConstraints(c.ast);
    for (const s of statements) {
      for (const h of s.hazards) {
        if (h.code === 'INDEX_BUILD' && s.source.kind === 'create_index' && !concurrent) out.push({ code: 'PG101', analyzer: 'concurrent_index', severity: 'warning', message: `Creating index "${s.source.index.name}" non-concurrently causes write locks on the "${s.source.index.table.split('.').pop()}" table`, fix: 'use CREATE INDEX CONCURRENTLY in a file with -- atlas:txmode none' });
        if (h.code === 'TABLE_REWRITE') out.push({ code: 'MR101', analyzer: 'postgres', severity: 'warning', message: `Statement rewrites table "${s.object.split('.').pop()}" under an ACCESS EXCLUSIVE lock`, fix: 'add a new column and back-fill it in batches instead' });
      }
      if (s.source.kind === 'add_constraint' && s.source.constraint.kind === 'foreign_key' && !s.source.newTable && !s.source.deferral && !notValid.has(s.source.constraint.name))
        out.push({ code: 'MR102', analyzer: 'postgres', severity: 'warning', message: `Adding foreign key "${s.source.constraint.name}" validates every row under lock`, fix: 'add it NOT VALID, then VALIDATE CONSTRAINT in a later statement' });
    }
    for (const ch of existing) if (ch.kind === 'drop_index' && !concurrent && c.before.tables[ch.index.table])
      out.push({ code: 'PG102', analyzer: 'concurrent_index', severity: 'warning', message: `Dropping index "${ch.index.name}" non-concurrently causes write locks on the "${ch.index.table.split('.').pop()}" table`, fix: 'use DROP INDEX CONCURRENTLY in a file with -- atlas:txmode none' });
    // Atlas's codes and texts (sqlcheck/postgres): PG101 create, PG102 drop without CONCURRENTLY; PG103 CONCURRENTLY
    // in a transactional file, a warning there (Atlas fails the file on it only together with another finding).
    if (concurrent && c.transactional) out.push({ code: 'PG103', analyzer: 'concurrent_index', severity: 'warning', message: 'Indexes cannot be created or deleted concurrently within a transaction. Add the `atlas:txmode none` directive to the header to prevent this file from running in a transaction', fix: 'add -- atlas:txmode none at the top of the file' });
    if (c.ast?.AlterEnumStmt && !c.ast.AlterEnumStmt.oldVal && c.transactional) out.push({ code: 'MR103', analyzer: 'postgres', severity: 'warning', message: 'ALTER TYPE … ADD VALUE inside a transaction: the new value cannot be used until it commits', fix: 'put it in a file with -- atlas:txmode none, or use the value in a later migration' });
    for (const d of fixedTimeDefaults(c.ast, c.after)) {
      out.push({ code: 'MR105', analyzer: 'postgres', severity: 'warning', message: `Column "${d.column}" defaults to '${d.text}', a time PostgreSQL reads once, when the statement runs: every row gets that same value`, fix: 'write the expression without quotes (DEFAULT now(), CURRENT_DATE, CURRENT_DATE + 1), which PostgreSQL evaluates for each row' });
    }
    if (c.changes.some((x) => x.kind === 'drop_column') && c.changes.some((x) => x.kind === 'drop_view'))
      out.push({ code: 'MR104', analyzer: 'postgres', severity: 'error', message: 'Dropping a column that a view uses (the view is dropped with CASCADE)', fix: 'recreate the view without the column in the same migration' });
    return out;
  },
];

function nolint(comments: readonly string[]): Set<string> | 'all' | undefined {
  for (const c of comments) {
    const m = /atlas:nolint(?: +([^\n*]+))?/.exec(c);
    if (m) {
      const args = (m[1] ?? '').trim().replace(/\*\/$/, '').trim();
      return args ? new Set(args.split(/[\s,]+/)) : 'all';
    }
  }
  return undefined;
}

const silenced = (n: Set<string> | 'all' | undefined, f: Omit<Finding, 'file' | 'line' | 'column'>) => n === 'all' || (n !== undefined && (n.has(f.code) || n.has(f.analyzer)));

function parseAst(text: string): Ast {
  try {
    return (parseSync(text) as { stmts?: { stmt: Tree }[] }).stmts?.[0]?.stmt ?? undefined;
  } catch {
    return undefined;
  }
}

/** Book-keeping shared by the directory and plan paths: what earlier statements of the same file did. */
class FileState {
  readonly created = new Set<string>();
  readonly filled = new Set<string>();
  readonly defaulted = new Set<string>();
  noteAst(ast: Ast): void {
    for (const k of filledColumns(ast)) this.filled.add(k);
  }
  noteChanges(changes: readonly Change[]): void {
    for (const ch of changes) {
      if (ch.kind === 'create_table') this.created.add(key(ch.table));
      if (ch.kind === 'add_column' && ch.column.default && !/^NULL(::.*)?$/i.test(ch.column.default.text)) this.defaulted.add(`${key(ch.table)}.${ch.column.name}`);
    }
  }
}

const columnRefName = (n: Tree | undefined): string | undefined => n?.ColumnRef?.fields?.at(-1)?.String?.sval;

/**
 * The columns an UPDATE back-fills on every row that could be NULL: `UPDATE t SET c = …` without a WHERE
 * (all its targets), or with exactly `WHERE c IS NULL` (that column). Any other WHERE (`random() > 0.5`,
 * `c IS NULL AND …`) may leave NULLs, and assigning NULL fills nothing. Keys are `schema.table.column`.
 *
 * @example
 * filledColumns(parse("UPDATE t SET c = 0 WHERE c IS NULL")) // ['public.t.c']
 */
export function filledColumns(ast: Ast): string[] {
  const upd = ast?.UpdateStmt;
  if (!upd?.relation?.relname) return [];
  const table = qualifiedKey(upd.relation.schemaname ?? 'public', upd.relation.relname);
  const targets = (upd.targetList ?? [])
    .map((t) => t.ResTarget)
    .filter((t) => t?.name && !t.val?.A_Const?.isnull)
    .map((t) => t!.name!);
  const where = upd.whereClause;
  let cols: string[] = [];
  if (!where) cols = targets;
  else {
    const nt = where.NullTest;
    const col = nt?.nulltesttype === 'IS_NULL' ? columnRefName(nt.arg) : undefined;
    if (col && targets.includes(col)) cols = [col];
  }
  return cols.map((c) => `${table}.${c}`);
}

/** Whether the table has a CHECK (`col IS NOT NULL`) on the column already (Atlas's HasNotNullCheck): no NULLs can be there. */
function hasNotNullCheck(table: Model['tables'][string] | undefined, column: string): boolean {
  for (const k of Object.values(table?.constraints ?? {})) {
    if (k.kind !== 'check' || k.notValid) continue;
    const nt = parseExpression(k.expr.text)?.NullTest;
    if (nt?.nulltesttype === 'IS_NOT_NULL' && columnRefName(nt.arg) === column) return true;
  }
  return false;
}

const isRename = (ast: Ast) => {
  const t = ast?.RenameStmt?.renameType;
  return t === 'OBJECT_TABLE' || t === 'OBJECT_COLUMN';
};

const NOTHING_LATER: StatementContext['later'] = { views: new Set(), addedColumns: new Set() };

/** View names and `table.column` additions in the given (later) statements of a file, from their syntax trees. */
function laterFacts(asts: readonly Ast[]): StatementContext['later'] {
  const views = new Set<string>();
  const addedColumns = new Set<string>();
  for (const ast of asts) {
    const v = ast?.ViewStmt?.view?.relname;
    if (v) views.add(v);
    const alter = ast?.AlterTableStmt;
    for (const cmd of alter?.cmds ?? []) {
      const col = cmd.AlterTableCmd?.def?.ColumnDef?.colname;
      if (cmd.AlterTableCmd?.subtype === 'AT_AddColumn' && col && alter?.relation?.relname) addedColumns.add(`${alter.relation.relname}.${col}`);
    }
  }
  return { views, addedColumns };
}

function runRules(ctx: StatementContext, silencedBy: Array<Set<string> | 'all' | undefined>): Array<Omit<Finding, 'file' | 'line' | 'column'>> {
  const out: Array<Omit<Finding, 'file' | 'line' | 'column'>> = [];
  for (const rule of RULES) for (const finding of rule(ctx)) if (!silencedBy.some((n) => silenced(n, finding))) out.push(finding);
  return out;
}

const isDdl = (ast: Ast) => !!ast && !ast.UpdateStmt && !ast.InsertStmt && !ast.DeleteStmt && !ast.SelectStmt && !ast.CopyStmt;

/** What the analyzers need of a migration file: its name, text and header directives. */
export interface LintedFile {
  readonly name: string;
  /** The file's bytes (statement locations are byte-exact) or text. */
  readonly content: string | Buffer;
  readonly directives: readonly { readonly name: string; readonly args: string }[];
}

/**
 * The analyzers' side of linting one migration file, statement by statement (pure: no database). The
 * caller replays the file (the workflow's `lintDirectory` runs each statement on the dev database and
 * inspects it) and hands over, per statement, the schema before and after it, or its failure.
 *
 * @example
 * const lint = new FileLint('migrations/2026_x.sql', file);
 * for (const [i] of lint.statements.entries()) {
 *   lint.ran(i);
 *   try { await dev.exec(lint.statements[i]!.text); } catch (e) { lint.failed(i, locateStatementError(lint.statements[i]!, e, lint.file), e); break; }
 *   if (lint.isDdl(i)) { const after = (await inspect(dev)).model; lint.analyse(i, before, after); before = after; }
 * }
 * lint.findings // [{ code: 'DS103', line: 3, … }]
 */
export class FileLint {
  /** The file's statements, split with their source locations. */
  readonly statements: readonly SplitStatement[];
  /** Whole-file `atlas:nolint` (no analyzer runs), for callers that can skip the replay's inspections. */
  readonly silenced: boolean;
  readonly findings: Finding[] = [];
  /** Atlas's count of schema changes: statements that changed an object (a rename too). */
  changes = 0;
  private readonly header: Set<string> | 'all' | undefined;
  private readonly transactional: boolean;
  private readonly asts: readonly Ast[];
  private readonly state = new FileState();
  /** The schema before the file's first statement: the first `before` handed to `analyse` (statements before it change no schema). */
  private startOfFile: Model | undefined;

  constructor(readonly file: string, f: LintedFile) {
    this.header = nolint(f.directives.filter((d) => d.name === 'nolint').map((d) => `atlas:nolint ${d.args}`));
    this.silenced = this.header === 'all';
    this.transactional = !f.directives.some((d) => d.name === 'txmode' && d.args === 'none');
    this.statements = this.silenced ? [] : splitStatements(f.content, f.name);
    this.asts = this.statements.map((st) => parseAst(st.text));
  }

  /** Whether statement `i` can change the schema (data statements are not analysed, only run). */
  isDdl(i: number): boolean {
    return isDdl(this.asts[i]);
  }

  /** Notes statement `i` as run (every statement, before its analysis: an UPDATE back-fills for later ones). */
  ran(i: number): void {
    this.state.noteAst(this.asts[i]);
  }

  /** Statement `i` failed where `location` says: the file cannot run as written (MR100); later statements are not analysed. */
  failed(i: number, location: { readonly line: number; readonly column: number }, error: unknown): void {
    const stmt = this.statements[i]!;
    this.findings.push({ file: this.file, line: location.line, column: location.column, code: 'MR100', analyzer: 'execution', severity: 'error', message: `statement fails on the dev database: ${(error as Error).message}`, fix: 'fix the statement; the file would fail the same way on apply', statement: stmt.text });
  }

  /** Runs the analyzers on statement `i`, which took the schema from `before` to `after`. */
  analyse(i: number, before: Model, after: Model): void {
    const stmt = this.statements[i]!;
    const ast = this.asts[i];
    this.startOfFile ??= before;
    // A rename keeps the rows: the drop + create the two states differ by is not data loss (BC101/BC102 cover it).
    const changes = isRename(ast) ? [] : diff(before, after);
    const later = ast?.RenameStmt ? laterFacts(this.asts.slice(i + 1)) : NOTHING_LATER;
    if (changes.length || isRename(ast)) this.changes++;
    const ctx: StatementContext = { stmt, ast, before, after, changes, createdInFile: this.state.created, filledInFile: this.state.filled, transactional: this.transactional, startOfFile: this.startOfFile, defaultedInFile: this.state.defaulted, later };
    for (const finding of runRules(ctx, [this.header, nolint(stmt.comments)])) {
      // Atlas reports PG103 (CONCURRENTLY in a transactional file) once per file, at its start.
      if (finding.code === 'PG103') {
        if (!this.findings.some((x) => x.code === 'PG103')) this.findings.push({ file: this.file, line: 1, column: 1, ...finding });
        continue;
      }
      this.findings.push({ file: this.file, line: stmt.line, column: stmt.column, ...finding });
    }
    this.state.noteChanges(changes);
  }
}

/**
 * Runs the analyzers on planned statements (what `migrate diff` is about to write), without a database:
 * each statement's own change is analysed against the states before and after the whole plan.
 * `line`/`column` are those of the statement in `content` when given (the rendered file), else 1:1.
 *
 * @example
 * const findings = lintPlan(statements, current, desired, { file: 'database/migrations/2026…_x.sql', content });
 */
export function lintPlan(statements: readonly PlannedStatement[], before: Model, after: Model, opts: { file?: string; content?: string; indent?: string } = {}): Finding[] {
  const file = opts.file ?? '<plan>';
  const transactional = !statements.some((s) => !s.transactional);
  const state = new FileState();
  const out: Finding[] = [];
  // Statements are found in file order: the line count advances from the previous one (linear, not a
  // re-split of the whole head of the file per statement).
  let cursor = 0;
  let counted = 0;
  let lineNo = 1;
  let lineStart = 0;
  // The file holds each table's clauses as one ALTER TABLE (renderMigrationFile): linted as written.
  for (const s of combineTableClauses(statements, { indent: opts.indent })) {
    const changes = s.parts ? [...new Set(s.parts.map((p) => p.source))] : [s.source];
    let line = 1;
    let column = 1;
    if (opts.content) {
      const at = opts.content.indexOf(s.sql, cursor);
      if (at >= 0) {
        for (let i = opts.content.indexOf('\n', counted); i >= 0 && i < at; i = opts.content.indexOf('\n', i + 1)) lineNo++, lineStart = i + 1;
        counted = at;
        line = lineNo;
        column = at - lineStart + 1;
        cursor = at + s.sql.length;
      }
    }
    const ast = parseAst(s.sql);
    const stmt: SplitStatement = { text: s.sql, offset: 0, line, column, comments: [] };
    const ctx: StatementContext = { stmt, ast, before, after, changes, createdInFile: state.created, filledInFile: state.filled, transactional, startOfFile: before, defaultedInFile: state.defaulted, later: NOTHING_LATER };
    for (const finding of runRules(ctx, [])) out.push({ file, line, column, ...finding });
    state.noteChanges(changes);
  }
  return out;
}
