/**
 * DDL of casts: created after the functions and types it names, dropped before them (edges: ../edges.ts). A cast has no ALTER: a changed one is dropped and created again.
 */
import type { Cast } from '../../model/types.js';
import type { KindStatement } from './statement.js';

const CONTEXT: Record<Cast['context'], string> = { explicit: '', assignment: ' AS ASSIGNMENT', implicit: ' AS IMPLICIT' };

/**
 * @example
 * createCast({ kind: 'cast', source: 'text', target: 'public.mood', method: 'inout', context: 'assignment' })[0].sql
 * // CREATE CAST (text AS public.mood) WITH INOUT AS ASSIGNMENT
 */
export function createCast(c: Cast): KindStatement[] {
  const how = c.method === 'inout' ? 'WITH INOUT' : c.method === 'binary' ? 'WITHOUT FUNCTION' : `WITH FUNCTION ${c.function}`;
  return [{ kind: 'create-cast', comment: `create cast from ${c.source} to ${c.target}`, sql: `CREATE CAST (${c.source} AS ${c.target}) ${how}${CONTEXT[c.context]}` }];
}

export function dropCast(c: Cast): KindStatement[] {
  return [{ kind: 'drop-cast', comment: `drop cast from ${c.source} to ${c.target}`, sql: `DROP CAST (${c.source} AS ${c.target})` }];
}
