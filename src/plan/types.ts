/** The planner's output: statements with their hazards, and the options that shape them. */
import type { Change } from '../diff/changes.js';
import type { Expr } from '../model/types.js';
import type { TieBreak } from './layout.js';

export type HazardCode = 'DELETES_DATA' | 'TABLE_REWRITE' | 'ACCESS_EXCLUSIVE_LOCK' | 'INDEX_BUILD' | 'DATA_DEPENDENT' | 'BREAKS_DEPENDANTS' | 'NOT_TRANSACTIONAL';

export interface Hazard {
  readonly code: HazardCode;
  readonly message: string;
}

/** What a statement does to existing data and locks; hazards are derived from it. */
export interface Effects {
  readonly deletesData?: string;
  readonly rewritesTable?: boolean;
  readonly locksExistingTable?: boolean;
  readonly buildsIndexOnExistingTable?: boolean;
  readonly mayFailOnExistingRows?: string;
  readonly breaksDependants?: string;
}

export interface Statement {
  readonly sql: string;
  /** Atlas-style comment, e.g. `Create "users" table`. */
  readonly comment: string;
  readonly hazards: readonly Hazard[];
  /** False for statements PostgreSQL refuses (or should not run) inside a transaction block. */
  readonly transactional: boolean;
  /** The object it changes, e.g. `practice_app.users`. */
  readonly object: string;
  /** The change it was planned for. */
  readonly source: Change;
}

export interface PlanOptions {
  /** `CREATE/DROP INDEX CONCURRENTLY` for indexes on existing tables (non-transactional). */
  readonly concurrentIndex?: boolean;
  /** New FKs and checks on existing tables as `NOT VALID` + `VALIDATE CONSTRAINT`. */
  readonly notValid?: boolean;
  /** `SET lock_timeout = …` preamble. */
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
  /**
   * Whether an expression may be volatile (the workflow passes the parser's answer, parse/volatility.ts):
   * ADD COLUMN with a non-volatile default does not rewrite the table. Without it, any call counts.
   */
  readonly volatile?: (e: Expr) => boolean;
  /** Indentation of `CREATE TABLE` bodies, one column or constraint per line (Atlas's `{{ sql . "  " }}`). */
  readonly indent?: string;
  /**
   * Tests only: how statements the dependency graph leaves free are ordered (./layout.ts). Plans made with
   * `'reverse'` or a `{ seed }` read differently but must apply just as well: the proof that their order
   * comes from the graph. Default: `'layout'`, Atlas's order.
   */
  readonly tieBreak?: TieBreak;
  /**
   * Tests only: called with each statement the dependency graph had to take out of a cycle (its declarations
   * contradict each other, so its place came from the layout, not from the graph: a planner bug).
   */
  readonly onCycle?: (sql: string) => void;
  /**
   * The major version of the server the plan is for (15, 17…), when known: from 17 a stored generated column whose
   * expression changes is altered in place (`ALTER COLUMN … SET EXPRESSION AS (…)`: its values computed again, its
   * indexes rebuilt, the views over it kept); before 17, or when unknown, it is dropped and added again.
   */
  readonly serverMajor?: number;
}
