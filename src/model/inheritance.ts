/**
 * Table inheritance (`INHERITS`, `ALTER TABLE … [NO] INHERIT`) as PostgreSQL applies it to a child, on the Model.
 *
 * The Model shows a child as pg_dump does: a column is `inherited` when the child has it from a parent only
 * (`attislocal = false`); a column declared in the child too (`attislocal` and `attinhcount > 0`) is a plain
 * column of the child, merged with the parent's. A CHECK constraint the child has only from a parent
 * (`conislocal = false`) is not in the child's constraints; one declared in the child too is.
 *
 * What PostgreSQL does (and these functions reproduce):
 *  - `INHERIT p` requires the child to have every column of `p` (same type and collation) and every CHECK of
 *    `p` that is not NO INHERIT (same name and expression); the columns and checks stay local (merged);
 *  - `NO INHERIT p` leaves the columns and checks the child had from `p` alone as local ones.
 */
import type { CheckConstraint, Constraint, Model, Table } from './types.js';

/** The CHECK constraints of a table that its children inherit (not NO INHERIT). */
export function inheritableChecks(t: Table): CheckConstraint[] {
  return Object.values(t.constraints).filter((c): c is CheckConstraint => c.kind === 'check' && !c.noInherit);
}

/**
 * The parents of `child` (keys, in `child.inherits` order) that give it a column named `column`.
 *
 * @example
 * columnProviders(model, child, 'id') // ['public.p']
 */
export function columnProviders(model: Model, child: Table, column: string): string[] {
  return child.inherits.filter((p) => model.tables[p]?.columns.some((c) => c.name === column));
}

/** The parents of `child` that give it a CHECK constraint named `name`. */
export function checkProviders(model: Model, child: Table, name: string): string[] {
  return child.inherits.filter((p) => inheritableChecks(model.tables[p] ?? ({ constraints: {} } as Table)).some((c) => c.name === name));
}

/**
 * `child` after `ALTER TABLE child NO INHERIT p` for every `p` of `detach` (in `model`, where `child` and its
 * parents are as they are then): the columns and CHECK constraints it had only from those parents become its own.
 *
 * @example
 * afterNoInherit(current, child, ['public.p']).columns.find((c) => c.name === 'id')?.inherited // undefined (local)
 */
export function afterNoInherit(model: Model, child: Table, detach: readonly string[]): Table {
  if (!detach.length) return child;
  const gone = new Set(detach);
  const stays = child.inherits.filter((p) => !gone.has(p));
  const rest: Table = { ...child, inherits: stays };
  const columns = child.columns.map((c) => {
    if (!c.inherited || columnProviders(model, rest, c.name).length) return c;
    const { inherited: _i, ...own } = c;
    return own;
  });
  const constraints: Record<string, Constraint> = { ...child.constraints };
  for (const p of detach) {
    for (const k of inheritableChecks(model.tables[p] ?? ({ constraints: {} } as Table))) {
      if (constraints[k.name] || checkProviders(model, rest, k.name).length) continue;
      const { comment: _c, loc: _l, ...own } = k as CheckConstraint & { loc?: unknown };
      constraints[k.name] = own;
    }
  }
  return { ...rest, columns, constraints };
}

/**
 * The CHECK constraints of parent `p` that `child` (desired) joins without declaring them and that `p` gains in
 * the same migration: `INHERIT` comes first, then `p`'s `ADD CONSTRAINT` gives them to the child as inherited
 * only (`conislocal = false`), as the desired child has them.
 *
 * @example
 * checksAddedAfterJoin(current, desired, desired.tables['public.c'], 'public.p').map((k) => k.name) // ['p_n']
 */
export function checksAddedAfterJoin(current: Model, desired: Model, child: Table, p: string): CheckConstraint[] {
  const parent = desired.tables[p];
  if (!parent) return [];
  const was = current.tables[p];
  return inheritableChecks(parent).filter((k) => child.constraints[k.name]?.kind !== 'check' && !was?.constraints[k.name]);
}
