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
import { sameExpr, sameSequenceOptions } from '../diff/equal.js';
import type { Change } from '../diff/changes.js';
import { qualifiedKey, quoteIdentAlways as qi, quoteLiteral, splitKey } from '../model/names.js';
import type { Grant, Model, Table, View } from '../model/types.js';
import { objectKey } from '../model/objects.js';
import { kindRules } from './kinds/index.js';
import { toposort } from './toposort.js';
import { nodeId, orderByGraph } from './graph.js';
import { earlier, place, type TieBreak } from './layout.js';
import { changeKey, MOVES, RENAMES, schemaDropped, statementIds, type EdgeContext } from './edges.js';
import { alterTypeSteps, domainCheckComment } from './kinds/type-alter.js';
import { enumRebuildSteps } from './kinds/enum-rebuild.js';
import { alterExtensionSteps } from './kinds/extension.js';
import { partitionMoveSteps } from './kinds/partition-move.js';
import { keysAttachedTo, standalonePartition, takenByIndexDrop } from './kinds/attached-keys.js';
import { inheritanceSteps } from './kinds/inheritance.js';
import { createIndexSql } from './index-sql.js';
import { createTypeSql } from './kinds/type-create.js';
import { firingSql } from './kinds/firing.js';
import { privilegeList, who } from './kinds/privileges.js';
import { newPartitionRenames, partitionedIndexSql } from './kinds/partition-index-names.js';
import { partialKey } from '../model/partition.js';
import { addedKeyCopyRenames, newPartitionKeyRenames } from './kinds/partition-key-names.js';
import { constraintAfterTable, columnSql, constraintSql, createTableSql, namedConstraintSql, parentGenerated, qk, qn, startOutside } from './table-sql.js';

export type { HazardCode, Hazard, Effects, Statement, PlanOptions } from './types.js';
import type { Effects, Hazard, PlanOptions, Statement } from './types.js';
import type { Draft, Emit } from './draft.js';
import { optionSteps } from './options.js';
import { withDependants } from './dependants.js';
import { regenerates } from './regenerated.js';
import { addColumnEffects, alterColumn } from './alter-column.js';
import { viewColumnDefaultsSql, viewColumnSettingsSql } from './view-columns.js';
import { serialColumns, tableCreation } from './table-order.js';
import { optionParts } from '../model/options.js';

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


