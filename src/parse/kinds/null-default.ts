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
