/**
 * Typed tables (`CREATE TABLE t OF type`) follow their composite type: PostgreSQL changes their columns with the
 * type's `ALTER TYPE … ADD | DROP | ALTER ATTRIBUTE … CASCADE` only, and binds a table to a type (`ALTER TABLE … OF`)
 * only when the table's columns are the type's attributes, by name, type and order. What neither can reach is
 * refused here, located, naming the tables:
 *  - a composite type dropped and created again (an attribute inserted before others, or retyped while a column
 *    uses the type) while typed tables of it stay: its new attributes are in another order than their columns, so
 *    the tables could not be bound to it again (NOT OF, recreate, OF);
 *  - an attribute retyped where no assignment cast converts the typed tables' values (the CASCADE has no USING).
 *
 * In: both Models and the changes so far. Out: nothing, or an E_PLAN error. Never: renders SQL.
 */
import { MeridianError, type SourceLocation } from '../errors.js';
import { castByAssignment } from '../model/casts.js';
import { qualifiedKey } from '../model/names.js';
import type { Model } from '../model/types.js';
import type { Change } from './changes.js';

const at = (loc: SourceLocation | undefined) => (loc ? ` (${loc.file}:${loc.line}:${loc.column})` : '');
const keyOf = (o: { schema: string; name: string }) => qualifiedKey(o.schema, o.name);

/**
 * @example
 * refuseTypedTableChanges(current, desired, out) // throws E_PLAN: composite type public.person … typed table public.people
 */
export function refuseTypedTableChanges(current: Model, desired: Model, out: readonly Change[]): void {
  const droppedTables = new Set(out.flatMap((c) => (c.kind === 'drop_table' ? [keyOf(c.table)] : [])));
  const created = new Set(out.flatMap((c) => (c.kind === 'create_type' ? [keyOf(c.type)] : [])));
  // The typed tables of `key` that stay typed tables of it.
  const typedOf = (key: string) => Object.entries(current.tables).filter(([k, t]) => t.ofType === key && desired.tables[k]?.ofType === key && !droppedTables.has(k)).map(([k]) => k);
  for (const c of out) {
    if (c.kind === 'drop_type' && c.type.kind === 'composite' && created.has(keyOf(c.type))) {
      const key = keyOf(c.type);
      const tables = typedOf(key);
      if (!tables.length) continue;
      const loc = desired.types[key]?.loc;
      throw new MeridianError('E_PLAN', `composite type ${key}${at(loc)} is dropped and created again (an attribute is inserted before others, or retyped while a column uses the type), but ${tables.length > 1 ? 'typed tables' : 'typed table'} ${tables.join(', ')} ${tables.length > 1 ? 'are' : 'is'} of it, and PostgreSQL binds a table to a type (ALTER TABLE … OF) only when its columns are the type's attributes in order. Add new attributes last (ALTER TYPE … ADD ATTRIBUTE … CASCADE), or write the change in a migration (\`meridian migrate new\`)`, loc ? { location: loc } : {});
    }
    if (c.kind === 'alter_type' && c.typedTables?.length && c.from.kind === 'composite' && c.to.kind === 'composite') {
      for (const b of c.to.attributes) {
        const a = c.from.attributes.find((x) => x.name === b.name);
        if (!a || a.type === b.type || castByAssignment(a.type, b.type, [desired, current])) continue;
        const loc = c.to.loc;
        throw new MeridianError('E_PLAN', `attribute ${b.name} of composite type ${keyOf(c.to)}${at(loc)} changes type from ${a.type} to ${b.type}, but ${c.typedTables.join(', ')} ${c.typedTables.length > 1 ? 'are typed tables' : 'is a typed table'} of it, whose values ALTER TYPE … ALTER ATTRIBUTE … TYPE … CASCADE converts by an assignment cast only (there is none). Write the conversion in a migration (\`meridian migrate new\`): ALTER TABLE … NOT OF, ALTER COLUMN … TYPE … USING, ALTER TYPE, ALTER TABLE … OF`, loc ? { location: loc } : {});
      }
    }
  }
}
