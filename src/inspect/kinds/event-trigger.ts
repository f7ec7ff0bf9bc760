/** Event triggers, read from the catalog (database-wide; not extension members). */
import type { EventTrigger } from '../../model/types.js';
import { notExt } from '../queries.js';

export const Q_EVENT_TRIGGERS = `
SELECT e.evtname AS name, e.evtevent AS event, e.evttags AS tags, e.evtfoid::regproc::text AS function, e.evtenabled AS enabled,
       pg_catalog.obj_description(e.oid, 'pg_event_trigger') AS comment
  FROM pg_catalog.pg_event_trigger e WHERE ${notExt('pg_event_trigger', 'e.oid')}
 ORDER BY 1`;

/**
 * @example
 * eventTriggerFromRow({ name: 'log_ddl', event: 'ddl_command_end', tags: null, function: 'public.log_ddl', enabled: 'O' })
 */
export function eventTriggerFromRow(r: Record<string, unknown>): EventTrigger {
  const tags = Array.isArray(r.tags) ? r.tags.map(String) : typeof r.tags === 'string' && r.tags.startsWith('{') ? r.tags.slice(1, -1).split(',').filter(Boolean).map((t) => t.replace(/^"(.*)"$/, '$1')) : [];
  return {
    kind: 'event_trigger', name: String(r.name), event: String(r.event), tags, function: String(r.function), enabled: String(r.enabled) as EventTrigger['enabled'],
    ...(r.comment ? { comment: String(r.comment) } : {}),
  };
}
