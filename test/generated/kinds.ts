/**
 * The generator's second set of kinds (issue #27's widening of the oracle): column storage and statistics
 * options, deferrable keys and foreign keys, covering (INCLUDE) indexes, views calling the schema's functions,
 * constraint triggers and trigger WHEN clauses, grants to the suite's two roles, rules, extended statistics and
 * publications. `addKinds` decorates a schema generateSchema built; KIND_MUTATIONS change them in both
 * directions (mutate.ts draws from them with its own).
 *
 * Validity with the seed rows: storage options only on varlena columns of plain tables, publications publish
 * `insert` only (an UPDATE of the seed, filling a foreign key, needs no replica identity then), rules only
 * `DO ALSO` a DELETE matching no row, grants only to m27a_reader / m27a_writer (the roles the
 * acceptance cases create and test/helpers/global-setup.ts drops; pair.ts adds their creation to both states).
 *
 * @example
 * const s = generateSchema(r);
 * addKinds(s, r); // s.grants, s.rules, s.stats, s.pubs filled, options set on columns, keys, indexes, views
 */
import type { Rng } from './random.js';
import type { Column, Schema, Table } from './schema.js';
import { tableByName } from './schema.js';

export const ROLES = ['m27a_reader', 'm27a_writer'] as const;
/** Creates the suite's roles (cluster-wide; two databases may build it at once, hence unique_violation). */
export const ROLES_SQL = ROLES.map((r) => `DO $$ BEGIN CREATE ROLE ${r} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`).join('; ');

const DEFERRABLE = [undefined, 'DEFERRABLE', 'DEFERRABLE INITIALLY DEFERRED'] as const;
const TABLE_PRIVS = ['SELECT', 'SELECT, INSERT', 'ALL', 'UPDATE', 'SELECT, DELETE'];
const STAT_KINDS = [['ndistinct'], ['dependencies'], ['ndistinct', 'dependencies'], ['mcv']];

const fresh = (s: Schema, prefix: string): string => `${prefix}${s.next++}`;
const plain = (s: Schema): Table[] => s.tables.filter((t) => !t.part && !s.parts.some((p) => p.name === t.name));
const cols = (t: Table, fams: Column['fam'][]): Column[] => t.cols.filter((c) => fams.includes(c.fam) && !c.gen && !c.fk);
const varlena = (t: Table): Column[] => t.cols.filter((c) => (c.fam === 'text' || c.fam === 'json') && !c.gen);

function columnOption(s: Schema, r: Rng): string | undefined {
  const options = plain(s).flatMap((t) => t.cols.filter((c) => !c.gen).map((c) => ({ t, c })));
  if (!options.length) return undefined;
  const { t, c } = r.pick(options);
  if (varlena(t).includes(c) && r.chance(0.5)) {
    c.storage = c.storage ? undefined : r.pick(['EXTERNAL', 'MAIN'] as const);
    return `${t.name}.${c.name} storage → ${c.storage ?? 'default'}`;
  }
  c.stats = c.stats === undefined ? r.pick([0, 250, 1000]) : undefined;
  return `${t.name}.${c.name} statistics → ${c.stats ?? 'default'}`;
}

function deferrable(s: Schema, r: Rng): string | undefined {
  const options: { name: string; deferrable?: string }[] = [...s.fks, ...s.tables.flatMap((t) => t.uniques)];
  if (!options.length) return undefined;
  const o = r.pick(options);
  o.deferrable = r.pick(DEFERRABLE.filter((d) => d !== o.deferrable));
  return `${o.name} ${o.deferrable ?? 'NOT DEFERRABLE'}`;
}

function include(s: Schema, r: Rng): string | undefined {
  const options = s.indexes.flatMap((x) => cols(tableByName(s, x.table)!, ['int', 'text', 'date', 'bool', 'json']).filter((c) => !x.exprs.includes(c.name)).map((c) => ({ x, c })));
  const covered = s.indexes.filter((x) => x.include?.length);
  if (covered.length && (r.chance(0.4) || !options.length)) {
    const x = r.pick(covered);
    const gone = x.include!.pop()!;
    if (!x.exprs.includes(gone) && !x.where?.startsWith(`${gone} `)) x.uses = x.uses.filter((u) => u !== gone);
    return `index ${x.name} - INCLUDE ${gone}`;
  }
  if (!options.length) return undefined;
  const { x, c } = r.pick(options);
  if (x.include?.includes(c.name)) return undefined;
  x.include = [...(x.include ?? []), c.name];
  x.uses = [...x.uses, c.name];
  return `index ${x.name} + INCLUDE ${c.name}`;
}

