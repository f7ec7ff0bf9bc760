/**
 * The built-in default operator classes (pg_opclass.opcdefault, schema pg_catalog) per index access method and input
 * type, and PostgreSQL's choice of one for a key's type (indexcmds.c, GetDefaultOpClass): the class for the type
 * itself, else the one class whose type the key's type is binary-coercible to (a preferred type wins a tie; arrays,
 * enums, ranges, multiranges and composites reach the polymorphic classes). pg_get_indexdef leaves such a class out,
 * so a key that names it (`USING gin (tags array_ops)`) is the same index as one that does not.
 *
 * Generated data (nothing typed by hand): the classes are ./extensions.ts `DEFAULT_OPCLASSES` (pg_opclass.opcdefault in
 * pg_catalog, read by scripts/pg-extension-snapshot.ts from PostgreSQL 15 and 18, which agree), the binary-coercible
 * casts ../../model/cast-table.ts's method `b` rows (scripts/pg-catalog-snapshot.ts), the preferred types ./extensions.ts
 * `TYPE_CATEGORIES` (typispreferred).
 *
 * In: typnames (`int4`, `_text`) or the kind of a user type. Out: an operator class name. Never: does I/O.
 */
import { CAST_TABLE } from '../../model/cast-table.js';
import { BUILTIN_TYPE_NAMES } from './builtins.js';
import { DEFAULT_OPCLASSES, TYPE_CATEGORIES } from './extensions.js';

/** pg_type.typname of a format_type spelling (`character varying` → `varchar`). */
const typname = (spelled: string): string => BUILTIN_TYPE_NAMES[spelled] ?? spelled;

/** Binary-coercible casts between built-in types (`source>target`, typnames: `varchar>text`, `cidr>inet`, `int4>oid`). */
const BINARY = new Set(
  CAST_TABLE.filter((c) => /:b(@\d+)?$/.test(c)).map((c) => {
    const [source, target] = c.split(':')[0]!.split('>') as [string, string];
    return `${typname(source)}>${typname(target)}`;
  }),
);
/** pg_type.typispreferred among built-in types (`text`, `oid`, `float8`, …). */
const PREFERRED = new Set(Object.values(TYPE_CATEGORIES).flatMap((list) => list.split(' ').filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1))));

const parsed = new Map<string, ReadonlyMap<string, string>>();
function classes(method: string): ReadonlyMap<string, string> {
  let m = parsed.get(method);
  if (!m) parsed.set(method, (m = new Map((DEFAULT_OPCLASSES[method] ?? '').split(' ').filter(Boolean).map((e) => e.replace(/@\d+$/, '').split('=') as [string, string]))));
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
