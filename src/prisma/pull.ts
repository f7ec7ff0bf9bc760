/**
 * `prisma pull` without Prisma's schema engine: Model → schema.prisma, with the output of
 * `prisma db pull` for PostgreSQL (naming, relation naming and order, `@@ignore`/`@ignore`, the
 * documentation comments Prisma writes for what it does not represent, multi-schema names, views).
 *
 * In:  the inspected Model and, optionally, the existing schema.prisma (re-introspection: its
 *      datasource/generator blocks and what reintrospect.ts lists are kept). Out: the schema text and
 *      notes (Prisma's warnings). Pure: no I/O.
 * Modules: naming (identifiers, default constraint names), fields (types, defaults), indexes (keys),
 * relations (relation fields), existing + reintrospect (the previous schema), this file (names of
 * models/views/enums, rendering).
 */
import { qualifiedName, splitKey } from '../model/names.js';
import type { Column, Constraint, Model, Table, TypeDef, View } from '../model/types.js';
import { argument, readPrismaSchema } from './existing.js';
import { prismaDefault, prismaType } from './fields.js';
import { alignSchema } from './format.js';
import { cmp, defaultOpsKnown, hasUsableIdentifier, INDEX_TYPE, keyDefs, prismaOps, withIndexKeys, type KeyDef } from './indexes.js';
import { defaultConstraintName, enumValueName, modelNameFor, needsSanitation, sanitize, schemaPrefixedName } from './naming.js';
import { PreviousSchema, type PulledObject } from './reintrospect.js';
import { joinTableKeys, relationAttrs, relationFields } from './relations.js';

export { prismaType } from './fields.js';
export { indexKeysFromDefinition, prismaOps } from './indexes.js';

export interface PrismaPullOptions {
  /** The current schema.prisma, if any (re-introspection). */
  readonly existing?: string;
  /** The schemas that were asked for (`--schema`, or the existing datasource's `schemas`): the datasource lists them. */
  readonly schemas?: readonly string[];
}

export interface PrismaPullResult {
  readonly text: string;
  /** What Prisma reports as warnings: renamed duplicates, names kept from the previous schema, views left out. */
  readonly notes: readonly string[];
}

/** Tables of Prisma's own bookkeeping (Prisma Migrate, Prisma 1), which Prisma's introspection leaves out. */
const PRISMA_HELPER_TABLES: ReadonlySet<string> = new Set(['_prisma_migrations', '_Migration', '_RelayId']);

/** Whether a generator block lists `feature` in its previewFeatures. */
function hasFeature(generator: string, feature: string): boolean {
  return new RegExp(`previewFeatures\\s*=\\s*\\[[^\\]]*"${feature}"`).test(generator);
}

/** The datasource block of a new schema.prisma (Prisma 7: the URL lives in prisma.config.ts or the environment). */
export const PRISMA_DEFAULT_DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}';

/** Prisma 7's `prisma init` default generator: the TypeScript client generated into the project's sources. */
export const PRISMA_DEFAULT_GENERATOR = 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}';

function headerBlocks(existing: ReturnType<typeof readPrismaSchema> | undefined, schemas: readonly string[], keepSchemasLine: boolean, features: readonly string[]): string {
  // Prisma renames the former `referentialIntegrity` to `relationMode`.
  let datasource = (existing?.datasource ?? PRISMA_DEFAULT_DATASOURCE).replace(/^(\s*)referentialIntegrity(\s*)=/m, '$1relationMode$2=');
  const schemaLine = `  schemas  = [${schemas.map((s) => JSON.stringify(s)).join(', ')}]`;
  if (!keepSchemasLine || !/^\s*schemas\s*=.*$/m.test(datasource))
    datasource = /^\s*schemas\s*=.*$/m.test(datasource) ? datasource.replace(/^\s*schemas\s*=.*$/m, schemaLine) : datasource.replace(/\n\s*\}$/, `\n${schemaLine}\n}`);
  let generators = [...(existing?.generators ?? [])];
  // Prisma 7's `prisma init` default: the TypeScript client generated into the project's sources.
  if (generators.length === 0) generators = [PRISMA_DEFAULT_GENERATOR];
  for (const feature of features)
    generators = generators.map((g) => {
      if (hasFeature(g, feature)) return g;
      const quoted = JSON.stringify(feature);
      if (/previewFeatures\s*=\s*\[\s*\]/.test(g)) return g.replace(/previewFeatures\s*=\s*\[\s*\]/, `previewFeatures = [${quoted}]`);
      if (/previewFeatures\s*=\s*\[/.test(g)) return g.replace(/(previewFeatures\s*=\s*\[[^\]]*?)\s*\]/, `$1, ${quoted}]`);
      return g.replace(/\n\s*\}$/, `\n  previewFeatures = [${quoted}]\n}`);
    });
  return [...generators, datasource].join('\n\n');
}

