/**
 * The names of partitions' indexes attached to a partitioned table's index (Index.attached), folded: PostgreSQL
 * creates one on each partition for `CREATE INDEX` on the parent, `CREATE TABLE … PARTITION OF` and `ATTACH
 * PARTITION` (when the partition has no index of the shape), named `<partition>_<columns>_idx` (ChooseIndexName,
 * the parent index's column names, a number appended on a clash); pg_dump writes other names with `ON ONLY` and
 * `ALTER INDEX … ATTACH PARTITION`. Those names take the schema's relation namespace like any index.
 */
import type { Index } from '../../model/types.js';
import type { Payload } from '../ast.js';
import { figureColname } from '../normalize.js';
import { chooseName, nameAddition } from '../naming.js';
import { qualifiedKey } from '../../model/names.js';
import type { FoldScope, MTable, Mut } from './scope.js';

/**
 * The column names PostgreSQL derives an index's name from (ChooseIndexColumnNames): a column's name, else the
 * expression's (FigureIndexColname: the function it calls…), else `expr`.
 *
 * @example
 * indexColNames(node) // CREATE INDEX ON t (lower(a), (b + 1)) → ['lower', 'expr']
 */
export function indexColNames(n: Payload<'IndexStmt'> | undefined): string[] {
  return (n?.indexParams ?? []).map((p) => p.IndexElem!).map((p) => p.indexcolname ?? p.name ?? (p.expr ? figureColname(p.expr) : 'expr')).map((x: string) => (x === '?column?' ? 'expr' : x));
}

/** Records that `part`'s index `name` is attached to `parent` (Index.attached), keys kept sorted. */
export function recordAttached(parent: Index, part: string, name: string): void {
  const next = { ...(parent.attached ?? {}), [part]: name };
  (parent as Mut<Index>).attached = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Forgets the entry of the partition `part` (Index.attached), returning the name it had. */
function forget(parent: Index, part: string): string | undefined {
  const name = parent.attached?.[part];
  if (name === undefined) return undefined;
  const { [part]: _gone, ...rest } = parent.attached!;
  if (Object.keys(rest).length) (parent as Mut<Index>).attached = rest;
  else delete (parent as Mut<Index>).attached;
  return name;
}

/**
 * The index PostgreSQL creates on the partition `part` for its parent's index `parent` (no index of the shape to
 * take): its name chosen and claimed, recorded in `parent.attached`.
 *
 * @example
 * cloneIndex(sc, part, parentIdx) // parent's CREATE INDEX ON p (lower(a)) → 'p1_lower_idx' on partition p1
 */
export function cloneIndex(sc: FoldScope, part: MTable, parent: Index): string {
  const name = chooseName(part.name, nameAddition(indexColNames(sc.indexNodes.get(parent))), 'idx', (x) => sc.taken(part.schema, x));
  sc.claim(part.schema, name);
  recordAttached(parent, qualifiedKey(part.schema, part.name), name);
  return name;
}

/**
 * `CREATE TABLE part PARTITION OF parent`: each of the parent's indexes (an `ON ONLY` one too) gets an index on
 * the new partition, named by PostgreSQL.
 *
 * @example
 * cloneParentIndexes(sc, parent, part) // part gets 'part_id_idx' attached to the parent's index on (id)
 */
export function cloneParentIndexes(sc: FoldScope, parent: MTable, part: MTable): void {
  for (const ix of Object.values(parent.indexes)) cloneIndex(sc, part, ix);
}

/** The indexes of partitioned tables of `sc` that the partition `part` (key) has an index attached to. */
function parentsOf(sc: FoldScope, part: string): Index[] {
  return Object.values(sc.model.tables).flatMap((t) => (t.partitionBy ? Object.values(t.indexes).filter((i) => i.attached?.[part] !== undefined) : []));
}

/**
 * The partition `part` is dropped: its attached indexes go with it (their names are free again).
 *
 * @example
 * dropAttached(sc, 'public.p1') // p1_lower_idx released, gone from the parent index's attached
 */
export function dropAttached(sc: FoldScope, part: string, schema: string): void {
  for (const ix of parentsOf(sc, part)) {
    const name = forget(ix, part);
    if (name !== undefined) sc.release(schema, name);
  }
}

/**
 * `ALTER TABLE parent DETACH PARTITION part`: the indexes attached to the parent's become the table's own (same
 * shape and name), as PostgreSQL leaves them.
 *
 * @example
 * detachAttached(sc, parent, part) // part.indexes gains 'p1_lower_idx'
 */
export function detachAttached(sc: FoldScope, parent: MTable, part: MTable, refresh: (owner: MTable, ix: Mut<Index>) => void): void {
  const key = qualifiedKey(part.schema, part.name);
  for (const ix of Object.values(parent.indexes)) {
    const name = forget(ix, key);
    if (name === undefined) continue;
    const { attached: _a, only: _o, comment: _c, statistics: _s, loc: _l, ...shape } = ix as Mut<Index>;
    const own: Mut<Index> = { ...shape, schema: part.schema, name, table: key };
    const node = sc.indexNodes.get(ix);
    if (node) sc.indexNodes.set(own, { ...node });
    (part.indexes as Record<string, Index>)[name] = own;
    refresh(part, own);
  }
}

/**
 * A partition's attached index renamed (`ALTER INDEX child RENAME TO …`): true when `names` was one.
 *
 * @example
 * renameAttached(sc, ['p1_lower_idx'], 'p1_custom') // true; the parent index's attached['public.p1'] = 'p1_custom'
 */
export function renameAttached(sc: FoldScope, names: readonly string[], newname: string): boolean {
  const name = names[names.length - 1]!;
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas)
    for (const t of Object.values(sc.model.tables)) {
      if (!t.partitionBy) continue;
      for (const ix of Object.values(t.indexes))
        for (const [part, n] of Object.entries(ix.attached ?? {})) {
          if (n !== name || sc.model.tables[part]?.schema !== s) continue;
          sc.release(s, n);
          sc.claim(s, newname);
          recordAttached(ix, part, newname);
          return true;
        }
    }
  return false;
}

/**
 * A partition's key changed (table renamed or moved): the parents' attached maps follow.
 *
 * @example
 * retargetAttached(sc, 'public.p1', 'public.p1_old')
 */
export function retargetAttached(sc: FoldScope, from: string, to: string): void {
  for (const ix of parentsOf(sc, from)) recordAttached(ix, to, forget(ix, from)!);
}
