/**
 * Table constraints, folded: primary keys, unique, foreign keys, checks and exclusions, named as PostgreSQL names
 * unnamed ones; `ADD CONSTRAINT … USING INDEX`; `RENAME CONSTRAINT`.
 */
import type { FkAction, PrimaryKey, UniqueConstraint } from '../../model/types.js';
import { figureColname } from '../colname.js';
import { deparseExpression } from '../pg.js';
import { walk, type Node, type Payload } from '../ast.js';
import { Problem, Refused, type FoldScope, type MTable, type Mut } from './scope.js';
import { findAttached, forget } from './partition-indexes.js';
import { deferralSql, foreignKeySql, keySql } from '../../model/constraint-sql.js';
import { qualifiedKey, quoteIdent } from '../../model/names.js';
import { renameKeyCopy, renameKeySource } from './partition-keys.js';
import { chooseName, nameAddition, truncateIdent } from '../../model/naming.js';
import { indexColumns } from './indexes.js';
import { relOptions, sv } from './nodes.js';
import { tablespaceRefusal } from '../refused.js';

const FK: Record<string, FkAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Adds a table or column constraint (named as PostgreSQL would when unnamed). */
export function constraint(sc: FoldScope, t: MTable, k: Payload<'Constraint'> & { __table?: boolean }, column?: string): void {
  const cols = (list: Node[] | undefined) => (list ?? []).map(sv);
  const deferrable = !!k.deferrable;
  const initiallyDeferred = !!k.initdeferred;
  const base = { deferrable, initiallyDeferred, loc: sc.loc };
  const taken = (x: string) => sc.conTaken(t.schema, x) || !!t.constraints[x];
  const tablespace = tablespaceRefusal('USING INDEX TABLESPACE', k.indexspace);
  if (tablespace) throw new Refused(tablespace, k.location);
  switch (k.contype) {
    case 'CONSTR_PRIMARY': case 'CONSTR_UNIQUE': {
      const columns = column ? [column] : cols(k.keys);
      if (k.indexname) throw new Problem('E_UNSUPPORTED', 'ADD CONSTRAINT … USING INDEX is not supported in a schema file');
      for (const c of columns) if (!t.columns.some((x) => x.name === c)) throw new Problem('E_UNKNOWN', `column "${c}" named in key does not exist in table "${t.name}"`);
      const primary = k.contype === 'CONSTR_PRIMARY';
      if (primary && Object.values(t.constraints).some((c) => c.kind === 'primary_key')) throw new Problem('E_DUPLICATE', `multiple primary keys for table "${t.name}" are not allowed`);
      const name = k.conname ? truncateIdent(k.conname) : primary
        ? chooseName(t.name, undefined, 'pkey', (x) => sc.taken(t.schema, x) || taken(x))
        : chooseName(t.name, nameAddition(columns), 'key', (x) => sc.taken(t.schema, x) || taken(x));
      sc.claim(t.schema, name);
      sc.claimCon(t.schema, name);
      const include = cols(k.including);
      const opts = relOptions(k.options);
      const nnd = !!k.nulls_not_distinct;
      // A temporal key (PostgreSQL 18): `(id, valid_at WITHOUT OVERLAPS)`.
      const temporal = k.without_overlaps ? { withoutOverlaps: true } : {};
      const definition = keySql({ kind: primary ? 'primary_key' : 'unique', columns, include, nullsNotDistinct: nnd, deferrable, initiallyDeferred, ...temporal }, opts);
      if (primary) for (const c of t.columns) if (columns.includes(c.name)) c.notNull = true;
      const stored = opts.length ? { options: opts } : {};
      t.constraints[name] = primary
        ? { kind: 'primary_key', name, ...base, columns, include, definition, ...stored, ...temporal }
        : { kind: 'unique', name, ...base, columns, include, nullsNotDistinct: nnd, definition, ...stored, ...temporal };
      return;
    }
    case 'CONSTR_FOREIGN': {
      const columns = column ? [column] : cols(k.fk_attrs);
      const ref = sc.table(k.pktable)!;
      let refColumns = cols(k.pk_attrs);
      // A temporal foreign key (PostgreSQL 18): `(id, PERIOD valid_at) REFERENCES t (id, PERIOD valid_at)`, or the
      // referenced table's key WITHOUT OVERLAPS when no columns are named.
      const period = !!k.fk_with_period;
      if (refColumns.length && period !== !!k.pk_with_period) throw new Problem('E_INVALID', period ? 'foreign key uses PERIOD on the referencing table but not the referenced table' : 'foreign key uses PERIOD on the referenced table but not the referencing table', k.location);
      if (!refColumns.length) {
        const pk = Object.values(ref.obj.constraints).find((c) => c.kind === 'primary_key') as { columns: string[] } | undefined;
        if (!pk) throw new Problem('E_UNKNOWN', `there is no primary key for referenced table "${ref.obj.name}"`);
        refColumns = [...pk.columns];
      }
      for (const c of columns) if (!t.columns.some((x) => x.name === c)) throw new Problem('E_UNKNOWN', `column "${c}" referenced in foreign key constraint does not exist`);
      for (const c of refColumns) if (!ref.obj.columns.some((x) => x.name === c)) throw new Problem('E_UNKNOWN', `column "${c}" referenced in foreign key constraint does not exist in "${ref.obj.name}"`);
      const name = k.conname ? truncateIdent(k.conname) : chooseName(t.name, nameAddition(columns), 'fkey', taken);
      sc.claimCon(t.schema, name);
      const onUpdate = FK[k.fk_upd_action ?? 'a'] ?? 'NO ACTION';
      const onDelete = FK[k.fk_del_action ?? 'a'] ?? 'NO ACTION';
      const match = k.fk_matchtype === 'f' ? 'FULL' : k.fk_matchtype === 'p' ? 'PARTIAL' : 'SIMPLE';
      const notValid = !!k.skip_validation;
      // `ON DELETE SET NULL (col, …)` (PostgreSQL 15) has no field of its own: it lives in the definition text,
      // spelled as pg_get_constraintdef spells it, which the planner then keeps.
      const setCols = cols(k.fk_del_set_cols);
      const definition = foreignKeySql({ columns, refColumns, match, onUpdate, onDelete, deferrable, initiallyDeferred, notValid, period }, ref.key)
        .replace(/ ON DELETE SET (NULL|DEFAULT)/, (m) => (setCols.length ? `${m} (${setCols.map(quoteIdent).join(', ')})` : m));
      t.constraints[name] = { kind: 'foreign_key', name, ...base, columns, refTable: ref.key, refColumns, onDelete, onUpdate, match, ...(notValid ? { notValid } : {}), ...(period ? { period } : {}), definition };
      return;
    }
    case 'CONSTR_CHECK': {
      const e = sc.expr(k.raw_expr, t.columns);
      // PostgreSQL names a CHECK after the one column it reads (`t_a_check`), else after the table alone (`t_check`),
      // whether it was written as a column or a table constraint (heap.c, AddRelationNewConstraints).
      const name = k.conname ? truncateIdent(k.conname) : chooseName(t.name, onlyColumn(k.raw_expr!, t), 'check', taken);
      sc.claimCon(t.schema, name);
      const notValid = !!k.skip_validation;
      t.constraints[name] = { kind: 'check', name, ...base, expr: e, noInherit: !!k.is_no_inherit, ...(notValid ? { notValid } : {}), definition: `CHECK (${e.text})${k.is_no_inherit ? ' NO INHERIT' : ''}${notValid ? ' NOT VALID' : ''}` };
      return;
    }
    case 'CONSTR_EXCLUSION': {
      const elems = (k.exclusions ?? []).map((x) => (x.List?.items ?? x) as Node[]); // [IndexElem, operator name]
      const colNames = elems.map((e) => e[0]?.IndexElem?.name ?? (e[0]?.IndexElem?.expr ? figureColname(e[0].IndexElem.expr) : 'expr'));
      const name = k.conname ? truncateIdent(k.conname) : chooseName(t.name, nameAddition(colNames), 'excl', (x) => sc.taken(t.schema, x) || taken(x));
      sc.claim(t.schema, name);
      sc.claimCon(t.schema, name);
      const parts = elems.map((e) => {
        const ie = e[0].IndexElem;
        const op = ((e[1]?.List?.items ?? e[1] ?? []) as Node[]).map(sv).join('.');
        const target = ie!.name ? quoteIdent(ie!.name) : `(${deparseExpression(sc.qualify(ie!.expr!))})`;
        const opclass = ie!.opclass?.length ? ` ${ie!.opclass.map(sv).join('.')}` : '';
        return `${target}${opclass} WITH ${op}`;
      });
      const where = k.where_clause ? ` WHERE (${deparseExpression(sc.qualify(k.where_clause))})` : '';
      const opts = relOptions(k.options);
      const withOpts = opts.length ? ` WITH (${opts.join(', ')})` : '';
      t.constraints[name] = { kind: 'exclusion', name, ...base, definition: `EXCLUDE USING ${k.access_method ?? 'gist'} (${parts.join(', ')})${withOpts}${where}${deferralSql(base)}`, ...(opts.length ? { options: opts } : {}) };
      return;
    }
    case 'CONSTR_NOTNULL': {
      const c = t.columns.find((x) => x.name === column);
      if (c) c.notNull = true;
      return;
    }
    default:
      throw new Problem('E_UNSUPPORTED', `constraint ${String(k.contype).replace('CONSTR_', '')} is not supported`);
  }
}

