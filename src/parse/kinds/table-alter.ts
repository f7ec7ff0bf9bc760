/**
 * `ALTER TABLE` on a table, folded subcommand by subcommand (ALTER on an index, a sequence, a view or a foreign
 * table goes to that kind's module).
 */
import type { Column, Constraint, Model, Rule, Trigger } from '../../model/types.js';
import { objectKey } from '../../model/objects.js';
import type { Node, Payload } from '../ast.js';
import { Problem, type FoldScope, type MTable, type Mut } from './scope.js';
import { qualifiedKey } from '../../model/names.js';
import { setColumnOptions, setCompression, setStorage } from './column-options.js';
import * as statistics from './statistics.js';
import * as collations from './collation.js';
import * as foreign from './foreign.js';
import { type Deferred, addIdentity, column } from './column.js';
import { alterConstraint, columnsOf, constraint, constraintUsingIndex } from './constraint.js';
import { alterIndex, attachPartitionIndexes, indexColumns, refreshIndex } from './indexes.js';
import { detachAttached } from './partition-indexes.js';
import { attachCopies, detachCopies, validateCopy } from './check-copies.js';
import { copyNewKey, copyParentKeys, detachKeyCopies, forgetKeyCopies, keySource } from './partition-keys.js';
import { mergeOptions, relOptions, sv } from './nodes.js';
import { alterTableOnSequence, ownedSequencesPersistence, seqOptions } from './sequence.js';
import { bound } from './partition-bound.js';
import { alterView } from './view.js';
import { alterComposite } from './type.js';
import { addCheckToChildren, addColumnToChildren, changeChildColumns, dropCheck, dropColumnFromChildren, inherit, noInherit, retypeChildren } from './inheritance.js';
import { alterSubcommand } from '../statement-kind.js';
import { retypedNullDefault } from './null-default.js';
import { parseExpression } from '../pg.js';
import { optionName } from '../../model/options.js';
import { firingOf, type Firing } from '../../model/firing.js';
import { alterTriggerFiring, forgetClones, partitionsBelow } from '../../model/cloned-triggers.js';

/**
 * A column dropped from table `t` (key `key`), with its children's (unless `only`) and what goes with it: constraints and
 * indexes on it, sequences it owns, statistics on it.
 *
 * @example
 * dropColumn(sc, 'public.t', t, 'note', false) // t without note, and without t_note_key
 */
