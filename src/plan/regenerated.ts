/**
 * Regenerated columns: a stored generated column that the plan drops and adds again. PostgreSQL cannot change a
 * generation expression in place (`DROP EXPRESSION` makes it a plain column for good), refuses to change the type
 * of a column a generation expression reads ("cannot alter type of a column used by a generated column") and to
 * drop a function one calls. One rule: a generated column is regenerated when
 *  - its expression changes (the diff's `alter_column`, rendered DROP COLUMN + ADD COLUMN by ./alter-column.ts);
 *  - a function it calls is dropped and created again (`recreatedFunctions`): dropped before the function, added
 *    after it (the graph orders it: the drop used the old function, the add requires the new one);
 *  - a column it reads changes type or collation: dropped before the type changes, added after them.
 * Its values are computed again: no data is lost. What PostgreSQL drops along with the column comes back from the
 * desired state (`carryAlong`, the one list): indexes and constraints reading it (with their comments), its
 * comment, statistics objects on it, its column privileges, triggers (WHEN, UPDATE OF) and policies reading it.
 * Views over the table follow the planner's rule for dropped columns (./dependants.ts).
 *
 * In: the planner's changes so far and both Models. Out: those changes completed (the array is edited in
 * place). Never: renders SQL. Limit: an added column goes to the end of its table (PostgreSQL has no other place).
 */
import { sameExpr, sameGeneratedKind, sameGeneration } from '../diff/equal.js';
import type { Change, CommentTarget } from '../diff/changes.js';
import { qualifiedKey, splitKey } from '../model/names.js';
import { objectKey } from '../model/objects.js';
import type { CatalogObject, Column, Model, Policy, Table } from '../model/types.js';
import { constraintColumns, exprRefs, indexColumns } from '../model/expr-refs.js';
import { callIds, recreatedFunctions } from './function-refs.js';
import { castInfo } from '../model/casts.js';

type AlterColumn = Extract<Change, { kind: 'alter_column' }>;
const keyOf = (t: { schema: string; name: string }) => qualifiedKey(t.schema, t.name);
const typeChanged = (c: Change): c is AlterColumn => c.kind === 'alter_column' && (c.from.type !== c.to.type || (c.from.collation ?? '') !== (c.to.collation ?? ''));
const readsAny = (col: Column, names: ReadonlySet<string> | undefined) => !!names && !!col.generated && exprRefs(col.generated.canonical).columns.some((n) => names.has(n));

/**
 * An `alter_column` whose generation expression changes, a plain column that becomes generated (or one the planner
 * marked): rendered as DROP + ADD COLUMN. A generated column that becomes a plain one is not: `DROP EXPRESSION`
 * keeps its values (./alter-column.ts).
 *
 * @example regenerates({ …, from: { generated: a+1 }, to: { generated: a+2 } }) // true
 */
export const regenerates = (c: AlterColumn): boolean =>
  !!c.regenerate || (!c.setExpression && !!c.to.generated && !sameGeneration(c.from, c.to)) || (!!c.from.virtual && !c.to.generated);

/**
 * A column retyped between types PostgreSQL has no cast for at all (`time` → `timestamp`, `boolean` → `date`; neither
 * in pg_cast, nor the I/O conversion to or from a string type, nor a `CREATE CAST` of either Model:
 * ../model/casts.ts) cannot be converted by ALTER COLUMN … TYPE, with USING or without: it is marked to be dropped and
 * added again (its values lost: DELETES_DATA), as Prisma Migrate does. An enum's values still go through their text
 * form (./alter-column.ts), a typed table's column is its type's (refused by ../diff/typed-tables.ts), an inherited
 * one follows its parent's. Mutates `all`.
 *
 * @example
 * retypesWithoutCast(all, current, desired) // alter_column starts_at: time → timestamp gets regenerate
 */
