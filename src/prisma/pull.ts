/**
 * `prisma pull` without Prisma's schema engine: Model → schema.prisma, with the output of
 * `prisma db pull` for PostgreSQL (naming, relation naming and order, `@@ignore`/`@ignore`, the
 * documentation comments Prisma writes for what it does not represent).
 *
 * In:  the inspected Model and, optionally, the existing schema.prisma (its datasource/generator blocks
 *      and manual model/field renames are kept). Out: the schema text. Pure: no I/O.
 * Modules: naming (identifiers, default constraint names), fields (types, defaults), relations
 * (relation fields), this file (models, indexes, enums, views, rendering).
 */
import { splitKey } from '../model/names.js';
import type { Constraint, Index, Model, Table, TypeDef } from '../model/types.js';
import { prismaDefault, prismaType } from './fields.js';
import { alignSchema } from './format.js';
import { defaultConstraintName, enumValueName, modelNameFor, needsSanitation, sanitize } from './naming.js';
import { joinTableKeys, relationFields } from './relations.js';

export { prismaType } from './fields.js';

export interface PrismaPullOptions {
  /** The current schema.prisma, if any. */
  readonly existing?: string;
}

/** Manual renames kept from an existing schema: `model Foo { … @@map("foo") }`, `bar Int @map("bar_col")`. */
function existingRenames(existing: string | undefined): { models: Map<string, string>; fields: Map<string, Map<string, string>> } {
  const models = new Map<string, string>();
  const fields = new Map<string, Map<string, string>>();
  if (!existing) return { models, fields };
  for (const m of existing.matchAll(/^(model|view)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const name = m[2]!;
    const body = m[3]!;
    const mapped = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name;
    models.set(mapped, name);
    const f = new Map<string, string>();
    for (const fm of body.matchAll(/^\s+(\w+)\s+\S+.*@map\("([^"]+)"\)/gm)) f.set(fm[2]!, fm[1]!);
    fields.set(mapped, f);
  }
  return { models, fields };
}

/** The datasource block of a new schema.prisma (Prisma 7: the URL lives in prisma.config.ts or the environment). */
export const PRISMA_DEFAULT_DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}';

/** Prisma 7's `prisma init` default generator: the TypeScript client generated into the project's sources. */
export const PRISMA_DEFAULT_GENERATOR = 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}';

function headerBlocks(existing: string | undefined, schemas: string[], needViews: boolean): string {
  const kept = existing ? [...existing.matchAll(/^(datasource|generator)\s+\w+\s*\{[\s\S]*?^\}/gm)].map((m) => m[0]) : [];
  let datasource = kept.find((b) => b.startsWith('datasource')) ?? PRISMA_DEFAULT_DATASOURCE;
  const schemaLine = `  schemas  = [${schemas.map((s) => JSON.stringify(s)).join(', ')}]`;
  datasource = /^\s*schemas\s*=.*$/m.test(datasource) ? datasource.replace(/^\s*schemas\s*=.*$/m, schemaLine) : datasource.replace(/\n\}$/, `\n${schemaLine}\n}`);
  let generators = kept.filter((b) => b.startsWith('generator'));
  if (generators.length === 0) generators = [PRISMA_DEFAULT_GENERATOR];
  if (needViews)
    generators = generators.map((g) => {
      if (/previewFeatures\s*=\s*\[[^\]]*"views"/.test(g)) return g;
      if (/previewFeatures\s*=\s*\[/.test(g)) return g.replace(/previewFeatures\s*=\s*\[/, 'previewFeatures = ["views", ').replace(/, \]/, ']');
      return g.replace(/\n\}$/, '\n  previewFeatures = ["views"]\n}');
    });
  return [datasource, ...generators].join('\n\n');
}

