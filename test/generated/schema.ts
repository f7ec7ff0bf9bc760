/**
 * The generated-schema model: a small description of a schema (enums, domains, composites, sequences,
 * functions, tables with partitions, keys, checks, identity and generated columns, indexes, views on
 * views, SQL-standard function bodies, triggers, policies, comments; and kinds.ts's column options, deferrable
 * keys, INCLUDE indexes, views calling functions, constraint triggers, grants, rules, extended statistics and
 * publications) that renders to DDL, seed rows that
 * satisfy its constraints, and the queries that read those rows back. The generator (generate.ts) builds
 * and mutates it; the test (generated.test.ts) turns a pair of them into an acceptance case.
 *
 * Rendering is split into units, one per object (with its comments): a unit has one key in both states,
 * so a reproduction is shrunk by removing keys (shrink.ts).
 *
 * @example
 * const units = render(generateSchema(rng(1)));
 * units.flatMap((u) => u.ddl); // DDL statements in dependency order
 */
export type Fam = 'int' | 'text' | 'bool' | 'date' | 'json' | 'enum' | 'dom' | 'comp';

export interface Enum { name: string; labels: string[]; comment?: string }
export interface Attr { name: string; type: string; fam: 'int' | 'text' | 'bool' | 'enum' | 'dom'; ref?: string }
export interface Composite { name: string; attrs: Attr[]; comment?: string }
export interface Check { name: string; expr: string }
export interface Domain { name: string; base: string; fam: 'int' | 'text' | 'enum' | 'comp'; ref?: string; checks: Check[]; def?: string; notNull: boolean; comment?: string }
export interface Sequence { name: string; start: number; inc: number; cache: number; comment?: string }
/**
 * Functions by role: `pos` (checks), `def` (defaults), `norm` (expression indexes, generated columns),
 * `trg` (triggers), `atomic` / `ret` (SQL-standard bodies reading a view or table column).
 */
export interface Fn { name: string; kind: 'pos' | 'def' | 'norm' | 'trg' | 'atomic' | 'ret'; body: string; reads?: { rel: string; col: string }; comment?: string }
export interface Identity { always: boolean; start: number; inc: number }
export interface Column {
  name: string;
  type: string;
  fam: Fam;
  /** Enum, domain or composite name. */
  ref?: string;
  notNull: boolean;
  def?: string;
  identity?: Identity;
  /** Stored generated column: its expression and the column it reads. */
  gen?: { expr: string; uses: string };
  /** Set by a foreign key's seed update (NULL when inserted). */
  fk?: boolean;
  comment?: string;
  /** `ALTER COLUMN … SET STORAGE` (varlena columns of plain tables). */
  storage?: 'EXTERNAL' | 'MAIN';
  /** `ALTER COLUMN … SET STATISTICS`. */
  stats?: number;
}
export interface TableCheck extends Check { col: string }
export interface Table {
  name: string;
  cols: Column[];
  pk?: string[];
  uniques: { name: string; cols: string[]; deferrable?: string }[];
  checks: TableCheck[];
  part?: { by: 'LIST' | 'RANGE'; key: string };
  rls: boolean;
  comment?: string;
  /** Seed values fixed per column (a detached partition's key stays within its old bound). */
  fixed?: Record<string, string>;
}
/** A partition: LIST values, or RANGE [from, to). */
export interface Partition { name: string; parent: string; values: number[] }
export interface Fk { name: string; table: string; col: string; ref: string; onDelete: string; deferrable?: string }
export interface Index { name: string; table: string; exprs: string[]; uses: string[]; unique: boolean; where?: string; include?: string[]; comment?: string }
/** A view: `call` adds an output column calling a function of the schema over a column of its source. */
export interface View { name: string; from: string; cols: string[]; where?: { col: string; gt: number }; mat: boolean; call?: { fn: string; col: string; as: string }; comment?: string }
/** A BEFORE row trigger, or (`constraint`) an AFTER constraint trigger, deferred; `when` reads NEW (OLD for DELETE). */
export interface Trigger { name: string; table: string; fn: string; events: string; when?: { col: string; gt: number }; constraint?: boolean }
export interface Policy { name: string; table: string; col: string; gt: number; cmd: 'ALL' | 'SELECT' | 'UPDATE' }

/** A grant on a table or view (`col`: on that column) to one of the suite's roles (kinds.ts: ROLES). */
export interface Grant { rel: string; role: string; privs: string; col?: string }
/** `CREATE RULE … AS ON event TO table WHERE NEW.col > gt DO ALSO` a DELETE FROM `other` (or its table) matching no row. */
export interface Rule { name: string; table: string; col: string; gt: number; event: 'UPDATE' | 'INSERT'; other?: string; comment?: string }
export interface Stat { name: string; table: string; cols: string[]; kinds: string[]; target?: number; comment?: string }
export interface Pub { name: string; tables: { name: string; cols?: string[]; where?: { col: string; gt: number } }[]; publish: string; comment?: string }