/** `ADD CONSTRAINT … PRIMARY KEY USING INDEX idx`: the index becomes the constraint (and takes its name). */
export function constraintUsingIndex(sc: FoldScope, t: MTable, k: Payload<'Constraint'>): void {
  const ix = t.indexes[k.indexname!];
  if (!ix) return attachedUsingIndex(sc, t, k);
  const node = sc.indexNodes.get(ix);
  const columns = indexColumns(node);
  delete t.indexes[k.indexname!];
  sc.release(t.schema, k.indexname!);
  const name = k.conname ?? k.indexname;
  constraint(sc, t, { ...k, indexname: undefined, conname: name, keys: columns.map((c) => ({ String: { sval: c } })) });
}

/**
 * `ADD CONSTRAINT … USING INDEX idx` over the partition `t`'s index attached to its parent's plain index (recorded
 * on the top index: Index.attached): the key takes the index, which stays attached to the same parent index
 * (Constraint.attachedTo, as the inspector reads pg_inherits), no longer in the top index's attached names.
 *
 * @example
 * attachedUsingIndex(sc, ru_1, k) // ALTER TABLE ru_1 ADD CONSTRAINT ru_1_key UNIQUE USING INDEX ru_1_a_b_idx
 */
function attachedUsingIndex(sc: FoldScope, t: MTable, k: Payload<'Constraint'>): void {
  const key = qualifiedKey(t.schema, t.name);
  const found = findAttached(sc, [t.schema, k.indexname!]);
  if (!found || found.part !== key) throw new Problem('E_UNKNOWN', `index "${k.indexname}" does not exist on "${t.name}"`);
  const { root } = found;
  // The index it is attached to: the top one, or the index of its own parent (a partition a level down).
  const parent = t.partitionOf?.parent;
  const above = parent && parent !== root.table ? root.attached?.[parent] : undefined;
  const attachedTo = above !== undefined ? qualifiedKey(sc.model.tables[parent!]!.schema, above) : qualifiedKey(root.schema, root.name);
  const columns = indexColumns(sc.indexNodes.get(root));
  forget(root, key);
  sc.release(t.schema, k.indexname!);
  const name = k.conname ?? k.indexname!;
  constraint(sc, t, { ...k, indexname: undefined, conname: name, keys: columns.map((c) => ({ String: { sval: c } })) });
  const made = t.constraints[name] as Mut<PrimaryKey | UniqueConstraint>;
  t.constraints[name] = { ...made, attachedTo };
}

