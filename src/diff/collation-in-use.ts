/**
 * A collation whose definition changes is dropped and created again (PostgreSQL has no ALTER for it), and
 * PostgreSQL refuses to drop a collation that something still uses. Columns of tables are moved off it first: each
 * goes to its type's default collation (`ALTER COLUMN … TYPE t`, the views, policies and functions over it dropped
 * and recreated by the planner as for any collation change) and back to the new definition after it is created;
 * an index naming it in a key (`COLLATE ci`) is built again. Where PostgreSQL itself cannot move a user — a domain
 * (no ALTER DOMAIN for its collation), a composite or range type, a partition key column, a column the diff changes
 * already — the diff refuses, located, naming the users and what to do.
 *
 * A domain recreated (another base type or collation: no ALTER DOMAIN for those) is the same case with another
 * move: the table columns of the domain (or an array of it) go to its base type and back to the new domain, by the
 * same pair of column changes; what PostgreSQL rebuilds around a type change (indexes, views over the column) follows
 * as for any column type change, and types built on the domain are recreated with it by the planner.
 *
 * In: both Models and the changes so far. Out: those changes completed, or an E_PLAN error. Never: renders SQL.
 */
import { MeridianError, type SourceLocation } from '../errors.js';
import { qualifiedKey, quoteIdent } from '../model/names.js';
import { exprRefs } from '../model/expr-refs.js';
import { droppedIndexKeys, type Change } from './changes.js';
import { recreatedByPlanner } from './in-place.js';
import type { Column, Model, Table } from '../model/types.js';

/** Where the desired side declares a user (a schema file's line), when it comes from one. */
const at = (loc: SourceLocation | undefined) => (loc ? ` (${loc.file}:${loc.line}:${loc.column})` : '');

/** How the columns of one object (a domain, a collation) are moved off it and back: `moveColumnsOffAndBack`. */
interface MoveOff {
  /** Whether a column (of the current side) uses the object. */
  readonly uses: (c: Column) => boolean;
  /** A user no other change moves: moved off and back, left as it is, or the reason PostgreSQL cannot move it. */
  readonly verdict: (t: Table, col: Column, to: Column | undefined) => 'move' | 'leave' | { readonly refuse: string };
  /** The column while the object is away. */
  readonly off: (c: Column) => Column;
  /** Other users PostgreSQL cannot move (types built on it), named as the refusal lists them. */
  readonly blockedToo?: readonly string[];
  /** The refusal, given the users PostgreSQL cannot move off the object. */
  readonly refuse: (blocked: readonly string[]) => MeridianError;
}

/** `1 column uses it … move it` / `2 columns use it … move them`: the verb and pronoun of a refusal. */
const usersPhrase = (blocked: readonly string[]) => ({ list: blocked.join(', '), use: blocked.length > 1 ? 'use' : 'uses', them: blocked.length > 1 ? 'them' : 'it' });

/**
 * The columns of tables that stay and use an object the diff drops and creates again: each is moved to
 * `spec.off(column)` before the object is dropped and back to its desired self after it is created; a column with
 * its own change (altered or dropped) is left to it; a user PostgreSQL cannot move is refused (E_PLAN, located).
 *
 * @example
 * moveColumnsOffAndBack(current, desired, out, { uses: (c) => c.collation === 'public.ci', verdict: () => 'move', off: (c) => ({ ...c, collation: undefined }), refuse })
 * // + alter_column t.name → default collation, then → public.ci
 */
function moveColumnsOffAndBack(current: Model, desired: Model, out: Change[], spec: MoveOff): void {
  const moves: { table: Table; from: Column; to: Column }[] = [];
  const blocked: string[] = [];
  // columns of tables that stay (a dropped table's columns go before the object does)
  for (const [k, t] of Object.entries(current.tables)) {
    const des = desired.tables[k];
    if (!des) continue;
    for (const col of t.columns) {
      if (!spec.uses(col) || col.inherited) continue;
      const to = des.columns.find((d) => d.name === col.name);
      const changed = out.some((x) => (x.kind === 'alter_column' || x.kind === 'drop_column') && qualifiedKey(x.table.schema, x.table.name) === k && (x.kind === 'alter_column' ? x.from.name : x.column.name) === col.name);
      if (changed) continue; // its own change moves it (to another type or collation, or away)
      const v = spec.verdict(t, col, to);
      if (v === 'move' && to) moves.push({ table: des, from: col, to });
      else if (typeof v === 'object') blocked.push(`column ${k}.${col.name}${at(to?.loc ?? des.loc)} (${v.refuse})`);
    }
  }
  blocked.push(...(spec.blockedToo ?? []));
  if (blocked.length) throw spec.refuse(blocked);
  for (const m of moves) out.push({ kind: 'alter_column', table: m.table, from: m.from, to: spec.off(m.from) }, { kind: 'alter_column', table: m.table, from: spec.off(m.to), to: m.to });
}

/**
 * The table columns of each domain the diff drops and creates again (drop_type + create_type of one key) moved to its
 * base type first and back after; a partition key column, which PostgreSQL cannot retype, is refused (E_PLAN, located).
 *
 * @example
 * moveColumnsOffRecreatedDomains(current, desired, out) // + alter_column t.c code → character varying(10), then → code
 */
