/**
 * A type dropped and created again (a composite whose attribute is inserted mid-list, a domain whose base type
 * changes) cannot be dropped while other types are built on it: domains over it, composites with an attribute
 * of it, ranges of it. Those that no table column uses are dropped before it and created again after it
 * (transitively; the graph orders them by their types, their comments and grants come back with
 * ./privileges.ts). One a column uses is left alone: recreating it would take the column's data along.
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey } from '../../model/names.js';
import type { Model, TypeDef } from '../../model/types.js';

const base = (t: string) => t.replace(/(\[\])+$/, '');

/** The type keys `t` is built on. */
function builtOn(t: TypeDef): string[] {
  if (t.kind === 'domain') return [base(t.baseType)];
  if (t.kind === 'composite') return t.attributes.map((a) => base(a.type));
  if (t.kind === 'range') return [base(t.subtype)];
  return [];
}

/**
 * Adds the drops and re-creates of the types over a recreated type to `all`.
 *
 * @example
 * recreateTypesOver(all, current, desired) // a domain over a recreated composite: drop_type + create_type of the domain
 */
export function recreateTypesOver(all: Change[], current: Model, desired: Model): void {
  const key = (t: TypeDef) => qualifiedKey(t.schema, t.name);
  const dropped = new Set(all.flatMap((c) => (c.kind === 'drop_type' ? [key(c.type)] : [])));
  const recreated = all.flatMap((c) => (c.kind === 'create_type' && dropped.has(key(c.type)) ? [key(c.type)] : []));
  if (!recreated.length) return;
  const usedByColumns = new Set(Object.values(current.tables).flatMap((t) => t.columns.map((c) => base(c.type))));
  const stack = [...recreated];
  while (stack.length) {
    const k = stack.pop()!;
    for (const [dk, t] of Object.entries(current.types)) {
      if (dropped.has(dk) || !builtOn(t).includes(k) || usedByColumns.has(dk)) continue;
      dropped.add(dk);
      all.push({ kind: 'drop_type', type: t });
      const back = desired.types[dk];
      if (back && !all.some((c) => c.kind === 'create_type' && key(c.type) === dk)) all.push({ kind: 'create_type', type: back });
      // An alter_type the differ planned for it is replaced by the re-create.
      for (let i = all.length - 1; i >= 0; i--) {
        const c = all[i]!;
        if (c.kind === 'alter_type' && key(c.to) === dk) all.splice(i, 1);
      }
      stack.push(dk);
    }
  }
}
