/**
 * Random mutations of a generated schema (schema.ts). Each mutation changes one thing PostgreSQL can
 * migrate while keeping the schema valid with its seed rows; it returns a short description, or
 * undefined when it does not apply to this schema. Both directions of every pair are tested, so each
 * mutation also tests its inverse (an added column is a dropped column on the way back).
 *
 * @example
 * const next = structuredClone(old);
 * const done = mutate(next, rng(7), 2); // e.g. ['type t3.c5 integer → bigint', 'enum e1 + value l9']
 */
import type { Rng } from './random.js';
import type { Schema, Table } from './schema.js';
import { relColumn, tableByName } from './schema.js';
import { dropKindsOf, KIND_MUTATIONS, usedByKinds } from './kinds.js';
import { addCheck, addFk, addIndex, addPolicy, addReader, addTable, addTrigger, addUnique, addView, DOMAIN_CHECKS, fnOf, fresh, INT_TYPES, keyed, newColumn, plainCols, relCols, TEXT_TYPES } from './generate.js';

interface Ctx {
  /** Columns added by this pair's mutations (their seeded rows hold NULL or the default). */
  readonly added: Set<string>;
}

/** Is `rel.col` read by anything other than the relation's own definition? */
function used(s: Schema, rel: string, col: string): boolean {
  const t = tableByName(s, rel);
  if (t) {
    if (col === 'id' || t.part?.key === col || t.pk?.includes(col)) return true;
    if (t.cols.some((c) => c.gen?.uses === col) || t.checks.some((c) => c.col === col) || t.uniques.some((u) => u.cols.includes(col))) return true;
    if (t.cols.find((c) => c.name === col)?.fk) return true;
  }
  return (
    s.views.some((v) => v.from === rel && (v.cols.includes(col) || v.where?.col === col)) ||
    s.indexes.some((x) => x.table === rel && x.uses.includes(col)) ||
    s.policies.some((p) => p.table === rel && p.col === col) ||
    s.fns.some((f) => f.reads?.rel === rel && f.reads.col === col) ||
    usedByKinds(s, rel, col)
  );
}

/** Drops a relation and everything that depends on it. */
function dropRelation(s: Schema, name: string): void {
  for (const v of s.views.filter((x) => x.from === name)) dropRelation(s, v.name);
  s.views = s.views.filter((v) => v.name !== name);
  s.fns = s.fns.filter((f) => f.reads?.rel !== name);
  s.indexes = s.indexes.filter((x) => x.table !== name);
  s.triggers = s.triggers.filter((x) => x.table !== name);
  s.policies = s.policies.filter((x) => x.table !== name);
  s.fks = s.fks.filter((f) => f.table !== name && f.ref !== name);
  s.parts = s.parts.filter((p) => p.parent !== name);
  dropKindsOf(s, name);
  s.tables = s.tables.filter((t) => t.name !== name);
}

const colsOf = (s: Schema) => s.tables.flatMap((t) => t.cols.map((c) => ({ t, c })));

type Mutation = (s: Schema, r: Rng, ctx: Ctx) => string | undefined;

