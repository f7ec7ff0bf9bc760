/**
 * Constraint bodies rendered from their structure, in PostgreSQL's clause order (as `pg_get_constraintdef`
 * prints them): one renderer for the parser, the inspector and the planner.
 */
import { quoteIdent } from './names.js';
import type { ForeignKey, PrimaryKey, UniqueConstraint } from './types.js';

/** ` DEFERRABLE [INITIALLY DEFERRED]`, or nothing. */
export const deferralSql = (c: { readonly deferrable: boolean; readonly initiallyDeferred: boolean }): string =>
  `${c.deferrable ? ' DEFERRABLE' : ''}${c.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}`;

/**
 * `PRIMARY KEY (…)` / `UNIQUE [NULLS NOT DISTINCT] (… [WITHOUT OVERLAPS])` with INCLUDE, storage parameters and deferral.
 * Column names are quoted where needed, or by `quote` (e.g. always, in Atlas's style).
 *
 * @example
 * keySql({ kind: 'primary_key', columns: ['id'], include: [], deferrable: false, initiallyDeferred: false }) // 'PRIMARY KEY (id)'
 * keySql({ kind: 'primary_key', columns: ['id', 'valid_at'], include: [], withoutOverlaps: true, deferrable: false, initiallyDeferred: false })
 * // 'PRIMARY KEY (id, valid_at WITHOUT OVERLAPS)'
 */
export function keySql(
  c: Pick<PrimaryKey, 'kind' | 'columns' | 'include' | 'deferrable' | 'initiallyDeferred' | 'withoutOverlaps'> | Pick<UniqueConstraint, 'kind' | 'columns' | 'include' | 'nullsNotDistinct' | 'deferrable' | 'initiallyDeferred' | 'withoutOverlaps'>,
  options: readonly string[] = [],
  quote: (name: string) => string = quoteIdent,
): string {
  const colList = (cols: readonly string[]) => cols.map(quote).join(', ');
  const head = c.kind === 'primary_key' ? 'PRIMARY KEY' : `UNIQUE${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}`;
  return `${head} (${colList(c.columns)}${c.withoutOverlaps ? ' WITHOUT OVERLAPS' : ''})${c.include.length ? ` INCLUDE (${colList(c.include)})` : ''}${options.length ? ` WITH (${options.join(', ')})` : ''}${deferralSql(c)}`;
}

export interface ForeignKeySqlOptions {
  /**
   * Write `ON UPDATE` and `ON DELETE` even when they are `NO ACTION`, as Atlas does (its planner writes the
   * actions it inspected, and PostgreSQL always reports both); by default, as `pg_get_constraintdef`, only
   * the actions that are not `NO ACTION`.
   */
  readonly allActions?: boolean;
}

/**
 * `FOREIGN KEY (… [, PERIOD c]) REFERENCES <refTableSql>(… [, PERIOD c]) [MATCH …] [ON UPDATE …] [ON DELETE …] [DEFERRABLE …] [NOT VALID]`.
 *
 * @example
 * foreignKeySql({ columns: ['user_id'], refColumns: ['id'], match: 'SIMPLE', onUpdate: 'NO ACTION', onDelete: 'CASCADE',
 *   deferrable: false, initiallyDeferred: false }, 'app.users') // 'FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE'
 * foreignKeySql(sameKey, 'app.users ', quoteIdentAlways, { allActions: true })
 * // 'FOREIGN KEY ("user_id") REFERENCES app.users ("id") ON UPDATE NO ACTION ON DELETE CASCADE'
 */
export function foreignKeySql(
  c: Pick<ForeignKey, 'columns' | 'refColumns' | 'match' | 'onUpdate' | 'onDelete' | 'deferrable' | 'initiallyDeferred' | 'notValid' | 'period'>,
  refTableSql: string,
  quote: (name: string) => string = quoteIdent,
  options: ForeignKeySqlOptions = {},
): string {
  // A temporal key's last columns are periods: `(id, PERIOD valid_at)`.
  const colList = (cols: readonly string[]) => cols.map((x, i) => `${c.period && i === cols.length - 1 ? 'PERIOD ' : ''}${quote(x)}`).join(', ');
  const action = (verb: string, a: string) => (options.allActions || a !== 'NO ACTION' ? ` ON ${verb} ${a}` : '');
  return `FOREIGN KEY (${colList(c.columns)}) REFERENCES ${refTableSql}(${colList(c.refColumns)})${c.match !== 'SIMPLE' ? ` MATCH ${c.match}` : ''}` +
    `${action('UPDATE', c.onUpdate)}${action('DELETE', c.onDelete)}${deferralSql(c)}${c.notValid ? ' NOT VALID' : ''}`;
}
