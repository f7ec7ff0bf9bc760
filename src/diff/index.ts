/**
 * The differ: Model × Model → Change[].
 *
 * In:  the current and the desired Model (canonical forms, e.g. both inspected, or parsed and inspected).
 * Out: typed changes, in no particular order (ordering is `plan`'s job).
 * Never: does I/O, renders SQL, guesses renames, or touches Atlas's revisions table / extension objects
 * (the inspector already leaves those out). Runs in O(objects): every comparison is a map lookup.
 */
import { qualifiedKey, splitKey } from '../model/names.js';
import type { Column, Constraint, Func, Grant, Index, Model, Sequence, Table, Trigger, TypeDef, View } from '../model/types.js';
import { objectKey } from '../model/objects.js';
import { grantChanges, grantsByNameToOwner } from '../model/privileges.js';
import type { Change } from './changes.js';
import { diffObjects } from './objects.js';
import { refuseTypedTableChanges } from './typed-tables.js';
import { detachedTable } from '../model/partition.js';
import { sameColumnDefaults, sameColumnSettings } from '../model/view-columns.js';
import { afterNoInherit } from '../model/inheritance.js';
import { duplicateKeyAfterTable } from '../model/key-merge.js';
import { inheritanceMove } from './inheritance.js';
import { movedPartition, rebound, rebuildShadowed, recreatedTable } from './partition-moves.js';
import { validCheckCopies } from './check-copies.js';
import { attachedOptionChanges, fromOwnIndexes } from './attached-options.js';
import { attachPartitionIndexes, attachPartitionKeys, keepTakenPartitionIndexes, keepTakenPartitionKeys, renamePartitionIndexes, renamePartitionKeys } from './attached-keys.js';
import { breakIndexRenameCycles } from './index-renames.js';
import { addKeyCopies } from './key-copies.js';
import { replaceableView } from './view-replace.js';
import { alterExtension, assertRecreatable, followMovedExtensions, recreatedExtension } from './extensions.js';
import { aggregateInPlace, materializedViewInPlace, policyInPlace } from './in-place.js';
import { unstorableNullDefault } from '../model/null-default.js';
import { sameAttributeOptions, sameIdentity, sameSequenceOptions, sameBound, sameCheck, sameConstraint, sameDefault, sameExpr, sameFunction, sameGeneration, sameIndex, sameIndexStatistics, sameOptions, samePolicy, sameTrigger, sameViewQuery } from './equal.js';
import { diffClonedTriggers } from './cloned-triggers.js';
import { orderChanged } from './attached-order.js';

export type { Change, CommentTarget } from './changes.js';

export interface DiffOptions {
  /**
   * Manage only these schemas (Atlas's `--schema` / a URL bound with `?search_path=`). Without it the whole
   * database is managed: schemas missing from the desired state are dropped.
   */
  readonly schemas?: readonly string[];
}

function sameColumnShape(a: Column, b: Column): boolean {
  return a.type === b.type && a.notNull === b.notNull && sameDefault(a.default, b.default, a.type) && sameGeneration(a, b) &&
    (a.collation ?? null) === (b.collation ?? null) && sameIdentity(a.identity, b.identity) &&
    (a.statistics ?? -1) === (b.statistics ?? -1) && sameAttributeOptions(a, b);
}


function sequenceEq(a: Sequence, b: Sequence): boolean {
  return !!a.unlogged === !!b.unlogged && sameSequenceOptions(a, b);
}


function viewEq(a: View, b: View): boolean {
  return a.kind === b.kind && sameViewQuery(a, b) && a.columns.join(',') === b.columns.join(',') && sameOptions(a.options, b.options) && (a.checkOption ?? '') === (b.checkOption ?? '');
}

const funcEq = sameFunction;

function typeEq(a: TypeDef, b: TypeDef): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'enum' && b.kind === 'enum') return a.labels.join('\u0000') === b.labels.join('\u0000');
  if (a.kind === 'domain' && b.kind === 'domain')
    return a.baseType === b.baseType && (a.collation ?? '') === (b.collation ?? '') && a.notNull === b.notNull && sameDefault(a.default, b.default, a.baseType) && a.checks.length === b.checks.length && a.checks.every((c, i) => c.name === b.checks[i]!.name && sameCheck(c.expr, b.checks[i]!.expr) && !c.notValid === !b.checks[i]!.notValid && (c.comment ?? '') === (b.checks[i]!.comment ?? ''));
  if (a.kind === 'composite' && b.kind === 'composite') return JSON.stringify(a.attributes) === JSON.stringify(b.attributes);
  if (a.kind === 'range' && b.kind === 'range') {
    const k = (t: typeof a) => JSON.stringify([t.subtype, t.subtypeDiff ?? null, t.subtypeOpclass ?? null, t.collation ?? null, t.canonical ?? null, t.multirange ?? null]);
    return k(a) === k(b);
  }
  return false;
}

/**
 * Can `from` become `to` with ALTER DOMAIN / ALTER TYPE? Domains: same base type and collation (defaults,
 * NOT NULL and checks change in place). Composites: the attributes that stay keep their order, new ones come
 * after them (ADD ATTRIBUTE appends), so the result has `to`'s attribute order.
 */
