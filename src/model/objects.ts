/**
 * Keys and dependencies of the Model's `objects` (rules, foreign data wrappers, servers, user mappings,
 * foreign tables, event triggers, publications): what the kind-agnostic differ and planner need to know about each kind. Pure; no I/O.
 */
import { qualifiedKey } from './names.js';
import type { CatalogObject } from './types.js';

/**
 * The key of an object in `Model.objects`.
 *
 * @example
 * objectKey({ kind: 'server', name: 'files', wrapper: 'file_fdw', options: [] }) // 'server files'
 */
export function objectKey(o: CatalogObject): string {
  switch (o.kind) {
    case 'rule': return `rule ${o.table}.${o.name}`;
    case 'foreign_data_wrapper': return `foreign_data_wrapper ${o.name}`;
    case 'server': return `server ${o.name}`;
    case 'user_mapping': return `user_mapping ${o.user}@${o.server}`;
    case 'foreign_table': return `foreign_table ${qualifiedKey(o.schema, o.name)}`;
    case 'event_trigger': return `event_trigger ${o.name}`;
    case 'publication': return `publication ${o.name}`;
    case 'statistics': return `statistics ${qualifiedKey(o.schema, o.name)}`;
    case 'collation': return `collation ${qualifiedKey(o.schema, o.name)}`;
    case 'cast': return `cast (${o.source} AS ${o.target})`;
    case 'operator': return `operator ${qualifiedKey(o.schema, o.name)}(${o.left ?? 'NONE'},${o.right})`;
  }
}

/**
 * Keys (in `Model.objects`) of the objects `o` needs to exist first.
 *
 * @example
 * objectDependencies({ kind: 'user_mapping', user: 'PUBLIC', server: 'files', options: [] }) // ['server files']
 */
export function objectDependencies(o: CatalogObject): string[] {
  switch (o.kind) {
    case 'server': return [`foreign_data_wrapper ${o.wrapper}`];
    case 'user_mapping': return [`server ${o.server}`];
    case 'foreign_table': return [`server ${o.server}`];
    default: return [];
  }
}

/** Database-wide kinds: managed only when the whole database is (like extensions). */
export function isDatabaseWide(o: CatalogObject): boolean {
  return o.kind === 'foreign_data_wrapper' || o.kind === 'server' || o.kind === 'user_mapping' || o.kind === 'event_trigger' || o.kind === 'publication' || o.kind === 'cast';
}

/** The schema an object lives in (schema-scoped kinds). */
export function objectSchema(o: CatalogObject): string | undefined {
  return o.kind === 'rule' || o.kind === 'foreign_table' || o.kind === 'statistics' || o.kind === 'collation' || o.kind === 'operator' ? o.schema : undefined;
}
