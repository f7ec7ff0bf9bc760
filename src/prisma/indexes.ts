/**
 * Indexes of pulled models as Prisma sees them: unique constraints and indexes over plain columns
 * (with sort order, operator classes and index types), what Prisma cannot represent (expression and
 * partial indexes, operator classes without a Prisma name over scalars), and whether a table has a
 * usable unique identifier.
 *
 * In: tables. Out: key definitions and Prisma argument text. Pure.
 */
import type { Constraint, Index, Table } from '../model/types.js';
import { prismaType } from './fields.js';
import { indexShapeFromText } from '../parse/canonical.js';
import { scanSync } from '../parse/libpg.js';

/** Operator classes Prisma names (`ops: JsonbPathOps`); any other non-default one is written `ops: raw("…")`. */
const MANAGED_OPS = /^(?:(?:inet|jsonb|jsonb_path|array|text|inet_inclusion)_ops|(?:bit|varbit)_minmax_ops|(?:bpchar|bytea|text)_(?:bloom|minmax)_ops|(?:date|float4|float8|inet|int2|int4|int8|numeric|oid|timestamp|timestamptz|time|timetz|uuid)_(?:bloom|minmax|minmax_multi)_ops)$/;
const OPS_WORD: Record<string, string> = { minmax: 'MinMax', timestamptz: 'TimestampTz', timetz: 'TimeTz', varbit: 'VarBit' };

/**
 * The `ops:` argument for an operator class named in an index definition.
 *
 * @example
 * prismaOps('jsonb_path_ops') // → 'JsonbPathOps'
 * prismaOps('gin_trgm_ops')   // → 'raw("gin_trgm_ops")'
 */
