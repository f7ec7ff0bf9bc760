/**
 * The names of partitions' copies of their parents' PRIMARY KEY / UNIQUE constraints, folded. PostgreSQL makes one
 * on each partition (at every level) for `ALTER TABLE parent ADD PRIMARY KEY/UNIQUE …`, `CREATE TABLE … PARTITION
 * OF` and `ATTACH PARTITION` (when the partition has no key of its own of the shape), named like an unnamed key of
 * the partition: `<partition>_pkey`, `<partition>_<columns>_key`, a number appended when the name is taken
 * (checked on PostgreSQL 15: a sequence `p2_pkey` → `p2_pkey1`; a later `ALTER TABLE p1 ADD UNIQUE (a, b)` →
 * `p1_a_b_key1`). The Model leaves the copies to the parent's key (as the inspector does); their names are taken in
 * the schema's relation and constraint namespaces for as long as the partition has them.
 */
import type { PrimaryKey, UniqueConstraint } from '../../model/types.js';
import { qualifiedKey } from '../../model/names.js';
import { descendsFrom, takesKey } from '../../model/partition.js';
import { chooseName, nameAddition } from '../../model/naming.js';
import type { FoldScope, MTable } from './scope.js';

type Key = PrimaryKey | UniqueConstraint;

/**
 * The copy of `key` (a key of a table above) that PostgreSQL makes on the partition `part`, named and its name taken,
 * and on `part`'s own partitions when it is partitioned. A partition with a key of its own of the shape (the first
 * one: takesKey) does not get another: that key becomes the copy, with its name (its index attached to the key's,
 * the constraint inherited: conislocal = false, which the inspector leaves to the parent's), and its partitions'
 * copies of it copies of `key`. `attach`: for ATTACH PARTITION (which compares PRIMARY KEY against UNIQUE: takesKey).
 *
 * @example
 * copyKey(sc, p1, pkeyOfP) // 'p1_pkey' taken (or 'p1_pkey1' when another relation has 'p1_pkey')
 */
export function copyKey(sc: FoldScope, part: MTable, key: Key, source: string, attach = false): void {
  const partKey = qualifiedKey(part.schema, part.name);
  const copies = sc.keyCopies.get(partKey) ?? new Map();
  if (copies.has(source)) return;
  const own = Object.values(part.constraints).find((k): k is Key => (k.kind === 'primary_key' || k.kind === 'unique') && takesKey(k, key, attach));
  if (own) {
    delete part.constraints[own.name];
    recordKeyCopy(sc, part, own.name, source, key, own);
    return;
  }
  const taken = (x: string) => sc.taken(part.schema, x) || sc.conTaken(part.schema, x) || !!part.constraints[x];
  const name = key.kind === 'primary_key' ? chooseName(part.name, undefined, 'pkey', taken) : chooseName(part.name, nameAddition(key.columns), 'key', taken);
  sc.claim(part.schema, name);
  sc.claimCon(part.schema, name);
  copies.set(source, { name, key, schema: part.schema });
  sc.keyCopies.set(partKey, copies);
  if (part.partitionBy) for (const p of Object.values(sc.model.tables)) if (p.partitionOf?.parent === partKey) copyKey(sc, p, key, source);
}

/** Where a key comes from: the table's key and the constraint's name (`schema.table/name`). */
export const keySource = (t: MTable, name: string): string => `${qualifiedKey(t.schema, t.name)}/${name}`;

/**
 * `ALTER TABLE parent ADD PRIMARY KEY/UNIQUE` (without ONLY): each partition of `parent` gets a copy of the key.
 *
 * @example
 * copyNewKey(sc, p, 'p_pkey') // p1_pkey, p2_pkey taken
 */
export function copyNewKey(sc: FoldScope, parent: MTable, name: string): void {
  const key = parent.constraints[name];
  if (!parent.partitionBy || !key || (key.kind !== 'primary_key' && key.kind !== 'unique')) return;
  const parentKey = qualifiedKey(parent.schema, parent.name);
  for (const p of Object.values(sc.model.tables)) if (p.partitionOf?.parent === parentKey) copyKey(sc, p, key, keySource(parent, name));
}

