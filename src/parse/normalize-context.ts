/**
 * What the normaliser (./normalize.ts, ./normalize-expr.ts) is told of the schema around an expression or a query:
 * relations and their columns, user-defined types, the columns of the one row an expression is over, user functions
 * and operators; and the fixed facts it uses (sequences' and system columns, casts PostgreSQL adds implicitly).
 *
 * In: nothing (types and constants). Out: `NormalizeContext`, `NONE`, column lists. Never: I/O.
 */
import type { UserFunction } from './expr-type.js';
import type { OperatorSchemaContext } from './user-operator.js';


/** `operatorSchema`: the schema of the file's operator an unqualified name is over operands of these types (./user-operator.ts). */
export interface NormalizeContext extends OperatorSchemaContext {
  /**
   * Resolves a relation name (1–2 parts) to its key and, when known, its column names and their types (Model
   * spellings, a domain as its base type: see `constantType`), position by position; `system`: it has system
   * columns (`tableoid`, `ctid`…: a table, materialized view, sequence or foreign table, not a view); `builtin`: one of
   * pg_catalog's relations (./catalog-relations.ts), `partial`: its columns those of several majors (`*` not expanded).
   */
  relation?(names: readonly string[]): { key: string; columns?: readonly string[]; types?: readonly (string | undefined)[]; domains?: readonly boolean[]; system?: boolean; partial?: boolean; builtin?: boolean } | undefined;
  /** Resolves a user-defined type name to its key. */
  type?(names: readonly string[]): string | undefined;
  /**
   * The type of a bare column name in an expression over one row (a CHECK, an index's predicate, a policy, a
   * generated column; `value` in a domain's CHECK): a literal compared with it is read as that type.
   */
  columnType?(name: string): string | undefined;
  /** Whether a bare column name over one row (see `columnType`) is of a domain type (`columnType` giving its base type). */
  columnDomain?(name: string): boolean;
  /** The user functions of a name (1–2 parts): their arguments and results type the calls (./expr-type.ts). */
  functions?(names: readonly string[]): readonly UserFunction[];
}

export const NONE: NormalizeContext = {};

/** The columns every sequence has (`SELECT last_value, is_called FROM s`). */
export const SEQUENCE_COLUMNS: readonly string[] = ['last_value', 'log_cnt', 'is_called'];
/** The system columns of a table (and of a materialized view, a sequence, a foreign table), never expanded by `*`. */
export const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(['tableoid', 'ctid', 'xmin', 'xmax', 'cmin', 'cmax']);

/**
 * Casts PostgreSQL inserts implicitly (text-family comparisons, numeric widening in arithmetic such as
 * `(quantity)::numeric * price`): dropped wherever they appear. Casts to other types are kept.
 */
export const STRIP_CAST_TO: ReadonlySet<string> = new Set(['text', 'character varying', 'text[]', 'character varying[]', 'regclass', 'name', 'numeric', 'bigint', 'double precision', 'real']);
