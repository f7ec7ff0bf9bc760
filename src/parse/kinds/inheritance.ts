/**
 * Table inheritance, folded as PostgreSQL applies it (src/model/inheritance.ts describes the Model's form):
 * `ALTER TABLE child INHERIT p` / `NO INHERIT p`, and what a parent's `ADD COLUMN`, `DROP COLUMN` and
 * `ALTER COLUMN … TYPE` do to its children (and partitions) unless written with `ONLY`.
 */
import { mergeIntoCopy } from './check-copies.js';
import { afterNoInherit, checkProviders, inheritableChecks } from '../../model/inheritance.js';
import type { CheckConstraint, Column, Constraint, Model, Table } from '../../model/types.js';
import { Problem, type MModel, type MTable, type Mut } from './scope.js';

/** The tables that inherit from `key` or are its partitions. */
export function children(model: MModel, key: string): [string, MTable][] {
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

/**
 * A parent's `ADD CONSTRAINT … CHECK` reaches its children, grandchildren and partitions (NOT VALID too) as a copy
 * they have from it only (`conislocal = false`), which the Model leaves out of their constraints; a child's own
 * check of that name is merged with it (same expression) and stays its own. With `ONLY`, PostgreSQL refuses a
 * check its children would inherit ("constraint must be added to child tables too"), unless `NO INHERIT`.
 *
 * @example
 * addCheckToChildren(model, 'public.p', check, false) // throws when a child has another p_n
 */
export function addCheckToChildren(model: MModel, parentKey: string, check: Constraint, only: boolean, owner = parentKey): void {
  if (check.kind !== 'check' || check.noInherit) return;
  const kids = children(model, parentKey);
  if (only && kids.length) throw new Problem('E_UNSUPPORTED', `constraint "${check.name}" must be added to child tables too (ALTER TABLE without ONLY, or NO INHERIT)`);
  for (const [key, kid] of kids) {
    const have = kid.constraints[check.name];
    if (have && (have.kind !== 'check' || have.noInherit || have.expr.canonical !== check.expr.canonical)) throw new Problem('E_DUPLICATE', `constraint "${check.name}" for relation "${kid.name}" already exists`);
    // A partition's own check of the name becomes its copy (PostgreSQL: conislocal false), valid if it was.
    if (have && kid.partitionOf) mergeIntoCopy(model, owner, key, have);
    addCheckToChildren(model, key, check, false, owner);
  }
}

/**
 * `DROP CONSTRAINT` of a check a table has from a parent: PostgreSQL refuses it ("cannot drop inherited
 * constraint"), also when the table declares it too (merged). Without `ONLY` on the parent, the copies its
 * children have from it alone go with it (the Model has none to remove); with `ONLY`, its direct children's
 * copies become their own (grandchildren keep theirs from them), which a partitioned table refuses on
 * PostgreSQL 15 ("cannot remove constraint from only the partitioned table when partitions exist"; 18
 * allows it: the fold follows 15, so the file applies on both).
 *
 * @example
 * dropCheck(model, 'public.p', p, p.constraints.p_n, true) // c.constraints.p_n is c's own now
 */
export function dropCheck(model: MModel, key: string, t: MTable, check: Constraint, only: boolean): void {
  if (check.kind !== 'check') return;
  if (checkProviders(model as unknown as Model, t as unknown as Table, check.name).length) throw new Problem('E_DEPENDS', `cannot drop inherited constraint "${check.name}" of relation "${t.name}"`);
  if (!only || check.noInherit) return;
  const kids = children(model, key);
  if (t.partitionBy && kids.length) throw new Problem('E_UNSUPPORTED', `cannot remove constraint "${check.name}" from only the partitioned table when partitions exist`);
  for (const [, kid] of kids) {
    if (kid.constraints[check.name]) continue;
    const others = checkProviders(model as unknown as Model, { ...kid, inherits: kid.inherits.filter((p) => p !== key) } as unknown as Table, check.name);
    if (others.length) continue;
    const { comment: _c, loc: _l, ...own } = check as CheckConstraint & { loc?: unknown };
    kid.constraints[check.name] = own;
  }
}
