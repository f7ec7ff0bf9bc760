/**
 * The seeded schema generator and its mutations (see schema.ts for the model). `generatePair(seed)`
 * builds a random schema and a mutated copy; the same seed always gives the same pair.
 *
 * Every schema it writes is valid on PostgreSQL 15 with its seed rows: checks hold for the values
 * `value()` writes, partitioned tables keep their rows in a partition no mutation touches, type changes
 * stay within a family whose text form is unchanged (integer/bigint/smallint, text/varchar), and NOT NULL
 * is only added to columns whose seeded values are not NULL.
 *
 * @example
 * const { old, new: next, mutations } = generatePair(7);
 */
import { rng, type Rng } from './random.js';
import type { Column, Domain, Fam, Fn, Schema, Table } from './schema.js';
import { relColumn, tableByName } from './schema.js';
import { addKinds } from './kinds.js';

const INT_TYPES = ['integer', 'bigint', 'smallint'];
const TEXT_TYPES = ['text', 'varchar(40)', 'varchar(60)'];
const DOMAIN_CHECKS: Record<Domain['fam'], string[]> = {
  int: ['VALUE > 0', 'VALUE < 1000', 'VALUE <> 13'],
  text: ['length(VALUE) < 50', "VALUE <> ''"],
  enum: ["VALUE::text <> ''"],
  comp: ['(VALUE).a > 0', '(VALUE).a < 1000'],
};

function fresh(s: Schema, prefix: string): string {
  return `${prefix}${s.next++}`;
}

const fnOf = (s: Schema, kind: Fn['kind']): Fn | undefined => s.fns.find((f) => f.kind === kind);

/** Plain (non-partitioned) tables with a single-column `id` primary key: FK targets. */
const keyed = (s: Schema): Table[] => s.tables.filter((t) => !t.part && t.pk?.length === 1 && t.pk[0] === 'id');

/** A new column for table `t`; `adding`: added to a table with rows (then NOT NULL only with a default). */
function newColumn(s: Schema, r: Rng, adding: boolean): Column {
  const fams: Fam[] = ['int', 'int', 'text', 'text', 'bool', 'date', 'json'];
  if (s.enums.length) fams.push('enum');
  if (s.domains.some((d) => !d.notNull)) fams.push('dom');
  if (s.composites.length) fams.push('comp');
  const fam = r.pick(fams);
  const name = fresh(s, 'c');
  const col: Column = { name, type: '', fam, notNull: false };
  switch (fam) {
    case 'int': {
      col.type = r.pick(INT_TYPES);
      const def = fnOf(s, 'def');
      const opts = ['0', '42'];
      if (def) opts.push(`${def.name}()`);
      if (s.sequences.length) opts.push(`nextval('${r.pick(s.sequences).name}')`);
      if (r.chance(0.4)) col.def = r.pick(opts);
      break;
    }
    case 'text':
      col.type = r.pick(TEXT_TYPES);
      if (r.chance(0.3)) col.def = "'x'";
      break;
    case 'bool':
      col.type = 'boolean';
      if (r.chance(0.4)) col.def = 'false';
      break;
    case 'date':
      col.type = 'date';
      if (r.chance(0.3)) col.def = 'CURRENT_DATE';
      break;
    case 'json':
      col.type = 'jsonb';
      if (r.chance(0.3)) col.def = "'{}'::jsonb";
      break;
    case 'enum': {
      const e = r.pick(s.enums);
      col.type = e.name;
      col.ref = e.name;
      if (r.chance(0.4)) col.def = `'${e.labels[0]}'::${e.name}`;
      break;
    }
    case 'dom': {
      const d = r.pick(s.domains.filter((x) => !x.notNull));
      col.type = d.name;
      col.ref = d.name;
      break;
    }
    case 'comp': {
      const c = r.pick(s.composites);
      col.type = c.name;
      col.ref = c.name;
      break;
    }
  }
  if (r.chance(0.25) && (!adding || col.def !== undefined)) col.notNull = true;
  if (r.chance(0.15)) col.comment = `column ${name}`;
  return col;
}