/** A view's extra output column calling a function of the schema over one of its source's columns. */
function viewCall(s: Schema, r: Rng): string | undefined {
  const with_ = s.views.filter((v) => v.call);
  if (with_.length && r.chance(0.4)) {
    const v = r.pick(with_);
    v.call = undefined;
    return `view ${v.name} - call`;
  }
  const options = s.views.filter((v) => !v.call).flatMap((v) => {
    const src = [...(tableByName(s, v.from)?.cols.map((c) => ({ name: c.name, fam: c.fam, gen: !!c.gen })) ?? []), ...(s.views.find((x) => x.name === v.from)?.cols.map((c) => ({ name: c, fam: colFam(s, v.from, c), gen: false })) ?? [])];
    return s.fns.filter((f) => f.kind === 'pos' || f.kind === 'norm').flatMap((f) => src.filter((c) => c.fam === (f.kind === 'pos' ? 'int' : 'text')).map((c) => ({ v, f, col: c.name })));
  });
  if (!options.length) return undefined;
  const { v, f, col } = r.pick(options);
  v.call = { fn: f.name, col, as: fresh(s, 'x') };
  return `view ${v.name} + ${f.name}(${col})`;
}

function colFam(s: Schema, rel: string, col: string): Column['fam'] | undefined {
  const t = tableByName(s, rel);
  if (t) return t.cols.find((c) => c.name === col)?.fam;
  const v = s.views.find((x) => x.name === rel);
  return v && v.cols.includes(col) ? colFam(s, v.from, col) : undefined;
}

function triggerShape(s: Schema, r: Rng): string | undefined {
  if (!s.triggers.length) return undefined;
  const g = r.pick(s.triggers);
  const t = tableByName(s, g.table)!;
  const ints = cols(t, ['int']);
  if (ints.length && r.chance(0.6)) {
    g.when = g.when ? undefined : { col: r.pick(ints).name, gt: r.int(5) };
    return `trigger ${g.name} when → ${g.when ? `${g.when.col} > ${g.when.gt}` : '-'}`;
  }
  if (t.part) return undefined;
  g.constraint = !g.constraint;
  return `trigger ${g.name} ${g.constraint ? 'becomes a' : 'no longer a'} constraint trigger`;
}

function grant(s: Schema, r: Rng): string | undefined {
  if (s.grants.length && r.chance(0.5)) {
    const g = r.pick(s.grants);
    if (r.chance(0.5) || g.col) {
      s.grants = s.grants.filter((x) => x !== g);
      return `revoke ${g.privs}${g.col ? ` (${g.col})` : ''} on ${g.rel} from ${g.role}`;
    }
    const mat = s.views.find((v) => v.name === g.rel)?.mat;
    if (mat) return undefined;
    const from = g.privs;
    g.privs = r.pick(TABLE_PRIVS.filter((p) => p !== g.privs));
    return `grant on ${g.rel} to ${g.role} ${from} → ${g.privs}`;
  }
  const rels = [...s.tables.map((t) => ({ name: t.name, mat: false, cols: t.cols.map((c) => c.name) })), ...s.views.map((v) => ({ name: v.name, mat: v.mat, cols: v.cols }))];
  if (!rels.length) return undefined;
  const rel = r.pick(rels);
  const role = r.pick(ROLES);
  if (r.chance(0.3)) {
    const col = r.pick(rel.cols);
    if (s.grants.some((g) => g.rel === rel.name && g.role === role && g.col === col)) return undefined;
    s.grants.push({ rel: rel.name, role, privs: rel.mat ? 'SELECT' : r.pick(['SELECT', 'SELECT, UPDATE']), col });
    return `grant on ${rel.name} (${col}) to ${role}`;
  }
  if (s.grants.some((g) => g.rel === rel.name && g.role === role && !g.col)) return undefined;
  s.grants.push({ rel: rel.name, role, privs: rel.mat ? 'SELECT' : r.pick(TABLE_PRIVS) });
  return `grant on ${rel.name} to ${role}`;
}

function rule(s: Schema, r: Rng): string | undefined {
  if (s.rules.length && r.chance(0.5)) {
    const x = r.pick(s.rules);
    if (r.chance(0.5)) {
      s.rules = s.rules.filter((y) => y !== x);
      return `drop rule ${x.name}`;
    }
    x.gt += 1;
    return `rule ${x.name} where → ${x.gt}`;
  }
  const options = plain(s).filter((t) => cols(t, ['int']).length);
  if (!options.length) return undefined;
  const t = r.pick(options);
  const other = r.chance(0.5) ? r.pick(s.tables).name : undefined;
  s.rules.push({ name: fresh(s, 'ru'), table: t.name, col: r.pick(cols(t, ['int'])).name, gt: r.int(5), event: r.pick(['UPDATE', 'INSERT'] as const), other, comment: r.chance(0.2) ? 'a rule' : undefined });
  return `add rule ${s.rules[s.rules.length - 1]!.name}`;
}

