/**
 * Row helpers of the inspector: a catalog row's values read whatever the driver returned (pg parses arrays and
 * JSON, PGlite may return literals), and the small formatters built from rows.
 */
import { orderFromIndoption } from '../model/attached-order.js';
import { qualifiedKey, qualifiedName, quoteIdent } from '../model/names.js';
import type { Index, Table } from '../model/types.js';
import { parseArrayLiteral } from '../typedsql/runtime.js';

export type Row = Record<string, unknown>;

/** Glob (`*`, `?`) → RegExp over `schema` or `schema.name`. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*').replace(/\?/g, '[^.]') + '$');
}

export const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
export const arr = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  // text[] or name[] returned as a literal (pg does not parse name[], PGlite may not): quoted elements unescaped
  // (a role `evil"role` is `{"evil\\"role"}`), so a name with a quote, comma or blank reads as it is.
  if (typeof v === 'string' && v.startsWith('{')) return parseArrayLiteral(v).flat().filter((x): x is string => typeof x === 'string' && x !== '');
  return [];
};
/**
 * int2[] (conkey, confkey, indkey) as numbers, whether the driver parsed the array or returned its literal
 * (`{1,2}`, or `[0:1]={1,2}` for an int2vector's array, which starts at 0).
 */
export const nums = (v: unknown): number[] => {
  if (Array.isArray(v)) return v.map(Number);
  if (typeof v !== 'string') return [];
  const open = v.indexOf('{');
  return v.length - open > 2 ? v.slice(open + 1, -1).split(',').map(Number) : [];
};
/** A json/jsonb value, parsed when the driver returned its text. */
export const json = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * A plain index's definition as `pg_get_indexdef` prints it (see Q.qIndexes for what is plain): names quoted
 * where PostgreSQL quotes them, the table schema-qualified (the inspector reads with `search_path = ''`), the
 * predicate as `pg_get_expr` gives it.
 *
 * @example
 * indexSql('t_a_idx', 'app', 'T', false, 'btree', ['a', 'select']) // 'CREATE INDEX t_a_idx ON app."T" USING btree (a, "select")'
 */
export function indexSql(name: string, schema: string, table: string, unique: boolean, method: string, columns: readonly string[], predicate?: string): string {
  return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(name)} ON ${qualifiedName(schema, table)} USING ${quoteIdent(method)} (${columns.map(quoteIdent).join(', ')})${predicate ? ` WHERE ${predicate}` : ''}`;
}

/**
 * A table's replica identity and clustered index from its Q_RELATIONS row (`replident`, `marked_indexes`); a
 * replica identity whose index is gone reads as DEFAULT, as pg_dump writes it.
 *
 * @example
 * tableMarks({ replident: 'i', marked_indexes: { replica: 'a_k', cluster: null } }) // { replicaIdentity: { kind: 'index', index: 'a_k' } }
 */
export function tableMarks(r: Record<string, unknown>): Pick<Table, 'replicaIdentity' | 'clusterOn'> {
  const marks = (typeof r.marked_indexes === 'string' ? JSON.parse(r.marked_indexes) : r.marked_indexes) as { replica?: string | null; cluster?: string | null } | null;
  const ri = r.replident === 'f' ? { kind: 'full' as const } : r.replident === 'n' ? { kind: 'nothing' as const } : r.replident === 'i' && marks?.replica ? { kind: 'index' as const, index: marks.replica } : undefined;
  return { ...(ri ? { replicaIdentity: ri } : {}), ...(marks?.cluster ? { clusterOn: marks.cluster } : {}) };
}

/** A partition's index attached to a partitioned table's index, as Q_INDEXES reads it (`attached`). */
export interface AttachedRow { readonly schema: string; readonly table: string; readonly name: string; readonly options: readonly string[] | null; readonly order?: readonly number[] | null }

/**
 * Index.attached, Index.attachedOptions and Index.attachedOrder of a partitioned table's index from its attached
 * rows: the storage parameters of a partition's index kept only where they differ from the index's own `options`
 * (compared as a set), its keys' order (indoption) only where it differs from the index's own (`ownOrder`).
 *
 * @example
 * attachedIndexes([{ schema: 's', table: 'p0', name: 'p0_v', options: ['fastupdate=false'], order: [1] }], [], [0])
 * // { attached: { 's.p0': 'p0_v' }, attachedOptions: { 's.p0': ['fastupdate=false'] },
 * //   attachedOrder: { 's.p0': [{ descending: true, nullsFirst: false }] } }
 */
export function attachedIndexes(rows: readonly AttachedRow[], own: readonly string[], ownOrder: readonly number[] = []): Pick<Index, 'attached' | 'attachedOptions' | 'attachedOrder'> {
  const set = (o: readonly string[]) => [...o].sort().join('\u0000');
  const sorted = rows.map((a) => ({ ...a, key: qualifiedKey(a.schema, a.table) })).sort((a, b) => (a.key < b.key ? -1 : 1));
  const differing = sorted.filter((a) => set(a.options ?? []) !== set(own));
  const ordered = sorted.filter((a) => a.order && a.order.join(',') !== ownOrder.join(','));
  return {
    attached: Object.fromEntries(sorted.map((a) => [a.key, a.name])),
    ...(differing.length ? { attachedOptions: Object.fromEntries(differing.map((a) => [a.key, [...(a.options ?? [])]])) } : {}),
    ...(ordered.length ? { attachedOrder: Object.fromEntries(ordered.map((a) => [a.key, orderFromIndoption(a.order!)])) } : {}),
  };
}
