/**
 * The firing state of triggers, rules and event triggers (`pg_trigger.tgenabled`, `pg_rewrite.ev_enabled`,
 * `pg_event_trigger.evtenabled`): `O` fires in origin and local sessions (the default), `D` never, `R` only in
 * replica sessions, `A` always. Set with `ALTER TABLE … ENABLE | DISABLE … TRIGGER | RULE` (tables, partitioned and
 * foreign tables only: PostgreSQL refuses it on views) and `ALTER EVENT TRIGGER … ENABLE | DISABLE`. The states and their
 * clauses are one table, ../../model/firing.ts.
 */
import { quoteIdentAlways as qi, splitKey } from '../../model/names.js';
import { FIRING, type Firing } from '../../model/firing.js';

export { FIRING, type Firing } from '../../model/firing.js';

/**
 * The statement that sets a trigger's or rule's firing state, as pg_dump writes it.
 *
 * @example
 * firingSql('TRIGGER', 'public.t', 'audit', 'D') // 'ALTER TABLE "public"."t" DISABLE TRIGGER "audit"'
 */
export function firingSql(what: 'TRIGGER' | 'RULE', table: string, name: string, state: Firing): string {
  const t = splitKey(table);
  return `ALTER TABLE ${qi(t.schema)}.${qi(t.name)} ${FIRING[state]} ${what} ${qi(name)}`;
}