/** Prisma's documentation comments (prisma-engines introspection rendering), in Prisma's order. */
const DOCS = {
  reserved: (name: string, original: string) => `This model has been renamed to '${name}' during introspection, because the original name '${original}' is reserved.`,
  partition: 'This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info.',
  subclass: 'This table has subclasses and requires additional setup for migrations. Visit https://pris.ly/d/table-inheritance for more info.',
  check: 'This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info.',
  exclusion: 'This table contains exclusion constraints and requires additional setup for migrations. Visit https://pris.ly/d/exclusion-constraints for more info.',
  noColumns: 'We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.',
  noUnique: 'The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.',
  comments: 'This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments',
  deferring: 'This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info.',
  rls: 'This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.',
  nullsOrder: 'This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info.',
  expressionIndex: 'This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.',
};

/** Operator classes Prisma names (`ops: JsonbPathOps`); any other non-default one is written `ops: raw("…")`. */
const MANAGED_OPS = /^(?:(?:inet|jsonb|jsonb_path|array|text|inet_inclusion)_ops|(?:bit|varbit)_minmax_ops|(?:bpchar|bytea|text)_(?:bloom|minmax)_ops|(?:date|float4|float8|inet|int2|int4|int8|numeric|oid|timestamp|timestamptz|time|timetz|uuid)_(?:bloom|minmax|minmax_multi)_ops)$/;
const OPS_WORD: Record<string, string> = { minmax: 'MinMax', timestamptz: 'TimestampTz', timetz: 'TimeTz', varbit: 'VarBit' };

/**
 * The `ops:` argument for an operator class named in an index definition.
 *
 * @example
 * prismaOps('jsonb_path_ops') // → 'JsonbPathOps'
 * prismaOps('gin_trgm_ops')   // → 'raw("gin_trgm_ops")'
 */
