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
import { splitKey } from '../../model/names.js';
import type { Effects } from '../types.js';
import { qk, qn } from '../table-sql.js';

export interface MoveStep {
  readonly phase: number;
  readonly comment: string;
  readonly sql: string;
  readonly effects: Effects;
}

/**
 * A new bound under the same parent: after the parent's constraint drops (3), which take their clones on the
 * partition along. A table that leaves its parent: before them (2.95), so the drops of the copies it keeps
 * (planned from its detached state) find them. Either way before drops of tables (5.5): the old parent may go.
 */
const DETACH_REBOUND = 3.05;
const DETACH_MOVE = 2.95;
/** After new tables (11), constraints (13), indexes (13.4) and foreign keys (13.5); before validations (13.6). */
const ATTACH = 13.55;

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
      phase: will?.parent === was.parent ? DETACH_REBOUND : DETACH_MOVE, comment: `modify "${splitKey(was.parent).name}" table`, sql: `ALTER TABLE ${qk(was.parent)} DETACH PARTITION ${qn(c.from.schema, c.from.name)}`,
      effects: { locksExistingTable: true, ...(will ? {} : { breaksDependants: `rows of ${t.name} no longer show in ${splitKey(was.parent).name}` }) },
    });
  }
  if (will) {
    out.push({
      phase: ATTACH, comment: `modify "${splitKey(will.parent).name}" table`, sql: `ALTER TABLE ${qk(will.parent)} ATTACH PARTITION ${name} ${will.bound.text}`,
      effects: { locksExistingTable: true, mayFailOnExistingRows: `fails if rows of ${t.name} (or of the default partition of ${splitKey(will.parent).name}) fall outside the new bound` },
    });
  }
  return out;
}