export interface Schema {
  enums: Enum[];
  composites: Composite[];
  domains: Domain[];
  sequences: Sequence[];
  fns: Fn[];
  tables: Table[];
  parts: Partition[];
  fks: Fk[];
  indexes: Index[];
  views: View[];
  triggers: Trigger[];
  policies: Policy[];
  grants: Grant[];
  rules: Rule[];
  stats: Stat[];
  pubs: Pub[];
  /** Counter for fresh names (kept across mutations so added objects never reuse a dropped name). */
  next: number;
}

/** One object's DDL in one state, with the seed rows it contributes. */
export interface Unit {
  readonly key: string;
  readonly ddl: readonly string[];
  readonly seed: readonly string[];
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const comment = (what: string, c: string | undefined): string[] => (c === undefined ? [] : [`COMMENT ON ${what} IS ${lit(c)}`]);

export function fnSql(s: Schema, f: Fn): string {
  switch (f.kind) {
    case 'pos':
      return `CREATE FUNCTION ${f.name}(x bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT x > ${f.body}$$`;
    case 'def':
      return `CREATE FUNCTION ${f.name}() RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT ${f.body}$$`;
    case 'norm':
      return `CREATE FUNCTION ${f.name}(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT ${f.body}(x)$$`;
    case 'trg':
      return `CREATE FUNCTION ${f.name}() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN ${f.body}RETURN NEW; END$$`;
    case 'atomic':
      return `CREATE FUNCTION ${f.name}() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT ${f.body}(${f.reads!.col})::bigint FROM ${f.reads!.rel}; END`;
    case 'ret':
      return `CREATE FUNCTION ${f.name}() RETURNS bigint LANGUAGE sql RETURN (SELECT ${f.body}(${f.reads!.col})::bigint FROM ${f.reads!.rel})`;
  }
}

function fnSignature(f: Fn): string {
  return `${f.name}(${f.kind === 'pos' ? 'bigint' : f.kind === 'norm' ? 'text' : ''})`;
}

function columnSql(c: Column): string {
  let out = `${c.name} ${c.type}`;
  if (c.identity) {
    const opts = [c.identity.start !== 1 ? `START WITH ${c.identity.start}` : '', c.identity.inc !== 1 ? `INCREMENT BY ${c.identity.inc}` : ''].filter(Boolean);
    out += ` GENERATED ${c.identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
  }
  if (c.gen) out += ` GENERATED ALWAYS AS (${c.gen.expr}) STORED`;
  if (c.notNull && !c.identity) out += ' NOT NULL';
  if (c.def !== undefined) out += ` DEFAULT ${c.def}`;
  return out;
}

export function tableByName(s: Schema, name: string): Table | undefined {
  return s.tables.find((t) => t.name === name);
}

/** The column type family of a relation's column (tables and views). */
export function relColumn(s: Schema, rel: string, col: string): Column | undefined {
  const t = tableByName(s, rel);
  if (t) return t.cols.find((c) => c.name === col);
  const v = s.views.find((x) => x.name === rel);
  return v && v.cols.includes(col) ? relColumn(s, v.from, col) : undefined;
}

/** A literal of a column family for seed row `i` (0 or 1): satisfies every check the generator writes. */
export function value(s: Schema, fam: Fam, ref: string | undefined, i: number, key = false): string {
  switch (fam) {
    case 'int':
      return key ? String(i + 1) : String(10 * (i + 1));
    case 'text':
      return lit(`w${i}`);
    case 'bool':
      return i === 0 ? 'true' : 'false';
    case 'date':
      return lit(`2026-01-0${i + 1}`);
    case 'json':
      return lit(`{"n": ${i}}`);
    case 'enum':
      return lit(s.enums.find((e) => e.name === ref)!.labels[0]!);
    case 'dom': {
      const d = s.domains.find((x) => x.name === ref)!;
      if (d.fam === 'int') return String(5 + i);
      if (d.fam === 'text') return lit(`d${i}`);
      return value(s, d.fam, d.ref, i);
    }
    case 'comp': {
      const c = s.composites.find((x) => x.name === ref)!;
      return `ROW(${c.attrs.map((a) => (a.fam === 'int' ? String(5 + i) : value(s, a.fam, a.ref, i))).join(', ')})::${c.name}`;
    }
  }
}

/** Renders a schema as units in creation order. */
export function render(s: Schema): Unit[] {
  const units: Unit[] = [];
  const add = (key: string, ddl: string[], seed: string[] = []) => units.push({ key, ddl, seed });
  for (const e of s.enums) add(`enum:${e.name}`, [`CREATE TYPE ${e.name} AS ENUM (${e.labels.map(lit).join(', ')})`, ...comment(`TYPE ${e.name}`, e.comment)]);
  const domain = (d: Domain) =>
    add(`domain:${d.name}`, [
      `CREATE DOMAIN ${d.name} AS ${d.base}${d.def !== undefined ? ` DEFAULT ${d.def}` : ''}${d.notNull ? ' NOT NULL' : ''}${d.checks.map((c) => ` CONSTRAINT ${c.name} CHECK (${c.expr})`).join('')}`,
      ...comment(`DOMAIN ${d.name}`, d.comment),
    ]);
  for (const d of s.domains.filter((x) => x.fam !== 'comp')) domain(d);
  for (const c of s.composites) add(`composite:${c.name}`, [`CREATE TYPE ${c.name} AS (${c.attrs.map((a) => `${a.name} ${a.type}`).join(', ')})`, ...comment(`TYPE ${c.name}`, c.comment)]);
  for (const d of s.domains.filter((x) => x.fam === 'comp')) domain(d);
  for (const q of s.sequences) add(`sequence:${q.name}`, [`CREATE SEQUENCE ${q.name} START ${q.start} INCREMENT ${q.inc} CACHE ${q.cache}`, ...comment(`SEQUENCE ${q.name}`, q.comment)]);
  for (const f of s.fns.filter((x) => !x.reads)) add(`function:${f.name}`, [fnSql(s, f), ...comment(`FUNCTION ${fnSignature(f)}`, f.comment)]);
  for (const t of s.tables) {
    const body = [
      ...t.cols.map(columnSql),
      ...(t.pk ? [`CONSTRAINT ${t.name}_pkey PRIMARY KEY (${t.pk.join(', ')})`] : []),
      ...t.uniques.map((u) => `CONSTRAINT ${u.name} UNIQUE (${u.cols.join(', ')})${u.deferrable ? ` ${u.deferrable}` : ''}`),
      ...t.checks.map((c) => `CONSTRAINT ${c.name} CHECK (${c.expr})`),
    ];
    const cols = t.cols.filter((c) => !c.identity && !c.gen);
    const rows = [0, 1].map((i) => `(${cols.map((c) => (c.fk ? 'NULL' : t.fixed?.[c.name] ?? (c.name === t.part?.key ? '1' : value(s, c.fam, c.ref, i, c.name === 'id')))).join(', ')})`);
    add(
      `table:${t.name}`,
      [
        `CREATE TABLE ${t.name} (${body.join(', ')})${t.part ? ` PARTITION BY ${t.part.by} (${t.part.key})` : ''}`,
        ...(t.rls ? [`ALTER TABLE ${t.name} ENABLE ROW LEVEL SECURITY`] : []),
        ...t.cols.flatMap((c) => [
          ...(c.storage ? [`ALTER TABLE ${t.name} ALTER COLUMN ${c.name} SET STORAGE ${c.storage}`] : []),
          ...(c.stats !== undefined ? [`ALTER TABLE ${t.name} ALTER COLUMN ${c.name} SET STATISTICS ${c.stats}`] : []),
        ]),
        ...comment(`TABLE ${t.name}`, t.comment),
        ...t.cols.flatMap((c) => comment(`COLUMN ${t.name}.${c.name}`, c.comment)),
      ],
      // A partitioned table's rows (key 1) are inserted once its partitions exist (moved below).
      [`INSERT INTO ${t.name} (${cols.map((c) => c.name).join(', ')}) VALUES ${rows.join(', ')}`],
    );
  }
  for (const p of s.parts) {
    const t = tableByName(s, p.parent)!;
    const bound = t.part!.by === 'LIST' ? `IN (${p.values.join(', ')})` : `FROM (${p.values[0]}) TO (${p.values[1]})`;
    add(`partition:${p.name}`, [`CREATE TABLE ${p.name} PARTITION OF ${p.parent} FOR VALUES ${bound}`]);
  }
  // Seed rows of partitioned tables follow their partitions.
  for (const t of s.tables.filter((x) => x.part)) {
    const u = units.findIndex((x) => x.key === `table:${t.name}`);
    const seed = units[u]!.seed;
    if (seed.length) {
      units[u] = { ...units[u]!, seed: [] };
      const first = s.parts.find((p) => p.parent === t.name && (t.part!.by === 'LIST' ? p.values.includes(1) : p.values[0]! <= 1 && 1 < p.values[1]!));
      if (first) {
        const i = units.findIndex((x) => x.key === `partition:${first.name}`);
        units[i] = { ...units[i]!, seed };
      }
    }
  }
  for (const f of s.fks) {
    add(`fk:${f.name}`, [`ALTER TABLE ${f.table} ADD CONSTRAINT ${f.name} FOREIGN KEY (${f.col}) REFERENCES ${f.ref} (id) ON DELETE ${f.onDelete}${f.deferrable ? ` ${f.deferrable}` : ''}`], [`UPDATE ${f.table} SET ${f.col} = (SELECT min(id) FROM ${f.ref})`]);
  }
  for (const x of s.indexes) add(`index:${x.name}`, [`CREATE ${x.unique ? 'UNIQUE ' : ''}INDEX ${x.name} ON ${x.table} (${x.exprs.join(', ')})${x.include?.length ? ` INCLUDE (${x.include.join(', ')})` : ''}${x.where ? ` WHERE ${x.where}` : ''}`, ...comment(`INDEX ${x.name}`, x.comment)]);
  for (const v of s.views) {
    add(`view:${v.name}`, [
      `CREATE ${v.mat ? 'MATERIALIZED ' : ''}VIEW ${v.name} AS SELECT ${[...v.cols, ...(v.call ? [`${v.call.fn}(${v.call.col}) AS ${v.call.as}`] : [])].join(', ')} FROM ${v.from}${v.where ? ` WHERE ${v.where.col} > ${v.where.gt}` : ''}`,
      ...comment(`${v.mat ? 'MATERIALIZED ' : ''}VIEW ${v.name}`, v.comment),
    ]);
  }
  for (const f of s.fns.filter((x) => x.reads)) add(`function:${f.name}`, [fnSql(s, f), ...comment(`FUNCTION ${fnSignature(f)}`, f.comment)]);
  for (const g of s.triggers) {
    const when = g.when ? ` WHEN (${g.events.includes('DELETE') ? 'OLD' : 'NEW'}.${g.when.col} > ${g.when.gt})` : '';
    add(`trigger:${g.name}`, [
      g.constraint
        ? `CREATE CONSTRAINT TRIGGER ${g.name} AFTER ${g.events} ON ${g.table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW${when} EXECUTE FUNCTION ${g.fn}()`
        : `CREATE TRIGGER ${g.name} BEFORE ${g.events} ON ${g.table} FOR EACH ROW${when} EXECUTE FUNCTION ${g.fn}()`,
    ]);
  }
  for (const p of s.policies) add(`policy:${p.name}`, [`CREATE POLICY ${p.name} ON ${p.table} FOR ${p.cmd} USING (${p.col} > ${p.gt})`]);
  for (const x of s.rules) {
    // A rule with a WHERE condition cannot NOTIFY: a DELETE matching no row (of its own table or another).
    const other = x.other ?? x.table;
    add(`rule:${x.name}`, [`CREATE RULE ${x.name} AS ON ${x.event} TO ${x.table} WHERE NEW.${x.col} > ${x.gt} DO ALSO DELETE FROM ${other} WHERE ${other}.id < 0`, ...comment(`RULE ${x.name} ON ${x.table}`, x.comment)]);
  }
  for (const x of s.stats) {
    add(`statistics:${x.name}`, [
      `CREATE STATISTICS ${x.name} (${x.kinds.join(', ')}) ON ${x.cols.join(', ')} FROM ${x.table}`,
      ...(x.target !== undefined ? [`ALTER STATISTICS ${x.name} SET STATISTICS ${x.target}`] : []),
      ...comment(`STATISTICS ${x.name}`, x.comment),
    ]);
  }
  for (const p of s.pubs) {
    const members = p.tables.map((m) => `${m.name}${m.cols ? ` (${m.cols.join(', ')})` : ''}${m.where ? ` WHERE (${m.where.col} > ${m.where.gt})` : ''}`);
    add(`publication:${p.name}`, [`CREATE PUBLICATION ${p.name}${members.length ? ` FOR TABLE ${members.join(', ')}` : ''} WITH (publish = ${lit(p.publish)})`, ...comment(`PUBLICATION ${p.name}`, p.comment)]);
  }
  for (const g of s.grants) add(`grant:${g.rel}:${g.role}:${g.col ?? ''}`, [g.col ? `GRANT ${g.privs.split(', ').map((x) => `${x} (${g.col})`).join(', ')} ON TABLE ${g.rel} TO ${g.role}` : `GRANT ${g.privs} ON TABLE ${g.rel} TO ${g.role}`]);
  return units;
}

/** The query reading back a table's seeded rows in a form that survives the generator's type changes. */
export function keepsQuery(s: Schema, t: Table, other: Table): string | undefined {
  const cols = t.cols.filter((c) => !c.gen && other.cols.some((o) => o.name === c.name && !o.gen));
  if (!cols.length) return undefined;
  const composite = (c: Column) => c.fam === 'comp' || (c.fam === 'dom' && s.domains.find((d) => d.name === c.ref)?.fam === 'comp');
  const expr = (c: Column) => (composite(c) ? `(${c.name}).a::text` : `${c.name}::text`);
  return `SELECT ${cols.map(expr).join(', ')} FROM ${t.name} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`;
}
