/**
 * One `ALTER TABLE` per table, with its clauses in plan order, as Atlas writes a table's changes
 * (`ALTER TABLE "users" DROP CONSTRAINT "c", ADD COLUMN "x" text NULL, ADD CONSTRAINT …`).
 *
 * The planner keeps one clause per statement (hazards, lint and `migrate down` reason per change); this
 * pass joins them where that cannot change what PostgreSQL does:
 *  - only transactional `ALTER TABLE` clauses PostgreSQL accepts in a list (not RENAME, SET SCHEMA,
 *    ATTACH/DETACH PARTITION, NOT OF / OF, nor VALIDATE CONSTRAINT, which is kept apart on purpose);
 *  - a clause joins the latest statement of its table only when every statement it would move ahead of
 *    is a clause of the same step on another table (dropping foreign keys, dropping other constraints
 *    and columns, adding and altering columns, adding keys and checks, adding foreign keys, row-level
 *    security): steps on different tables are independent, and anything else is a barrier.
 * PostgreSQL runs an ALTER TABLE's clauses in passes (drops first, then type changes, columns,
 * constraints), which is the order the planner's layout already follows within a table.
 */
import type { Change } from '../diff/changes.js';
import type { Hazard, Statement } from './types.js';
import { quoteIdentAlways as qi, splitKey } from '../model/names.js';
import { qk } from './table-sql.js';

/** A statement that may be the result of joining clauses: `parts` are the planner's statements it holds. */
export type CombinedStatement = Statement & { readonly parts?: readonly Statement[] };

// `NOT OF` / `OF t`: PostgreSQL checks a list's column clauses against the table's typedness before it runs any.
const NOT_IN_A_LIST = /^(RENAME|SET SCHEMA|ATTACH PARTITION|DETACH PARTITION|VALIDATE CONSTRAINT|NOT OF|OF)\b/;

/** The independent step a clause belongs to, or undefined when it is not a joinable clause. */
function step(s: Statement): string | undefined {
  if (!s.transactional || !s.object) return undefined;
  const clause = clauseOf(s);
  if (clause === undefined || NOT_IN_A_LIST.test(clause)) return undefined;
  const c: Change = s.source;
  switch (c.kind) {
    case 'drop_constraint': return c.constraint.kind === 'foreign_key' ? 'drop-fk' : 'drop';
    case 'drop_table': return 'drop-fk'; // foreign keys of a cycle of dropped tables
    case 'drop_column': return 'drop';
    case 'add_column': case 'alter_column': case 'alter_table': return 'column';
    case 'add_constraint': return c.constraint.kind === 'foreign_key' ? 'add-fk' : c.constraint.kind === 'check' ? 'add-check' : 'add';
    case 'set_rls': return 'rls';
    case 'rebuild_type': return `enum ${c.to.schema}.${c.to.name}`;
    default: return undefined;
  }
}

/** `ALTER TABLE <name> `, qualified or (schema-bound SQL, see parse/unqualify.ts) not. */
function prefixOf(s: Statement): string | undefined {
  const bare = `ALTER TABLE ${qi(splitKey(s.object).name)} `;
  return [`ALTER TABLE ${qk(s.object)} `, bare].find((p) => s.sql.startsWith(p));
}

function clauseOf(s: Statement): string | undefined {
  const prefix = prefixOf(s);
  return prefix === undefined ? undefined : s.sql.slice(prefix.length);
}

/**
 * Joins the clauses of each table's changes into one `ALTER TABLE` where that is safe (see above).
 *
 * @example
 * combineTableClauses(plan(changes, current, desired)).map((s) => s.sql)
 * // ['ALTER TABLE "app"."users" ADD COLUMN "phone" text NULL, ADD CONSTRAINT "phone_len" CHECK (…)']
 */
export function combineTableClauses(statements: readonly Statement[], opts: { indent?: string } = {}): CombinedStatement[] {
  const groups: Statement[][] = [];
  /** Index in `groups` of the latest joinable group per table. */
  const latest = new Map<string, number>();
  /** Per step, the last group a clause of that step may not move ahead of. */
  const blocker = new Map<string, number>();
  const blockedBy = (index: number, groupStep: string | undefined) => {
    for (const s of STEPS) if ((groupStep === undefined || !passes(s, groupStep)) && (blocker.get(s) ?? -1) < index) blocker.set(s, index);
  };
  for (const s of statements) {
    const st = step(s);
    const at = st === undefined ? undefined : latest.get(s.object);
    const last = groups.length - 1;
    if (at !== undefined && (at === last || (STEPS.includes(st!) && (blocker.get(st!) ?? -1) <= at))) {
      groups[at]!.push(s);
      blockedBy(at, st);
      continue;
    }
    groups.push([s]);
    blockedBy(groups.length - 1, st);
    if (st !== undefined) latest.set(s.object, groups.length - 1);
    else latest.delete(s.object);
  }
  return groups.map((g) => (g.length === 1 && !(opts.indent && foreignKeyAdds(g[0]!)) ? g[0]! : joined(g, opts.indent)));
}

