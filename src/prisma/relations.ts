/**
 * Relation fields of pulled models, named and ordered as Prisma's introspection does (prisma-engines,
 * sql-schema-connector introspection: relation_names and the relation-field positions):
 *
 * - tables in name order, each table's foreign keys in constraint-name order; a foreign key repeating an
 *   earlier one of the same table (same columns, same referenced columns) is left out;
 * - a relation is ambiguous when another foreign key joins the same two tables (either direction), when
 *   an implicit many-to-many join table joins them too, or when a foreign-key column has the field name
 *   the relation field would get. Ambiguous relations are named
 *   `<Referencing>_<fields>To<Referenced>`, their fields `<Referenced>_<relation>` and
 *   `<Referencing>_<relation>`; unambiguous ones stay unnamed with fields named after the other model;
 *   a self-relation is named `<M>To<M>` and its back field gets the prefix `other_`;
 * - Prisma's implicit many-to-many join tables (`_Name`, columns A and B, a unique index on (A, B), an
 *   index on B) are not models: both sides get list fields, named as Prisma names them;
 * - for every foreign key, the forward field goes to the referencing model, the back field to the
 *   referenced one, in that order; many-to-many fields follow;
 * - fields touching a model without a usable unique identifier are `@ignore`d, unless their own
 *   model is (an `@@ignore`d model's fields need no mark).
 *
 * In: the tables to render, their model names, field names. Out: relation fields per table. Pure.
 */
import type { FkAction, ForeignKey, Table } from '../model/types.js';
import { defaultConstraintName } from './naming.js';

/** One relation field; `attrs()` prints its attributes once its relation name is final. */
export interface RelationField {
  readonly name: string;
  /** `Type`, `Type?` or `Type[]`. */
  readonly type: string;
  /** Identifies the relation (both sides share it): `<table key>\u0000<constraint>` or the join table's key. */
  readonly relationId: string;
  /** The relation name Prisma's naming gives ('' for an unnamed relation). */
  readonly relationName: string;
  /** `forward` holds `fields:`/`references:`; `back` is the other side; `m2m` a side of a join table. */
  readonly side: 'forward' | 'back' | 'm2m';
  /** The table key at the other end. */
  readonly peer: string;
  /** The foreign-key columns (forward and back sides). */
  readonly columns: readonly string[];
  /** `@relation` arguments after the name (forward side: fields, references, actions, map). */
  readonly args: readonly string[];
  readonly ignore: boolean;
}

/**
 * The attribute text of a relation field with relation name `relation` ('' for none).
 *
 * @example
 * relationAttrs(field, 'post_to_tag') // → '@relation("post_to_tag", fields: [tag_id], references: [id], …)'
 */
export function relationAttrs(f: RelationField, relation: string): string {
  const args = [...(relation ? [JSON.stringify(relation)] : []), ...f.args];
  return `${args.length ? `@relation(${args.join(', ')})` : ''}${f.ignore ? ' @ignore' : ''}`.trim();
}

export interface RelationInput {
  /** Tables in Prisma's order (by name); join tables included. */
  readonly tables: ReadonlyArray<readonly [string, Table]>;
  /** Final model names (field types). */
  readonly modelName: ReadonlyMap<string, string>;
  /** Names relation fields and relation names are made of (the model name before a schema prefix); default modelName. */
  readonly baseName?: ReadonlyMap<string, string>;
  /** Prisma field name of a column. */
  readonly fieldName: (tableKey: string, column: string) => string;
  /** Tables without a usable unique identifier (rendered `@@ignore`). */
  readonly ignored: ReadonlySet<string>;
  /** Foreign keys Prisma cannot represent (left out, noted elsewhere). */
  readonly skipFk?: (table: Table, fk: ForeignKey) => boolean;
}

const ACTION: Record<FkAction, string> = { 'NO ACTION': 'NoAction', RESTRICT: 'Restrict', CASCADE: 'Cascade', 'SET NULL': 'SetNull', 'SET DEFAULT': 'SetDefault' };

interface Fk {
  readonly from: string;
  readonly table: Table;
  readonly fk: ForeignKey;
}

