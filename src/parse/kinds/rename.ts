/**
 * `ALTER … RENAME` of the kinds whose name is their key and whose name nothing else holds: a rename is the same
 * object under a new key, with what PostgreSQL carries carried (a rule's definition names it; comments live on
 * the object). One mechanism per place the kinds live: `Model.objects` (publications, event triggers, extended
 * statistics, rules: `renameCatalogObject`), a table's parts keyed by name (policies), a type's parts (a domain's
 * check constraints, a composite type's attributes).
 *
 * In: the RenameStmt and the new name (already truncated to NAMEDATALEN). Out: the Model changed. Never: I/O.
 * The older kinds (tables, columns, constraints, indexes, sequences, types, triggers) rename in their own modules.
 */
import { objectKey } from '../../model/objects.js';
import { qualifiedKey } from '../../model/names.js';
import type { CatalogObject, CompositeType, DomainType, ForeignDataWrapper, ForeignServer, Rule } from '../../model/types.js';
import type { Payload } from '../ast.js';
import { foreignTableNamed } from './foreign.js';
import { deparseStatement, parseExpression, parseOne } from '../pg.js';
import { sv } from './nodes.js';
import type { FoldScope, Mut } from './scope.js';
import { retargetRules, ruleNamed } from './rule.js';
import { setAttributeComment } from './type.js';
import { statisticsNamed } from './statistics.js';
import { renamePrivileges } from './privileges.js';
import { renameColumn, renameColumnRefs } from './column.js';
import { exprRefs } from '../../model/expr-refs.js';
import { renameColumnInQuery } from './view-rename.js';
import { followRelation, queryNodeOf, refoldView } from './view.js';
import { readsRelation } from './relation-refs.js';

/**
 * Moves catalog object `o` to `newname`: removed under its key, added under the new one (E_DUPLICATE when taken,
 * as PostgreSQL's "already exists"); `rewrite` renders what else holds the name (a rule's definition).
 *
 * @example
 * renameCatalogObject(scope, pub, 'pub2') // objects['publication pub'] → objects['publication pub2']
 */
export function renameCatalogObject<T extends CatalogObject & { name: string }>(s: FoldScope, o: T, newname: string, rewrite: (moved: T) => T = (m) => m): void {
  moveCatalogObject(s, o, { name: newname } as Partial<T>, rewrite);
}

/**
 * Moves catalog object `o` to what `patch` makes of it (`{ name }` for RENAME, `{ schema }` for SET SCHEMA): removed
 * under its key, added under the new one (E_DUPLICATE when taken).
 *
 * @example
 * moveCatalogObject(scope, stats, { schema: 'app' }) // objects['statistics public.st'] → objects['statistics app.st']
 */
export function moveCatalogObject<T extends CatalogObject>(s: FoldScope, o: T, patch: Partial<T>, rewrite: (moved: T) => T = (m) => m): T {
  const from = objectKey(o);
  const moved = rewrite({ ...o, ...patch });
  const to = objectKey(moved);
  if (to !== from && s.objects[to]) s.fail('E_DUPLICATE', `${what(o.kind)} "${to.slice(to.indexOf(' ') + 1)}" already exists`);
  delete s.objects[from];
  s.objects[to] = moved;
  return moved;
}

const what = (k: string) => (k === 'event_trigger' ? 'event trigger' : k === 'statistics' ? 'statistics object' : k === 'foreign_data_wrapper' ? 'foreign-data wrapper' : k === 'foreign_table' ? 'relation' : k);

/**
 * `ALTER SERVER | FOREIGN DATA WRAPPER | FOREIGN TABLE … RENAME TO`: a server's foreign tables and user mappings
 * and a wrapper's servers follow (PostgreSQL holds them by OID); a foreign table takes its new name in the schema's
 * relation namespace, and the views that read it follow (./view.ts `followRelation`).
 *
 * @example
 * renameSqlMed(scope, { renameType: 'OBJECT_FOREIGN_SERVER', object: { String: { sval: 'files' } } }, 'archive')
 */
export function renameSqlMed(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  if (n.renameType === 'OBJECT_FOREIGN_TABLE') {
    const names = s.rangeNames(n.relation);
    const ft = foreignTableNamed(s.objects, names, s.searchPath);
    if (!ft) return n.missing_ok ? undefined : s.fail('E_UNKNOWN', `foreign table "${names.join('.')}" does not exist`, n.relation?.location);
    s.claim(ft.schema, newname);
    s.release(ft.schema, ft.name);
    renameCatalogObject(s, ft, newname);
    renamePrivileges(s.objects, ['COLUMN'], ft.schema, ft.name, { name: newname });
    retargetRules(s, qualifiedKey(ft.schema, ft.name), { schema: ft.schema, name: newname });
    return followRelation(s, { schema: ft.schema, name: ft.name, toSchema: ft.schema, toName: newname, columns: ft.columns.map((c) => c.name) }, `foreign table ${qualifiedKey(ft.schema, ft.name)}`);
  }
  const kind = n.renameType === 'OBJECT_FOREIGN_SERVER' ? 'server' : 'foreign_data_wrapper';
  const name = sv(n.object);
  const o = s.objects[`${kind} ${name}`] as ForeignServer | ForeignDataWrapper | undefined;
  if (!o) return s.fail('E_UNKNOWN', `${kind === 'server' ? 'server' : 'foreign-data wrapper'} "${name}" does not exist`);
  renameCatalogObject(s, o, newname);
  // Its privileges follow it (PostgreSQL keeps the ACL on the object).
  renamePrivileges(s.objects, [kind === 'server' ? 'FOREIGN SERVER' : 'FOREIGN DATA WRAPPER'], '', name, { name: newname });
  for (const x of Object.values(s.objects)) {
    if (kind === 'server' && (x.kind === 'foreign_table' || x.kind === 'user_mapping') && x.server === name) moveCatalogObject(s, x, { server: newname });
    if (kind === 'foreign_data_wrapper' && x.kind === 'server' && x.wrapper === name) moveCatalogObject(s, x, { wrapper: newname });
  }
}

