/**
 * `DEFAULT NULL` through `ALTER COLUMN … TYPE`. When a NULL default is stored at all: ../../model/null-default.ts
 * (re-exported here for the fold).
 */
import { hasTypmod } from '../../model/null-default.js';

export { nullDefaultStored } from '../../model/null-default.js';

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