/** True for Prisma's implicit many-to-many join tables. */
export function isJoinTable(t: Table, refName: (key: string) => string | undefined): boolean {
  if (!t.name.startsWith('_')) return false;
  const fks = Object.values(t.constraints).filter((c): c is ForeignKey => c.kind === 'foreign_key');
  if (fks.length !== 2 || fks.some((f) => f.columns.length !== 1 || !refName(f.refTable))) return false;
  const isA = (c: string | undefined) => c?.toLowerCase() === 'a';
  const isB = (c: string | undefined) => c?.toLowerCase() === 'b';
  const idx = Object.values(t.indexes);
  const uniqueAB = idx.some((i) => i.unique && !i.where && i.keys.length === 2 && isA(i.keys[0]!.column) && isB(i.keys[1]!.column))
    || Object.values(t.constraints).some((c) => (c.kind === 'unique' || c.kind === 'primary_key') && c.columns.length === 2 && isA(c.columns[0]) && isB(c.columns[1]));
  const indexB = idx.some((i) => !i.unique && !i.where && i.keys.length === 1 && isB(i.keys[0]!.column));
  const [f1, f2] = fks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) as [ForeignKey, ForeignKey];
  const n1 = refName(f1.refTable)!;
  const n2 = refName(f2.refTable)!;
  const abMatch = (n1 <= n2 && isA(f1.columns[0]) && isB(f2.columns[0])) || (n2 <= n1 && isB(f1.columns[0]) && isA(f2.columns[0]));
  return uniqueAB && indexB && abMatch;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Whether some primary key or unique constraint/index lies entirely within `columns` (the back side is then `?`). */
function uniqueWithin(t: Table, columns: readonly string[]): boolean {
  const keys = [
    ...Object.values(t.constraints).flatMap((c) => (c.kind === 'primary_key' || c.kind === 'unique' ? [c.columns] : [])),
    ...Object.values(t.indexes).flatMap((i) => (i.unique && !i.where && i.keys.every((k) => k.column) ? [i.keys.map((k) => k.column!)] : [])),
  ];
  return keys.some((k) => k.length > 0 && k.every((c) => columns.includes(c)));
}

/**
 * Relation fields per table key, in Prisma's order.
 *
 * @example
 * relationFields({ tables, modelName, fieldName, ignored }).get('public.post')
 * // → [{ name: 'User', type: 'User', attrs: '@relation(fields: [user_id], references: [id], …)' }]
 */
