/**
 * Renames, never guessed: the user marks them in schema.sql with a `-- meridian:renamed-from <old>`
 * comment (on the CREATE TABLE line or the line above it for a table, on the column's line for a
 * column). A hint applies only while the old name exists in the current state and the new one does not,
 * so it can stay in schema.sql after the migration has run.
 *
 * In:  hints, the current and the desired Model. Out: `rename` changes, including the default-named
 * indexes, constraints and sequences that PostgreSQL would have named after the new name (so the result
 * equals a database built from schema.sql). Pure.
 */
import type { Change } from './changes.js';
import { qualifiedKey } from '../model/names.js';
import type { Model, Table } from '../model/types.js';

export interface RenameHint {
  readonly object: 'table' | 'column';
  readonly schema: string;
  /** The table's new name (for a column hint: the table the column is in, by its new name). */
  readonly table: string;
  /** The column's new name (column hints). */
  readonly column?: string;
  /** The old name. */
  readonly from: string;
  readonly file: string;
  readonly line: number;
}

type Rename = Extract<Change, { kind: 'rename' }>;

/** Names of objects that hang off a table: indexes (incl. those backing PK/UNIQUE), constraints, owned sequences. */
function dependentNames(model: Model, tableKey: string, t: Table) {
  const indexBacked = new Set(Object.values(t.constraints).filter((c) => c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion').map((c) => c.name));
  return {
    indexes: new Set([...Object.keys(t.indexes), ...indexBacked]),
    constraints: new Set(Object.keys(t.constraints).filter((n) => !indexBacked.has(n))),
    sequences: new Set(Object.values(model.sequences).filter((s) => s.ownedBy?.table === tableKey).map((s) => s.name)),
  };
}

/**
 * PostgreSQL's default names embed the table and column names (`users_pkey`, `users_email_key`,
 * `users_id_seq`): when the renames give such a name a desired counterpart, rename it too.
 */
function followers(cur: Model, des: Model, schema: string, curKey: string, desKey: string, tableName: string, map: (name: string) => string): Rename[] {
  const ct = cur.tables[curKey];
  const dt = des.tables[desKey];
  if (!ct || !dt) return [];
  const c = dependentNames(cur, curKey, ct);
  const d = dependentNames(des, desKey, dt);
  const out: Rename[] = [];
  for (const kind of ['indexes', 'constraints', 'sequences'] as const) {
    for (const name of [...c[kind]].sort()) {
      const to = map(name);
      if (to !== name && d[kind].has(to) && !c[kind].has(to) && !d[kind].has(name)) {
        out.push({ kind: 'rename', object: kind === 'indexes' ? 'index' : kind === 'constraints' ? 'constraint' : 'sequence', schema, table: tableName, from: name, to });
      }
    }
  }
  return out;
}

/**
 * The rename changes the hints ask for, in execution order: tables, columns, then the default-named
 * objects that follow them.
 *
 * @example
 * renameChanges([{ object: 'column', schema: 'app', table: 'users', column: 'full_name', from: 'name', … }], current, desired)
 * // → [{ kind: 'rename', object: 'column', schema: 'app', table: 'users', from: 'name', to: 'full_name' }, …]
 */
export function renameChanges(hints: readonly RenameHint[], current: Model, desired: Model): Rename[] {
  const tables: Rename[] = [];
  const columns: Rename[] = [];
  // Per desired table key: the current key and how its objects' default names change.
  const touched = new Map<string, { curKey: string; schema: string; table: string; maps: Array<(n: string) => string> }>();
  const touch = (schema: string, table: string, curKey: string) => {
    const k = qualifiedKey(schema, table);
    if (!touched.has(k)) touched.set(k, { curKey, schema, table, maps: [] });
    return touched.get(k)!;
  };
  for (const h of hints.filter((x) => x.object === 'table')) {
    const oldKey = qualifiedKey(h.schema, h.from);
    const newKey = qualifiedKey(h.schema, h.table);
    if (!current.tables[oldKey] || current.tables[newKey] || !desired.tables[newKey] || desired.tables[oldKey]) continue;
    tables.push({ kind: 'rename', object: 'table', schema: h.schema, table: h.table, from: h.from, to: h.table });
    const prefix = `${h.from}_`;
    touch(h.schema, h.table, oldKey).maps.push((n) => (n.startsWith(prefix) ? `${h.table}_${n.slice(prefix.length)}` : n));
  }
  for (const h of hints.filter((x) => x.object === 'column')) {
    const newKey = qualifiedKey(h.schema, h.table);
    const curKey = touched.get(newKey)?.curKey ?? newKey;
    const ct = current.tables[curKey];
    const dt = desired.tables[newKey];
    const to = h.column!;
    if (!ct || !dt) continue;
    const has = (t: Table, c: string) => t.columns.some((x) => x.name === c);
    if (!has(ct, h.from) || has(ct, to) || !has(dt, to) || has(dt, h.from)) continue;
    columns.push({ kind: 'rename', object: 'column', schema: h.schema, table: h.table, from: h.from, to });
    const mid = `_${h.from}_`;
    touch(h.schema, h.table, curKey).maps.push((n) => (n.includes(mid) ? n.replace(mid, `_${to}_`) : n));
  }
  const follow: Rename[] = [];
  for (const [desKey, t] of touched) follow.push(...followers(current, desired, t.schema, t.curKey, desKey, t.table, (n) => t.maps.reduce((acc, f) => f(acc), n)));
  return [...tables, ...columns, ...follow];
}

/**
 * Possible renames in a diff, to ask the user about (never applied without an answer): a table dropped
 * and a table created in the same schema with the same column names and types, or a column dropped and
 * a column added to the same table with the same type. Each dropped/added object appears at most once.
 *
 * @example
 * renameCandidates(diff(current, desired))
 * // → [{ object: 'column', schema: 'app', table: 'users', column: 'full_name', from: 'name', … }]
 */
export function renameCandidates(changes: readonly Change[]): RenameHint[] {
  const out: RenameHint[] = [];
  const sig = (t: Table) => t.columns.map((c) => `${c.name}:${c.type}`).sort().join(',');
  const dropped = changes.filter((c): c is Extract<Change, { kind: 'drop_table' }> => c.kind === 'drop_table');
  const created = changes.filter((c): c is Extract<Change, { kind: 'create_table' }> => c.kind === 'create_table');
  const usedTables = new Set<string>();
  for (const d of dropped) {
    const match = created.find((c) => c.table.schema === d.table.schema && !usedTables.has(c.table.name) && sig(c.table) === sig(d.table));
    if (!match) continue;
    usedTables.add(match.table.name);
    out.push({ object: 'table', schema: d.table.schema, table: match.table.name, from: d.table.name, file: '<prompt>', line: 0 });
  }
  const drops = changes.filter((c): c is Extract<Change, { kind: 'drop_column' }> => c.kind === 'drop_column');
  const adds = changes.filter((c): c is Extract<Change, { kind: 'add_column' }> => c.kind === 'add_column');
  const usedCols = new Set<string>();
  for (const d of drops) {
    const k = qualifiedKey(d.table.schema, d.table.name);
    const match = adds.find((a) => qualifiedKey(a.table.schema, a.table.name) === k && a.column.type === d.column.type && !usedCols.has(`${k}.${a.column.name}`));
    if (!match) continue;
    usedCols.add(`${k}.${match.column.name}`);
    out.push({ object: 'column', schema: d.table.schema, table: d.table.name, column: match.column.name, from: d.column.name, file: '<prompt>', line: 0 });
  }
  return out;
}
