/**
 * DDL of event triggers: created after the functions they call (and every table: a DDL trigger must not fire
 * on the plan's own statements before they ran), dropped first. Enabling/disabling is altered in place; another
 * event, tag list or function recreates it.
 */
import { quoteIdentAlways as qi, quoteLiteral } from '../../model/names.js';
import type { EventTrigger } from '../../model/types.js';
import type { KindStatement } from './statement.js';
import { FIRING as ENABLE } from './firing.js';
import { alterableInPlace } from '../../diff/in-place.js';

export function createEventTrigger(e: EventTrigger): KindStatement[] {
  const when = e.tags.length ? ` WHEN TAG IN (${e.tags.map(quoteLiteral).join(', ')})` : '';
  const out: KindStatement[] = [{ kind: 'create-event-trigger', comment: `create event trigger "${e.name}"`, sql: `CREATE EVENT TRIGGER ${qi(e.name)} ON ${e.event}${when} EXECUTE FUNCTION ${e.function}()` }];
  if (e.enabled !== 'O') out.push({ kind: 'create-event-trigger', comment: `modify event trigger "${e.name}"`, sql: `ALTER EVENT TRIGGER ${qi(e.name)} ${ENABLE[e.enabled]}` });
  return out;
}

export function dropEventTrigger(e: EventTrigger): KindStatement[] {
  return [{ kind: 'drop-event-trigger', comment: `drop event trigger "${e.name}"`, sql: `DROP EVENT TRIGGER ${qi(e.name)}` }];
}

export function alterEventTrigger(from: EventTrigger, to: EventTrigger): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  return from.enabled === to.enabled ? [] : [{ kind: 'alter-event-trigger', comment: `modify event trigger "${to.name}"`, sql: `ALTER EVENT TRIGGER ${qi(to.name)} ${ENABLE[to.enabled]}` }];
}
