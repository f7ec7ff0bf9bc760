/**
 * Publications around a column retype: PostgreSQL records a dependency of a publication's table entry on each
 * column its column list or row filter names, and refuses to change such a column's type ("cannot alter type of
 * a column used by a publication WHERE clause", for a column list too). The table leaves the publication before
 * the retype (`ALTER PUBLICATION … DROP TABLE`) and comes back after it (`ADD TABLE`, with its list and filter).
 *
 * In: the changes so far and both Models. Out: `all` with the two alterations of each such publication (mutated).
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey } from '../../model/names.js';
import { objectKey } from '../../model/objects.js';
import { exprRefs } from '../../model/expr-refs.js';
import type { Model, Publication, PublicationTable } from '../../model/types.js';

/** The columns of a publication's table entry its column list and row filter name. */
const named = (t: PublicationTable): string[] => [...(t.columns ?? []), ...exprRefs(t.where?.canonical).columns];

/**
 * @example
 * republishRetyped(all, current, desired, new Set(['public.t\u0000r']))
 * // + alter_object p (DROP TABLE t) before the retype, alter_object p (ADD TABLE t (id, r)) after it
 */
export function republishRetyped(all: Change[], current: Model, desired: Model, retyped: ReadonlySet<string>): void {
  if (!retyped.size) return;
  for (const o of Object.values(current.objects ?? {})) {
    if (o.kind !== 'publication') continue;
    const hit = new Set(o.tables.filter((t) => named(t).some((c) => retyped.has(`${t.table}\u0000${c}`))).map((t) => t.table));
    if (!hit.size) continue;
    const key = objectKey(o);
    const same = (c: Change) => (c.kind === 'alter_object' || c.kind === 'drop_object' || c.kind === 'create_object') && objectKey(c.kind === 'alter_object' ? c.to : c.object) === key;
    if (all.some((c) => (c.kind === 'drop_object' || c.kind === 'create_object') && same(c))) continue; // dropped (and created) whole
    const back = desired.objects?.[key] as Publication | undefined;
    if (!back || back.kind !== 'publication') continue;
    // What was planned for it (another option or member change) starts from the publication without those tables.
    const i = all.findIndex(same);
    const from = (i >= 0 ? (all[i] as Extract<Change, { kind: 'alter_object' }>).from : o) as Publication;
    if (i >= 0) all.splice(i, 1);
    const without: Publication = { ...from, tables: from.tables.filter((t) => !hit.has(t.table)) };
    all.push({ kind: 'alter_object', from, to: without }, { kind: 'alter_object', from: without, to: back });
  }
}

/** `schema.table\u0000column` of each column whose type or collation an alter_column changes. */
export function retypedColumns(all: readonly Change[]): Set<string> {
  return new Set(all.flatMap((c) => (c.kind === 'alter_column' && (c.from.type !== c.to.type || c.from.collation !== c.to.collation) ? [`${qualifiedKey(c.table.schema, c.table.name)}\u0000${c.from.name}`] : [])));
}