/** `ALTER FOREIGN TABLE ft RENAME COLUMN a TO b`: the column, its options, comment and default kept. */
export function renameForeignColumn(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const names = s.rangeNames(n.relation);
  const ft = foreignTableNamed(s.objects, names, s.searchPath);
  if (!ft) return n.missing_ok ? undefined : s.fail('E_UNKNOWN', `foreign table "${names.join('.')}" does not exist`, n.relation?.location);
  if (!ft.columns.some((c) => c.name === n.subname)) s.fail('E_UNKNOWN', `column "${n.subname}" of relation "${ft.name}" does not exist`);
  if (ft.columns.some((c) => c.name === newname)) s.fail('E_DUPLICATE', `column "${newname}" of relation "${ft.name}" already exists`);
  // The views that read it now read the new name (PostgreSQL holds their queries by column number).
  const key = qualifiedKey(ft.schema, ft.name);
  const rename = { key, schema: ft.schema, table: ft.name, columns: ft.columns.map((c) => c.name), from: n.subname!, to: newname };
  const views = Object.values(s.model.views).filter((v) => readsRelation(queryNodeOf(v), ft.schema, ft.name)).map((v) => ({ v, q: renameColumnInQuery(s, queryNodeOf(v)!, { ...rename, view: v.name }) }));
  ft.columns = ft.columns.map((c) => (c.name === n.subname ? { ...c, name: newname } : c));
  // Its CHECKs, held by column number too, read the new name.
  if (ft.checks) ft.checks = ft.checks.map((c) => {
    if (!exprRefs(c.expr.canonical).columns.includes(n.subname!)) return c;
    const tree = parseExpression(c.expr.text);
    if (!tree) s.fail('E_NATIVE', `renaming column ${ft.name}.${n.subname} read by check ${c.name} is not folded natively; the dev database replays it`);
    return { ...c, expr: s.expr(renameColumnRefs(tree, ft.name, n.subname!, newname), ft.columns) };
  });
  for (const { v, q } of views) refoldView(s, v, q);
  renamePrivileges(s.objects, ['COLUMN'], ft.schema, ft.name, { column: { from: n.subname!, to: newname } });
}

/**
 * `ALTER FOREIGN TABLE ft SET SCHEMA s`: the foreign table in the new schema's relation namespace, its column
 * privileges, the rules on it and naming it, and the views that read it follow.
 *
 * @example
 * setForeignTableSchema(scope, alterObjectSchemaNode, 'archive') // objects['foreign_table public.ft'] → 'foreign_table archive.ft'
 */
export function setForeignTableSchema(s: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const names = s.rangeNames(n.relation);
  const ft = foreignTableNamed(s.objects, names, s.searchPath);
  if (!ft) return n.missing_ok ? undefined : s.fail('E_UNKNOWN', `foreign table "${names.join('.')}" does not exist`, n.relation?.location);
  if (ft.schema === to) return;
  s.claim(to, ft.name);
  s.release(ft.schema, ft.name);
  moveCatalogObject(s, ft, { schema: to });
  renamePrivileges(s.objects, ['COLUMN'], ft.schema, ft.name, { schema: to });
  retargetRules(s, qualifiedKey(ft.schema, ft.name), { schema: to, name: ft.name });
  followRelation(s, { schema: ft.schema, name: ft.name, toSchema: to, toName: ft.name, columns: ft.columns.map((c) => c.name) }, `foreign table ${qualifiedKey(ft.schema, ft.name)}`);
}

/** `ALTER STATISTICS st SET SCHEMA s`. */
export function setStatisticsSchema(s: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const names = (n.object?.List?.items ?? []).map(sv);
  const o = statisticsNamed(s, names, s.searchPath);
  if (!o) return n.missing_ok ? undefined : s.fail('E_UNKNOWN', `statistics object "${names.join('.')}" does not exist`);
  moveCatalogObject(s, o, { schema: to });
}

/**
 * `ALTER PUBLICATION | EVENT TRIGGER | STATISTICS | RULE … RENAME TO`.
 *
 * @example
 * renameObject(scope, { renameType: 'OBJECT_PUBLICATION', object: { String: { sval: 'pub' } } }, 'pub2')
 */
