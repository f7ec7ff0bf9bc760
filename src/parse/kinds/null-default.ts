/**
 * When `DEFAULT NULL` is stored. PostgreSQL cooks a column (or domain) default by coercing it to the column's
 * type and drops it only when the result is a bare NULL constant (heap.c AddRelationNewConstraints,
 * DefineDomain, AlterDomainDefault). The result is not bare, and the default is stored (pg_dump shows
 * `DEFAULT NULL::character varying`), when:
 *   - the type has a type modifier (`varchar(256)`, `numeric(10,2)`, `timestamp(3)`, arrays of them): the
 *     length coercion wraps the constant;
 *   - the type is a domain: the constant is wrapped in the domain coercion;
 *   - the NULL is cast to another type than the column's (`NULL::integer` on a bigint column).
 */
import type { Model } from '../../model/types.js';

/**
 * True when PostgreSQL keeps `DEFAULT NULL` (cast to `cast`, when written with a cast) on a column of `type`.
 * Without a type (a caller that does not know it) it is dropped, as before.
 *
 * @example
 * nullDefaultStored(model, 'character varying(256)', undefined) // true
 * nullDefaultStored(model, 'integer', undefined)                // false
 * nullDefaultStored(model, 'bigint', 'integer')                 // true
 */
export function nullDefaultStored(model: Pick<Model, 'types'>, type: string | undefined, cast: string | undefined): boolean {
  if (type === undefined) return false;
  if (cast !== undefined && cast !== type) return true;
  if (model.types[type]?.kind === 'domain') return true;
  return hasTypmod(type);
}

/** A built-in type spelling with a modifier: `character varying(20)`, `numeric(10,2)[]`, `timestamp(3) with time zone`. */
function hasTypmod(type: string): boolean {
  let t = type;
  while (t.endsWith('[]')) t = t.slice(0, -2);
  for (const tail of [' with time zone', ' without time zone']) if (t.endsWith(tail)) t = t.slice(0, -tail.length);
  // A user type whose name ends with ")" is quoted (ends with a double quote), so this is a modifier.
  return t.endsWith(')');
}

/**
 * What a stored `DEFAULT NULL` becomes through `ALTER COLUMN … TYPE`: PostgreSQL strips the implicit coercions of the
 * cooked default (the length coercion of `varchar(128)`), leaving a NULL constant of the old type without its
 * modifier, coerces that to the new type and stores the result even when it is a bare NULL (tablecmds.c
 * ATExecAlterColumnType): pg_dump shows `text DEFAULT NULL::character varying`, where a `DEFAULT NULL` written on
 * `text` stores nothing. When the stripped old type is the new one (`numeric(10,2)[]` → `numeric[]`) the stored
 * default is a bare NULL constant of the column's own type, `NULL::numeric[]`: only this path stores one (a CREATE or
 * SET DEFAULT drops it, heap.c), and pg_dump prints it, so it is kept too. Returns the default's text, or undefined
 * when it is not a bare `NULL` or the old type is a domain.
 *
 * @example
 * retypedNullDefault('NULL', 'character varying(128)', 'text') // 'NULL::character varying'
 * retypedNullDefault('NULL', 'numeric(10,2)[]', 'numeric')  // 'NULL::numeric[]'
 * retypedNullDefault('NULL', 'numeric(10,2)[]', 'numeric[]') // 'NULL::numeric[]'
 * retypedNullDefault('now()', 'timestamp without time zone', 'date') // undefined
 */
export function retypedNullDefault(defaultText: string, oldType: string, newType: string, oldIsDomain = false): string | undefined {
  if (oldIsDomain || !/^\s*null\s*$/i.test(defaultText)) return undefined;
  let base = oldType;
  let dims = '';
  while (base.endsWith('[]')) (base = base.slice(0, -2)), (dims += '[]');
  let tail = '';
  for (const t of [' with time zone', ' without time zone']) if (base.endsWith(t)) (tail = t), (base = base.slice(0, -t.length));
  if (hasTypmod(base)) base = base.slice(0, base.lastIndexOf('('));
  const stripped = `${base}${tail}${dims}`;
  return `NULL::${stripped}`;
}
