/**
 * Objects attached to a table that the plan drops and creates again (a partition bound or partitioning change, a
 * changed foreign table):
 * PostgreSQL drops them with the table, so the ones the desired state keeps come back — extended statistics and
 * column privileges are created again, and each publication that lists the table adds it again.
 *
 * In: the desired Model and the changes so far. Out: those changes completed. Never: renders SQL.
 */
import { identitySequences, objectKey } from '../model/objects.js';
import { qualifiedKey } from '../model/names.js';
import type { CatalogObject, Model, Publication } from '../model/types.js';
import { droppedTableKeys, type Change } from './changes.js';

/**
 * @example
 * restoreOnRecreatedTables(desired, out) // + alter_object publication p: ADD TABLE t again
 */
export function restoreOnRecreatedTables(desired: Model, out: Change[]): void {
  const dropped = droppedTableKeys(out);
  const recreated = new Set(out.flatMap((c) => (c.kind === 'create_table' && dropped.has(qualifiedKey(c.table.schema, c.table.name)) ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  // A foreign table changed is dropped and created (diff/objects.ts): what hangs off it goes and comes back too.
  const droppedObjects = new Set(out.flatMap((c) => (c.kind === 'drop_object' && c.object.kind === 'foreign_table' ? [objectKey(c.object)] : [])));
  for (const c of out) if (c.kind === 'create_object' && c.object.kind === 'foreign_table' && droppedObjects.has(objectKey(c.object))) recreated.add(qualifiedKey(c.object.schema, c.object.name));
  if (!recreated.size) return;
  const planned = (kind: Change['kind'], key: string) => out.findIndex((c) => c.kind === kind && objectKey(c.kind === 'alter_object' ? c.to : (c as { object: CatalogObject }).object) === key);
  for (const o of Object.values(desired.objects ?? {})) {
    const key = objectKey(o);
    if ((o.kind === 'statistics' && recreated.has(o.table)) || (o.kind === 'privileges' && o.on === 'COLUMN' && recreated.has(qualifiedKey(o.schema, o.name)))) {
      // Gone with the table: created again (an alteration planned for it becomes a creation).
      const i = planned('alter_object', key);
      if (i >= 0) out.splice(i, 1);
      if (planned('create_object', key) < 0) out.push({ kind: 'create_object', object: o });
      continue;
    }
    if (o.kind !== 'publication' || !o.tables.some((t) => recreated.has(t.table))) continue;
    if (planned('create_object', key) >= 0) continue; // created whole after the tables
    // The table leaves the publication when it is dropped: the publication's alteration starts without it.
    const i = planned('alter_object', key);
    const from = (i >= 0 ? (out[i] as Extract<Change, { kind: 'alter_object' }>).from : o) as Publication;
    const without: Publication = { ...from, tables: from.tables.filter((t) => !recreated.has(t.table)) };
    if (i >= 0) out.splice(i, 1);
    out.push({ kind: 'alter_object', from: without, to: o });
  }
}

/**
 * Privileges on an identity column's sequence that the plan creates (its table created or recreated, the column
 * added, or its identity added): the new sequence starts from the default ACL, so the desired privileges are
 * granted in full, even when the current state held the same privileges on a sequence of that name (a table
 * renamed by drop and create keeps its sequence's name, pg_dump's `SEQUENCE NAME`).
 *
 * @example
 * restoreOnNewIdentitySequences(desired, out) // + create_object privileges on app.t_id_seq (GRANT USAGE … TO reader)
 */
export function restoreOnNewIdentitySequences(desired: Model, out: Change[]): void {
  const sequences = identitySequences(desired);
  const created = new Set<string>();
  for (const c of out) {
    const table = c.kind === 'create_table' || c.kind === 'add_column' || c.kind === 'alter_column' ? qualifiedKey(c.table.schema, c.table.name) : undefined;
    if (c.kind === 'create_table') for (const col of c.table.columns) created.add(`${table}\u0000${col.name}`);
    if (c.kind === 'add_column' && c.column.identity) created.add(`${table}\u0000${c.column.name}`);
    if (c.kind === 'alter_column' && c.to.identity && !c.from.identity) created.add(`${table}\u0000${c.to.name}`);
  }
  if (!created.size) return;
  const planned = (kind: Change['kind'], key: string) => out.findIndex((c) => c.kind === kind && objectKey(c.kind === 'alter_object' ? c.to : (c as { object: CatalogObject }).object) === key);
  for (const o of Object.values(desired.objects ?? {})) {
    if (o.kind !== 'privileges' || o.on !== 'SEQUENCE') continue;
    const s = sequences[qualifiedKey(o.schema, o.name)];
    if (!s || !created.has(`${s.table}\u0000${s.column}`)) continue;
    const key = objectKey(o);
    const i = planned('alter_object', key);
    if (i >= 0) out.splice(i, 1);
    if (planned('create_object', key) < 0) out.push({ kind: 'create_object', object: o });
  }
}
