/**
 * The planner: Change[] → ordered, rendered statements with hazards.
 *
 * In:  changes from `diff`, and both Models (for dependency information).
 * Out: `Statement[]` in an order PostgreSQL accepts: drops in reverse dependency order, creates in
 *      dependency order, foreign keys after every table exists (so cycles work), views and triggers
 *      that depend on changed columns dropped first and recreated afterwards. The order comes from the
 *      dependency graph (./graph.ts, edges from ./edges.ts); each statement's kind (`emit(kind, …)`) names
 *      its place in the layout (./layout.ts), Atlas's presentation order, used only among statements the
 *      graph leaves free. Changes are visited by a stable key, so the plan does not depend on the order the
 *      Models list their objects in.
 * Never: does I/O. Hazards are derived from typed statement effects, never typed per statement.
 */
import { defaultStorage } from '../model/column-storage.js';
import { sameExpr, sameIdentity, sameSequenceOptions } from '../diff/equal.js';
import type { Change } from '../diff/changes.js';
import { identifiersIn } from '../model/identifiers.js';
import { regenerateReaders } from './regenerated.js';
import { exprRefs } from './expr-refs.js';
import { callIds, recreatedFunctions } from './function-refs.js';
import { qualifiedKey, quoteIdentAlways as qi, quoteLiteral, splitKey } from '../model/names.js';
import type { Column, Func, Grant, Model, Table, View } from '../model/types.js';
import { objectKey } from '../model/objects.js';
import { kindRules } from './kinds/index.js';
import { toposort } from './toposort.js';
import { nodeId, orderByGraph } from './graph.js';
import { earlier, place, type StatementKind, type TieBreak } from './layout.js';
import { changeKey, RENAMES, statementIds, type EdgeContext } from './edges.js';
import { combineTableClauses } from './combine.js';
import { alterTypeSteps } from './kinds/type-alter.js';
import { carryEnumDependents, enumRebuildSteps } from './kinds/enum-rebuild.js';
import { partitionMoveSteps } from './kinds/partition-move.js';
import { keepOwnedSequences } from './kinds/owned-sequences.js';
import { regenerateColumns } from './kinds/generated-columns.js';
import { restoreReferencingForeignKeys } from './kinds/referencing-keys.js';
import { recreateTypesOver } from './kinds/recreated-types.js';
import { restoreRecreated } from './kinds/privileges.js';
import { createIndexSql } from './index-sql.js';
import { createTypeSql } from './kinds/type-create.js';
import { checkAfterTable, columnSql, constraintSql, createTableSql, identitySql, namedConstraintSql, qk, qn, serialSequence, startOutside, typeSql } from './table-sql.js';

export type { HazardCode, Hazard, Effects, Statement, PlanOptions } from './types.js';
import type { Effects, Hazard, PlanOptions, Statement } from './types.js';

function hazardsOf(e: Effects, transactional: boolean): Hazard[] {
  const h: Hazard[] = [];
  if (e.deletesData) h.push({ code: 'DELETES_DATA', message: e.deletesData });
  if (e.rewritesTable) h.push({ code: 'TABLE_REWRITE', message: 'rewrites the table; it is locked (ACCESS EXCLUSIVE) for the duration' });
  else if (e.locksExistingTable) h.push({ code: 'ACCESS_EXCLUSIVE_LOCK', message: 'takes an ACCESS EXCLUSIVE lock on an existing table' });
  if (e.buildsIndexOnExistingTable) h.push({ code: 'INDEX_BUILD', message: 'builds an index on an existing table (blocks writes unless CONCURRENTLY)' });
  if (e.mayFailOnExistingRows) h.push({ code: 'DATA_DEPENDENT', message: e.mayFailOnExistingRows });
  if (e.breaksDependants) h.push({ code: 'BREAKS_DEPENDANTS', message: e.breaksDependants });
  if (!transactional) h.push({ code: 'NOT_TRANSACTIONAL', message: 'runs outside a transaction' });
  return h;
}

/** Casts PostgreSQL applies implicitly or without a rewrite: no USING needed. */
function castInfo(from: string, to: string): { using: boolean; rewrite: boolean } {
  const base = (t: string) => t.replace(/\(.*\)/, '');
  const len = (t: string) => Number(/\((\d+)\)/.exec(t)?.[1] ?? Infinity);
  const num = (t: string) => /\((\d+),(\d+)\)/.exec(t);
  const [f, g] = [base(from), base(to)];
  if (f === g && f === 'character varying') return { using: false, rewrite: len(to) < len(from) };
  if (f === 'character varying' && g === 'text') return { using: false, rewrite: false };
  if ((f === 'text' || f === 'character') && g === 'character varying') return { using: false, rewrite: true };
  if (f === 'numeric' && g === 'numeric') {
    const a = num(from);
    const b = num(to);
    return { using: false, rewrite: !(a && b && a[2] === b[2] && Number(b[1]) >= Number(a[1])) && !(a && !b) };
  }
  const ints = ['smallint', 'integer', 'bigint'];
  if (ints.includes(f) && ints.includes(g)) return { using: ints.indexOf(g) < ints.indexOf(f), rewrite: true };
  if (ints.includes(f) && (g === 'numeric' || g === 'real' || g === 'double precision')) return { using: false, rewrite: true };
  if (f === 'timestamp without time zone' && g === 'timestamp with time zone') return { using: false, rewrite: true };
  if (f === g) return { using: false, rewrite: true };
  return { using: true, rewrite: true };
}

function viewSql(v: View): string {
  const opts = v.options.length ? ` WITH (${v.options.join(', ')})` : '';
  const query = v.query.text.trim().replace(/;$/, '');
  if (v.kind === 'materialized_view') return `CREATE MATERIALIZED VIEW ${qn(v.schema, v.name)}${opts} AS ${query} WITH ${v.withData === false ? 'NO DATA' : 'DATA'}`;
  return `CREATE VIEW ${qn(v.schema, v.name)}${opts} AS ${query}${v.checkOption ? ` WITH ${v.checkOption} CHECK OPTION` : ''}`;
}

function commentTarget(c: Extract<Change, { kind: 'comment' }>): string {
  const t = c.target;
  switch (t.on) {
    case 'SCHEMA': return `SCHEMA ${qi(t.schema)}`;
    case 'CAST': return `CAST ${t.name}`;
    case 'EXTENSION': case 'FOREIGN DATA WRAPPER': case 'SERVER': case 'EVENT TRIGGER': case 'PUBLICATION': return `${t.on} ${qi(t.name)}`;
    case 'COLUMN': return `COLUMN ${qn(t.schema, t.name)}.${qi(t.column)}`;
    case 'FUNCTION': case 'PROCEDURE': return `${t.on} ${qn(t.schema, t.name)}(${t.args})`;
    case 'CONSTRAINT': case 'TRIGGER': case 'POLICY': case 'RULE': return `${t.on} ${qi(t.name)} ON ${qn(t.schema, t.table)}`;
    default: return `${t.on} ${qn(t.schema, t.name)}`;
  }
}

const dependantsOf = new WeakMap<Model, Map<string, string[]>>();
/** The key under which `viewDependants` lists the views calling a function (`schema.name`). */
const callKey = (fn: string) => `\u0000fn ${fn}`;
/**
 * Relation key (or `callKey` of a function) → the views that read (call) it directly; computed once per Model
 * (plan runs per statement in lint).
 */
