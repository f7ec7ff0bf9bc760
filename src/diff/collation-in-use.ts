/**
 * A collation whose definition changes is dropped and created again (PostgreSQL has no ALTER for it), and
 * PostgreSQL refuses to drop a collation that a column or a domain still uses. Rather than a plan that fails
 * half-way, the diff refuses it, naming the users and what to do.
 *
 * In: both Models and the changes so far. Out: nothing, or an E_PLAN error. Never: renders SQL.
 */
import { MeridianError, type SourceLocation } from '../errors.js';
import { qualifiedKey, quoteIdent } from '../model/names.js';
import type { Change } from './changes.js';
import type { Model } from '../model/types.js';

/**
 * @example
 * refuseCollationsInUse(current, desired, out) // throws E_PLAN: collation public.ci is used by public.t.name
 */
export function refuseCollationsInUse(current: Model, desired: Model, out: readonly Change[]): void {
  for (const c of out) {
    if (c.kind !== 'alter_object' || c.from.kind !== 'collation' || c.to.kind !== 'collation') continue;
    const spelled = `${quoteIdent(c.from.schema)}.${quoteIdent(c.from.name)}`;
    // Where the desired side declares each user (a schema file's line), when it comes from one.
    const at = (loc: SourceLocation | undefined) => (loc ? ` (${loc.file}:${loc.line}:${loc.column})` : '');
    const users = [
      // columns of tables that stay (a dropped table's columns go before the collation does)
      ...Object.entries(current.tables).filter(([k]) => desired.tables[k]).flatMap(([k, t]) => t.columns.filter((col) => col.collation === spelled).map((col) => `column ${k}.${col.name}${at(desired.tables[k]!.columns.find((d) => d.name === col.name)?.loc ?? desired.tables[k]!.loc)}`)),
      ...Object.values(current.types).filter((t) => t.kind === 'domain' && t.collation === spelled).map((t) => `domain ${qualifiedKey(t.schema, t.name)}${at(desired.types[qualifiedKey(t.schema, t.name)]?.loc)}`),
    ];
    if (users.length) {
      throw new MeridianError('E_PLAN', `collation ${spelled}${at(c.to.loc)} changes definition, but ${users.join(', ')} ${users.length > 1 ? 'use' : 'uses'} it: PostgreSQL cannot drop a collation in use, so it cannot be created again. Give the new definition another name and move the columns to it, or write the change in a migration (\`meridian migrate new\`)`, c.to.loc ? { location: c.to.loc } : {});
    }
  }
}