export function retypesWithoutCast(all: Change[], current: Model, desired: Model, serverMajor?: number): void {
  const enumType = (m: Model, t: string) => m.types[t.replace(/(\[\d*\])+$/, '')]?.kind === 'enum';
  all.forEach((c, i) => {
    if (c.kind !== 'alter_column' || c.regenerate || c.viaType || c.from.type === c.to.type || (c.from.inherited && c.to.inherited) || c.to.generated) return;
    if ([c.from.type, c.to.type].some((t) => enumType(current, t) || enumType(desired, t))) return;
    if (castInfo(c.from.type, c.to.type, [desired, current], serverMajor).none) all[i] = { ...c, regenerate: true };
  });
}

/**
 * On PostgreSQL 17+ (`serverMajor`), a generated column whose expression changes (and nothing the rule below
 * regenerates it for) is marked to be changed in place: `ALTER COLUMN … SET EXPRESSION AS (…)`. Not on a table in an
 * inheritance tree or a partitioned one (PostgreSQL recurses into children and refuses an inherited column's own):
 * those keep the drop and add. Mutates `all`.
 *
 * @example
 * setExpressionsInPlace(all, current, 17) // alter_column total: price * 2 → price * 3 gets setExpression
 */
export function setExpressionsInPlace(all: Change[], current: Model, serverMajor: number | undefined): void {
  if (serverMajor === undefined || serverMajor < 17) return;
  const inTree = (t: Table) => t.inherits.length > 0 || !!t.partitionOf || !!t.partitionBy || Object.values(current.tables).some((x) => x.inherits.includes(keyOf(t)) || x.partitionOf?.parent === keyOf(t));
  all.forEach((c, i) => {
    if (c.kind === 'alter_column' && !c.regenerate && c.from.generated && c.to.generated && !sameExpr(c.from.generated, c.to.generated) && sameGeneratedKind(c.from, c.to) && !inTree(c.table)) all[i] = { ...c, setExpression: true };
  });
}

/**
 * Applies the rule above to `all`: the drop and add of each generated column over a recreated function or a
 * retyped column (replacing what the diff planned for it), and for every regenerated column what comes back with
 * it. A new generated column reading a retyped column is added after the type changes. Mutates `all`.
 *
 * @example
 * // jobs.is_available GENERATED ALWAYS AS (attempts < max_attempts), attempts int → smallint:
 * regenerateColumns(all, current, desired)
 * // + drop_column is_available (regenerated), add_column is_available (afterTypeChanges), its indexes again
 */
export function regenerateColumns(all: Change[], current: Model, desired: Model): void {
  const recreated = recreatedFunctions(all);
  const calls = (col: Column) => recreated.size > 0 && !!col.generated && exprRefs(col.generated.canonical).calls.some((call) => callIds(current, call).some((id) => recreated.has(id)));
  const retyped = new Map<string, Set<string>>();
  for (const c of all) if (typeChanged(c)) retyped.set(keyOf(c.table), (retyped.get(keyOf(c.table)) ?? new Set()).add(c.from.name));
  const inPlace = all.filter((c): c is AlterColumn => c.kind === 'alter_column' && regenerates(c));
  for (const [k, cur] of Object.entries(current.tables)) {
    const des = desired.tables[k];
    if (!des || all.some((c) => (c.kind === 'drop_table' || c.kind === 'reattach_partition') && keyOf(c.table) === k)) continue;
    const changed = retyped.get(k);
    // A generated column the plan adds (new) reads the columns with their new type: it goes after the type changes.
    for (const g of des.columns) {
      if (!readsAny(g, changed)) continue;
      const i = all.findIndex((c) => c.kind === 'add_column' && keyOf(c.table) === k && c.column.name === g.name);
      if (i >= 0) all[i] = { ...(all[i] as Extract<Change, { kind: 'add_column' }>), afterTypeChanges: true };
    }
    for (const col of cur.columns) {
      const afterTypes = !changed?.has(col.name) && readsAny(col, changed);
      if (afterTypes || calls(col)) {
        if (dropAndAdd(all, cur, des, col, afterTypes)) carryAlong(all, current, desired, cur, des, col.name);
      } else if (inPlace.some((c) => keyOf(c.table) === k && c.from.name === col.name)) carryAlong(all, current, desired, cur, des, col.name);
    }
  }
}

