/**
 * Generated columns over a function the plan drops and creates again (its result type or kind changes):
 * PostgreSQL refuses to drop a function a generation expression calls, and a generated column cannot lose its
 * expression and get it back (`DROP EXPRESSION` makes it a plain column for good). So the column is dropped
 * before the function and added again after it (its values are computed again: no data is lost), and what
 * PostgreSQL drops with the column comes back: the indexes and constraints of its table that read it, and its
 * comment. Views over the table follow the planner's rule for dropped columns (dropped before, restored after).
 * The graph orders it: the drop used the old function, the add requires the new one (../edges.ts).
 *
 * Limits: column privileges and statistics objects on the column, and triggers or policies reading it, are not
 * restored here.
 */
import type { Change } from '../../diff/changes.js';
import { identifiersIn } from '../../model/identifiers.js';
import { qualifiedKey } from '../../model/names.js';
import type { Column, Constraint, Index, Model } from '../../model/types.js';
import { exprRefs } from '../expr-refs.js';
import { callIds, recreatedFunctions } from '../function-refs.js';

/** Does an index read column `name` (a key, an expression, its predicate, INCLUDE)? */
function indexReads(i: Index, name: string): boolean {
  return i.include.includes(name) || i.keys.some((k) => k.column === name || (!!k.expr && identifiersIn(k.expr.text).has(name))) || (!!i.where && identifiersIn(i.where.text).has(name));
}

/** Does a constraint read column `name`? */
function constraintReads(k: Constraint, name: string): boolean {
  switch (k.kind) {
    case 'check': return identifiersIn(k.expr.text).has(name);
    case 'exclusion': return identifiersIn(k.definition).has(name);
    default: return k.columns.includes(name);
  }
}

/**
 * Adds to `all` the drop and the add of each generated column whose expression calls a function that `all`
 * drops and creates again, with the indexes, constraints and comment that go with it (see above). A change the
 * diff planned for such a column is replaced. Mutates `all`.
 *
 * @example
 * regenerateColumns(all, current, desired)
 * // + drop_column t.b, add_column t.b (GENERATED ALWAYS AS (dbl(a)) STORED), drop_index/create_index t_b
 */
export function regenerateColumns(all: Change[], current: Model, desired: Model): void {
  const key = (o: { schema: string; name: string }) => qualifiedKey(o.schema, o.name);
  const recreated = recreatedFunctions(all);
  if (!recreated.size) return;
  const calls = (col: Column) => !!col.generated && exprRefs(col.generated.canonical).calls.some((call) => callIds(current, call).some((id) => recreated.has(id)));
  for (const [k, cur] of Object.entries(current.tables)) {
    const des = desired.tables[k];
    if (!des || all.some((c) => (c.kind === 'drop_table' || c.kind === 'reattach_partition') && key(c.table) === k)) continue;
    for (const col of cur.columns) {
      const next = des.columns.find((x) => x.name === col.name);
      if (!next || col.inherited || !calls(col)) continue;
      const same = (c: Change) => (c.kind === 'alter_column' || c.kind === 'drop_column' || c.kind === 'add_column') && key(c.table) === k && (c.kind === 'alter_column' ? c.to.name : c.column.name) === col.name;
      const comment = (c: Change) => c.kind === 'comment' && c.target.on === 'COLUMN' && qualifiedKey(c.target.schema, c.target.name) === k && c.target.column === col.name;
      for (let i = all.length - 1; i >= 0; i--) if (same(all[i]!) || comment(all[i]!)) all.splice(i, 1);
      all.push({ kind: 'drop_column', table: cur, column: col }, { kind: 'add_column', table: des, column: next });
      if (next.comment !== undefined) all.push({ kind: 'comment', target: { on: 'COLUMN', schema: des.schema, name: des.name, column: next.name }, comment: next.comment });
      for (const ix of Object.values(cur.indexes)) {
        if (!indexReads(ix, col.name) || all.some((c) => c.kind === 'drop_index' && c.index.table === k && c.index.name === ix.name)) continue;
        all.push({ kind: 'drop_index', index: ix });
        const back = des.indexes[ix.name];
        if (back && !all.some((c) => c.kind === 'create_index' && c.index.table === k && c.index.name === ix.name)) {
          all.push({ kind: 'create_index', index: back, newTable: false });
          if (back.comment !== undefined && !all.some((c) => c.kind === 'comment' && c.target.on === 'INDEX' && c.target.schema === back.schema && c.target.name === back.name)) all.push({ kind: 'comment', target: { on: 'INDEX', schema: back.schema, name: back.name }, comment: back.comment });
        }
      }
      for (const con of Object.values(cur.constraints)) {
        if (!constraintReads(con, col.name) || all.some((c) => c.kind === 'drop_constraint' && key(c.table) === k && c.constraint.name === con.name)) continue;
        all.push({ kind: 'drop_constraint', table: cur, constraint: con });
        const back = des.constraints[con.name];
        if (back && !all.some((c) => c.kind === 'add_constraint' && key(c.table) === k && c.constraint.name === con.name)) all.push({ kind: 'add_constraint', table: des, constraint: back, newTable: false });
      }
    }
  }
}
