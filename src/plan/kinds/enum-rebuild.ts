/**
 * An enum rebuilt (a label removed or reordered: PostgreSQL has no ALTER TYPE for it), or a composite type whose
 * attributes change while columns use it (PostgreSQL refuses ALTER ATTRIBUTE … TYPE then), together with everything
 * over it. PostgreSQL ties a domain, composite or range to its base type by oid, so after
 * `ALTER TYPE e RENAME TO e__meridian_old` they still use the old enum and `DROP TYPE` of it fails. The rebuild
 * therefore carries its dependents (the types of the desired Model that transitively use the enum — domains,
 * domains over those, composites, ranges, and the array types of each):
 *
 *  1. functions whose signature uses one of them are dropped first (before the names move) and created again
 *     after (the views calling them go and come back with them, as for any dropped function);
 *  2. the enum and each existing dependent are renamed to `<name>__meridian_old`;
 *  3. the enum, then each dependent, are created under their names from the desired Model (a domain with its
 *     default, NOT NULL and named checks; a composite with its attributes), in dependency order;
 *  4. every column of an existing table whose type is one of them (or an array of one) is converted with
 *     `USING column::text::<new type>` (enum labels, domain values, composite and array literals all go through
 *     their text form), its default dropped before and set after, and the checks and indexes that read it
 *     dropped before and created after (PostgreSQL would rebuild them with literals of the old type);
 *  5. the types over the enum that the desired Model drops are dropped, then the old types, dependents first;
 *     comments and privileges of the recreated types come back.
 *
 * The rows stay (a conversion fails only on values that use a removed label, or whose retyped attribute does not
 * convert: DATA_DEPENDENT); each converted table is rewritten (TABLE_REWRITE). A column of the composite itself is
 * converted attribute by name (`compositeConversion`: attributes may be added, dropped or reordered); arrays and
 * types over it go through the text form, so their attributes must keep names and order (else E_PLAN).
 *
 * Left alone (PostgreSQL would refuse the DROP TYPE, and the plan fails loudly): a function over the enum used by
 * a column default, check or index expression, and a view or check that names the enum in an expression
 * without reading a converted column.
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey, quoteIdentAlways as qi, splitKey } from '../../model/names.js';
import { objectKey } from '../../model/objects.js';
import type { Model, TypeDef } from '../../model/types.js';
import type { Effects } from '../types.js';
import { exprRefs } from '../../model/expr-refs.js';
import { qk, qn } from '../table-sql.js';
import { createTypeSql } from './type-create.js';
import { castInfo } from '../../model/casts.js';
import { MeridianError } from '../../errors.js';

type Rebuild = Extract<Change, { kind: 'rebuild_type' }>;
type RebuildColumn = Rebuild['columns'][number];

/** The type key a type name refers to (`public.e[]` → `public.e`, `SETOF public.e` → `public.e`). */
const baseKey = (type: string) => type.replace(/^SETOF /, '').replace(/(\[\])+$/, '').replace(/\(.*\)$/, '');

/** The types `t`'s definition is built on (domain base, composite attributes, range subtype). */
function typeUses(t: TypeDef): string[] {
  if (t.kind === 'domain') return [baseKey(t.baseType)];
  if (t.kind === 'composite') return t.attributes.map((a) => baseKey(a.type));
  if (t.kind === 'range') return [baseKey(t.subtype)];
  return [];
}

/**
 * The types of `model` that use `key` transitively, in dependency order (each after the types it is built on).
 *
 * @example
 * typesOver(model, 'public.status') // ['public.status_d', 'public.status_pair']
 */
export function typesOver(model: Model, key: string): string[] {
  const out: string[] = [];
  const seen = new Set([key]);
  // Fixed point in model order, then each type after the ones it is built on (ties by key): few types, cheap.
  let grew = true;
  while (grew) {
    grew = false;
    for (const [k, t] of Object.entries(model.types))
      if (!seen.has(k) && typeUses(t).some((u) => seen.has(u))) seen.add(k), out.push(k), (grew = true);
  }
  const ordered: string[] = [];
  const placed = new Set([key]);
  const pending = [...out].sort();
  while (pending.length) {
    const i = pending.findIndex((k) => typeUses(model.types[k]!).every((u) => placed.has(u) || !seen.has(u)));
    const [k] = pending.splice(i < 0 ? 0 : i, 1);
    placed.add(k!), ordered.push(k!);
  }
  return ordered;
}

/** The signature types of a function (the inspector's `signatureTypes`, else the parser's arguments and result). */
const signature = (f: Model['functions'][string]) => f.signatureTypes ?? [...f.args.map((a) => a.type), ...(f.returns ? [f.returns] : [])];

