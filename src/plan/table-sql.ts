/**
 * Tables and columns spelled as Atlas spells them (its PostgreSQL planner, `sql/postgres/migrate.go`):
 *
 *  - a column is `"name" type NOT NULL|NULL [DEFAULT …] [COLLATE …] [GENERATED …]`; identity options
 *    are written only where they differ from PostgreSQL's defaults;
 *  - `CREATE TABLE` lists columns, then the primary key (`PRIMARY KEY ("id")` when it has the default
 *    name), unique and exclusion constraints, foreign keys, checks, each kind by name (as PostgreSQL lists them);
 *  - a foreign key writes both `ON UPDATE` and `ON DELETE`, `NO ACTION` included (Atlas writes the actions it
 *    inspected, and PostgreSQL always has both); `MATCH`, `DEFERRABLE` and `NOT VALID` where they are set;
 *  - an owned sequence that `serial` would have created is written as `serial`/`bigserial`/`smallserial`;
 *  - with an indent (`--format '{{ sql . "  " }}'`), one column or constraint per line.
 *
 * Pure string building from the Model; what each statement does to data is the planner's business.
 */
import { byInlineOrder, duplicateKeyAfterTable } from '../model/key-merge.js';
import { foreignKeySql, keySql } from '../model/constraint-sql.js';
import { quoteIdentAlways as qi, splitKey } from '../model/names.js';
import type { Column, Constraint, Model, Sequence, SequenceOptions, Table } from '../model/types.js';

export const qn = (schema: string, name: string): string => `${qi(schema)}.${qi(name)}`;
export const qk = (key: string): string => {
  const { schema, name } = splitKey(key);
  return qn(schema, name);
};

const INT_RANGE: Record<string, readonly [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * The options of an identity (or `serial`) sequence that differ from what PostgreSQL picks for its type and
 * direction, in `CREATE SEQUENCE` clause order.
 *
 * @example
 * sequenceOptionClauses({ type: 'integer', start: '10', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false }) // ['START WITH 10']
 */
export function sequenceOptionClauses(s: SequenceOptions): string[] {
  const [lo, hi] = INT_RANGE[s.type] ?? INT_RANGE.bigint!;
  const up = !s.increment.startsWith('-');
  const [min, max] = up ? ['1', hi] : [lo, '-1'];
  const start = up ? s.min : s.max;
  const out: string[] = [];
  if (s.start !== start) out.push(`START WITH ${s.start}`);
  if (s.increment !== '1') out.push(`INCREMENT BY ${s.increment}`);
  if (s.min !== min) out.push(`MINVALUE ${s.min}`);
  if (s.max !== max) out.push(`MAXVALUE ${s.max}`);
  if (s.cache !== '1') out.push(`CACHE ${s.cache}`);
  if (s.cycle) out.push('CYCLE');
  return out;
}

/** Does a sequence's old start lie outside its new bounds (its position must then be restarted)? */
export const startOutside = (from: SequenceOptions, to: SequenceOptions): boolean => BigInt(from.start) < BigInt(to.min) || BigInt(from.start) > BigInt(to.max);

/**
 * `GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(…)]` with only the options that are not defaults, `SEQUENCE NAME`
 * when the sequence's name is not the one PostgreSQL picks for `table.column` (a renamed table or column keeps its
 * sequence's name; pg_dump writes it), and `LOGGED | UNLOGGED` when its persistence is not the table's.
 *
 * @example
 * identitySql({ name: 'id', type: 'integer', notNull: true, identity: { generation: 'ALWAYS', sequence, sequenceName: 't_id_seq' } }, { schema: 'app', name: 't2' })
 * // 'GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "app"."t_id_seq")'
 */
export function identitySql(c: Column, table?: { readonly schema: string; readonly name: string }): string {
  const id = c.identity!;
  const named = table && id.sequenceName && id.sequenceName !== serialSequenceName(table.name, c.name) ? [`SEQUENCE NAME ${qi(table.schema)}.${qi(id.sequenceName)}`] : [];
  // A sequence whose persistence is not its table's (pg_dump writes it there, after the name).
  const persistence = id.unlogged === undefined ? [] : [id.unlogged ? 'UNLOGGED' : 'LOGGED'];
  const opts = [...named, ...persistence, ...sequenceOptionClauses(id.sequence)];
  return `GENERATED ${id.generation} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
}

const SERIAL: Record<string, string> = { smallint: 'smallserial', integer: 'serial', bigint: 'bigserial' };

/** PostgreSQL's name for the sequence of `table.column` declared serial or identity (when it fits in 63 bytes). */
export const serialSequenceName = (table: string, column: string) => `${table}_${column}_seq`;

/**
 * The sequence a new column can take as `serial` instead of a separate `CREATE SEQUENCE`, default and
 * `OWNED BY`: one created in the same plan, owned by the column, named as `serial` names it, with the
 * column's integer type, default options and no other user; the column is NOT NULL and its default is
 * exactly `nextval` of it.
 *
 * @example
 * serialSequence(users, users.columns[0], desired, created) // the Sequence "app.users_id_seq", or undefined
 */
export function serialSequence(t: Table, c: Column, model: Model, created: ReadonlySet<string>): Sequence | undefined {
  if (!SERIAL[c.type] || !c.notNull || !c.default || c.identity || c.generated) return undefined;
  const name = serialSequenceName(t.name, c.name);
  if (Buffer.byteLength(name) > 63) return undefined;
  const s = Object.values(model.sequences).find((x) => x.schema === t.schema && x.name === name);
  if (!s || !created.has(`${s.schema}\u0000${s.name}`)) return undefined;
  if (!s.ownedBy || s.ownedBy.column !== c.name || splitKey(s.ownedBy.table).name !== t.name || splitKey(s.ownedBy.table).schema !== t.schema) return undefined;
  if (s.type !== c.type || !!s.unlogged !== !!t.unlogged) return undefined;
  if (sequenceOptionClauses(s).length || s.comment) return undefined;
  const arg = /^nextval\('([^']*)'::regclass\)$/.exec(c.default.text.trim())?.[1];
  if (!arg) return undefined;
  const parts = arg.split('.').map((p) => p.replace(/^"(.*)"$/, '$1'));
  const [schema, seq] = parts.length === 2 ? parts : [t.schema, parts[0]];
  return schema === s.schema && seq === s.name ? s : undefined;
}

/**
 * A type as Atlas writes it: PostgreSQL's canonical name, with the time types abbreviated
 * (`timestamp(4) without time zone` → `timestamp(4)`, `timestamp with time zone` → `timestamptz`).
 *
 * @example
 * typeSql('time(3) with time zone[]') // 'timetz(3)[]'
 */
export function typeSql(type: string): string {
  const m = /^(timestamp|time)(\(\d+\))? with(out)? time zone((?:\[\])*)$/.exec(type);
  return m ? `${m[1]}${m[3] ? '' : 'tz'}${m[2] ?? ''}${m[4]}` : type;
}

export interface ColumnSqlOptions {
  /** Written as this serial type (`serial`…): its sequence is implied, so no DEFAULT. */
  readonly serial?: boolean;
  /** The column's table: an identity's sequence is named when its name is not the default (identitySql). */
  readonly table?: { readonly schema: string; readonly name: string };
}

/**
 * One column's definition, Atlas's way.
 *
 * @example
 * columnSql({ name: 'email', type: 'text', notNull: false }) // '"email" text NULL'
 */
export function columnSql(c: Column, opts: ColumnSqlOptions = {}): string {
  const parts = [qi(c.name), opts.serial ? SERIAL[c.type]! : typeSql(c.type), c.notNull ? 'NOT NULL' : 'NULL'];
  if (c.default && !opts.serial) parts.push(`DEFAULT ${c.default.text}`);
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.identity) parts.push(identitySql(c, opts.table));
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated.text}) ${c.virtual ? 'VIRTUAL' : 'STORED'}`);
  return parts.join(' ');
}

