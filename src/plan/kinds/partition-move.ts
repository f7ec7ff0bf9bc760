/**
 * A partition detached and attached again (change `reattach_partition`): a new bound under the same parent, a
 * partition that becomes a table of its own, a table that becomes a partition, or a partition moved to another
 * parent. `DETACH PARTITION` runs early, before any partition is attached again (new bounds may swap between
 * partitions) and before the old parent may be dropped; `ATTACH PARTITION … FOR VALUES …` runs after the table
 * has been changed into the detached state of its new place (constraints, indexes and foreign keys added, so
 * PostgreSQL attaches them instead of building copies) and after the new parent exists. The rows stay; the
 * attach checks that they fit the bound.
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey, splitKey } from '../../model/names.js';
import { detachedTable } from '../../model/partition.js';
import { shadowedIndexes } from '../../diff/partition-moves.js';
import type { Model, Table } from '../../model/types.js';
import type { Effects } from '../types.js';
import { qk, qn } from '../table-sql.js';
import type { StatementKind } from '../layout.js';
import { nodeId, type GraphNode } from '../graph.js';

export interface MoveStep {
  readonly kind: StatementKind;
  readonly comment: string;
  readonly sql: string;
  readonly effects: Effects;
}

/**
 * Layout places (../layout.ts): a new bound under the same parent detaches after the parent's constraint
 * drops, which take their clones on the partition along ('detach-partition'); a table that leaves its parent
 * detaches before them, so the drops of the copies it keeps (planned from its detached state) find them
 * ('detach-partition-leaving'). Either way before drops of tables: the old parent may go. The attach comes
 * after new tables, constraints, indexes and foreign keys, before validations ('attach-partition').
 */

/**
 * The statements of one `reattach_partition` change.
 *
 * @example
 * partitionMoveSteps({ kind: 'reattach_partition', from: partitionOfP, table: standalone }).map((s) => s.sql)
 * // ['ALTER TABLE "public"."p" DETACH PARTITION "public"."c"']
 */
export function partitionMoveSteps(c: Extract<Change, { kind: 'reattach_partition' }>): MoveStep[] {
  const out: MoveStep[] = [];
  const t = c.table;
  const name = qn(t.schema, t.name);
  const was = c.from.partitionOf;
  const will = t.partitionOf;
  if (was) {
    out.push({
      kind: will?.parent === was.parent ? 'detach-partition' : 'detach-partition-leaving', comment: `modify "${splitKey(was.parent).name}" table`, sql: `ALTER TABLE ${qk(was.parent)} DETACH PARTITION ${qn(c.from.schema, c.from.name)}`,
      effects: { locksExistingTable: true, ...(will ? {} : { breaksDependants: `rows of ${t.name} no longer show in ${splitKey(was.parent).name}` }) },
    });
  }
  if (will) {
    out.push({
      kind: 'attach-partition', comment: `modify "${splitKey(will.parent).name}" table`, sql: `ALTER TABLE ${qk(will.parent)} ATTACH PARTITION ${name} ${will.bound.text}`,
      effects: { locksExistingTable: true, mayFailOnExistingRows: `fails if rows of ${t.name} (or of the default partition of ${splitKey(will.parent).name}) fall outside the new bound` },
    });
  }
  return out;
}

/**
 * The graph ids of a table's keys, constraints (and the indexes behind them) and indexes: what PostgreSQL
 * copies onto a partition when it is detached, and adopts from a table when it is attached.
 */
function ownParts(t: Table): string[] {
  const k = qualifiedKey(t.schema, t.name);
  const out: string[] = [];
  for (const c of Object.values(t.constraints)) {
    out.push(nodeId.part(k, 'constraint', c.name));
    if (c.kind === 'primary_key' || c.kind === 'unique') out.push(nodeId.keys(k));
    if (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion') out.push(nodeId.index(qualifiedKey(t.schema, c.name)));
  }
  for (const i of Object.values(t.indexes)) out.push(nodeId.index(qualifiedKey(i.schema, i.name)));
  return [...new Set(out)];
}

/**
 * The edges of a `reattach_partition` statement (../graph.ts):
 *  - the DETACH drops the old parent's bounds (every detach of a parent before any attach) and is used by
 *    what changes the table in its detached state: its columns (`rel:`), and the keys, constraints and indexes
 *    it keeps as its own copies of the parent's (model/partition.ts), which are dropped after it. A table that
 *    leaves its parent is also used by the old parent: the parent (and its keys, constraints and indexes,
 *    whose drops would take the partition's clones along) is dropped or changed after the partition left;
 *  - the ATTACH creates the new parent's bounds and requires the new parent, the table's columns (`rel:`:
 *    after every change to them) and every key, constraint and index of the table's detached state in the
 *    desired Model, so PostgreSQL adopts them instead of building copies; it runs after the drops of the
 *    keys, constraints and indexes the table loses (declared as created by it: an attached table's adopted
 *    clones can no longer be dropped).
 *
 * @example
 * partitionMoveIds(moveToB, 'detach-partition-leaving', current, desired).used
 * // ['rel:public.part', 'constraint:public.part\u0000part_pkey', 'keys:public.part', …, 'rel:public.a', …]
 */
export function partitionMoveIds(c: Extract<Change, { kind: 'reattach_partition' }>, kind: StatementKind | undefined, current: Model, desired: Model): Pick<GraphNode, 'creates' | 'drops' | 'requires' | 'used'> {
  const own = qualifiedKey(c.table.schema, c.table.name);
  if (kind === 'detach-partition' || kind === 'detach-partition-leaving') {
    const was = c.from.partitionOf;
    const used = [nodeId.rel(own), ...ownParts(detachedTable(current, c.from))];
    const parent = was && current.tables[was.parent];
    if (parent && c.table.partitionOf?.parent !== was.parent) used.push(nodeId.rel(was.parent), ...ownParts(parent));
    return { drops: was ? [nodeId.bounds(was.parent)] : [], used };
  }
  const will = c.table.partitionOf;
  // Its indexes the ATTACH would adopt in place of the parent's copies are built after it (diff/partition-moves.ts).
  const shadowed = new Set(shadowedIndexes(desired, c.table).map((n) => nodeId.index(qualifiedKey(c.table.schema, n))));
  const kept = ownParts(detachedTable(desired, c.table, detachedTable(current, c.from))).filter((x) => !shadowed.has(x));
  // What the table has now and its new place does not is dropped first: attached, it would be adopted as the
  // clone of a parent's constraint or index, which PostgreSQL then refuses to drop (the graph orders the drops
  // of an id before its creates).
  const gone = ownParts(detachedTable(current, c.from)).filter((x) => !kept.includes(x));
  return { creates: [...(will ? [nodeId.bounds(will.parent)] : []), ...gone], requires: [...(will ? [nodeId.rel(will.parent)] : []), nodeId.rel(own), ...kept] };
}
