/**
 * When a NULL default is stored. PostgreSQL cooks a column (or domain) default by coercing it to the column's
 * type and drops it only when the result is a bare NULL constant (heap.c AddRelationNewConstraints,
 * DefineDomain, AlterDomainDefault). The result is not bare, and the default is stored (pg_dump shows
 * `DEFAULT NULL::character varying`), when:
 *   - the type has a type modifier (`varchar(256)`, `numeric(10,2)`, `timestamp(3)`, arrays of them): the
 *     length coercion wraps the constant;
 *   - the type is a domain: the constant is wrapped in the domain coercion;
 *   - the NULL is cast to another type than the column's (`NULL::integer` on a bigint column).
 * One path stores a bare NULL constant all the same: `ALTER COLUMN … TYPE` (../parse/kinds/null-default.ts
 * `retypedNullDefault`), which no DDL of a plan can repeat (unstorableNullDefault).
 */
import type { Expr } from './base-types.js';
import type { Model } from './types.js';

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
export function hasTypmod(type: string): boolean {
  let t = type;
  while (t.endsWith('[]')) t = t.slice(0, -2);
  for (const tail of [' with time zone', ' without time zone']) if (t.endsWith(tail)) t = t.slice(0, -tail.length);
  // A user type whose name ends with ")" is quoted (ends with a double quote), so this is a modifier.
  return t.endsWith(')');
}

/**
 * True when `e` is a NULL default that no CREATE TABLE, ADD COLUMN or SET DEFAULT stores on a column of `type`: a
 * bare NULL constant of the column's own type (`NULL::numeric[]` on `numeric[]`, left by `numeric(10,2)[] DEFAULT
 * NULL` retyped to `numeric[]`). Such a default gives every row NULL, as no default does; the differ counts it as
 * no default where the current column has none (a plan that set it would be dropped by PostgreSQL, and planned again
 * each time), while a current one is still dropped when the desired column has none (DROP DEFAULT removes it).
 *
 * @example
 * unstorableNullDefault(model, 'numeric[]', exprFromText('NULL::numeric[]'))      // true
 * unstorableNullDefault(model, 'numeric(10,2)[]', exprFromText('NULL::numeric[]')) // false (length coercion stored)
 * unstorableNullDefault(model, 'bigint', exprFromText('NULL::integer'))            // false (a cast stored)
 */
export function unstorableNullDefault(model: Pick<Model, 'types'>, type: string, e: Expr | undefined): boolean {
  if (e?.canonical !== '{"K":"NULL"}') return false;
  const m = /^\s*\(?\s*null\s*\)?\s*(?:::\s*(.+?))?\s*$/i.exec(e.text);
  if (!m) return false;
  return !nullDefaultStored(model, type, m[1]);
}
