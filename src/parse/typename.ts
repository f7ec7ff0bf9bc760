/**
 * Type names → the canonical spelling PostgreSQL's `format_type` prints (the Model's type form):
 * `int4`/`int`/`integer` → `integer`, `varchar(20)` → `character varying(20)`, `timestamptz` →
 * `timestamp with time zone`, `numeric(10)` → `numeric(10,0)`, arrays → `…[]`; user-defined types
 * schema-qualified (`app.status`), built-in ones never.
 *
 * In:  a TypeName parse node and a resolver for user-defined names. Out: a string. No I/O.
 */
import { quoteIdent } from '../model/names.js';
import { nodeAs, stringValue, type Payload, type PgNode } from './ast.js';

/** Built-in type names format_type prints bare (besides the ones with a special spelling below). */
const BUILTIN = new Set(
  ('text uuid json jsonb date bytea inet cidr macaddr macaddr8 money xml tsvector tsquery point line lseg box path polygon circle ' +
    'int4range int8range numrange tsrange tstzrange daterange int4multirange int8multirange nummultirange tsmultirange tstzmultirange datemultirange ' +
    'regclass regproc regprocedure regtype regoper regoperator regconfig regdictionary regnamespace regrole regcollation oid name record void trigger ' +
    'event_trigger anyelement anyarray anynonarray anyenum anyrange anymultirange anycompatible anycompatiblearray anycompatiblenonarray ' +
    'anycompatiblerange anycompatiblemultirange cstring internal language_handler fdw_handler index_am_handler tsm_handler table_am_handler ' +
    'txid_snapshot pg_snapshot pg_lsn oidvector int2vector tid xid xid8 cid refcursor jsonpath unknown aclitem gtsvector interval pg_node_tree').split(' '),
);

/** pg_catalog's names of the types with a special spelling (their arrays are `_` and the name: `_int8`). */
const CATALOG_NAMES = new Set('int2 int4 int8 float4 float8 bool varchar bpchar varbit bit numeric timestamp timestamptz time timetz'.split(' '));

/** Internal names → format_type's SQL-standard spelling (without typmod). */
const ALIAS: Record<string, string> = {
  int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real', float8: 'double precision', bool: 'boolean',
  smallint: 'smallint', integer: 'integer', bigint: 'bigint', real: 'real', boolean: 'boolean', int: 'integer',
  decimal: 'numeric', numeric: 'numeric',
};

export interface TypeResolver {
  /** Key (`schema.name`, quoted as format_type would) of a user-defined type named `names`, or undefined. */
  (names: readonly string[]): string | undefined;
}

const sval = stringValue;
/** A type modifier's number: an `A_Const` node (or the bare constant). */
const ival = (n: PgNode): number | undefined => {
  const c: Payload<'A_Const'> = nodeAs(n, 'A_Const') ?? (n as Payload<'A_Const'>);
  if (c.ival !== undefined) return c.ival.ival ?? 0;
  if (c.sval !== undefined) return Number(c.sval.sval);
  if (c.fval !== undefined) return Number(c.fval.fval);
  return undefined;
};

/** Is this the `serial`/`bigserial`/`smallserial` pseudo-type? Returns the real type. */
export function serialType(tn: Payload<'TypeName'>): 'integer' | 'bigint' | 'smallint' | undefined {
  const names: string[] = (tn.names ?? []).map(sval);
  if (names.length !== 1 || tn.arrayBounds?.length) return undefined;
  switch (names[0]) {
    case 'serial': case 'serial4': return 'integer';
    case 'bigserial': case 'serial8': return 'bigint';
    case 'smallserial': case 'serial2': return 'smallint';
    default: return undefined;
  }
}

/**
 * The format_type spelling of a TypeName node.
 *
 * @example
 * canonicalType(parse('varchar(20)'), () => undefined) // 'character varying(20)'
 */
export function canonicalType(tn: Payload<'TypeName'>, resolve: TypeResolver): string {
  const names: string[] = (tn.names ?? []).map(sval);
  const mods: (number | undefined)[] = (tn.typmods ?? []).map(ival);
  const array = tn.arrayBounds?.length ? '[]' : '';
  const catalog = names.length === 2 && names[0] === 'pg_catalog';
  const bare = names.length === 1 ? names[0]! : catalog ? names[1]! : undefined;
  if (bare !== undefined) {
    const base = builtin(bare, mods, catalog);
    if (base !== undefined) return base + array;
    // A built-in type's array by its catalog name (`_int8`, `pg_catalog._text`): the element's name and `[]`, as
    // format_type prints it.
    const elem = bare.startsWith('_') ? bare.slice(1) : undefined;
    if (elem !== undefined && (CATALOG_NAMES.has(elem) || BUILTIN.has(elem))) {
      return `${canonicalType({ ...tn, names: [{ String: { sval: elem } }], typmods: [], arrayBounds: [] }, resolve)}[]${array}`;
    }
  }
  if (bare !== undefined && (catalog || (names.length === 1 && BUILTIN.has(bare)))) return bare + array;
  const key = resolve(names);
  if (key) return key + array + typmodSuffix(mods);
  return names.map(quoteIdent).join('.') + typmodSuffix(mods) + array;
}