/**
 * Replaces each `rebuild_type` of `all` by one that carries its dependents (see above), and adds the changes
 * the dependents need: functions over them dropped and created again, privileges restored. Changes the differ
 * made for the recreated types (ALTER DOMAIN …, a create of a new domain over the enum) are taken over.
 *
 * @example
 * carryEnumDependents(all, current, desired) // all[i].kind === 'rebuild_type' && all[i].types.length === 2
 */
export function carryEnumDependents(all: Change[], current: Model, desired: Model): void {
  for (let i = 0; i < all.length; i++) {
    const c = all[i]!;
    if (c.kind !== 'rebuild_type' || c.types) continue;
    const key = qualifiedKey(c.to.schema, c.to.name);
    const recreated = typesOver(desired, key);
    const moved = new Set([key, ...recreated.filter((k) => current.types[k])]);
    const gone = typesOver(current, key).filter((k) => !desired.types[k]);
    const made = new Set([key, ...recreated, ...gone]);
    // Changes of the recreated types are the rebuild's now.
    const mine = (x: Change) =>
      ((x.kind === 'alter_type' && made.has(qualifiedKey(x.to.schema, x.to.name))) ||
        ((x.kind === 'create_type' || x.kind === 'drop_type') && made.has(qualifiedKey(x.type.schema, x.type.name))));
    const droppedTables = new Set(all.flatMap((x) => (x.kind === 'drop_table' ? [qualifiedKey(x.table.schema, x.table.name)] : [])));
    const columns: RebuildColumn[] = [];
    for (const [tk, t] of Object.entries(desired.tables)) {
      const cur = current.tables[tk];
      if (!cur || droppedTables.has(tk)) continue;
      for (const col of t.columns) {
        const was = cur.columns.find((x) => x.name === col.name);
        if (!was || was.type !== col.type || !moved.has(baseKey(col.type)) || col.inherited || col.generated) continue;
        columns.push({
          table: tk,
          column: col.name,
          ...(col.default ? { default: col.default.text } : {}),
          ...(was.default || col.default ? { dropDefault: true } : {}),
          ...(col.type.endsWith('[]') ? { array: true } : {}),
          ...(baseKey(col.type) !== key ? { type: col.type } : {}),
        });
      }
    }
    // A composite's values go through their text form in arrays and types over it: positional, so only for the same attributes in order.
    const textual = columns.filter((x) => x.array || x.type);
    if (c.from.kind === 'composite' && c.to.kind === 'composite' && textual.length && !sameAttributeLayout(c.from, c.to))
      throw new MeridianError('E_PLAN', `composite type ${key} gains, loses or reorders attributes while ${textual.map((x) => `${x.table}.${x.column}`).join(', ')} ${textual.length > 1 ? 'use' : 'uses'} it in an array or another type, whose values PostgreSQL cannot convert by attribute name in ALTER COLUMN … TYPE. Write the conversion in a migration (\`meridian migrate new\`), or change the attributes in steps (retype in place, add new attributes last)`);
    for (let j = all.length - 1; j >= 0; j--) if (j !== i && mine(all[j]!)) { all.splice(j, 1); if (j < i) i--; }
    aroundConversion(all, columns, current, desired);
    all[i] = { ...c, columns, types: recreated.map((k) => ({ to: desired.types[k]!, existed: moved.has(k) })), drops: gone.map((k) => current.types[k]!) };
    // Functions over the moved types: dropped while the names still mean the old types, created after.
    for (const [fk, f] of Object.entries(current.functions)) {
      if (!signature(f).some((t) => moved.has(baseKey(t)))) continue;
      const same = (x: Change) => (x.kind === 'drop_function' || x.kind === 'create_function') && `${qualifiedKey(x.function.schema, x.function.name)}(${x.function.identityArgs})` === fk;
      for (let j = all.length - 1; j >= 0; j--) if (same(all[j]!)) { all.splice(j, 1); if (j < i) i--; }
      all.push({ kind: 'drop_function', function: f, beforeRelations: true });
      const back = desired.functions[fk];
      if (back) all.push({ kind: 'create_function', function: back, replace: false });
    }
    // Privileges of recreated types and of the enum: a new type starts from the default (USAGE to PUBLIC).
    for (const k of moved) {
      const t = desired.types[k];
      if (!t) continue;
      const priv = Object.values(desired.objects ?? {}).find((o) => o.kind === 'privileges' && o.on === 'TYPE' && qualifiedKey(o.schema, o.name) === k);
      if (priv && !all.some((x) => x.kind === 'create_object' && objectKey(x.object) === objectKey(priv))) {
        for (let j = all.length - 1; j >= 0; j--) {
          const x = all[j]!;
          if ((x.kind === 'alter_object' && objectKey(x.to) === objectKey(priv)) || (x.kind === 'drop_object' && objectKey(x.object) === objectKey(priv))) { all.splice(j, 1); if (j < i) i--; }
        }
        all.push({ kind: 'create_object', object: priv });
      }
      if (t.comment && !all.some((x) => x.kind === 'comment' && x.target.on === 'TYPE' && x.target.schema === t.schema && x.target.name === t.name))
        all.push({ kind: 'comment', target: { on: 'TYPE', schema: t.schema, name: t.name }, comment: t.comment });
    }
  }
}

