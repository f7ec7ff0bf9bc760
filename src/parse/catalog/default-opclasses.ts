/**
 * The built-in default operator classes (pg_opclass.opcdefault, schema pg_catalog) per index access method and input
 * type, and PostgreSQL's choice of one for a key's type (indexcmds.c, GetDefaultOpClass): the class for the type
 * itself, else the one class whose type the key's type is binary-coercible to (a preferred type wins a tie; arrays,
 * enums, ranges, multiranges and composites reach the polymorphic classes). pg_get_indexdef leaves such a class out,
 * so a key that names it (`USING gin (tags array_ops)`) is the same index as one that does not.
 *
 * Read by hand from PostgreSQL 15 (not generated like ./builtins.ts):
 *   SELECT am.amname, t.typname, oc.opcname FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod
 *     JOIN pg_type t ON t.oid = oc.opcintype WHERE oc.opcdefault AND oc.opcnamespace = 'pg_catalog'::regnamespace;
 * and the binary-coercible casts among those types (pg_cast.castmethod = 'b', reg* types left out). PostgreSQL 13 to
 * 18 agree on these for the core types (13 has no multiranges: a key of one cannot exist there).
 *
 * In: typnames (`int4`, `_text`) or the kind of a user type. Out: an operator class name. Never: does I/O.
 */

const TABLE: Readonly<Record<string, string>> = {
  btree: 'anyarray=array_ops anyenum=enum_ops anymultirange=multirange_ops anyrange=range_ops bit=bit_ops bool=bool_ops bpchar=bpchar_ops bytea=bytea_ops char=char_ops date=date_ops float4=float4_ops float8=float8_ops inet=inet_ops int2=int2_ops int4=int4_ops int8=int8_ops interval=interval_ops jsonb=jsonb_ops macaddr=macaddr_ops macaddr8=macaddr8_ops money=money_ops name=name_ops numeric=numeric_ops oid=oid_ops oidvector=oidvector_ops pg_lsn=pg_lsn_ops record=record_ops text=text_ops tid=tid_ops time=time_ops timestamp=timestamp_ops timestamptz=timestamptz_ops timetz=timetz_ops tsquery=tsquery_ops tsvector=tsvector_ops uuid=uuid_ops varbit=varbit_ops xid8=xid8_ops',
  hash: 'aclitem=aclitem_ops anyarray=array_ops anyenum=enum_ops anymultirange=multirange_ops anyrange=range_ops bool=bool_ops bpchar=bpchar_ops bytea=bytea_ops char=char_ops cid=cid_ops date=date_ops float4=float4_ops float8=float8_ops inet=inet_ops int2=int2_ops int4=int4_ops int8=int8_ops interval=interval_ops jsonb=jsonb_ops macaddr=macaddr_ops macaddr8=macaddr8_ops name=name_ops numeric=numeric_ops oid=oid_ops oidvector=oidvector_ops pg_lsn=pg_lsn_ops record=record_ops text=text_ops tid=tid_ops time=time_ops timestamp=timestamp_ops timestamptz=timestamptz_ops timetz=timetz_ops uuid=uuid_ops xid=xid_ops xid8=xid8_ops',
  gin: 'anyarray=array_ops jsonb=jsonb_ops tsvector=tsvector_ops',
  gist: 'anymultirange=multirange_ops anyrange=range_ops box=box_ops circle=circle_ops point=point_ops polygon=poly_ops tsquery=tsquery_ops tsvector=tsvector_ops',
  spgist: 'anyrange=range_ops box=box_ops inet=inet_ops point=quad_point_ops polygon=poly_ops text=text_ops',
  brin: 'anyrange=range_inclusion_ops bit=bit_minmax_ops box=box_inclusion_ops bpchar=bpchar_minmax_ops bytea=bytea_minmax_ops char=char_minmax_ops date=date_minmax_ops float4=float4_minmax_ops float8=float8_minmax_ops inet=inet_inclusion_ops int2=int2_minmax_ops int4=int4_minmax_ops int8=int8_minmax_ops interval=interval_minmax_ops macaddr=macaddr_minmax_ops macaddr8=macaddr8_minmax_ops name=name_minmax_ops numeric=numeric_minmax_ops oid=oid_minmax_ops pg_lsn=pg_lsn_minmax_ops text=text_minmax_ops tid=tid_minmax_ops time=time_minmax_ops timestamp=timestamp_minmax_ops timestamptz=timestamptz_minmax_ops timetz=timetz_minmax_ops uuid=uuid_minmax_ops varbit=varbit_minmax_ops',
};

/** Binary-coercible casts between built-in types (source>target). */
const BINARY = new Set('int4>oid text>varchar text>bpchar oid>int4 xml>varchar xml>text xml>bpchar pg_node_tree>text cidr>inet varchar>bpchar varchar>text bit>varbit varbit>bit pg_ndistinct>bytea pg_dependencies>bytea pg_mcv_list>bytea'.split(' '));
/** pg_type.typispreferred among built-in types. */
const PREFERRED = new Set(['bool', 'text', 'oid', 'float8', 'inet', 'timestamptz', 'interval', 'varbit']);

const parsed = new Map<string, ReadonlyMap<string, string>>();
function classes(method: string): ReadonlyMap<string, string> {
  let m = parsed.get(method);
  if (!m) parsed.set(method, (m = new Map((TABLE[method] ?? '').split(' ').filter(Boolean).map((e) => e.split('=') as [string, string]))));
  return m;
}

/** What a key's type is, for the default class: a built-in typname, or the kind of a user type (or an array of one). */
export type KeyType = { readonly typname: string } | { readonly user: 'enum' | 'range' | 'multirange' | 'composite' | 'array' };

/**
 * The operator class PostgreSQL uses for an index key of `type` under `method` when the key names none, or undefined
 * (none, or ambiguous: CREATE INDEX then requires one).
 *
 * @example
 * defaultOpclass('btree', { typname: 'varchar' }) // 'text_ops'
 * defaultOpclass('gin', { typname: '_text' })     // 'array_ops'
 * defaultOpclass('btree', { user: 'enum' })       // 'enum_ops'
 */
export function defaultOpclass(method: string, type: KeyType): string | undefined {
  const m = classes(method);
  if ('typname' in type) {
    const exact = m.get(type.typname);
    if (exact) return exact;
  }
  const coercible = [...m.keys()].filter((target) => coercesTo(type, target));
  const preferred = coercible.filter((t) => PREFERRED.has(t));
  if (preferred.length === 1) return m.get(preferred[0]!);
  return preferred.length === 0 && coercible.length === 1 ? m.get(coercible[0]!) : undefined;
}

/** IsBinaryCoercible(type, target) for a default class's input type. */
function coercesTo(type: KeyType, target: string): boolean {
  const user = 'user' in type ? type.user : undefined;
  const typname = 'typname' in type ? type.typname : '';
  switch (target) {
    case 'anyarray': return user === 'array' || typname.startsWith('_') || typname === 'int2vector' || typname === 'oidvector';
    case 'anyenum': return user === 'enum';
    case 'anyrange': return user === 'range' || (/range$/.test(typname) && !/multirange$/.test(typname));
    case 'anymultirange': return user === 'multirange' || /multirange$/.test(typname);
    case 'record': return user === 'composite';
    default: return BINARY.has(`${typname}>${target}`);
  }
}