/** The steps whose clauses may move ahead of other tables' clauses (a rebuilt enum's only join in place). */
const STEPS = ['drop-fk', 'drop', 'column', 'add', 'add-check', 'add-fk', 'rls'];

/**
 * May a clause of step `s` run before another table's clause of step `other` that came first? Steps on
 * different tables are independent, and a new key or check reads only its own table's columns. A check's
 * name is its table's own (a key's names an index, schema-wide, which another table's drop may free), so
 * a new check passes any other table's clause (Atlas's table-checks: one ALTER TABLE per table).
 */
const passes = (s: string, other: string) => s === other || (s === 'add' && other === 'column') || s === 'add-check';

/** A clause PostgreSQL runs in its first pass (drops): their text order among themselves matters. */
const DROP_PASS = /^(DROP\b|ALTER COLUMN .+ DROP (DEFAULT|NOT NULL|IDENTITY|EXPRESSION)\b)/;

/**
 * Atlas's layout: a constraint or column that is dropped and added again has its DROP right before its ADD.
 * The drop moves only past clauses of later passes (adds, alters) and, for a constraint, other constraint
 * drops, so PostgreSQL still runs it where it did.
 */
function dropsNextToAdds(parts: readonly Statement[]): Statement[] {
  const out = [...parts];
  const target = (clause: string) => /^(?:DROP|ADD) (CONSTRAINT|COLUMN) ("(?:[^"]|"")*")/.exec(clause);
  for (let i = out.length - 1; i >= 0; i--) {
    const clause = clauseOf(out[i]!)!;
    const add = clause.startsWith('ADD ') ? target(clause) : null;
    if (!add) continue;
    const j = out.findIndex((p, k) => k < i && clauseOf(p)!.startsWith(`DROP ${add[1]} ${add[2]}`) && (clauseOf(p)!.length === `DROP ${add[1]} ${add[2]}`.length));
    // Constraint drops are independent of one another; any other drop (a column's takes its constraints along) stays put.
    const passable = (c: string) => !DROP_PASS.test(c) || (add[1] === 'CONSTRAINT' && c.startsWith('DROP CONSTRAINT '));
    if (j < 0 || !out.slice(j + 1, i).every((p) => passable(clauseOf(p)!))) continue;
    const [drop] = out.splice(j, 1);
    out.splice(i - 1, 0, drop!);
  }
  return out;
}

/** `ADD CONSTRAINT "k" FOREIGN KEY (…`: a clause adding a foreign key. */
const ADD_FK = /^ADD (CONSTRAINT "(?:[^"]|"")*" FOREIGN KEY \()/;
const foreignKeyAdds = (s: Statement) => step(s) !== undefined && ADD_FK.test(clauseOf(s) ?? '');

/**
 * One statement from a table's clauses, on one line as Atlas writes it: its indented format
 * (`{{ sql . "  " }}`) indents CREATE TABLE only, and an ALTER TABLE stays on one line however long
 * (Atlas's table-checks testscript). One exception, Atlas's again: with an indent, a foreign key's
 * `ADD` ends its line and the key starts the next one, unindented (its planner writes the key through
 * the indenting list builder at level 0).
 */
function joined(all: readonly Statement[], indent?: string): CombinedStatement {
  const parts = dropsNextToAdds(all);
  const first = all[0]!;
  const oneLine = prefixOf(first)! + parts.map((p) => (indent ? clauseOf(p)!.replace(ADD_FK, 'ADD\n$1') : clauseOf(p)!)).join(', ');
  const hazards: Hazard[] = [];
  for (const h of parts.flatMap((p) => p.hazards)) if (!hazards.some((x) => x.code === h.code && x.message === h.message)) hazards.push(h);
  return {
    ...first,
    sql: oneLine,
    hazards,
    parts,
  };
}
