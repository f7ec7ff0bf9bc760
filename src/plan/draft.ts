/** A statement while it is planned: its kind (place in ./layout.ts), SQL, effects and the change it comes from. */
import type { Change } from '../diff/changes.js';
import type { StatementKind } from './layout.js';
import type { Effects } from './types.js';

/** Adds a statement of a kind (its place in ./layout.ts among the statements the graph leaves free). */
export type Emit = (kind: StatementKind, source: Change, object: string, comment: string, sql: string, effects?: Effects, transactional?: boolean) => void;

export interface Draft {
  kind: StatementKind;
  order: number;
  sql: string;
  comment: string;
  effects: Effects;
  transactional: boolean;
  object: string;
  source: Change;
}