/** Constraint definitions embed column and table names: re-render the structured ones after a rename. */
export function rerenderConstraints(t: MTable): void {
  for (const [k, c] of Object.entries(t.constraints)) {
    if (c.kind === 'primary_key' || c.kind === 'unique') {
      const opts = c.definition?.match(/ WITH \((.*)\)/)?.[1];
      t.constraints[k] = { ...c, definition: keySql(c, opts ? [opts] : []) };
    } else if (c.kind === 'foreign_key') {
      t.constraints[k] = { ...c, definition: foreignKeySql(c, c.refTable) };
    }
  }
}

export function applyAttr(c: Payload<'Constraint'>, attr: string): void {
  if (attr === 'CONSTR_ATTR_DEFERRABLE') c.deferrable = true;
  else if (attr === 'CONSTR_ATTR_NOT_DEFERRABLE') c.deferrable = false;
  else if (attr === 'CONSTR_ATTR_DEFERRED') { c.initdeferred = true; c.deferrable = true; }
  else if (attr === 'CONSTR_ATTR_IMMEDIATE') c.initdeferred = false;
}

/**
 * The one column of `t` that a CHECK expression reads (several mentions of it count once), else undefined: what
 * PostgreSQL names an unnamed CHECK after.
 *
 * @example
 * onlyColumn(parseExpr('a > 0 AND a < 10'), t) // 'a'; `a <= b` → undefined
 */
