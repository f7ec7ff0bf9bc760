/**
 * How a table's parents (`INHERITS`) change in place, or why they cannot.
 *
 * PostgreSQL appends a parent that `INHERIT` adds after the ones the table keeps (pg_dump lists them in that
 * order, `pg_inherits.inhseqno`), and no statement turns a column or CHECK of the child that is its own into
 * one it has only from a parent (`attislocal`/`conislocal` only ever become true): `INHERIT` keeps the child's
 * columns and checks as its own (merged), `NO INHERIT` makes the inherited ones its own.
 *
 * In: the current and the desired table, both Models. Out: the parents to leave and to join (in order), or
 * `'recreate'` when the desired child can only be created again (a column or check it has from a parent only
 * that it has as its own today, or will have after `INHERIT`). Never: renders SQL.
 */
import { afterNoInherit, checkProviders, checksAddedAfterJoin, columnProviders, inheritableChecks } from '../model/inheritance.js';
import type { Model, Table } from '../model/types.js';

export interface InheritanceMove {
  /** `NO INHERIT`, before the child is changed. */
  readonly detach: readonly string[];
  /** `INHERIT`, in this order, after the child and its new parents are in their desired state. */
  readonly attach: readonly string[];
}

/**
 * @example
 * inheritanceMove(current.tables['public.c'], desired.tables['public.c'], current, desired)
 * // { detach: [], attach: ['public.p'] } — c (id, n, x) becomes c (id, n, x) INHERITS (p)
 */
export function inheritanceMove(cur: Table, t: Table, current: Model, desired: Model): InheritanceMove | 'recreate' | undefined {
  if (cur.partitionOf || t.partitionOf) return undefined;
  // The parents kept in place: the longest start of the desired list that the current one keeps in that order.
  const kept = cur.inherits.filter((p) => t.inherits.includes(p));
  let k = 0;
  while (k < kept.length && kept[k] === t.inherits[k]) k++;
  for (;;) {
    const stay = new Set(t.inherits.slice(0, k));
    const detach = cur.inherits.filter((p) => !stay.has(p));
    const attach = t.inherits.slice(k);
    let shrink = k;
    let recreate = false;
    for (const c of t.columns) {
      const was = cur.columns.find((x) => x.name === c.name);
      const from = columnProviders(current, cur, c.name);
      const stillInherited = !!was?.inherited && from.some((p) => stay.has(p));
      if (c.inherited) {
        if (stillInherited) continue;
        // New on parents it keeps: their ADD COLUMN gives it to the child as an inherited column.
        if (!was && columnProviders(desired, t, c.name).every((p) => stay.has(p) && !current.tables[p]?.columns.some((x) => x.name === c.name))) continue;
        recreate = true;
      } else if (stillInherited) {
        // Wanted as the child's own: leaving the parents it comes from (and joining them again) makes it so.
        shrink = Math.min(shrink, ...from.filter((p) => stay.has(p)).map((p) => t.inherits.indexOf(p)));
      }
    }
    if (shrink < k) {
      k = shrink;
      continue;
    }
    const after = afterNoInherit(current, cur, detach);
    for (const p of attach) {
      // Every check of a parent it joins must be the child's own first (INHERIT refuses otherwise, and keeps it so).
      // A check the parent gains in this migration is added after INHERIT instead (it recurses into the child).
      const parent = desired.tables[p];
      const later = new Set(checksAddedAfterJoin(current, desired, t, p).map((k) => k.name));
      if (parent) for (const chk of inheritableChecks(parent)) if (t.constraints[chk.name]?.kind !== 'check' && !later.has(chk.name)) recreate = true;
    }
    for (const chk of Object.values(after.constraints)) {
      // A check that stays inherited from a kept parent cannot stop being the child's own.
      if (chk.kind === 'check' && !t.constraints[chk.name] && checkProviders(desired, { ...t, inherits: [...stay] }, chk.name).length && checkProviders(current, { ...cur, inherits: [...stay] }, chk.name).length) recreate = true;
    }
    if (recreate) return 'recreate';
    return detach.length || attach.length ? { detach, attach } : undefined;
  }
}
