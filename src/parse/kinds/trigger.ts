/**
 * Triggers, folded: `CREATE [OR REPLACE] TRIGGER` (definition rendered schema-qualified), rename and DROP.
 */
import type { Trigger } from '../../model/types.js';
import { deparseStatement } from '../pg.js';
import type { Payload } from '../ast.js';
import { Problem, type FoldScope, type MTable, type MView } from './scope.js';
import { dropTablePart } from './relation.js';
import { qualifiedKey, quoteIdent } from '../../model/names.js';
import { sv } from './nodes.js';
import { forgetClones, partitionsBelow } from '../../model/cloned-triggers.js';
import type { Firing } from '../../model/firing.js';

export function createTrigger(sc: FoldScope, n: Payload<'CreateTrigStmt'>): void {
  const rel = sc.rangeNames(n.relation);
  const t = sc.lookup(sc.model.tables, rel) ?? sc.lookup(sc.model.views, rel);
  if (!t) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`);
  const fnames = n.funcname!.map(sv);
  let fn: { schema: string; name: string } | undefined = fnames.length === 1 ? sc.findFunction(fnames[0]!) : sc.functionsNamed(qualifiedKey(fnames[0]!, fnames[1]!))[0];
  // An unqualified name the schema does not define is a built-in (pg_catalog) function, e.g. tsvector_update_trigger.
  if (!fn && (fnames.length === 1 || fnames[0] === 'pg_catalog')) fn = { schema: 'pg_catalog', name: fnames[fnames.length - 1]! };
  if (!fn) throw new Problem('E_UNKNOWN', `function ${fnames.join('.')}() does not exist`);
  const owner = t.obj as MTable | MView;
  const triggers = (owner.triggers ??= {}) as Record<string, Trigger>;
  const trigname = n.trigname!;
  if (triggers[trigname] && !n.replace) throw new Problem('E_DUPLICATE', `trigger "${n.trigname}" for relation "${owner.name}" already exists`);
  // Replaced, it fires on origin again (`enabled: 'O'` below), and so do its copies on the partitions, whatever
  // states they were set to (PostgreSQL 15: CreateTriggerFiringOn rewrites each copy's pg_trigger row).
  if (triggers[trigname]) forgetClones(sc.model.tables, partitionsBelow(sc.model.tables, t.key), trigname);
  const timing = (n.timing ?? 0) & 2 ? 'BEFORE' : (n.timing ?? 0) & 64 ? 'INSTEAD OF' : 'AFTER';
  const ev = n.events ?? 0;
  const events = [ev & 8 ? 'DELETE' : '', ev & 4 ? 'INSERT' : '', ev & 32 ? 'TRUNCATE' : '', ev & 16 ? 'UPDATE' : ''].filter(Boolean);
  const funcname = fn.schema === 'pg_catalog' ? [{ String: { sval: fn.name } }] : [{ String: { sval: fn.schema } }, { String: { sval: fn.name } }];
  // A constraint trigger's FROM table (the referenced side of a hand-made foreign key) is kept by OID: printed qualified.
  const from = n.constrrel && (sc.lookup(sc.model.tables, sc.rangeNames(n.constrrel)) ?? sc.lookup(sc.model.views, sc.rangeNames(n.constrrel)));
  if (n.constrrel && !from) throw new Problem('E_UNKNOWN', `relation "${sc.rangeNames(n.constrrel).join('.')}" does not exist`);
  const constrrel = from ? { constrrel: { ...n.constrrel, schemaname: from.obj.schema, relname: from.obj.name } } : {};
  const q = sc.qualify({ ...n, replace: false, relation: { ...n.relation, schemaname: owner.schema, relname: owner.name }, funcname, ...constrrel });
  triggers[trigname] = {
    kind: 'trigger', name: trigname, table: t.key, timing, events, updateOf: [], forEach: n.row ? 'ROW' : 'STATEMENT', function: qualifiedKey(fn.schema, fn.name), args: [],
    ...(n.isconstraint ? { constraint: { deferrable: !!n.deferrable, initiallyDeferred: !!n.initdeferred } } : {}),
    enabled: 'O', definition: deparseStatement('CreateTrigStmt', q), loc: sc.loc,
  };
}

/** DROP TRIGGER. */
export function dropTrigger(sc: FoldScope, names: readonly string[], missingOk: boolean): void {
  const t = sc.lookup(sc.model.tables, names.slice(0, -1));
  dropTablePart(sc, 'triggers', 'trigger', names, missingOk);
  // Its copies on the partitions go with it.
  if (t) forgetClones(sc.model.tables, partitionsBelow(sc.model.tables, t.key), names[names.length - 1]!);
}

/** ALTER TRIGGER … ON t RENAME TO (its definition follows). */
export function renameTrigger(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const t = sc.table(n.relation)!;
  const subname = n.subname!;
  const tr = t.obj.triggers[subname];
  if (!tr) throw new Problem('E_UNKNOWN', `trigger "${n.subname}" for table "${t.obj.name}" does not exist`);
  delete t.obj.triggers[subname];
  // Its copies on the partitions are renamed with it (PostgreSQL 15+), their firing states kept.
  for (const k of partitionsBelow(sc.model.tables, t.key)) {
    const clones = sc.model.tables[k]!.clonedTriggers as Record<string, Firing> | undefined;
    if (clones?.[subname] === undefined) continue;
    clones[newname] = clones[subname]!;
    delete clones[subname];
  }
  t.obj.triggers[newname] = { ...tr, name: newname, definition: tr.definition?.replace(/^CREATE (CONSTRAINT )?TRIGGER \S+/, (m) => m.replace(/\S+$/, quoteIdent(newname))) };
}
