/**
 * `prisma pull` without Prisma's schema engine: Model → schema.prisma, following `prisma db pull`'s
 * introspection conventions for PostgreSQL.
 *
 * In:  the inspected Model and, optionally, the existing schema.prisma (its datasource/generator blocks
 *      and manual model/field renames are kept). Out: the schema text. Pure: no I/O.
 * What Prisma cannot represent (check/exclusion constraints, triggers, partitions, expression indexes)
 * is listed in comments, as Prisma does.
 */
import { parseArrayLiteral } from '../typedsql/runtime.js';
import { splitKey } from '../model/names.js';
import type { Column, Constraint, ForeignKey, Model, Table, TypeDef } from '../model/types.js';

export interface PrismaPullOptions {
  /** The current schema.prisma, if any. */
  readonly existing?: string;
}

const VALID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Prisma's sanitisation of names that are not valid identifiers (the original goes to @map/@@map). */
function sanitize(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(s)) s = `${/^\d/.test(s) ? 'd' : ''}${s.replace(/^_+/, '')}`;
  return s || 'unnamed';
}

interface ScalarType {
  readonly type: string;
  readonly native?: string;
  readonly unsupported?: boolean;
}

/** PostgreSQL type (format_type spelling) → Prisma scalar and native type. */
export function prismaType(pgType: string, enums: ReadonlyMap<string, string>): ScalarType {
  const base = pgType.replace(/\[\]$/, '');
  const enumName = enums.get(base);
  if (enumName) return { type: enumName };
  const m = /^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?( with(?:out)? time zone)?$/.exec(base);
  const name = m ? (m[1]! + (m[4] ?? '')).trim() : base;
  const p = m?.[2];
  const s = m?.[3];
  switch (name) {
    case 'integer': return { type: 'Int' };
    case 'smallint': return { type: 'Int', native: 'SmallInt' };
    case 'bigint': return { type: 'BigInt' };
    case 'oid': return { type: 'Int', native: 'Oid' };
    case 'text': return { type: 'String' };
    case 'character varying': return { type: 'String', native: p ? `VarChar(${p})` : 'VarChar' };
    case 'character': return { type: 'String', native: `Char(${p ?? 1})` };
    case 'uuid': return { type: 'String', native: 'Uuid' };
    case 'citext': return { type: 'String', native: 'Citext' };
    case 'inet': return { type: 'String', native: 'Inet' };
    case 'xml': return { type: 'String', native: 'Xml' };
    case 'bit': return { type: 'String', native: `Bit(${p ?? 1})` };
    case 'bit varying': return { type: 'String', native: p ? `VarBit(${p})` : 'VarBit' };
    case 'boolean': return { type: 'Boolean' };
    case 'numeric': return { type: 'Decimal', native: p ? `Decimal(${p}, ${s ?? 0})` : 'Decimal' };
    case 'money': return { type: 'Decimal', native: 'Money' };
    case 'real': return { type: 'Float', native: 'Real' };
    case 'double precision': return { type: 'Float' };
    case 'timestamp without time zone': return { type: 'DateTime', native: `Timestamp(${p ?? 6})` };
    case 'timestamp with time zone': return { type: 'DateTime', native: `Timestamptz(${p ?? 6})` };
    case 'date': return { type: 'DateTime', native: 'Date' };
    case 'time without time zone': return { type: 'DateTime', native: `Time(${p ?? 6})` };
    case 'time with time zone': return { type: 'DateTime', native: `Timetz(${p ?? 6})` };
    case 'json': return { type: 'Json', native: 'Json' };
    case 'jsonb': return { type: 'Json' };
    case 'bytea': return { type: 'Bytes' };
    default: return { type: `Unsupported("${pgType.replace(/"/g, '\\"')}")`, unsupported: true };
  }
}