export function onlyColumn(e: Node, t: MTable): string | undefined {
  const found = new Set<string>();
  walk(e, (x) => {
    if (x.ColumnRef) {
      const f = x.ColumnRef.fields!.map(sv);
      const c = f[f.length - 1];
      if (c !== undefined && t.columns.some((col) => col.name === c)) found.add(c);
    }
  });
  return found.size === 1 ? [...found][0] : undefined;
}

/** Column names a canonical expression mentions (for DROP COLUMN cascading to CHECKs). */
export function columnsOf(canonical: string): string[] {
  const out: string[] = [];
  for (const m of canonical.matchAll(/"Col":\[([^\]]*)\]/g)) {
    const parts = JSON.parse(`[${m[1]}]`) as string[];
    out.push(parts[parts.length - 1]!);
  }
  return out;
}

/** ALTER TABLE … RENAME CONSTRAINT (a key's or exclusion's index name follows). */
export function renameConstraint(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const t = sc.table(n.relation)!;
  const c = t.obj.constraints[n.subname!];
  // A partition's copy of its parent's key (the Model leaves it to the parent's: PrimaryKey.copies).
  if (!c && renameKeyCopy(sc, [t.obj.schema, n.subname!], newname, qualifiedKey(t.obj.schema, t.obj.name))) return;
  if (!c) throw new Problem('E_UNKNOWN', `constraint "${n.subname}" of relation "${t.obj.name}" does not exist`);
  delete t.obj.constraints[n.subname!];
  t.obj.constraints[newname] = { ...c, name: newname };
  if (c.kind !== 'check' && c.kind !== 'foreign_key') {
    sc.release(t.obj.schema, n.subname!);
    sc.claim(t.obj.schema, newname);
  }
  if (c.kind === 'primary_key' || c.kind === 'unique') renameKeySource(sc, t.obj, n.subname!, newname);
}

/**
 * `ALTER TABLE t ALTER CONSTRAINT c [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`: the foreign key's deferral
 * changes in place, its definition re-rendered (PostgreSQL allows it on foreign keys only; the forms PostgreSQL 18
 * adds, ENFORCED and INHERIT, are refused, located).
 *
 * @example
 * alterConstraint(scope, table, { conname: 'b_a', alterDeferrability: true, deferrable: true, initdeferred: true })
 */
export function alterConstraint(t: MTable, a: Payload<'ATAlterConstraint'>): void {
  const c = t.constraints[a.conname!];
  if (!c) throw new Problem('E_UNKNOWN', `constraint "${a.conname}" of relation "${t.name}" does not exist`);
  if (a.alterEnforceability || a.alterInheritability) throw new Problem('E_UNSUPPORTED', `ALTER TABLE … ALTER CONSTRAINT … ${a.alterEnforceability ? 'ENFORCED' : 'INHERIT'} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
  if (c.kind !== 'foreign_key') throw new Problem('E_INVALID', `constraint "${a.conname}" of relation "${t.name}" is not a foreign key constraint`);
  const deferrable = !!a.deferrable;
  t.constraints[c.name] = { ...c, deferrable, initiallyDeferred: deferrable && !!a.initdeferred };
  rerenderConstraints(t);
}
