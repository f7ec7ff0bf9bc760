/**
 * Dependants that must be dropped and recreated around the changes: views over a dropped or reshaped relation,
 * policies, triggers and indexes pinning a column's type, generated columns, rules of a recreated relation,
 * SQL-standard function bodies, objects calling a recreated function, privileges and comments of recreated objects.
 *
 * In: the diff's changes and both Models. Out: the changes plus the drops and creates around them (pure).
 */
import type { Change, CommentTarget } from '../diff/changes.js';
import { qualifiedKey, splitKey } from '../model/names.js';
import type { CatalogObject, Func, Model, View } from '../model/types.js';
import { objectKey } from '../model/objects.js';
import { grantChanges } from '../model/privileges.js';
import { sameColumnDefaults, sameColumnSettings } from '../model/view-columns.js';
import { recreatePolicy, regenerateColumns, regenerates, retypesWithoutCast, setExpressionsInPlace } from './regenerated.js';
import { exprRefs } from '../model/expr-refs.js';
import { callIds, fnId } from './function-refs.js';
import { bodyRefs } from './refs.js';
import { carryEnumDependents } from './kinds/enum-rebuild.js';
import { keepOwnedSequences } from './kinds/owned-sequences.js';
import { restoreReferencingForeignKeys } from './kinds/referencing-keys.js';
import { dropAttachedKeysWithIndexes } from './kinds/attached-keys.js';
import { recreateTypesOver } from './kinds/recreated-types.js';
import { restoreRecreated } from './kinds/privileges.js';
import { restoreDomainsAndForeignTables } from './kinds/function-callers.js';
import { republishRetyped, retypedColumns } from './kinds/republished.js';

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

/**
 * The changes with the dependants that must be dropped before and recreated after them.
 *
 * @example
 * const all = withDependants(diff(current, desired), current, desired);
 * // a column type change over a view: [alter_column, drop_view, create_view]
 */