function prismaDefault(c: Column, scalar: ScalarType, enumValues: ReadonlyMap<string, Map<string, string>>): string | undefined {
  if (c.identity) return 'autoincrement()';
  const d = c.default?.text;
  if (!d) return undefined;
  if (/^nextval\('.*'::regclass\)$/.test(d)) return 'autoincrement()';
  if (/^(now\(\)|CURRENT_TIMESTAMP)$/i.test(d) && scalar.type === 'DateTime') return 'now()';
  if (/^gen_random_uuid\(\)$/.test(d)) return 'dbgenerated("gen_random_uuid()")';
  const arr = c.type.endsWith('[]') ? /^'(\{.*\})'::[\w ."]+\[\]$/.exec(d) : null;
  if (arr) {
    // Scalar-list defaults (`'{member}'::role[]`) become `@default([member])`, as `prisma db pull` writes them.
    const items = parseArrayLiteral(arr[1]!.replace(/''/g, "'"));
    const ev = enumValues.get(c.type.slice(0, -2));
    const out = items.map((v) => {
      if (typeof v !== 'string') return undefined;
      if (ev) return ev.get(v);
      if (scalar.type === 'String') return JSON.stringify(v);
      if (scalar.type === 'Boolean') return v === 't' || v === 'true' ? 'true' : v === 'f' || v === 'false' ? 'false' : undefined;
      if (['Int', 'BigInt', 'Float', 'Decimal'].includes(scalar.type) && /^-?\d+(\.\d+)?$/.test(v)) return v;
      return undefined;
    });
    if (out.every((x) => x !== undefined)) return `[${out.join(', ')}]`;
  }
  const lit = /^'((?:[^']|'')*)'(?:::[\w ."]+(?:\(\d+(?:,\d+)?\))?(?:\[\])?)?$/.exec(d);
  if (lit) {
    const v = lit[1]!.replace(/''/g, "'");
    const ev = enumValues.get(c.type);
    if (ev) return ev.get(v) ?? `dbgenerated("${d.replace(/"/g, '\\"')}")`;
    if (scalar.type === 'String') return JSON.stringify(v);
    if (scalar.type === 'Boolean' && /^(true|false)$/.test(v)) return v;
    if (['Int', 'BigInt', 'Float', 'Decimal'].includes(scalar.type) && /^-?\d+(\.\d+)?$/.test(v)) return v;
  }
  if (/^\(?-?\d+(\.\d+)?\)?(::\w+)?$/.test(d) && ['Int', 'BigInt', 'Float', 'Decimal'].includes(scalar.type)) return d.replace(/[()]|::\w+/g, '');
  if (/^(true|false)$/.test(d) && scalar.type === 'Boolean') return d;
  return `dbgenerated("${d.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}")`;
}

const ACTION: Record<string, string> = { 'NO ACTION': 'NoAction', RESTRICT: 'Restrict', CASCADE: 'Cascade', 'SET NULL': 'SetNull', 'SET DEFAULT': 'SetDefault' };

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