function statistics(s: Schema, r: Rng): string | undefined {
  if (s.stats.length && r.chance(0.5)) {
    const x = r.pick(s.stats);
    const what = r.int(3);
    if (what === 0) {
      s.stats = s.stats.filter((y) => y !== x);
      return `drop statistics ${x.name}`;
    }
    if (what === 1) {
      x.target = x.target === undefined ? r.pick([0, 500]) : undefined;
      return `statistics ${x.name} target → ${x.target ?? 'default'}`;
    }
    x.kinds = r.pick(STAT_KINDS.filter((k) => k.join() !== x.kinds.join()));
    return `statistics ${x.name} kinds → ${x.kinds.join(', ')}`;
  }
  const options = plain(s).filter((t) => cols(t, ['int', 'text', 'date', 'bool', 'enum']).length >= 2);
  if (!options.length) return undefined;
  const t = r.pick(options);
  const picked = r.shuffle(cols(t, ['int', 'text', 'date', 'bool', 'enum'])).slice(0, 2).map((c) => c.name);
  s.stats.push({ name: fresh(s, 'st'), table: t.name, cols: picked, kinds: r.pick(STAT_KINDS), comment: r.chance(0.2) ? 'statistics' : undefined });
  return `add statistics ${s.stats[s.stats.length - 1]!.name}`;
}

function publication(s: Schema, r: Rng): string | undefined {
  const member = (t: Table) => {
    const m: Schema['pubs'][number]['tables'][number] = { name: t.name };
    const ints = cols(t, ['int']);
    if (ints.length && r.chance(0.3)) m.where = { col: r.pick(ints).name, gt: r.int(5) };
    const listable = t.cols.filter((c) => !c.gen);
    if (r.chance(0.3)) m.cols = r.shuffle(listable).slice(0, 1 + r.int(listable.length)).map((c) => c.name).sort();
    return m;
  };
  if (s.pubs.length && r.chance(0.6)) {
    const p = r.pick(s.pubs);
    const what = r.int(4);
    if (what === 0) {
      s.pubs = s.pubs.filter((x) => x !== p);
      return `drop publication ${p.name}`;
    }
    if (what === 1) {
      p.publish = p.publish === 'insert' ? 'insert, truncate' : 'insert';
      return `publication ${p.name} publish → ${p.publish}`;
    }
    const outside = plain(s).filter((t) => !p.tables.some((m) => m.name === t.name));
    if (what === 2 && outside.length) {
      p.tables.push(member(r.pick(outside)));
      return `publication ${p.name} + table ${p.tables[p.tables.length - 1]!.name}`;
    }
    if (!p.tables.length) return undefined;
    const m = r.pick(p.tables);
    if (r.chance(0.5)) {
      p.tables = p.tables.filter((x) => x !== m);
      return `publication ${p.name} - table ${m.name}`;
    }
    const next = member(tableByName(s, m.name)!);
    p.tables = p.tables.map((x) => (x === m ? next : x));
    return `publication ${p.name} table ${m.name} list/filter changed`;
  }
  const tables = r.shuffle(plain(s)).slice(0, r.int(3));
  s.pubs.push({ name: fresh(s, 'pub'), tables: tables.map(member), publish: r.pick(['insert', 'insert, truncate']), comment: r.chance(0.2) ? 'a publication' : undefined });
  return `add publication ${s.pubs[s.pubs.length - 1]!.name}`;
}

/** Mutations of the second set of kinds; each returns a description or undefined when it does not apply. */
export const KIND_MUTATIONS: Record<string, (s: Schema, r: Rng) => string | undefined> = {
  columnOption,
  deferrable,
  include,
  viewCall,
  triggerShape,
  grant,
  rule,
  statistics,
  publication,
};

/** Adds a few objects of each kind of KIND_MUTATIONS to a freshly generated schema. */
export function addKinds(s: Schema, r: Rng): void {
  for (const [name, m] of Object.entries(KIND_MUTATIONS)) {
    const n = name === 'grant' ? r.int(4) : r.int(2);
    for (let i = 0; i < n; i++) m(s, r);
  }
}

/** Is `rel.col` read by one of the second set's objects? */
export function usedByKinds(s: Schema, rel: string, col: string): boolean {
  return (
    s.views.some((v) => v.from === rel && v.call?.col === col) ||
    s.triggers.some((g) => g.table === rel && g.when?.col === col) ||
    s.grants.some((g) => g.rel === rel && g.col === col) ||
    s.rules.some((x) => x.table === rel && x.col === col) ||
    s.stats.some((x) => x.table === rel && x.cols.includes(col)) ||
    s.pubs.some((p) => p.tables.some((m) => m.name === rel && (m.cols?.includes(col) || m.where?.col === col)))
  );
}

/** Removes the second set's objects on relation `name` (dropped). */
export function dropKindsOf(s: Schema, name: string): void {
  s.grants = s.grants.filter((g) => g.rel !== name);
  s.rules = s.rules.filter((x) => x.table !== name && x.other !== name);
  s.stats = s.stats.filter((x) => x.table !== name);
  for (const p of s.pubs) p.tables = p.tables.filter((m) => m.name !== name);
}
