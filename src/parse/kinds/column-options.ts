/**
 * Column attribute options, folded: `ALTER TABLE [ONLY] t ALTER COLUMN c SET (n_distinct = …)` / `RESET (…)`,
 * `SET STORAGE {PLAIN|EXTERNAL|EXTENDED|MAIN|DEFAULT}`, `SET COMPRESSION {pglz|lz4|default}`, and the
 * `STORAGE` / `COMPRESSION` clauses of a column definition. (`SET STATISTICS` is folded with the table.)
 *
 * In:  the column being changed and the statement's node. Out: the column's `options`, `storage`,
 *      `compression`, each absent when it is PostgreSQL's default, as the inspector reads it
 *      (`attoptions`, `attstorage` unlike the type's `typstorage`, `attcompression`).
 * Never: does I/O.
 */
import { defaultStorage } from '../../model/column-storage.js';
import type { Column, Model } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import { optionName } from '../../model/options.js';

type MutColumn = { -readonly [K in keyof Column]: Column[K] };

/** `SET STORAGE x` (or a column definition's `STORAGE x`): kept only when it is not the type's default. */
export function setStorage(col: MutColumn, value: string, model: Pick<Model, 'types'>): void {
  const v = value.toUpperCase();
  if (v === 'DEFAULT' || v === defaultStorage(col.type, model)) delete col.storage;
  else col.storage = v;
}

/** `SET COMPRESSION m` (or a column definition's `COMPRESSION m`); `default` removes it. */
export function setCompression(col: MutColumn, value: string): void {
  const v = value.toLowerCase();
  if (v === 'default') delete col.compression;
  else col.compression = v;
}

/** `SET (name = value, …)` / `RESET (name, …)` on a column: attoptions `name=value`, in the order PostgreSQL stores them (`mergeOptions`). */
export function setColumnOptions(col: MutColumn, items: readonly Node[], reset: boolean): void {
  const defs = items.map((x) => x.DefElem!);
  const names = new Set(defs.map((d) => d.defname!));
  const kept = (col.options ?? []).filter((o) => !names.has(optionName(o)));
  const next = reset ? kept : [...kept, ...defs.map((d) => `${d.defname}=${optionValue(d.arg)}`)];
  if (next.length) col.options = next;
  else delete col.options;
}

/**
 * A storage option's value as PostgreSQL stores it in attoptions: the text as written (`-1`, `-1.0`, `.5`, `100`);
 * `n_distinct=-1.0` is not stored `-1`, and pg_dump prints what is stored.
 */
function optionValue(a: Node | undefined): string {
  if (a?.Integer) return String(a.Integer.ival ?? 0);
  if (a?.Float) return a.Float.fval ?? '';
  if (a?.String) return a.String.sval!;
  if (a?.Boolean) return a.Boolean.boolval ? 'true' : 'false';
  return '';
}

/** Column-definition clauses (`STORAGE x COMPRESSION y`) of a `ColumnDef` node. */
export function foldColumnDefOptions(col: MutColumn, c: Payload<'ColumnDef'>, model: Pick<Model, 'types'>): void {
  if (c.storage_name) setStorage(col, c.storage_name, model);
  if (c.compression) setCompression(col, c.compression);
}