/**
 * `CREATE TABLE part PARTITION OF parent` / `ATTACH PARTITION`: the partition gets a copy of each key `parent` passes on.
 *
 * @example
 * copyParentKeys(sc, p, p2) // p2_pkey, p2_a_b_key taken
 */
export function copyParentKeys(sc: FoldScope, parent: MTable, part: MTable): void {
  const copies = sc.keyCopies.get(qualifiedKey(parent.schema, parent.name));
  for (const k of Object.values(parent.constraints)) if ((k.kind === 'primary_key' || k.kind === 'unique') && !('attachedTo' in k && k.attachedTo)) copyKey(sc, part, k, keySource(parent, k.name), true);
  for (const [source, { key }] of copies ?? []) copyKey(sc, part, key, source, true);
}

/**
 * The partition `part` is dropped or detached (`keep`: its copies become its own keys' names), or the key `source`
 * of a table above is dropped: the copies' names are free again.
 *
 * @example
 * forgetKeyCopies(sc, 'public.p1') // p1_pkey, p1_a_b_key free
 */
export function forgetKeyCopies(sc: FoldScope, part: string | undefined, source?: string, keep = false): void {
  for (const [k, copies] of sc.keyCopies) {
    if (part !== undefined && k !== part) continue;
    for (const [s, { name, schema }] of copies) {
      if (source !== undefined && s !== source) continue;
      if (!keep) {
        sc.release(schema, name);
        sc.releaseCon(schema, name);
      }
      copies.delete(s);
    }
    if (!copies.size) sc.keyCopies.delete(k);
  }
}

/**
 * A partition's copy of a key of a table above, by name (`[schema,] name`): the partition and the key it copies.
 *
 * @example
 * findKeyCopy(sc, ['r_west_pkey']) // { part: 'public.r_west', source: 'public.r/r_pkey', key: r_pkey }
 */
export function findKeyCopy(sc: FoldScope, names: readonly string[], onPart?: string): { part: string; source: string; key: Key } | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas)
    for (const [part, copies] of sc.keyCopies)
      if (onPart === undefined || part === onPart) for (const [source, c] of copies) if (c.name === name && c.schema === s) return { part, source, key: c.key };
  return undefined;
}

/**
 * `ALTER TABLE part RENAME CONSTRAINT name TO newname` (`onPart`: the partition's key) or `ALTER INDEX name RENAME TO
 * newname` of a partition's copy of a key above (PostgreSQL allows both; the constraint and its index keep one name):
 * the copy's name follows. False when `names` is no copy.
 *
 * @example
 * renameKeyCopy(sc, ['public', 'p1_pkey'], 'p1_custom', 'public.p1') // true: p1's copy of p_pkey is p1_custom now
 */
export function renameKeyCopy(sc: FoldScope, names: readonly string[], newname: string, onPart?: string): boolean {
  const found = findKeyCopy(sc, names, onPart);
  if (!found) return false;
  const copies = sc.keyCopies.get(found.part)!;
  const c = copies.get(found.source)!;
  sc.release(c.schema, c.name);
  sc.releaseCon(c.schema, c.name);
  sc.claim(c.schema, newname);
  sc.claimCon(c.schema, newname);
  copies.set(found.source, { ...c, name: newname });
  return true;
}

/**
 * The key `from` of the table `t` is renamed `to`: its partitions' copies (at every level) are copies of `to`.
 *
 * @example
 * renameKeySource(sc, p, 'p_pkey', 'p_key') // p1's copy of p_pkey is the copy of p_key
 */
export function renameKeySource(sc: FoldScope, t: MTable, from: string, to: string): void {
  const was = keySource(t, from);
  const now = keySource(t, to);
  for (const copies of sc.keyCopies.values()) {
    const c = copies.get(was);
    if (!c) continue;
    copies.delete(was);
    copies.set(now, { ...c, key: { ...c.key, name: to } });
  }
}

