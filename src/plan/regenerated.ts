/**
 * Generated columns around a column type change. PostgreSQL refuses `ALTER COLUMN a TYPE …` while a stored
 * generated column reads `a` ("cannot alter type of a column used by a generated column"), so such a
 * generated column is dropped before the type changes and added again after them (its values are computed
 * again: no data is lost). Dropping it takes along the indexes and constraints that use it: those the desired
 * state keeps are dropped first and created again after the column is back.
 *
 * In: the planner's changes so far and both Models. Out: those changes completed (the array is edited in
 * place). Never: renders SQL.
 */
import type { Change } from '../diff/changes.js';
import { qualifiedKey } from '../model/names.js';
import { identifiersIn } from '../model/identifiers.js';
import type { Column, Constraint, Index, Model, Table } from '../model/types.js';

const keyOf = (t: { schema: string; name: string }) => qualifiedKey(t.schema, t.name);
const typeChanged = (c: Change): c is Extract<Change, { kind: 'alter_column' }> =>
  c.kind === 'alter_column' && (c.from.type !== c.to.type || (c.from.collation ?? '') !== (c.to.collation ?? ''));

/** Whether an index reads one of the columns. */
function indexReads(i: Index, cols: ReadonlySet<string>): boolean {
  const inText = (t: string | undefined) => !!t && [...identifiersIn(t)].some((n) => cols.has(n));
  return i.keys.some((k) => (k.column !== undefined && cols.has(k.column)) || inText(k.expr?.text)) || i.include.some((n) => cols.has(n)) || inText(i.where?.text);
}

/** Whether a constraint reads one of the columns. */
function constraintReads(k: Constraint, cols: ReadonlySet<string>): boolean {
  if (k.kind === 'check') return [...identifiersIn(k.expr.text)].some((n) => cols.has(n));
  if (k.kind === 'exclusion') return [...identifiersIn(k.definition)].some((n) => cols.has(n));
  return k.columns.some((n) => cols.has(n)) || (k.kind !== 'foreign_key' && k.include.some((n) => cols.has(n)));
}

/**
 * Drops, before the type changes, each generated column that reads a column whose type changes, and adds it
 * back after them (with the indexes and constraints on it); a new generated column reading one is added after them.
 *
 * @example
 * // jobs.is_available GENERATED ALWAYS AS (attempts < max_attempts), attempts int → smallint:
 * regenerateReaders(all, current, desired)
 * // + drop_column is_available (regenerated), add_column is_available (afterTypeChanges), indexes on it again
 */
export function regenerateReaders(all: Change[], current: Model, desired: Model): void {
  const changed = new Map<string, Set<string>>();
  for (const c of all) if (typeChanged(c)) changed.set(keyOf(c.table), (changed.get(keyOf(c.table)) ?? new Set()).add(c.from.name));
  for (const [tk, cols] of changed) {
    const cur = current.tables[tk];
    const des = desired.tables[tk];
    if (!cur) continue;
    // A generated column the plan adds (new) reads the columns with their new type: it goes after the type changes.
    for (const g of des?.columns ?? []) {
      if (!g.generated || ![...identifiersIn(g.generated.text)].some((n) => cols.has(n))) continue;
      const i = all.findIndex((c) => c.kind === 'add_column' && keyOf(c.table) === tk && c.column.name === g.name);
      if (i >= 0) all[i] = { ...(all[i] as Extract<Change, { kind: 'add_column' }>), afterTypeChanges: true };
    }
    const readers = cur.columns.filter((g) => g.generated && !cols.has(g.name) && [...identifiersIn(g.generated.text)].some((n) => cols.has(n)));
    if (!readers.length) continue;
    const gone = new Set(readers.map((g) => g.name));
    for (const g of readers) regenerate(all, cur, des, g);
    // What PostgreSQL drops along with the column, and the desired state keeps.
    for (const i of Object.values(cur.indexes)) {
      if (!indexReads(i, gone)) continue;
      const ik = qualifiedKey(i.schema, i.name);
      if (!all.some((c) => c.kind === 'drop_index' && qualifiedKey(c.index.schema, c.index.name) === ik)) all.push({ kind: 'drop_index', index: i });
      const back = des?.indexes[i.name];
      if (back && !all.some((c) => c.kind === 'create_index' && qualifiedKey(c.index.schema, c.index.name) === ik)) all.push({ kind: 'create_index', index: back, newTable: false });
    }
    for (const k of Object.values(cur.constraints)) {
      if (!constraintReads(k, gone)) continue;
      if (!all.some((c) => c.kind === 'drop_constraint' && keyOf(c.table) === tk && c.constraint.name === k.name)) all.push({ kind: 'drop_constraint', table: cur, constraint: k });
      const back = des?.constraints[k.name];
      if (back && des && !all.some((c) => c.kind === 'add_constraint' && keyOf(c.table) === tk && c.constraint.name === k.name)) all.push({ kind: 'add_constraint', table: des, constraint: back, newTable: false });
    }
  }
}

function regenerate(all: Change[], cur: Table, des: Table | undefined, g: Column): void {
  const tk = keyOf(cur);
  const at = (kind: Change['kind']) => all.findIndex((c) => c.kind === kind && keyOf((c as { table: Table }).table) === tk && ((c as { column?: Column }).column ?? (c as { from?: Column }).from)?.name === g.name);
  if (at('drop_column') >= 0) return; // dropped for good, before the type changes
  const next = des?.columns.find((c) => c.name === g.name);
  // A change the diff planned for it (its own type or expression) is replaced by the re-creation.
  const planned = at('alter_column');
  if (planned >= 0) all.splice(planned, 1);
  all.push({ kind: 'drop_column', table: cur, column: g, regenerated: true });
  if (next?.generated && des) all.push({ kind: 'add_column', table: des, column: next, afterTypeChanges: true });
  else if (next && des) all.push({ kind: 'add_column', table: des, column: next }); // no longer generated: an ordinary column (its values are not kept)
}