const MUTATIONS: Record<string, Mutation> = {
  addColumn: (s, r, ctx) => {
    if (!s.tables.length) return undefined;
    const t = r.pick(s.tables);
    const c = newColumn(s, r, true);
    t.cols.push(c);
    ctx.added.add(`${t.name}.${c.name}`);
    return `add column ${t.name}.${c.name} ${c.type}`;
  },
  dropColumn: (s, r) => {
    // Not a NOT NULL column without a default: the way back (adding it to a table with rows) cannot succeed.
    const options = colsOf(s).filter(({ t, c }) => !used(s, t.name, c.name) && !(c.notNull && c.def === undefined && !c.identity && !c.gen));
    if (!options.length) return undefined;
    const { t, c } = r.pick(options);
    t.cols = t.cols.filter((x) => x !== c);
    return `drop column ${t.name}.${c.name}`;
  },
  changeType: (s, r) => {
    const options = colsOf(s).filter(({ t, c }) => !c.gen && t.part?.key !== c.name && !t.cols.some((g) => g.gen?.uses === c.name) && (c.fam === 'int' || c.fam === 'text') && !c.fk);
    if (!options.length) return undefined;
    const { t, c } = r.pick(options);
    const types = (c.fam === 'int' ? INT_TYPES : TEXT_TYPES).filter((x) => x !== c.type && !(c.identity && x === 'smallint'));
    // A key referenced by foreign keys keeps a type its referencing columns can compare with.
    const from = c.type;
    c.type = r.pick(types);
    if (c.name === 'id') for (const f of s.fks.filter((x) => x.ref === t.name)) tableByName(s, f.table)!.cols.find((x) => x.name === f.col)!.type = c.type;
    return `type ${t.name}.${c.name} ${from} → ${c.type}`;
  },
  toggleNotNull: (s, r, ctx) => {
    const options = colsOf(s).filter(({ t, c }) => !c.gen && !c.identity && !c.fk && !t.pk?.includes(c.name) && t.part?.key !== c.name && !ctx.added.has(`${t.name}.${c.name}`));
    if (!options.length) return undefined;
    const { t, c } = r.pick(options);
    c.notNull = !c.notNull;
    return `${t.name}.${c.name} ${c.notNull ? 'SET' : 'DROP'} NOT NULL`;
  },
  changeDefault: (s, r) => {
    const options = colsOf(s).filter(({ c }) => !c.gen && !c.identity && ['int', 'text', 'bool'].includes(c.fam));
    if (!options.length) return undefined;
    const { t, c } = r.pick(options);
    const defs = c.fam === 'int' ? ['1', '5', ...(fnOf(s, 'def') ? [`${fnOf(s, 'def')!.name}()`] : [])] : c.fam === 'text' ? ["'y'", "'z'"] : ['true', 'false'];
    const before = c.def;
    c.def = c.def !== undefined && r.chance(0.4) && !c.notNull ? undefined : r.pick(defs.filter((d) => d !== c.def));
    return `${t.name}.${c.name} default ${before ?? '-'} → ${c.def ?? '-'}`;
  },
  addCheck: (s, r) => {
    if (!s.tables.length) return undefined;
    const t = r.pick(s.tables);
    return addCheck(s, r, t) ? `add check ${t.checks[t.checks.length - 1]!.name}` : undefined;
  },
  dropCheck: (s, r) => {
    const t = s.tables.filter((x) => x.checks.length);
    if (!t.length) return undefined;
    const table = r.pick(t);
    const c = r.pick(table.checks);
    table.checks = table.checks.filter((x) => x !== c);
    return `drop check ${c.name}`;
  },
  addUnique: (s, r) => {
    if (!s.tables.length) return undefined;
    const t = r.pick(s.tables);
    return addUnique(s, r, t) ? `add unique ${t.uniques[t.uniques.length - 1]!.name}` : undefined;
  },
  dropUnique: (s, r) => {
    const t = s.tables.filter((x) => x.uniques.length);
    if (!t.length) return undefined;
    const table = r.pick(t);
    const u = r.pick(table.uniques);
    table.uniques = table.uniques.filter((x) => x !== u);
    return `drop unique ${u.name}`;
  },
  addIndex: (s, r) => (addIndex(s, r) ? `add index ${s.indexes[s.indexes.length - 1]!.name}` : undefined),
  dropIndex: (s, r) => {
    if (!s.indexes.length) return undefined;
    const x = r.pick(s.indexes);
    s.indexes = s.indexes.filter((i) => i !== x);
    return `drop index ${x.name}`;
  },
  changeIndex: (s, r) => {
    const options = s.indexes.filter((x) => plainCols(tableByName(s, x.table)!, ['int']).length);
    if (!options.length) return undefined;
    const x = r.pick(options);
    const before = x.where;
    const col = r.pick(plainCols(tableByName(s, x.table)!, ['int'])).name;
    x.where = x.where ? undefined : `${col} > 0`;
    x.uses = [...x.uses.filter((u) => !before?.startsWith(`${u} `) || x.exprs.includes(u) || x.include?.includes(u)), ...(x.where ? [col] : [])];
    return `index ${x.name} where ${before ?? '-'} → ${x.where ?? '-'}`;
  },
  changeViewWhere: (s, r) => {
    const options = s.views.filter((v) => relCols(s, v.from).some((c) => relColumn(s, v.from, c)?.fam === 'int'));
    if (!options.length) return undefined;
    const v = r.pick(options);
    const ints = relCols(s, v.from).filter((c) => relColumn(s, v.from, c)?.fam === 'int');
    v.where = v.where && r.chance(0.3) ? undefined : { col: r.pick(ints), gt: 5 + r.int(5) };
    return `view ${v.name} where → ${v.where ? `${v.where.col} > ${v.where.gt}` : '-'}`;
  },
  addViewColumn: (s, r) => {
    const options = s.views.filter((v) => relCols(s, v.from).some((c) => !v.cols.includes(c)));
    if (!options.length) return undefined;
    const v = r.pick(options);
    const c = r.pick(relCols(s, v.from).filter((x) => !v.cols.includes(x)));
    v.cols.push(c);
    return `view ${v.name} + column ${c}`;
  },
  dropViewColumn: (s, r) => {
    const options = s.views.filter((v) => v.cols.length > 1 && v.cols.some((c) => !used(s, v.name, c)));
    if (!options.length) return undefined;
    const v = r.pick(options);
    const c = r.pick(v.cols.filter((x) => !used(s, v.name, x)));
    v.cols = v.cols.filter((x) => x !== c);
    return `view ${v.name} - column ${c}`;
  },
  addView: (s, r) => (addView(s, r) ? `add view ${s.views[s.views.length - 1]!.name}` : undefined),
  dropView: (s, r) => {
    if (!s.views.length) return undefined;
    const v = r.pick(s.views);
    dropRelation(s, v.name);
    return `drop view ${v.name} (and what reads it)`;
  },
  addReader: (s, r) => (addReader(s, r) ? `add function ${s.fns[s.fns.length - 1]!.name}` : undefined),
  domainCheck: (s, r) => {
    if (!s.domains.length) return undefined;
    const d = r.pick(s.domains);
    const unused = DOMAIN_CHECKS[d.fam].filter((e) => !d.checks.some((c) => c.expr === e));
    if (d.checks.length && (r.chance(0.4) || !unused.length)) {
      const c = r.pick(d.checks);
      d.checks = d.checks.filter((x) => x !== c);
      return `domain ${d.name} drop check ${c.name}`;
    }
    if (!unused.length) return undefined;
    const c = { name: fresh(s, `${d.name}_ck`), expr: r.pick(unused) };
    d.checks.push(c);
    return `domain ${d.name} add check ${c.name}`;
  },
  domainDefault: (s, r) => {
    const options = s.domains.filter((d) => d.fam !== 'comp');
    if (!options.length) return undefined;
    const d = r.pick(options);
    const before = d.def;
    const defs = d.fam === 'int' ? ['1', '2'] : d.fam === 'text' ? ["'x'", "'y'"] : [`'${s.enums.find((e) => e.name === d.ref)!.labels[0]}'::${d.ref}`];
    d.def = d.def !== undefined && r.chance(0.5) ? undefined : r.pick(defs.filter((x) => x !== d.def).concat(defs.length === 1 ? defs : []));
    return `domain ${d.name} default ${before ?? '-'} → ${d.def ?? '-'}`;
  },
  compositeAttribute: (s, r) => {
    if (!s.composites.length) return undefined;
    const c = r.pick(s.composites);
    const droppable = c.attrs.filter((a) => a.name !== 'a');
    if (droppable.length && r.chance(0.4)) {
      const a = r.pick(droppable);
      c.attrs = c.attrs.filter((x) => x !== a);
      return `composite ${c.name} drop attribute ${a.name}`;
    }
    const a = { name: fresh(s, 'z'), type: r.pick(['integer', 'text', 'boolean']), fam: 'int' as const };
    const attr = a.type === 'integer' ? a : { ...a, fam: a.type === 'text' ? ('text' as const) : ('bool' as const) };
    c.attrs.push(attr);
    return `composite ${c.name} add attribute ${a.name} ${a.type}`;
  },
  compositeAttributeType: (s, r) => {
    const unused = s.composites.filter((c) => !s.tables.some((t) => t.cols.some((x) => x.ref === c.name)) && !s.domains.some((d) => d.ref === c.name));
    if (!unused.length) return undefined;
    const c = r.pick(unused);
    const a = c.attrs.find((x) => x.name === 'a')!;
    const from = a.type;
    a.type = from === 'integer' ? 'bigint' : 'integer';
    return `composite ${c.name} attribute a ${from} → ${a.type}`;
  },
  enumValue: (s, r) => {
    if (!s.enums.length) return undefined;
    const e = r.pick(s.enums);
    const label = fresh(s, 'l');
    e.labels.splice(1 + r.int(e.labels.length), 0, label);
    return `enum ${e.name} + value ${label}`;
  },
  partitionBound: (s, r) => {
    const parents = s.tables.filter((t) => t.part && s.parts.filter((p) => p.parent === t.name).length >= 2);
    if (!parents.length) return undefined;
    const t = r.pick(parents);
    const parts = s.parts.filter((p) => p.parent === t.name);
    if (t.part!.by === 'LIST') {
      const movable = parts.filter((p) => p.values.length > 1).flatMap((p) => p.values.filter((v) => v !== 1).map((v) => ({ p, v })));
      if (!movable.length) return undefined;
      const { p, v } = r.pick(movable);
      const to = r.pick(parts.filter((x) => x !== p));
      p.values = p.values.filter((x) => x !== v);
      to.values = [...to.values, v].sort((a, b) => a - b);
      return `partition value ${v}: ${p.name} → ${to.name}`;
    }
    const sorted = [...parts].sort((a, b) => a.values[0]! - b.values[0]!);
    const i = r.int(sorted.length - 1);
    const [a, b] = [sorted[i]!, sorted[i + 1]!];
    const lo = Math.max(a.values[0]! + 1, 2);
    const hi = b.values[1]! - 1;
    if (hi <= lo) return undefined;
    const cut = lo + r.int(hi - lo);
    if (cut === a.values[1]) return undefined;
    a.values = [a.values[0]!, cut];
    b.values = [cut, b.values[1]!];
    return `partition bound ${a.name}/${b.name} at ${cut}`;
  },
  addPartition: (s, r) => {
    const parents = s.tables.filter((t) => t.part);
    if (!parents.length) return undefined;
    const t = r.pick(parents);
    const parts = s.parts.filter((p) => p.parent === t.name);
    const top = Math.max(0, ...parts.flatMap((p) => p.values));
    s.parts.push({ name: fresh(s, `${t.name}_p`), parent: t.name, values: t.part!.by === 'LIST' ? [top + 1] : [top, top + 10] });
    return `add partition of ${t.name}`;
  },
  dropPartition: (s, r) => {
    const options = s.parts.filter((p) => (tableByName(s, p.parent)!.part!.by === 'LIST' ? !p.values.includes(1) : p.values[0]! > 1));
    if (!options.length) return undefined;
    const p = r.pick(options);
    s.parts = s.parts.filter((x) => x !== p);
    return `drop partition ${p.name}`;
  },
  detachPartition: (s, r) => {
    const options = s.parts.filter((p) => (tableByName(s, p.parent)!.part!.by === 'LIST' ? !p.values.includes(1) : p.values[0]! > 1));
    if (!options.length) return undefined;
    const p = r.pick(options);
    const parent = tableByName(s, p.parent)!;
    s.parts = s.parts.filter((x) => x !== p);
    // What a detached partition keeps: the parent's columns, key and checks (same names).
    s.tables.push({
      name: p.name,
      cols: structuredClone(parent.cols),
      pk: parent.pk && [...parent.pk],
      uniques: [],
      checks: structuredClone(parent.checks),
      rls: false,
      fixed: { [parent.part!.key]: String(p.values[0]) },
    });
    return `partition ${p.name} detached as a table`;
  },
  identity: (s, r) => {
    const options = s.tables.filter((t) => !t.part).map((t) => ({ t, c: t.cols.find((c) => c.name === 'id')! })).filter(({ c }) => c.type !== 'smallint' && c.def === undefined); // a column has a default or an identity, not both
    if (!options.length) return undefined;
    const { t, c } = r.pick(options);
    if (!c.identity) {
      c.identity = { always: r.chance(0.5), start: r.pick([1, 100]), inc: 1 };
      return `${t.name}.id becomes identity`;
    }
    if (r.chance(0.2)) {
      c.identity = undefined;
      return `${t.name}.id drops identity`;
    }
    const what = r.pick(['always', 'start', 'inc'] as const);
    if (what === 'always') c.identity.always = !c.identity.always;
    else if (what === 'start') c.identity.start = c.identity.start === 1 ? 1000 : 1;
    else c.identity.inc = c.identity.inc === 1 ? 3 : 1;
    return `${t.name}.id identity ${what} changed`;
  },
  functionBody: (s, r) => {
    if (!s.fns.length) return undefined;
    const f = r.pick(s.fns);
    const next: Record<string, string[]> = { pos: ['0', '-1'], def: ['7', '8'], norm: ['lower', 'upper', 'btrim'], trg: ['', 'PERFORM 1; '], atomic: ['max', 'min'], ret: ['max', 'min'] };
    const from = f.body;
    f.body = r.pick(next[f.kind]!.filter((x) => x !== f.body));
    return `function ${f.name} body ${from || '-'} → ${f.body || '-'}`;
  },
  sequence: (s, r) => {
    if (!s.sequences.length) return undefined;
    const q = r.pick(s.sequences);
    const what = r.pick(['inc', 'cache'] as const);
    q[what] = q[what] === 1 ? 3 : 1;
    return `sequence ${q.name} ${what} → ${q[what]}`;
  },
  policy: (s, r) => {
    if (s.policies.length && r.chance(0.5)) {
      const p = r.pick(s.policies);
      if (r.chance(0.5)) {
        s.policies = s.policies.filter((x) => x !== p);
        return `drop policy ${p.name}`;
      }
      p.gt += 1;
      return `policy ${p.name} expression`;
    }
    return addPolicy(s, r) ? `add policy ${s.policies[s.policies.length - 1]!.name}` : undefined;
  },
  trigger: (s, r) => {
    if (s.triggers.length && r.chance(0.6)) {
      const g = r.pick(s.triggers);
      if (r.chance(0.4)) {
        s.triggers = s.triggers.filter((x) => x !== g);
        return `drop trigger ${g.name}`;
      }
      g.events = g.events === 'INSERT' ? 'INSERT OR UPDATE' : 'INSERT';
      return `trigger ${g.name} events → ${g.events}`;
    }
    return addTrigger(s, r) ? `add trigger ${s.triggers[s.triggers.length - 1]!.name}` : undefined;
  },
  comment: (s, r) => {
    const targets: { comment?: string; name: string }[] = [...s.tables, ...s.tables.flatMap((t) => t.cols), ...s.views, ...s.enums, ...s.sequences, ...s.fns, ...s.composites, ...s.domains, ...s.indexes, ...s.rules, ...s.stats, ...s.pubs];
    const o = r.pick(targets);
    o.comment = o.comment !== undefined && r.chance(0.4) ? undefined : `changed ${s.next++}`;
    return `comment on ${o.name} → ${o.comment ?? '-'}`;
  },
  addFk: (s, r) => (addFk(s, r) ? `add FK ${s.fks[s.fks.length - 1]!.name}` : undefined),
  dropFk: (s, r) => {
    if (!s.fks.length) return undefined;
    const f = r.pick(s.fks);
    s.fks = s.fks.filter((x) => x !== f);
    return `drop FK ${f.name}`;
  },
  addTable: (s, r) => {
    const t = addTable(s, r);
    if (r.chance(0.5)) addFk(s, r, t);
    return `add table ${t.name}`;
  },
  dropTable: (s, r) => {
    if (s.tables.length < 2) return undefined;
    const t = r.pick(s.tables);
    dropRelation(s, t.name);
    return `drop table ${t.name} (and what depends on it)`;
  },
  generatedExpression: (s, r) => {
    const options = colsOf(s).filter(({ c }) => c.gen?.expr.includes(' * '));
    if (!options.length) return undefined;
    const { t, c } = r.pick(options);
    c.gen = { ...c.gen!, expr: c.gen!.expr.endsWith('* 2') ? `${c.gen!.uses} * 3` : `${c.gen!.uses} * 2` };
    return `generated ${t.name}.${c.name} → ${c.gen.expr}`;
  },
  dropPrimaryKey: (s, r) => {
    const options = s.tables.filter((t) => t.pk && !s.fks.some((f) => f.ref === t.name) && !t.part);
    if (!options.length) return undefined;
    const t = r.pick(options);
    t.pk = undefined;
    return `drop primary key of ${t.name}`;
  },
};

for (const [name, m] of Object.entries(KIND_MUTATIONS)) MUTATIONS[name] = (s, r) => m(s, r);

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies `count` random applicable mutations to `s` (in place); returns their descriptions. */
export function mutate(s: Schema, r: Rng, count: number): string[] {
  const ctx: Ctx = { added: new Set() };
  const done: string[] = [];
  for (let tries = 0; done.length < count && tries < 50; tries++) {
    const name = r.pick(MUTATION_NAMES);
    const d = MUTATIONS[name]!(s, r, ctx);
    if (d) done.push(d);
  }
  return done;
}

export { keyed };
export type { Table };