/**
 * Checks and indexes (keys or predicate) that read a converted column: PostgreSQL rebuilds them from their text
 * during ALTER COLUMN TYPE, where a literal cast to the enum now names the old type (`s <> 'c'::st__meridian_old`:
 * no such operator). They are dropped before the rebuild and created again after it, from the desired Model.
 */
function aroundConversion(all: Change[], columns: readonly RebuildColumn[], current: Model, desired: Model): void {
  const byTable = new Map<string, Set<string>>();
  for (const c of columns) byTable.set(c.table, (byTable.get(c.table) ?? new Set()).add(c.column));
  for (const [tk, cols] of byTable) {
    const cur = current.tables[tk]!;
    const des = desired.tables[tk];
    const reads = (e: { canonical: string } | undefined) => exprRefs(e?.canonical).columns.some((x) => cols.has(x));
    for (const k of Object.values(cur.constraints)) {
      if (k.kind !== 'check' || !reads(k.expr)) continue;
      const on = (x: Change, kind: string) => x.kind === kind && 'constraint' in x && qualifiedKey(x.table.schema, x.table.name) === tk && x.constraint.name === k.name;
      if (!all.some((x) => on(x, 'drop_constraint'))) all.push({ kind: 'drop_constraint', table: cur, constraint: k });
      const back = des?.constraints[k.name];
      if (back && !all.some((x) => on(x, 'add_constraint'))) all.push({ kind: 'add_constraint', table: des!, constraint: back, newTable: false });
    }
    for (const ix of Object.values(cur.indexes)) {
      if (![ix.where, ...ix.keys.map((k) => k.expr)].some(reads)) continue;
      const on = (x: Change, kind: string) => x.kind === kind && 'index' in x && x.index.table === tk && x.index.name === ix.name;
      if (!all.some((x) => on(x, 'drop_index'))) all.push({ kind: 'drop_index', index: ix });
      const back = des?.indexes[ix.name];
      if (back && !all.some((x) => on(x, 'create_index'))) all.push({ kind: 'create_index', index: back, newTable: false });
    }
  }
}

export interface RebuildStep {
  readonly object: string;
  readonly comment: string;
  readonly sql: string;
  readonly effects?: Effects;
}

const OLD = '__meridian_old';

/**
 * The statements of one rebuild, in the order they run (see the module comment).
 *
 * @example
 * enumRebuildSteps(rebuild, desired).map((s) => s.sql)
 * // ['ALTER TYPE "app"."st" RENAME TO "st__meridian_old"', 'CREATE TYPE "app"."st" AS ENUM (…)', …, 'DROP TYPE "app"."st__meridian_old"']
 */