/** Replaces what `all` plans for the column by its drop and add; false when the desired state drops it for good. */
function dropAndAdd(all: Change[], cur: Table, des: Table, col: Column, afterTypeChanges: boolean): boolean {
  const k = keyOf(cur);
  const next = des.columns.find((x) => x.name === col.name);
  if (!next) return false;
  const same = (c: Change) => (c.kind === 'alter_column' || c.kind === 'drop_column' || c.kind === 'add_column') && keyOf(c.table) === k && (c.kind === 'alter_column' ? c.from.name : c.column.name) === col.name;
  for (let i = all.length - 1; i >= 0; i--) if (same(all[i]!)) all.splice(i, 1);
  // No longer generated: added back as an ordinary column, whose values are not kept (the drop deletes data).
  all.push({ kind: 'drop_column', table: cur, column: col, ...(next.generated ? { regenerated: true } : {}) });
  all.push({ kind: 'add_column', table: des, column: next, ...(afterTypeChanges ? { afterTypeChanges: true } : {}) });
  return true;
}

/**
 * What the DROP COLUMN of a regenerated column takes along and the desired state keeps, dropped first (where
 * PostgreSQL would refuse or silently drop it) and created again after the column is back. Something the plan
 * already drops is left to the plan.
 */
function carryAlong(all: Change[], current: Model, desired: Model, cur: Table, des: Table, column: string): void {
  const k = keyOf(cur);
  const has = (p: (c: Change) => boolean) => all.some(p);
  const comment = (target: CommentTarget, text: string | undefined) => {
    const same = JSON.stringify(target);
    for (let i = all.length - 1; i >= 0; i--) {
      const c = all[i]!;
      if (c.kind === 'comment' && JSON.stringify(c.target) === same) all.splice(i, 1);
    }
    if (text !== undefined) all.push({ kind: 'comment', target, comment: text });
  };
  const next = des.columns.find((x) => x.name === column);
  if (next) comment({ on: 'COLUMN', schema: des.schema, name: des.name, column }, next.comment);
  for (const ix of Object.values(cur.indexes)) {
    if (!indexColumns(ix).includes(column) || has((c) => c.kind === 'drop_index' && c.index.table === k && c.index.name === ix.name)) continue;
    all.push({ kind: 'drop_index', index: ix });
    const back = des.indexes[ix.name];
    if (!back || has((c) => c.kind === 'create_index' && c.index.table === k && c.index.name === ix.name)) continue;
    all.push({ kind: 'create_index', index: back, newTable: false });
    comment({ on: 'INDEX', schema: back.schema, name: back.name }, back.comment);
  }
  for (const con of Object.values(cur.constraints)) {
    if (!constraintColumns(con).includes(column) || has((c) => c.kind === 'drop_constraint' && keyOf(c.table) === k && c.constraint.name === con.name)) continue;
    all.push({ kind: 'drop_constraint', table: cur, constraint: con });
    const back = des.constraints[con.name];
    if (!back || has((c) => c.kind === 'add_constraint' && keyOf(c.table) === k && c.constraint.name === con.name)) continue;
    all.push({ kind: 'add_constraint', table: des, constraint: back, newTable: false });
    comment({ on: 'CONSTRAINT', schema: des.schema, name: back.name, table: des.name }, back.comment);
  }
  for (const p of Object.values(cur.policies)) if ([p.using, p.withCheck].some((e) => exprRefs(e?.canonical).columns.includes(column))) recreatePolicy(all, p, des.policies[p.name]);
  for (const tr of Object.values(cur.triggers)) {
    if (!tr.updateOf.includes(column) && !exprRefs(tr.when?.canonical).columns.includes(column)) continue;
    if (has((c) => c.kind === 'drop_trigger' && c.trigger.table === k && c.trigger.name === tr.name)) continue;
    all.push({ kind: 'drop_trigger', trigger: tr });
    const back = des.triggers[tr.name];
    if (back && !has((c) => c.kind === 'create_trigger' && c.trigger.table === k && c.trigger.name === tr.name)) all.push({ kind: 'create_trigger', trigger: back });
  }
  // Catalog objects on the column: statistics objects reading it (dropped with it) and its privileges (a new
  // column has none). What the diff planned for them is replaced; a statistics object it drops is left to it.
  const onColumn = (o: CatalogObject) =>
    (o.kind === 'statistics' && o.table === k && (o.columns.includes(column) || o.expressions.some((e) => exprRefs(e.canonical).columns.includes(column))))
    || (o.kind === 'privileges' && o.on === 'COLUMN' && qualifiedKey(o.schema, o.name) === k && o.column === column);
  const about = (c: Change, key: string) => ((c.kind === 'create_object' || c.kind === 'drop_object') && objectKey(c.object) === key) || (c.kind === 'alter_object' && objectKey(c.to) === key);
  for (const o of Object.values(current.objects ?? {})) {
    const key = objectKey(o);
    if (!onColumn(o) || (o.kind === 'statistics' && has((c) => c.kind === 'drop_object' && objectKey(c.object) === key))) continue;
    for (let i = all.length - 1; i >= 0; i--) if (about(all[i]!, key)) all.splice(i, 1);
    if (o.kind === 'statistics') all.push({ kind: 'drop_object', object: o });
    const back = desired.objects?.[key];
    if (!back) continue;
    all.push({ kind: 'create_object', object: back });
    if (back.kind === 'statistics') comment({ on: 'STATISTICS', schema: back.schema, name: back.name }, back.comment);
  }
  // Per-column settings ADD COLUMN cannot state (statistics target, attribute options, storage, compression).
  if (next && (next.statistics !== undefined || next.options?.length || next.storage !== undefined || next.compression !== undefined)) {
    const bare: Column = { ...next, statistics: undefined, options: undefined, storage: undefined, compression: undefined };
    all.push({ kind: 'alter_column', table: des, from: bare, to: next, settings: true });
  }
}

