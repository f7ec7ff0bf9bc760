/**
 * A materialized view's column settings (`View.columnSettings`): the statistics target, attribute options and
 * storage that `ALTER MATERIALIZED VIEW mv ALTER COLUMN c SET …` gives its columns, as the Model keeps them
 * (absent when default, like a table column's), and a view's column defaults (`View.columnDefaults`). Pure; no I/O.
 */
import type { ColumnSettings, Expr, View } from './types.js';

/**
 * A column's settings, absent ones left out.
 *
 * @example
 * columnSettingsOf({ name: 'a', type: 'text', notNull: false, statistics: 100 }) // { statistics: 100 }
 */
export function columnSettingsOf(c: ColumnSettings): ColumnSettings {
  return { ...(c.statistics !== undefined ? { statistics: c.statistics } : {}), ...(c.options?.length ? { options: [...c.options] } : {}), ...(c.storage ? { storage: c.storage } : {}) };
}

/** Settings without any entry are no settings. @example isEmptySettings({}) // true */
export function isEmptySettings(s: ColumnSettings | undefined): boolean {
  return !s || (s.statistics === undefined && !s.options?.length && !s.storage);
}

/**
 * Whether two views' column settings are the same (option order ignored).
 *
 * @example
 * sameColumnSettings({ a: { statistics: 100 } }, { a: { statistics: 100 } }) // true
 */
export function sameColumnSettings(a: View['columnSettings'], b: View['columnSettings']): boolean {
  const key = (m: View['columnSettings']) => JSON.stringify(Object.entries(m ?? {}).filter(([, s]) => !isEmptySettings(s)).map(([c, s]) => [c, s.statistics ?? null, [...(s.options ?? [])].sort(), s.storage ?? null]).sort());
  return key(a) === key(b);
}

/**
 * Whether two views' column defaults are the same (compared by their canonical form).
 *
 * @example
 * sameColumnDefaults({ done: { canonical: '{"K":"f"}', text: 'false' } }, undefined) // false
 */
export function sameColumnDefaults(a: View['columnDefaults'], b: View['columnDefaults']): boolean {
  const key = (m: View['columnDefaults']) => JSON.stringify(Object.entries(m ?? {}).map(([c, e]: [string, Expr]) => [c, e.canonical]).sort());
  return key(a) === key(b);
}