/** Prisma's documentation comments (prisma-engines introspection rendering), in Prisma's order. */
const DOCS = {
  reserved: (kind: string, name: string, original: string) => `This ${kind} has been renamed to '${name}' during introspection, because the original name '${original}' is reserved.`,
  partition: 'This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info.',
  subclass: 'This table has subclasses and requires additional setup for migrations. Visit https://pris.ly/d/table-inheritance for more info.',
  check: 'This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info.',
  exclusion: 'This table contains exclusion constraints and requires additional setup for migrations. Visit https://pris.ly/d/exclusion-constraints for more info.',
  noColumns: 'We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.',
  noUnique: 'The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.',
  comments: 'This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments',
  viewComments: 'This view or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments',
  enumComment: 'This enum is commented in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments',
  deferring: 'This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info.',
  rls: 'This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.',
  nullsOrder: 'This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info.',
  expressionIndex: 'This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.',
  includeIndex: 'This model contains an include index which requires additional setup for migrations. Visit https://pris.ly/d/include-indexes for more info.',
};

/**
 * A block's documentation: the previous schema's, when it has some (Prisma then adds none of its own
 * notes, re_introspection and postgres/mod.rs commenting_stopgap), else the generated notes.
 */
function docLines(previous: readonly string[], generated: readonly string[], indent = ''): string {
  return (previous.length ? previous : generated).map((d) => `${indent}/// ${d}\n`).join('');
}

/**
 * Writes schema.prisma text for a Model.
 *
 * @example
 * const text = modelToPrisma((await inspect(db)).model);
 * // model users { id Int @id @default(autoincrement()) … }
 */
export function modelToPrisma(model: Model, opts: PrismaPullOptions = {}): string {
  return prismaPull(model, opts).text;
}

/**
 * Writes schema.prisma text for a Model, with the notes Prisma would print as warnings.
 *
 * @example
 * const { text, notes } = prismaPull(model, { existing: readFileSync('prisma/schema.prisma', 'utf8') });
 */
