/** The order new tables are created in, the foreign keys written inline, and the columns written as `serial`. */
import type { Change } from '../diff/changes.js';
import { qualifiedKey } from '../model/names.js';
import type { Column, Model, Table } from '../model/types.js';
import { toposort } from './toposort.js';
import { serialSequence } from './table-sql.js';

/**
 * The order new tables are created in (parents, inherited and referenced tables first, as Atlas orders them)
 * and the foreign keys that can be written inside `CREATE TABLE` (`table key NUL constraint name`): those
 * whose referenced key exists when the statement runs: on the table itself, on a table created before
 * it with the key inline, or on an existing table the plan leaves alone. The rest are added afterwards.
 */
export function tableCreation(all: readonly Change[], current: Model, desired: Model): { order: Extract<Change, { kind: 'create_table' }>[]; inlineForeignKeys: Set<string> } {
  const creates = all.filter((c): c is Extract<Change, { kind: 'create_table' }> => c.kind === 'create_table');
  const byKey = new Map(creates.map((c) => [keyOf(c.table), c]));
  const fks = (t: Table) => Object.values(t.constraints).filter((k) => k.kind === 'foreign_key');
  const parents = (t: Table) => [t.partitionOf?.parent, ...t.inherits].filter((k): k is string => !!k);
  const { order, cycles } = toposort(creates, (c) =>
    [...new Set([...parents(c.table), ...(c.table.partitionOf ? [] : fks(c.table).map((k) => k.refTable))])].filter((k) => k !== keyOf(c.table) && byKey.has(k)).map((k) => byKey.get(k)!));
  const touched = new Set<string>();
  for (const c of all) {
    if ('table' in c && c.table && typeof c.table === 'object') touched.add(keyOf(c.table as Table));
    if (c.kind === 'create_index' || c.kind === 'drop_index') touched.add(c.index.table);
    if (c.kind === 'rename') touched.add(qualifiedKey(c.schema, c.table));
  }
  const created = new Set<string>();
  const inlineForeignKeys = new Set<string>();
  const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  for (const c of order) {
    const key = keyOf(c.table);
    created.add(key);
    if (c.table.partitionOf) continue;
    for (const k of fks(c.table)) {
      if (k.kind !== 'foreign_key' || k.notValid) continue; // NOT VALID is an ALTER TABLE state
      const ref = desired.tables[k.refTable];
      const inlineKey = (t: Table | undefined) => !!t && Object.values(t.constraints).some((x) => (x.kind === 'primary_key' || x.kind === 'unique') && sameColumns(x.columns, k.refColumns));
      const ok = k.refTable === key ? inlineKey(c.table)
        : byKey.has(k.refTable) ? created.has(k.refTable) && inlineKey(ref)
        : !!current.tables[k.refTable] && !touched.has(k.refTable);
      if (ok) inlineForeignKeys.add(`${key}\u0000${k.name}`);
    }
  }
  return { order: [...order, ...cycles], inlineForeignKeys };
}

/**
 * Columns created with a sequence that `serial` would create (`table key NUL column`), and those sequences:
 * written as `serial` columns instead of `CREATE SEQUENCE` + `DEFAULT nextval(…)` + `OWNED BY` (see `serialSequence`).
 */
export function serialColumns(all: readonly Change[], desired: Model): { columns: Set<string>; sequences: Set<string> } {
  const created = new Set(all.flatMap((c) => (c.kind === 'create_sequence' ? [`${c.sequence.schema}\u0000${c.sequence.name}`] : [])));
  const columns = new Set<string>();
  const sequences = new Set<string>();
  if (!created.size) return { columns, sequences };
  const consider = (t: Table, col: Column) => {
    const s = serialSequence(t, col, desired, created);
    if (s) columns.add(`${keyOf(t)}\u0000${col.name}`), sequences.add(keyOf(s));
  };
  for (const c of all) {
    if (c.kind === 'create_table' && !c.table.partitionOf) for (const col of c.table.columns) if (!col.inherited) consider(c.table, col);
    if (c.kind === 'add_column' && !c.column.inherited) consider(c.table, c.column);
  }
  return { columns, sequences };
}

function keyOf(o: { schema: string; name: string }): string {
  return qualifiedKey(o.schema, o.name);
}