function addTable(s: Schema, r: Rng): Table {
  const t: Table = { name: fresh(s, 't'), cols: [], uniques: [], checks: [], rls: false };
  const id: Column = { name: 'id', type: r.pick(['integer', 'bigint']), fam: 'int', notNull: true };
  if (r.chance(0.4)) id.identity = { always: r.chance(0.5), start: r.pick([1, 100]), inc: r.pick([1, 5]) };
  t.cols.push(id);
  if (r.chance(0.85)) t.pk = ['id'];
  const n = 2 + r.int(4);
  for (let i = 0; i < n; i++) t.cols.push(newColumn(s, r, false));
  const ints = t.cols.filter((c) => c.fam === 'int' && c.name !== 'id');
  const texts = t.cols.filter((c) => c.fam === 'text');
  if (ints.length && r.chance(0.3)) {
    const a = r.pick(ints);
    t.cols.push({ name: fresh(s, 'g'), type: 'bigint', fam: 'int', notNull: false, gen: { expr: `${a.name} * 2`, uses: a.name } });
  }
  const norm = fnOf(s, 'norm');
  if (texts.length && norm && r.chance(0.3)) {
    const a = r.pick(texts);
    t.cols.push({ name: fresh(s, 'g'), type: 'text', fam: 'text', notNull: false, gen: { expr: `${norm.name}(${a.name})`, uses: a.name } });
  }
  if (r.chance(0.5)) addCheck(s, r, t);
  if (r.chance(0.3)) addUnique(s, r, t);
  if (r.chance(0.3)) t.comment = `table ${t.name}`;
  s.tables.push(t);
  return t;
}

function addPartitioned(s: Schema, r: Rng): void {
  const by = r.pick(['LIST', 'RANGE'] as const);
  const t: Table = { name: fresh(s, 'pt'), cols: [{ name: 'id', type: 'integer', fam: 'int', notNull: true }, { name: 'k', type: 'integer', fam: 'int', notNull: true }], uniques: [], checks: [], rls: false, part: { by, key: 'k' } };
  for (let i = 0, n = 1 + r.int(2); i < n; i++) {
    const c = newColumn(s, r, false);
    if (c.fam === 'comp' || c.fam === 'dom') continue;
    t.cols.push(c);
  }
  if (r.chance(0.5)) t.pk = ['id', 'k'];
  s.tables.push(t);
  const bounds = by === 'LIST' ? [[1, 2], [3, 4]] : [[0, 10], [10, 20]];
  for (const values of bounds) s.parts.push({ name: fresh(s, `${t.name}_p`), parent: t.name, values });
}

/** Columns a check, unique, index or policy may use: not generated, not FK-filled. */
const plainCols = (t: Table, fams: Fam[]): Column[] => t.cols.filter((c) => fams.includes(c.fam) && !c.gen && !c.fk);

function addCheck(s: Schema, r: Rng, t: Table): boolean {
  const cols = plainCols(t, ['int', 'text', 'date']);
  if (!cols.length) return false;
  const c = r.pick(cols);
  const pos = fnOf(s, 'pos');
  const exprs = c.fam === 'int' ? [`${c.name} > 0`, `${c.name} <> 13`, ...(pos ? [`${pos.name}(${c.name})`] : [])] : c.fam === 'text' ? [`length(${c.name}) < 50`] : [`${c.name} > '2000-01-01'::date`];
  t.checks.push({ name: fresh(s, `${t.name}_ck`), expr: r.pick(exprs), col: c.name });
  return true;
}

function addUnique(s: Schema, r: Rng, t: Table): boolean {
  const cols = plainCols(t, ['int', 'text', 'date']).filter((c) => c.name !== 'id');
  if (!cols.length || t.part) return false;
  t.uniques.push({ name: fresh(s, `${t.name}_uq`), cols: [r.pick(cols).name] });
  return true;
}

function addIndex(s: Schema, r: Rng): boolean {
  if (!s.tables.length) return false;
  const t = r.pick(s.tables);
  const cols = plainCols(t, ['int', 'text', 'date', 'enum', 'bool']);
  if (!cols.length) return false;
  const picked = r.shuffle(cols).slice(0, 1 + r.int(2));
  const norm = fnOf(s, 'norm');
  const exprs = picked.map((c) => (c.fam === 'text' && norm && r.chance(0.5) ? `${norm.name}(${c.name})` : c.name));
  const unique = !t.part && picked.every((c) => ['int', 'text', 'date'].includes(c.fam)) && r.chance(0.3);
  const ints = plainCols(t, ['int']);
  const where = ints.length && r.chance(0.3) ? `${r.pick(ints).name} > 0` : undefined;
  s.indexes.push({ name: fresh(s, 'i'), table: t.name, exprs, uses: [...picked.map((c) => c.name), ...(where ? [where.split(' ')[0]!] : [])], unique, where, comment: r.chance(0.2) ? 'an index' : undefined });
  return true;
}

