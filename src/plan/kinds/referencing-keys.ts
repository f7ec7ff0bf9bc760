/**
 * Foreign keys depend on the unique index of the key they reference (PostgreSQL records the index PostgreSQL
 * chose when the foreign key was created): a primary key, unique constraint or unique index that is dropped
 * (a unique key becoming the primary key, a key recreated because its definition changes) cannot go while a
 * foreign key that stays uses it. Such foreign keys are dropped before the key and added again after the new
 * key exists (the graph orders them: a foreign key's drop used `keys:<table>`, its add requires it).
 */
import { droppedTableKeys, type Change } from '../../diff/changes.js';
import { qualifiedKey } from '../../model/names.js';
import type { Model } from '../../model/types.js';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Adds the drops and re-adds of the foreign keys described above to `all`.
 *
 * @example
 * restoreReferencingForeignKeys(all, current, desired)
 * // a dropped UNIQUE (id) of p: all gains drop_constraint c_p_id_fkey on c and add_constraint c_p_id_fkey
 */
export function restoreReferencingForeignKeys(all: Change[], current: Model, desired: Model): void {
  // Keys (table NUL sorted columns) whose backing index is dropped.
  const dropped: { table: string; columns: readonly string[] }[] = [];
  for (const c of all) {
    if (c.kind === 'drop_constraint' && (c.constraint.kind === 'primary_key' || c.constraint.kind === 'unique')) dropped.push({ table: qualifiedKey(c.table.schema, c.table.name), columns: c.constraint.columns });
    if (c.kind === 'drop_index' && c.index.unique && !c.index.where && c.index.keys.every((k) => k.column)) dropped.push({ table: c.index.table, columns: c.index.keys.map((k) => k.column!) });
  }
  if (!dropped.length) return;
  const droppedTables = droppedTableKeys(all);
  for (const [k, t] of Object.entries(current.tables)) {
    if (droppedTables.has(k)) continue;
    for (const fk of Object.values(t.constraints)) {
      if (fk.kind !== 'foreign_key' || !dropped.some((d) => d.table === fk.refTable && sameSet(d.columns, fk.refColumns))) continue;
      const mine = (c: Change) => (c.kind === 'drop_constraint' || c.kind === 'add_constraint') && qualifiedKey(c.table.schema, c.table.name) === k && c.constraint.name === fk.name;
      if (all.some((c) => c.kind === 'drop_constraint' && mine(c))) continue; // the differ drops it already
      all.push({ kind: 'drop_constraint', table: t, constraint: fk });
      const des = desired.tables[k];
      const back = des?.constraints[fk.name];
      if (des && back && !all.some((c) => c.kind === 'add_constraint' && mine(c))) all.push({ kind: 'add_constraint', table: des, constraint: back, newTable: false });
    }
  }
}