export function prismaOps(opclass: string): string {
  if (!MANAGED_OPS.test(opclass)) return `raw(${JSON.stringify(opclass)})`;
  return opclass.split('_').map((w) => OPS_WORD[w] ?? w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * Whether Prisma accepts a column without an operator class in an index of this method (it knows a
 * default operator class for the field's type); GIN/GiST/SP-GiST over plain scalars (btree_gin,
 * btree_gist) are not representable.
 */
function defaultOpsKnown(method: string, type: string, list: boolean): boolean {
  const unsupported = type.startsWith('Unsupported(');
  switch (method) {
    case 'gin': return list || type === 'Json' || unsupported;
    case 'gist': return unsupported || type === 'String@Inet';
    case 'spgist': return unsupported || type === 'String@Inet' || type === 'String' || type === 'String@VarChar';
    default: return true;
  }
}

const INDEX_TYPE: Record<string, string> = { hash: 'Hash', gin: 'Gin', gist: 'Gist', brin: 'Brin', spgist: 'SpGist' };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A unique or non-unique index over plain columns, as Prisma sees it (unique constraints are unique indexes). */
interface KeyDef {
  readonly name: string;
  readonly unique: boolean;
  readonly columns: readonly string[];
  readonly desc: readonly boolean[];
  readonly opclass: ReadonlyArray<string | undefined>;
  readonly method: string;
  readonly expression: boolean;
  readonly partial: boolean;
  readonly nullsOrder: boolean;
}

/** Splits `text` at top-level commas (outside parentheses and quotes). */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of text) {
    if (quote) { if (ch === quote) quote = ''; }
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Index keys from pg_get_indexdef text when the inspector gave none: a plain column (optionally with an
 * operator class, DESC, NULLS FIRST/LAST) or an expression (column undefined).
 *
 * @example
 * indexKeysFromDefinition('CREATE INDEX i ON public.t USING btree (a, lower(b) DESC)')
 * // → { keys: [{ column: 'a', … }, { column: undefined, descending: true, … }], partial: false }
 */
export function indexKeysFromDefinition(def: string): { keys: Array<{ column?: string; opclass?: string; descending: boolean; nullsFirst: boolean }>; partial: boolean } {
  const m = /\sUSING\s+\w+\s+\(/.exec(def);
  if (!m) return { keys: [], partial: / WHERE /.test(def) };
  let depth = 1;
  let i = m.index + m[0].length;
  const start = i;
  let quote = '';
  for (; i < def.length && depth > 0; i++) {
    const ch = def[i]!;
    if (quote) { if (ch === quote) quote = ''; }
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
  }
  const inner = def.slice(start, i - 1);
  const rest = def.slice(i);
  const keys = splitTopLevel(inner).map((part) => {
    const k = /^("(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\s+(?!ASC\b|DESC\b|NULLS\b)([\w.]+))?(\s+(?:ASC|DESC))?(\s+NULLS\s+(?:FIRST|LAST))?$/.exec(part);
    const descending = /\sDESC(\s|$)/.test(part);
    const nullsFirst = /\sNULLS FIRST$/.test(part) || (descending && !/\sNULLS LAST$/.test(part));
    if (!k) return { descending, nullsFirst };
    const column = k[1]!.startsWith('"') ? k[1]!.slice(1, -1).replace(/""/g, '"') : k[1]!;
    return { column, ...(k[2] ? { opclass: k[2].replace(/^[\w]+\./, '') } : {}), descending, nullsFirst };
  });
  return { keys, partial: /\sWHERE\s/.test(rest) };
}

/** The table with index keys read from pg_get_indexdef text where the inspector gave none. */
function withIndexKeys(t: Table): Table {
  if (Object.values(t.indexes).every((i) => i.keys.length > 0)) return t;
  const indexes = Object.fromEntries(
    Object.entries(t.indexes).map(([k, i]) => {
      if (i.keys.length > 0) return [k, i];
      const parsed = indexKeysFromDefinition(i.definition ?? '');
      const whereText = /\sWHERE\s+([\s\S]*)$/.exec(i.definition ?? '')?.[1] ?? '';
      const where = i.where ?? (parsed.partial ? { text: whereText, canonical: whereText } : undefined);
      return [k, { ...i, keys: parsed.keys.map((x) => ({ column: x.column, opclass: x.opclass, descending: x.descending, nullsFirst: x.nullsFirst })), ...(where ? { where } : {}) } as Index];
    }),
  );
  return { ...t, indexes };
}

function keyDefs(t: Table): KeyDef[] {
  const out: KeyDef[] = [];
  for (const c of Object.values(t.constraints))
    if (c.kind === 'unique') out.push({ name: c.name, unique: true, columns: c.columns, desc: c.columns.map(() => false), opclass: [], method: 'btree', expression: false, partial: false, nullsOrder: false });
  const constraintNames = new Set(Object.values(t.constraints).map((c) => c.name));
  for (const i of Object.values(t.indexes) as Index[]) {
    if (constraintNames.has(i.name)) continue;
    const keys = i.keys;
    out.push({
      name: i.name,
      unique: i.unique,
      columns: keys.map((k) => k.column ?? ''),
      desc: keys.map((k) => k.descending),
      opclass: keys.map((k) => k.opclass),
      method: i.method,
      expression: keys.length === 0 || keys.some((k) => !k.column),
      partial: !!i.where,
      nullsOrder: keys.some((k) => k.nullsFirst !== k.descending),
    });
  }
  return out.sort((a, b) => cmp(a.name, b.name));
}

/** A table has a usable identifier when a primary key or unique index covers only required, supported columns. */
function hasUsableIdentifier(t: Table, keys: readonly KeyDef[]): boolean {
  const ok = (cols: readonly string[]) =>
    cols.length > 0 && cols.every((n) => { const c = t.columns.find((x) => x.name === n); return !!c && c.notNull && !prismaType(c.type, new Map()).unsupported; });
  const pk = Object.values(t.constraints).find((c) => c.kind === 'primary_key') as Extract<Constraint, { kind: 'primary_key' }> | undefined;
  return (pk ? ok(pk.columns) : false) || keys.some((k) => k.unique && !k.expression && !k.partial && ok(k.columns));
}

/**
 * Writes schema.prisma text for a Model.
 *
 * @example
 * const text = modelToPrisma((await inspect(db)).model);
 * // model users { id Int @id @default(autoincrement()) … }
 */
export function modelToPrisma(model: Model, opts: PrismaPullOptions = {}): string {
  const renames = existingRenames(opts.existing);
  const allTables = (Object.entries(model.tables) as Array<[string, Table]>).filter(([, t]) => !t.partitionOf).map(([k, t]) => [k, withIndexKeys(t)] as [string, Table]).sort(([, a], [, b]) => cmp(a.schema, b.schema) || cmp(a.name, b.name));
  const views = Object.entries(model.views).filter(([, v]) => v.kind === 'view' || v.kind === 'materialized_view').sort(([, a], [, b]) => cmp(a.schema, b.schema) || cmp(a.name, b.name));
  const enumTypes = (Object.entries(model.types) as Array<[string, TypeDef]>).filter(([, t]) => t.kind === 'enum').sort(([, a], [, b]) => cmp(a.schema, b.schema) || cmp(a.name, b.name));

  // Model names (unique, renames kept).
  const modelName = new Map<string, string>();
  const reserved = new Set<string>();
  const taken = new Set<string>();
  for (const [key, o] of [...allTables, ...views] as Array<[string, { name: string }]>) {
    const kept = renames.models.get(o.name);
    const chosen = kept ? { name: kept, reserved: false } : modelNameFor(o.name);
    let n = chosen.name;
    while (taken.has(n)) n = `${n}_`;
    taken.add(n);
    modelName.set(key, n);
    if (chosen.reserved) reserved.add(key);
  }
  const join = joinTableKeys(allTables, modelName);
  const tables = allTables.filter(([k]) => !join.has(k));
  const usedSchemas = [...new Set([...tables.map(([, t]) => t.schema), ...views.map(([, v]) => v.schema), ...enumTypes.map(([, t]) => t.schema)])].sort();
  const schemas = usedSchemas.length ? usedSchemas : ['public'];

  // Enums.
  const enumNames = new Map<string, string>();
  const enumValues = new Map<string, Map<string, string>>();
  const enumBlocks: string[] = [];
  for (const [key, t] of enumTypes) {
    if (t.kind !== 'enum') continue;
    const name = sanitize(t.name) || 'unnamed';
    enumNames.set(key, name);
    const values = new Map<string, string>();
    const lines = t.labels.map((l) => {
      const v = enumValueName(l);
      if (!v) return `  // ${l} @map(${JSON.stringify(l)})`;
      values.set(l, v);
      return `  ${v}${v !== l ? ` @map(${JSON.stringify(l)})` : ''}`;
    });
    enumValues.set(key, values);
    const attrs = [...(name !== t.name ? [`@@map(${JSON.stringify(t.name)})`] : []), `@@schema(${JSON.stringify(t.schema)})`];
    enumBlocks.push(`enum ${name} {\n${lines.join('\n')}\n\n${attrs.map((a) => `  ${a}`).join('\n')}\n}`);
  }

  const tableOf = new Map(allTables);
  const fieldRenames = (key: string) => renames.fields.get(tableOf.get(key)?.name ?? '') ?? new Map<string, string>();
  const fieldName = (key: string, col: string) => fieldRenames(key).get(col) ?? (needsSanitation(col) ? sanitize(col) : col);
  const keysOf = new Map(tables.map(([k, t]) => [k, keyDefs(t)]));
  const ignored = new Set(tables.filter(([k, t]) => t.columns.length > 0 && !hasUsableIdentifier(t, keysOf.get(k)!)).map(([k]) => k));
  const typeMismatch = (t: Table, fk: Extract<Constraint, { kind: 'foreign_key' }>) =>
    fk.columns.some((col, i) => t.columns.find((c) => c.name === col)?.type !== model.tables[fk.refTable]?.columns.find((c) => c.name === fk.refColumns[i])?.type);
  const relations = relationFields({ tables: allTables, modelName, fieldName, ignored, skipFk: typeMismatch });

  const blocks: string[] = [];
  for (const [key, t] of tables) {
    const mName = modelName.get(key)!;
    const keys = keysOf.get(key)!;
    const pk = Object.values(t.constraints).find((c): c is Extract<Constraint, { kind: 'primary_key' }> => c.kind === 'primary_key');
    const rendered = keys.filter((k) => !k.expression && !k.partial);
    const fieldUnique = new Map<string, KeyDef>();
    for (const k of rendered) if (k.unique && k.columns.length === 1 && !fieldUnique.has(k.columns[0]!)) fieldUnique.set(k.columns[0]!, k);
    const used = new Set<string>();
    const lines: string[] = [];
    for (const c of t.columns) {
      const scalar = prismaType(c.type, enumNames);
      const f = fieldName(key, c.name);
      used.add(f);
      const attrs: string[] = [];
      // Attribute order as Prisma's formatter writes it: @id, @unique, @default, @map, @db.
      if (pk && pk.columns.length === 1 && pk.columns[0] === c.name) attrs.push(pk.name !== defaultConstraintName(t.name, [], 'pkey') ? `@id(map: ${JSON.stringify(pk.name)})` : '@id');
      const uq = fieldUnique.get(c.name);
      if (uq) {
        const args = [...(uq.name !== defaultConstraintName(t.name, [c.name], 'key') ? [`map: ${JSON.stringify(uq.name)}`] : []), ...(uq.desc[0] ? ['sort: Desc'] : [])];
        attrs.push(args.length ? `@unique(${args.join(', ')})` : '@unique');
      }
      const def = prismaDefault(c, scalar, enumValues);
      if (def) attrs.push(`@default(${def})`);
      if (f !== c.name) attrs.push(`@map(${JSON.stringify(c.name)})`);
      if (scalar.native) attrs.push(`@db.${scalar.native}`);
      const list = c.type.endsWith('[]');
      const line = `${f || c.name} ${scalar.type}${list ? '[]' : !c.notNull ? '?' : ''}${attrs.length ? ' ' + attrs.join(' ') : ''}`;
      // A name with nothing left after sanitising is commented out, as Prisma does.
      if (!f) lines.push(`  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*\n  // ${line}`);
      else lines.push(`  ${line}`);
    }
    for (const r of relations.get(key) ?? []) {
      let f = r.name;
      while (used.has(f)) f = `${f}_`;
      used.add(f);
      lines.push(`  ${f} ${r.type}${r.attrs ? ` ${r.attrs}` : ''}`);
    }

    const blockAttrs: string[] = [];
    if (pk && pk.columns.length > 1)
      blockAttrs.push(`@@id([${pk.columns.map((c) => fieldName(key, c)).join(', ')}]${pk.name !== defaultConstraintName(t.name, [], 'pkey') ? `, map: ${JSON.stringify(pk.name)}` : ''})`);
    const unrepresentable: string[] = [];
    // Prisma's formatter orders block attributes: @@id, @@unique, @@index, @@map, @@ignore, @@schema.
    for (const k of [...rendered.filter((x) => x.unique), ...rendered.filter((x) => !x.unique)]) {
      if (k.unique && k.columns.length === 1) continue;
      const ok = k.columns.every((c, i) => {
        if (k.opclass[i]) return true;
        const col = t.columns.find((x) => x.name === c);
        if (!col) return false;
        const st = prismaType(col.type, enumNames);
        return defaultOpsKnown(k.method, st.native?.replace(/\(.*$/, '') ? `${st.type}@${st.native.replace(/\(.*$/, '')}` : st.type, col.type.endsWith('[]'));
      });
      if (!ok) {
        unrepresentable.push(`"${k.name}"`);
        continue;
      }
      const fields = k.columns.map((c, i) => {
        const args = [...(k.desc[i] ? ['sort: Desc'] : []), ...(k.opclass[i] ? [`ops: ${prismaOps(k.opclass[i]!)}`] : [])];
        return `${fieldName(key, c)}${args.length ? `(${args.join(', ')})` : ''}`;
      });
      const args = [`[${fields.join(', ')}]`];
      if (k.name !== defaultConstraintName(t.name, k.columns, k.unique ? 'key' : 'idx')) args.push(`map: ${JSON.stringify(k.name)}`);
      if (INDEX_TYPE[k.method]) args.push(`type: ${INDEX_TYPE[k.method]}`);
      blockAttrs.push(`${k.unique ? '@@unique' : '@@index'}(${args.join(', ')})`);
    }
    if (mName !== t.name) blockAttrs.push(`@@map(${JSON.stringify(t.name)})`);
    if (ignored.has(key)) blockAttrs.push('@@ignore');
    blockAttrs.push(`@@schema(${JSON.stringify(t.schema)})`);

    const cons = Object.values(t.constraints);
    const docs: string[] = [];
    if (reserved.has(key)) docs.push(DOCS.reserved(mName, t.name));
    if (t.partitionBy) docs.push(DOCS.partition);
    if (allTables.some(([, o]) => o.inherits.includes(key))) docs.push(DOCS.subclass);
    if (cons.some((c) => c.kind === 'check')) docs.push(DOCS.check);
    if (cons.some((c) => c.kind === 'exclusion')) docs.push(DOCS.exclusion);
    if (t.columns.length === 0) docs.push(DOCS.noColumns);
    else if (ignored.has(key)) docs.push(DOCS.noUnique);
    if (t.comment !== undefined || t.columns.some((c) => c.comment !== undefined)) docs.push(DOCS.comments);
    if (cons.some((c) => c.deferrable || c.initiallyDeferred)) docs.push(DOCS.deferring);
    if (t.rowLevelSecurity) docs.push(DOCS.rls);
    if (keys.some((k) => k.nullsOrder)) docs.push(DOCS.nullsOrder);
    if (keys.some((k) => k.expression)) docs.push(DOCS.expressionIndex);
    // What Prisma drops silently is noted too, so the reader knows it stays in the database.
    const partial = keys.filter((k) => k.partial && !k.expression).map((k) => `"${k.name}"`);
    if (partial.length) docs.push(`This model has partial indexes Prisma does not represent (${partial.join(', ')}); they stay in the database, managed by Meridian.`);
    if (unrepresentable.length) docs.push(`This model has indexes whose operator classes Prisma cannot represent (${unrepresentable.join(', ')}); they stay in the database, managed by Meridian.`);
    const mismatched = cons.filter((c): c is Extract<Constraint, { kind: 'foreign_key' }> => c.kind === 'foreign_key' && typeMismatch(t, c)).map((c) => `"${c.name}"`);
    if (mismatched.length) docs.push(`This model has foreign keys between columns of different types, which Prisma cannot represent as relations (${mismatched.join(', ')}); they stay in the database, managed by Meridian.`);
    const head = docs.map((d) => `/// ${d}\n`).join('');
    // A table without columns cannot be a model: Prisma comments it out.
    if (t.columns.length === 0) blocks.push(`${head}// model ${mName} {\n// }`);
    else blocks.push(`${head}model ${mName} {\n${lines.join('\n')}\n\n${blockAttrs.map((a) => `  ${a}`).join('\n')}\n}`);
  }

  const viewBlocks = views.map(([key, v]) => {
    const lines = v.columns.map((col) => {
      const scalar = prismaType(v.columnTypes?.[col] ?? 'text', enumNames);
      const f = needsSanitation(col) ? sanitize(col) || col : col;
      const attrs = [...(f !== col ? [`@map(${JSON.stringify(col)})`] : []), ...(scalar.native ? [`@db.${scalar.native}`] : [])];
      return `  ${f} ${scalar.type}?${attrs.length ? ' ' + attrs.join(' ') : ''}`;
    });
    const name = modelName.get(key)!;
    const attrs = [...(name !== v.name ? [`@@map(${JSON.stringify(v.name)})`] : []), '@@ignore', `@@schema(${JSON.stringify(v.schema)})`];
    return `/// ${DOCS.noUnique.replace('table', 'view')}\nview ${name} {\n${lines.join('\n')}\n\n${attrs.map((a) => `  ${a}`).join('\n')}\n}`;
  });

  return alignSchema([headerBlocks(opts.existing, schemas, viewBlocks.length > 0), ...blocks, ...viewBlocks, ...enumBlocks].join('\n\n') + '\n');
}

export { splitKey };
