/**
 * `ALTER TABLE … ALTER COLUMN` steps that turn one column into another (type with or without USING, default,
 * NOT NULL, identity in place, statistics, attribute options), or drop and add a regenerated column.
 */
import { defaultStorage } from '../model/column-storage.js';
import { sameExpr, sameIdentity } from '../diff/equal.js';
import { regenerates } from './regenerated.js';
import type { Change } from '../diff/changes.js';
import { qualifiedKey, quoteIdentAlways as qi } from '../model/names.js';
import type { Column, Expr, Model, Table } from '../model/types.js';
import { columnSql, identitySql, qk, qn, serialSequenceName, startOutside, typeSql } from './table-sql.js';
import type { Emit } from './draft.js';
import { optionSteps } from './options.js';
import type { Effects } from './types.js';
import { exprRefs } from '../model/expr-refs.js';
import { castInfo, constrainedDomain } from '../model/casts.js';

/**
 * Whether a column type is a user enum of `model` (or an array of one): `public.mood`, `app."Mood"[]`.
 *
 * @example isEnum('public.mood[]', model) // true when model.types['public.mood'] is an enum
 */
function isEnum(type: string, model: Model): boolean {
  const base = type.replace(/(\[\])+$/, '');
  return model.types[base]?.kind === 'enum';
}

/**
 * `SET (…)` / `RESET (…)`, `SET STORAGE`, `SET COMPRESSION` clauses that turn one column's attribute options into another's.
 *
 * @example
 * attributeOptions(col, { ...col, options: ['n_distinct=-1'] }, desired, (sql) => out.push(sql)) // 'SET (n_distinct=-1)'
 */
function attributeOptions(from: Column, to: Column, model: Model, emit: (sql: string, effects: Effects) => void): void {
  const { reset, set } = optionSteps(from.options ?? [], to.options ?? []);
  if (reset.length) emit(`RESET (${reset.join(', ')})`, {});
  if (set.length) emit(`SET (${set.join(', ')})`, {});
  // Neither rewrites: storage and compression apply to values written from then on.
  if ((from.storage ?? '') !== (to.storage ?? '')) emit(`SET STORAGE ${to.storage ?? defaultStorage(to.type, model)}`, { locksExistingTable: true });
  if ((from.compression ?? '') !== (to.compression ?? '')) emit(`SET COMPRESSION ${to.compression ?? 'default'}`, { locksExistingTable: true });
}

/**
 * What `ALTER TABLE … ADD COLUMN` does to the rows: a volatile default is evaluated per row (a non-volatile one is
 * stored once), a domain with constraints is checked on every row, a generated or identity column takes a value per
 * row: PostgreSQL rewrites the table for any of them. NOT NULL without a default fails on a table with rows.
 * `volatile` is the planner's option (any call counts without it).
 *
 * @example addColumnEffects({ name: 'at', type: 'timestamp without time zone', … }, table, desired) // { locksExistingTable: true, rewritesTable: false }
 */