/**
 * A policy of the current state dropped and created again as `back` (its desired version; none when it goes),
 * unless the plan drops it already. An `ALTER POLICY` the diff planned in place becomes that creation: the
 * policy is gone by then.
 *
 * @example
 * recreatePolicy(all, current.tables['public.docs'].policies.own, desired.tables['public.docs'].policies.own)
 * // all += DROP POLICY own; its ALTER POLICY (or a new entry) is CREATE POLICY own
 */
export function recreatePolicy(all: Change[], p: Policy, back: Policy | undefined): void {
  const mine = (c: Change) => (c.kind === 'drop_policy' || c.kind === 'create_policy') && c.policy.table === p.table && c.policy.name === p.name;
  if (all.some((c) => c.kind === 'drop_policy' && mine(c))) return;
  all.push({ kind: 'drop_policy', policy: p });
  // Its comment, compared by the diff while it was kept, now goes with its CREATE (plan/index.ts).
  const { schema, name: table } = splitKey(p.table);
  for (let j = all.length - 1; j >= 0; j--) {
    const x = all[j]!;
    if (x.kind === 'comment' && x.target.on === 'POLICY' && x.target.schema === schema && x.target.table === table && x.target.name === p.name) all.splice(j, 1);
  }
  const i = all.findIndex((c) => c.kind === 'create_policy' && mine(c));
  const planned = all[i];
  if (planned?.kind === 'create_policy') {
    if (planned.from) all[i] = { kind: 'create_policy', policy: planned.policy };
  } else if (back) all.push({ kind: 'create_policy', policy: back });
}
