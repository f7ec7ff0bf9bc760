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
import type { StatementKind } from '../layout.js';

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