export function prismaOps(opclass: string): string {
  if (!MANAGED_OPS.test(opclass)) return `raw(${JSON.stringify(opclass)})`;
  return opclass.split('_').map((w) => OPS_WORD[w] ?? w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * Whether Prisma accepts a column without an operator class in an index of this method (it knows a
 * default operator class for the field's type); GIN/GiST/SP-GiST over plain scalars (btree_gin,
 * btree_gist) are not representable.
 */
export function defaultOpsKnown(method: string, type: string, list: boolean): boolean {
  const unsupported = type.startsWith('Unsupported(');
  switch (method) {
    case 'gin': return list || type === 'Json' || unsupported;
    case 'gist': return unsupported || type === 'String@Inet';
    case 'spgist': return unsupported || type === 'String@Inet' || type === 'String' || type === 'String@VarChar';
    default: return true;
  }
}

export const INDEX_TYPE: Record<string, string> = { hash: 'Hash', gin: 'Gin', gist: 'Gist', brin: 'Brin', spgist: 'SpGist' };
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A unique or non-unique index over plain columns, as Prisma sees it (unique constraints are unique indexes). */
export interface KeyDef {
  readonly name: string;
  readonly unique: boolean;
  readonly columns: readonly string[];
  readonly desc: readonly boolean[];
  readonly opclass: ReadonlyArray<string | undefined>;
  readonly method: string;
  readonly expression: boolean;
  readonly partial: boolean;
  /** The predicate of a partial index, as PostgreSQL prints it (`(status = 'active'::text)`). */
  readonly where?: string;
  readonly nullsOrder: boolean;
}

/**
 * The predicate of a partial index as PostgreSQL printed it: the text after the scanner's `WHERE` keyword (a
 * quoted name or a string holding "where" is another token); undefined without one.
 */
function predicateText(def: string): string | undefined {
  let tokens: ReturnType<typeof scanSync>['tokens'];
  try {
    tokens = scanSync(def).tokens;
  } catch {
    return undefined;
  }
  const where = tokens.find((t) => t.keywordName !== 'NO_KEYWORD' && t.text.toUpperCase() === 'WHERE');
  return where && Buffer.from(def, 'utf8').toString('utf8', where.end).trimStart();
}

/**
 * Index keys from pg_get_indexdef text when the inspector gave none, read from the statement's parse tree
 * (../parse/canonical.ts indexShapeFromText): a plain column (with its operator class, unqualified, DESC, NULLS
 * FIRST/LAST) or an expression (column undefined). No keys when the text does not parse. The parser must be
 * loaded (`initParser()`; inspect() and parseSchema() load it).
 *
 * @example
 * indexKeysFromDefinition('CREATE INDEX i ON public.t USING btree (a, lower(b) DESC)')
 * // → { keys: [{ column: 'a', … }, { column: undefined, descending: true, … }], partial: false }
 */
export function indexKeysFromDefinition(def: string): { keys: Array<{ column?: string; opclass?: string; descending: boolean; nullsFirst: boolean }>; partial: boolean } {
  const shape = indexShapeFromText(def);
  const keys = (shape?.keys ?? []).map((k) => ({ ...(k.column !== undefined ? { column: k.column } : {}), ...(k.opclass ? { opclass: k.opclass } : {}), descending: k.descending, nullsFirst: k.nullsFirst }));
  return { keys, partial: shape ? !!shape.where : predicateText(def) !== undefined };
}

/** The table with index keys read from pg_get_indexdef text where the inspector gave none. */
export function withIndexKeys(t: Table): Table {
  if (Object.values(t.indexes).every((i) => i.keys.length > 0)) return t;
  const indexes = Object.fromEntries(
    Object.entries(t.indexes).map(([k, i]) => {
      if (i.keys.length > 0) return [k, i];
      const parsed = indexKeysFromDefinition(i.definition ?? '');
      const whereText = predicateText(i.definition ?? '') ?? '';
      const where = i.where ?? (parsed.partial ? { text: whereText, canonical: whereText } : undefined);
      return [k, { ...i, keys: parsed.keys.map((x) => ({ column: x.column, opclass: x.opclass, descending: x.descending, nullsFirst: x.nullsFirst })), ...(where ? { where } : {}) } as Index];
    }),
  );
  return { ...t, indexes };
}

export function keyDefs(t: Table): KeyDef[] {
  const out: KeyDef[] = [];
  for (const c of Object.values(t.constraints))
    if (c.kind === 'unique') out.push({ name: c.name, unique: true, columns: c.columns, desc: c.columns.map(() => false), opclass: [], method: 'btree', expression: false, partial: false, nullsOrder: false });
  const constraintNames = new Set(Object.values(t.constraints).map((c) => c.name));
  for (const i of Object.values(t.indexes) as Index[]) {
    if (constraintNames.has(i.name)) continue;
    const keys = i.keys;
    out.push({
      name: i.name,
      unique: i.unique,
      columns: keys.map((k) => k.column ?? ''),
      desc: keys.map((k) => k.descending),
      opclass: keys.map((k) => k.opclass),
      method: i.method,
      expression: keys.length === 0 || keys.some((k) => !k.column),
      partial: !!i.where,
      ...(i.where ? { where: i.where.text } : {}),
      nullsOrder: keys.some((k) => k.nullsFirst !== k.descending),
    });
  }
  return out.sort((a, b) => cmp(a.name, b.name));
}

/** A table has a usable identifier when a primary key or unique index covers only required, supported columns. */
export function hasUsableIdentifier(t: Table, keys: readonly KeyDef[], enums: ReadonlyMap<string, string> = new Map()): boolean {
  const ok = (cols: readonly string[]) =>
    cols.length > 0 && cols.every((n) => { const c = t.columns.find((x) => x.name === n); return !!c && c.notNull && !prismaType(c.type, enums).unsupported; });
  const pk = Object.values(t.constraints).find((c) => c.kind === 'primary_key') as Extract<Constraint, { kind: 'primary_key' }> | undefined;
  return (pk ? ok(pk.columns) : false) || keys.some((k) => k.unique && !k.expression && !k.partial && ok(k.columns));
}

