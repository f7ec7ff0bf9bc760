/**
 * Sequences, folded: `CREATE SEQUENCE`, `ALTER SEQUENCE` (options, OWNED BY), rename, SET SCHEMA, DROP, and the
 * options an identity column's sequence takes.
 */
import type { Column, Sequence, SequenceOptions } from '../../model/types.js';
import { identitySequences } from '../../model/objects.js';
import type { Node, Payload } from '../ast.js';
import { Problem, notFound, type FoldScope, type MTable, type Mut } from './scope.js';
import { qualifiedKey } from '../../model/names.js';
import { sv } from './nodes.js';
import * as privileges from './privileges.js';
import { retargetSequenceDefaults } from './sequence-refs.js';
import { alterSubcommand } from '../statement-kind.js';
import { followRelation } from './view.js';

/** Bounds of the integer types a sequence (or identity) can be declared AS. */
export const INT_LIMITS: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'], integer: ['-2147483648', '2147483647'], bigint: ['-9223372036854775808', '9223372036854775807'],
};

export function seqOptions(sc: FoldScope, options: Node[] | undefined, base?: SequenceOptions, forType?: string): { opts: SequenceOptions; ownedBy?: string[] | null; name?: string[] } {
  const d: Record<string, Payload<'DefElem'>> = {};
  for (const o of (options ?? []).map((x) => x.DefElem!)) d[o.defname!] = o;
  const num = (x: Payload<'DefElem'> | undefined): string | undefined => {
    if (!x || x.arg === undefined) return undefined;
    const a = x.arg;
    if (a.Integer) return String(a.Integer.ival ?? 0);
    if (a.Float) return String(a.Float.fval);
    if (a.String) return a.String.sval;
    return undefined;
  };
  const type = d.as ? sc.type(d.as.arg!.TypeName ?? d.as.arg) : base?.type ?? forType ?? 'bigint';
  const limits = INT_LIMITS[type] ?? INT_LIMITS.bigint!;
  const increment = num(d.increment) ?? base?.increment ?? '1';
  const asc = !increment.startsWith('-');
  const typeChanged = !!d.as && base?.type !== type;
  const min = d.minvalue ? num(d.minvalue) ?? (asc ? '1' : limits[0]) : !typeChanged && base ? base.min : asc ? '1' : limits[0];
  const max = d.maxvalue ? num(d.maxvalue) ?? (asc ? limits[1] : '-1') : !typeChanged && base ? base.max : asc ? limits[1] : '-1';
  const start = num(d.start) ?? base?.start ?? (asc ? min : max);
  const cache = num(d.cache) ?? base?.cache ?? '1';
  const cycle = d.cycle ? (d.cycle.arg?.Boolean ? !!d.cycle.arg.Boolean.boolval : true) : base?.cycle ?? false;
  const owned = d.owned_by ? ((d.owned_by.arg?.List?.items ?? d.owned_by.arg ?? []) as Node[]).map(sv) : undefined;
  const seqName = d.sequence_name ? ((d.sequence_name.arg?.List?.items ?? d.sequence_name.arg ?? []) as Node[]).map(sv) : undefined;
  return { opts: { type, start, increment, min, max, cache, cycle }, ...(owned ? { ownedBy: owned.length === 1 && owned[0] === 'none' ? null : owned } : {}), ...(seqName ? { name: seqName } : {}) };
}

export function createSequence(sc: FoldScope, n: Payload<'CreateSeqStmt'>): void {
  const names = sc.rangeNames(n.sequence);
  if (sc.lookup(sc.model.sequences, names) && n.if_not_exists) return;
  const s = sc.creating(names);
  sc.claim(s.schema, s.name);
  const { opts, ownedBy } = seqOptions(sc, n.options);
  const seq: Mut<Sequence> = { kind: 'sequence', schema: s.schema, name: s.name, ...opts, ...(n.sequence!.relpersistence === 'u' ? { unlogged: true } : {}), loc: sc.loc };
  sc.model.sequences[s.key] = seq;
  if (ownedBy) ownSequence(sc, seq, ownedBy);
}

export function ownSequence(sc: FoldScope, seq: Mut<Sequence>, owned: string[]): void {
  const t = sc.lookup(sc.model.tables, owned.slice(0, -1));
  const col = owned[owned.length - 1]!;
  if (!t || !t.obj.columns.some((c) => c.name === col)) throw new Problem('E_UNKNOWN', `OWNED BY ${owned.join('.')}: no such table column`);
  seq.ownedBy = { table: t.key, column: col };
}

export function alterSequence(sc: FoldScope, n: Payload<'AlterSeqStmt'>): void {
  const s = sc.named(sc.model.sequences, n.sequence, 'sequence', n.missing_ok);
  if (!s) return;
  const { opts, ownedBy } = seqOptions(sc, n.options, s.obj);
  Object.assign(s.obj, opts);
  if (ownedBy === null) delete s.obj.ownedBy;
  else if (ownedBy) ownSequence(sc, s.obj, ownedBy);
}

/** `ALTER TABLE … SET LOGGED | UNLOGGED`: the table's owned sequences (serials' and identities') take its persistence. */
export function ownedSequencesPersistence(sc: FoldScope, t: MTable, unlogged: boolean): void {
  const key = qualifiedKey(t.schema, t.name);
  for (const c of t.columns) if (c.identity?.unlogged !== undefined) (c as Mut<Column>).identity = withoutPersistence(c.identity);
  for (const s of Object.values(sc.model.sequences)) {
    if (s.ownedBy?.table !== key) continue;
    if (unlogged) s.unlogged = true;
    else delete s.unlogged;
  }
}