function viewDependants(model: Model): Map<string, string[]> {
  let m = dependantsOf.get(model);
  if (!m) {
    m = new Map();
    for (const [k, v] of Object.entries(model.views)) {
      for (const d of [...v.dependsOn, ...(v.calls ?? []).map(callKey)]) {
        const list = m.get(d);
        if (list) list.push(k);
        else m.set(d, [k]);
      }
    }
    dependantsOf.set(model, m);
  }
  return m;
}

/** A column change that changes its type or collation (views and SQL-standard bodies over it are recreated around it). */
const reshapes = (c: Extract<Change, { kind: 'alter_column' }>) => c.from.type !== c.to.type || c.from.collation !== c.to.collation;
/** A generated column whose expression changes: dropped and added again (`alterColumn`), taking what reads it along. */
const regenerates = (c: Extract<Change, { kind: 'alter_column' }>) => !!c.regenerate || !sameExpr(c.from.generated, c.to.generated);

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Adds a statement of a kind (its place in ./layout.ts among the statements the graph leaves free). */
type Emit = (kind: StatementKind, source: Change, object: string, comment: string, sql: string, effects?: Effects, transactional?: boolean) => void;

interface Draft {
  kind: StatementKind;
  order: number;
  sql: string;
  comment: string;
  effects: Effects;
  transactional: boolean;
  object: string;
  source: Change;
}

/**
 * Orders and renders changes.
 *
 * @example
 * const statements = plan(diff(current, desired), current, desired);
 * statements.map((s) => s.sql + ';').join('\n')
 */