export function renameObject(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  switch (n.renameType) {
    case 'OBJECT_PUBLICATION': case 'OBJECT_EVENT_TRIGGER': {
      const kind = n.renameType === 'OBJECT_PUBLICATION' ? 'publication' : 'event_trigger';
      const name = sv(n.object);
      const o = s.objects[`${kind} ${name}`] as (CatalogObject & { name: string }) | undefined;
      if (!o) {
        if (n.missing_ok) return;
        return s.fail('E_UNKNOWN', `${what(kind)} "${name}" does not exist`);
      }
      return renameCatalogObject(s, o, newname);
    }
    case 'OBJECT_STATISTIC_EXT': {
      const names = (n.object?.List?.items ?? []).map(sv);
      const o = statisticsNamed(s, names, s.searchPath);
      if (o) return renameCatalogObject(s, o, newname);
      if (n.missing_ok) return;
      return s.fail('E_UNKNOWN', `statistics object "${names.join('.')}" does not exist`);
    }
    case 'OBJECT_RULE': {
      const r = ruleNamed(s, [...s.rangeNames(n.relation), n.subname!]);
      // The definition names the rule: re-rendered from its own parse tree with the new name.
      return renameCatalogObject<Rule>(s, r, newname, (m) => {
        const p = parseOne(m.definition);
        if (p?.type !== 'RuleStmt') return m;
        return { ...m, definition: deparseStatement('RuleStmt', { ...p.node, rulename: newname }) };
      });
    }
  }
  s.fail('E_UNSUPPORTED', `ALTER ${String(n.renameType)} … RENAME is not supported in a schema file`);
}

/** `ALTER POLICY name ON t RENAME TO new`: the policy, keyed by name in its table. */
export function renamePolicy(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const t = s.table(n.relation)!;
  const p = t.obj.policies[n.subname!];
  if (!p) s.fail('E_UNKNOWN', `policy "${n.subname}" for table "${t.obj.name}" does not exist`);
  if (t.obj.policies[newname]) s.fail('E_DUPLICATE', `policy "${newname}" for table "${t.obj.name}" already exists`);
  delete t.obj.policies[n.subname!];
  t.obj.policies[newname] = { ...p, name: newname };
}

/** `ALTER DOMAIN d RENAME CONSTRAINT c TO new`: the domain's check of that name. */
export function renameDomainConstraint(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const names = (n.object?.List?.items ?? n.object?.TypeName?.names ?? []).map(sv);
  const t = s.lookup(s.model.types, names);
  if (t?.obj.kind !== 'domain') return s.fail('E_UNKNOWN', `domain "${names.join('.')}" does not exist`);
  const d = t.obj as Mut<DomainType>;
  if (!d.checks.some((c) => c.name === n.subname)) s.fail('E_UNKNOWN', `constraint "${n.subname}" for domain "${d.name}" does not exist`);
  if (d.checks.some((c) => c.name === newname)) s.fail('E_DUPLICATE', `constraint "${newname}" for domain "${d.name}" already exists`);
  d.checks = d.checks.map((c) => (c.name === n.subname ? { ...c, name: newname } : c));
}

/**
 * `ALTER TYPE t RENAME ATTRIBUTE a TO b`: the composite type's attribute (its position and type kept). With typed
 * tables of the type, PostgreSQL requires CASCADE, and renames their column too (as ALTER TABLE … RENAME COLUMN).
 */
export function renameAttribute(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const names = s.rangeNames(n.relation);
  const t = s.lookup(s.model.types, names);
  if (t?.obj.kind !== 'composite') {
    if (n.missing_ok) return;
    return s.fail('E_UNKNOWN', `type "${names.join('.')}" is not a composite type`, n.relation?.location);
  }
  const c = t.obj as Mut<CompositeType>;
  if (!c.attributes.some((a) => a.name === n.subname)) {
    if (n.missing_ok) return;
    s.fail('E_UNKNOWN', `column "${n.subname}" does not exist`);
  }
  if (c.attributes.some((a) => a.name === newname)) s.fail('E_DUPLICATE', `column "${newname}" of relation "${c.name}" already exists`);
  const typed = Object.values(s.model.tables).filter((x) => x.ofType === t.key);
  if (typed.length && n.behavior !== 'DROP_CASCADE') s.fail('E_DEPENDS', `cannot alter type "${c.name}" because it is the type of a typed table (${typed.map((x) => x.name).join(', ')}); use ALTER TYPE … CASCADE`, n.relation?.location);
  c.attributes = c.attributes.map((a) => (a.name === n.subname ? { ...a, name: newname } : a));
  // Its comment follows it.
  const text = c.attributeComments?.[n.subname!];
  if (text !== undefined) {
    setAttributeComment(c, n.subname!, undefined);
    setAttributeComment(c, newname, text);
  }
  for (const x of typed) renameColumn(s, { ...n, renameType: 'OBJECT_COLUMN', relationType: 'OBJECT_TABLE', relation: { schemaname: x.schema, relname: x.name, inh: true } }, newname);
}

