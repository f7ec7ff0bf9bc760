/**
 * Valid copies of NOT VALID checks (CheckConstraint.validCopies), diffed: a table below whose copy is valid in the
 * desired state and not yet (the check added or added again, the partition created before it, or validated only on
 * the partition) gets `ALTER TABLE part VALIDATE CONSTRAINT c` after the check and the table exist; a copy that is
 * valid now and is not desired valid cannot be made NOT VALID again but by adding the check again (its copies go with
 * its DROP CONSTRAINT and come back NOT VALID with its ADD … NOT VALID).
 *
 * In: the current and desired Models and the changes so far. Out: those changes completed. Never: renders SQL.
 */
import { qualifiedKey } from '../model/names.js';
import type { CheckConstraint, Model, Table } from '../model/types.js';
import type { Change } from './changes.js';

const keyOf = (t: Table) => qualifiedKey(t.schema, t.name);

/**
 * @example
 * validCheckCopies(current, desired, out) // + add_constraint { table: p2, constraint: c, validate: true, copyOf: 'public.p' }
 */
export function validCheckCopies(current: Model, desired: Model, out: Change[], inScope: (schema: string) => boolean = () => true): void {
  const recreated = new Set(out.flatMap((x) => (x.kind === 'create_table' ? [keyOf(x.table)] : [])));
  for (const [key, t] of Object.entries(desired.tables))
    for (const c of Object.values(t.constraints)) {
      if (c.kind !== 'check' || !c.notValid || !inScope(t.schema)) continue;
      const cur = current.tables[key]?.constraints[c.name];
      let added = recreated.has(key) || out.some((x) => x.kind === 'add_constraint' && !x.validate && keyOf(x.table) === key && x.constraint.name === c.name);
      const want = c.validCopies ?? [];
      // Valid now, not desired so (a table that stays): the check is added again, its copies NOT VALID.
      const was = !added && cur?.kind === 'check' ? (cur as CheckConstraint).validCopies ?? [] : [];
      if (!added && cur && was.some((d) => !want.includes(d) && desired.tables[d] && !recreated.has(d))) {
        out.push({ kind: 'drop_constraint', table: current.tables[key]!, constraint: cur });
        out.push({ kind: 'add_constraint', table: t, constraint: c, newTable: false });
        added = true;
      }
      for (const d of want) {
        if ((!added && was.includes(d)) || !desired.tables[d]) continue;
        out.push({ kind: 'add_constraint', table: desired.tables[d]!, constraint: c, newTable: false, validate: true, copyOf: key });
      }
    }
}