export function addColumnEffects(column: Column, table: Table, model: Model, volatile?: (e: Expr) => boolean): Effects {
  return {
    locksExistingTable: true,
    rewritesTable:
      !!column.generated || !!column.identity ||
      (!!column.default && (volatile ? volatile(column.default) : /\(/.test(column.default.text) && !/^'/.test(column.default.text))) ||
      constrainedDomain(column.type, model),
    mayFailOnExistingRows: column.notNull && !column.default && !column.identity && !column.generated ? `adding NOT NULL column ${column.name} without a default fails if ${table.name} has rows` : undefined,
  };
}

/** The tables that inherit from `key` or are its partitions, at any depth, each once. */
function descendants(model: Model, key: string): Table[] {
  const out: Table[] = [];
  const seen = new Set([key]);
  for (let i = -1; i < out.length; i++) {
    const parent = i < 0 ? key : keyOf(out[i]!);
    for (const [k, x] of Object.entries(model.tables)) {
      if (seen.has(k) || !(x.inherits.includes(parent) || x.partitionOf?.parent === parent)) continue;
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/**
 * Does a parent's `SET NOT NULL` of the same column in the plan (`all`) reach the table of `c` (a partition or an
 * inheritance child that stays under that parent)? PostgreSQL recurses it to every child and partition, so the
 * table's own would repeat it.
 *
 * @example
 * notNullFromParent(setNotNullOnPartition, all, current) // true: the partitioned table's SET NOT NULL is in `all`
 */
function notNullFromParent(c: Extract<Change, { kind: 'alter_column' }>, all: readonly Change[], current: Model): boolean {
  const key = keyOf(c.table);
  const was = current.tables[key];
  const parents = [c.table.partitionOf?.parent, ...c.table.inherits].filter((p): p is string => !!p && (was?.partitionOf?.parent === p || !!was?.inherits.includes(p)));
  return parents.some((p) => all.some((x) => x.kind === 'alter_column' && keyOf(x.table) === p && x.to.name === c.to.name && !x.from.notNull && x.to.notNull && !x.regenerate && !x.setExpression && !x.to.generated));
}

/**
 * Whether a stored NULL default survives the column's `ALTER … TYPE` as it is: PostgreSQL strips the implicit
 * coercions of the cooked default and coerces its NULL constant to the new type by assignment (tablecmds.c
 * ATExecAlterColumnType), which is what the fold keeps (../parse/kinds/null-default.ts `retypedNullDefault`).
 * Dropping and setting it again would lose it where the result is a bare NULL constant of the column's own type
 * (`numeric(10,2)[]` → `numeric[]` keeps `NULL::numeric[]`, which pg_dump prints), since SET DEFAULT does not store
 * one (heap.c); so a NULL default on both sides is left to the type change, when the old type converts to the new
 * one by assignment. A domain's NULL (a domain coercion) takes the general path.
 *
 * @example
 * nullDefaultSurvives(col('numeric(10,2)[]', 'NULL'), col('numeric[]', 'NULL::numeric[]'), model) // true
 * nullDefaultSurvives(col('character varying(5)', 'NULL'), col('integer', 'NULL::character varying'), model) // false (no assignment cast)
 */
function nullDefaultSurvives(from: Column, to: Column, model: Model, current?: Model): boolean {
  const isNull = (e: Expr | undefined) => e?.canonical === '{"K":"NULL"}';
  if (!isNull(from.default) || !isNull(to.default)) return false;
  if ([model, current].some((m) => m?.types[to.type]?.kind === 'domain' || m?.types[from.type]?.kind === 'domain')) return false;
  const { using, none } = castInfo(from.type, to.type, current ? [model, current] : model);
  return !using && !none;
}

export function alterColumn(c: Extract<Change, { kind: 'alter_column' }>, model: Model, emit: Emit, volatile?: (e: Expr) => boolean, current?: Model, all: readonly Change[] = []): void {
  const { table: t, from, to } = c;
  const tn = `ALTER TABLE ${qn(t.schema, t.name)} ALTER COLUMN ${qi(to.name)}`;
  const key = keyOf(t);
  const cm = `modify "${t.name}" table`;
  // A parent's default, statistics target and storage are its own (ONLY): SET/DROP DEFAULT, SET STATISTICS and
  // SET STORAGE would reach its children and partitions, which the plan changes on their own (as pg_dump writes them).
  const dn = Object.values(model.tables).some((x) => x.inherits.includes(key) || x.partitionOf?.parent === key) ? `ALTER TABLE ONLY ${qn(t.schema, t.name)} ALTER COLUMN ${qi(to.name)}` : tn;
  // A typed table's column changes type with its type's attribute (./kinds/type-alter.ts), its default converted along.
  const typeChanged = !c.viaType && (from.type !== to.type || (from.collation ?? '') !== (to.collation ?? ''));
  // A partition's columns have its parent's types and collations (whether the partition declares options for one or
  // not): they change with the parent's ALTER TYPE, which recurses; so does a column both sides inherit.
  const stayingPartition = !!t.partitionOf && (current ?? model).tables[key]?.partitionOf?.parent === t.partitionOf.parent;
  const followsParent = (from.inherited && to.inherited) || stayingPartition;
  if (c.setExpression && to.generated) {
    // PostgreSQL 17+: the values are computed again (a rewrite; none for a VIRTUAL column, computed when read), indexes
    // on the column rebuilt, the views over it kept.
    emit('alter-column', c, key, cm, `${tn} SET EXPRESSION AS (${to.generated.text})`, { ...(to.virtual ? {} : { rewritesTable: true }), locksExistingTable: true });
  } else if (regenerates(c)) {
    // A plain column that becomes generated loses its values (PostgreSQL cannot turn a column into a generated one).
    // So does one retyped between types with no cast at all (./regenerated.ts `retypesWithoutCast`), and a VIRTUAL
    // column that becomes a plain one (it has no stored values for DROP EXPRESSION to keep).
    const lost = from.generated && (to.generated || !from.virtual) ? {}
      : to.generated ? { deletesData: `drops column ${t.name}.${to.name} and its values to add it again as a generated column` }
      : from.virtual ? { deletesData: `drops the virtual generated column ${t.name}.${to.name} to add it again as a plain column: its values were computed when read, none are stored to keep` }
      : { deletesData: `drops column ${t.name}.${to.name} and its values to add it again as ${to.type}: PostgreSQL has no cast from ${from.type} to ${to.type}` };
    emit('alter-column', c, key, cm, `ALTER TABLE ${qn(t.schema, t.name)} DROP COLUMN ${qi(to.name)}`, { locksExistingTable: true, ...lost });
    emit('alter-column', c, key, cm, `ALTER TABLE ${qn(t.schema, t.name)} ADD COLUMN ${columnSql(to, { table: t })}`, to.generated && !to.virtual ? { rewritesTable: true } : to.generated ? {} : addColumnEffects(to, t, model, volatile));
    return;
  }
  // A generated column that becomes a plain one keeps its values (PostgreSQL 13+); an inherited one follows its parent's.
  if (from.generated && !to.generated && !(from.inherited && to.inherited)) emit('alter-column', c, key, cm, `${tn} DROP EXPRESSION`, { locksExistingTable: true });
  if (from.identity && !to.identity) emit('alter-column', c, key, cm, `${tn} DROP IDENTITY`, { locksExistingTable: true });
  // A new default replaces the old one (SET DEFAULT); it is dropped first only around a type change.
  // A NULL default both sides print alike is kept by the type change itself (nullDefaultSurvives): neither dropped nor set.
  const survives = typeChanged && !followsParent && nullDefaultSurvives(from, to, model, current);
  if (from.default && (typeChanged || !to.default) && !survives) emit('alter-column', c, key, cm, `${dn} DROP DEFAULT`, { locksExistingTable: true });
  // ALTER TYPE recurses to the children and partitions, whose own defaults would have to convert too ("cannot be cast
  // automatically"): dropped first, each set again by its table's change (../diff/index.ts `retyped`).
  if (typeChanged && !followsParent) {
    for (const d of descendants(current ?? model, key)) {
      if (d.columns.some((x) => x.name === to.name && x.default)) emit('alter-column', c, key, cm, `ALTER TABLE ONLY ${qn(d.schema, d.name)} ALTER COLUMN ${qi(to.name)} DROP DEFAULT`, { locksExistingTable: true });
    }
  }
  // An identity narrowed with its column (bigint → integer): ALTER TYPE retypes its sequence too, which refuses bounds
  // out of the new type's range, so the new bounds are set first, on the sequence (a statement of its own: in one
  // ALTER TABLE, PostgreSQL runs the type change before the identity's options whatever their order).
  const narrowed = typeChanged && !followsParent && from.identity && to.identity ? narrowedBounds(from.identity.sequence, to.identity.sequence) : [];
  const beyond = (x: Column) => ({ mayFailOnExistingRows: `fails if the identity of ${t.name}.${x.name} has handed out a value beyond its new bounds (its last value must fit them)` });
  if (narrowed.length) emit('alter-column', c, key, cm, `ALTER SEQUENCE ${qi(t.schema)}.${qi(from.identity!.sequenceName ?? serialSequenceName(t.name, from.name))} ${narrowed.join(' ')}`, beyond(to));
  // An inherited column (a partition's, a child's) changes type with its parent's column: ALTER TYPE recurses.
  if (typeChanged && !followsParent) {
    // No USING when an assignment cast exists (PostgreSQL applies it), `USING col::type` for an explicit one
    // (../model/casts.ts; a CREATE CAST of the desired state first, else one the current state has until the plan drops
    // it: ./edges.ts orders the statement by it). With no cast at all the column is dropped and added
    // (./regenerated.ts), except an enum's.
    const { using, rewrite, mayFail, none } = castInfo(from.type, to.type, current ? [model, current] : model);
    // An enum has no cast to or from another enum (or most types): its values go through their text form.
    const via = none && (isEnum(from.type, model) || isEnum(to.type, model)) ? '::text' : '';
    emit('alter-column', c, key, cm, `${tn} TYPE ${typeSql(to.type)}${to.collation ? ` COLLATE ${to.collation}` : ''}${using ? ` USING ${qi(to.name)}${via}::${to.type}` : ''}`,
      { rewritesTable: rewrite, locksExistingTable: true, mayFailOnExistingRows: mayFail || none ? `converting ${t.name}.${to.name} from ${from.type} to ${to.type} fails on values that do not convert` : undefined });
  }
  if (to.default && (typeChanged || !from.default || !sameExpr(from.default, to.default)) && !survives) emit('alter-column', c, key, cm, `${dn} SET DEFAULT ${to.default.text}`, { locksExistingTable: true });
  if (!from.notNull && to.notNull && !notNullFromParent(c, all, current ?? model)) emit('alter-column', c, key, cm, `${tn} SET NOT NULL`, { locksExistingTable: true, mayFailOnExistingRows: `fails if ${t.name}.${to.name} contains NULL values` });
  if (from.notNull && !to.notNull) emit('alter-column', c, key, cm, `${tn} DROP NOT NULL`, { locksExistingTable: true });
  if (to.identity && !from.identity) emit('alter-column', c, key, cm, `${tn} ADD ${identitySql(to, t)}`, { locksExistingTable: true });
  else if (to.identity && from.identity && !sameIdentity(from.identity, to.identity)) {
    // The sequence takes the desired name (a table renamed by hand keeps its old one: PostgreSQL does not rename it).
    const [was, will] = [from.identity.sequenceName, to.identity.sequenceName];
    if (was && will && was !== will) emit('alter-column', c, key, cm, `ALTER SEQUENCE ${qi(t.schema)}.${qi(was)} RENAME TO ${qi(will)}`, {});
    // In place, as one subcommand (the options are checked together), keeping the sequence and its name.
    const [a, b] = [from.identity.sequence, to.identity.sequence];
    const sets: string[] = [];
    if (from.identity.generation !== to.identity.generation) sets.push(`SET GENERATED ${to.identity.generation}`);
    if (a.increment !== b.increment) sets.push(`SET INCREMENT BY ${b.increment}`);
    if (a.min !== b.min && !narrowed.length) sets.push(`SET MINVALUE ${b.min}`);
    if (a.max !== b.max && !narrowed.length) sets.push(`SET MAXVALUE ${b.max}`);
    if (a.start !== b.start) sets.push(`SET START WITH ${b.start}`);
    if (a.cache !== b.cache) sets.push(`SET CACHE ${b.cache}`);
    if (a.cycle !== b.cycle) sets.push(b.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
    // New bounds that exclude the old start leave the sequence's position out of range: restart it.
    const outside = startOutside(a, b);
    if (outside) sets.push(`RESTART WITH ${b.start}`);
    const narrows = !narrowed.length && narrowedBounds(a, b).length > 0;
    if (sets.length) emit('alter-column', c, key, cm, `${tn} ${sets.join(' ')}`, outside ? { mayFailOnExistingRows: `restarts the identity of ${t.name}.${to.name} at ${b.start}: values handed out before may be handed out again` } : narrows ? beyond(to) : {});
    // The sequence's own persistence (ALTER TABLE … ALTER COLUMN does not take it), after the table's (./edges.ts).
    if (from.identity.unlogged !== to.identity.unlogged) {
      emit('alter-column', c, key, cm, `ALTER SEQUENCE ${qi(t.schema)}.${qi(will ?? was ?? serialSequenceName(t.name, to.name))} SET ${to.identity.unlogged ?? !!t.unlogged ? 'UNLOGGED' : 'LOGGED'}`, {});
    }
  }
  const position = sequencePosition(c, model);
  if (position) emit('alter-column', c, key, cm, position.sql, { mayFailOnExistingRows: position.hazard });
  if ((from.statistics ?? -1) !== (to.statistics ?? -1)) emit('alter-column-options', c, key, cm, `${dn} SET STATISTICS ${to.statistics ?? -1}`);
  attributeOptions(from, to, model, (sql, effects) => emit('alter-column-options', c, key, cm, `${dn} ${sql}`, effects));
}
/**
 * A column switching between a sequence default (`serial`, `DEFAULT nextval(…)`) and an identity gets a new sequence,
 * which starts over while the rows keep the values the old one handed out: the next insert would collide. Static SQL
 * cannot carry the old sequence's position (it is dropped first, and a plan holds no values), so the new sequence is
 * moved past the column's largest value, read when the migration runs: a data statement (DATA_DEPENDENT), a no-op on an
 * empty table or when every value lies before the new sequence's start. Special case, said: it reads the column, so a
 * sequence that ran ahead of the rows (deleted rows, failed inserts) restarts closer to them.
 *
 * @example
 * sequencePosition(serialToIdentity, desired)?.sql
 * // `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('"public"."t"', 'id'), max("id")) FROM "public"."t" HAVING max("id") >= 1`
 */
export function sequencePosition(c: Extract<Change, { kind: 'alter_column' }>, model: Model): { sql: string; hazard: string } | undefined {
  const { table: t, from, to } = c;
  const sequenceOf = (col: Column) => (col.default ? exprRefs(col.default.canonical).sequences[0] : undefined);
  let target: string;
  let options: { start: string; increment: string } | undefined;
  if (to.identity && !from.identity && sequenceOf(from)) {
    target = `pg_catalog.pg_get_serial_sequence(${literal(qn(t.schema, t.name))}, ${literal(to.name)})`;
    options = to.identity.sequence;
  } else if (from.identity && !to.identity && sequenceOf(to)) {
    const seq = sequenceOf(to)!;
    target = `${literal(qk(seq))}::regclass`;
    options = model.sequences[seq];
  } else return undefined;
  if (!options) return undefined;
  const up = !options.increment.startsWith('-');
  const edge = `${up ? 'max' : 'min'}(${qi(to.name)})`;
  return {
    sql: `SELECT pg_catalog.setval(${target}, ${edge}) FROM ${qn(t.schema, t.name)} HAVING ${edge} ${up ? '>=' : '<='} ${options.start}`,
    hazard: `reads ${t.name}.${to.name}: its new sequence continues after the column's ${up ? 'largest' : 'smallest'} value (the old sequence's position is not carried)`,
  };
}
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

function keyOf(o: { schema: string; name: string }): string {
  return qualifiedKey(o.schema, o.name);
}

/**
 * The `MINVALUE` / `MAXVALUE` clauses that narrow an identity's bounds (a higher minimum or a lower maximum), both
 * set together when either narrows (checked together); none when neither does.
 *
 * @example
 * narrowedBounds({ …, min: '1', max: '5000000000' }, { …, min: '1', max: '2147483647' }) // ['MINVALUE 1', 'MAXVALUE 2147483647']
 */
function narrowedBounds(a: { readonly min: string; readonly max: string }, b: { readonly min: string; readonly max: string }): string[] {
  return BigInt(b.max) < BigInt(a.max) || BigInt(b.min) > BigInt(a.min) ? [`MINVALUE ${b.min}`, `MAXVALUE ${b.max}`] : [];
}
