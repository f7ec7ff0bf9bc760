/**
 * The Model stores options as PostgreSQL's catalogs keep them, one `name=value` string each (a table's or an index's
 * storage parameters, a column's attribute options, generic OPTIONS of foreign objects, an index's per-column
 * statistics targets `column=target`), in the stored order at both edges (parser and inspector) so the Model stays
 * plain JSON. Every reader cuts them here: the name is up to the first `=` (a value may hold one), the whole
 * string when there is none.
 */

/**
 * An option's name and value.
 *
 * @example
 * optionParts('fillfactor=70') // ['fillfactor', '70']
 * optionParts('a=b=c')         // ['a', 'b=c']
 * optionParts('oids')          // ['oids', '']
 */
export function optionParts(o: string): [name: string, value: string] {
  const i = o.indexOf('=');
  return i < 0 ? [o, ''] : [o.slice(0, i), o.slice(i + 1)];
}

/** An option's name. @example optionName('fillfactor=70') // 'fillfactor' */
export const optionName = (o: string): string => optionParts(o)[0];
