/**
 * Table inheritance, folded as PostgreSQL applies it (src/model/inheritance.ts describes the Model's form):
 * `ALTER TABLE child INHERIT p` / `NO INHERIT p`, and what a parent's `ADD COLUMN`, `DROP COLUMN` and
 * `ALTER COLUMN … TYPE` do to its children (and partitions) unless written with `ONLY`.
 */
import { afterNoInherit, inheritableChecks } from '../../model/inheritance.js';
import type { Column, Model } from '../../model/types.js';
import { Problem, type MModel, type MTable, type Mut } from './scope.js';

/** The tables that inherit from `key` or are its partitions. */
function children(model: MModel, key: string): [string, MTable][] {
  return Object.entries(model.tables).filter(([, t]) => t.inherits.includes(key) || t.partitionOf?.parent === key);
}

/**
 * `ALTER TABLE child INHERIT parent`: the child must have every column of the parent (same type and collation)
 * and every CHECK of it that is not NO INHERIT (by name); they stay the child's own.
 *
 * @example
 * inherit(model, 'public.c', c, 'public.p', p) // c.inherits = ['public.p']
 */
export function inherit(childKey: string, child: MTable, parentKey: string, parent: MTable): void {
  if (childKey === parentKey || parent.inherits.includes(childKey)) throw new Problem('E_DUPLICATE', `circular inheritance not allowed: "${child.name}" is already a parent of "${parent.name}"`);
  if (child.inherits.includes(parentKey)) throw new Problem('E_DUPLICATE', `relation "${parent.name}" would be inherited from more than once`);
  if (child.partitionOf || parent.partitionBy) throw new Problem('E_UNSUPPORTED', `cannot inherit ${child.partitionOf ? 'a partition' : 'from a partitioned table'}; use ATTACH PARTITION`);
  for (const pc of parent.columns) {
    const cc = child.columns.find((c) => c.name === pc.name);
    if (!cc) throw new Problem('E_UNKNOWN', `child table is missing column "${pc.name}"`);
    if (cc.type !== pc.type || (cc.collation ?? '') !== (pc.collation ?? '')) throw new Problem('E_MISMATCH', `child table "${child.name}" has different type or collation for column "${pc.name}"`);
  }
  for (const k of inheritableChecks(parent as never)) {
    if (child.constraints[k.name]?.kind !== 'check') throw new Problem('E_UNKNOWN', `child table is missing constraint "${k.name}"`);
  }
  child.inherits = [...child.inherits, parentKey];
}

/**
 * `ALTER TABLE child NO INHERIT parent`: the columns and checks the child had only from the parent become its own.
 *
 * @example
 * noInherit(model, c, 'public.p') // c's inherited columns from p are local now
 */
export function noInherit(model: MModel, child: MTable, parentKey: string): void {
  if (!child.inherits.includes(parentKey)) throw new Problem('E_UNKNOWN', `relation "${parentKey}" is not a parent of relation "${child.name}"`);
  const after = afterNoInherit(model as unknown as Model, child as never, [parentKey]);
  child.inherits = [...after.inherits];
  child.columns = after.columns.map((c) => c as Mut<Column>);
  child.constraints = { ...after.constraints };
}

/**
 * A parent's `ADD COLUMN` reaches its children: a child with a column of that name keeps it as its own (merged,
 * same type required), one without gets it as an inherited column (its definition, without identity).
 */
export function addColumnToChildren(model: MModel, parentKey: string, col: Column, only: boolean): void {
  const kids = children(model, parentKey);
  if (only && kids.length) throw new Problem('E_UNSUPPORTED', `column "${col.name}" must be added to child tables too (ALTER TABLE without ONLY)`);
  for (const [key, kid] of kids) {
    const have = kid.columns.find((c) => c.name === col.name);
    if (have) {
      if (have.type !== col.type) throw new Problem('E_MISMATCH', `child table "${kid.name}" has different type for column "${col.name}"`);
      continue;
    }
    const { identity: _i, comment: _c, loc: _l, statistics: _s, options: _o, ...def } = col as Mut<Column> & { loc?: unknown };
    kid.columns.push({ ...def, inherited: true });
    addColumnToChildren(model, key, col, false);
  }
}

/**
 * A parent's `DROP COLUMN` reaches its children: an inherited column that no other parent gives is dropped
 * (and so on down), a column of the child's own stays; with `ONLY`, the children's columns become their own.
 */
export function dropColumnFromChildren(model: MModel, parentKey: string, name: string, only: boolean): void {
  for (const [key, kid] of children(model, parentKey)) {
    const i = kid.columns.findIndex((c) => c.name === name);
    const c = kid.columns[i];
    if (!c || !c.inherited) continue;
    const others = kid.inherits.filter((p) => p !== parentKey && model.tables[p]?.columns.some((x) => x.name === name));
    if (others.length) continue;
    if (only) {
      delete c.inherited;
      continue;
    }
    kid.columns.splice(i, 1);
    dropColumnFromChildren(model, key, name, false);
  }
}

/** A parent's `ALTER COLUMN … TYPE` reaches its children's column of that name (PostgreSQL requires it). */
export function retypeChildren(model: MModel, parentKey: string, col: Column): void {
  for (const [key, kid] of children(model, parentKey)) {
    const c = kid.columns.find((x) => x.name === col.name);
    if (!c) continue;
    c.type = col.type;
    if (col.collation) c.collation = col.collation;
    else delete c.collation;
    retypeChildren(model, key, col);
  }
}

/**
 * A parent's `ALTER COLUMN … SET/DROP DEFAULT`, `SET/DROP NOT NULL` reach its children's column of that name,
 * and theirs (not with ONLY).
 *
 * @example
 * changeChildColumns(model, 'public.p', 'n', (c) => { c.notNull = true; })
 */
export function changeChildColumns(model: MModel, parentKey: string, name: string, change: (c: Mut<Column>) => void): void {
  for (const [key, kid] of children(model, parentKey)) {
    const c = kid.columns.find((x) => x.name === name);
    if (!c) continue;
    change(c);
    changeChildColumns(model, key, name, change);
  }
}