/** Columns of a relation (table or view) a view may read. */
function relCols(s: Schema, rel: string): string[] {
  const t = tableByName(s, rel);
  if (t) return t.cols.map((c) => c.name);
  return s.views.find((v) => v.name === rel)!.cols;
}

function addView(s: Schema, r: Rng): boolean {
  const sources = [...s.tables.map((t) => t.name), ...s.views.filter((v) => !v.mat).map((v) => v.name)];
  if (!sources.length) return false;
  // Views over views are the point: prefer them.
  const views = s.views.filter((v) => !v.mat);
  const from = views.length && r.chance(0.6) ? r.pick(views).name : r.pick(sources);
  const cols = r.shuffle(relCols(s, from)).slice(0, 1 + r.int(3)).sort();
  const ints = cols.filter((c) => relColumn(s, from, c)?.fam === 'int');
  const where = ints.length && r.chance(0.4) ? { col: r.pick(ints), gt: r.int(5) } : undefined;
  s.views.push({ name: fresh(s, 'v'), from, cols, where, mat: r.chance(0.15), comment: r.chance(0.2) ? 'a view' : undefined });
  return true;
}

function addReader(s: Schema, r: Rng): boolean {
  const rels = [...s.views.map((v) => v.name), ...s.tables.map((t) => t.name)];
  const options = rels.flatMap((rel) => relCols(s, rel).filter((c) => relColumn(s, rel, c)?.fam === 'int').map((col) => ({ rel, col })));
  if (!options.length) return false;
  const viewsFirst = options.filter((o) => s.views.some((v) => v.name === o.rel));
  s.fns.push({ name: fresh(s, 'f'), kind: r.pick(['atomic', 'ret'] as const), body: r.pick(['max', 'min']), reads: r.pick(viewsFirst.length ? viewsFirst : options) });
  return true;
}

function addFk(s: Schema, r: Rng, from?: Table, to?: Table): boolean {
  const targets = keyed(s);
  const sources = s.tables.filter((t) => !t.part);
  if (!targets.length || !sources.length) return false;
  const t = from ?? r.pick(sources);
  const ref = to ?? r.pick(targets);
  const col: Column = { name: fresh(s, `r_${ref.name}_`), type: ref.cols.find((c) => c.name === 'id')!.type, fam: 'int', notNull: false, fk: true };
  t.cols.push(col);
  s.fks.push({ name: fresh(s, `${t.name}_fk`), table: t.name, col: col.name, ref: ref.name, onDelete: r.pick(['NO ACTION', 'CASCADE', 'SET NULL', 'RESTRICT']) });
  return true;
}

function addTrigger(s: Schema, r: Rng): boolean {
  const f = fnOf(s, 'trg');
  if (!f || !s.tables.length) return false;
  s.triggers.push({ name: fresh(s, 'tg'), table: r.pick(s.tables).name, fn: f.name, events: r.pick(['INSERT', 'INSERT OR UPDATE', 'UPDATE', 'UPDATE OR DELETE']) });
  return true;
}

function addPolicy(s: Schema, r: Rng): boolean {
  const tables = s.tables.filter((t) => plainCols(t, ['int']).length);
  if (!tables.length) return false;
  const t = r.pick(tables);
  t.rls = true;
  s.policies.push({ name: fresh(s, 'pol'), table: t.name, col: r.pick(plainCols(t, ['int'])).name, gt: r.int(5), cmd: r.pick(['ALL', 'SELECT', 'UPDATE'] as const) });
  return true;
}