function viewSql(v: View, from?: View): string {
  // A materialized view changed in place: only its storage parameters (diff/in-place.ts).
  if (from && v.kind === 'materialized_view') {
    const { reset, set } = optionSteps(from.options, v.options);
    return `ALTER MATERIALIZED VIEW ${qn(v.schema, v.name)} ${[...(reset.length ? [`RESET (${reset.join(', ')})`] : []), ...(set.length ? [`SET (${set.join(', ')})`] : [])].join(', ')}`;
  }
  const replace = !!from;
  const opts = v.options.length ? ` WITH (${v.options.join(', ')})` : '';
  const query = v.query.text.trim().replace(/;$/, '');
  if (v.kind === 'materialized_view') return `CREATE MATERIALIZED VIEW ${qn(v.schema, v.name)}${opts} AS ${query} WITH ${v.withData === false ? 'NO DATA' : 'DATA'}`;
  // Replaced in place: the statement's options replace the view's (an option left out is reset).
  return `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${qn(v.schema, v.name)}${opts} AS ${query}${v.checkOption ? ` WITH ${v.checkOption} CHECK OPTION` : ''}`;
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

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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

  // Dependants that must be dropped and recreated around the changes (./dependants.ts).
  const all = withDependants(changes, current, desired, options.serverMajor);

  // The order the Models listed their objects in plays no part: changes are visited by a stable key.
  const keyed = all.map((c) => ({ k: changeKey(c), c })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  keyed.forEach((x, i) => (all[i] = x.c));
  const newTables = new Set(all.filter((c) => c.kind === 'create_table').map((c) => keyOf((c as { table: Table }).table)));
  const tables = tableCreation(all, current, desired);
  const moved = new Set(all.flatMap((c) => (c.kind === 'reattach_partition' ? [keyOf(c.table)] : [])));
  const serial = serialColumns(all, desired);
  // Partitions detached before they are dropped (with their schema or on their own): no longer their parents' users.
  const detachedFirst = new Set<string>();
  const droppedTables = new Map(all.filter((c) => c.kind === 'drop_table').map((c) => [keyOf((c as { table: Table }).table), (c as { table: Table }).table]));
  // A foreign key to a partitioned table references each of its partitions (and of theirs): a partition dropped
  // on its own, or with its schema, is detached first (PostgreSQL refuses to drop it while the key exists, and
  // CASCADE would drop the key; DETACH checks that no row references it).
  const referenced = new Set(Object.values(current.tables).flatMap((t) => Object.values(t.constraints).flatMap((k) => (k.kind === 'foreign_key' ? [k.refTable] : []))));
  const referencedAncestor = (t: Table): boolean => {
    const parent = t.partitionOf && current.tables[t.partitionOf.parent];
    return !!parent && (referenced.has(t.partitionOf!.parent) || referencedAncestor(parent));
  };

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
        if (droppedTables.has(c.policy.table) && !newTables.has(c.policy.table) && !c.beforeTable) break;
        emit('drop-policy', c, c.policy.table, `drop policy "${c.policy.name}"`, `DROP POLICY ${qi(c.policy.name)} ON ${qk(c.policy.table)}`);
        break;
      case 'drop_view':
        emit('drop-view', c, keyOf(c.view), `drop "${c.view.name}" ${c.view.kind === 'view' ? 'view' : 'materialized view'}`,
          `DROP ${c.view.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW'} ${qn(c.view.schema, c.view.name)}`,
          c.recreated ? {} : { breaksDependants: `queries that read ${c.view.name} stop working`, ...(c.view.kind === 'materialized_view' ? { deletesData: `drops materialized view ${c.view.name}` } : {}) });
        break;
      case 'drop_constraint':
        if (droppedTables.has(keyOf(c.table)) && !newTables.has(keyOf(c.table))) break;
        if (takenByIndexDrop(c, all, current)) break; // its parent index's DROP INDEX … CASCADE takes it
        emit(c.constraint.kind === 'foreign_key' ? 'drop-foreign-key' : 'drop-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`,
          `ALTER TABLE ${qn(c.table.schema, c.table.name)} DROP CONSTRAINT ${qi(c.constraint.name)}`, { locksExistingTable: true });
        break;
      case 'drop_index':
        if (droppedTables.has(c.index.table) && !newTables.has(c.index.table)) break;
        if (options.concurrentIndex) emit('drop-index', c, c.index.table, `drop index "${c.index.name}" from table: "${splitKey(c.index.table).name}"`, `DROP INDEX CONCURRENTLY ${qn(c.index.schema, c.index.name)}`, {}, false);
        else {
          // Partition keys attached to it go with it (CASCADE; their drops write nothing: ./kinds/attached-keys.ts).
          const cascade = keysAttachedTo(current, qualifiedKey(c.index.schema, c.index.name)).some((k) => !droppedTables.has(keyOf(k.table)));
          emit('drop-index', c, c.index.table, `drop index "${c.index.name}" from table: "${splitKey(c.index.table).name}"`, `DROP INDEX ${qn(c.index.schema, c.index.name)}${cascade ? ' CASCADE' : ''}`, { locksExistingTable: true });
        }
        break;
      case 'attach_index':
        emit('attach-index', c, c.child.table, `attach index "${c.child.name}" to "${c.index.name}"`, `ALTER INDEX ${qn(c.index.schema, c.index.name)} ATTACH PARTITION ${qn(c.child.schema, c.child.name)}`);
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
        // Its partitions of tables elsewhere that a foreign key references are detached first: CASCADE would drop the key.
        for (const t of Object.values(current.tables)) {
          if (t.schema !== c.schema.name || !t.partitionOf || !referencedAncestor(t) || droppedTables.has(t.partitionOf.parent)) continue;
          if (all.some((x) => x.kind === 'drop_schema' && x.schema.name === splitKey(t.partitionOf!.parent).schema)) continue; // the parent goes too
          const parent = splitKey(t.partitionOf.parent);
          detachedFirst.add(keyOf(t));
          emit('detach-partition', c, t.partitionOf.parent, `modify "${parent.name}" table`, `ALTER TABLE ${qn(parent.schema, parent.name)} DETACH PARTITION ${qn(t.schema, t.name)}`, { locksExistingTable: true });
        }
        emit('drop-schema', c, c.schema.name, `drop schema named "${c.schema.name}"`, `DROP SCHEMA ${qi(c.schema.name)} CASCADE`, { deletesData: `drops schema ${c.schema.name} and everything in it` });
        break;
      case 'drop_extension':
        // Its schema dropped too: DROP SCHEMA … CASCADE took it already (../edges.ts orders this after).
        emit('drop-extension', c, c.extension.name, `drop extension "${c.extension.name}"`, `DROP EXTENSION ${schemaDropped(c.extension.schema, { current, desired }) ? 'IF EXISTS ' : ''}${qi(c.extension.name)}`, { breaksDependants: `objects using ${c.extension.name} break` });
        break;
      case 'create_schema':
        emit('create-schema', c, c.schema.name, `add new schema named "${c.schema.name}"`, `CREATE SCHEMA ${qi(c.schema.name)}`);
        break;
      case 'create_extension':
        emit('create-extension', c, c.extension.name, `create extension "${c.extension.name}"`, `CREATE EXTENSION IF NOT EXISTS ${qi(c.extension.name)} WITH SCHEMA ${qi(c.extension.schema)}${c.extension.version !== undefined ? ` VERSION ${quoteLiteral(c.extension.version)}` : ''}`);
        break;
      case 'alter_extension':
        for (const st of alterExtensionSteps(c)) emit(st.kind, c, c.to.name, st.comment, st.sql);
        break;
      case 'create_type': {
        const t = c.type;
        const what = t.kind === 'enum' ? 'enum type' : t.kind === 'domain' ? 'domain' : t.kind === 'range' ? 'range type' : 'composite type';
        emit(`create-${t.kind}`, c, keyOf(t), `create ${what} "${t.name}"`, createTypeSql(t));
        // A NOT VALID check cannot be part of CREATE DOMAIN: added after it, as pg_dump writes it.
        if (t.kind === 'domain') for (const k of t.checks.filter((x) => x.notValid))
          emit(`create-${t.kind}`, c, keyOf(t), `modify domain "${t.name}"`, `ALTER DOMAIN ${qn(t.schema, t.name)} ADD CONSTRAINT ${qi(k.name)} ${/^CHECK\b/i.test(k.expr.text) ? k.expr.text : `CHECK (${k.expr.text})`} NOT VALID`);
        if (t.kind === 'domain') for (const k of t.checks.filter((x) => x.comment !== undefined)) emit(`create-${t.kind}`, c, keyOf(t), `set comment to domain constraint: "${k.name}"`, domainCheckComment(t, k));
        break;
      }
      case 'reattach_partition':
        for (const st of partitionMoveSteps(c)) emit(st.kind, c, keyOf(c.table), st.comment, st.sql, st.effects);
        break;
      case 'set_inherits':
        for (const st of inheritanceSteps(c)) emit(st.kind, c, keyOf(c.table), `modify "${c.table.name}" table`, st.sql, st.effects);
        break;
      case 'alter_type':
        for (const s of alterTypeSteps(c)) emit(s.kind, c, keyOf(c.to), s.comment, s.sql, s.effects ?? {});
        break;
      case 'add_enum_value':
        emit('add-enum-value', c, keyOf(c.type), `add value to enum type: "${c.type.name}"`,
          `ALTER TYPE ${qn(c.type.schema, c.type.name)} ADD VALUE ${quoteLiteral(c.label)}${c.before !== undefined ? ` BEFORE ${quoteLiteral(c.before)}` : c.after !== undefined ? ` AFTER ${quoteLiteral(c.after)}` : ''}`, {}, false);
        break;
      case 'rebuild_type':
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
        emit(c.afterRelations ? 'create-function-reading-relations' : f.kind === 'aggregate' ? 'create-aggregate' : c.replace ? 'replace-function' : 'create-function', c, `${f.schema}.${f.name}`, `${c.replace ? 'modify' : 'create'} function "${f.name}"`,
          // A changed aggregate is replaced in place (the differ checked its result type stays: diff/in-place.ts).
          (c.replace && f.kind === 'aggregate' ? f.definition.replace(/^CREATE AGGREGATE\b/, 'CREATE OR REPLACE AGGREGATE') : f.definition).replace(/;\s*$/, ''));
        break;
      }
      case 'create_table':
        break; // ordered below
      case 'add_column':
        if (c.column.inherited) break; // comes from the parent's column (adding it here would make it local)
        // A generated column added again goes after the type changes of the columns it reads (same place, emitted later).
        emit(c.afterTypeChanges ? 'alter-column' : 'add-column', c, keyOf(c.table), `modify "${c.table.name}" table`, `ALTER TABLE ${qn(c.table.schema, c.table.name)} ADD COLUMN ${columnSql(c.column, { serial: serial.columns.has(`${keyOf(c.table)}\u0000${c.column.name}`), table: c.table })}`,
          addColumnEffects(c.column, c.table, desired, options.volatile));
        break;
      case 'alter_column':
        alterColumn(c, desired, emit, options.volatile, current, all);
        break;
      case 'add_constraint': {
        const k = c.constraint;
        const tn = qn(c.table.schema, c.table.name);
        if (c.newTable && (k.kind === 'foreign_key' ? tables.inlineForeignKeys.has(`${keyOf(c.table)}\u0000${k.name}`) : !constraintAfterTable(c.table, k))) break; // inline in CREATE TABLE
        if (c.optionsFrom) {
          // In place: the index keeps its name and rows; new storage parameters apply to pages written from then on.
          const { reset: removed, set } = optionSteps(c.optionsFrom, 'options' in k ? k.options ?? [] : []);
          const ix = qn(c.table.schema, k.name);
          if (removed.length) emit('add-constraint', c, keyOf(c.table), `modify "${k.name}" index`, `ALTER INDEX ${ix} RESET (${removed.join(', ')})`);
          if (set.length) emit('add-constraint', c, keyOf(c.table), `modify "${k.name}" index`, `ALTER INDEX ${ix} SET (${set.join(', ')})`);
          break;
        }
        if (c.attach) {
          // A partition's key attached to a plain index of its parent (after both exist; nothing if the parent's
          // CREATE INDEX took it already).
          const to = splitKey((k as { attachedTo?: string }).attachedTo!);
          emit('attach-index', c, keyOf(c.table), `attach index "${k.name}" to "${to.name}"`, `ALTER INDEX ${qn(to.schema, to.name)} ATTACH PARTITION ${qn(c.table.schema, k.name)}`);
          break;
        }
        if (c.deferral && k.kind === 'foreign_key') {
          // In place: the foreign key's rows are not checked again.
          emit('add-foreign-key', c, keyOf(c.table), `modify "${c.table.name}" table`,
            `ALTER TABLE ${tn} ALTER CONSTRAINT ${qi(k.name)} ${k.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE'} INITIALLY ${k.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE'}`);
          break;
        }
        if (c.validate) {
          emit('validate-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`, `ALTER TABLE ${tn} VALIDATE CONSTRAINT ${qi(k.name)}`, { mayFailOnExistingRows: `fails if existing rows violate ${k.name}` });
          break;
        }
        const existing = !c.newTable;
        const deferValidation = existing && options.notValid && (k.kind === 'foreign_key' || k.kind === 'check');
        // A key some partitions have no copy of: added ONLY, its copies added and attached (diff/key-copies.ts).
        const only = existing && partialKey(desired, keyOf(c.table), k);
        emit(k.kind === 'foreign_key' ? 'add-foreign-key' : 'add-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`,
          `ALTER TABLE ${only ? 'ONLY ' : ''}${tn} ADD ${namedConstraintSql(c.table, k)}${deferValidation && !/ NOT VALID$/.test(constraintSql(k)) ? ' NOT VALID' : ''}`,
          existing ? { locksExistingTable: true, mayFailOnExistingRows: deferValidation ? undefined : `fails if existing rows violate ${k.name}` } : {});
        if (deferValidation) emit('validate-constraint', c, keyOf(c.table), `modify "${c.table.name}" table`, `ALTER TABLE ${tn} VALIDATE CONSTRAINT ${qi(k.name)}`, { mayFailOnExistingRows: `fails if existing rows violate ${k.name}` });
        // The copies the ADD made on the partitions, renamed as desired (PrimaryKey.copies).
        if (existing && !only && (k.kind === 'primary_key' || k.kind === 'unique')) for (const sql of addedKeyCopyRenames(c.table, k, all, current, desired)) emit('add-constraint', c, keyOf(c.table), `rename a copy of "${k.name}"`, sql);
        // The comment on its index goes with it, however it came to be (re)added (the differ compares kept keys').
        if ('indexComment' in k && k.indexComment !== undefined) emit('comment', c, keyOf(c.table), `set comment to index: "${k.name}"`, `COMMENT ON INDEX ${qn(c.table.schema, k.name)} IS ${quoteLiteral(k.indexComment)}`);
        break;
      }
      case 'create_index': {
        const i = c.index;
        const onView = !!desired.views[i.table];
        const existing = !c.newTable && !newTables.has(i.table);
        const concurrent = existing && options.concurrentIndex;
        const kind = onView ? 'create-view-index' : 'create-index';
        // Column statistics targets: set after the index is built, or in place (`statisticsFrom`).
        const target = (list: readonly string[] | undefined) => new Map((list ?? []).map(optionParts));
        const [was, will] = [target(c.statisticsFrom), target(i.statistics)];
        const statistics = [...new Set([...was.keys(), ...will.keys()])].filter((n) => was.get(n) !== will.get(n))
          .map((n) => `ALTER INDEX ${qn(i.schema, i.name)} ALTER COLUMN ${n} SET STATISTICS ${will.get(n) ?? -1}`);
        const inPlace = !!c.statisticsFrom || !!c.optionsFrom;
        const comment = `${inPlace ? 'modify' : 'create'} index "${i.name}" to table: "${splitKey(i.table).name}"`;
        if (c.optionsFrom) {
          // Storage parameters in place: the index keeps its rows; new ones apply to pages written from then on.
          const { reset, set } = optionSteps(c.optionsFrom, i.options);
          if (reset.length) emit(kind, c, i.table, comment, `ALTER INDEX ${qn(i.schema, i.name)} RESET (${reset.join(', ')})`);
          if (set.length) emit(kind, c, i.table, comment, `ALTER INDEX ${qn(i.schema, i.name)} SET (${set.join(', ')})`);
          break;
        }
        // Partitions' indexes under names PostgreSQL would not give them: pg_dump's form (./kinds/partition-index-names.ts).
        const named = inPlace ? undefined : partitionedIndexSql(i, current, desired, moved);
        if (named) for (const sql of named) emit(kind, c, i.table, comment, sql, existing ? { buildsIndexOnExistingTable: true, mayFailOnExistingRows: i.unique ? `unique index ${i.name} fails on duplicate rows` : undefined } : {});
        else if (!c.statisticsFrom) {
          const sql = createIndexSql(i, { concurrently: concurrent, indent: options.indent });
          // Before foreign keys: a FK may reference columns whose uniqueness comes from this index.
          emit(kind, c, i.table, comment, sql,
            existing ? { buildsIndexOnExistingTable: !concurrent, mayFailOnExistingRows: i.unique ? `unique index ${i.name} fails on duplicate rows` : undefined } : {}, !concurrent);
        }
        for (const sql of statistics) emit(kind, c, i.table, comment, sql);
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
      case 'create_trigger': {
        emit('create-trigger', c, c.trigger.table, `create trigger "${c.trigger.name}"`, c.trigger.definition ?? '');
        if ((c.trigger.enabled ?? 'O') !== 'O') emit('create-trigger', c, c.trigger.table, `set firing of trigger "${c.trigger.name}"`, firingSql('TRIGGER', c.trigger.table, c.trigger.name, c.trigger.enabled ?? 'O'));
        // Its comment goes with it, however it came to be (re)created (the differ compares the comments of kept triggers).
        const { schema, name } = splitKey(c.trigger.table);
        if (c.trigger.comment !== undefined) emit('comment', c, c.trigger.table, `set comment to trigger: "${c.trigger.name}"`, `COMMENT ON TRIGGER ${qi(c.trigger.name)} ON ${qn(schema, name)} IS ${quoteLiteral(c.trigger.comment)}`);
        break;
      }
      case 'trigger_enabled':
        emit('create-trigger', c, c.trigger.table, `set firing of trigger "${c.trigger.name}"`, firingSql('TRIGGER', c.trigger.table, c.trigger.name, c.trigger.enabled ?? 'O'));
        break;
      case 'cloned_trigger_enabled':
        emit('create-trigger', c, c.table, `set firing of the partition's copy of trigger "${c.trigger}"`, firingSql('TRIGGER', c.table, c.trigger, c.enabled));
        break;
      case 'view_column_defaults':
        for (const sql of viewColumnDefaultsSql(c)) emit('alter-column-options', c, keyOf(c.view), `alter column defaults of view "${c.view.name}"`, sql);
        break;
      case 'view_column_settings':
        for (const sql of viewColumnSettingsSql(c, desired)) emit('alter-column-options', c, keyOf(c.view), `alter column settings of materialized view "${c.view.name}"`, sql);
        break;
      case 'grants': {
        // Revokes first (a changed grant option is a revoke and a grant), one statement per grantee.
        const on = qn(c.schema, c.name);
        const groups = (list: readonly Grant[]) => {
          const m = new Map<string, string[]>();
          for (const g of list) m.set(`${g.grantee}\u0000${g.grantable}`, [...(m.get(`${g.grantee}\u0000${g.grantable}`) ?? []), g.privilege]);
          return [...m].map(([k, privs]) => ({ grantee: k.split('\u0000')[0]!, grantable: k.endsWith('true'), privs }));
        };
        for (const g of groups(c.revoke)) emit('revoke', c, `${c.schema}.${c.name}`, `revoke privileges on "${c.name}"`, `REVOKE ${privilegeList('TABLE', g.privs)} ON TABLE ${on} FROM ${who(g.grantee)}`);
        for (const g of groups(c.grant)) emit('grant', c, `${c.schema}.${c.name}`, `grant privileges on "${c.name}"`, `GRANT ${g.privs.join(', ')} ON TABLE ${on} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`);
        break;
      }
      case 'alter_table': {
        const t = c.table;
        const tn = qn(t.schema, t.name);
        if (c.from.unlogged !== t.unlogged)
          emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} SET ${t.unlogged ? 'UNLOGGED' : 'LOGGED'}`, { rewritesTable: true });
        // PostgreSQL 15+: the rows are rewritten into the new access method.
        if ((c.from.accessMethod ?? '') !== (t.accessMethod ?? ''))
          emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} SET ACCESS METHOD ${qi(t.accessMethod ?? 'heap')}`, { rewritesTable: true, locksExistingTable: true });
        const { reset: removed, set } = optionSteps(c.from.options, t.options);
        if (removed.length) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} RESET (${removed.join(', ')})`, { locksExistingTable: true });
        if (set.length) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} SET (${set.join(', ')})`, { locksExistingTable: true });
        const ri = (x: Table) => (!x.replicaIdentity ? 'DEFAULT' : x.replicaIdentity.kind === 'index' ? `USING INDEX ${qi(x.replicaIdentity.index ?? '')}` : x.replicaIdentity.kind.toUpperCase());
        if (ri(c.from) !== ri(t)) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} REPLICA IDENTITY ${ri(t)}`, { locksExistingTable: true });
        if ((c.from.clusterOn ?? '') !== (t.clusterOn ?? '')) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} ${t.clusterOn ? `CLUSTER ON ${qi(t.clusterOn)}` : 'SET WITHOUT CLUSTER'}`, { locksExistingTable: true });
        // A typed table: ALTER TABLE … OF checks its columns against the type's attributes; NOT OF keeps them.
        if ((c.from.ofType ?? '') !== (t.ofType ?? '')) {
          if (c.from.ofType) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} NOT OF`, { locksExistingTable: true });
          if (t.ofType) emit('alter-table', c, keyOf(t), `modify "${t.name}" table`, `ALTER TABLE ${tn} OF ${qk(t.ofType)}`, { locksExistingTable: true });
        }
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
        const roles = p.roles.map((r) => (r === 'public' ? 'PUBLIC' : qi(r))).join(', ');
        // Changed in place: only the clauses that differ (src/diff/in-place.ts: policyInPlace); its comment stays.
        if (c.from) {
          const to = c.from.roles.join(',') !== p.roles.join(',') ? ` TO ${roles}` : '';
          const using = p.using && !sameExpr(c.from.using, p.using) ? ` USING (${p.using.text})` : '';
          const check = p.withCheck && !sameExpr(c.from.withCheck, p.withCheck) ? ` WITH CHECK (${p.withCheck.text})` : '';
          emit('create-policy', c, p.table, `modify policy "${p.name}"`, `ALTER POLICY ${qi(p.name)} ON ${qk(p.table)}${to}${using}${check}`);
          break;
        }
        emit('create-policy', c, p.table, `create policy "${p.name}"`,
          `CREATE POLICY ${qi(p.name)} ON ${qk(p.table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${roles}${p.using ? ` USING (${p.using.text})` : ''}${p.withCheck ? ` WITH CHECK (${p.withCheck.text})` : ''}`);
        // Its comment goes with it, however it came to be (re)created (the differ compares the comments of kept policies).
        if (p.comment !== undefined) emit('comment', c, p.table, `set comment to policy: "${p.name}"`, `COMMENT ON POLICY ${qi(p.name)} ON ${qk(p.table)} IS ${quoteLiteral(p.comment)}`);
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
          const steps = rules.alter?.(c.from, c.to, desired);
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
  for (const c of tables.order) {
    // A partition whose keys attach to its parent's indexes: created on its own, then attached (diff/attached-keys.ts).
    const own = c.attach && c.table.partitionOf ? standalonePartition(desired, c.table) : c.table;
    emit('create-table', c, keyOf(c.table), `create "${c.table.name}" table`, createTableSql(own, {
      foreignKeys: new Set([...tables.inlineForeignKeys].filter((k) => k.startsWith(`${keyOf(c.table)}\u0000`)).map((k) => k.slice(k.indexOf('\u0000') + 1))),
      serial: new Set([...serial.columns].filter((k) => k.startsWith(`${keyOf(c.table)}\u0000`)).map((k) => k.slice(k.indexOf('\u0000') + 1))),
      indent: options.indent,
      parentGenerated: parentGenerated(c.table, desired),
    }));
    if (own !== c.table) emit('create-table', c, keyOf(c.table), `attach "${c.table.name}" table`, `ALTER TABLE ${qk(c.table.partitionOf!.parent)} ATTACH PARTITION ${qn(c.table.schema, c.table.name)} ${c.table.partitionOf!.bound.text}`);
  }
  // The indexes PostgreSQL made on a new partition for its parent's, renamed as desired.
  for (const c of tables.order)
    for (const sql of newPartitionRenames(c.table, all, current, desired)) emit('rename-partition-index', c, keyOf(c.table), `rename an index of "${c.table.name}"`, sql);
  // Likewise its copies of the keys above it (PrimaryKey.copies).
  for (const c of tables.order)
    for (const sql of newPartitionKeyRenames(c.table, all, current, desired)) emit('rename-partition-index', c, keyOf(c.table), `rename a key of "${c.table.name}"`, sql);

  const drops = all.filter((c): c is Extract<Change, { kind: 'drop_table' }> => c.kind === 'drop_table');
  const dropKeys = new Map(drops.map((c) => [keyOf(c.table), c]));
  // A table can be dropped once nothing that is dropped later references it: order by "referenced by".
  // A partition goes with the topmost ancestor the plan drops: the foreign keys of a partition tree (a partition's
  // own, to a partition of another tree) are that table's, so two trees whose partitions reference each other are a
  // cycle like two tables whose keys do.
  const rootOf = (key: string): string => {
    const parent = dropKeys.get(key)?.table.partitionOf?.parent;
    return parent !== undefined && dropKeys.has(parent) ? rootOf(parent) : key;
  };
  const referencedBy = new Map<string, Extract<Change, { kind: 'drop_table' }>[]>();
  for (const d of drops) {
    const from = rootOf(keyOf(d.table));
    for (const k of Object.values(d.table.constraints)) {
      const to = k.kind === 'foreign_key' && dropKeys.has(k.refTable) ? rootOf(k.refTable) : undefined;
      if (to !== undefined && to !== from) referencedBy.set(to, [...(referencedBy.get(to) ?? []), dropKeys.get(from)!]);
    }
    for (const parent of d.table.inherits) if (dropKeys.has(parent)) referencedBy.set(parent, [...(referencedBy.get(parent) ?? []), d]);
  }
  const { order: dropOrder, cycles: dropCycles } = toposort(drops, (d) => referencedBy.get(keyOf(d.table)) ?? []);
  const droppedFirst = new Set<string>();
  const inCycle = new Set(dropCycles.map((d) => keyOf(d.table)));
  for (const d of drops.filter((x) => inCycle.has(rootOf(keyOf(x.table)))))
    for (const k of Object.values(d.table.constraints))
      if (k.kind === 'foreign_key' && dropKeys.has(k.refTable) && inCycle.has(rootOf(k.refTable)) && rootOf(k.refTable) !== rootOf(keyOf(d.table)) && droppedFirst.add(`${keyOf(d.table)}\u0000${k.name}`))
        emit('drop-foreign-key', d, keyOf(d.table), `modify "${d.table.name}" table`, `ALTER TABLE ${qn(d.table.schema, d.table.name)} DROP CONSTRAINT ${qi(k.name)}`);
  // A foreign key to a partitioned table references each of its partitions: one dropped on its own is detached
  // first (PostgreSQL refuses to drop it while the key exists; DETACH checks that no row references it).
  for (const d of [...dropOrder, ...dropCycles]) {
    if (d.table.partitionOf && dropKeys.has(d.table.partitionOf.parent)) continue; // goes with its parent
    if (d.table.partitionOf && referencedAncestor(d.table)) {
      const parent = splitKey(d.table.partitionOf.parent);
      detachedFirst.add(keyOf(d.table));
      emit('detach-partition', d, d.table.partitionOf.parent, `modify "${parent.name}" table`, `ALTER TABLE ${qn(parent.schema, parent.name)} DETACH PARTITION ${qn(d.table.schema, d.table.name)}`, { locksExistingTable: true });
    }
    emit('drop-table', d, keyOf(d.table), `drop "${d.table.name}" table`, `DROP TABLE ${qn(d.table.schema, d.table.name)}`, { deletesData: `drops table ${d.table.name} and its rows` });
  }

  // Views: in the order the graph gives (a view after what it reads).
  for (const c of all) if (c.kind === 'create_view') emit('create-view', c, keyOf(c.view), `${c.from ? 'modify' : 'create'} "${c.view.name}" ${c.view.kind === 'view' ? 'view' : 'materialized view'}`, viewSql(c.view, c.from));

  const ctx = { current, desired, inlineForeignKeys: tables.inlineForeignKeys, droppedFirst, detachedFirst };
  const nodes = graphNodes(drafts, ctx, options.tieBreak);
  const ordered = orderByGraph(nodes, options.onCycle && ((n) => options.onCycle!(n.draft.sql))).map((n) => n.draft);
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

/** The drafts as nodes of the graph, with the ids their change declares (computed once per change). */
function graphNodes(drafts: readonly Draft[], ctx: EdgeContext, tieBreak: TieBreak | undefined) {
  const memo = new Map<Change, ReturnType<typeof statementIds>>();
  const renames = drafts.some((d) => d.kind === 'rename');
  const moves = drafts.some((d) => d.kind === 'move-extension');
  const last = new Map<Change, number>();
  const count = new Map<Change, number>();
  for (const d of drafts) count.set(d.source, (count.get(d.source) ?? 0) + 1);
  return drafts.map((d) => {
    // A dropped table's statements differ (its cycle's foreign keys, then the table), and so do a recreated object's (drop, then create).
    const own = d.source.kind === 'drop_table' || d.source.kind === 'drop_schema' || d.source.kind === 'alter_object' || d.source.kind === 'reattach_partition' || d.source.kind === 'set_inherits' || d.source.kind === 'alter_table'
      || (d.source.kind === 'alter_column' && (!d.source.from.identity !== !d.source.to.identity || regenerates(d.source)));
    let ids = own ? undefined : memo.get(d.source);
    if (!ids) {
      ids = statementIds(d.source, d.sql, ctx, d.kind, d.object);
      if (!own) memo.set(d.source, ids);
    }
    // A change's statements run in the order it wrote them: each requires the one before it.
    const chained = (count.get(d.source) ?? 0) > 1;
    const prev = chained ? last.get(d.source) : undefined;
    if (chained) last.set(d.source, d.order);
    const rename = renames && d.kind !== 'rename';
    const moved = moves && d.kind !== 'rename' && d.kind !== 'move-extension' && d.kind !== 'create-schema';
    const requires = rename || moved || prev !== undefined ? [...(ids.requires ?? NONE), ...(rename ? [RENAMES] : NONE), ...(moved ? [MOVES] : NONE), ...(prev !== undefined ? [nodeId.step(prev)] : NONE)] : ids.requires ?? NONE;
    const creates = chained ? [...(ids.creates ?? NONE), nodeId.step(d.order)] : ids.creates ?? NONE;
    return { rank: place(d.kind, tieBreak), order: d.order, draft: d, creates, alters: ids.alters ?? NONE, drops: ids.drops ?? NONE, requires, used: ids.used ?? NONE };
  });
}

/** Is `type` a domain with CHECK or NOT NULL constraints (directly or through its base domain)? */
function settingStatement(sql: string, source: Change): Statement {
  return { sql, comment: 'Set a timeout for this migration', hazards: [], transactional: true, object: '', source };
}

function keyOf(o: { schema: string; name: string }): string {
  return qualifiedKey(o.schema, o.name);
}

export { renderMigrationFile, renderSchemaSql, type RenderOptions } from './render.js';
