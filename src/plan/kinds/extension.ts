/**
 * Extensions changed in place (see ../../diff/extensions.ts): `ALTER EXTENSION … UPDATE TO` runs the extension's
 * update scripts (PostgreSQL refuses a version it has no path to, e.g. a downgrade contrib ships no script for);
 * `ALTER EXTENSION … SET SCHEMA` moves its objects, and what uses them follows by oid.
 */
import type { Change } from '../../diff/changes.js';
import { quoteIdentAlways as qi, quoteLiteral } from '../../model/names.js';

/**
 * The statements of one `alter_extension` change: the move first, then the update (its scripts create objects
 * in the extension's schema). The move runs before the rest of the plan (../edges.ts `MOVES`): what uses the
 * extension's objects is compared and dropped under their new schema.
 *
 * @example
 * alterExtensionSteps({ kind: 'alter_extension', from, to, version: '1.8' })
 * // [{ kind: 'alter-extension', comment: 'update extension "hstore"', sql: `ALTER EXTENSION "hstore" UPDATE TO '1.8'` }]
 */
export function alterExtensionSteps(c: Extract<Change, { kind: 'alter_extension' }>): { kind: 'move-extension' | 'alter-extension'; comment: string; sql: string }[] {
  const name = qi(c.to.name);
  return [
    ...(c.schema !== undefined ? [{ kind: 'move-extension' as const, comment: `move extension "${c.to.name}"`, sql: `ALTER EXTENSION ${name} SET SCHEMA ${qi(c.schema)}` }] : []),
    ...(c.version !== undefined ? [{ kind: 'alter-extension' as const, comment: `update extension "${c.to.name}"`, sql: `ALTER EXTENSION ${name} UPDATE TO ${quoteLiteral(c.version)}` }] : []),
  ];
}
