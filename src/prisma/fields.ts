/**
 * Scalar fields of pulled models: PostgreSQL column types as Prisma scalars with native types
 * (`@db.*`, or `Unsupported("…")`), and column defaults as Prisma `@default(…)` values
 * (`dbgenerated("…")` for expressions Prisma has no function for).
 *
 * In: column types and defaults. Out: Prisma type/attribute text. Pure.
 */
import { parseArrayLiteral } from '../typedsql/runtime.js';
import type { Column } from '../model/types.js';

export interface ScalarType {
  readonly type: string;
  readonly native?: string;
  readonly unsupported?: boolean;
}

/**
 * PostgreSQL type (format_type spelling) → Prisma scalar and native type.
 *
 * @example
 * prismaType('character varying(20)', new Map()) // → { type: 'String', native: 'VarChar(20)' }
 */
export function prismaType(pgType: string, enums: ReadonlyMap<string, string>): ScalarType {
  const t = scalarType(pgType, enums);
  // A list column declared without length/precision has no defaults filled in (Prisma reads its
  // arguments from the type as declared): the native type stays bare, but char/bit keep their (1).
  if (pgType.endsWith('[]') && t.native && !/\(/.test(pgType) && !/^(Char|Bit)\(/.test(t.native)) return { ...t, native: t.native.replace(/\(.*\)$/, '') };
  return t;
}

function scalarType(pgType: string, enums: ReadonlyMap<string, string>): ScalarType {
  const base = pgType.replace(/\[\]$/, '');
  const enumName = enums.get(base);
  if (enumName) return { type: enumName };
  const m = /^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?( with(?:out)? time zone)?$/.exec(base);
  const name = m ? (m[1]! + (m[4] ?? '')).trim() : base;
  const p = m?.[2];
  const s = m?.[3];
  switch (name) {
    case 'integer': return { type: 'Int' };
    case 'smallint': return { type: 'Int', native: 'SmallInt' };
    case 'bigint': return { type: 'BigInt' };
    case 'oid': return { type: 'Int', native: 'Oid' };
    case 'text': return { type: 'String' };
    case 'character varying': return { type: 'String', native: p ? `VarChar(${p})` : 'VarChar' };
    case 'character': return { type: 'String', native: `Char(${p ?? 1})` };
    case 'bpchar': return { type: 'String', native: 'Char' };
    case 'uuid': return { type: 'String', native: 'Uuid' };
    case 'citext': return { type: 'String', native: 'Citext' };
    case 'inet': return { type: 'String', native: 'Inet' };
    case 'xml': return { type: 'String', native: 'Xml' };
    case 'bit': return { type: 'String', native: `Bit(${p ?? 1})` };
    case 'bit varying': return { type: 'String', native: p ? `VarBit(${p})` : 'VarBit' };
    case 'boolean': return { type: 'Boolean' };
    case 'numeric': return { type: 'Decimal', native: p ? `Decimal(${p}, ${s ?? 0})` : 'Decimal' };
    case 'money': return { type: 'Decimal', native: 'Money' };
    case 'real': return { type: 'Float', native: 'Real' };
    case 'double precision': return { type: 'Float' };
    case 'timestamp without time zone': return { type: 'DateTime', native: `Timestamp(${p ?? 6})` };
    case 'timestamp with time zone': return { type: 'DateTime', native: `Timestamptz(${p ?? 6})` };
    case 'date': return { type: 'DateTime', native: 'Date' };
    case 'time without time zone': return { type: 'DateTime', native: `Time(${p ?? 6})` };
    case 'time with time zone': return { type: 'DateTime', native: `Timetz(${p ?? 6})` };
    case 'json': return { type: 'Json', native: 'Json' };
    case 'jsonb': return { type: 'Json' };
    case 'bytea': return { type: 'Bytes' };
    default: return { type: `Unsupported("${pgType.replace(/"/g, '\\"')}")`, unsupported: true };
  }
}

/**
 * A column default as Prisma writes it in `@default(…)`, or undefined for no default.
 *
 * @example
 * prismaDefault(column, { type: 'Int' }, new Map()) // nextval('t_id_seq'::regclass) → 'autoincrement()'
 */
export function prismaDefault(c: Column, scalar: ScalarType, enumValues: ReadonlyMap<string, Map<string, string>>): string | undefined {
  if (c.identity) return 'autoincrement()';
  const d = c.default?.text;
  // `DEFAULT NULL` (stored as `NULL::bpchar` …) is no default for Prisma.
  if (!d || /^NULL(::[\w ."]+(\(\d+(,\d+)?\))?(\[\])?)?$/i.test(d)) return undefined;
  if (/^nextval\(.*\)$/.test(d)) return 'autoincrement()';
  if (/^(now\(\)|CURRENT_TIMESTAMP)$/i.test(d) && scalar.type === 'DateTime') return 'now()';
  if (/^gen_random_uuid\(\)$/.test(d)) return 'dbgenerated("gen_random_uuid()")';
  const arr = c.type.endsWith('[]') ? /^'(\{.*\})'::[\w ."]+\[\]$/.exec(d) : null;
  if (arr) {
    // Scalar-list defaults (`'{member}'::role[]`) become `@default([member])`, as `prisma db pull` writes them.
    const items = parseArrayLiteral(arr[1]!.replace(/''/g, "'"));
    const ev = enumValues.get(c.type.slice(0, -2));
    const out = items.map((v) => {
      if (typeof v !== 'string') return undefined;
      if (ev) return ev.get(v);
      // Prisma reads single quotes around an element as quoting (C-style scalar lists).
      if (scalar.type === 'String') return JSON.stringify(/^'.*'$/s.test(v) ? v.slice(1, -1) : v);
      if (scalar.type === 'Boolean') return v === 't' || v === 'true' ? 'true' : v === 'f' || v === 'false' ? 'false' : undefined;
      if (['Int', 'BigInt', 'Float', 'Decimal'].includes(scalar.type) && /^-?\d+(\.\d+)?$/.test(v)) return v;
      return undefined;
    });
    if (out.every((x) => x !== undefined)) return `[${out.join(', ')}]`;
  }
  const lit = /^'((?:[^']|'')*)'(?:::[\w ."]+(?:\(\d+(?:,\d+)?\))?(?:\[\])?)?$/.exec(d);
  if (lit) {
    const v = lit[1]!.replace(/''/g, "'");
    const ev = enumValues.get(c.type);
    if (ev) return ev.get(v) ?? `dbgenerated("${d.replace(/"/g, '\\"')}")`;
    if (scalar.type === 'String' || scalar.type === 'Json') return JSON.stringify(v);
    if (scalar.type === 'Boolean' && /^(true|false)$/.test(v)) return v;
    if (['Int', 'BigInt', 'Float', 'Decimal'].includes(scalar.type) && /^-?\d+(\.\d+)?$/.test(v)) return v;
  }
  if (/^\(?-?\d+(\.\d+)?\)?(::\w+)?$/.test(d) && ['Int', 'BigInt', 'Float', 'Decimal'].includes(scalar.type)) return d.replace(/[()]|::\w+/g, '');
  if (/^(true|false)$/.test(d) && scalar.type === 'Boolean') return d;
  return `dbgenerated("${d.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}")`;
}
