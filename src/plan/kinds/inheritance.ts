/**
 * A table's parents changed in place (change `set_inherits`, diff/inheritance.ts): `ALTER TABLE child NO
 * INHERIT p` for each parent it leaves, then `ALTER TABLE child INHERIT q` for each it joins, in order.
 *
 * `NO INHERIT` runs before anything changes the child or the parent it leaves: the child's columns and checks
 * from that parent become its own (model/inheritance.ts) and the rest of the plan changes the child from that
 * state (drops a check it no longer wants, keeps a column the parent drops). `INHERIT` runs once the child has
 * every column and check of the parent (PostgreSQL refuses it otherwise) and the parent is in its desired
 * state (its new columns and checks are there, the ones it drops are gone).
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey, splitKey } from '../../model/names.js';
import { checksAddedAfterJoin, inheritableChecks } from '../../model/inheritance.js';
import type { Model } from '../../model/types.js';
import type { Effects } from '../types.js';
import { qk, qn } from '../table-sql.js';
import type { StatementKind } from '../layout.js';
import { nodeId, type GraphNode } from '../graph.js';

export interface InheritStep {
  readonly kind: StatementKind;
  readonly parent: string;
  readonly sql: string;
  readonly effects: Effects;
}

/**
 * @example
 * inheritanceSteps({ kind: 'set_inherits', table: c, from: c0, detach: ['public.q'], attach: ['public.p', 'public.q'] }).map((s) => s.sql)
 * // ['ALTER TABLE "public"."c" NO INHERIT "public"."q"', 'ALTER TABLE "public"."c" INHERIT "public"."p"', 'ALTER TABLE "public"."c" INHERIT "public"."q"']
 */
export function inheritanceSteps(c: Extract<Change, { kind: 'set_inherits' }>): InheritStep[] {
  const name = qn(c.table.schema, c.table.name);
  return [
    ...c.detach.map((p) => ({ kind: 'no-inherit' as const, parent: p, sql: `ALTER TABLE ${name} NO INHERIT ${qk(p)}`, effects: { locksExistingTable: true, breaksDependants: `rows of ${c.table.name} no longer show in ${splitKey(p).name}` } })),
    ...c.attach.map((p) => ({ kind: 'inherit' as const, parent: p, sql: `ALTER TABLE ${name} INHERIT ${qk(p)}`, effects: { locksExistingTable: true } })),
  ];
}

/**
 * The edges of one statement of a `set_inherits` change (../graph.ts):
 *  - `NO INHERIT p` is used by the child (`rel:`, every change to it comes after) and by its columns and checks
 *    named like `p`'s (PostgreSQL refuses to drop them while inherited, merged or not), and by `p` itself with its
 *    columns and checks (a drop there would otherwise recurse into the child);
 *  - `INHERIT p` requires the child and `p` (after every change to either), the child's checks named like
 *    `p`'s and `p`'s checks in the desired Model; a check `p` gains in the migration that the child does not
 *    declare comes after it instead (`p`'s ADD CONSTRAINT recurses into the child, which then has it from `p` only).
 *
 * @example
 * inheritanceIds(change, 'inherit', 'public.p', current, desired).requires // ['rel:public.c', 'rel:public.p', 'constraint:public.p\u0000p_n', …]
 */
export function inheritanceIds(c: Extract<Change, { kind: 'set_inherits' }>, kind: StatementKind | undefined, parent: string, current: Model, desired: Model): Pick<GraphNode, 'requires' | 'used' | 'alters'> {
  const own = qualifiedKey(c.table.schema, c.table.name);
  if (kind === 'no-inherit') {
    // The child's columns and checks named like the parent's, merged or not: PostgreSQL refuses to drop them
    // while they are inherited.
    const p = current.tables[parent];
    const used = [nodeId.rel(own), nodeId.rel(parent)];
    if (p) {
      for (const k of inheritableChecks(p)) used.push(nodeId.part(parent, 'constraint', k.name), nodeId.part(own, 'constraint', k.name));
      for (const col of p.columns) used.push(nodeId.part(parent, 'column', col.name), nodeId.part(own, 'column', col.name));
    }
    return { used };
  }
  const p = desired.tables[parent];
  // A check the parent gains in this migration that the child does not declare: added after INHERIT (it recurses).
  const child = desired.tables[own];
  const later = new Set(child ? checksAddedAfterJoin(current, desired, child, parent).map((k) => k.name) : []);
  const checks = p ? inheritableChecks(p).filter((k) => !later.has(k.name)) : [];
  return {
    requires: [nodeId.rel(own), nodeId.rel(parent), ...checks.flatMap((k) => [nodeId.part(parent, 'constraint', k.name), nodeId.part(own, 'constraint', k.name)])],
    alters: [...later].map((name) => nodeId.inheritedCheck(parent, name)),
  };
}