export function prismaPull(model: Model, opts: PrismaPullOptions = {}): PrismaPullResult {
  const notes: string[] = [];
  const usedFeatures = new Set<string>();
  const psl = opts.existing !== undefined ? readPrismaSchema(opts.existing) : undefined;
  // As Prisma: views only with the `views` preview feature; a generator Meridian writes enables it.
  // Preview features Meridian may enable: when it writes the generator itself, or the user's generator lists them.
  const featureOn = (f: string) => !psl || psl.generators.length === 0 || psl.generators.some((g) => hasFeature(g, f));
  const viewsEnabled = featureOn('views');
  const partialEnabled = featureOn('partialIndexes');
  const bySchemaName = <T extends { schema: string; name: string }>([, a]: [string, T], [, b]: [string, T]) => cmp(a.schema, b.schema) || cmp(a.name, b.name);
  const allTables = (Object.entries(model.tables) as Array<[string, Table]>).filter(([, t]) => !t.partitionOf && !PRISMA_HELPER_TABLES.has(t.name)).map(([k, t]) => [k, withIndexKeys(t)] as [string, Table]).sort(bySchemaName);
  const allViews = (Object.entries(model.views) as Array<[string, View]>).filter(([, v]) => v.kind === 'view' || v.kind === 'materialized_view').sort(bySchemaName);
  const views = viewsEnabled ? allViews : [];
  if (!viewsEnabled && allViews.length)
    notes.push(`${allViews.length} view(s) left out (${allViews.map(([, v]) => v.name).join(', ')}): add previewFeatures = ["views"] to the generator to pull them, as Prisma does`);
  const enumTypes = (Object.entries(model.types) as Array<[string, TypeDef]>).filter(([, t]) => t.kind === 'enum').sort(bySchemaName);

  const objects: PulledObject[] = [
    ...allTables.map(([key, t]) => ({ key, kind: 'model' as const, schema: t.schema, dbName: t.name })),
    ...views.map(([key, v]) => ({ key, kind: 'view' as const, schema: v.schema, dbName: v.name })),
    ...enumTypes.map(([key, t]) => ({ key, kind: 'enum' as const, schema: t.schema, dbName: t.name })),
  ];
  const prev = psl ? new PreviousSchema(psl, objects) : undefined;

  // Names: kept from the previous schema, else Prisma's (sanitised, `Renamed` for reserved names); a
  // name two objects would share gets the schema as a prefix, as Prisma's multi-schema introspection does.
  const baseName = new Map<string, string>();
  const reserved = new Set<string>();
  const kept = new Set<string>();
  const keptNames: string[] = [];
  const prefixed: string[] = [];
  for (const o of objects) {
    const b = prev?.matched.get(o.key);
    if (b) {
      baseName.set(o.key, b.name);
      kept.add(o.key);
      if (b.name !== o.dbName) keptNames.push(b.name);
      continue;
    }
    const chosen = modelNameFor(o.dbName);
    baseName.set(o.key, chosen.name);
    if (chosen.reserved) reserved.add(o.key);
  }
  const join = joinTableKeys(allTables, baseName);
  const rendered = objects.filter((o) => !join.has(o.key));
  const count = new Map<string, number>();
  for (const o of rendered) count.set(baseName.get(o.key)!, (count.get(baseName.get(o.key)!) ?? 0) + 1);
  const modelName = new Map<string, string>();
  const taken = new Set<string>();
  for (const o of objects) {
    let n = baseName.get(o.key)!;
    if (!join.has(o.key) && !kept.has(o.key) && count.get(n)! > 1) {
      n = schemaPrefixedName(o.schema, o.dbName);
      prefixed.push(`${o.kind} ${n}`);
      reserved.delete(o.key);
    }
    while (taken.has(n)) n = `${n}_`;
    taken.add(n);
    modelName.set(o.key, n);
  }
  if (keptNames.length) notes.push(`names kept from the previous schema (@@map): ${keptNames.join(', ')}`);
  if (prefixed.length) notes.push(`renamed with their schema as a prefix, as their names exist in more than one schema: ${prefixed.join(', ')}`);
  const tables = allTables.filter(([k]) => !join.has(k));
  const usedSchemas = [...new Set(rendered.map((o) => o.schema))].sort();
  const schemas = opts.schemas?.length ? [...opts.schemas].sort() : usedSchemas.length ? usedSchemas : ['public'];
  const byPrevious = <T>(list: Array<[string, T]>) => (prev ? [...list].sort(([a], [b]) => prev.position(a) - prev.position(b)) : list);

  // Enums.
  const enumNames = new Map<string, string>();
  const enumValues = new Map<string, Map<string, string>>();
  const enumBlocks: string[] = [];
  for (const [key, t] of byPrevious(enumTypes)) {
    if (t.kind !== 'enum') continue;
    const name = modelName.get(key)!;
    enumNames.set(key, name);
    const values = new Map<string, string>();
    const lines = t.labels.map((l) => {
      const v = prev?.enumValue(key, l) ?? enumValueName(l);
      if (!v) return `  // ${l} @map(${JSON.stringify(l)})`;
      values.set(l, v);
      return `  ${v}${v !== l ? ` @map(${JSON.stringify(l)})` : ''}`;
    });
    enumValues.set(key, values);
    // Column types spell the type as PostgreSQL does, quoting keywords (`public."default"`), unlike keys.
    const spelled = qualifiedName(t.schema, t.name);
    if (spelled !== key) {
      enumNames.set(spelled, name);
      enumValues.set(spelled, values);
    }
    const attrs = [...(name !== t.name ? [`@@map(${JSON.stringify(t.name)})`] : []), `@@schema(${JSON.stringify(t.schema)})`];
    const docs = docLines(prev?.matched.get(key)?.docs ?? [], [...(reserved.has(key) ? [DOCS.reserved('enum', name, t.name)] : []), ...(t.comment !== undefined ? [DOCS.enumComment] : [])]);
    enumBlocks.push(`${docs}enum ${name} {\n${lines.join('\n')}\n\n${attrs.map((a) => `  ${a}`).join('\n')}\n}`);
  }

  const fieldName = (key: string, col: string) => prev?.field(key, col)?.name ?? (needsSanitation(col) ? sanitize(col) : col);
  const keysOf = new Map(tables.map(([k, t]) => [k, keyDefs(t)]));
  const ignored = new Set(tables.filter(([k, t]) => t.columns.length > 0 && !hasUsableIdentifier(t, keysOf.get(k)!, enumNames)).map(([k]) => k));
  const typeMismatch = (t: Table, fk: Extract<Constraint, { kind: 'foreign_key' }>) =>
    fk.columns.some((col, i) => t.columns.find((c) => c.name === col)?.type !== model.tables[fk.refTable]?.columns.find((c) => c.name === fk.refColumns[i])?.type);
  const relations = relationFields({ tables: allTables, modelName, baseName, fieldName, ignored, skipFk: typeMismatch });
  const keptRelations = prev?.relationNames(relations);

  const blocks: string[] = [];
  for (const [key, t] of byPrevious(tables)) {
    const mName = modelName.get(key)!;
    const keys = keysOf.get(key)!;
    const pk = Object.values(t.constraints).find((c): c is Extract<Constraint, { kind: 'primary_key' }> => c.kind === 'primary_key');
    const position = (k: KeyDef) => {
      const a = prev?.blockAttribute(key, k.unique ? 'unique' : 'index', k.columns.map((c) => fieldName(key, c)));
      return a ? prev!.matched.get(key)!.attrs.indexOf(a) : Infinity;
    };
    const shown = keys.filter((k) => !k.expression && (!k.partial || partialEnabled)).sort((a, b) => position(a) - position(b));
    if (shown.some((k) => k.partial)) usedFeatures.add('partialIndexes');
    const leftOut = keys.filter((k) => k.partial && !k.expression && !partialEnabled).map((k) => k.name);
    if (leftOut.length) notes.push(`partial indexes of ${t.name} left out (${leftOut.join(', ')}): add previewFeatures = ["partialIndexes"] to the generator to pull them, as Prisma does`);
    const whereArg = (k: KeyDef) => (k.where !== undefined ? [`where: raw(${JSON.stringify(k.where)})`] : []);
    const fieldUnique = new Map<string, KeyDef>();
    for (const k of shown) if (k.unique && k.columns.length === 1 && !fieldUnique.has(k.columns[0]!)) fieldUnique.set(k.columns[0]!, k);
    const used = new Set<string>();
    const lines: string[] = [];
    for (const c of t.columns) {
      const scalar = prismaType(c.type, enumNames);
      const f = fieldName(key, c.name);
      const pf = prev?.field(key, c.name);
      used.add(f);
      const attrs: string[] = [];
      // Attribute order as Prisma's renderer writes it: @id, @unique, @default, @updatedAt, @map, @db, @ignore.
      if (pk && pk.columns.length === 1 && pk.columns[0] === c.name) attrs.push(pk.name !== defaultConstraintName(t.name, [], 'pkey') ? `@id(map: ${JSON.stringify(pk.name)})` : '@id');
      const uq = fieldUnique.get(c.name);
      if (uq) {
        const args = [...(uq.name !== defaultConstraintName(t.name, [c.name], 'key') ? [`map: ${JSON.stringify(uq.name)}`] : []), ...(uq.desc[0] ? ['sort: Desc'] : []), ...whereArg(uq)];
        attrs.push(args.length ? `@unique(${args.join(', ')})` : '@unique');
      }
      const def = prismaDefault(c, scalar, enumValues);
      const keep = prev?.keptFieldAttrs(pf, !!def) ?? { updatedAt: false, ignore: false };
      if (def) attrs.push(`@default(${def})`);
      else if (keep.default) attrs.push(keep.default);
      if (keep.updatedAt) attrs.push('@updatedAt');
      if (f !== c.name) attrs.push(`@map(${JSON.stringify(c.name)})`);
      if (scalar.native) attrs.push(`@db.${scalar.native}`);
      if (keep.ignore) attrs.push('@ignore');
      const list = c.type.endsWith('[]');
      const line = `${f || c.name} ${scalar.type}${list ? '[]' : !c.notNull ? '?' : ''}${attrs.length ? ' ' + attrs.join(' ') : ''}`;
      // A name with nothing left after sanitising is commented out, as Prisma does.
      if (!f) lines.push(`  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*\n  // ${line}`);
      else lines.push(`${docLines(pf?.docs ?? [], [], '  ')}  ${line}`);
    }
    for (const r of relations.get(key) ?? []) {
      let f = keptRelations?.field.get(r) ?? r.name;
      while (used.has(f)) f = `${f}_`;
      used.add(f);
      const attrs = relationAttrs(r, keptRelations?.relation.get(r.relationId) ?? r.relationName);
      lines.push(`  ${f} ${r.type}${attrs ? ` ${attrs}` : ''}`);
    }
    if (prev && keptRelations) for (const l of prev.virtualRelationFields(key, keptRelations.used, used)) lines.push(`  ${l}`);

    const blockAttrs: string[] = [];
    const named = (kind: string, cols: readonly string[]) => {
      const n = argument(prev?.blockAttribute(key, kind, cols.map((c) => fieldName(key, c)))?.args, 'name');
      return n ? [`name: ${n}`] : [];
    };
    if (pk && pk.columns.length > 1)
      blockAttrs.push(`@@id(${[`[${pk.columns.map((c) => fieldName(key, c)).join(', ')}]`, ...named('id', pk.columns), ...(pk.name !== defaultConstraintName(t.name, [], 'pkey') ? [`map: ${JSON.stringify(pk.name)}`] : [])].join(', ')})`);
    const unrepresentable: string[] = [];
    // Prisma's formatter orders block attributes: @@id, @@unique, @@index, @@map, @@ignore, @@schema.
    for (const k of [...shown.filter((x) => x.unique), ...shown.filter((x) => !x.unique)]) {
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
      const args = [`[${fields.join(', ')}]`, ...(k.unique ? named('unique', k.columns) : [])];
      if (k.name !== defaultConstraintName(t.name, k.columns, k.unique ? 'key' : 'idx')) args.push(`map: ${JSON.stringify(k.name)}`);
      if (INDEX_TYPE[k.method]) args.push(`type: ${INDEX_TYPE[k.method]}`);
      args.push(...whereArg(k));
      blockAttrs.push(`${k.unique ? '@@unique' : '@@index'}(${args.join(', ')})`);
    }
    if (mName !== t.name) blockAttrs.push(`@@map(${JSON.stringify(t.name)})`);
    if (ignored.has(key) || prev?.ignored(key)) blockAttrs.push('@@ignore');
    blockAttrs.push(`@@schema(${JSON.stringify(t.schema)})`);

    const cons = Object.values(t.constraints);
    const docs: string[] = [];
    if (reserved.has(key)) docs.push(DOCS.reserved('model', mName, t.name));
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
    if (Object.values(t.indexes).some((i) => i.include.length > 0 || /\)\s+INCLUDE\s+\(/.test(i.definition ?? ''))) docs.push(DOCS.includeIndex);
    // What Prisma drops silently is noted too, so the reader knows it stays in the database.
    if (unrepresentable.length) docs.push(`This model has indexes whose operator classes Prisma cannot represent (${unrepresentable.join(', ')}); they stay in the database, managed by Meridian.`);
    const mismatched = cons.filter((c): c is Extract<Constraint, { kind: 'foreign_key' }> => c.kind === 'foreign_key' && typeMismatch(t, c)).map((c) => `"${c.name}"`);
    if (mismatched.length) docs.push(`This model has foreign keys between columns of different types, which Prisma cannot represent as relations (${mismatched.join(', ')}); they stay in the database, managed by Meridian.`);
    const head = docLines(prev?.matched.get(key)?.docs ?? [], docs);
    // A table without columns cannot be a model: Prisma comments it out.
    if (t.columns.length === 0) blocks.push(`${head}// model ${mName} {\n// }`);
    else blocks.push(`${head}model ${mName} {\n${lines.join('\n')}\n\n${blockAttrs.map((a) => `  ${a}`).join('\n')}\n}`);
  }

  // Views (Prisma's `views` preview feature): every field optional unless the previous schema made it
  // required (lists stay lists); no unique criteria needed.
  const viewBlocks = byPrevious(views).map(([key, v]) => {
    const lines = v.columns.map((col) => {
      const type = v.columnTypes?.[col] ?? 'text';
      const scalar = prismaType(type, enumNames);
      const f = fieldName(key, col);
      const pf = prev?.field(key, col);
      const list = type.endsWith('[]');
      const kept = (pf?.attrs ?? []).filter((a) => a.name === 'id' || a.name === 'unique' || a.name === 'ignore' || a.name === 'updatedAt').map((a) => a.text);
      const dbDefault = v.columnDefaults?.[col];
      const def = dbDefault ? prismaDefault({ name: col, type, notNull: false, default: dbDefault } as Column, scalar, enumValues) : undefined;
      const attrs = [
        ...kept.filter((a) => a.startsWith('@id') || a.startsWith('@unique')),
        ...(def ? [`@default(${def})`] : []),
        ...kept.filter((a) => a.startsWith('@updatedAt')),
        ...(f !== col ? [`@map(${JSON.stringify(col)})`] : []),
        ...(scalar.native ? [`@db.${scalar.native}`] : []),
        ...kept.filter((a) => a.startsWith('@ignore')),
      ];
      const line = `${f || col} ${scalar.type}${list ? '[]' : pf?.arity === 'required' ? '' : '?'}${attrs.length ? ' ' + attrs.join(' ') : ''}`;
      if (!f) return `  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*\n  // ${line}`;
      return `${docLines(pf?.docs ?? [], [], '  ')}  ${line}`;
    });
    const name = modelName.get(key)!;
    const attrs = [...(name !== v.name ? [`@@map(${JSON.stringify(v.name)})`] : []), ...(prev?.ignored(key) ? ['@@ignore'] : []), `@@schema(${JSON.stringify(v.schema)})`];
    const commented = v.comment !== undefined || Object.keys(v.columnComments ?? {}).length > 0;
    const docs = docLines(prev?.matched.get(key)?.docs ?? [], [...(reserved.has(key) ? [DOCS.reserved('view', name, v.name)] : []), ...(commented ? [DOCS.viewComments] : [])]);
    return `${docs}view ${name} {\n${lines.join('\n')}\n\n${attrs.map((a) => `  ${a}`).join('\n')}\n}`;
  });

  if (viewBlocks.length) usedFeatures.add('views');
  const header = headerBlocks(psl, schemas, !opts.schemas?.length, [...usedFeatures]);
  return { text: alignSchema([header, ...blocks, ...viewBlocks, ...enumBlocks].join('\n\n') + '\n'), notes };
}

export { splitKey };