function dropColumn(sc: FoldScope, key: string, t: MTable, name: string, only: boolean): void {
  t.columns.splice(t.columns.findIndex((c) => c.name === name), 1);
  dropColumnFromChildren(sc.model, key, name, only);
  // A constraint that goes with the column frees its name (and a key's index name) for the next one PostgreSQL
  // chooses: an unnamed CHECK added again after it is `t_check`, not `t_check1`.
  const forget = (k: string, c: Constraint) => {
    if (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion') sc.release(t.schema, k);
    sc.releaseCon(t.schema, k);
    delete t.constraints[k];
  };
  for (const [k, c] of Object.entries(t.constraints)) if ('columns' in c && c.columns.includes(name)) forget(k, c);
  for (const [k, c] of Object.entries(t.constraints)) if (c.kind === 'check' && columnsOf(c.expr.canonical).includes(name)) forget(k, c);
  for (const [k, ix] of Object.entries(t.indexes)) if (indexColumns(sc.indexNodes.get(ix)).includes(name)) { delete t.indexes[k]; sc.release(t.schema, k); }
  for (const [k, s] of Object.entries(sc.model.sequences)) if (s.ownedBy?.table === key && s.ownedBy.column === name) delete sc.model.sequences[k];
  statistics.forgetStatistics(sc.model, key, name);
}

/**
 * The firing state an `ALTER TABLE … ENABLE | DISABLE … TRIGGER | RULE` subcommand sets (pg_trigger.tgenabled,
 * pg_rewrite.ev_enabled): its clause in the grammar's words read back through the one table of them (model/firing.ts).
 */
function firingOfSubcommand(subtype: string): Firing {
  const words = alterSubcommand(subtype);
  const state = firingOf(words.slice(0, words.lastIndexOf(' ')));
  if (!state) throw new Error(`internal: ${subtype} sets no firing state`);
  return state;
}

export function alterTable(sc: FoldScope, n: Payload<'AlterTableStmt'>): void {
  if (n.objtype === 'OBJECT_INDEX') return alterIndex(sc, n);
  if (n.objtype === 'OBJECT_TYPE') return alterComposite(sc, n, (t, name) => dropColumn(sc, qualifiedKey(t.schema, t.name), t, name, false));
  if (n.objtype === 'OBJECT_SEQUENCE') return alterTableOnSequence(sc, n);
  if (n.objtype === 'OBJECT_VIEW' || n.objtype === 'OBJECT_MATVIEW') return alterView(sc, n);
  if (n.objtype === 'OBJECT_FOREIGN_TABLE') {
    const ft = foreign.foreignTableNamed(sc.model.objects, sc.rangeNames(n.relation), sc.searchPath);
    if (!ft) {
      if (n.missing_ok) return;
      throw new Problem('E_UNKNOWN', `foreign table "${sc.rangeNames(n.relation).join('.')}" does not exist`, n.relation!.location);
    }
    return foreign.alterForeignTable(sc, ft, n.cmds ?? []);
  }
  const names = sc.rangeNames(n.relation);
  if (!sc.lookup(sc.model.tables, names)) {
    // ALTER TABLE also reaches views and sequences (pg_dump writes `ALTER TABLE seq OWNER TO …`).
    if (sc.lookup(sc.model.views, names)) return alterView(sc, n);
    if (sc.lookup(sc.model.sequences, names)) return alterTableOnSequence(sc, n);
  }
  const found = sc.table(n.relation, !!n.missing_ok);
  if (!found) return;
  const t = found.obj;
  const col = (name: string) => {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Problem('E_UNKNOWN', `column "${name}" of relation "${t.name}" does not exist`);
    return c;
  };
  // `ALTER TABLE ONLY t`: the change does not reach t's children (the parser leaves `inh` out for ONLY: false is
  // not written).
  const only = n.relation?.inh !== true;
  for (const cmd of (n.cmds ?? []).map((x) => x.AlterTableCmd!)) {
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        if (cmd.missing_ok && t.columns.some((c) => c.name === cmd.def!.ColumnDef!.colname)) break;
        const deferred: Deferred[] = [];
        column(sc, t, cmd.def!.ColumnDef!, [], deferred);
        for (const c of deferred) constraint(sc, t, c, c.__column);
        addColumnToChildren(sc.model, found.key, t.columns.find((c) => c.name === cmd.def!.ColumnDef!.colname)!, only);
        break;
      }
      case 'AT_DropColumn': {
        const i = t.columns.findIndex((c) => c.name === cmd.name);
        if (i < 0) {
          if (cmd.missing_ok) break;
          throw new Problem('E_UNKNOWN', `column "${cmd.name}" of relation "${t.name}" does not exist`);
        }
        if (t.columns[i]!.inherited || t.inherits.some((p) => sc.model.tables[p]?.columns.some((c) => c.name === cmd.name))) throw new Problem('E_DEPENDS', `cannot drop inherited column "${cmd.name}" of relation "${t.name}"`);
        dropColumn(sc, found.key, t, cmd.name!, only);
        break;
      }
      case 'AT_ColumnDefault': {
        const c = col(cmd.name!);
        const d = cmd.def ? sc.defaultExpr(cmd.def, c.type) : undefined;
        const set = (x: Mut<Column>) => {
          if (d) x.default = d;
          else delete x.default;
        };
        set(c);
        if (!only) changeChildColumns(sc.model, found.key, c.name, set);
        break;
      }
      case 'AT_SetNotNull':
        col(cmd.name!).notNull = true;
        if (!only) changeChildColumns(sc.model, found.key, cmd.name!, (x) => { x.notNull = true; });
        break;
      case 'AT_DropNotNull':
        col(cmd.name!).notNull = false;
        if (!only) changeChildColumns(sc.model, found.key, cmd.name!, (x) => { x.notNull = false; });
        break;
      case 'AT_AlterColumnType': {
        const c = col(cmd.name!);
        const oldType = c.type;
        c.type = sc.type(cmd.def!.ColumnDef!.typeName);
        // A stored DEFAULT NULL keeps its old type through the retype (./null-default.ts); a USING clause does not change the default.
        // Stored as PostgreSQL keeps it, even where a DEFAULT NULL written on the new type would store nothing.
        const kept = c.default && oldType !== c.type ? retypedNullDefault(c.default.text, oldType, c.type, sc.model.types[oldType]?.kind === 'domain') : undefined;
        if (kept) c.default = sc.expr(parseExpression(kept)!);
        if (cmd.def!.ColumnDef!.collClause) c.collation = collations.collationSpelling(sc.model, cmd.def!.ColumnDef!.collClause.collname!.map(sv), sc.searchPath);
        retypeChildren(sc.model, found.key, c);
        break;
      }
      case 'AT_AddConstraint': {
        const k = cmd.def!.Constraint;
        if (k!.contype === 'CONSTR_PRIMARY' || k!.contype === 'CONSTR_UNIQUE') {
          if (k!.indexname) {
            constraintUsingIndex(sc, t, k!);
            break;
          }
        }
        const before = new Set(Object.keys(t.constraints));
        constraint(sc, t, k!);
        for (const name of Object.keys(t.constraints)) if (!before.has(name)) {
          addCheckToChildren(sc.model, found.key, t.constraints[name]!, only);
          // Without ONLY, each partition gets a copy of a new key (its name taken: partition-keys.ts).
          if (!only) copyNewKey(sc, t, name);
          // A new primary key makes its columns NOT NULL in every child and partition too, as PostgreSQL stores it
          // (attnotnull; 15 and 18 alike).
          const made = t.constraints[name]!;
          if (!only && made.kind === 'primary_key') for (const c of made.columns) changeChildColumns(sc.model, found.key, c, (x) => { x.notNull = true; });
        }
        break;
      }
      case 'AT_DropConstraint': {
        if (!t.constraints[cmd.name!]) {
          if (cmd.missing_ok) break;
          throw new Problem('E_UNKNOWN', `constraint "${cmd.name}" of relation "${t.name}" does not exist`);
        }
        const c = t.constraints[cmd.name!]!;
        dropCheck(sc.model, found.key, t, c, only);
        forgetKeyCopies(sc, undefined, keySource(t, cmd.name!));
        if (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion') sc.release(t.schema, cmd.name!);
        sc.releaseCon(t.schema, cmd.name!);
        delete t.constraints[cmd.name!];
        break;
      }
      case 'AT_ValidateConstraint': {
        const c = t.constraints[cmd.name!] as Mut<Constraint> | undefined;
        // A copy of a NOT VALID check above, validated here and below (./check-copies.ts).
        if (!c && validateCopy(sc.model, found.key, cmd.name!)) break;
        if (!c) throw new Problem('E_UNKNOWN', `constraint "${cmd.name}" of relation "${t.name}" does not exist`);
        if ('notValid' in c) {
          delete (c as { notValid?: boolean }).notValid;
          if ('definition' in c && c.definition) (c as { definition?: string }).definition = c.definition.replace(/ NOT VALID$/, '');
        }
        break;
      }
      case 'AT_ReplicaIdentity': {
        const ri = cmd.def?.ReplicaIdentityStmt ?? {};
        const kind = ri.identity_type === 'f' ? 'full' : ri.identity_type === 'n' ? 'nothing' : ri.identity_type === 'i' ? 'index' : undefined;
        if (kind === 'index' && !t.indexes[ri.name ?? ''] && !Object.values(t.constraints).some((k) => k.name === ri.name && (k.kind === 'primary_key' || k.kind === 'unique'))) throw new Problem('E_UNKNOWN', `index "${ri.name}" for table "${t.name}" does not exist`);
        if (kind) t.replicaIdentity = kind === 'index' ? { kind, index: String(ri.name) } : { kind };
        else delete t.replicaIdentity;
        break;
      }
      case 'AT_ClusterOn':
        if (!t.indexes[cmd.name ?? ''] && !Object.values(t.constraints).some((k) => k.name === cmd.name && k.kind !== 'check' && k.kind !== 'foreign_key')) throw new Problem('E_UNKNOWN', `index "${cmd.name}" for table "${t.name}" does not exist`);
        t.clusterOn = String(cmd.name);
        break;
      case 'AT_DropCluster': delete t.clusterOn; break;
      case 'AT_EnableRowSecurity': t.rowLevelSecurity = true; break;
      case 'AT_DisableRowSecurity': t.rowLevelSecurity = false; break;
      case 'AT_ForceRowSecurity': t.forceRowLevelSecurity = true; break;
      case 'AT_NoForceRowSecurity': t.forceRowLevelSecurity = false; break;
      // PostgreSQL 15+: the table's owned sequences follow it.
      case 'AT_SetLogged': t.unlogged = false; ownedSequencesPersistence(sc, t, false); break;
      case 'AT_SetUnLogged': t.unlogged = true; ownedSequencesPersistence(sc, t, true); break;
      case 'AT_SetRelOptions': t.options = mergeOptions(t.options, relOptions((cmd.def?.List?.items ?? cmd.def) as Node[] | undefined)); break;
      case 'AT_ResetRelOptions': {
        const drop = new Set(((cmd.def?.List?.items ?? cmd.def ?? []) as Node[]).map((d) => d.DefElem!.defname));
        t.options = t.options.filter((o) => !drop.has(optionName(o)));
        break;
      }
      case 'AT_SetStatistics': {
        const c = col(cmd.name!);
        const v = cmd.def?.Integer?.ival ?? cmd.def?.A_Const?.ival?.ival ?? 0;
        const set = (x: Mut<Column>) => {
          if (v < 0) delete x.statistics;
          else x.statistics = v;
        };
        set(c);
        // Like the storage, the statistics target reaches the children and partitions (pg_dump writes each with ONLY).
        if (!only) changeChildColumns(sc.model, found.key, c.name, set);
        break;
      }
      case 'AT_AddIdentity': addIdentity(sc, t, col(cmd.name!), cmd.def!.Constraint!); break;
      case 'AT_SetIdentity': {
        const c = col(cmd.name!);
        if (!c.identity) throw new Problem('E_UNKNOWN', `column "${c.name}" of relation "${t.name}" is not an identity column`);
        const items = ((cmd.def?.List?.items ?? cmd.def ?? []) as Node[]).map((d) => d.DefElem!);
        // PostgreSQL takes the sequence's persistence from ALTER SEQUENCE only.
        const persistence = items.find((d) => d.defname === 'logged' || d.defname === 'unlogged');
        if (persistence) throw new Problem('E_INVALID', `option "${persistence.defname}" not recognized`, persistence.location);
        const gen = items.find((d) => d.defname === 'generated');
        const { opts } = seqOptions(sc, items.filter((d) => d.defname !== 'generated' && d.defname !== 'restart').map((d) => ({ DefElem: d })), c.identity.sequence);
        c.identity = { ...c.identity, generation: gen ? (gen.arg?.Integer?.ival === 97 ? 'ALWAYS' : 'BY DEFAULT') : c.identity.generation, sequence: opts };
        break;
      }
      case 'AT_DropIdentity': {
        const c = col(cmd.name!);
        delete c.identity;
        break;
      }
      case 'AT_DropExpression': delete col(cmd.name!).generated; delete col(cmd.name!).virtual; break;
      // PostgreSQL 17+: a stored generated column's new expression (the values are computed again).
      case 'AT_SetExpression': {
        const c = col(cmd.name!);
        if (!c.generated) throw new Problem('E_UNKNOWN', `column "${c.name}" of relation "${t.name}" is not a generated column`);
        c.generated = sc.expr(cmd.def!, t.columns);
        break;
      }
      case 'AT_AttachPartition': {
        const part = sc.table(cmd.def!.PartitionCmd!.name)!;
        part.obj.partitionOf = { parent: found.key, bound: bound(sc, cmd.def!.PartitionCmd!.bound!, t) };
        for (const c of part.obj.columns) if (t.columns.some((p) => p.name === c.name)) c.inherited = true;
        attachPartitionIndexes(sc, t, part.obj);
        copyParentKeys(sc, t, part.obj);
        // Its checks named as the parent's become copies of them (./check-copies.ts).
        attachCopies(sc.model, part.key);
        break;
      }
      case 'AT_DetachPartition': {
        const part = sc.table(cmd.def!.PartitionCmd!.name)!;
        // Its copies of the parent's keys stay, its own keys (their names still taken); its copies of checks too.
        detachKeyCopies(sc, part.obj);
        detachCopies(sc.model, found.key, part.key);
        // Its copies of the parent's triggers go, with those of its partitions.
        forgetClones(sc.model.tables, [part.key, ...partitionsBelow(sc.model.tables, part.key)]);
        delete part.obj.partitionOf;
        for (const c of part.obj.columns) delete c.inherited;
        // The indexes attached to the parent's stay, its own (Index.attached).
        detachAttached(sc, t, part.obj, (o, ix) => refreshIndex(sc, o, ix));
        // Its keys' indexes are detached from the parent's indexes with it (Constraint.attachedTo).
        for (const k of Object.values(part.obj.constraints)) if ('attachedTo' in k && k.attachedTo) {
          const { attachedTo: _, ...rest } = k;
          part.obj.constraints[k.name] = rest;
        }
        break;
      }
      case 'AT_AddInherit': {
        const p = sc.table(cmd.def!.RangeVar ?? cmd.def)!;
        inherit(found.key, t, p.key, p.obj);
        break;
      }
      case 'AT_DropInherit': noInherit(sc.model, t, sc.table(cmd.def!.RangeVar ?? cmd.def)!.key); break;
      case 'AT_SetStorage': {
        const set = (x: Mut<Column>) => setStorage(x, sv(cmd.def), sc.model as unknown as Model);
        set(col(cmd.name!));
        if (!only) changeChildColumns(sc.model, found.key, cmd.name!, set);
        break;
      }
      case 'AT_SetCompression': setCompression(col(cmd.name!), sv(cmd.def)); break;
      case 'AT_SetOptions': case 'AT_ResetOptions': setColumnOptions(col(cmd.name!), (cmd.def?.List?.items ?? cmd.def ?? []) as Node[], cmd.subtype === 'AT_ResetOptions'); break;
      case 'AT_ChangeOwner':
        break;
      case 'AT_EnableTrig': case 'AT_DisableTrig': case 'AT_EnableAlwaysTrig': case 'AT_EnableReplicaTrig': {
        // The table's own trigger, or a partition's copy of its parent's (../../model/cloned-triggers.ts); the copies
        // on its partitions follow unless ONLY.
        const setOwn = (state: Firing) => {
          const tr = t.triggers[cmd.name!] as Mut<Trigger>;
          tr.enabled = state;
        };
        if (!alterTriggerFiring(sc.model.tables, found.key, cmd.name!, firingOfSubcommand(cmd.subtype), only, setOwn)) {
          throw new Problem('E_UNKNOWN', `trigger "${cmd.name}" for table "${t.name}" does not exist`);
        }
        break;
      }
      case 'AT_EnableRule': case 'AT_DisableRule': case 'AT_EnableAlwaysRule': case 'AT_EnableReplicaRule': {
        const r = sc.objects[objectKey({ kind: 'rule', schema: t.schema, name: cmd.name!, table: found.key, definition: '' })] as Mut<Rule> | undefined;
        if (!r) throw new Problem('E_UNKNOWN', `rule "${cmd.name}" for table "${t.name}" does not exist`);
        const state = firingOfSubcommand(cmd.subtype);
        if (state === 'O') delete r.enabled;
        else r.enabled = state;
        break;
      }
      case 'AT_AlterConstraint': alterConstraint(t, cmd.def!.ATAlterConstraint!); break;
      default:
        throw new Problem('E_UNSUPPORTED', `ALTER TABLE … ${alterSubcommand(cmd.subtype)} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
    }
  }
}