export function plan(changes: readonly Change[], current: Model, desired: Model, options: PlanOptions = {}): Statement[] {
  const drafts: Draft[] = [];
  let seq = 0;
  const emit: Emit = (kind, source, object, comment, sql, effects = {}, transactional = true) =>
    drafts.push({ kind, order: seq++, sql, comment, effects, transactional, object, source });

  // --- Dependants that must be dropped and recreated around the changes -------------------------
  const all = [...changes];
  carryEnumDependents(all, current, desired);
  keepOwnedSequences(all, current, desired);
  restoreReferencingForeignKeys(all, current, desired);
  recreateTypesOver(all, current, desired);
  // Generated columns over a recreated function: dropped and added again (./kinds/generated-columns.ts), before the
  // views over their tables are found.
  regenerateColumns(all, current, desired);
  const affected = new Set<string>();
  for (const c of all) {
    if (c.kind === 'drop_table') affected.add(keyOf(c.table));
    if (c.kind === 'drop_column' || (c.kind === 'alter_column' && (reshapes(c) || regenerates(c)))) affected.add(keyOf(c.table));
    if (c.kind === 'rebuild_enum') for (const col of c.columns) affected.add(col.table);
    if (c.kind === 'drop_view') affected.add(keyOf(c.view));
    if (c.kind === 'drop_object' && c.object.kind === 'foreign_table') affected.add(keyOf(c.object));
    // A dropped (or recreated) function takes the views calling it along.
    if (c.kind === 'drop_function') affected.add(callKey(keyOf(c.function)));
  }
  const droppedViews = new Set(all.filter((c) => c.kind === 'drop_view').map((c) => keyOf((c as { view: View }).view)));
  if (affected.size) {
    // Views of the current model that (transitively) read an affected relation.
    const dependants = viewDependants(current);
    const stack = [...affected];
    const hit = new Set<string>();
    while (stack.length) {
      const k = stack.pop()!;
      for (const v of dependants.get(k) ?? []) if (!hit.has(v)) hit.add(v), stack.push(v);
    }
    for (const k of hit) {
      if (droppedViews.has(k)) continue;
      const cur = current.views[k]!;
      all.push({ kind: 'drop_view', view: cur, recreated: !!desired.views[k] });
      droppedViews.add(k);
      const des = desired.views[k];
      if (des && !all.some((c) => c.kind === 'create_view' && keyOf(c.view) === k)) {
        all.push({ kind: 'create_view', view: des });
        for (const i of Object.values(des.indexes)) all.push({ kind: 'create_index', index: i, newTable: true });
        if (des.comment) all.push({ kind: 'comment', target: { on: des.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', schema: des.schema, name: des.name }, comment: des.comment });
        for (const tr of Object.values(des.triggers ?? {})) all.push({ kind: 'create_trigger', trigger: tr });
        if (des.grants?.length) all.push({ kind: 'grants', schema: des.schema, name: des.name, grant: des.grants, revoke: [] });
      }
    }
  }

  // Policies and trigger WHEN/UPDATE OF clauses pin the type of the columns they read: PostgreSQL refuses
  // to change such a column's type, so they are dropped before and recreated after.
  for (const c of [...all]) {
    if (c.kind !== 'alter_column' || !(reshapes(c) || regenerates(c))) continue;
    const tk = keyOf(c.table);
    const cur = current.tables[tk];
    const des = desired.tables[tk];
    if (!cur) continue;
    const reads = (text: string) => identifiersIn(text).has(c.from.name);
    for (const p of Object.values(cur.policies)) {
      if (![p.using?.text, p.withCheck?.text].some((t) => t && reads(t))) continue;
      if (all.some((x) => x.kind === 'drop_policy' && x.policy.table === tk && x.policy.name === p.name)) continue;
      all.push({ kind: 'drop_policy', policy: p });
      const back = des?.policies[p.name];
      if (back && !all.some((x) => x.kind === 'create_policy' && x.policy.table === tk && x.policy.name === p.name)) all.push({ kind: 'create_policy', policy: back });
    }
    for (const tr of Object.values(cur.triggers)) {
      const clause = /\bWHEN\b[\s\S]*\bEXECUTE\b|\bUPDATE OF\b[^]*?\bON\b/.exec(tr.definition ?? '')?.[0] ?? '';
      if (!reads(clause)) continue;
      if (all.some((x) => x.kind === 'drop_trigger' && x.trigger.table === tk && x.trigger.name === tr.name)) continue;
      all.push({ kind: 'drop_trigger', trigger: tr });
      const back = des?.triggers[tr.name];
      if (back && !all.some((x) => x.kind === 'create_trigger' && x.trigger.table === tk && x.trigger.name === tr.name)) all.push({ kind: 'create_trigger', trigger: back });
    }
    // A regenerated column's DROP COLUMN takes its indexes along: they are dropped first and built again.
    if (!regenerates(c)) continue;
    for (const ix of Object.values(cur.indexes)) {
      if (!ix.keys.some((k) => k.column === c.from.name || (k.expr && reads(k.expr.text))) && !ix.include.includes(c.from.name) && !(ix.where && reads(ix.where.text))) continue;
      if (all.some((x) => x.kind === 'drop_index' && x.index.table === tk && x.index.name === ix.name)) continue;
      all.push({ kind: 'drop_index', index: ix });
      const back = des?.indexes[ix.name];
      if (back && !all.some((x) => x.kind === 'create_index' && x.index.table === tk && x.index.name === ix.name)) all.push({ kind: 'create_index', index: back, newTable: false });
    }
  }

  // Generated columns reading a column whose type changes are dropped before and added after (plan/regenerated.ts).
  regenerateReaders(all, current, desired);

  // Rules go with the relation they are on: one that is dropped and created again gets its rules back.
  const recreated = new Set(all.flatMap((c) => (c.kind === 'drop_table' ? [keyOf(c.table)] : c.kind === 'drop_view' ? [keyOf(c.view)] : [])));
  if (recreated.size) {
    for (const o of Object.values(desired.objects ?? {})) {
      if (o.kind !== 'rule' || !recreated.has(o.table) || !(desired.tables[o.table] || desired.views[o.table])) continue;
      const k = objectKey(o);
      if (all.some((c) => c.kind === 'create_object' && objectKey(c.object) === k)) continue;
      all.push({ kind: 'create_object', object: o });
      if (o.comment) all.push({ kind: 'comment', target: { on: 'RULE', schema: o.schema, name: o.name, table: splitKey(o.table).name }, comment: o.comment });
    }
  }

  // SQL-standard function bodies (BEGIN ATOMIC …, RETURN …) are parsed at creation and depend on the relations
  // they read (the Model's `reads`, as PostgreSQL records them): PostgreSQL refuses to drop such a relation or
  // change such a column's type. The function goes first and comes back after the relations.
  const reshaped = new Set(all.flatMap((c) =>
    c.kind === 'drop_view' ? [keyOf(c.view)] : c.kind === 'drop_table' || c.kind === 'drop_column' ? [keyOf(c.table)]
    : c.kind === 'alter_column' && (reshapes(c) || regenerates(c)) ? [keyOf(c.table)] : []));
  // A function whose arguments or result are the row type of a view or table that is dropped (and created again)
  // goes the same way: PostgreSQL refuses to drop the relation under it.
  const droppedRelations = new Set(all.flatMap((c) => (c.kind === 'drop_view' ? [keyOf(c.view)] : c.kind === 'drop_table' ? [keyOf(c.table)] : [])));
  const rowTyped = (f: Func) => (f.signatureTypes ?? [...f.args.map((a) => a.type), ...(f.returns ? [f.returns] : [])]).some((t) => droppedRelations.has(t.replace(/^SETOF /i, '').replace(/(\[\])+$/, '')));
  if (reshaped.size || droppedRelations.size) {
    for (const [k, f] of Object.entries(current.functions)) {
      if (!f.reads?.some((r) => reshaped.has(r)) && !rowTyped(f)) continue;
      const same = (c: Change) => (c.kind === 'drop_function' || c.kind === 'create_function') && `${keyOf(c.function)}(${c.function.identityArgs})` === k;
      // A drop or (re)create the diff already planned (e.g. its return type changes) is moved, not doubled.
      for (let i = all.length - 1; i >= 0; i--) if (same(all[i]!)) all.splice(i, 1);
      all.push({ kind: 'drop_function', function: f, beforeRelations: true });
      const back = desired.functions[k];
      if (back) all.push({ kind: 'create_function', function: back, replace: false, afterRelations: true });
    }
  }

  restoreAroundRecreatedFunctions(all, current, desired);
  // What PostgreSQL drops with an object that is created again (privileges, comments) comes back: ./kinds/privileges.ts
  restoreRecreated(all, desired);

  // The order the Models listed their objects in plays no part: changes are visited by a stable key.
  const keyed = all.map((c) => ({ k: changeKey(c), c })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  keyed.forEach((x, i) => (all[i] = x.c));
  const newTables = new Set(all.filter((c) => c.kind === 'create_table').map((c) => keyOf((c as { table: Table }).table)));
  const tables = tableCreation(all, current, desired);
  const serial = serialColumns(all, desired);
  const droppedTables = new Map(all.filter((c) => c.kind === 'drop_table').map((c) => [keyOf((c as { table: Table }).table), (c as { table: Table }).table]));

  for (const c of all) {
    switch (c.kind) {
      case 'rename': {
        // First, before anything else: the rest of the plan was computed on the renamed state.
        const t = qn(c.schema, c.table);
        const sql =
          c.object === 'table' ? `ALTER TABLE ${qn(c.schema, c.from)} RENAME TO ${qi(c.to)}`
          : c.object === 'column' ? `ALTER TABLE ${t} RENAME COLUMN ${qi(c.from)} TO ${qi(c.to)}`
          : c.object === 'constraint' ? `ALTER TABLE ${t} RENAME CONSTRAINT ${qi(c.from)} TO ${qi(c.to)}`
          : c.object === 'index' ? `ALTER INDEX ${qn(c.schema, c.from)} RENAME TO ${qi(c.to)}`
          : `ALTER SEQUENCE ${qn(c.schema, c.from)} RENAME TO ${qi(c.to)}`;
        const effects: Effects = c.object === 'table' || c.object === 'column' ? { locksExistingTable: true, breaksDependants: `clients that use the old name "${c.from}" break` } : {};
        emit('rename', c, qn(c.schema, c.table), `rename a ${c.object} from "${c.from}" to "${c.to}"`, sql, effects);
        break;
      }
      case 'drop_trigger': {
        if (droppedTables.has(c.trigger.table) && !newTables.has(c.trigger.table)) break;
        emit('drop-trigger', c, c.trigger.table, `drop trigger "${c.trigger.name}" on "${splitKey(c.trigger.table).name}"`, `DROP TRIGGER ${qi(c.trigger.name)} ON ${qk(c.trigger.table)}`);
        break;
      }
      case 'drop_policy':
        if (droppedTables.has(c.policy.table) && !newTables.has(c.policy.table)) break;
        emit('drop-policy', c, c.policy.table, `drop policy "${c.policy.name}"`, `DROP POLICY ${qi(c.policy.name)} ON ${qk(c.policy.table)}`);
        break;
      case 'drop_view':
        emit('drop-view', c, keyOf(c.view), `drop "${c.view.name}" ${c.view.kind === 'view' ? 'view' : 'materialized view'}`,
          `DROP ${c.view.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW'} ${qn(c.view.schema, c.view.name)}`,
          c.recreated ? {} : { breaksDependants: `queries that read ${c.view.name} stop working`, ...(c.view.kind === 'materialized_view' ? { deletesData: `drops materialized view ${c.view.name}` } : {}) });
        break;
      case 'drop_constraint':
        if (droppedTables.has(keyOf(c.table)) && !newTables.has(keyOf(c.table))) break;
        emit(c.constraint.kind === 'foreign_key' ? 'drop-foreign-key' : 'drop-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`,
          `ALTER TABLE ${qn(c.table.schema, c.table.name)} DROP CONSTRAINT ${qi(c.constraint.name)}`, { locksExistingTable: true });
        break;
      case 'drop_index':
        if (droppedTables.has(c.index.table) && !newTables.has(c.index.table)) break;
        if (options.concurrentIndex) emit('drop-index', c, c.index.table, `drop index "${c.index.name}" from table: "${splitKey(c.index.table).name}"`, `DROP INDEX CONCURRENTLY ${qn(c.index.schema, c.index.name)}`, {}, false);
        else emit('drop-index', c, c.index.table, `drop index "${c.index.name}" from table: "${splitKey(c.index.table).name}"`, `DROP INDEX ${qn(c.index.schema, c.index.name)}`, { locksExistingTable: true });
        break;
      case 'drop_table':
        break; // ordered below
      case 'drop_column':
        if (droppedTables.has(keyOf(c.table))) break;
        if (c.column.inherited) break; // goes with the parent's column (PostgreSQL refuses to drop it on its own)
        emit('drop-column', c, keyOf(c.table), `modify "${c.table.name}" table`, `ALTER TABLE ${qn(c.table.schema, c.table.name)} DROP COLUMN ${qi(c.column.name)}`,
          c.regenerated ? { locksExistingTable: true } : { deletesData: `drops column ${c.table.name}.${c.column.name} and its data`, locksExistingTable: true });
        break;
      case 'drop_function':
        // After defaults/checks stop using it, unless a function with the same signature replaces it. One whose
        // signature uses a dropped relation's row type goes before the relation (the graph's edge).
        // Aggregates go first: they use their state functions.
        emit(c.beforeRelations ? 'drop-function-reading-relations' : c.function.kind === 'aggregate' ? 'drop-aggregate' : desired.functions[`${keyOf(c.function)}(${c.function.identityArgs})`] ? 'drop-replaced-function' : 'drop-function', c, `${c.function.schema}.${c.function.name}`, `drop function "${c.function.name}"`,
          `DROP ${c.function.kind === 'procedure' ? 'PROCEDURE' : c.function.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION'} ${qn(c.function.schema, c.function.name)}(${c.function.identityArgs || (c.function.kind === 'aggregate' ? '*' : '')})`, { breaksDependants: `callers of ${c.function.name} break` });
        break;
      case 'drop_sequence':
        emit('drop-sequence', c, keyOf(c.sequence), `drop sequence "${c.sequence.name}"`, `DROP SEQUENCE IF EXISTS ${qn(c.sequence.schema, c.sequence.name)}`);
        break;
      case 'drop_type':
        // Domains and composite types can be built on enums: they go first.
        emit(desired.types[keyOf(c.type)] ? 'drop-recreated-type' : c.type.kind === 'enum' ? 'drop-enum' : 'drop-type', c, keyOf(c.type), `drop ${c.type.kind === 'enum' ? 'enum ' : ''}type "${c.type.name}"`, `DROP ${c.type.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${qn(c.type.schema, c.type.name)}`);
        break;
      case 'drop_schema':
        emit('drop-schema', c, c.schema.name, `drop schema named "${c.schema.name}"`, `DROP SCHEMA ${qi(c.schema.name)} CASCADE`, { deletesData: `drops schema ${c.schema.name} and everything in it` });
        break;
      case 'drop_extension':
        emit('drop-extension', c, c.extension.name, `drop extension "${c.extension.name}"`, `DROP EXTENSION ${qi(c.extension.name)}`, { breaksDependants: `objects using ${c.extension.name} break` });
        break;
      case 'create_schema':
        emit('create-schema', c, c.schema.name, `add new schema named "${c.schema.name}"`, `CREATE SCHEMA ${qi(c.schema.name)}`);
        break;
      case 'create_extension':
        emit('create-extension', c, c.extension.name, `create extension "${c.extension.name}"`, `CREATE EXTENSION IF NOT EXISTS ${qi(c.extension.name)} WITH SCHEMA ${qi(c.extension.schema)}`);
        break;
      case 'create_type': {
        const t = c.type;
        const what = t.kind === 'enum' ? 'enum type' : t.kind === 'domain' ? 'domain' : t.kind === 'range' ? 'range type' : 'composite type';
        emit(`create-${t.kind}`, c, keyOf(t), `create ${what} "${t.name}"`, createTypeSql(t));
        break;
      }
      case 'reattach_partition':
        for (const st of partitionMoveSteps(c)) emit(st.kind, c, keyOf(c.table), st.comment, st.sql, st.effects);
        break;
      case 'alter_type':
        for (const s of alterTypeSteps(c)) emit(s.kind, c, keyOf(c.to), s.comment, s.sql, s.effects ?? {});
        break;
      case 'add_enum_value':
        emit('add-enum-value', c, keyOf(c.type), `add value to enum type: "${c.type.name}"`,
          `ALTER TYPE ${qn(c.type.schema, c.type.name)} ADD VALUE ${quoteLiteral(c.label)}${c.before !== undefined ? ` BEFORE ${quoteLiteral(c.before)}` : c.after !== undefined ? ` AFTER ${quoteLiteral(c.after)}` : ''}`, {}, false);
        break;
      case 'rebuild_enum':
        for (const st of enumRebuildSteps(c, desired)) emit('rebuild-enum', c, st.object, st.comment, st.sql, st.effects ?? {});
        break;
      case 'create_sequence': {
        const s = c.sequence;
        if (serial.sequences.has(keyOf(s))) break; // implied by a serial column
        emit('create-sequence', c, keyOf(s), `create sequence "${s.name}"`, `CREATE ${s.unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${qn(s.schema, s.name)} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ''}`);
        break;
      }
      case 'alter_sequence': {
        const s = c.to;
        if (!sameSequenceOptions(c.from, s)) {
          // New bounds that exclude the old start leave the sequence's position out of range: restart it.
          const outside = startOutside(c.from, s);
          emit('alter-sequence', c, keyOf(s), `modify sequence "${s.name}"`,
            `ALTER SEQUENCE ${qn(s.schema, s.name)} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start}${outside ? ` RESTART WITH ${s.start}` : ''} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ' NO CYCLE'}`,
            outside ? { mayFailOnExistingRows: `restarts sequence ${s.name} at ${s.start}: values it handed out before may be handed out again` } : {});
        }
        // After the tables' persistence (a table's SET LOGGED/UNLOGGED carries its owned sequences along).
        if (!!c.from.unlogged !== !!s.unlogged) emit('set-sequence-logged', c, keyOf(s), `modify sequence "${s.name}"`, `ALTER SEQUENCE ${qn(s.schema, s.name)} SET ${s.unlogged ? 'UNLOGGED' : 'LOGGED'}`);
        break;
      }
      case 'create_function': {
        const f = c.function;
        // Signatures that use a relation's row type come after the relation (the graph's edge).
        emit(c.afterRelations ? 'create-function-reading-relations' : f.kind === 'aggregate' ? 'create-aggregate' : c.replace ? 'replace-function' : 'create-function', c, `${f.schema}.${f.name}`, `${c.replace ? 'modify' : 'create'} function "${f.name}"`, f.definition.replace(/;\s*$/, ''));
        break;
      }
      case 'create_table':
        break; // ordered below
      case 'add_column':
        if (c.column.inherited) break; // comes from the parent's column (adding it here would make it local)
        // A generated column added again goes after the type changes of the columns it reads (same place, emitted later).
        emit(c.afterTypeChanges ? 'alter-column' : 'add-column', c, keyOf(c.table), `modify "${c.table.name}" table`, `ALTER TABLE ${qn(c.table.schema, c.table.name)} ADD COLUMN ${columnSql(c.column, { serial: serial.columns.has(`${keyOf(c.table)}\u0000${c.column.name}`), table: c.table })}`,
          {
            locksExistingTable: true,
            // A volatile default is evaluated per row (a non-volatile one is stored once), and a domain with
            // constraints is checked on every row: PostgreSQL rewrites the table for either.
            rewritesTable:
              !!c.column.generated ||
              (!!c.column.default && (options.volatile ? options.volatile(c.column.default) : /\(/.test(c.column.default.text) && !/^'/.test(c.column.default.text))) ||
              constrainedDomain(c.column.type, desired),
            mayFailOnExistingRows: c.column.notNull && !c.column.default && !c.column.identity && !c.column.generated ? `adding NOT NULL column ${c.column.name} without a default fails if ${c.table.name} has rows` : undefined,
          });
        break;
      case 'alter_column':
        alterColumn(c, desired, emit);
        break;
      case 'add_constraint': {
        const k = c.constraint;
        const tn = qn(c.table.schema, c.table.name);
        if (c.newTable && (k.kind === 'foreign_key' ? tables.inlineForeignKeys.has(`${keyOf(c.table)}\u0000${k.name}`) : !checkAfterTable(k))) break; // inline in CREATE TABLE
        if (c.validate) {
          emit('validate-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`, `ALTER TABLE ${tn} VALIDATE CONSTRAINT ${qi(k.name)}`, { mayFailOnExistingRows: `fails if existing rows violate ${k.name}` });
          break;
        }
        const existing = !c.newTable;
        const deferValidation = existing && options.notValid && (k.kind === 'foreign_key' || k.kind === 'check');
        emit(k.kind === 'foreign_key' ? 'add-foreign-key' : 'add-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`,
          `ALTER TABLE ${tn} ADD ${namedConstraintSql(c.table, k)}${deferValidation && !/ NOT VALID$/.test(constraintSql(k)) ? ' NOT VALID' : ''}`,
          existing ? { locksExistingTable: true, mayFailOnExistingRows: deferValidation ? undefined : `fails if existing rows violate ${k.name}` } : {});
        if (deferValidation) emit('validate-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`, `ALTER TABLE ${tn} VALIDATE CONSTRAINT ${qi(k.name)}`, { mayFailOnExistingRows: `fails if existing rows violate ${k.name}` });
        break;
      }
      case 'create_index': {
        const i = c.index;
        const onView = !!desired.views[i.table];
        const existing = !c.newTable && !newTables.has(i.table);
        const concurrent = existing && options.concurrentIndex;
        const sql = createIndexSql(i, { concurrently: concurrent, indent: options.indent });
        // Before foreign keys: a FK may reference columns whose uniqueness comes from this index.
        emit(onView ? 'create-view-index' : 'create-index', c, i.table, `create index "${i.name}" to table: "${splitKey(i.table).name}"`, sql,
          existing ? { buildsIndexOnExistingTable: !concurrent, mayFailOnExistingRows: i.unique ? `unique index ${i.name} fails on duplicate rows` : undefined } : {}, !concurrent);
        break;
      }
      case 'sequence_owned_by': {
        const s = c.sequence;
        if (serial.sequences.has(keyOf(s))) break;
        emit(c.beforeDrops ? 'release-sequence-owner' : 'set-sequence-owner', c, keyOf(s), `set owner of sequence "${s.name}"`, `ALTER SEQUENCE ${qn(s.schema, s.name)} OWNED BY ${s.ownedBy ? `${qk(s.ownedBy.table)}.${qi(s.ownedBy.column)}` : 'NONE'}`);
        break;
      }
      case 'create_view':
        break; // ordered below
      case 'create_trigger':
        emit('create-trigger', c, c.trigger.table, `create trigger "${c.trigger.name}"`, c.trigger.definition ?? '');
        break;
      case 'grants': {
        // Revokes first (a changed grant option is a revoke and a grant), one statement per grantee.
        const on = qn(c.schema, c.name);
        const who = (g: string) => (g === 'PUBLIC' ? 'PUBLIC' : qi(g));
        const groups = (list: readonly Grant[]) => {
          const m = new Map<string, string[]>();
          for (const g of list) m.set(`${g.grantee}\u0000${g.grantable}`, [...(m.get(`${g.grantee}\u0000${g.grantable}`) ?? []), g.privilege]);
          return [...m].map(([k, privs]) => ({ grantee: k.split('\u0000')[0]!, grantable: k.endsWith('true'), privs }));
        };
        for (const g of groups(c.revoke)) emit('revoke', c, `${c.schema}.${c.name}`, `revoke privileges on "${c.name}"`, `REVOKE ${g.privs.join(', ')} ON TABLE ${on} FROM ${who(g.grantee)}`);
        for (const g of groups(c.grant)) emit('grant', c, `${c.schema}.${c.name}`, `grant privileges on "${c.name}"`, `GRANT ${g.privs.join(', ')} ON TABLE ${on} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`);
        break;
      }
      case 'alter_table': {
        const t = c.table;
        const tn = qn(t.schema, t.name);
        if (c.from.unlogged !== t.unlogged)
          emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} SET ${t.unlogged ? 'UNLOGGED' : 'LOGGED'}`, { rewritesTable: true });
        const keyOfOpt = (o: string) => o.slice(0, o.indexOf('='));
        const removed = c.from.options.filter((o) => !t.options.some((n) => keyOfOpt(n) === keyOfOpt(o))).map(keyOfOpt);
        const set = t.options.filter((o) => !c.from.options.includes(o));
        if (removed.length) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} RESET (${removed.join(', ')})`, { locksExistingTable: true });
        if (set.length) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} SET (${set.join(', ')})`, { locksExistingTable: true });
        const ri = (x: Table) => (!x.replicaIdentity ? 'DEFAULT' : x.replicaIdentity.kind === 'index' ? `USING INDEX ${qi(x.replicaIdentity.index ?? '')}` : x.replicaIdentity.kind.toUpperCase());
        if (ri(c.from) !== ri(t)) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} REPLICA IDENTITY ${ri(t)}`, { locksExistingTable: true });
        if ((c.from.clusterOn ?? '') !== (t.clusterOn ?? '')) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} ${t.clusterOn ? `CLUSTER ON ${qi(t.clusterOn)}` : 'SET WITHOUT CLUSTER'}`, { locksExistingTable: true });
        break;
      }
      case 'set_rls': {
        const t = c.table;
        const tn = qn(t.schema, t.name);
        emit('set-row-level-security', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} ${t.rowLevelSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
        emit('set-row-level-security', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} ${t.forceRowLevelSecurity ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`);
        break;
      }
      case 'create_policy': {
        const p = c.policy;
        emit('create-policy', c, p.table, `create policy "${p.name}"`,
          `CREATE POLICY ${qi(p.name)} ON ${qk(p.table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${p.roles.map((r) => (r === 'public' ? 'PUBLIC' : qi(r))).join(', ')}${p.using ? ` USING (${p.using.text})` : ''}${p.withCheck ? ` WITH CHECK (${p.withCheck.text})` : ''}`);
        break;
      }
      case 'create_object': case 'drop_object': case 'alter_object': {
        const o = c.kind === 'alter_object' ? c.to : c.object;
        const rules = kindRules(o);
        const key = objectKey(o);
        const out = (list: ReturnType<typeof rules.create>) => { for (const s of list) emit(s.kind, c, key, s.comment, s.sql, s.effects ?? {}); };
        if (c.kind === 'create_object') out(rules.create(c.object));
        else if (c.kind === 'drop_object') out(rules.drop(c.object));
        else {
          const steps = rules.alter?.(c.from, c.to);
          if (steps) out(steps);
          // Recreated: dropped before anything of its kind is created again.
          else out([...rules.drop(c.from).map((s) => ({ ...s, kind: earlier(s.kind, 'drop-recreated-object') })), ...rules.create(c.to)]);
        }
        break;
      }
      case 'comment':
        emit('comment', c, commentTarget(c), `set comment to ${c.target.on.toLowerCase()}: "${'name' in c.target ? c.target.name : c.target.schema}"`,
          `COMMENT ON ${commentTarget(c)} IS ${c.comment === undefined ? 'NULL' : quoteLiteral(c.comment)}`);
        break;
    }
  }

  // Tables: created parents and referenced tables first; dropped in reverse FK order, cycles broken.
  for (const c of tables.order)
    emit('create-table', c, keyOf(c.table), `create "${c.table.name}" table`, createTableSql(c.table, {
      foreignKeys: new Set([...tables.inlineForeignKeys].filter((k) => k.startsWith(`${keyOf(c.table)}\u0000`)).map((k) => k.slice(k.indexOf('\u0000') + 1))),
      serial: new Set([...serial.columns].filter((k) => k.startsWith(`${keyOf(c.table)}\u0000`)).map((k) => k.slice(k.indexOf('\u0000') + 1))),
      indent: options.indent,
    }));

  const drops = all.filter((c): c is Extract<Change, { kind: 'drop_table' }> => c.kind === 'drop_table');
  const dropKeys = new Map(drops.map((c) => [keyOf(c.table), c]));
  // A table can be dropped once nothing that is dropped later references it: order by "referenced by".
  const referencedBy = new Map<string, Extract<Change, { kind: 'drop_table' }>[]>();
  for (const d of drops) {
    for (const k of Object.values(d.table.constraints)) if (k.kind === 'foreign_key' && dropKeys.has(k.refTable) && k.refTable !== keyOf(d.table)) referencedBy.set(k.refTable, [...(referencedBy.get(k.refTable) ?? []), d]);
    for (const parent of d.table.inherits) if (dropKeys.has(parent)) referencedBy.set(parent, [...(referencedBy.get(parent) ?? []), d]);
  }
  const { order: dropOrder, cycles: dropCycles } = toposort(drops, (d) => referencedBy.get(keyOf(d.table)) ?? []);
  const droppedFirst = new Set<string>();
  for (const d of dropCycles)
    for (const k of Object.values(d.table.constraints))
      if (k.kind === 'foreign_key' && dropCycles.some((x) => keyOf(x.table) === k.refTable) && k.refTable !== keyOf(d.table) && droppedFirst.add(`${keyOf(d.table)}\u0000${k.name}`))
        emit('drop-foreign-key', d, keyOf(d.table), `modify "${d.table.name}" table`, `ALTER TABLE ${qn(d.table.schema, d.table.name)} DROP CONSTRAINT ${qi(k.name)}`);
  for (const d of [...dropOrder, ...dropCycles]) {
    if (d.table.partitionOf && dropKeys.has(d.table.partitionOf.parent)) continue; // goes with its parent
    emit('drop-table', d, keyOf(d.table), `drop "${d.table.name}" table`, `DROP TABLE ${qn(d.table.schema, d.table.name)}`, { deletesData: `drops table ${d.table.name} and its rows` });
  }

  // Views: in the order the graph gives (a view after what it reads).
  for (const c of all) if (c.kind === 'create_view') emit('create-view', c, keyOf(c.view), `create "${c.view.name}" ${c.view.kind === 'view' ? 'view' : 'materialized view'}`, viewSql(c.view));

  const ctx = { current, desired, inlineForeignKeys: tables.inlineForeignKeys, droppedFirst };
  const nodes = graphNodes(drafts, ctx, options.tieBreak);
  const ordered = orderByGraph(nodes).map((n) => n.draft);
  const out: Statement[] = [];
  // SQL-language bodies are checked against tables at creation; functions are created before tables
  // (defaults and checks use them), so body checks are deferred like pg_dump does.
  const sqlFunction = ordered.find((d) => d.source.kind === 'create_function' && d.source.function.language === 'sql');
  if (sqlFunction) out.push({ ...settingStatement('SET check_function_bodies = off', sqlFunction.source), comment: 'Check SQL function bodies when they run, not when they are created' });
  if (ordered.length && options.lockTimeout) out.push(settingStatement(`SET lock_timeout = ${quoteLiteral(options.lockTimeout)}`, ordered[0]!.source));
  if (ordered.length && options.statementTimeout) out.push(settingStatement(`SET statement_timeout = ${quoteLiteral(options.statementTimeout)}`, ordered[0]!.source));
  for (const d of ordered) {
    const onNew = newTables.has(d.object) && !droppedTables.has(d.object);
    const effects = onNew ? { ...d.effects, locksExistingTable: false, rewritesTable: false, mayFailOnExistingRows: undefined, buildsIndexOnExistingTable: false } : d.effects;
    out.push({ sql: d.sql, comment: cap(d.comment), hazards: hazardsOf(effects, d.transactional), transactional: d.transactional, object: d.object, source: d.source });
  }
  return out;
}

const NONE: readonly string[] = [];

/**
 * A function dropped and created again (its result type changes) cannot be dropped while column defaults,
 * CHECK constraints, indexes, policies or trigger WHEN clauses call it: those are dropped before it and
 * restored after (the graph orders them by the functions their expressions call, ./expr-refs.ts). A change the
 * diff already planned for such an object is split, not doubled: its default is left out, then set.
 */
function restoreAroundRecreatedFunctions(all: Change[], current: Model, desired: Model): void {
  const recreated = recreatedFunctions(all);
  if (!recreated.size) return;
  // By signature: a call of another overload of the name keeps its object (./function-refs.ts).
  const calls = (e: { canonical?: string } | undefined) => !!e && exprRefs(e.canonical).calls.some((call) => callIds(current, call).some((id) => recreated.has(id)));
  for (const [k, cur] of Object.entries(current.tables)) {
    const des = desired.tables[k];
    if (!des || all.some((c) => c.kind === 'drop_table' && keyOf(c.table) === k)) continue;
    for (const col of cur.columns) {
      const next = des.columns.find((x) => x.name === col.name);
      if (!next || !calls(col.default) || col.inherited) continue;
      const i = all.findIndex((c) => c.kind === 'alter_column' && keyOf(c.table) === k && c.to.name === col.name);
      const planned = i >= 0 ? (all[i] as Extract<Change, { kind: 'alter_column' }>) : undefined;
      if (planned && !planned.from.default) continue;
      const bare = { ...next, default: undefined };
      const first: Change = { kind: 'alter_column', table: planned?.table ?? des, from: planned?.from ?? col, to: bare };
      if (planned) all.splice(i, 1, first);
      else all.push(first);
      if (next.default) all.push({ kind: 'alter_column', table: des, from: bare, to: next });
    }
    for (const con of Object.values(cur.constraints)) {
      if (con.kind !== 'check' || !calls(con.expr)) continue;
      if (all.some((c) => c.kind === 'drop_constraint' && keyOf(c.table) === k && c.constraint.name === con.name)) continue;
      all.push({ kind: 'drop_constraint', table: cur, constraint: con });
      const back = des.constraints[con.name];
      if (back && !all.some((c) => c.kind === 'add_constraint' && keyOf(c.table) === k && c.constraint.name === con.name)) all.push({ kind: 'add_constraint', table: des, constraint: back, newTable: false });
    }
    for (const ix of Object.values(cur.indexes)) {
      if (!ix.keys.some((x) => calls(x.expr)) && !calls(ix.where)) continue;
      if (all.some((c) => c.kind === 'drop_index' && c.index.table === k && c.index.name === ix.name)) continue;
      all.push({ kind: 'drop_index', index: ix });
      const back = des.indexes[ix.name];
      if (back && !all.some((c) => c.kind === 'create_index' && c.index.table === k && c.index.name === ix.name)) all.push({ kind: 'create_index', index: back, newTable: false });
    }
    for (const p of Object.values(cur.policies)) {
      if (!calls(p.using) && !calls(p.withCheck)) continue;
      if (all.some((c) => c.kind === 'drop_policy' && c.policy.table === k && c.policy.name === p.name)) continue;
      all.push({ kind: 'drop_policy', policy: p });
      const back = des.policies[p.name];
      if (back && !all.some((c) => c.kind === 'create_policy' && c.policy.table === k && c.policy.name === p.name)) all.push({ kind: 'create_policy', policy: back });
    }
    for (const tr of Object.values(cur.triggers)) {
      if (!calls(tr.when)) continue;
      if (all.some((c) => c.kind === 'drop_trigger' && c.trigger.table === k && c.trigger.name === tr.name)) continue;
      all.push({ kind: 'drop_trigger', trigger: tr });
      const back = des.triggers[tr.name];
      if (back && !all.some((c) => c.kind === 'create_trigger' && c.trigger.table === k && c.trigger.name === tr.name)) all.push({ kind: 'create_trigger', trigger: back });
    }
  }
}

/** The drafts as nodes of the graph, with the ids their change declares (computed once per change). */
function graphNodes(drafts: readonly Draft[], ctx: EdgeContext, tieBreak: TieBreak | undefined) {
  const memo = new Map<Change, ReturnType<typeof statementIds>>();
  const renames = drafts.some((d) => d.kind === 'rename');
  const last = new Map<Change, number>();
  const count = new Map<Change, number>();
  for (const d of drafts) count.set(d.source, (count.get(d.source) ?? 0) + 1);
  return drafts.map((d) => {
    // A dropped table's statements differ (its cycle's foreign keys, then the table), and so do a recreated object's (drop, then create).
    const own = d.source.kind === 'drop_table' || d.source.kind === 'alter_object' || d.source.kind === 'reattach_partition'
      || (d.source.kind === 'alter_column' && (!d.source.from.identity !== !d.source.to.identity || regenerates(d.source)));
    let ids = own ? undefined : memo.get(d.source);
    if (!ids) {
      ids = statementIds(d.source, d.sql, ctx, d.kind);
      if (!own) memo.set(d.source, ids);
    }
    // A change's statements run in the order it wrote them: each requires the one before it.
    const chained = (count.get(d.source) ?? 0) > 1;
    const prev = chained ? last.get(d.source) : undefined;
    if (chained) last.set(d.source, d.order);
    const rename = renames && d.kind !== 'rename';
    const requires = rename || prev !== undefined ? [...(ids.requires ?? NONE), ...(rename ? [RENAMES] : NONE), ...(prev !== undefined ? [nodeId.step(prev)] : NONE)] : ids.requires ?? NONE;
    const creates = chained ? [...(ids.creates ?? NONE), nodeId.step(d.order)] : ids.creates ?? NONE;
    return { rank: place(d.kind, tieBreak), order: d.order, draft: d, creates, alters: ids.alters ?? NONE, drops: ids.drops ?? NONE, requires, used: ids.used ?? NONE };
  });
}

/** Is `type` a domain with CHECK or NOT NULL constraints (directly or through its base domain)? */
function constrainedDomain(type: string, model: Model): boolean {
  const t = model.types[type];
  return t?.kind === 'domain' && (t.checks.length > 0 || t.notNull || constrainedDomain(t.baseType, model));
}

/**
 * The order new tables are created in (parents, inherited and referenced tables first, as Atlas orders them)
 * and the foreign keys that can be written inside `CREATE TABLE` (`table key NUL constraint name`): those
 * whose referenced key exists when the statement runs: on the table itself, on a table created before
 * it with the key inline, or on an existing table the plan leaves alone. The rest are added afterwards.
 */
function tableCreation(all: readonly Change[], current: Model, desired: Model): { order: Extract<Change, { kind: 'create_table' }>[]; inlineForeignKeys: Set<string> } {
  const creates = all.filter((c): c is Extract<Change, { kind: 'create_table' }> => c.kind === 'create_table');
  const byKey = new Map(creates.map((c) => [keyOf(c.table), c]));
  const fks = (t: Table) => Object.values(t.constraints).filter((k) => k.kind === 'foreign_key');
  const parents = (t: Table) => [t.partitionOf?.parent, ...t.inherits].filter((k): k is string => !!k);
  const { order, cycles } = toposort(creates, (c) =>
    [...new Set([...parents(c.table), ...(c.table.partitionOf ? [] : fks(c.table).map((k) => k.refTable))])].filter((k) => k !== keyOf(c.table) && byKey.has(k)).map((k) => byKey.get(k)!));
  const touched = new Set<string>();
  for (const c of all) {
    if ('table' in c && c.table && typeof c.table === 'object') touched.add(keyOf(c.table as Table));
    if (c.kind === 'create_index' || c.kind === 'drop_index') touched.add(c.index.table);
    if (c.kind === 'rename') touched.add(qualifiedKey(c.schema, c.table));
  }
  const created = new Set<string>();
  const inlineForeignKeys = new Set<string>();
  const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  for (const c of order) {
    const key = keyOf(c.table);
    created.add(key);
    if (c.table.partitionOf) continue;
    for (const k of fks(c.table)) {
      if (k.kind !== 'foreign_key' || k.notValid) continue; // NOT VALID is an ALTER TABLE state
      const ref = desired.tables[k.refTable];
      const inlineKey = (t: Table | undefined) => !!t && Object.values(t.constraints).some((x) => (x.kind === 'primary_key' || x.kind === 'unique') && sameColumns(x.columns, k.refColumns));
      const ok = k.refTable === key ? inlineKey(c.table)
        : byKey.has(k.refTable) ? created.has(k.refTable) && inlineKey(ref)
        : !!current.tables[k.refTable] && !touched.has(k.refTable);
      if (ok) inlineForeignKeys.add(`${key}\u0000${k.name}`);
    }
  }
  return { order: [...order, ...cycles], inlineForeignKeys };
}

/**
 * Columns created with a sequence that `serial` would create (`table key NUL column`), and those sequences:
 * written as `serial` columns instead of `CREATE SEQUENCE` + `DEFAULT nextval(…)` + `OWNED BY` (see `serialSequence`).
 */
function serialColumns(all: readonly Change[], desired: Model): { columns: Set<string>; sequences: Set<string> } {
  const created = new Set(all.flatMap((c) => (c.kind === 'create_sequence' ? [`${c.sequence.schema}\u0000${c.sequence.name}`] : [])));
  const columns = new Set<string>();
  const sequences = new Set<string>();
  if (!created.size) return { columns, sequences };
  const consider = (t: Table, col: Column) => {
    const s = serialSequence(t, col, desired, created);
    if (s) columns.add(`${keyOf(t)}\u0000${col.name}`), sequences.add(keyOf(s));
  };
  for (const c of all) {
    if (c.kind === 'create_table' && !c.table.partitionOf) for (const col of c.table.columns) if (!col.inherited) consider(c.table, col);
    if (c.kind === 'add_column' && !c.column.inherited) consider(c.table, c.column);
  }
  return { columns, sequences };
}

function settingStatement(sql: string, source: Change): Statement {
  return { sql, comment: 'Set a timeout for this migration', hazards: [], transactional: true, object: '', source };
}

function keyOf(o: { schema: string; name: string }): string {
  return qualifiedKey(o.schema, o.name);
}

/**
 * `SET (…)` / `RESET (…)`, `SET STORAGE`, `SET COMPRESSION` clauses that turn one column's attribute options into another's.
 *
 * @example
 * attributeOptions(col, { ...col, options: ['n_distinct=-1'] }, desired, (sql) => out.push(sql)) // 'SET (n_distinct=-1)'
 */
function attributeOptions(from: Column, to: Column, model: Model, emit: (sql: string, effects: Effects) => void): void {
  const name = (o: string) => o.slice(0, o.indexOf('='));
  const before = from.options ?? [];
  const after = to.options ?? [];
  const reset = before.filter((o) => !after.some((n) => name(n) === name(o))).map(name);
  const set = after.filter((o) => !before.includes(o));
  if (reset.length) emit(`RESET (${reset.join(', ')})`, {});
  if (set.length) emit(`SET (${set.join(', ')})`, {});
  // Neither rewrites: storage and compression apply to values written from then on.
  if ((from.storage ?? '') !== (to.storage ?? '')) emit(`SET STORAGE ${to.storage ?? defaultStorage(to.type, model)}`, { locksExistingTable: true });
  if ((from.compression ?? '') !== (to.compression ?? '')) emit(`SET COMPRESSION ${to.compression ?? 'default'}`, { locksExistingTable: true });
}

function alterColumn(c: Extract<Change, { kind: 'alter_column' }>, model: Model, emit: Emit): void {
  const { table: t, from, to } = c;
  const tn = `ALTER TABLE ${qn(t.schema, t.name)} ALTER COLUMN ${qi(to.name)}`;
  const key = keyOf(t);
  const cm = `modify "${t.name}" table`;
  const typeChanged = from.type !== to.type || (from.collation ?? '') !== (to.collation ?? '');
  if (c.regenerate || !sameExpr(from.generated, to.generated)) {
    emit('alter-column', c, key, cm, `ALTER TABLE ${qn(t.schema, t.name)} DROP COLUMN ${qi(to.name)}`, { locksExistingTable: true });
    emit('alter-column', c, key, cm, `ALTER TABLE ${qn(t.schema, t.name)} ADD COLUMN ${columnSql(to, { table: t })}`, { rewritesTable: true });
    return;
  }
  if (from.identity && !to.identity) emit('alter-column', c, key, cm, `${tn} DROP IDENTITY`, { locksExistingTable: true });
  // A new default replaces the old one (SET DEFAULT); it is dropped first only around a type change.
  if (from.default && (typeChanged || !to.default)) emit('alter-column', c, key, cm, `${tn} DROP DEFAULT`, { locksExistingTable: true });
  // An inherited column (a partition's, a child's) changes type with its parent's column: ALTER TYPE recurses.
  if (typeChanged && !(from.inherited && to.inherited)) {
    const { using, rewrite } = castInfo(from.type, to.type);
    emit('alter-column', c, key, cm, `${tn} TYPE ${typeSql(to.type)}${to.collation ? ` COLLATE ${to.collation}` : ''}${using ? ` USING ${qi(to.name)}::${to.type}` : ''}`,
      { rewritesTable: rewrite, locksExistingTable: true, mayFailOnExistingRows: using ? `converting ${t.name}.${to.name} from ${from.type} to ${to.type} fails on values that do not convert` : undefined });
  }
  if (to.default && (typeChanged || !from.default || !sameExpr(from.default, to.default))) emit('alter-column', c, key, cm, `${tn} SET DEFAULT ${to.default.text}`, { locksExistingTable: true });
  if (!from.notNull && to.notNull) emit('alter-column', c, key, cm, `${tn} SET NOT NULL`, { locksExistingTable: true, mayFailOnExistingRows: `fails if ${t.name}.${to.name} contains NULL values` });
  if (from.notNull && !to.notNull) emit('alter-column', c, key, cm, `${tn} DROP NOT NULL`, { locksExistingTable: true });
  if (to.identity && !from.identity) emit('alter-column', c, key, cm, `${tn} ADD ${identitySql(to, t)}`, { locksExistingTable: true });
  else if (to.identity && from.identity && !sameIdentity(from.identity, to.identity)) {
    // The sequence takes the desired name (a table renamed by hand keeps its old one: PostgreSQL does not rename it).
    const [was, will] = [from.identity.sequenceName, to.identity.sequenceName];
    if (was && will && was !== will) emit('alter-column', c, key, cm, `ALTER SEQUENCE ${qi(t.schema)}.${qi(was)} RENAME TO ${qi(will)}`, {});
    // In place, as one subcommand (the options are checked together), keeping the sequence and its name.
    const [a, b] = [from.identity.sequence, to.identity.sequence];
    const sets: string[] = [];
    if (from.identity.generation !== to.identity.generation) sets.push(`SET GENERATED ${to.identity.generation}`);
    if (a.increment !== b.increment) sets.push(`SET INCREMENT BY ${b.increment}`);
    if (a.min !== b.min) sets.push(`SET MINVALUE ${b.min}`);
    if (a.max !== b.max) sets.push(`SET MAXVALUE ${b.max}`);
    if (a.start !== b.start) sets.push(`SET START WITH ${b.start}`);
    if (a.cache !== b.cache) sets.push(`SET CACHE ${b.cache}`);
    if (a.cycle !== b.cycle) sets.push(b.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
    // New bounds that exclude the old start leave the sequence's position out of range: restart it.
    const outside = startOutside(a, b);
    if (outside) sets.push(`RESTART WITH ${b.start}`);
    if (sets.length) emit('alter-column', c, key, cm, `${tn} ${sets.join(' ')}`, outside ? { mayFailOnExistingRows: `restarts the identity of ${t.name}.${to.name} at ${b.start}: values handed out before may be handed out again` } : {});
  }
  if ((from.statistics ?? -1) !== (to.statistics ?? -1)) emit('alter-column-options', c, key, cm, `${tn} SET STATISTICS ${to.statistics ?? -1}`);
  attributeOptions(from, to, model, (sql, effects) => emit('alter-column-options', c, key, cm, `${tn} ${sql}`, effects));
}

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
