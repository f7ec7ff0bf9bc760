/**
 * PostgreSQL types → TypeScript types for typed SQL, with the runtime conversion that makes every
 * driver (node-postgres, PGlite) return the same JavaScript values.
 *
 * In:  type oids from Describe. Out: TS type text and a converter name. One catalog query per round
 * of element/base types, never one per column.
 */
import type { Queryable } from '../db/database.js';
import type { PrismaParamType } from './annotations.js';

export interface PgType {
  readonly oid: number;
  readonly name: string;
  readonly schema: string;
  /** b base, e enum, d domain, c composite, r/m range, p pseudo */
  readonly kind: string;
  readonly elem: number;
  readonly base: number;
  readonly category: string;
  readonly labels: readonly string[] | null;
}

/** Loads the given type oids and, transitively, their element and base types. */
export async function loadTypes(db: Queryable, oids: Iterable<number>): Promise<Map<number, PgType>> {
  const out = new Map<number, PgType>();
  let todo = [...new Set(oids)].filter((o) => o > 0);
  while (todo.length) {
    const r = await db.query<PgType>(
      `SELECT t.oid::int AS oid, t.typname::text AS name, n.nspname::text AS schema, t.typtype::text AS kind,
              t.typelem::int AS elem, t.typbasetype::int AS base, t.typcategory::text AS category,
              CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END AS labels
         FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE t.oid = ANY($1::oid[])`,
      [todo],
    );
    for (const t of r.rows) out.set(t.oid, t);
    todo = [...new Set(r.rows.flatMap((t) => [t.elem, t.base]))].filter((o) => o > 0 && !out.has(o));
  }
  return out;
}

/** A TS type and the name of the runtime converter (`runtime.ts`) applied to each value. */
export interface TsMapping {
  readonly ts: string;
  readonly convert: string | undefined;
}

const SCALARS: Record<string, TsMapping> = {
  bool: { ts: 'boolean', convert: 'toBoolean' },
  int2: { ts: 'number', convert: 'toNumber' },
  int4: { ts: 'number', convert: 'toNumber' },
  oid: { ts: 'number', convert: 'toNumber' },
  float4: { ts: 'number', convert: 'toNumber' },
  float8: { ts: 'number', convert: 'toNumber' },
  int8: { ts: 'bigint', convert: 'toBigInt' },
  numeric: { ts: 'string', convert: 'toDecimalString' },
  money: { ts: 'string', convert: 'toText' },
  date: { ts: 'Date', convert: 'toDate' },
  timestamp: { ts: 'Date', convert: 'toDate' },
  timestamptz: { ts: 'Date', convert: 'toDate' },
  interval: { ts: 'string', convert: 'toText' },
  json: { ts: 'JsonValue', convert: undefined },
  jsonb: { ts: 'JsonValue', convert: undefined },
  bytea: { ts: 'Uint8Array', convert: undefined },
  void: { ts: 'null', convert: undefined },
};
const STRINGY = new Set(['S', 'I', 'D', 'T', 'V', 'U']); // string, network, date/time, timespan, bit string, user (uuid…)

/**
 * Maps a result or parameter type to TypeScript.
 *
 * @example
 * tsTypeOf(types, 1016) // int8[] → { ts: 'bigint[]', convert: 'toBigIntArray' }
 */
export function tsTypeOf(types: ReadonlyMap<number, PgType>, oid: number): TsMapping {
  const t = types.get(oid);
  if (!t) return { ts: 'unknown', convert: undefined };
  if (t.kind === 'd') return tsTypeOf(types, t.base);
  if (t.kind === 'e') return { ts: t.labels?.length ? t.labels.map((l) => JSON.stringify(l)).join(' | ') : 'string', convert: undefined };
  if (t.category === 'A' && t.elem) {
    const el = tsTypeOf(types, t.elem);
    const ts = /[| ]/.test(el.ts) ? `(${el.ts})[]` : `${el.ts}[]`;
    // Every array converter also accepts the literal '{a,b}' that drivers return for types they do not know.
    const elType = types.get(t.elem);
    const convert = el.convert ? `${el.convert}Array` : elType?.kind === 'e' ? 'toTextArray' : undefined;
    return { ts, convert };
  }
  if (t.schema === 'pg_catalog' && SCALARS[t.name]) return SCALARS[t.name]!;
  if (t.schema === 'pg_catalog' && STRINGY.has(t.category)) return { ts: 'string', convert: 'toText' };
  if (t.name === 'citext' || STRINGY.has(t.category)) return { ts: 'string', convert: 'toText' };
  return { ts: 'unknown', convert: undefined };
}

/** What a parameter accepts: the described type, or the annotation's Prisma type when given. */
export function tsParamTypeOf(types: ReadonlyMap<number, PgType>, oid: number, annotated: PrismaParamType | undefined): string {
  if (annotated) {
    return { Int: 'number', BigInt: 'bigint | number', Float: 'number', Decimal: 'string | number', Boolean: 'boolean', String: 'string', DateTime: 'Date | string', Json: 'JsonValue', Bytes: 'Uint8Array' }[annotated];
  }
  const m = tsTypeOf(types, oid);
  if (m.ts === 'bigint') return 'bigint | number | string';
  if (m.ts === 'Date') return 'Date | string';
  if (m.ts === 'string' && m.convert === 'toDecimalString') return 'string | number';
  if (m.ts === 'unknown') return 'unknown';
  return m.ts;
}
