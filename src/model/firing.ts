/**
 * The firing state of triggers, rules and event triggers (`pg_trigger.tgenabled`, `pg_rewrite.ev_enabled`,
 * `pg_event_trigger.evtenabled`) and the one table of the clauses that set it: the planner writes a state's clause
 * (src/plan/kinds/firing.ts), the parser reads a clause back into its state (src/parse/kinds/table-alter.ts).
 *
 * In: a state or a clause. Out: the other. Never: anything else.
 */

/** `O` fires in origin and local sessions (the default), `D` never, `R` only in replica sessions, `A` always. */
export type Firing = 'O' | 'D' | 'R' | 'A';

/** The clause that sets a firing state. @example FIRING.R // 'ENABLE REPLICA' */
export const FIRING: Readonly<Record<Firing, string>> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

/**
 * The firing state a clause sets (`FIRING` read backwards), or undefined for another clause.
 *
 * @example
 * firingOf('ENABLE ALWAYS') // 'A'
 */
export function firingOf(clause: string): Firing | undefined {
  return (Object.keys(FIRING) as Firing[]).find((s) => FIRING[s] === clause);
}