function alterableInPlace(from: TypeDef, to: TypeDef, usedBy: readonly string[]): boolean {
  if (from.kind === 'domain' && to.kind === 'domain') return from.baseType === to.baseType && (from.collation ?? '') === (to.collation ?? '');
  if (from.kind === 'composite' && to.kind === 'composite') {
    const kept = from.attributes.filter((a) => to.attributes.some((b) => b.name === a.name));
    if (!to.attributes.slice(0, kept.length).every((b, i) => b.name === kept[i]!.name)) return false;
    // PostgreSQL refuses ALTER ATTRIBUTE … TYPE while a column uses the type.
    const retyped = kept.some((a, i) => a.type !== to.attributes[i]!.type || (a.collation ?? '') !== (to.attributes[i]!.collation ?? ''));
    return !retyped || usedBy.length === 0;
  }
  return false;
}

/**
 * The columns of the desired tables whose type is the rebuilt type `key` (or an array of it), for a `rebuild_type`:
 * a current default goes before the type changes (it cannot be cast), the desired one comes back after.
 */
function rebuiltColumns(current: Model, desired: Model, key: string): { table: string; column: string; default?: string; dropDefault?: boolean; array?: boolean }[] {
  const columns: { table: string; column: string; default?: string; dropDefault?: boolean; array?: boolean }[] = [];
  for (const [tk, tab] of Object.entries(desired.tables))
    for (const c of tab.columns) {
      if (c.type !== key && c.type !== `${key}[]`) continue;
      const was = current.tables[tk]?.columns.find((x) => x.name === c.name);
      columns.push({ table: tk, column: c.name, ...(c.default ? { default: c.default.text } : {}), ...(was?.default || c.default ? { dropDefault: true } : {}), ...(c.type.endsWith('[]') ? { array: true } : {}) });
    }
  return columns;
}

/** The columns (`table key.column`) whose type is the type `key` or an array of it. */
function typeUsers(model: Model, key: string): string[] {
  return Object.values(model.tables).flatMap((t) => t.columns.filter((c) => c.type.replace(/(\[\])+$/, '') === key).map((c) => `${qualifiedKey(t.schema, t.name)}.${c.name}`));
}

/**
 * Can `CREATE OR REPLACE` turn `from` into `to`? Not when the kind or result type changes, an input parameter
 * is renamed, a parameter default is removed, or the output parameters (the result row) change: PostgreSQL
 * refuses those, so the function is dropped and created again. Aggregates: ./in-place.ts `aggregateInPlace`.
 */
function replaceable(from: Func, to: Func): boolean {
  if ((from.returns ?? '') !== (to.returns ?? '') || from.kind !== to.kind) return false;
  if (from.kind === 'aggregate') return aggregateInPlace(from, to);
  const input = (f: Func) => paramsOf(f).filter((a) => a.mode !== 'OUT' && a.mode !== 'TABLE');
  const output = (f: Func) => paramsOf(f).filter((a) => a.mode !== 'IN' && a.mode !== 'VARIADIC').map((a) => `${a.name ?? ''} ${a.type}`).join(',');
  const [a, b] = [input(from), input(to)];
  if (a.some((x, i) => x.name && b[i] && (b[i]!.name ?? '') !== x.name)) return false;
  if (b.filter((x) => x.default).length < a.filter((x) => x.default).length) return false;
  return output(from) === output(to);
}

type Param = { readonly name?: string; readonly mode: string; readonly type: string; readonly default?: unknown };

/**
 * A function's parameters (name, mode, type, default) from its canonical form, which a parsed and an inspected
 * function both carry (an inspected one has no `args`); else from `args`.
 *
 * @example paramsOf(inspected).map((p) => p.mode) // ['IN', 'IN']
 */
function paramsOf(f: Func): readonly Param[] {
  const c = (() => {
    try {
      return (JSON.parse(f.canonical ?? 'null') as { Function?: unknown[] } | null)?.Function?.[2];
    } catch {
      return undefined;
    }
  })();
  if (!Array.isArray(c)) return f.args;
  return (c as [string, string, unknown, unknown][]).map(([name, mode, type, def]) => ({
    ...(name ? { name } : {}), mode: mode.replace(/^FUNC_PARAM_/, ''), type: JSON.stringify(type), ...(def ? { default: def } : {}),
  }));
}

/** Is `to` an extension of `from` by insertions only (ADD VALUE can express it)? */
function enumAdditions(from: readonly string[], to: readonly string[]): { label: string; before?: string; after?: string }[] | undefined {
  let i = 0;
  for (const l of to) if (i < from.length && l === from[i]) i++;
  if (i !== from.length) return undefined;
  const out: { label: string; before?: string; after?: string }[] = [];
  const known = new Set(from);
  to.forEach((l, idx) => {
    if (known.has(l)) return;
    const next = to.slice(idx + 1).find((x) => known.has(x));
    out.push(next !== undefined ? { label: l, before: next } : { label: l, ...(idx > 0 ? { after: to[idx - 1] } : {}) });
    known.add(l);
  });
  return out;
}

function inScope(schemas: readonly string[] | undefined, schema: string): boolean {
  return !schemas || schemas.includes(schema);
}

/** The comment on the index behind a key or exclusion constraint (`COMMENT ON INDEX t_pkey …`), if any. */
const keyIndexComment = (c: Constraint): string | undefined => ('indexComment' in c ? c.indexComment : undefined);

