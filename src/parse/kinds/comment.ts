/**
 * `COMMENT ON …`, folded onto the object it names, for every kind that keeps a comment.
 */
import type { CompositeType, Constraint, DomainType, Index } from '../../model/types.js';
import type { Payload } from '../ast.js';
import { Problem, type FoldScope, type MTable, type Mut } from './scope.js';
import * as eventTrigger from './event-trigger.js';
import * as publication from './publication.js';
import * as statistics from './statistics.js';
import * as collations from './collation.js';
import * as casts from './cast.js';
import * as operators from './operator.js';
import * as opClasses from './operator-class.js';
import * as foreign from './foreign.js';
import * as rule from './rule.js';
import * as textSearch from './text-search.js';
import { functionByArgs } from './function.js';
import { constraintIndexOwner, findIndex } from './indexes.js';
import { sv } from './nodes.js';
import { setAttributeComment } from './type.js';

export function comment(sc: FoldScope, n: Payload<'CommentStmt'>): void {
  const text: string | undefined = n.comment ?? undefined;
  const set = (o: { comment?: string }) => {
    if (text === undefined) delete o.comment;
    else o.comment = text;
  };
  const list = (): string[] => (n.object?.List?.items ?? []).map(sv);
  switch (n.objtype) {
    case 'OBJECT_SCHEMA': {
      const s = sc.model.schemas[sv(n.object)];
      if (!s) throw new Problem('E_UNKNOWN', `schema "${sv(n.object)}" does not exist`);
      return set(s);
    }
    case 'OBJECT_EXTENSION': {
      const e = sc.model.extensions[sv(n.object)];
      if (e) set(e as { comment?: string });
      return;
    }
    case 'OBJECT_TABLE': case 'OBJECT_VIEW': case 'OBJECT_MATVIEW': {
      const names = list();
      const o = sc.lookup(sc.model.tables, names) ?? sc.lookup(sc.model.views, names);
      if (!o) throw new Problem('E_UNKNOWN', `relation "${names.join('.')}" does not exist`);
      return set(o.obj);
    }
    case 'OBJECT_COLUMN': {
      const names = list();
      const col = names[names.length - 1]!;
      const rel = names.slice(0, -1);
      const t = sc.lookup(sc.model.tables, rel);
      if (t) {
        const c = t.obj.columns.find((x) => x.name === col);
        if (!c) throw new Problem('E_UNKNOWN', `column "${col}" of relation "${rel.join('.')}" does not exist`);
        return set(c);
      }
      const ft = foreign.foreignTableNamed(sc.model.objects, rel, sc.searchPath);
      if (ft) {
        if (!ft.columns.some((x) => x.name === col)) throw new Problem('E_UNKNOWN', `column "${col}" of relation "${rel.join('.')}" does not exist`);
        ft.columns = ft.columns.map((x) => (x.name !== col ? x : text === undefined ? { ...x, comment: undefined } : { ...x, comment: text }));
        return;
      }
      const ty = sc.lookup(sc.model.types, rel);
      if (ty?.obj.kind === 'composite') {
        // A composite type's attribute: a column of its pg_class row, as PostgreSQL resolves the name.
        const c = ty.obj as Mut<CompositeType>;
        if (!c.attributes.some((a) => a.name === col)) throw new Problem('E_UNKNOWN', `column "${col}" of relation "${rel.join('.')}" does not exist`);
        setAttributeComment(c, col, text);
        return;
      }
      const v = sc.lookup(sc.model.views, rel);
      if (!v) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`);
      const cc = { ...(v.obj.columnComments ?? {}) };
      if (text === undefined) delete cc[col];
      else cc[col] = text;
      if (Object.keys(cc).length) v.obj.columnComments = cc;
      else delete v.obj.columnComments;
      return;
    }
    case 'OBJECT_INDEX': {
      const ix = findIndex(sc, list());
      if (ix) return set(ix.index as Mut<Index>);
      // The index behind a PRIMARY KEY / UNIQUE / EXCLUDE constraint: its comment is the index's, not the constraint's.
      const owner = constraintIndexOwner(sc, list());
      if (!owner) throw new Problem('E_UNKNOWN', `index "${list().join('.')}" does not exist`);
      const k = owner.table.constraints[owner.name] as Mut<Constraint> & { indexComment?: string };
      if (text === undefined) delete k.indexComment;
      else k.indexComment = text;
      return;
    }
    case 'OBJECT_SEQUENCE': {
      const s = sc.lookup(sc.model.sequences, list());
      if (!s) throw new Problem('E_UNKNOWN', `sequence "${list().join('.')}" does not exist`);
      return set(s.obj);
    }
    case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': {
      const names = (n.object?.TypeName?.names ?? n.object?.List?.items ?? []).map(sv);
      const t = sc.lookup(sc.model.types, names);
      if (!t) throw new Problem('E_UNKNOWN', `type "${names.join('.')}" does not exist`);
      return set(t.obj);
    }
    case 'OBJECT_DOMCONSTRAINT': {
      // COMMENT ON CONSTRAINT c ON DOMAIN d: the domain's type name, then the constraint's name.
      const [domain, constraint] = n.object?.List?.items ?? [];
      const names = (domain?.TypeName?.names ?? []).map(sv);
      const t = sc.lookup(sc.model.types, names);
      const name = constraint ? sv(constraint) : '';
      if (t?.obj.kind !== 'domain' || !t.obj.checks.some((c) => c.name === name)) throw new Problem('E_UNKNOWN', `constraint "${name}" for domain "${names.join('.')}" does not exist`);
      const d = t.obj as Mut<DomainType>;
      d.checks = d.checks.map((c) => (c.name !== name ? c : text === undefined ? (({ comment: _, ...rest }) => rest)(c) : { ...c, comment: text }));
      return;
    }
    case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_AGGREGATE': {
      const f = functionByArgs(sc, n.object!.ObjectWithArgs!);
      return set(f);
    }
    case 'OBJECT_RULE': return set(rule.ruleNamed(sc, list()) as { comment?: string });
    case 'OBJECT_FOREIGN_TABLE': {
      const ft = foreign.foreignTableNamed(sc.model.objects, list(), sc.searchPath);
      if (!ft) throw new Problem('E_UNKNOWN', `foreign table "${list().join('.')}" does not exist`);
      return set(ft);
    }
    case 'OBJECT_EVENT_TRIGGER': {
      const e = eventTrigger.eventTriggerNamed(sc, sv(n.object));
      if (!e) throw new Problem('E_UNKNOWN', `event trigger "${sv(n.object)}" does not exist`);
      return set(e);
    }
    case 'OBJECT_OPERATOR': {
      const op = operators.operatorNamed(sc, n.object!.ObjectWithArgs!, sc.searchPath);
      if (!op) throw new Problem('E_UNKNOWN', `operator ${(n.object!.ObjectWithArgs!.objname ?? []).map(sv).join('.')} does not exist`);
      return set(op);
    }
    case 'OBJECT_OPCLASS': case 'OBJECT_OPFAMILY': {
      const kind = n.objtype === 'OBJECT_OPCLASS' ? 'operator_class' : 'operator_family';
      const o = opClasses.opClassNamed(sc, kind, list());
      if (!o) throw new Problem('E_UNKNOWN', `operator ${kind === 'operator_class' ? 'class' : 'family'} "${list().slice(1).join('.')}" does not exist for access method "${list()[0]}"`);
      return set(o);
    }
    case 'OBJECT_CAST': {
      const ca = casts.castNamed(sc, n.object!.List!.items!);
      if (!ca) throw new Problem('E_UNKNOWN', 'cast does not exist');
      return set(ca);
    }
    case 'OBJECT_COLLATION': {
      const co = collations.collationNamed(sc.model, list(), sc.searchPath);
      if (!co) throw new Problem('E_UNKNOWN', `collation "${list().join('.')}" does not exist`);
      return set(co);
    }
    case 'OBJECT_TSDICTIONARY': case 'OBJECT_TSCONFIGURATION': {
      const ts = n.objtype === 'OBJECT_TSDICTIONARY' ? textSearch.dictionaryNamed(sc.model, list(), sc.searchPath) : textSearch.configurationNamed(sc.model, list(), sc.searchPath);
      if (!ts) throw new Problem('E_UNKNOWN', `text search ${n.objtype === 'OBJECT_TSDICTIONARY' ? 'dictionary' : 'configuration'} "${list().join('.')}" does not exist`);
      return set(ts);
    }
    case 'OBJECT_STATISTIC_EXT': {
      const st = statistics.statisticsNamed(sc, list(), sc.searchPath);
      if (!st) throw new Problem('E_UNKNOWN', `statistics object "${list().join('.')}" does not exist`);
      return set(st);
    }
    case 'OBJECT_PUBLICATION': {
      const p = publication.publicationNamed(sc, sv(n.object));
      if (!p) throw new Problem('E_UNKNOWN', `publication "${sv(n.object)}" does not exist`);
      return set(p);
    }
    case 'OBJECT_FDW': case 'OBJECT_FOREIGN_SERVER': {
      const o = sc.model.objects[`${n.objtype === 'OBJECT_FDW' ? 'foreign_data_wrapper' : 'server'} ${sv(n.object)}`];
      if (!o) throw new Problem('E_UNKNOWN', `${n.objtype === 'OBJECT_FDW' ? 'foreign-data wrapper' : 'server'} "${sv(n.object)}" does not exist`);
      return set(o as { comment?: string });
    }
    case 'OBJECT_TABCONSTRAINT': case 'OBJECT_TRIGGER': case 'OBJECT_POLICY': {
      const names = list();
      const name = names[names.length - 1]!;
      const rel = names.slice(0, -1);
      const t = sc.lookup(sc.model.tables, rel) ?? sc.lookup(sc.model.views, rel);
      const ft = t || n.objtype !== 'OBJECT_TABCONSTRAINT' ? undefined : foreign.foreignTableNamed(sc.model.objects, rel, sc.searchPath);
      if (ft) {
        // A foreign table's CHECK.
        if (!(ft.checks ?? []).some((c) => c.name === name)) throw new Problem('E_UNKNOWN', `constraint "${name}" for "${rel.join('.')}" does not exist`);
        ft.checks = (ft.checks ?? []).map((c) => (c.name !== name ? c : text === undefined ? (({ comment: _, ...rest }) => rest)(c) : { ...c, comment: text }));
        return;
      }
      if (!t) throw new Problem('E_UNKNOWN', `relation "${rel.join('.')}" does not exist`);
      const o = t.obj as MTable;
      const map = n.objtype === 'OBJECT_TABCONSTRAINT' ? o.constraints : n.objtype === 'OBJECT_TRIGGER' ? o.triggers ?? {} : o.policies ?? {};
      const x = map[name];
      if (!x) throw new Problem('E_UNKNOWN', `${n.objtype.replace('OBJECT_', '').toLowerCase().replace('tabconstraint', 'constraint')} "${name}" for "${rel.join('.')}" does not exist`);
      return set(x as { comment?: string });
    }
    default:
      return sc.report('W_IGNORED', `COMMENT ON ${String(n.objtype).replace('OBJECT_', '')} is not managed by Meridian: ignored`);
  }
}