export function relationFields(input: RelationInput): Map<string, RelationField[]> {
  const { tables, modelName, fieldName, ignored } = input;
  const base = input.baseName ?? modelName;
  const order = new Map(tables.map(([k], i) => [k, i]));
  const tableOf = new Map(tables);
  const join = new Set(tables.filter(([, t]) => isJoinTable(t, (k) => (order.has(k) ? modelName.get(k) : undefined))).map(([k]) => k));
  const pairKey = (a: string, b: string) => [a, b].sort((x, y) => order.get(x)! - order.get(y)!).join('\u0000');

  // Foreign keys per (non-join) table, by constraint name, duplicates left out.
  const fksOf = new Map<string, Fk[]>();
  for (const [key, t] of tables) {
    if (join.has(key)) continue;
    const all = Object.values(t.constraints).filter((c): c is ForeignKey => c.kind === 'foreign_key' && modelName.has(c.refTable) && !join.has(c.refTable) && !input.skipFk?.(t, c)).sort(byName);
    const kept: Fk[] = [];
    for (const fk of all) {
      const dup = kept.some((k) => k.fk.refTable === fk.refTable && k.fk.columns.join('\u0000') === fk.columns.join('\u0000') && k.fk.refColumns.join('\u0000') === fk.refColumns.join('\u0000'));
      if (!dup) kept.push({ from: key, table: t, fk });
    }
    fksOf.set(key, kept);
  }
  const joinRefs = (key: string) => {
    const fks = Object.values(tableOf.get(key)!.constraints).filter((c): c is ForeignKey => c.kind === 'foreign_key');
    const a = fks.find((f) => f.columns[0]!.toLowerCase() === 'a')!;
    const b = fks.find((f) => f !== a)!;
    return { a, b };
  };

  // Ambiguous table pairs.
  const ambiguous = new Set<string>();
  for (const [key] of tables) {
    if (join.has(key)) continue;
    for (const r of fksOf.get(key) ?? []) {
      const pair = pairKey(r.from, r.fk.refTable);
      const others = [...(fksOf.get(r.from) ?? []), ...(fksOf.get(r.fk.refTable) ?? [])].filter((o) => o.fk !== r.fk);
      if (others.some((o) => pairKey(o.from, o.fk.refTable) === pair)) ambiguous.add(pair);
      const target = base.get(r.fk.refTable)!;
      if (r.fk.columns.some((c) => fieldName(r.from, c) === target)) ambiguous.add(pair);
    }
  }
  for (const key of join) {
    const { a, b } = joinRefs(key);
    const pair = pairKey(a.refTable, b.refTable);
    const inline = [...(fksOf.get(a.refTable) ?? []), ...(fksOf.get(b.refTable) ?? [])].some((o) => pairKey(o.from, o.fk.refTable) === pair);
    const otherJoin = [...join].some((k) => k !== key && (() => { const o = joinRefs(k); return pairKey(o.a.refTable, o.b.refTable) === pair; })());
    if (inline || otherJoin) ambiguous.add(pair);
  }

  const out = new Map<string, RelationField[]>();
  const push = (key: string, f: RelationField) => out.set(key, [...(out.get(key) ?? []), f]);
  const ign = (holder: string, a: string, b: string) => (ignored.has(a) || ignored.has(b)) && !ignored.has(holder);

  for (const [key, t] of tables) {
    if (join.has(key)) continue;
    for (const { fk } of fksOf.get(key) ?? []) {
      const from = base.get(key)!;
      const to = base.get(fk.refTable)!;
      const self = key === fk.refTable;
      let relation = '';
      let forward = to;
      let back = `${self ? 'other_' : ''}${from}`;
      if (ambiguous.has(pairKey(key, fk.refTable))) {
        relation = `${from}_${fk.columns.map((c) => fieldName(key, c)).join('_')}To${to}`;
        forward = `${to}_${relation}`;
        back = `${self ? 'other_' : ''}${from}_${relation}`;
      } else if (self) relation = `${from}To${to}`;
      const required = fk.columns.some((c) => t.columns.find((col) => col.name === c)?.notNull);
      const optional = fk.columns.some((c) => !t.columns.find((col) => col.name === c)?.notNull);
      const args = [`fields: [${fk.columns.map((c) => fieldName(key, c)).join(', ')}]`, `references: [${fk.refColumns.map((c) => fieldName(fk.refTable, c)).join(', ')}]`];
      const onDelete = fk.onDelete === 'SET NULL' && !required ? undefined : fk.onDelete === 'RESTRICT' && required ? undefined : ACTION[fk.onDelete];
      if (onDelete) args.push(`onDelete: ${onDelete}`);
      if (fk.onUpdate !== 'CASCADE') args.push(`onUpdate: ${ACTION[fk.onUpdate]}`);
      if (fk.name !== defaultConstraintName(t.name, fk.columns, 'fkey')) args.push(`map: ${JSON.stringify(fk.name)}`);
      const relationId = `${key}\u0000${fk.name}`;
      const common = { relationId, relationName: relation, columns: fk.columns };
      push(key, { ...common, name: forward, type: `${modelName.get(fk.refTable)!}${optional ? '?' : ''}`, side: 'forward', peer: fk.refTable, args, ignore: ign(key, key, fk.refTable) });
      push(fk.refTable, { ...common, name: back, type: `${modelName.get(key)!}${uniqueWithin(t, fk.columns) ? '?' : '[]'}`, side: 'back', peer: key, args: [], ignore: ign(fk.refTable, key, fk.refTable) });
    }
  }

  for (const [key, t] of tables) {
    if (!join.has(key)) continue;
    const { a, b } = joinRefs(key);
    const [first, second] = [a.refTable, b.refTable].sort((x, y) => order.get(x)! - order.get(y)!) as [string, string];
    const self = first === second;
    const found = t.name.slice(1);
    let relation: string;
    let suffix = '';
    if (ambiguous.has(pairKey(first, second))) {
      relation = found;
      suffix = t.name;
    } else relation = found === `${modelName.get(first)}To${modelName.get(second)}` && !self ? '' : found;
    const common = { relationId: key, relationName: relation, side: 'm2m' as const, columns: [], args: [], ignore: false };
    push(a.refTable, { ...common, name: `${base.get(second)}${suffix}${self ? '_A' : ''}`, type: `${modelName.get(b.refTable)}[]`, peer: b.refTable });
    push(b.refTable, { ...common, name: `${base.get(first)}${suffix}${self ? '_B' : ''}`, type: `${modelName.get(a.refTable)}[]`, peer: a.refTable });
  }
  return out;
}

/** Keys of the implicit many-to-many join tables among `tables` (they are not rendered as models). */
export function joinTableKeys(tables: ReadonlyArray<readonly [string, Table]>, modelName: ReadonlyMap<string, string>): Set<string> {
  const keys = new Set(tables.map(([k]) => k));
  return new Set(tables.filter(([, t]) => isJoinTable(t, (k) => (keys.has(k) ? modelName.get(k) : undefined))).map(([k]) => k));
}
