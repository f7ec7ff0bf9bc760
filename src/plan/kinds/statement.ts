/** A statement of one object kind's rules (./index.ts), before the planner orders it by phase. */
export interface KindStatement {
  readonly phase: number;
  readonly sql: string;
  readonly comment: string;
  readonly effects?: { readonly breaksDependants?: string };
}