/** The name PostgreSQL gives a table's primary key when none is written. */
const defaultPrimaryKeyName = (table: string) => `${table}_pkey`;

/**
 * A constraint's body; keys and foreign keys from their structure, with Atlas's quoting, when the structure
 * says everything the definition does.
 *
 * @example
 * constraintSql(fk) // 'FOREIGN KEY ("user_id") REFERENCES "app"."users" ("id") ON UPDATE NO ACTION ON DELETE CASCADE'
 */
export function constraintSql(c: Constraint, refTable: (key: string) => string = qk): string {
  switch (c.kind) {
    case 'primary_key': case 'unique': {
      if (!c.definition) return keySql(c, [], qi);
      // Read from a database, INCLUDE and storage parameters are in the definition text only: taken from it
      // when the structure then says everything the text does (else the text is kept as it is).
      const include = c.include.length ? c.include : identList(/ INCLUDE \(((?:[^()"]|"(?:[^"]|"")*")*)\)/.exec(c.definition)?.[1] ?? '');
      // (pg_get_constraintdef leaves a key's storage parameters out: the inspector reads them into `options`.)
      const written = /\) WITH \(([^()]*)\)/.exec(c.definition)?.[1]?.split(', ') ?? [];
      const k = { ...c, include };
      return c.definition === keySql(k, written) ? keySql(k, c.options ?? written, qi) : c.definition;
    }
    case 'check': return c.definition ?? `CHECK (${c.expr.text})${c.noInherit ? ' NO INHERIT' : ''}`;
    // Both actions always, as Atlas writes the ones it inspected. `ON DELETE SET NULL (col, …)` has no field
    // of its own: its columns are read back from the definition text.
    case 'foreign_key': {
      const sql = foreignKeySql(c, `${refTable(c.refTable)} `, qi, { allActions: true });
      const setCols = c.definition ? / ON DELETE SET (?:NULL|DEFAULT) \(((?:[^()"]|"(?:[^"]|"")*")*)\)/.exec(c.definition)?.[1] : undefined;
      return setCols === undefined ? sql : sql.replace(/ ON DELETE SET (NULL|DEFAULT)/, (m) => `${m} (${identList(setCols).map(qi).join(', ')})`);
    }
    case 'exclusion': return c.definition;
  }
}

/** The names of a list of identifiers as PostgreSQL prints it (`a, "B c"`). */
function identList(text: string): string[] {
  return [...text.matchAll(/"((?:[^"]|"")*)"|([^,\s]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!));
}

/** `PRIMARY KEY (…)` alone for the default-named key, else `CONSTRAINT "name" …`. */
export function namedConstraintSql(t: Table, c: Constraint): string {
  if (c.kind === 'primary_key' && c.name === defaultPrimaryKeyName(t.name)) return constraintSql(c);
  return `CONSTRAINT ${qi(c.name)} ${constraintSql(c)}`;
}

/**
 * A NOT VALID check is added after its table (`ALTER TABLE … ADD CONSTRAINT … NOT VALID`, as pg_dump writes it):
 * PostgreSQL accepts NOT VALID inside CREATE TABLE but validates the check there.
 */
export const checkAfterTable = (c: Constraint): boolean => c.kind === 'check' && !!c.notValid;

/** A constraint of a new table written after its CREATE TABLE (see checkAfterTable, duplicateKeyAfterTable). */
export const constraintAfterTable = (t: Table, c: Constraint): boolean => checkAfterTable(c) || duplicateKeyAfterTable(t, c);

export interface CreateTableOptions {
  /** Foreign keys written inside the statement (the referenced tables exist when it runs). */
  readonly foreignKeys?: ReadonlySet<string>;
  /** Columns written as `serial` (their sequences are not created separately). */
  readonly serial?: ReadonlySet<string>;
  /** Indentation for one column or constraint per line (Atlas's `{{ sql . "  " }}`); one line when absent. */
  readonly indent?: string;
  /**
   * Local columns merged with a parent's generated column of the same expression: written without their
   * `GENERATED` clause, which they take from the parent (PostgreSQL before 16 refuses one written on the child:
   * "child column … specifies generation expression"; pg_dump writes them so).
   */
  readonly parentGenerated?: ReadonlySet<string>;
}

/**
 * `CREATE TABLE`, Atlas's way.
 *
 * @example
 * createTableSql(users) // 'CREATE TABLE "app"."users" ("id" integer NOT NULL, PRIMARY KEY ("id"))'
 */
export function createTableSql(t: Table, opts: CreateTableOptions = {}): string {
  const name = qn(t.schema, t.name);
  const unlogged = t.unlogged ? 'UNLOGGED ' : '';
  const constraints = Object.values(t.constraints)
    .filter((c) => (c.kind !== 'foreign_key' || opts.foreignKeys?.has(c.name)) && !constraintAfterTable(t, c))
    .sort(byInlineOrder);
  const inline = constraints.map((c) => namedConstraintSql(t, c));
  const tail = [
    t.partitionBy ? ` PARTITION BY ${t.partitionBy.strategy} ${t.partitionBy.key.text}` : '',
    t.inherits.length && !t.partitionOf ? ` INHERITS (${t.inherits.map(qk).join(', ')})` : '',
    t.accessMethod ? ` USING ${qi(t.accessMethod)}` : '',
    t.options.length ? ` WITH (${t.options.join(', ')})` : '',
  ].join('');
  const list = (items: string[]) => (opts.indent ? `(\n${items.map((i) => opts.indent + i).join(',\n')}\n)` : `(${items.join(', ')})`);
  if (t.partitionOf) {
    const body = inline.length ? ` ${list(inline)}` : '';
    return `CREATE ${unlogged}TABLE ${name} PARTITION OF ${qk(t.partitionOf.parent)}${body} ${t.partitionOf.bound.text}${tail}`;
  }
  const cols = t.columns.filter((c) => !c.inherited)
    .map((c) => columnSql(opts.parentGenerated?.has(c.name) ? { ...c, generated: undefined } : c, { serial: opts.serial?.has(c.name), table: t }));
  return `CREATE ${unlogged}TABLE ${name} ${list([...cols, ...inline])}${tail}`;
}

/**
 * The local columns of `t` (a table with INHERITS) that merge with a parent's generated column of the same
 * expression (CreateTableOptions.parentGenerated).
 */
export function parentGenerated(t: Table, model: Model): ReadonlySet<string> {
  const out = new Set<string>();
  if (t.partitionOf) return out;
  for (const c of t.columns) {
    if (c.inherited || !c.generated) continue;
    const same = t.inherits.some((p) => model.tables[p]?.columns.some((pc) => pc.name === c.name && pc.generated?.text === c.generated!.text));
    if (same) out.add(c.name);
  }
  return out;
}