export function moveColumnsOffRecreatedDomains(current: Model, desired: Model, out: Change[]): void {
  const keyOf = (t: { schema: string; name: string }) => qualifiedKey(t.schema, t.name);
  const created = new Set(out.flatMap((c) => (c.kind === 'create_type' ? [keyOf(c.type)] : [])));
  const dropped = new Set(out.flatMap((c) => (c.kind === 'drop_type' ? [keyOf(c.type)] : [])));
  // Domains over a recreated domain go with it (their columns move off them too), transitively.
  const stack = [...dropped].filter((k) => created.has(k) && current.types[k]?.kind === 'domain');
  while (stack.length) {
    const k = stack.pop()!;
    for (const [dk, t] of Object.entries(current.types)) {
      const back = desired.types[dk];
      if (t.kind !== 'domain' || dropped.has(dk) || t.baseType.replace(/(\[\])+$/, '') !== k || back?.kind !== 'domain') continue;
      dropped.add(dk);
      created.add(dk);
      out.push({ kind: 'drop_type', type: t }, { kind: 'create_type', type: back });
      stack.push(dk);
    }
  }
  // A column moves to the type under every domain (and the nearest collation a domain sets).
  const underneath = (key: string): { type: string; collation?: string } => {
    const t = current.types[key.replace(/(\[\])+$/, '')];
    if (t?.kind !== 'domain') return { type: key };
    const below = underneath(t.baseType);
    return { type: below.type, ...(t.collation ?? below.collation ? { collation: t.collation ?? below.collation } : {}) };
  };
  for (const c of [...out]) {
    if (c.kind !== 'drop_type' || c.type.kind !== 'domain') continue;
    const domain = c.type;
    const key = keyOf(domain);
    if (!created.has(key)) continue;
    const off = underneath(key);
    moveColumnsOffAndBack(current, desired, out, {
      uses: (col) => col.type.startsWith(key) && /^(\[\])*$/.test(col.type.slice(key.length)),
      verdict: (t, col, to) => (!to || to.type !== col.type ? 'leave' : t.partitionBy || t.partitionOf ? { refuse: 'of a partitioned table or a partition' } : 'move'),
      off: (x) => ({ ...x, type: `${off.type}${x.type.slice(key.length)}`, ...(off.collation ? { collation: off.collation } : {}) }),
      refuse: (blocked) => {
        const p = usersPhrase(blocked);
        const loc = desired.types[key]?.loc;
        return new MeridianError('E_PLAN', `domain ${key}${at(loc)} changes its base type or collation (it is dropped and created again), but ${p.list} ${p.use} it, and PostgreSQL cannot move ${p.them} off the domain. Give the new definition another name and move the columns to it, or write the change in a migration (\`meridian migrate new\`)`, loc ? { location: loc } : {});
      },
    });
  }
}

/** A collation as columns and index keys spell it (`public.ci`, `"public"."ci"`), for comparison. */
const bare = (s: string | undefined) => (s ?? '').replace(/"/g, '');

/**
 * @example
 * moveColumnsOffRecreatedCollations(current, desired, out) // + alter_column t.name to the default collation and back
 * moveColumnsOffRecreatedCollations(current, desired, out) // throws E_PLAN: collation public.ci … domain public.d uses it
 */
export function moveColumnsOffRecreatedCollations(current: Model, desired: Model, out: Change[]): void {
  for (const c of [...out]) {
    if (c.kind !== 'alter_object' || c.to.kind !== 'collation' || !recreatedByPlanner(c.from, c.to)) continue;
    const name = c.from.name;
    const spelled = `${quoteIdent(c.from.schema)}.${quoteIdent(name)}`;
    const uses = (x: string | undefined) => bare(x) === bare(spelled);
    // Types PostgreSQL cannot move off it (no ALTER DOMAIN for a collation; composite and range types).
    const types = Object.values(current.types).flatMap((t) => {
      const k = qualifiedKey(t.schema, t.name);
      const used = t.kind === 'domain' ? uses(t.collation) : t.kind === 'composite' ? t.attributes.some((a) => uses(a.collation)) : t.kind === 'range' ? uses(t.collation) : false;
      return used ? [`${t.kind === 'domain' ? 'domain' : 'type'} ${k}${at(desired.types[k]?.loc)}`] : [];
    });
    moveColumnsOffAndBack(current, desired, out, {
      uses: (col) => uses(col.collation),
      verdict: (t, col, to) => {
        // A partition key reads the column: its canonical form names it (`{"Col":[…]}`).
        const inKey = !!t.partitionBy && exprRefs(t.partitionBy.key.canonical).columns.includes(col.name);
        if (inKey || t.partitionOf) return { refuse: inKey ? 'a partition key column' : 'a partition\'s column' };
        return to && uses(to.collation) && to.type === col.type ? 'move' : 'leave';
      },
      off: (x) => {
        const { collation: _drop, ...rest } = x;
        return rest;
      },
      blockedToo: types,
      refuse: (blocked) => {
        const p = usersPhrase(blocked);
        return new MeridianError('E_PLAN', `collation ${spelled}${at(c.to.loc)} changes definition, but ${p.list} ${p.use} it, and PostgreSQL cannot move ${p.them} off the collation to create it again. Give the new definition another name and move the users to it, or write the change in a migration (\`meridian migrate new\`)`, c.to.loc ? { location: c.to.loc } : {});
      },
    });
    // Indexes naming it in a key depend on it: built again after it is.
    const planned = droppedIndexKeys(out);
    for (const r of [...Object.values(current.tables), ...Object.values(current.views)]) {
      for (const i of Object.values(r.indexes ?? {})) {
        const key = qualifiedKey(i.schema, i.name);
        const back = [...Object.values(desired.tables), ...Object.values(desired.views)].map((d) => d.indexes?.[i.name]).find((d) => d && d.schema === i.schema);
        if (planned.has(key) || !i.keys.some((k) => uses(k.collation) || bare(k.collation) === name)) continue;
        out.push({ kind: 'drop_index', index: i }, ...(back ? [{ kind: 'create_index' as const, index: back, newTable: false }] : []));
      }
    }
  }
}