function headerBlocks(existing: string | undefined, schemas: string[], needViews: boolean): string {
  const kept = existing ? [...existing.matchAll(/^(datasource|generator)\s+\w+\s*\{[\s\S]*?^\}/gm)].map((m) => m[0]) : [];
  let datasource = kept.find((b) => b.startsWith('datasource')) ?? 'datasource db {\n  provider = "postgresql"\n}';
  const schemaLine = `  schemas  = [${schemas.map((s) => JSON.stringify(s)).join(', ')}]`;
  datasource = /^\s*schemas\s*=.*$/m.test(datasource) ? datasource.replace(/^\s*schemas\s*=.*$/m, schemaLine) : datasource.replace(/\n\}$/, `\n${schemaLine}\n}`);
  let generators = kept.filter((b) => b.startsWith('generator'));
  // Prisma 7's `prisma init` default: the TypeScript client generated into the project's sources.
  if (generators.length === 0) generators = ['generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}'];
  if (needViews)
    generators = generators.map((g) => {
      if (/previewFeatures\s*=\s*\[[^\]]*"views"/.test(g)) return g;
      if (/previewFeatures\s*=\s*\[/.test(g)) return g.replace(/previewFeatures\s*=\s*\[/, 'previewFeatures = ["views", ').replace(/, \]/, ']');
      return g.replace(/\n\}$/, '\n  previewFeatures = ["views"]\n}');
    });
  return [datasource, ...generators].join('\n\n');
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
  const tables = Object.entries(model.tables).filter(([, t]) => !t.partitionOf);
  const views = Object.entries(model.views).filter(([, v]) => v.kind === 'view' || v.kind === 'materialized_view');
  const usedSchemas = [...new Set([...tables.map(([, t]) => t.schema), ...views.map(([, v]) => v.schema), ...Object.values(model.types).filter((t) => t.kind === 'enum').map((t) => t.schema)])].sort();
  const schemas = usedSchemas.length ? usedSchemas : ['public'];

  // Enums
  const enumNames = new Map<string, string>();
  const enumValues = new Map<string, Map<string, string>>();
  const enumBlocks: string[] = [];
  for (const [key, t] of Object.entries(model.types) as [string, TypeDef][]) {
    if (t.kind !== 'enum') continue;
    const name = sanitize(t.name);
    enumNames.set(key, name);
    const values = new Map<string, string>();
    const lines = t.labels.map((l) => {
      const v = VALID.test(l) ? l : sanitize(l);
      values.set(l, v);
      return `  ${v}${v !== l ? ` @map(${JSON.stringify(l)})` : ''}`;
    });
    enumValues.set(key, values);
    enumBlocks.push(`enum ${name} {\n${lines.join('\n')}\n${name !== t.name ? `\n  @@map(${JSON.stringify(t.name)})\n` : ''}  @@schema(${JSON.stringify(t.schema)})\n}`);
  }

  // Model names (unique, renames kept)
  const modelName = new Map<string, string>();
  const taken = new Set<string>();
  for (const [key, o] of [...tables, ...views] as [string, { name: string }][]) {
    let n = renames.models.get(o.name) ?? sanitize(o.name);
    while (taken.has(n)) n = `${n}_`;
    taken.add(n);
    modelName.set(key, n);
  }

  // Relations: count FKs per (from, to) pair to disambiguate.
  const fks: Array<{ from: string; table: Table; fk: ForeignKey }> = [];
  const typeMismatch = (t: Table, fk: ForeignKey) =>
    fk.columns.some((col, i) => t.columns.find((c) => c.name === col)?.type !== model.tables[fk.refTable]?.columns.find((c) => c.name === fk.refColumns[i])?.type);
  for (const [key, t] of tables)
    for (const c of Object.values(t.constraints)) if (c.kind === 'foreign_key' && modelName.has(c.refTable) && !typeMismatch(t, c)) fks.push({ from: key, table: t, fk: c });
  const pairCount = new Map<string, number>();
  for (const r of fks) pairCount.set(`${r.from}|${r.fk.refTable}`, (pairCount.get(`${r.from}|${r.fk.refTable}`) ?? 0) + 1);
  // Prisma's introspection naming: several FKs between the same two tables are "ambiguous" and named
  // `<from>_<cols>To<to>` (fields `<to>_<name>` / `<from>_<name>`); a single self-relation is `<m>To<m>`
  // with the back field `other_<m>`; otherwise the relation is unnamed and fields are the model names.
  const isAmbiguous = (r: (typeof fks)[number]) => (pairCount.get(`${r.from}|${r.fk.refTable}`) ?? 0) > 1;
  const relName = (r: (typeof fks)[number]) => {
    if (isAmbiguous(r)) return `${modelName.get(r.from)}_${r.fk.columns.join('_')}To${modelName.get(r.fk.refTable)}`;
    if (r.from === r.fk.refTable) return `${modelName.get(r.from)}To${modelName.get(r.from)}`;
    return undefined;
  };
  // A FK whose columns are exactly a primary key or unique constraint/index is one-to-one: the back field is optional.
  const oneToOne = (r: (typeof fks)[number]) => {
    const cols = [...r.fk.columns].sort().join(',');
    const keys = [
      ...Object.values(r.table.constraints).flatMap((c) => (c.kind === 'primary_key' || c.kind === 'unique' ? [c.columns] : [])),
      ...Object.values(r.table.indexes).flatMap((i) => (i.unique && !i.where && i.keys.every((k) => k.column) ? [i.keys.map((k) => k.column!)] : [])),
    ];
    return keys.some((k) => [...k].sort().join(',') === cols);
  };
  const backRefs = new Map<string, Array<{ rn: string | undefined; from: string; field: string; ign: string; single: boolean }>>();
  // Tables without a unique identifier are @@ignore'd, and so are relation fields that touch them.
  const ignored = new Set(
    tables
      .filter(([, t]) => !Object.values(t.constraints).some((c) => c.kind === 'primary_key' || c.kind === 'unique') && !Object.values(t.indexes).some((i) => i.unique && !i.where))
      .map(([k]) => k),
  );

  const blocks: Array<{ key: string; text: string }> = [];
  const fieldNamesOf = new Map<string, Set<string>>();
  for (const [key, t] of tables) {
    const mName = modelName.get(key)!;
    const used = new Set<string>();
    fieldNamesOf.set(key, used);
    const fieldRenames = renames.fields.get(t.name) ?? new Map<string, string>();
    const pk = Object.values(t.constraints).find((c): c is Extract<Constraint, { kind: 'primary_key' }> => c.kind === 'primary_key');
    const uniques = Object.values(t.constraints).filter((c): c is Extract<Constraint, { kind: 'unique' }> => c.kind === 'unique');
    const lines: string[] = [];
    const notes: string[] = [];
    const fieldName = (col: string) => fieldRenames.get(col) ?? (VALID.test(col) ? col : sanitize(col));
    for (const c of t.columns) {
      const scalar = prismaType(c.type, enumNames);
      const f = fieldName(c.name);
      used.add(f);
      const attrs: string[] = [];
      if (pk && pk.columns.length === 1 && pk.columns[0] === c.name) attrs.push(pk.name !== `${t.name}_pkey` ? `@id(map: ${JSON.stringify(pk.name)})` : '@id');
      const def = prismaDefault(c, scalar, enumValues);
      if (def) attrs.push(`@default(${def})`);
      const uq = uniques.find((u) => u.columns.length === 1 && u.columns[0] === c.name);
      if (uq) attrs.push(uq.name !== `${t.name}_${c.name}_key` ? `@unique(map: ${JSON.stringify(uq.name)})` : '@unique');
      if (f !== c.name) attrs.push(`@map(${JSON.stringify(c.name)})`);
      if (scalar.native) attrs.push(`@db.${scalar.native}`);
      const list = c.type.endsWith('[]');
      const optional = !c.notNull && !list;
      lines.push(`  ${f} ${scalar.type}${list ? '[]' : optional ? '?' : ''}${attrs.length ? ' ' + attrs.join(' ') : ''}`);
    }
    // Relation fields on the referencing side.
    for (const r of fks.filter((x) => x.from === key)) {
      const target = modelName.get(r.fk.refTable)!;
      const rn = relName(r);
      let f = isAmbiguous(r) ? `${target}_${rn}` : target;
      while (used.has(f)) f = `${f}_`;
      used.add(f);
      const optional = r.fk.columns.some((col) => !t.columns.find((c) => c.name === col)?.notNull);
      const args = [rn ? JSON.stringify(rn) : '', `fields: [${r.fk.columns.map(fieldName).join(', ')}]`, `references: [${r.fk.refColumns.join(', ')}]`];
      if (r.fk.onDelete !== (optional ? 'SET NULL' : 'RESTRICT')) args.push(`onDelete: ${ACTION[r.fk.onDelete]}`);
      if (r.fk.onUpdate !== 'CASCADE') args.push(`onUpdate: ${ACTION[r.fk.onUpdate]}`);
      if (r.fk.name !== `${t.name}_${r.fk.columns.join('_')}_fkey`) args.push(`map: ${JSON.stringify(r.fk.name)}`);
      const ign = ignored.has(r.fk.refTable) || ignored.has(key) ? ' @ignore' : '';
      lines.push(`  ${f} ${target}${optional ? '?' : ''} @relation(${args.filter(Boolean).join(', ')})${ign}`);
      const back = isAmbiguous(r) ? `${mName}_${rn}` : r.from === r.fk.refTable ? `other_${mName}` : mName;
      backRefs.set(r.fk.refTable, [...(backRefs.get(r.fk.refTable) ?? []), { rn, from: mName, field: back, ign, single: oneToOne(r) }]);
    }
    const blockAttrs: string[] = [];
    if (pk && pk.columns.length > 1) blockAttrs.push(`@@id([${pk.columns.map(fieldName).join(', ')}]${pk.name !== `${t.name}_pkey` ? `, map: ${JSON.stringify(pk.name)}` : ''})`);
    for (const u of uniques.filter((x) => x.columns.length > 1)) blockAttrs.push(`@@unique([${u.columns.map(fieldName).join(', ')}], map: ${JSON.stringify(u.name)})`);
    for (const i of Object.values(t.indexes)) {
      const cols = /\((.*)\)(?: WHERE .*)?$/.exec(i.definition ?? '')?.[1] ?? '';
      const simple = cols.split(',').map((x) => x.trim()).every((x) => /^"?[\w]+"?( DESC)?$/.test(x));
      if (!simple || i.where || !['btree', 'hash'].includes(i.method)) {
        notes.push(`index "${i.name}" (${i.where ? 'partial' : i.method !== 'btree' && i.method !== 'hash' ? i.method : 'expression or operator class'})`);
        continue;
      }
      const fields = cols.split(',').map((x) => x.trim()).map((x) => {
        const desc = / DESC$/.test(x);
        const col = fieldName(x.replace(/ DESC$/, '').replace(/^"|"$/g, ''));
        return desc ? `${col}(sort: Desc)` : col;
      });
      const type = i.method === 'hash' ? ', type: Hash' : '';
      blockAttrs.push(`${i.unique ? '@@unique' : '@@index'}([${fields.join(', ')}], map: ${JSON.stringify(i.name)}${type})`);
    }
    for (const c of Object.values(t.constraints)) if (c.kind === 'check' || c.kind === 'exclusion') notes.push(`${c.kind === 'check' ? 'check' : 'exclusion'} constraint "${c.name}"`);
    for (const c of Object.values(t.constraints)) if (c.kind === 'foreign_key' && typeMismatch(t, c)) notes.push(`foreign key "${c.name}" between columns of different types (no Prisma relation)`);
    for (const tr of Object.values(t.triggers)) notes.push(`trigger "${tr.name}"`);
    if (t.partitionBy) notes.push(`partitioned table (PARTITION BY ${t.partitionBy.strategy})`);
    if (t.rowLevelSecurity) notes.push('row level security');
    if (mName !== t.name) blockAttrs.push(`@@map(${JSON.stringify(t.name)})`);
    blockAttrs.push(`@@schema(${JSON.stringify(t.schema)})`);
    const header = notes.length ? `/// This model contains ${notes.join(', ')}, which Prisma does not represent: they stay in the database, managed by Meridian.\n` : '';
    const hasUnique = !ignored.has(key);
    const ignore = hasUnique ? '' : '\n  @@ignore';
    const ignoreNote = hasUnique ? '' : '/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.\n';
    blocks.push({ key, text: `${ignoreNote}${header}model ${mName} {\n${lines.join('\n')}\n@@BACKREFS@@\n${blockAttrs.map((a) => `  ${a}`).join('\n')}${ignore}\n}` });
  }
  // Back-relation fields.
  const rendered = blocks.map(({ key, text }) => {
    const used = fieldNamesOf.get(key)!;
    const lines = (backRefs.get(key) ?? []).map(({ rn, from, field, ign, single }) => {
      let f = field;
      while (used.has(f)) f = `${f}_`;
      used.add(f);
      return `  ${f} ${from}${single ? '?' : '[]'}${rn ? ` @relation(${JSON.stringify(rn)})` : ''}${ign}`;
    });
    return text.replace('@@BACKREFS@@\n', lines.length ? `${lines.join('\n')}\n\n` : '\n');
  });

  const viewBlocks = views.map(([key, v]) => {
    const lines = v.columns.map((col) => {
      const scalar = prismaType(v.columnTypes?.[col] ?? 'text', enumNames);
      const f = VALID.test(col) ? col : sanitize(col);
      return `  ${f} ${scalar.type}?${f !== col ? ` @map(${JSON.stringify(col)})` : ''}`;
    });
    const name = modelName.get(key)!;
    return `/// The underlying view does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.\nview ${name} {\n${lines.join('\n')}\n\n${name !== v.name ? `  @@map(${JSON.stringify(v.name)})\n` : ''}  @@schema(${JSON.stringify(v.schema)})\n  @@ignore\n}`;
  });

  return [headerBlocks(opts.existing, schemas, viewBlocks.length > 0), ...rendered, ...viewBlocks, ...enumBlocks].join('\n\n') + '\n';
}

export { splitKey };