/**
 * The names of partitions' copies recorded on the keys they copy (PrimaryKey.copies, as the inspector reads them),
 * once the whole file is folded.
 *
 * @example
 * recordCopyNames(sc) // p.constraints.p_pkey.copies = { 'public.p1': 'p1_pkey', 'public.p2': 'p2_custom' }
 */
export function recordCopyNames(sc: FoldScope): void {
  const bySource = new Map<string, Record<string, string>>();
  for (const [part, copies] of sc.keyCopies)
    for (const [source, c] of copies) {
      const names = bySource.get(source) ?? {};
      names[part] = c.name;
      bySource.set(source, names);
    }
  for (const t of Object.values(sc.model.tables))
    for (const k of Object.values(t.constraints)) {
      if (k.kind !== 'primary_key' && k.kind !== 'unique') continue;
      const names = bySource.get(keySource(t, k.name));
      const { copies: _was, ...rest } = k;
      t.constraints[k.name] = names ? { ...rest, copies: Object.fromEntries(Object.entries(names).sort(([a], [b]) => (a < b ? -1 : 1))) } : rest;
    }
}

/**
 * `ALTER INDEX parent_pkey ATTACH PARTITION child_pkey` (pg_dump's form), or a key taken by copyKey: the partition's
 * own key `name` (`own`) is now its copy of the key `source` (the Model leaves it to the parent's); its name stays taken.
 *
 * @example
 * recordKeyCopy(sc, p1, 'p1_pkey', 'public.p/p_pkey', pPkey)
 */
export function recordKeyCopy(sc: FoldScope, part: MTable, name: string, source: string, key: Key, own?: Key): void {
  const partKey = qualifiedKey(part.schema, part.name);
  const copies = sc.keyCopies.get(partKey) ?? new Map();
  copies.set(source, { name, key, schema: part.schema, ...(own ? { own } : {}) });
  sc.keyCopies.set(partKey, copies);
  // Its partitions' copies of it are copies of `source` now.
  const was = keySource(part, name);
  for (const below of sc.keyCopies.values()) {
    const c = below.get(was);
    if (!c) continue;
    below.delete(was);
    below.set(source, { ...c, key });
  }
}

/**
 * A table's key changed (renamed or moved): its copies, and the copies of its keys, follow.
 *
 * @example
 * retargetKeyCopies(sc, 'public.p1', 'public.p1_old')
 */
export function retargetKeyCopies(sc: FoldScope, from: string, to: string): void {
  const mine = sc.keyCopies.get(from);
  if (mine) {
    sc.keyCopies.delete(from);
    sc.keyCopies.set(to, mine);
  }
  for (const copies of sc.keyCopies.values())
    for (const [s, c] of [...copies]) if (s.startsWith(`${from}/`)) {
      copies.delete(s);
      copies.set(`${to}${s.slice(from.length)}`, c);
    }
}

/**
 * `ALTER TABLE parent DETACH PARTITION part`: its copies of the keys above are its own keys again, under their names
 * (PostgreSQL's DetachPartitionFinalize: the constraint's parent cleared, conislocal = true): a key it had of its own
 * before it was taken as it was, a copy PostgreSQL made of the key it copied. Its partitions' copies of them are
 * copies of these now.
 *
 * @example
 * detachKeyCopies(sc, c1) // c1.constraints.c1_u (its own UNIQUE, taken by ATTACH), c1_b_key (PostgreSQL's copy)
 */
export function detachKeyCopies(sc: FoldScope, part: MTable): void {
  const partKey = qualifiedKey(part.schema, part.name);
  const copies = sc.keyCopies.get(partKey);
  if (!copies) return;
  sc.keyCopies.delete(partKey);
  for (const [source, c] of copies) {
    const { comment: _c, indexComment: _i, attachedTo: _a, ...shape } = c.key;
    const mine: Key = c.own ?? { ...shape, name: c.name };
    part.constraints[c.name] = mine;
    const now = keySource(part, c.name);
    for (const [below, theirs] of sc.keyCopies) {
      const x = descendsFrom(sc.model.tables, below, partKey) ? theirs.get(source) : undefined;
      if (!x) continue;
      theirs.delete(source);
      theirs.set(now, { ...x, key: mine });
    }
  }
}