export function enumRebuildSteps(c: Rebuild, desired: Model): RebuildStep[] {
  const t = c.to;
  const out: RebuildStep[] = [];
  const types = c.types ?? [];
  const existing = [c.to as TypeDef, ...types.filter((d) => d.existed).map((d) => d.to)];
  const what = (d: TypeDef) => (d.kind === 'domain' ? 'domain' : d.kind === 'enum' ? 'enum type' : d.kind === 'range' ? 'range type' : 'composite type');
  for (const d of existing) {
    out.push({ object: qualifiedKey(d.schema, d.name), comment: `rename ${what(d)} "${d.name}" before rebuilding it`, sql: `ALTER ${d.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${qn(d.schema, d.name)} RENAME TO ${qi(d.name + OLD)}` });
    // A range's multirange keeps its name: it moves aside too, so the new range can create its own.
    // (and its constructor without arguments, whose signature the new one would repeat).
    if (d.kind === 'range' && d.multirange) {
      const cm = `rename multirange type "${d.multirange}" before rebuilding it`;
      out.push({ object: qualifiedKey(d.schema, d.name), comment: cm, sql: `ALTER TYPE ${qn(d.schema, d.multirange)} RENAME TO ${qi(d.multirange + OLD)}` });
      out.push({ object: qualifiedKey(d.schema, d.name), comment: cm, sql: `ALTER FUNCTION ${qn(d.schema, d.multirange)}() RENAME TO ${qi(d.multirange + OLD)}` });
    }
  }
  for (const d of [c.to as TypeDef, ...types.map((x) => x.to)]) out.push({ object: qualifiedKey(d.schema, d.name), comment: `create ${what(d)} "${d.name}"`, sql: createTypeSql(d) });
  const removed = c.from.kind === 'enum' && t.kind === 'enum' ? c.from.labels.filter((l) => !t.labels.includes(l)) : [];
  const typeName = (type: string) => {
    const k = baseKey(type);
    const d = desired.types[k];
    return (d ? qn(d.schema, d.name) : type) + (/(\[\])+$/.exec(type)?.[0] ?? '');
  };
  for (const col of c.columns) {
    const table = col.table;
    const tn = qk(table);
    const cm = `modify "${splitKey(table).name}" table`;
    if (col.default || col.dropDefault) out.push({ object: table, comment: cm, sql: `ALTER TABLE ${tn} ALTER COLUMN ${qi(col.column)} DROP DEFAULT` });
    const to = col.type ? typeName(col.type) : `${qn(t.schema, t.name)}${col.array ? '[]' : ''}`;
    const byName = c.from.kind === 'composite' && t.kind === 'composite' && !col.type && !col.array;
    const using = byName ? compositeConversion(qi(col.column), c.from as Composite, t as Composite) : `${qi(col.column)}::text::${to}`;
    const fails = removed.length ? `fails if rows still use removed label(s) ${removed.map((r) => `'${r}'`).join(', ')}` : c.from.kind === 'composite' ? attributeFailures(c.from, t as Composite, table, col.column) : undefined;
    const lost = c.from.kind === 'composite' ? c.from.attributes.filter((a) => !(t as Composite).attributes.some((b) => b.name === a.name)).map((a) => a.name) : [];
    out.push({
      object: table, comment: cm, sql: `ALTER TABLE ${tn} ALTER COLUMN ${qi(col.column)} TYPE ${to} USING ${using}`,
      effects: { rewritesTable: true, mayFailOnExistingRows: fails, ...(lost.length ? { deletesData: `drops the values of attribute(s) ${lost.join(', ')} of ${t.name} stored in ${table}.${col.column}` } : {}) },
    });
    if (col.default) out.push({ object: table, comment: cm, sql: `ALTER TABLE ${tn} ALTER COLUMN ${qi(col.column)} SET DEFAULT ${col.default}` });
  }
  for (const d of [...(c.drops ?? [])].reverse()) out.push({ object: qualifiedKey(d.schema, d.name), comment: `drop ${what(d)} "${d.name}"`, sql: `DROP ${d.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${qn(d.schema, d.name)}` });
  for (const d of [...existing].reverse()) out.push({ object: qualifiedKey(d.schema, d.name), comment: `drop the old ${what(d)} "${d.name}"`, sql: `DROP ${d.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${qn(d.schema, d.name + OLD)}` });
  return out;
}

type Composite = TypeDef & { kind: 'composite' };

/**
 * A composite column's conversion to the rebuilt type, attribute by name: a kept attribute cast to its new type
 * (through its text form where PostgreSQL has no cast), a new one NULL; a NULL value stays NULL.
 *
 * @example
 * compositeConversion('"v"', { …attributes: [x int, y text] }, { …attributes: [x bigint, z int, y text] })
 * // 'CASE WHEN "v" IS DISTINCT FROM NULL THEN ROW(("v")."x"::bigint, NULL, ("v")."y")::"public"."pair" END'
 */
export function compositeConversion(column: string, from: Composite, to: Composite): string {
  const values = to.attributes.map((b) => {
    const a = from.attributes.find((x) => x.name === b.name);
    if (!a) return 'NULL';
    const v = `(${column}).${qi(a.name)}`;
    if (a.type === b.type) return v;
    return castInfo(a.type, b.type).none ? `${v}::text::${b.type}` : `${v}::${b.type}`;
  });
  return `CASE WHEN ${column} IS DISTINCT FROM NULL THEN ROW(${values.join(', ')})::${qn(to.schema, to.name)} END`;
}

/** Why converting a column of the rebuilt composite may fail on its values (an attribute retyped by a cast that can refuse a value), if it may. */
function attributeFailures(from: Composite, to: Composite, table: string, column: string): string | undefined {
  const risky = to.attributes.filter((b) => {
    const a = from.attributes.find((x) => x.name === b.name);
    if (!a || a.type === b.type) return false;
    const info = castInfo(a.type, b.type);
    return info.none || info.mayFail;
  });
  return risky.length ? `converting ${table}.${column} fails on values whose attribute(s) ${risky.map((b) => b.name).join(', ')} do not convert to the new type` : undefined;
}

/** Do `from`'s values read as `to`'s through their text form (the same attribute names in the same order)? */
export function sameAttributeLayout(from: Composite, to: Composite): boolean {
  return from.attributes.length === to.attributes.length && from.attributes.every((a, i) => a.name === to.attributes[i]!.name);
}