const typmodSuffix = (mods: (number | undefined)[]) => (mods.length ? `(${mods.join(',')})` : '');

function builtin(name: string, mods: (number | undefined)[], catalog: boolean): string | undefined {
  const p = mods[0];
  const prec = p !== undefined ? `(${p})` : '';
  switch (name) {
    case 'varchar': return `character varying${prec}`;
    case 'bpchar': return catalog || mods.length ? `character${prec}` : 'bpchar';
    case 'varbit': return `bit varying${prec}`;
    case 'bit': return `bit${prec}`;
    case 'numeric': case 'decimal':
      return mods.length === 0 ? 'numeric' : `numeric(${mods[0]},${mods[1] ?? 0})`;
    case 'timestamp': return `timestamp${prec} without time zone`;
    case 'timestamptz': return `timestamp${prec} with time zone`;
    case 'time': return `time${prec} without time zone`;
    case 'timetz': return `time${prec} with time zone`;
    case 'interval': return intervalType(mods);
    case 'char': return catalog ? `character${prec || '(1)'}` : '"char"';
    case 'float': return p !== undefined && p <= 24 ? 'real' : 'double precision';
    default:
      return ALIAS[name];
  }
}

/** An interval's fields by their typmod mask (PostgreSQL's intervaltypmodout); the full range prints none. */
const INTERVAL_FIELDS: Readonly<Record<number, string>> = {
  4: ' year', 2: ' month', 8: ' day', 1024: ' hour', 2048: ' minute', 4096: ' second', 6: ' year to month', 1032: ' day to hour',
  3080: ' day to minute', 7176: ' day to second', 3072: ' hour to minute', 7168: ' hour to second', 6144: ' minute to second', 32767: '',
};

/**
 * `interval` with its fields and precision as format_type prints them. The grammar gives the fields' mask, then the
 * precision (`interval(3)` is the full range and 3); one number alone is the fields (`interval month`), unless it is
 * no mask (`pg_catalog.interval(3)`, written as a plain type name, is a precision).
 *
 * @example
 * intervalType([3072]) // 'interval hour to minute'
 * intervalType([32767, 3]) // 'interval(3)'
 * intervalType([6144, 2]) // 'interval minute to second(2)'
 */
function intervalType(mods: readonly (number | undefined)[]): string {
  const [first, precision] = mods;
  if (first === undefined) return 'interval';
  const fields = INTERVAL_FIELDS[first];
  if (fields === undefined) return mods.length === 1 ? `interval(${first})` : 'interval';
  return `interval${fields}${precision !== undefined ? `(${precision})` : ''}`;
}

/** Is `name` a built-in (pg_catalog) type as written unqualified? */
export function isBuiltinTypeName(name: string): boolean {
  return BUILTIN.has(name) || name in ALIAS || ['varchar', 'bpchar', 'varbit', 'bit', 'timestamp', 'timestamptz', 'time', 'timetz', 'char'].includes(name);
}

/**
 * A function parameter's or result's type without its modifier, which PostgreSQL does not keep (`varchar(50)` is
 * stored, and printed, `character varying`).
 *
 * @example
 * untyped({ names: [{ String: { sval: 'varchar' } }], typmods: [{ A_Const: { ival: { ival: 50 } } }] }) // { names: […], typmods: undefined }
 */
export function untyped<T extends Payload<'TypeName'> | undefined>(t: T): T {
  return t?.typmods ? { ...t, typmods: undefined } : t;
}

/**
 * A routine's argument or result type as PostgreSQL keeps and prints it (format_type without a typmod): `untyped`,
 * and a bare `bpchar` is `character` there (`pg_catalog.bpchar`; a column's bare `bpchar` stays `bpchar`), so the
 * fold and the catalog key and compare the routine alike.
 *
 * @example routineTypeName(parse('bpchar(3)')).names // [pg_catalog, bpchar]
 */
export function routineTypeName<T extends Payload<'TypeName'> | undefined>(t: T): T {
  const u = untyped(t);
  return u?.names?.length === 1 && stringValue(u.names[0]) === 'bpchar' ? { ...u, names: [{ String: { sval: 'pg_catalog' } }, ...u.names] } : u;
}
