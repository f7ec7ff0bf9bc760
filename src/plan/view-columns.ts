/**
 * The statements of a `view_column_settings` change and of a `view_column_defaults` change. Settings: `ALTER MATERIALIZED VIEW mv ALTER COLUMN c …` per column
 * whose settings differ — `SET STATISTICS n` (-1: back to the default), `RESET (…)` / `SET (…)` of attribute
 * options, `SET STORAGE s` (back to the column type's default when it goes). Defaults: `ALTER VIEW v ALTER COLUMN c
 * SET DEFAULT e | DROP DEFAULT`. None rewrites the view.
 */
import { sameExpr } from '../diff/equal.js';
import { defaultStorage } from '../model/column-storage.js';
import { quoteIdentAlways as qi } from '../model/names.js';
import type { Change } from '../diff/changes.js';
import type { ColumnSettings, Model } from '../model/types.js';
import { optionSteps } from './options.js';
import { qn } from './table-sql.js';

/**
 * @example
 * viewColumnSettingsSql({ kind: 'view_column_settings', view: mv, from: {} })
 * // ['ALTER MATERIALIZED VIEW "public"."mv" ALTER COLUMN "a" SET STATISTICS 100']
 */
export function viewColumnSettingsSql(c: Extract<Change, { kind: 'view_column_settings' }>, desired: Pick<Model, 'types'> = { types: {} }): string[] {
  const v = c.view;
  const to = v.columnSettings ?? {};
  const out: string[] = [];
  for (const col of v.columns) {
    const alter = `ALTER MATERIALIZED VIEW ${qn(v.schema, v.name)} `;
    for (const a of columnSettingsActions(col, c.from[col], to[col], c.fromTypes?.[col] ?? v.columnTypes?.[col] ?? 'text', desired)) out.push(alter + a);
  }
  return out;
}

/**
 * The `ALTER COLUMN c …` actions that turn a column's settings `a` into `b` (statistics target, attribute options,
 * storage; back to the default of `type` when one goes): shared by materialized views and foreign tables.
 *
 * @example
 * columnSettingsActions('a', {}, { statistics: 100 }, 'text') // ['ALTER COLUMN "a" SET STATISTICS 100']
 */
export function columnSettingsActions(col: string, a: ColumnSettings = {}, b: ColumnSettings = {}, type: string, types: Pick<Model, 'types'> = { types: {} }): string[] {
  const out: string[] = [];
  const alter = `ALTER COLUMN ${qi(col)}`;
  if ((a.statistics ?? -1) !== (b.statistics ?? -1)) out.push(`${alter} SET STATISTICS ${b.statistics ?? -1}`);
  const { reset, set } = optionSteps(a.options ?? [], b.options ?? []);
  if (reset.length) out.push(`${alter} RESET (${reset.join(', ')})`);
  if (set.length) out.push(`${alter} SET (${set.join(', ')})`);
  if ((a.storage ?? '') !== (b.storage ?? '')) out.push(`${alter} SET STORAGE ${b.storage ?? defaultStorage(type, types)}`);
  return out;
}

/**
 * @example
 * viewColumnDefaultsSql({ kind: 'view_column_defaults', view: v, from: {} }) // v.columnDefaults = { done: false }
 * // ['ALTER VIEW "public"."v" ALTER COLUMN "done" SET DEFAULT false']
 */
export function viewColumnDefaultsSql(c: Extract<Change, { kind: 'view_column_defaults' }>): string[] {
  const v = c.view;
  const to = v.columnDefaults ?? {};
  const out: string[] = [];
  for (const col of v.columns) {
    const [a, b] = [c.from[col], to[col]];
    const alter = `ALTER VIEW ${qn(v.schema, v.name)} ALTER COLUMN ${qi(col)}`;
    if (a && !b) out.push(`${alter} DROP DEFAULT`);
    else if (b && !sameExpr(a, b)) out.push(`${alter} SET DEFAULT ${b.text}`);
  }
  return out;
}