export function withDependants(changes: readonly Change[], current: Model, desired: Model, serverMajor?: number): Change[] {
  const all = [...changes];
  setExpressionsInPlace(all, current, serverMajor);
  retypesWithoutCast(all, current, desired, serverMajor);
  carryEnumDependents(all, current, desired);
  keepOwnedSequences(all, current, desired);
  dropAttachedKeysWithIndexes(all, current, desired);
  restoreReferencingForeignKeys(all, current, desired);
  recreateTypesOver(all, current, desired);
  // Generated columns dropped and added again, with what their DROP COLUMN takes along (./regenerated.ts), before
  // the views over their tables are found.
  regenerateColumns(all, current, desired);
  const affected = new Set<string>();
  for (const c of all) {
    if (c.kind === 'drop_table') affected.add(keyOf(c.table));
    if (c.kind === 'drop_column' || (c.kind === 'alter_column' && (reshapes(c) || regenerates(c)))) affected.add(keyOf(c.table));
    if (c.kind === 'rebuild_type') for (const col of c.columns) affected.add(col.table);
    // A typed table loses the columns of its type's dropped attributes (DROP ATTRIBUTE … CASCADE would take the views along).
    if (c.kind === 'alter_type' && c.from.kind === 'composite' && c.to.kind === 'composite' && c.from.attributes.some((a) => !(c.to as typeof c.from).attributes.some((b) => b.name === a.name))) for (const t of c.typedTables ?? []) affected.add(t);
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
      // A view the diff replaces in place (CREATE OR REPLACE VIEW) is dropped here after all: it is created again
      // below, with everything on it; its in-place trigger changes are moot (its privileges and comments are
      // restored as a recreated view's: ./kinds/privileges.ts).
      const replaced = all.findIndex((c) => c.kind === 'create_view' && !!c.from && keyOf(c.view) === k);
      if (replaced >= 0) {
        all.splice(replaced, 1);
        for (let i = all.length - 1; i >= 0; i--) {
          const c = all[i]!;
          if ((c.kind === 'drop_trigger' || c.kind === 'create_trigger') && c.trigger.table === k) all.splice(i, 1);
        }
      }
      // A view's column defaults go with it: any in-place change the diff planned for them is moot.
      for (let i = all.length - 1; i >= 0; i--) if (all[i]!.kind === 'view_column_defaults' && keyOf((all[i] as { view: View }).view) === k) all.splice(i, 1);
      all.push({ kind: 'drop_view', view: cur, recreated: !!desired.views[k] });
      droppedViews.add(k);
      const des = desired.views[k];
      if (des && !all.some((c) => c.kind === 'create_view' && keyOf(c.view) === k)) {
        all.push({ kind: 'create_view', view: des });
        for (const i of Object.values(des.indexes)) all.push({ kind: 'create_index', index: i, newTable: true });
        if (des.comment) all.push({ kind: 'comment', target: { on: des.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', schema: des.schema, name: des.name }, comment: des.comment });
        for (const tr of Object.values(des.triggers ?? {})) all.push({ kind: 'create_trigger', trigger: tr });
        if (des.grants?.length) all.push({ kind: 'grants', schema: des.schema, name: des.name, ...grantChanges([], des.grants, 'TABLE') });
        if (!sameColumnSettings(undefined, des.columnSettings)) all.push({ kind: 'view_column_settings', view: des, from: {} });
      }
      if (des && !sameColumnDefaults(undefined, des.columnDefaults)) all.push({ kind: 'view_column_defaults', view: des, from: {} });
    }
  }

  // Policies and trigger WHEN/UPDATE OF clauses pin the type of the columns they read: PostgreSQL refuses
  // to change such a column's type, so they are dropped before and recreated after.
  for (const c of [...all]) {
    if (c.kind !== 'alter_column' || !reshapes(c)) continue;
    const tk = keyOf(c.table);
    const cur = current.tables[tk];
    const des = desired.tables[tk];
    if (!cur) continue;
    const reads = (e: { canonical: string } | undefined) => exprRefs(e?.canonical).columns.includes(c.from.name);
    for (const p of Object.values(cur.policies)) if (reads(p.using) || reads(p.withCheck)) recreatePolicy(all, p, des?.policies[p.name]);
    for (const tr of Object.values(cur.triggers)) {
      if (!tr.updateOf.includes(c.from.name) && !reads(tr.when)) continue;
      if (all.some((x) => x.kind === 'drop_trigger' && x.trigger.table === tk && x.trigger.name === tr.name)) continue;
      all.push({ kind: 'drop_trigger', trigger: tr });
      const back = des?.triggers[tr.name];
      if (back && !all.some((x) => x.kind === 'create_trigger' && x.trigger.table === tk && x.trigger.name === tr.name)) all.push({ kind: 'create_trigger', trigger: back });
    }
  }

  // Rules read the columns of their table and of the relations their actions name (an INSERT's target columns too):
  // PostgreSQL refuses to change the type of a column a rule uses, so every rule on or naming a retyped column's
  // table is dropped before and created after (conservatively: by table, not by column).
  const retyped = new Set(all.flatMap((c) => (c.kind === 'alter_column' && reshapes(c) ? [keyOf(c.table)] : [])));
  for (const o of retyped.size ? Object.values(current.objects ?? {}) : []) {
    if (o.kind !== 'rule' || !(retyped.has(o.table) || o.relations?.some((r) => retyped.has(r)))) continue;
    const k = objectKey(o);
    if (all.some((c) => c.kind === 'drop_object' && objectKey(c.object) === k)) continue;
    recreateRule(all, o, desired.objects?.[k]);
  }

  // Publications whose column list or row filter names a retyped column: the table leaves them around the retype.
  republishRetyped(all, current, desired, retypedColumns(all));

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
  // A function whose arguments or result are the row type of a view or table that is dropped (and created again),
  // or a type that is (a domain recreated with another base type), goes the same way: PostgreSQL refuses to drop
  // the relation or type under it.
  const droppedRelations = new Set(all.flatMap((c) => (c.kind === 'drop_view' ? [keyOf(c.view)] : c.kind === 'drop_table' ? [keyOf(c.table)] : c.kind === 'drop_type' ? [keyOf(c.type)] : [])));
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

  // A policy reading a relation the plan drops (a view in its USING subquery) is dropped before that relation, and
  // created again after its new version when its table stays; a dropped table's policy would go with the table, but
  // the view over that table is dropped first, and PostgreSQL refuses the view's drop while the policy reads it.
  const droppedRels = new Set(all.flatMap((c) => (c.kind === 'drop_view' ? [keyOf(c.view)] : c.kind === 'drop_table' ? [keyOf(c.table)] : c.kind === 'drop_object' && c.object.kind === 'foreign_table' ? [keyOf(c.object)] : [])));
  for (const [k, t] of droppedRels.size ? Object.entries(current.tables) : []) {
    const gone = all.some((c) => c.kind === 'drop_table' && keyOf(c.table) === k);
    for (const p of Object.values(t.policies)) {
      const reads = [p.using, p.withCheck].flatMap((e) => exprRefs(e?.canonical).relations);
      if (!reads.some((r) => r !== k && droppedRels.has(r))) continue;
      if (!gone) recreatePolicy(all, p, desired.tables[k]?.policies[p.name]);
      else if (!all.some((c) => c.kind === 'drop_policy' && c.policy.table === k && c.policy.name === p.name)) all.push({ kind: 'drop_policy', policy: p, beforeTable: true });
    }
  }

  restoreAroundRecreatedFunctions(all, current, desired);
  // What PostgreSQL drops with an object that is created again (privileges, comments) comes back: ./kinds/privileges.ts
  restoreRecreated(all, desired);
  return all;
}

/**
 * A function dropped and created again (its result type changes) cannot be dropped while column defaults,
 * CHECK constraints, indexes, policies, trigger WHEN clauses, rules, domains or foreign tables call it: those are dropped before it and
 * restored after (the graph orders them by the functions their expressions call, ../model/expr-refs.ts). A change the
 * diff already planned for such an object is split, not doubled: its default is left out, then set.
 */
function restoreAroundRecreatedFunctions(all: Change[], current: Model, desired: Model): void {
  // Every dropped function the desired state still has a function of that name for: one created again, and one
  // replaced by another signature the same call may now reach (a parameter added with a default).
  const named = new Set(Object.values(desired.functions).map((f) => keyOf(f)));
  const recreated = new Set(all.flatMap((c) => (c.kind === 'drop_function' && named.has(keyOf(c.function)) ? [fnId(c.function)] : [])));
  if (!recreated.size) return;
  recreateCallers(all, current, desired, recreated);
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
    for (const p of Object.values(cur.policies)) if (calls(p.using) || calls(p.withCheck)) recreatePolicy(all, p, des.policies[p.name]);
    for (const tr of Object.values(cur.triggers)) {
      if (!calls(tr.when)) continue;
      if (all.some((c) => c.kind === 'drop_trigger' && c.trigger.table === k && c.trigger.name === tr.name)) continue;
      all.push({ kind: 'drop_trigger', trigger: tr });
      const back = des.triggers[tr.name];
      if (back && !all.some((c) => c.kind === 'create_trigger' && c.trigger.table === k && c.trigger.name === tr.name)) all.push({ kind: 'create_trigger', trigger: back });
    }
  }
  // Rules whose actions call such a function (PostgreSQL records the dependency): dropped before it, created after.
  for (const o of Object.values(current.objects ?? {})) {
    if (o.kind !== 'rule' || !calls(o)) continue;
    const k = objectKey(o);
    if (all.some((c) => c.kind === 'drop_object' && objectKey(c.object) === k)) continue;
    recreateRule(all, o, desired.objects?.[k]);
  }
  // Domains (CHECK, DEFAULT) and foreign tables (CHECK, column DEFAULT) calling it: changed without the calls first.
  restoreDomainsAndForeignTables(all, current, desired, calls);
}

/**
 * A rule dropped and created again (`back`, absent when the desired state drops it): a change the diff planned for
 * it in place is moot, and its comment comes back with its CREATE (a comment change the diff planned is replaced).
 */
function recreateRule(all: Change[], o: Extract<CatalogObject, { kind: 'rule' }>, back: CatalogObject | undefined): void {
  const k = objectKey(o);
  const target = (r: { schema: string; name: string; table: string }) => ({ on: 'RULE' as const, schema: r.schema, name: r.name, table: splitKey(r.table).name });
  const same = (t: CommentTarget) => t.on === 'RULE' && t.schema === o.schema && t.name === o.name && t.table === splitKey(o.table).name;
  for (let i = all.length - 1; i >= 0; i--) {
    const c = all[i]!;
    if ((c.kind === 'alter_object' && objectKey(c.to) === k) || (c.kind === 'comment' && same(c.target))) all.splice(i, 1);
  }
  all.push({ kind: 'drop_object', object: o });
  if (back?.kind !== 'rule' || all.some((c) => c.kind === 'create_object' && objectKey(c.object) === k)) return;
  all.push({ kind: 'create_object', object: back });
  if (back.comment) all.push({ kind: 'comment', target: target(back), comment: back.comment });
}

function keyOf(o: { schema: string; name: string }): string {
  return qualifiedKey(o.schema, o.name);
}

/**
 * Functions whose SQL-standard body (`BEGIN ATOMIC …`, `RETURN …`) or argument defaults call a function that is
 * dropped and created again (PostgreSQL records the call and refuses the drop): dropped before it and created after,
 * and so on for what calls those (`recreated` grows with them). One the diff replaced in place is dropped and created.
 */
function recreateCallers(all: Change[], current: Model, desired: Model, recreated: Set<string>): void {
  for (let grew = true; grew;) {
    grew = false;
    for (const [k, f] of Object.entries(current.functions)) {
      const back = desired.functions[k];
      if (!back || recreated.has(fnId(f)) || !bodyRefs(f, current).some((id) => recreated.has(id))) continue;
      const same = (c: Change) => (c.kind === 'drop_function' || c.kind === 'create_function') && `${keyOf(c.function)}(${c.function.identityArgs})` === k;
      if (all.some((c) => c.kind === 'drop_function' && same(c))) continue;
      for (let i = all.length - 1; i >= 0; i--) if (same(all[i]!)) all.splice(i, 1);
      all.push({ kind: 'drop_function', function: f }, { kind: 'create_function', function: back, replace: false });
      recreated.add(fnId(f));
      grew = true;
    }
  }
}
