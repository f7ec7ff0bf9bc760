/**
 * `CREATE INDEX` spelled as Atlas spells it (its PostgreSQL planner, `sql/postgres/migrate.go`), from the
 * index's structured keys:
 *
 *   CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON "schema"."table" [USING method] (key, …)
 *     [INCLUDE ("c", …)] [NULLS NOT DISTINCT] [WITH (name = value, …)] [WHERE predicate]
 *
 *  - `USING` only for a method other than btree; identifiers always quoted;
 *  - a key is `"column"` or its expression in parentheses (unless the text already is one parenthesised
 *    expression), then `COLLATE "c"`, the operator class (`name(param=value)`), `DESC`, and `NULLS FIRST`
 *    / `NULLS LAST` only where they are not the direction's default;
 *  - the table is schema-qualified; the workflow drops the schema when a URL is bound to one
 *    (src/parse/unqualify.ts), as Atlas does.
 *
 * With an indent (`--format '{{ sql . "  " }}'`) a statement that would not fit in `MAX_LINE` characters
 * lists its keys one per line, the way Atlas indents a table's columns.
 *
 * Pure string building from the Model.
 */
import { quoteIdentAlways as qi, splitKey } from '../model/names.js';
import type { Index, IndexKey } from '../model/types.js';

/** The longest generated line the indented format aims for. */
export const MAX_LINE = 120;

const qn = (key: string) => {
  const { schema, name } = splitKey(key);
  return `${qi(schema)}.${qi(name)}`;
};

/** Is `s` one parenthesised expression, `(…)` with its parentheses matching each other? */
function wrapped(s: string): boolean {
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = s[i + 1] === quote ? (i++, quote) : undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

/** One key, Atlas's way. */
function keySql(k: IndexKey): string {
  const text = k.expr?.text.trim() ?? '';
  const parts = [k.column !== undefined ? qi(k.column) : wrapped(text) ? text : `(${text})`];
  if (k.collation) parts.push(`COLLATE ${k.collation.split('.').map(qi).join('.')}`);
  if (k.opclass) parts.push(`${k.opclass}${k.opclassOptions?.length ? `(${k.opclassOptions.join(', ')})` : ''}`);
  if (k.descending) parts.push('DESC');
  if (k.nullsFirst !== k.descending) parts.push(k.nullsFirst ? 'NULLS FIRST' : 'NULLS LAST');
  return parts.join(' ');
}

export interface IndexSqlOptions {
  readonly concurrently?: boolean;
  /** The indented format's indentation (Atlas's `{{ sql . "  " }}`). */
  readonly indent?: string;
}

/**
 * `CREATE INDEX`, Atlas's way; an index without keys (built by hand) keeps its definition text.
 *
 * @example
 * createIndexSql({ kind: 'index', schema: 'app', name: 'i', table: 'app.t', unique: true, method: 'btree',
 *   keys: [{ column: 'a', descending: false, nullsFirst: false }, { column: 'b', descending: true, nullsFirst: true }],
 *   include: [], nullsNotDistinct: false, options: [] })
 * // 'CREATE UNIQUE INDEX "i" ON "app"."t" ("a", "b" DESC)'
 */
export function createIndexSql(i: Index, opts: IndexSqlOptions = {}): string {
  const head = `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${opts.concurrently ? 'CONCURRENTLY ' : ''}`;
  if (!i.keys.length) {
    // pg_get_indexdef prints `ON ONLY parent` for a partitioned table's index; recreating it must cascade to
    // partitions, unless it is one that is not valid yet (Index.only).
    const def = i.only ? i.definition ?? '' : (i.definition ?? '').replace(/ ON ONLY /, ' ON ');
    return opts.concurrently ? def.replace(/^CREATE (UNIQUE )?INDEX /, head) : def;
  }
  const using = i.method.toLowerCase() === 'btree' ? '' : ` USING ${i.method}`;
  const keys = i.keys.map(keySql);
  const tail = [
    i.include.length ? ` INCLUDE (${i.include.map(qi).join(', ')})` : '',
    i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '',
    i.options.length ? ` WITH (${i.options.map((o) => o.replace('=', ' = ')).join(', ')})` : '',
    i.where ? ` WHERE ${i.where.text.trim()}` : '',
  ].join('');
  const start = `${head}${qi(i.name)} ON ${i.only ? 'ONLY ' : ''}${qn(i.table)}${using} `;
  const line = `${start}(${keys.join(', ')})${tail}`;
  if (!opts.indent || line.length <= MAX_LINE) return line;
  return `${start}(\n${keys.map((k) => opts.indent + k).join(',\n')}\n)${tail}`;
}
