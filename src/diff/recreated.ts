/**
 * Objects attached to a table that the plan drops and creates again (a partition bound or partitioning change):
 * PostgreSQL drops them with the table, so the ones the desired state keeps come back — extended statistics and
 * column privileges are created again, and each publication that lists the table adds it again.
 *
 * In: the desired Model and the changes so far. Out: those changes completed. Never: renders SQL.
 */
import { objectKey } from '../model/objects.js';
import { qualifiedKey } from '../model/names.js';
import type { CatalogObject, Model, Publication } from '../model/types.js';
import type { Change } from './changes.js';

/**
 * @example
 * restoreOnRecreatedTables(desired, out) // + alter_object publication p: ADD TABLE t again
 */
export function restoreOnRecreatedTables(desired: Model, out: Change[]): void {
  const dropped = new Set(out.flatMap((c) => (c.kind === 'drop_table' ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
  const recreated = new Set(out.flatMap((c) => (c.kind === 'create_table' && dropped.has(qualifiedKey(c.table.schema, c.table.name)) ? [qualifiedKey(c.table.schema, c.table.name)] : [])));
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
