/**
 * Whether PostgreSQL gives a table a TOAST table (`needs_toast_table` in its heap code): when a column is of a
 * variable-width type, or when the fixed-width columns can make a row wider than TOAST_TUPLE_THRESHOLD (2032 bytes
 * on 8 kB pages). A table without one silently loses its `toast.*` storage parameters (pg_dump shows none), so a
 * schema file that states them there is folded without them (src/parse/fold.ts), and the plan converges.
 *
 * In: a table and the Model's types. Out: a boolean. Never: guesses fixed width for a type it does not know (an
 * extension's, a composite, a range: treated as variable-width, which keeps the parameters as written).
 */
import type { Table, TypeDef } from './types.js';

/** Fixed-width built-in types (pg_type.typlen > 0) as the Model spells them, with their width in bytes. */
const FIXED: Readonly<Record<string, number>> = {
  smallint: 2, integer: 4, bigint: 8, boolean: 1, real: 4, 'double precision': 8, date: 4, 'time without time zone': 8,
  'time with time zone': 12, 'timestamp without time zone': 8, 'timestamp with time zone': 8, interval: 16, uuid: 16,
  money: 8, oid: 4, '"char"': 1, macaddr: 6, macaddr8: 8, point: 16, line: 24, lseg: 32, box: 32, circle: 24, pg_lsn: 8,
  tid: 6, xid: 4, xid8: 8, cid: 4, regclass: 4, regtype: 4, regproc: 4, regprocedure: 4, regoper: 4, regoperator: 4,
  regconfig: 4, regdictionary: 4, regnamespace: 4, regrole: 4, regcollation: 4,
};

/**
 * A column type's width: fixed (pg_type.typlen > 0), at most `max` bytes (a variable-width type with a length
 * limit, PostgreSQL's type_maximum_size: `varchar(n)`, `character(n)`, `bit(n)`, `numeric(p, s)`; UTF-8's 4 bytes
 * a character), or undefined when unbounded or unknown.
 */
function widthOf(type: string, types: Readonly<Record<string, TypeDef>>, depth = 0): { fixed: number } | { max: number } | undefined {
  const base = type.replace(/\(\d+(?:,\s*\d+)?\)/, '');
  if (base in FIXED) return { fixed: FIXED[base]! };
  const n = /\((\d+)(?:,\s*\d+)?\)/.exec(type);
  if (n && /^(character varying|character|bit varying|bit|numeric)$/.test(base)) {
    const k = Number(n[1]);
    return { max: base.startsWith('bit') ? Math.ceil(k / 8) + 8 : base === 'numeric' ? (Math.ceil(k / 4) + 1) * 2 + 8 : k * 4 + 4 };
  }
  const t = types[base];
  if (t?.kind === 'enum') return { fixed: 4 };
  if (t?.kind === 'domain' && depth < 32) return widthOf(t.baseType, types, depth + 1);
  return undefined;
}

/**
 * PostgreSQL's rule (heapam_relation_needs_toast_table): never for fixed-width columns only; always for an
 * unbounded variable-width one (`text`, arrays, an unknown type); for bounded ones (`varchar(20)`) only when the
 * widest row exceeds TOAST_TUPLE_THRESHOLD (2032 bytes). Partitioned tables have none.
 *
 * @example
 * needsToastTable({ …t, columns: [{ name: 'id', type: 'integer' }] }, {}) // false
 * needsToastTable({ …t, columns: [{ name: 'body', type: 'text' }] }, {}) // true
 */
export function needsToastTable(t: Pick<Table, 'columns' | 'partitionBy'>, types: Readonly<Record<string, TypeDef>>): boolean {
  if (t.partitionBy) return false;
  let data = 0;
  let toastable = false;
  for (const c of t.columns) {
    const w = widthOf(c.type, types);
    if (w === undefined) return true;
    if ('max' in w) toastable = true;
    const size = 'fixed' in w ? w.fixed : w.max;
    const align = 'fixed' in w ? (size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1) : 4;
    data = Math.ceil(data / align) * align + size;
  }
  if (!toastable) return false;
  const maxalign = (n: number) => Math.ceil(n / 8) * 8;
  return maxalign(23 + Math.ceil(t.columns.length / 8)) + maxalign(data) > 2032;
}