/** A random schema mixing every kind the generator knows. */
export function generateSchema(r: Rng): Schema {
  const s: Schema = { enums: [], composites: [], domains: [], sequences: [], fns: [], tables: [], parts: [], fks: [], indexes: [], views: [], triggers: [], policies: [], grants: [], rules: [], stats: [], pubs: [], next: 1 };
  for (let i = 0, n = r.int(3); i < n; i++) s.enums.push({ name: fresh(s, 'e'), labels: ['a', 'b', 'c'].slice(0, 1 + r.int(3)), comment: r.chance(0.2) ? 'an enum' : undefined });
  for (let i = 0, n = r.int(3); i < n; i++) {
    const fam = r.pick(s.enums.length ? (['int', 'text', 'enum'] as const) : (['int', 'text'] as const));
    const e = fam === 'enum' ? r.pick(s.enums) : undefined;
    const d: Domain = { name: fresh(s, 'd'), base: fam === 'int' ? r.pick(['integer', 'bigint']) : fam === 'text' ? 'text' : e!.name, fam, ref: e?.name, checks: [], notNull: r.chance(0.15) };
    if (r.chance(0.6)) d.checks.push({ name: fresh(s, `${d.name}_ck`), expr: r.pick(DOMAIN_CHECKS[fam]) });
    if (r.chance(0.3)) d.def = fam === 'int' ? '1' : fam === 'text' ? "'x'" : `'${e!.labels[0]}'::${e!.name}`;
    s.domains.push(d);
  }
  for (let i = 0, n = r.int(3); i < n; i++) {
    const attrs: Schema['composites'][number]['attrs'] = [{ name: 'a', type: 'integer', fam: 'int' }, { name: 'b', type: 'text', fam: 'text' }];
    if (s.enums.length && r.chance(0.5)) {
      const e = r.pick(s.enums);
      attrs.push({ name: 'm', type: e.name, fam: 'enum', ref: e.name });
    }
    const intDomains = s.domains.filter((d) => d.fam === 'int');
    if (intDomains.length && r.chance(0.4)) {
      const d = r.pick(intDomains);
      attrs.push({ name: 'p', type: d.name, fam: 'dom', ref: d.name });
    }
    const c = { name: fresh(s, 'ct'), attrs, comment: r.chance(0.2) ? 'a composite' : undefined };
    s.composites.push(c);
    // A domain over the composite (over an enum): the deep chain.
    if (r.chance(0.5)) s.domains.push({ name: fresh(s, 'dc'), base: c.name, fam: 'comp', ref: c.name, checks: r.chance(0.7) ? [{ name: fresh(s, 'dc_ck'), expr: r.pick(DOMAIN_CHECKS.comp) }] : [], notNull: false });
  }
  for (let i = 0, n = r.int(2); i < n; i++) s.sequences.push({ name: fresh(s, 'q'), start: r.pick([1, 100]), inc: r.pick([1, 10]), cache: r.pick([1, 5]), comment: r.chance(0.2) ? 'a sequence' : undefined });
  if (r.chance(0.5)) s.fns.push({ name: fresh(s, 'fpos'), kind: 'pos', body: '0' });
  if (r.chance(0.5)) s.fns.push({ name: fresh(s, 'fdef'), kind: 'def', body: '7', comment: r.chance(0.3) ? 'default' : undefined });
  if (r.chance(0.5)) s.fns.push({ name: fresh(s, 'fnorm'), kind: 'norm', body: 'lower' });
  if (r.chance(0.5)) s.fns.push({ name: fresh(s, 'ftrg'), kind: 'trg', body: '' });
  for (let i = 0, n = 2 + r.int(3); i < n; i++) addTable(s, r);
  if (r.chance(0.4)) addPartitioned(s, r);
  for (let i = 0, n = r.int(4); i < n; i++) addFk(s, r);
  // A cycle: the first keyed table references the last one and back.
  const k = keyed(s);
  if (k.length >= 2 && r.chance(0.4)) {
    addFk(s, r, k[0], k[k.length - 1]);
    addFk(s, r, k[k.length - 1], k[0]);
  }
  for (let i = 0, n = r.int(4); i < n; i++) addIndex(s, r);
  for (let i = 0, n = r.int(4); i < n; i++) addView(s, r);
  for (let i = 0, n = r.int(3); i < n; i++) addReader(s, r);
  for (let i = 0, n = r.int(3); i < n; i++) addTrigger(s, r);
  for (let i = 0, n = r.int(3); i < n; i++) addPolicy(s, r);
  addKinds(s, r);
  return s;
}

export { addCheck, addFk, addIndex, addPolicy, addReader, addTable, addTrigger, addUnique, addView, newColumn, fresh, keyed, plainCols, fnOf, relCols, INT_TYPES, TEXT_TYPES, DOMAIN_CHECKS };
export { rng };