/**
 * Computes the changes that turn `current` into `desired`. Privileges granted by name to the role an inspected
 * side was read by (`Model.role`) are compared as the owner's (`CURRENT_USER`): that role owns what the plan creates.
 *
 * @example
 * const changes = diff(inspected, desired, { schemas: ['practice_app'] });
 * changes.map((c) => c.kind) // ['add_column', …]
 */
export function diff(current: Model, desired: Model, options: DiffOptions = {}): Change[] {
  // Privileges granted by name to the role that inspected a side are the owner's (Model.role): compared as CURRENT_USER's.
  const roles = [...new Set([current.role, desired.role].filter((r): r is string => r !== undefined))];
  if (roles.length) return diffModels(grantsByNameToOwner(current, roles), grantsByNameToOwner(desired, roles), options);
  return diffModels(current, desired, options);
}

function diffModels(current: Model, desired: Model, options: DiffOptions): Change[] {
  const out: Change[] = [];
  const scope = options.schemas;
  // Columns of a moved extension's types move with it (./extensions.ts).
  if (!scope) current = followMovedExtensions(current, desired);
  const comment = (target: Extract<Change, { kind: 'comment' }>['target'], from: string | undefined, to: string | undefined) => {
    if ((from ?? '') !== (to ?? '')) out.push({ kind: 'comment', target, comment: to });
  };

  // Schemas
  for (const [name, s] of Object.entries(desired.schemas)) {
    if (!inScope(scope, name)) continue;
    const cur = current.schemas[name];
    if (!cur) out.push({ kind: 'create_schema', schema: s });
    comment({ on: 'SCHEMA', schema: name }, cur?.comment, s.comment);
  }
  for (const [name, s] of Object.entries(current.schemas)) if (inScope(scope, name) && !desired.schemas[name]) out.push({ kind: 'drop_schema', schema: s });
  const droppedSchema = (schema: string) => inScope(scope, schema) && !!current.schemas[schema] && !desired.schemas[schema];

  // Extensions (database-wide: only managed when the whole database is)
  if (!scope) {
    for (const [name, e] of Object.entries(desired.extensions)) {
      const cur = current.extensions[name];
      // One PostgreSQL cannot move (`relocatable = false`: SET SCHEMA is refused) is created again in its new schema.
      const recreated = cur !== undefined && recreatedExtension(cur, e);
      if (!cur || recreated) {
        if (recreated) out.push({ kind: 'drop_extension', extension: assertRecreatable(current, desired, cur, e) });
        out.push({ kind: 'create_extension', extension: e });
      } else {
        const alter = alterExtension(cur, e);
        if (alter) out.push(alter);
      }
      // Compared only when the desired state has a comment. A new extension starts with its control file's
      // comment, and so does one read from a file that states none.
      if (e.comment !== undefined) comment({ on: 'EXTENSION', name }, (cur ? (recreated ? cur.defaultComment : cur.comment ?? cur.defaultComment) : undefined) ?? e.defaultComment, e.comment);
    }
    for (const [name, e] of Object.entries(current.extensions)) if (!desired.extensions[name]) out.push({ kind: 'drop_extension', extension: e });
  }

  // Types
  const rebuiltEnums = new Set<string>();
  for (const [key, t] of Object.entries(desired.types)) {
    if (!inScope(scope, t.schema)) continue;
    const cur = current.types[key];
    if (!cur) {
      out.push({ kind: 'create_type', type: t });
    } else if (!typeEq(cur, t)) {
      if (cur.kind === 'enum' && t.kind === 'enum') {
        const adds = enumAdditions(cur.labels, t.labels);
        if (adds) for (const a of adds) out.push({ kind: 'add_enum_value', type: t, ...a });
        else {
          rebuiltEnums.add(key);
          out.push({ kind: 'rebuild_type', from: cur, to: t, columns: rebuiltColumns(current, desired, key) });
        }
      } else if (alterableInPlace(cur, t, typeUsers(current, key))) {
        {
        const typedTables = Object.entries(current.tables).filter(([k, x]) => x.ofType === key && desired.tables[k]?.ofType === key).map(([k]) => k);
        out.push({ kind: 'alter_type', from: cur, to: t, usedBy: typeUsers(current, key), ...(typedTables.length ? { typedTables } : {}) });
      }
      } else if (cur.kind === 'composite' && t.kind === 'composite' && typeUsers(current, key).length && !Object.values(current.tables).some((x) => x.ofType === key)) {
        // Columns use it: PostgreSQL refuses ALTER ATTRIBUTE … TYPE and DROP TYPE. Rebuilt as an enum is, the
        // values converted attribute by attribute (plan/kinds/enum-rebuild.ts). Typed tables: ./typed-tables.ts.
        out.push({ kind: 'rebuild_type', from: cur, to: t, columns: rebuiltColumns(current, desired, key) });
      } else {
        out.push({ kind: 'drop_type', type: cur });
        out.push({ kind: 'create_type', type: t });
      }
    }
    comment({ on: 'TYPE', schema: t.schema, name: t.name }, cur?.comment, t.comment);
    // A composite type's attribute comments (COMMENT ON COLUMN type.attribute); a dropped attribute's goes with it.
    const [was, is] = [cur?.kind === 'composite' ? cur.attributeComments : undefined, t.kind === 'composite' ? t.attributeComments : undefined];
    for (const col of new Set([...Object.keys(was ?? {}), ...Object.keys(is ?? {})])) if (t.kind === 'composite' && t.attributes.some((a) => a.name === col)) comment({ on: 'COLUMN', schema: t.schema, name: t.name, column: col }, was?.[col], is?.[col]);
  }
  for (const [key, t] of Object.entries(current.types)) if (inScope(scope, t.schema) && !desired.types[key] && !droppedSchema(t.schema)) out.push({ kind: 'drop_type', type: t });

  // Sequences
  for (const [key, s] of Object.entries(desired.sequences)) {
    if (!inScope(scope, s.schema)) continue;
    const cur = current.sequences[key];
    if (!cur) {
      out.push({ kind: 'create_sequence', sequence: s });
      if (s.ownedBy) out.push({ kind: 'sequence_owned_by', sequence: s });
    } else {
      if (!sequenceEq(cur, s)) out.push({ kind: 'alter_sequence', from: cur, to: s });
      if (JSON.stringify(cur.ownedBy ?? null) !== JSON.stringify(s.ownedBy ?? null)) out.push({ kind: 'sequence_owned_by', sequence: s });
    }
    comment({ on: 'SEQUENCE', schema: s.schema, name: s.name }, cur?.comment, s.comment);
  }
  for (const [key, s] of Object.entries(current.sequences)) {
    if (!inScope(scope, s.schema) || desired.sequences[key] || droppedSchema(s.schema)) continue;
    // An owned sequence goes with its table or column.
    if (s.ownedBy && (!desired.tables[s.ownedBy.table] || !desired.tables[s.ownedBy.table]!.columns.some((c) => c.name === s.ownedBy!.column))) {
      out.push({ kind: 'drop_sequence', sequence: { ...s, ownedBy: s.ownedBy } });
      continue;
    }
    out.push({ kind: 'drop_sequence', sequence: s });
  }

  // Functions (before tables: triggers and defaults need them; plan orders)
  for (const [key, f] of Object.entries(desired.functions)) {
    if (!inScope(scope, f.schema)) continue;
    const cur = current.functions[key];
    if (!cur) out.push({ kind: 'create_function', function: f, replace: false });
    else if (!funcEq(cur, f)) {
      if (replaceable(cur, f)) out.push({ kind: 'create_function', function: f, replace: true });
      else {
        out.push({ kind: 'drop_function', function: cur });
        out.push({ kind: 'create_function', function: f, replace: false });
      }
    }
    comment({ on: f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION', schema: f.schema, name: f.name, args: f.identityArgs }, cur?.comment, f.comment);
  }
  for (const [key, f] of Object.entries(current.functions)) if (inScope(scope, f.schema) && !desired.functions[key] && !droppedSchema(f.schema)) out.push({ kind: 'drop_function', function: f });

  // Tables
  for (const [key, t] of Object.entries(desired.tables)) {
    if (!inScope(scope, t.schema)) continue;
    const cur = current.tables[key];
    if (cur && rebound(cur, t, current, desired)) {
      out.push({ kind: 'reattach_partition', table: t, from: cur });
      rebuildShadowed(cur, t, t, desired, out, (a, b) => diffTable(a, b, out, comment, rebuiltEnums, desired.types));
      continue;
    }
    // A partition that becomes a table, a table that becomes a partition, or one moved to another parent: detached
    // and attached, its rows kept; in between it is changed as the table it is on its own (see model/partition.ts).
    if (cur && movedPartition(cur, t, current, desired)) {
      out.push({ kind: 'reattach_partition', table: t, from: cur });
      // Its own keys that the ATTACH takes for its copies of the parent's stay (model/partition.ts: `before`).
      const from = detachedTable(current, cur);
      rebuildShadowed(from, detachedTable(desired, t, from), t, desired, out, (a, b) => diffTable(a, b, out, comment, rebuiltEnums, desired.types));
      continue;
    }
    // Parents joined or left in place, or a table that only a new creation can make a child as desired.
    const move = cur ? inheritanceMove(cur, t, current, desired) : undefined;
    // Also a partition whose parent is recreated (./partition-moves.ts): it goes with it and comes back under it.
    if (!cur || move === 'recreate' || recreatedTable(key, current, desired)) {
      if (cur) out.push({ kind: 'drop_table', table: cur });
      out.push({ kind: 'create_table', table: t });
      // Foreign keys and NOT VALID checks may be added after the table (the planner decides, plan/table-sql.ts).
      for (const c of Object.values(t.constraints)) if (c.kind === 'foreign_key' || (c.kind === 'check' && c.notValid) || duplicateKeyAfterTable(t, c)) out.push({ kind: 'add_constraint', table: t, constraint: c, newTable: true });
      for (const i of Object.values(t.indexes)) out.push({ kind: 'create_index', index: i, newTable: true }, ...attachedOptionChanges(undefined, i, true));
      for (const tr of Object.values(t.triggers)) out.push({ kind: 'create_trigger', trigger: tr });
      for (const tr of Object.values(t.triggers)) comment({ on: 'TRIGGER', schema: t.schema, name: tr.name, table: t.name }, undefined, tr.comment);
      for (const p of Object.values(t.policies)) out.push({ kind: 'create_policy', policy: p });
      if (t.rowLevelSecurity || t.forceRowLevelSecurity) out.push({ kind: 'set_rls', table: t });
      // A typed table is created with its columns, then bound to its type (ALTER TABLE … OF, after the type exists).
      if (t.replicaIdentity || t.clusterOn || t.ofType) out.push({ kind: 'alter_table', from: { ...t, replicaIdentity: undefined, clusterOn: undefined, ofType: undefined }, table: t });
      diffGrants(t.schema, t.name, [], t.grants ?? [], out);
      comment({ on: 'TABLE', schema: t.schema, name: t.name }, undefined, t.comment);
      for (const c of t.columns) comment({ on: 'COLUMN', schema: t.schema, name: t.name, column: c.name }, undefined, c.comment);
      // What CREATE TABLE gives each column, then what is changed after it: attribute options; for a partition
      // (`PARTITION OF`, no column list), the parent's default and NOT NULL, which the partition may not share (a
      // partition created on its own and attached keeps its own defaults, as pg_dump shows).
      // An inherited column (`INHERITS`, not written in CREATE TABLE) likewise starts with its parent's default and NOT NULL.
      const parent = t.partitionOf ? desired.tables[t.partitionOf.parent] : undefined;
      const parents = t.inherits.map((p) => desired.tables[p]).filter((p) => !!p);
      for (const c of t.columns) {
        const fromParent = parent ? parent.columns.find((p) => p.name === c.name) : c.inherited ? parents.map((p) => p.columns.find((x) => x.name === c.name)).find((x) => !!x) : undefined;
        const plain = { ...c, statistics: undefined, options: undefined, storage: undefined, compression: undefined, ...(fromParent && !c.generated && !c.identity ? { default: fromParent.default, notNull: fromParent.notNull } : {}) };
        if (!sameColumnShape(plain, c)) out.push({ kind: 'alter_column', table: t, from: plain, to: c });
      }
      for (const c of Object.values(t.constraints)) comment({ on: 'CONSTRAINT', schema: t.schema, name: c.name, table: t.name }, undefined, c.comment);
      // The comment on a key's index; a key added after the table has it with its ADD CONSTRAINT (plan/index.ts).
      for (const c of Object.values(t.constraints)) if (!duplicateKeyAfterTable(t, c)) comment({ on: 'INDEX', schema: t.schema, name: c.name }, undefined, keyIndexComment(c));
      for (const i of Object.values(t.indexes)) comment({ on: 'INDEX', schema: i.schema, name: i.name }, undefined, i.comment);
      continue;
    }
    if (move) out.push({ kind: 'set_inherits', table: t, from: cur, detach: move.detach, attach: move.attach });
    diffTable(move ? afterNoInherit(current, cur, move.detach) : cur, t, out, comment, rebuiltEnums, desired.types, (c, i) => orderChanged(current, desired, c, i));
  }
  for (const [key, t] of Object.entries(current.tables)) if (inScope(scope, t.schema) && !desired.tables[key] && !droppedSchema(t.schema)) out.push({ kind: 'drop_table', table: t });

  // Views
  for (const [key, v] of Object.entries(desired.views)) {
    if (!inScope(scope, v.schema)) continue;
    const cur = current.views[key];
    // Replaced in place where PostgreSQL accepts it (./view-replace.ts), or a materialized view's storage parameters
    // altered (./in-place.ts): it keeps what is on it and over it.
    if (cur && !viewEq(cur, v) && (replaceableView(cur, v) || materializedViewInPlace(cur, v))) out.push({ kind: 'create_view', view: v, from: cur });
    else if (!cur || !viewEq(cur, v)) {
      if (cur) out.push({ kind: 'drop_view', view: cur, recreated: true });
      out.push({ kind: 'create_view', view: v });
      for (const i of Object.values(v.indexes)) out.push({ kind: 'create_index', index: i, newTable: true });
      comment({ on: v.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', schema: v.schema, name: v.name }, undefined, v.comment);
      for (const [col, text] of Object.entries(v.columnComments ?? {})) comment({ on: 'COLUMN', schema: v.schema, name: v.name, column: col }, undefined, text);
      for (const tr of Object.values(v.triggers ?? {})) out.push({ kind: 'create_trigger', trigger: tr }); // dropped with the old view
      for (const tr of Object.values(v.triggers ?? {})) comment({ on: 'TRIGGER', schema: v.schema, name: tr.name, table: v.name }, undefined, tr.comment);
      diffGrants(v.schema, v.name, [], v.grants ?? [], out); // so are its privileges
      if (!sameColumnSettings(undefined, v.columnSettings)) out.push({ kind: 'view_column_settings', view: v, from: {} }); // and its columns' settings
      if (!sameColumnDefaults(undefined, v.columnDefaults)) out.push({ kind: 'view_column_defaults', view: v, from: {} }); // and defaults
      continue;
    }
    // Kept or replaced in place (CREATE OR REPLACE VIEW keeps the defaults): changed where they differ.
    if (!sameColumnDefaults(cur.columnDefaults, v.columnDefaults)) out.push({ kind: 'view_column_defaults', view: v, from: cur.columnDefaults ?? {} });
    if (!sameColumnSettings(cur.columnSettings, v.columnSettings)) out.push({ kind: 'view_column_settings', view: v, from: cur.columnSettings ?? {}, ...((t) => (t ? { fromTypes: t } : {}))(cur.columnTypes ?? cur.storageTypes) });
    diffTriggers(cur.triggers ?? {}, v.triggers ?? {}, out, comment);
    diffGrants(v.schema, v.name, cur.grants ?? [], v.grants ?? [], out);
    comment({ on: v.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', schema: v.schema, name: v.name }, cur.comment, v.comment);
    for (const col of new Set([...Object.keys(cur.columnComments ?? {}), ...Object.keys(v.columnComments ?? {})]))
      comment({ on: 'COLUMN', schema: v.schema, name: v.name, column: col }, cur.columnComments?.[col], v.columnComments?.[col]);
    diffIndexes(cur.indexes, v.indexes, out, comment);
  }
  for (const [key, v] of Object.entries(current.views)) if (inScope(scope, v.schema) && !desired.views[key] && !droppedSchema(v.schema)) out.push({ kind: 'drop_view', view: v, recreated: false });

  // Rules, foreign data wrappers, servers, user mappings, foreign tables
  diffObjects(current, desired, scope, droppedSchema, out, comment);
  // Foreign tables' privileges: from none when it is created (or dropped and created), else from the current ones.
  for (const [key, o] of Object.entries(desired.objects ?? {})) {
    if (o.kind !== 'foreign_table' || !inScope(scope, o.schema)) continue;
    const cur = current.objects?.[key];
    const created = !cur || out.some((c) => c.kind === 'create_object' && objectKey(c.object) === key);
    diffGrants(o.schema, o.name, created || cur?.kind !== 'foreign_table' ? [] : cur.grants ?? [], o.grants ?? [], out);
  }
  rebuildIndexesOnRecreatedOpClasses(current, desired, out);
  attachPartitionKeys(current, desired, out);
  addKeyCopies(current, desired, out);
  validCheckCopies(current, desired, out, (schema) => inScope(scope, schema));
  attachPartitionIndexes(current, desired, out);
  renamePartitionIndexes(current, desired, out);
  renamePartitionKeys(current, desired, out);
  breakIndexRenameCycles(current, desired, out);
  keepTakenPartitionIndexes(current, out);
  fromOwnIndexes(current, out);
  keepTakenPartitionKeys(current, desired, out);
  refuseTypedTableChanges(current, desired, out);
  diffClonedTriggers(current, desired, out);
  return out;
}

/**
 * An index whose key uses an operator class the plan drops and creates again (its members change, or its family is
 * recreated) is dropped before it and built again after (PostgreSQL refuses to drop a class an index uses).
 *
 * @example
 * rebuildIndexesOnRecreatedOpClasses(current, desired, out) // + drop_index g_b, create_index g_b (on box_alt_ops)
 */
function rebuildIndexesOnRecreatedOpClasses(current: Model, desired: Model, out: Change[]): void {
  const dropped = new Set(out.flatMap((c) => (c.kind === 'drop_object' && c.object.kind === 'operator_class' ? [`${c.object.name}\u0000${c.object.method}`] : [])));
  if (!dropped.size) return;
  const planned = new Set(out.flatMap((c) => (c.kind === 'drop_index' ? [qualifiedKey(c.index.schema, c.index.name)] : [])));
  const rels = (m: Model) => [...Object.values(m.tables), ...Object.values(m.views)].map((r) => r.indexes ?? {});
  const currentIndexes = new Map(rels(current).flatMap((ix) => Object.values(ix)).map((i) => [qualifiedKey(i.schema, i.name), i]));
  for (const i of rels(desired).flatMap((ix) => Object.values(ix))) {
    const key = qualifiedKey(i.schema, i.name);
    const was = currentIndexes.get(key);
    if (!was || planned.has(key) || !was.keys.some((k) => k.opclass && dropped.has(`${k.opclass.split('.').pop()!.replace(/"/g, '')}\u0000${was.method}`))) continue;
    out.push({ kind: 'drop_index', index: was }, { kind: 'create_index', index: i, newTable: false });
  }
}

type CommentFn = (target: Extract<Change, { kind: 'comment' }>['target'], from: string | undefined, to: string | undefined) => void;

/** Do two indexes of a partitioned table have the same partitions' indexes attached to them, by the same names? */
const sameAttached = (a: Index, b: Index): boolean => {
  const [x, y] = [a.attached ?? {}, b.attached ?? {}];
  return Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, n]) => y[k] === n);
};

/** Whether a kept partitioned table's index `i` (`c` now) has partitions' indexes to get another key order (./attached-order.ts). */
type Reordered = (c: Index, i: Index) => boolean;

function diffIndexes(cur: Readonly<Record<string, Index>>, des: Readonly<Record<string, Index>>, out: Change[], comment: CommentFn, partitioned = false, reordered?: Reordered): void {
  for (const [name, i] of Object.entries(des)) {
    const c = cur[name];
    // Storage parameters alone change in place (ALTER INDEX … SET / RESET; PostgreSQL refuses it on a partitioned
    // index, which is built again).
    if (c && !partitioned && !sameIndex(c, i) && sameIndex({ ...c, options: i.options }, i)) {
      out.push({ kind: 'create_index', index: i, newTable: false, optionsFrom: c.options });
      if (!sameIndexStatistics(c, i)) out.push({ kind: 'create_index', index: i, newTable: false, statisticsFrom: c.statistics ?? [] });
      comment({ on: 'INDEX', schema: i.schema, name: i.name }, c.comment, i.comment);
    } else if (!c || !sameIndex(c, i) || (c.only && i.only && !sameAttached(c, i)) || (partitioned && !!reordered?.(c, i))) {
      // An index not valid yet whose partitions' indexes attached to it differ, or one whose partitions' indexes are
      // to get another key order: built again (PostgreSQL cannot detach an index nor reorder its keys; its CREATE …
      // ON ONLY then creates and attaches those of the desired state).
      if (c) out.push({ kind: 'drop_index', index: c });
      out.push({ kind: 'create_index', index: i, newTable: false });
      comment({ on: 'INDEX', schema: i.schema, name: i.name }, undefined, i.comment);
      if (partitioned) out.push(...attachedOptionChanges(c, i, true));
    } else {
      if (!sameIndexStatistics(c, i)) out.push({ kind: 'create_index', index: i, newTable: false, statisticsFrom: c.statistics ?? [] });
      comment({ on: 'INDEX', schema: i.schema, name: i.name }, c.comment, i.comment);
      if (partitioned) out.push(...attachedOptionChanges(c, i, false));
    }
  }
  for (const [name, i] of Object.entries(cur)) if (!des[name]) out.push({ kind: 'drop_index', index: i });
}

function diffTable(cur: Table, t: Table, out: Change[], comment: CommentFn, rebuiltEnums: Set<string>, types: Model['types'], reordered?: Reordered): void {
  const curCols = new Map(cur.columns.map((c) => [c.name, c]));
  const desCols = new Map(t.columns.map((c) => [c.name, c]));
  for (const c0 of t.columns) {
    const old0 = curCols.get(c0.name);
    // A bare NULL default of the column's own type (left by ALTER COLUMN … TYPE) is no default to set: no DDL stores
    // it, and it gives every row NULL as none does (../model/null-default.ts). A current one is dropped as any.
    const c = old0 && !old0.default && unstorableNullDefault({ types }, c0.type, c0.default) ? { ...c0, default: undefined } : c0;
    // An inherited column takes its type and collation from its parent (PostgreSQL refuses to change them on the
    // child; the parent's change recurses): only its own attributes (default, NOT NULL, options…) are compared.
    // A default of its own goes with a type change (the parent's drops it first, plan/alter-column.ts): set again after.
    const retyped = !!old0?.inherited && !!c.inherited && old0.type !== c.type;
    const old = old0 && old0.inherited && c.inherited ? { ...old0, type: c.type, ...(c.collation ? { collation: c.collation } : {}), ...(retyped ? { default: undefined } : {}) } : old0;
    if (old && !c.collation && old.collation && old0?.inherited && c.inherited) delete (old as { collation?: string }).collation;
    // A typed table's column comes with its type's attribute (ALTER TYPE … ADD ATTRIBUTE … CASCADE), bare.
    if (!old && cur.ofType && cur.ofType === t.ofType) {
      const bare: Column = { name: c.name, type: c.type, notNull: false, ...(c.collation ? { collation: c.collation } : {}) };
      if (!sameColumnShape(bare, c)) out.push({ kind: 'alter_column', table: t, from: bare, to: c });
    } else if (!old) {
      out.push({ kind: 'add_column', table: t, column: c });
      // ADD COLUMN gives what a column definition can say; its statistics target, storage and attribute options
      // are set after it, as for the columns of a new table.
      const plain = { ...c, statistics: undefined, options: undefined, storage: undefined, compression: undefined };
      if (!sameColumnShape(plain, c)) out.push({ kind: 'alter_column', table: t, from: plain, to: c });
    } else if (!sameColumnShape(old, c)) {
      // A column whose enum is rebuilt is converted by the rebuild itself.
      const enumOnly = rebuiltEnums.has(c.type.replace(/\[\]$/, '')) && old.type === c.type;
      // A typed table's column is retyped with its type's attribute (ALTER TYPE … ALTER ATTRIBUTE … TYPE … CASCADE).
      const viaType = !!cur.ofType && cur.ofType === t.ofType && (old.type !== c.type || (old.collation ?? '') !== (c.collation ?? ''));
      if (!enumOnly || old.notNull !== c.notNull) out.push({ kind: 'alter_column', table: t, from: old, to: c, ...(viaType ? { viaType } : {}) });
    }
    comment({ on: 'COLUMN', schema: t.schema, name: t.name, column: c.name }, old?.comment, c.comment);
  }
  // A typed table's column goes with its type's attribute (ALTER TYPE … DROP ATTRIBUTE … CASCADE).
  for (const c of cur.columns) if (!desCols.has(c.name) && !(cur.ofType && cur.ofType === t.ofType)) out.push({ kind: 'drop_column', table: cur, column: c });
  for (const [name, c] of Object.entries(t.constraints)) {
    const old = cur.constraints[name];
    const same = !!old && sameConstraint(old, c);
    // A NOT VALID check or foreign key that is otherwise the same is validated in place.
    const validate = !!old && !same && 'notValid' in old && !!old.notValid && !('notValid' in c && c.notValid) && sameConstraint({ ...old, notValid: undefined } as Constraint, c);
    // A key or exclusion whose index's storage parameters alone change is altered in place (ALTER INDEX … SET; not on
    // a partitioned table, whose index PostgreSQL refuses to alter so).
    const optionsOnly = !!old && !same && !validate && !t.partitionBy && sameConstraint({ ...old, options: 'options' in c ? c.options : undefined } as Constraint, c);
    // A foreign key whose deferral alone changes is altered in place (PostgreSQL alters only foreign keys so; a
    // deferrable key or exclusion is added again), without validating its rows again.
    const deferral = !!old && !same && !validate && !optionsOnly && old.kind === 'foreign_key' && c.kind === 'foreign_key'
      && sameConstraint({ ...old, deferrable: c.deferrable, initiallyDeferred: c.initiallyDeferred, definition: undefined, canonical: undefined }, { ...c, definition: undefined, canonical: undefined });
    if (validate) out.push({ kind: 'add_constraint', table: t, constraint: c, newTable: false, validate: true });
    else if (deferral) out.push({ kind: 'add_constraint', table: t, constraint: c, newTable: false, deferral: true });
    else if (optionsOnly) out.push({ kind: 'add_constraint', table: t, constraint: c, newTable: false, optionsFrom: ('options' in old && old.options) || [] });
    else if (!same) {
      if (old) out.push({ kind: 'drop_constraint', table: cur, constraint: old });
      out.push({ kind: 'add_constraint', table: t, constraint: c, newTable: false });
    }
    comment({ on: 'CONSTRAINT', schema: t.schema, name, table: t.name }, same || optionsOnly || deferral ? old!.comment : undefined, c.comment);
    // The comment on a kept key's index; one added (again) has it with its ADD CONSTRAINT (plan/index.ts).
    if (same || optionsOnly || validate || deferral) comment({ on: 'INDEX', schema: t.schema, name }, keyIndexComment(old!), keyIndexComment(c));
  }
  for (const [name, c] of Object.entries(cur.constraints)) {
    if (t.constraints[name]) continue;
    // Constraints on dropped columns go with the column; a foreign key is dropped on its own first, since
    // another table's dropped column may be the key it references (PostgreSQL orders nothing for us).
    const cols = 'columns' in c ? c.columns : [];
    if (c.kind !== 'foreign_key' && cols.length && cols.every((col) => !desCols.has(col))) continue;
    out.push({ kind: 'drop_constraint', table: cur, constraint: c });
  }
  diffIndexes(cur.indexes, t.indexes, out, comment, !!t.partitionBy, reordered);
  diffTriggers(cur.triggers, t.triggers, out, comment);
  // A created policy's comment goes with its CREATE (plan/index.ts); a kept one's (ALTER POLICY keeps it) is compared.
  for (const [name, p] of Object.entries(t.policies)) {
    const old = cur.policies[name];
    if (old && (samePolicy(old, p) || policyInPlace(old, p, t))) comment({ on: 'POLICY', schema: t.schema, name, table: t.name }, old.comment, p.comment);
    if (old && !samePolicy(old, p) && policyInPlace(old, p, t)) out.push({ kind: 'create_policy', policy: p, from: old });
    else if (!old || !samePolicy(old, p)) {
      if (old) out.push({ kind: 'drop_policy', policy: old });
      out.push({ kind: 'create_policy', policy: p });
    }
  }
  for (const [name, p] of Object.entries(cur.policies)) if (!t.policies[name]) out.push({ kind: 'drop_policy', policy: p });
  if (cur.rowLevelSecurity !== t.rowLevelSecurity || cur.forceRowLevelSecurity !== t.forceRowLevelSecurity) out.push({ kind: 'set_rls', table: t });
  const marks = (x: Table) => JSON.stringify([x.replicaIdentity ?? null, x.clusterOn ?? null]);
  if (cur.unlogged !== t.unlogged || (cur.accessMethod ?? '') !== (t.accessMethod ?? '') || !sameOptions(cur.options, t.options) || marks(cur) !== marks(t) || (cur.ofType ?? '') !== (t.ofType ?? '')) out.push({ kind: 'alter_table', from: cur, table: t });
  diffGrants(t.schema, t.name, cur.grants ?? [], t.grants ?? [], out);
  comment({ on: 'TABLE', schema: t.schema, name: t.name }, cur.comment, t.comment);
}

/**
 * Privilege changes on a relation (PostgreSQL's GRANT … ON TABLE covers views too).
 *
 * @example
 * diffGrants('app', 'users', [], [{ grantee: 'reader', privilege: 'SELECT', grantable: false }], out)
 */
export function diffGrants(schema: string, name: string, cur: readonly Grant[], des: readonly Grant[], out: Change[]): void {
  const { grant, revoke } = grantChanges(cur, des, 'TABLE');
  if (grant.length || revoke.length) out.push({ kind: 'grants', schema, name, grant, revoke });
}

/** Triggers created, recreated or dropped; a kept trigger's firing state or comment changed (a created one's goes with its CREATE: plan/index.ts). */
function diffTriggers(cur: Readonly<Record<string, Trigger>>, des: Readonly<Record<string, Trigger>>, out: Change[],
  comment: (target: Extract<Change, { kind: 'comment' }>['target'], from: string | undefined, to: string | undefined) => void): void {
  for (const [name, tr] of Object.entries(des)) {
    const old = cur[name];
    if (!old || !sameTrigger(old, tr)) {
      if (old) out.push({ kind: 'drop_trigger', trigger: old });
      out.push({ kind: 'create_trigger', trigger: tr });
    } else {
      const { schema, name: table } = splitKey(tr.table);
      if ((old.enabled ?? 'O') !== (tr.enabled ?? 'O')) out.push({ kind: 'trigger_enabled', trigger: tr });
      comment({ on: 'TRIGGER', schema, name, table }, old.comment, tr.comment);
    }
  }
  for (const [name, tr] of Object.entries(cur)) if (!des[name]) out.push({ kind: 'drop_trigger', trigger: tr });
}

/** Key helper re-exported for callers building scopes. */
export { qualifiedKey };