/** An identity's options without its own persistence (the sequence then has its table's). */
export function withoutPersistence(id: NonNullable<Column['identity']>): NonNullable<Column['identity']> {
  const { unlogged: _, ...rest } = id;
  return rest;
}

export function alterTableOnSequence(sc: FoldScope, n: Payload<'AlterTableStmt'>): void {
  if (!sc.lookup(sc.model.sequences, sc.rangeNames(n.relation))) {
    const id = sc.lookup(identitySequences(sc.model), sc.rangeNames(n.relation));
    if (id) return alterIdentitySequence(sc, id.obj, n);
  }
  const seq = sc.named(sc.model.sequences, n.relation, 'sequence', n.missing_ok);
  if (!seq) return;
  for (const cmd of (n.cmds ?? []).map((x) => x.AlterTableCmd!)) {
    if (cmd.subtype === 'AT_ChangeOwner') continue;
    if (cmd.subtype === 'AT_SetUnLogged') { seq.obj.unlogged = true; continue; }
    if (cmd.subtype === 'AT_SetLogged') { delete seq.obj.unlogged; continue; }
    throw new Problem('E_UNSUPPORTED', `ALTER SEQUENCE via ALTER TABLE … ${alterSubcommand(cmd.subtype)} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
  }
}

/** `ALTER SEQUENCE t_id_seq SET LOGGED | UNLOGGED` on an identity column's sequence: kept against its table's persistence. */
function alterIdentitySequence(sc: FoldScope, id: { table: string; column: string }, n: Payload<'AlterTableStmt'>): void {
  const t = sc.model.tables[id.table]!;
  const col = t.columns.find((c) => c.name === id.column)! as Mut<Column>;
  for (const cmd of (n.cmds ?? []).map((x) => x.AlterTableCmd!)) {
    if (cmd.subtype === 'AT_ChangeOwner') continue;
    if (cmd.subtype === 'AT_SetUnLogged' || cmd.subtype === 'AT_SetLogged') {
      const unlogged = cmd.subtype === 'AT_SetUnLogged';
      col.identity = unlogged === !!t.unlogged ? withoutPersistence(col.identity!) : { ...col.identity!, unlogged };
      continue;
    }
    throw new Problem('E_UNSUPPORTED', `ALTER SEQUENCE via ALTER TABLE … ${alterSubcommand(cmd.subtype)} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
  }
}

/** DROP SEQUENCE. */
export function dropSequence(sc: FoldScope, names: readonly string[], missingOk: boolean): void {
  const s = sc.lookup(sc.model.sequences, names);
  if (!s) return notFound('sequence', names, missingOk);
  delete sc.model.sequences[s.key];
  sc.release(s.obj.schema, s.obj.name);
}

/** ALTER SEQUENCE … RENAME TO. */
export function renameSequence(sc: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const s = sc.lookup(sc.model.sequences, sc.rangeNames(n.relation));
  if (!s) {
    // An identity column's sequence: renamed in its column, its privileges follow.
    const id = sc.lookup(identitySequences(sc.model), sc.rangeNames(n.relation));
    if (!id) throw new Problem('E_UNKNOWN', `sequence "${sc.rangeNames(n.relation).join('.')}" does not exist`);
    const col = sc.model.tables[id.obj.table]!.columns.find((c) => c.name === id.obj.column)!;
    (col as { identity?: Column['identity'] }).identity = { ...col.identity!, sequenceName: newname };
    sc.release(id.obj.schema, id.obj.name);
    sc.claim(id.obj.schema, newname);
    privileges.renamePrivileges(sc.model.objects, ['SEQUENCE'], id.obj.schema, id.obj.name, { name: newname });
    return;
  }
  delete sc.model.sequences[s.key];
  sc.release(s.obj.schema, s.obj.name);
  sc.claim(s.obj.schema, newname);
  privileges.renamePrivileges(sc.model.objects, ['SEQUENCE'], s.obj.schema, s.obj.name, { name: newname });
  retargetSequenceDefaults(sc.model.tables, s.key, qualifiedKey(s.obj.schema, newname));
  const move = { schema: s.obj.schema, name: s.obj.name, toSchema: s.obj.schema, toName: newname, columns: SEQUENCE_COLUMNS };
  s.obj.name = newname;
  sc.model.sequences[qualifiedKey(s.obj.schema, newname)] = s.obj;
  followRelation(sc, move, `sequence ${s.key}`);
}

/** A sequence's columns, as a view selecting from it reads them. */
const SEQUENCE_COLUMNS = ['last_value', 'log_cnt', 'is_called'];

/** ALTER SEQUENCE … SET SCHEMA. */
export function setSequenceSchema(sc: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const sq = sc.lookup(sc.model.sequences, sc.rangeNames(n.relation));
  if (!sq) throw new Problem('E_UNKNOWN', `sequence "${sc.rangeNames(n.relation).join('.')}" does not exist`);
  delete sc.model.sequences[sq.key];
  sc.release(sq.obj.schema, sq.obj.name);
  sc.claim(to, sq.obj.name);
  privileges.renamePrivileges(sc.model.objects, ['SEQUENCE'], sq.obj.schema, sq.obj.name, { schema: to });
  retargetSequenceDefaults(sc.model.tables, sq.key, qualifiedKey(to, sq.obj.name));
  const move = { schema: sq.obj.schema, name: sq.obj.name, toSchema: to, toName: sq.obj.name, columns: SEQUENCE_COLUMNS };
  sq.obj.schema = to;
  sc.model.sequences[qualifiedKey(to, sq.obj.name)] = sq.obj;
  followRelation(sc, move, `sequence ${sq.key}`);
}
