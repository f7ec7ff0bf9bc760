import type { StatementKind } from '../layout.js';

/** A statement of one object kind's rules (./index.ts), before the planner orders it (its kind: its place in ../layout.ts). */
export interface KindStatement {
  readonly kind: StatementKind;
  readonly sql: string;
  readonly comment: string;
  readonly effects?: { readonly breaksDependants?: string };
}
