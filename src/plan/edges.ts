/**
 * The edges each statement declares in the planner's dependency graph (./graph.ts), read from the
 * references the Model holds (what each object refers to: ./refs.ts; expressions through their canonical form,
 * ../model/expr-refs.ts), never from SQL text:
 *  - types: of columns, composite attributes, domain bases, range subtypes, function arguments and results
 *    (a table's or view's row type counts as a type), types cast to in expressions; a qualified type no object
 *    of the Model defines is an extension's (`extensions`);
 *  - relations: view `dependsOn` (and the functions a view `calls`), partition parents and inherited tables,
 *    foreign-key targets and their unique keys (`keys:`), the table of an index, trigger, policy, constraint or
 *    column, an `OWNED BY` column's table, relations a SQL-standard function body reads (`Func.reads`);
 *  - functions, sequences and operators called by column defaults and generated columns, CHECK constraints,
 *    index expressions and predicates, policies (USING / WITH CHECK), domain defaults and checks, trigger
 *    WHEN clauses and view queries; a trigger's function; an aggregate's support functions;
 *  - collations of columns, attributes, domains and index keys; user operator classes of index keys;
 *  - catalog objects (./object-edges.ts): publications, statistics, rules, event triggers, foreign tables →
 *    servers → wrappers, user mappings, casts, operators, text search configurations → dictionaries,
 *    privileges → their object; comments → their object; default privileges before what gets them and before
 *    the privileges granted or revoked on it (they start from what the defaults gave);
 *  - schemas: every object created or dropped in one; renames before everything else.
 * A statement that creates or alters an object requires what the desired Model says it reads; one that
 * drops an object used what the current Model says it read. Enum values added (`add_enum_value` alters the
 * type) come before the statements that use the type.
 */
import type { Change } from '../diff/changes.js';
import { qualifiedKey, quoteIdentAlways as qi, splitKey } from '../model/names.js';
import type { Model, Table, TypeDef } from '../model/types.js';
import { objectKey, objectSchema } from '../model/objects.js';
import { EXTENSIONS, nodeId, type GraphNode } from './graph.js';
import { exprRefs } from '../model/expr-refs.js';
import { extensionRequires } from '../model/extension-requires.js';
import { callIds, fnId, overloadIds } from './function-refs.js';
import { objectEdges } from './object-edges.js';
import type { StatementKind } from './layout.js';
import { partitionMoveIds } from './kinds/partition-move.js';
import { keysAttachedTo } from './kinds/attached-keys.js';
import { inheritanceIds, inheritanceSteps } from './kinds/inheritance.js';
import { qn, serialSequenceName } from './table-sql.js';
import { duplicateKeyAfterTable } from '../model/key-merge.js';
import { descendsFrom } from '../model/partition.js';
import { NONE, bodyRefs, castIds, columnRefs, commentRefs, constraintRefs, defaultsFor, exprIds, extensionId, functionRefs, identitySeq, indexName, ownPersistence, indexRefs, keyOf, partitionIndexIds, partitionsOf, policyRefs, tableRefs, typeDefRefs } from './refs.js';
import { sameExpr, sameGeneration } from '../diff/equal.js';

/** What a function's drop makes true (its calls no longer reach it), for a statement that must follow the drop. */
const gone = (id: string) => `gone:${id}`;
/**
 * An expression's calls as the drops of the overloads they reach in the current state (`gone:` ids): an expression
 * set again (a default, a CHECK, a policy) waits for them, as another overload of the name the plan adds (with a
 * default) would make its call ambiguous while the old one is there. Kept overloads are never dropped: no edge.
 */
const afterOldOverloads = (exprs: ReadonlyArray<{ readonly canonical?: string } | undefined>, current: Model): string[] =>
  exprs.flatMap((e) => exprRefs(e?.canonical).calls.flatMap((call) => callIds(current, call))).map(gone);

type Ids = Pick<GraphNode, 'creates' | 'alters' | 'drops' | 'requires' | 'used'>;

/** What every statement other than a rename requires when the plan renames: the plan is computed on the renamed state. */
export const RENAMES = 'renames';
/**
 * What every statement other than a rename, a schema's creation and the move itself requires when the plan moves a
 * relocatable extension (`ALTER EXTENSION … SET SCHEMA`): the rest is computed on the moved state, where what uses
 * the extension's objects names them in their new schema (../diff/extensions.ts `followMovedExtensions`).
 */
export const MOVES = 'extension-moves';

export interface EdgeContext {
  readonly current: Model;
  readonly desired: Model;
  /** Foreign keys (`table key NUL name`) written inside their table's `CREATE TABLE`. */
  readonly inlineForeignKeys: ReadonlySet<string>;
  /** Foreign keys (`table key NUL name`) of a cycle of dropped tables, dropped before any of the tables. */
  readonly droppedFirst: ReadonlySet<string>;
  /** Partitions (table keys) detached from their parent before they are dropped: their drop no longer uses the parent. */
  readonly detachedFirst: ReadonlySet<string>;
}

/**
 * The ids one statement of `c` creates, alters, drops, requires and used; `kind` is the statement's kind and
 * `object` its object (a partition detach's parent table).
 *
 * @example
 * statementIds({ kind: 'create_type', type: domainOverComposite }, 'CREATE DOMAIN …', ctx)
 * // { creates: ['type:public.apair'], requires: ['schema:public', 'type:public.zpair'] }
 */
export function statementIds(c: Change, sql: string, ctx: EdgeContext, kind?: StatementKind, object?: string): Ids {
  const ids = typedTableColumns(c, changeIds(c, sql, ctx, kind, object));
  // Whatever is dropped inside a schema is dropped before the schema (DROP SCHEMA … CASCADE took it already).
  const schema = droppedIn(c);
  return schema === undefined ? ids : { ...ids, used: [...(ids.used ?? NONE), nodeId.schema(schema)] };
}

/**
 * A table's column statements run after its `NOT OF` (PostgreSQL refuses to add, drop or retype a typed table's
 * columns) and before its `OF type` (which checks the columns against the type's attributes).
 */
function typedTableColumns(c: Change, ids: Ids): Ids {
  if (c.kind !== 'add_column' && c.kind !== 'drop_column' && c.kind !== 'alter_column') return ids;
  const k = keyOf(c.table);
  return { ...ids, alters: [...(ids.alters ?? NONE), nodeId.columns(k)], requires: [...(ids.requires ?? NONE), nodeId.untyped(k)] };
}

/** The schema an object a change drops lives in (tables name theirs already: tableRefs). */
function droppedIn(c: Change): string | undefined {
  switch (c.kind) {
    case 'drop_view': return c.view.schema;
    case 'drop_sequence': return c.sequence.schema;
    case 'drop_type': return c.type.schema;
    case 'drop_function': return c.function.schema;
    case 'drop_index': return c.index.schema;
    case 'drop_constraint': case 'drop_column': return c.table.schema;
    case 'drop_trigger': return splitKey(c.trigger.table).schema;
    case 'drop_policy': return splitKey(c.policy.table).schema;
    case 'drop_object': return 'schema' in c.object && typeof c.object.schema === 'string' ? c.object.schema : undefined;
    default: return undefined;
  }
}

/** Whether the plan drops `schema` (DROP SCHEMA … CASCADE): it is in the current state and not in the desired one. */
export const schemaDropped = (schema: string, ctx: { readonly current: Model; readonly desired: Model }): boolean => !!ctx.current.schemas[schema] && !ctx.desired.schemas[schema];

/**
 * The objects of `schema` in `model` as the drops DROP SCHEMA … CASCADE makes of them (privileges aside).
 *
 * @example schemaContents('ext', current) // [{ kind: 'drop_object', object: { kind: 'foreign_table', … } }, …]
 */
function schemaContents(schema: string, model: Model): Change[] {
  const here = <T extends { readonly schema: string }>(xs: Record<string, T>) => Object.values(xs).filter((x) => x.schema === schema);
  return [
    ...here(model.tables).map((table): Change => ({ kind: 'drop_table', table })),
    ...here(model.views).map((view): Change => ({ kind: 'drop_view', view, recreated: false })),
    ...here(model.functions).map((f): Change => ({ kind: 'drop_function', function: f })),
    ...here(model.types).map((type): Change => ({ kind: 'drop_type', type })),
    ...Object.values(model.objects ?? {}).filter((o) => o.kind !== 'privileges' && o.kind !== 'default_privileges' && objectSchema(o) === schema).map((object): Change => ({ kind: 'drop_object', object })),
  ];
}

function changeIds(c: Change, sql: string, ctx: EdgeContext, kind?: StatementKind, object?: string): Ids {
  const { current, desired } = ctx;
  const inlineForeignKeys = (table: string, constraint: string) => ctx.inlineForeignKeys.has(`${table}\u0000${constraint}`);
  switch (c.kind) {
    // First: the rest of the plan was computed on the renamed state (every other statement requires RENAMES).
    case 'rename': {
      if (c.object !== 'index') return { creates: [RENAMES] };
      // An index rename frees its old name and takes its new one: a chain (a → b, b → c) frees b first. A temporary
      // name (a cycle broken: diff/index-renames.ts) is taken by the rename that gives it, before the one that uses it.
      const name = (n: string) => nodeId.index(qualifiedKey(c.schema, n));
      return { creates: [RENAMES, name(c.to)], ...(c.temporary ? { requires: [name(c.from)] } : { drops: [name(c.from)] }) };
    }
    case 'create_schema': return { creates: [nodeId.schema(c.schema.name)] };
    // DROP SCHEMA … CASCADE takes its tables and views with it: before what they use outside it is dropped (a parent
    // table, a referenced table or key, a relation a view reads).
    case 'drop_schema': {
      // A partition of a table elsewhere detached first (./index.ts; the statement's object is the parent): the
      // parent changes, before the schema goes.
      if (kind === 'detach-partition') return { alters: object ? [nodeId.rel(object)] : [], used: [nodeId.schema(c.schema.name)] };
      // What each object in it uses, as its own DROP would (a foreign table's server, a column's or an index's
      // function, a view's relations, a function's types; not the parent a partition was detached from first): all
      // of it outside the schema is dropped after it.
      const prefix = qualifiedKey(c.schema.name, 'x').slice(0, -1);
      const inner = schemaContents(c.schema.name, current).map((d) => changeIds(d, d.kind === 'drop_table' ? 'DROP TABLE' : '', ctx));
      const gone = new Set([nodeId.schema(c.schema.name), ...inner.flatMap((i) => i.drops ?? NONE)]);
      // What another schema dropped too holds is not waited for: CASCADE takes either first (two schemas whose
      // tables reference each other would wait for each other).
      const droppedToo = Object.keys(current.schemas).filter((s) => !desired.schemas[s]).map((s) => qualifiedKey(s, 'x').slice(0, -1));
      const inSchema = (id: string) => gone.has(id) || droppedToo.some((p) => id.slice(id.indexOf(':') + 1).startsWith(p)) || id.slice(id.indexOf(':') + 1).startsWith(prefix);
      // It drops its relations that views elsewhere read (through their FROM or a `'s.t'::regclass` constant): those
      // views are dropped or changed before. (Views only: a foreign key of a table dropped elsewhere to one of them,
      // and one of its tables' back to that table, would wait for each other; CASCADE takes either first.)
      const readOutside = Object.values(current.views).filter((v) => v.schema !== c.schema.name).flatMap((v) => v.dependsOn.map(nodeId.rel)).filter((id) => gone.has(id));
      // It drops its functions and types, and with them what depends on them elsewhere (a function whose SQL-standard
      // body calls one, whose argument is one, a trigger running one): what the plan drops of those goes before it.
      const routinesAndTypes = [...gone].filter((id) => id.startsWith(nodeId.fn('')) || id.startsWith(nodeId.type('')));
      // The extensions it holds that the plan drops go with it, as DROP EXTENSION would take them: what uses
      // extensions (a column retyped off one) goes before; their own DROP EXTENSION (IF EXISTS) after.
      const extensions = Object.values(current.extensions).filter((e) => e.schema === c.schema.name && desired.extensions[e.name]?.schema !== e.schema).map((e) => extensionId(e.name));
      return {
        drops: [nodeId.schema(c.schema.name), ...new Set(readOutside), ...routinesAndTypes, ...(extensions.length ? [EXTENSIONS] : NONE)],
        used: [...new Set([...inner.flatMap((i) => i.used ?? NONE).filter((id) => !inSchema(id) && id !== EXTENSIONS), ...extensions])],
      };
    }
    // An extension that requires another (earthdistance → cube) is created after it and dropped before it.
    case 'create_extension': return { creates: [EXTENSIONS, extensionId(c.extension.name)], requires: [nodeId.schema(c.extension.schema), ...extensionRequires(c.extension).map(extensionId)] };
    // In a schema the plan drops too, DROP SCHEMA … CASCADE takes it (./index.ts writes `IF EXISTS`): after that
    // statement, whose objects may use it where no reference shows (a gist index on text by btree_gist's default class).
    case 'drop_extension': return { drops: [EXTENSIONS, extensionId(c.extension.name)], used: [...(schemaDropped(c.extension.schema, ctx) ? NONE : [nodeId.schema(c.extension.schema)]), ...extensionRequires(c.extension).map(extensionId)] };
    // Updated or moved: into its new schema once it exists, out of the old one before it goes.
    // A move runs before the rest of the plan, which is computed on the moved state (every other statement requires MOVES,
    // so it does not alter the extension's node: what the plan drops that used the extension comes after it).
    case 'alter_extension': if (kind === 'move-extension') return { creates: [MOVES], requires: [nodeId.schema(c.to.schema)], used: [nodeId.schema(c.from.schema)] };
      return { alters: [EXTENSIONS, extensionId(c.to.name)], requires: [nodeId.schema(c.to.schema)], used: [nodeId.schema(c.from.schema)] };
    case 'create_type': return { creates: [nodeId.type(keyOf(c.type))], requires: [...typeDefRefs(c.type, desired), ...defaultsFor(c.type.schema)] };
    case 'drop_type': return { drops: [nodeId.type(keyOf(c.type))], used: typeDefRefs(c.type, current) };
    // With CASCADE it changes the typed tables too: after what is dropped around them (views over a dropped or retyped column).
    // An attribute's new type converts the typed tables' columns by a CREATE CAST the plan may create or drop.
    case 'alter_type': {
      const casts = c.from.kind === 'composite' && c.to.kind === 'composite' && c.typedTables?.length
        ? c.to.attributes.map((b) => castIds((c.from as Extract<TypeDef, { kind: 'composite' }>).attributes.find((a) => a.name === b.name)?.type ?? b.type, b.type, current, desired)) : [];
      return { alters: [nodeId.type(keyOf(c.to)), ...(c.typedTables ?? []).map(nodeId.rel)], requires: [...typeDefRefs(c.to, desired), ...casts.flatMap((x) => x.requires)], used: [...typeDefRefs(c.from, current), ...casts.flatMap((x) => x.used)] };
    }
    case 'add_enum_value': return { alters: [nodeId.type(keyOf(c.type))], requires: [nodeId.schema(c.type.schema)] };
    // The types over the enum that the desired state drops go with the rebuild: what used them (a column of a
    // dropped domain) is dropped first; the types it recreates over the new enum are created by it.
    case 'rebuild_type': return {
      alters: [nodeId.type(keyOf(c.to)), ...c.columns.map((col) => nodeId.rel(col.table))],
      drops: (c.drops ?? []).map((t) => nodeId.type(keyOf(t))),
      creates: (c.types ?? []).map((t) => nodeId.type(keyOf(t.to))),
      // A rebuilt composite's attribute types (one may be new, or go after).
      ...(c.to.kind === 'composite' ? { requires: typeDefRefs(c.to, desired), used: typeDefRefs(c.from, current) } : {}),
    };
    case 'create_table': {
      const k = keyOf(c.table);
      // The index PostgreSQL made on a new partition, renamed (./kinds/partition-index-names.ts): once it exists.
      if (kind === 'rename-partition-index') return { requires: [nodeId.rel(k)] };
      // Under a name an index or key the plan drops held (tables and indexes share pg_class's names): after that drop.
      return { creates: [nodeId.rel(k), nodeId.type(k), nodeId.keys(k), nodeId.index(k), ...c.table.columns.flatMap((col) => identitySeq(c.table, col)), ...Object.values(c.table.constraints).flatMap((x) => (duplicateKeyAfterTable(c.table, x) ? [] : indexName(c.table, x)))], requires: [...tableRefs(c.table, desired, inlineForeignKeys), ...defaultsFor(c.table.schema)] };
    }
    case 'drop_table': {
      const k = keyOf(c.table);
      // A cycle's foreign keys are dropped first (ALTER TABLE … DROP CONSTRAINT): they alter the table.
      // A partition detached first (its parent is referenced by a foreign key, ./index.ts): the parent changes.
      if (kind === 'detach-partition') return { alters: [nodeId.rel(c.table.partitionOf!.parent)], used: [nodeId.rel(k)] };
      // Before the referenced table's drop and its own (a partition's goes with the table its parent's drop takes).
      if (!sql.startsWith('DROP TABLE'))
        return { used: [nodeId.rel(k), ...Object.values(c.table.constraints).flatMap((x) => (x.kind === 'foreign_key' && ctx.droppedFirst.has(`${k}\u0000${x.name}`) ? [nodeId.rel(x.refTable), nodeId.keys(x.refTable)] : []))] };
      // Its triggers, indexes and policies go with it: before their functions.
      const triggers = Object.values(c.table.triggers).flatMap((tr) => [...overloadIds(current, tr.function), ...exprIds(tr.when, current)]);
      const indexes = Object.values(c.table.indexes).flatMap((i) => indexRefs(i, current));
      const policies = Object.values(c.table.policies).flatMap((p) => [...exprIds(p.using, current), ...exprIds(p.withCheck, current)]);
      // A sequence it owns that the plan keeps is released first (./kinds/owned-sequences.ts).
      const owned = Object.values(current.sequences).flatMap((s) => (s.ownedBy?.table === k ? [nodeId.released(keyOf(s))] : []));
      // A sequence it owns that the plan drops goes with it (a serial's): what else reads it (another dropped table's
      // default, as a detached partition keeps its parent's) is dropped first.
      const ownedGone = Object.values(current.sequences).flatMap((s) => (s.ownedBy?.table === k && !desired.sequences[keyOf(s)] ? [nodeId.rel(keyOf(s))] : []));
      // Detached first (./index.ts): it no longer uses its parent, whose detach comes before this drop.
      const detachedFrom = ctx.detachedFirst.has(k) && c.table.partitionOf ? nodeId.rel(c.table.partitionOf.parent) : undefined;
      // A typed table (CREATE TABLE … OF type) goes before its type.
      const ofType = c.table.ofType ? [nodeId.type(c.table.ofType)] : [];
      // The names its keys' and indexes' indexes held in the schema are free once it is dropped (a table created
      // under a new name that keeps them, as a rename not planned as one does: `items_pkey` on `goods`).
      const names = [...Object.values(c.table.constraints).flatMap((x) => indexName(c.table, x)), ...Object.values(c.table.indexes).map((i) => nodeId.index(qualifiedKey(i.schema, i.name)))];
      // Its partitions go with it, and with them the foreign keys they declare themselves (to a table of another tree).
      const tree = [k, ...partitionsOf(current, k)];
      const partitionKeys = tree.slice(1).flatMap((p) => Object.values(current.tables[p]?.constraints ?? {}).flatMap((x) =>
        (x.kind === 'foreign_key' && !tree.includes(x.refTable) && !ctx.droppedFirst.has(`${p}\u0000${x.name}`) ? [nodeId.rel(x.refTable), nodeId.keys(x.refTable)] : [])));
      // Its own name too (tables and indexes share pg_class's names): an index or key created under it comes after.
      // What waits for the tables to be gone (an index rebuilt over their old tree: below) comes after.
      return { drops: [nodeId.rel(k), nodeId.type(k), nodeId.keys(k), nodeId.index(k), ...tree.slice(1).map(nodeId.rel), ...c.table.columns.flatMap((col) => identitySeq(c.table, col)), ...ownedGone, ...names],
        creates: tree.map((p) => gone(nodeId.rel(p))),
        // Before the tables its foreign keys reference (those of a cycle are dropped first), its parent unless detached first.
        used: [...tableRefs(c.table, current, (table, name) => !ctx.droppedFirst.has(`${table}\u0000${name}`)), ...partitionKeys, ...triggers, ...indexes, ...policies, ...ofType].filter((r) => r !== nodeId.rel(k) && r !== detachedFrom), requires: owned };
    }
    case 'set_rls': return { alters: [nodeId.rel(keyOf(c.table))] };
    // REPLICA IDENTITY USING INDEX / CLUSTER ON name an index: after it is built. That statement only marks
    // the index: it reads the table and changes nothing an index reads, so it requires the table instead of
    // altering it (an alteration would make the index, which requires its table, wait for it: a cycle, broken
    // by rank, put CLUSTER ON before CREATE INDEX). The table's other statements (LOGGED, storage parameters,
    // REPLICA IDENTITY FULL/DEFAULT/NOTHING) alter it. Ids per statement (plan/index.ts: graphNodes).
    case 'alter_table': {
      const rel = nodeId.rel(keyOf(c.table));
      const tn = qn(c.table.schema, c.table.name);
      const index = (name: string | undefined) => (name ? [nodeId.index(qualifiedKey(c.table.schema, name))] : []);
      if (c.table.clusterOn && sql === `ALTER TABLE ${tn} CLUSTER ON ${qi(c.table.clusterOn)}`) return { requires: [rel, ...index(c.table.clusterOn)] };
      const ri = c.table.replicaIdentity?.index;
      if (ri && sql === `ALTER TABLE ${tn} REPLICA IDENTITY USING INDEX ${qi(ri)}`) return { requires: [rel, ...index(ri)] };
      // A typed table bound to its type after both exist; unbound before its old type goes.
      if (c.table.ofType && sql.startsWith(`ALTER TABLE ${tn} OF `)) return { alters: [rel], requires: [nodeId.type(c.table.ofType), nodeId.columns(keyOf(c.table))] };
      if (c.from.ofType && sql === `ALTER TABLE ${tn} NOT OF`) return { alters: [rel], creates: [nodeId.untyped(keyOf(c.table))], used: [nodeId.type(c.from.ofType)] };
      if (sql === `ALTER TABLE ${tn} SET LOGGED` || sql === `ALTER TABLE ${tn} SET UNLOGGED`) return { alters: [rel], creates: [nodeId.persistence(keyOf(c.table))] };
      return { alters: [rel] };
    }
    // Detached before what changes the table on its own, attached after it (./kinds/partition-move.ts).
    case 'reattach_partition': return partitionMoveIds(c, kind, current, desired);
    // Parents left before the table changes, joined after it and they are as desired (./kinds/inheritance.ts).
    case 'set_inherits': return inheritanceIds(c, kind, inheritanceSteps(c).find((s) => s.sql === sql)?.parent ?? '', current, desired);
    case 'add_column': return { alters: [nodeId.rel(keyOf(c.table))], creates: [...identitySeq(c.table, c.column), nodeId.part(keyOf(c.table), 'column', c.column.name)], requires: [...columnRefs(c.column, desired), ...ownPersistence(c.table, c.column)] };
    case 'alter_column': {
      // An identity's implicit sequence: ADD IDENTITY creates it (after a sequence of that name is dropped, else
      // PostgreSQL picks another name), DROP IDENTITY drops it (before one is created), a rename moves it.
      const [was, is] = [identitySeq(c.table, c.from), identitySeq(c.table, c.to)];
      const serialName = serialSequenceName(c.table.name, c.to.name);
      const implied = Buffer.byteLength(serialName) <= 63 ? [nodeId.rel(qualifiedKey(c.table.schema, serialName))] : NONE;
      if (c.from.identity && !c.to.identity && sql.endsWith(' DROP IDENTITY')) return { alters: [nodeId.rel(keyOf(c.table))], drops: was.length ? was : implied };
      const adds = !c.from.identity && !!c.to.identity && / ADD GENERATED (ALWAYS|BY DEFAULT) AS IDENTITY/.test(sql);
      // A regenerated column: its DROP COLUMN used what the old expression called, its ADD COLUMN requires the new one's.
      const column = nodeId.part(keyOf(c.table), 'column', c.to.name);
      if (!c.setExpression && (c.regenerate || (c.from.generated && c.to.generated && !sameGeneration(c.from, c.to)))) {
        return sql.includes(' DROP COLUMN ') ? { alters: [nodeId.rel(keyOf(c.table))], drops: [column], used: columnRefs(c.from, current) } : { alters: [nodeId.rel(keyOf(c.table))], creates: [column], requires: columnRefs(c.to, desired) };
      }
      // A new sequence moved past the column's values (alter-column.ts: sequencePosition) exists by then.
      if (sql.startsWith('SELECT pg_catalog.setval(')) return { alters: [nodeId.rel(keyOf(c.table))], requires: [...columnRefs(c.to, desired), ...(c.to.identity ? (is.length ? is : implied) : [])] };
      // A column that becomes (or stops being) generated is dropped and added too (./alter-column.ts).
      const again = sql.includes(' DROP COLUMN ') ? { drops: [column] } : sql.includes(' ADD COLUMN ') ? { creates: [column] } : {};
      // The settings of a column added again (./regenerated.ts): once it is there.
      if (c.settings) return { alters: [nodeId.rel(keyOf(c.table))], requires: [column] };
      // The old default (a serial's nextval) is gone before ADD IDENTITY (the change's DROP DEFAULT used it).
      if (adds) return { alters: [nodeId.rel(keyOf(c.table))], requires: [...columnRefs(c.to, desired), ...ownPersistence(c.table, c.to)], creates: is.length ? is : implied };
      // An identity sequence's own persistence: after the table's, which would carry it along (./alter-column.ts).
      if (sql.startsWith('ALTER SEQUENCE ') && / SET (UN)?LOGGED$/.test(sql)) return { alters: is.length ? is : implied, requires: [nodeId.persistence(keyOf(c.table))] };
      // A renamed identity sequence (both sides identities): the new name is created, the old one dropped.
      const seq = c.from.identity && c.to.identity && was.join() !== is.join() ? { creates: is, drops: was } : {};
      // A column a child has from its parents changes after theirs (a parent's NOT NULL and type changes reach it).
      const parents = c.to.inherited ? c.table.inherits.map(nodeId.rel) : NONE;
      // ALTER COLUMN … TYPE converts by a CREATE CAST the plan creates (or drops) around it.
      const cast = / TYPE /.test(sql) ? castIds(c.from.type, c.to.type, current, desired) : { requires: NONE, used: NONE };
      // A default set again after the old overloads its calls reach are dropped (./dependants.ts splits it around them).
      const overloads = c.to.default && !sameExpr(c.from.default, c.to.default) ? afterOldOverloads([c.to.default], current) : NONE;
      return { alters: [nodeId.rel(keyOf(c.table))], ...seq, ...again, requires: [...columnRefs(c.to, desired), ...parents, ...cast.requires, ...overloads], used: [...columnRefs(c.from, current), ...cast.used] };
    }
    case 'drop_column': {
      const k = keyOf(c.table);
      const owned = Object.values(current.sequences).flatMap((s) => (s.ownedBy?.table === k && s.ownedBy.column === c.column.name ? [nodeId.released(keyOf(s))] : []));
      // A generated column goes before the columns its expression reads (PostgreSQL refuses to drop those first).
      const reads = exprRefs(c.column.generated?.canonical).columns.filter((n) => n !== c.column.name && c.table.columns.some((x) => x.name === n)).map((n) => nodeId.part(k, 'column', n));
      // The keys over it go with it, and their indexes' names are free (a table created under one comes after).
      const keyNames = Object.values(c.table.constraints).flatMap((x) => ((x.kind === 'primary_key' || x.kind === 'unique') && x.columns.includes(c.column.name) ? indexName(c.table, x) : []));
      return { alters: [nodeId.rel(k)], drops: [nodeId.part(k, 'column', c.column.name), ...keyNames], used: [...columnRefs(c.column, current), ...reads], requires: owned };
    }
    // Replaced in place: it reads what its new query reads; what only its old query read goes after it.
    case 'create_view': if (c.from) {
      const requires = [nodeId.schema(c.view.schema), ...c.view.dependsOn.map(nodeId.rel), ...(c.view.calls ?? []).flatMap((f) => overloadIds(desired, f)), ...exprIds(c.view.query, desired)];
      const still = new Set(requires);
      const used = [...c.from.dependsOn.map(nodeId.rel), ...(c.from.calls ?? []).flatMap((f) => overloadIds(current, f)), ...exprIds(c.from.query, current)].filter((x) => !still.has(x));
      return { alters: [nodeId.rel(keyOf(c.view)), nodeId.type(keyOf(c.view))], requires, ...(used.length ? { used } : {}) };
    }
    return { creates: [nodeId.rel(keyOf(c.view)), nodeId.type(keyOf(c.view))], requires: [nodeId.schema(c.view.schema), ...c.view.dependsOn.map(nodeId.rel), ...(c.view.calls ?? []).flatMap((f) => overloadIds(desired, f)), ...exprIds(c.view.query, desired), ...defaultsFor(c.view.schema)] };
    case 'drop_view': return { drops: [nodeId.rel(keyOf(c.view)), nodeId.type(keyOf(c.view))], used: [...c.view.dependsOn.map(nodeId.rel), ...(c.view.calls ?? []).flatMap((f) => overloadIds(current, f)), ...exprIds(c.view.query, current), ...Object.values(c.view.triggers ?? {}).flatMap((tr) => overloadIds(current, tr.function))] };
    case 'create_function': {
      const f = c.function;
      const requires = [...functionRefs(f, desired), ...bodyRefs(f, desired), ...(f.reads ?? []).map(nodeId.rel), ...defaultsFor(f.schema)];
      // Replaced in place: until then PostgreSQL keeps the old body's dependencies (pg_depend), so what only the old
      // version reads is dropped after the replacement (a function no longer called, then dropped).
      const was = c.replace ? current.functions[`${keyOf(f)}(${f.identityArgs})`] : undefined;
      const still = new Set(requires);
      const used = was ? [...bodyRefs(was, current), ...(was.reads ?? []).map(nodeId.rel)].filter((x) => !still.has(x)) : [];
      return { creates: [fnId(f)], requires, ...(used.length ? { used } : {}) };
    }
    case 'drop_function': {
      const f = c.function;
      return { drops: [fnId(f)], creates: [gone(fnId(f))], used: [...functionRefs(f, current), ...bodyRefs(f, current), ...(f.reads ?? []).map(nodeId.rel)] };
    }
    case 'create_trigger': return { creates: [nodeId.part(c.trigger.table, 'trigger', c.trigger.name)], requires: [nodeId.rel(c.trigger.table), ...overloadIds(desired, c.trigger.function), ...exprIds(c.trigger.when, desired)] };
    case 'drop_trigger': return { drops: [nodeId.part(c.trigger.table, 'trigger', c.trigger.name)], used: [nodeId.rel(c.trigger.table), ...overloadIds(current, c.trigger.function), ...exprIds(c.trigger.when, current)] };
    case 'trigger_enabled': return { creates: [nodeId.part(c.trigger.table, 'trigger-firing', c.trigger.name)], requires: [nodeId.rel(c.trigger.table), nodeId.part(c.trigger.table, 'trigger', c.trigger.name)] };
    case 'cloned_trigger_enabled': {
      // The copy exists once the partition is attached at every level between it and the trigger's table (an ATTACH
      // PARTITION of a table that exists creates its parent's bounds node: kinds/partition-move.ts).
      const attached: string[] = [];
      for (let t = desired.tables[c.table]; t?.partitionOf && t.partitionOf.parent !== c.table; t = desired.tables[t.partitionOf.parent]) {
        attached.push(nodeId.bounds(t.partitionOf.parent));
        if (t.partitionOf.parent === c.parent) break;
      }
      return {
        creates: [nodeId.part(c.table, 'trigger-firing', c.trigger)],
        requires: [nodeId.rel(c.table), nodeId.rel(c.parent), nodeId.part(c.parent, 'trigger', c.trigger), nodeId.part(c.parent, 'trigger-firing', c.trigger), ...attached],
      };
    }
    case 'create_policy': {
      const part = nodeId.part(c.policy.table, 'policy', c.policy.name);
      // After the drop of an overload its calls reach now (another one added, with a default, would make them ambiguous).
      const requires = [nodeId.rel(c.policy.table), ...policyRefs(c.policy, desired), ...afterOldOverloads([c.policy.using, c.policy.withCheck], current)];
      if (!c.from) return { creates: [part], requires };
      // Altered in place (ALTER POLICY): what only its old expressions read goes after it.
      const used = policyRefs(c.from, current).filter((x) => !requires.includes(x));
      return { alters: [part], requires, ...(used.length ? { used } : {}) };
    }
    case 'drop_policy': return { drops: [nodeId.part(c.policy.table, 'policy', c.policy.name)], used: [nodeId.rel(c.policy.table), ...policyRefs(c.policy, current)] };
    case 'create_index': {
      const i = c.index;
      // Statistics targets or storage parameters set in place: on the index as it is.
      // A partition's index attached to its parent's (Index.attachedOptions) exists once the parent's is created.
      if (c.statisticsFrom || c.optionsFrom) return { requires: [nodeId.rel(i.table), nodeId.index(qualifiedKey(i.schema, i.name)), ...(desired.tables[i.table]?.partitionOf ? [`partition-indexes:${i.table}`] : [])] };
      // A unique index is a key foreign keys may reference.
      // A partition's key attached to it is there first (its CREATE INDEX takes it rather than building another).
      const taken = keysAttachedTo(desired, qualifiedKey(i.schema, i.name)).map((k) => nodeId.index(qualifiedKey(k.table.schema, k.key.name)));
      // The partitions its indexes are attached to exist first (pg_dump's form names them: ./kinds/partition-index-names.ts).
      // At every level of a sub-partitioned tree.
      const parts = Object.keys(i.attached ?? {}).filter((k) => descendsFrom(desired.tables, k, i.table)).map(nodeId.rel);
      // A partition's index that its ATTACH would adopt in place of the parent's copy comes after it (diff/partition-moves.ts).
      const attach = c.afterAttach ? [nodeId.bounds(c.afterAttach)] : [];
      // The partitions of its table the plan drops are gone first: in pg_dump's form (ON ONLY, each partition's index
      // attached) the index is valid once every partition has one, and one being dropped gets none.
      const leaving = current.tables[i.table] ? partitionsOf(current, i.table).filter((p) => !desired.tables[p]).map((p) => gone(nodeId.rel(p))) : [];
      return { creates: [nodeId.index(qualifiedKey(i.schema, i.name)), ...(i.unique ? [nodeId.keys(i.table)] : []), ...partitionIndexIds(desired, i.table)], requires: [...indexRefs(i, desired), ...taken, ...parts, ...attach, ...leaving] };
    }
    case 'attach_index': return { alters: [nodeId.index(qualifiedKey(c.index.schema, c.index.name))], requires: [nodeId.index(qualifiedKey(c.child.schema, c.child.name)), nodeId.rel(c.child.table)] };
    case 'drop_index': {
      const i = c.index;
      // Its DROP … CASCADE drops the partition keys attached to it (./kinds/attached-keys.ts).
      const taken = keysAttachedTo(current, qualifiedKey(i.schema, i.name)).flatMap((k) => {
        const t = qualifiedKey(k.table.schema, k.table.name);
        return [nodeId.keys(t), nodeId.index(qualifiedKey(k.table.schema, k.key.name)), nodeId.part(t, 'constraint', k.key.name)];
      });
      return { drops: [nodeId.index(qualifiedKey(i.schema, i.name)), ...(i.unique ? [nodeId.keys(i.table)] : []), ...partitionIndexIds(current, i.table), ...taken], used: indexRefs(i, current) };
    }
    case 'create_sequence': return { creates: [nodeId.rel(keyOf(c.sequence))], requires: [nodeId.schema(c.sequence.schema), ...defaultsFor(c.sequence.schema)] };
    // Its own persistence after its owning table's, which carries it along (./index.ts).
    case 'alter_sequence': return { alters: [nodeId.rel(keyOf(c.to))], ...(c.to.ownedBy && / SET (UN)?LOGGED$/.test(sql) ? { requires: [nodeId.persistence(c.to.ownedBy.table)] } : {}) };
    case 'drop_sequence': return { drops: [nodeId.rel(keyOf(c.sequence))] };
    case 'sequence_owned_by':
      if (c.beforeDrops) return { creates: [nodeId.released(keyOf(c.sequence))], requires: [nodeId.rel(keyOf(c.sequence))] };
      // Owned by a column: once the column exists (added in the same plan), and after the sequence was released
      // from its old owner when the plan releases it (OWNED BY NONE before the old owner is dropped).
      return { requires: [nodeId.rel(keyOf(c.sequence)), nodeId.released(keyOf(c.sequence)), ...(c.sequence.ownedBy ? [nodeId.rel(c.sequence.ownedBy.table), nodeId.part(c.sequence.ownedBy.table, 'column', c.sequence.ownedBy.column)] : [])] };
    case 'drop_constraint': {
      const k = c.constraint;
      const table = keyOf(c.table);
      const key = k.kind === 'primary_key' || k.kind === 'unique' ? [nodeId.keys(table)] : [];
      // A child's own check dropped where its parent gains the same-named one (the check becomes inherited-only):
      // the parent's ADD CONSTRAINT would merge into the child's copy, which then cannot be dropped. Dropped first.
      const parents = k.kind === 'check' ? c.table.inherits.map((p) => nodeId.part(p, 'constraint', k.name)) : [];
      // A partitioned table's key takes its partitions' copies of it (their names, which the Model does not hold,
      // free again): a key of a partition added under such a name comes after it.
      const copies = key.length ? partitionsOf(current, table).map(nodeId.keys) : [];
      // Its copies' indexes go with it (PrimaryKey.copies): an index of a partition made under such a name comes after.
      const copyIndexes = 'copies' in k ? Object.entries(k.copies ?? {}).map(([p, n]) => nodeId.index(qualifiedKey(current.tables[p]?.schema ?? splitKey(p).schema, n))) : [];
      return { drops: [...key, ...indexName(c.table, k), nodeId.part(table, 'constraint', k.name), ...parents, ...copies, ...copyIndexes], used: [nodeId.rel(table), ...constraintRefs(k, current)] };
    }
    case 'add_constraint': {
      const k = c.constraint;
      const table = keyOf(c.table);
      // ATTACH PARTITION of a partition's key to its parent's index: once both exist.
      if (c.attach) return { requires: [nodeId.rel(table), nodeId.index((k as { attachedTo?: string }).attachedTo!), nodeId.index(qualifiedKey(c.table.schema, k.name)), nodeId.part(table, 'constraint', k.name)] };
      const key = k.kind === 'primary_key' || k.kind === 'unique' ? [nodeId.keys(table)] : [];
      const joined = k.kind === 'check' ? [nodeId.inheritedCheck(table, k.name)] : [];
      // A copy validated on a table below the check's: once the check is (re)added there (diff/check-copies.ts).
      if (c.copyOf) return { requires: [nodeId.rel(table), nodeId.rel(c.copyOf), nodeId.part(c.copyOf, 'constraint', k.name)] };
      // The copies a key added to an existing table makes on the partitions the plan creates are renamed right after
      // it (plan/kinds/partition-key-names.ts): those partitions first.
      const newParts = 'copies' in k && k.copies && !c.newTable ? Object.keys(k.copies).filter((p) => !current.tables[p]).map(nodeId.rel) : [];
      const overloads = k.kind === 'check' && !c.newTable ? afterOldOverloads([k.expr], current) : NONE;
      return { creates: [...key, ...indexName(c.table, k), nodeId.part(table, 'constraint', k.name)], requires: [nodeId.rel(table), ...constraintRefs(k, desired).filter((r) => r !== nodeId.keys(table)), ...joined, ...newParts, ...overloads] };
    }
    case 'comment': return { requires: commentRefs(c, desired) };
    case 'grants': return { requires: [nodeId.rel(qualifiedKey(c.schema, c.name)), ...defaultsFor(c.schema)] };
    case 'view_column_settings': return { requires: [nodeId.rel(keyOf(c.view))] };
    // The functions its old defaults call are dropped after it (DROP DEFAULT first).
    case 'view_column_defaults': return {
      requires: [nodeId.rel(keyOf(c.view)), ...Object.values(c.view.columnDefaults ?? {}).flatMap((e) => exprIds(e, desired))],
      used: Object.values(c.from).flatMap((e) => exprIds(e, current)),
    };
    case 'create_object': {
      const e = objectEdges(c.object, desired);
      // Privileges granted on an object start from what the default privileges gave it: those are set first.
      return c.object.kind === 'privileges' ? { creates: e.creates, requires: [...e.requires, ...defaultsFor(c.object.schema)] } : e;
    }
    case 'drop_object': {
      const e = objectEdges(c.object, current);
      // Default privileges back to PostgreSQL's: still set before the objects that get them are created.
      if (c.object.kind === 'default_privileges') return { alters: e.creates };
      return { drops: e.creates, used: e.requires };
    }
    case 'alter_object': {
      // A recreated object: its drop statements drop it (what it used first), its create statements create it.
      if (kind === 'drop-recreated-object' || kind?.startsWith('drop-')) {
        const e = objectEdges(c.from, current);
        return { drops: e.creates, used: e.requires };
      }
      const e = objectEdges(c.to, desired);
      if (kind?.startsWith('create-')) return { creates: e.creates, requires: e.requires };
      // Privileges are a state of their object, not a user of it: changed on the object as it is when the
      // statement runs (a recreated object's, from what it starts with: after it is created again).
      if (c.to.kind === 'privileges') return { alters: e.creates, requires: [...e.requires, ...defaultsFor(c.to.schema)] };
      // A publication's tables that leave it (before their table or listed columns go) and those that come (after they exist).
      if (kind === 'remove-from-publication') return { alters: e.creates, used: objectEdges(c.from, current).requires };
      if (kind === 'alter-publication') return { alters: e.creates, requires: e.requires };
      return { alters: e.creates, requires: e.requires, used: objectEdges(c.from, current).requires };
    }
    default: return {};
  }
}

const pad = (n: number) => String(n).padStart(6, '0');
const columnAt = (t: Table, name: string) => pad(Math.max(0, t.columns.findIndex((c) => c.name === name)));

/**
 * A key of the object a change is about that does not depend on the order the Models list their objects in
 * (tables by name, a table's columns by position, its constraints, indexes, triggers and policies by name):
 * the planner visits changes in this order, so the plan is the same whatever order an inspection returned.
 * Changes of one object share a key and keep the order the differ gave them.
 *
 * @example
 * changeKey({ kind: 'add_column', table: users, column: email }) // 'public.users\u0000c\u0000000003'
 */
export function changeKey(c: Change): string {
  switch (c.kind) {
    case 'create_schema': case 'drop_schema': return c.schema.name;
    case 'create_extension': case 'drop_extension': return c.extension.name;
    case 'alter_extension': return c.to.name;
    case 'create_type': case 'drop_type': return keyOf(c.type);
    case 'alter_type': case 'rebuild_type': return keyOf(c.to);
    case 'add_enum_value': return keyOf(c.type);
    case 'create_sequence': case 'drop_sequence': case 'sequence_owned_by': return keyOf(c.sequence);
    case 'alter_sequence': return keyOf(c.to);
    case 'create_table': case 'drop_table': case 'set_rls': case 'reattach_partition': case 'set_inherits': return keyOf(c.table);
    case 'alter_table': return keyOf(c.table);
    case 'add_column': case 'drop_column': return `${keyOf(c.table)}\u0000c\u0000${columnAt(c.table, c.column.name)}`;
    case 'alter_column': return `${keyOf(c.table)}\u0000c\u0000${columnAt(c.table, c.to.name)}`;
    case 'add_constraint': case 'drop_constraint': return `${keyOf(c.table)}\u0000k\u0000${c.constraint.name}`;
    case 'create_index': case 'drop_index': return `${c.index.table}\u0000i\u0000${c.index.name}`;
    case 'attach_index': return `${c.child.table}\u0000i\u0000${c.child.name}`;
    case 'create_view': case 'drop_view': return keyOf(c.view);
    case 'create_function': case 'drop_function': return `${keyOf(c.function)}(${c.function.identityArgs})`;
    case 'create_trigger': case 'drop_trigger': case 'trigger_enabled': return `${c.trigger.table}\u0000t\u0000${c.trigger.name}`;
    case 'cloned_trigger_enabled': return `${c.table}\u0000t\u0000${c.trigger}`;
    case 'create_policy': case 'drop_policy': return `${c.policy.table}\u0000p\u0000${c.policy.name}`;
    case 'comment': return JSON.stringify(c.target);
    case 'grants': return qualifiedKey(c.schema, c.name);
    case 'view_column_settings': return `${keyOf(c.view)}\u0000cs`;
    case 'view_column_defaults': return `${keyOf(c.view)}\u0000cd`;
    case 'create_object': case 'drop_object': return objectKey(c.object);
    case 'alter_object': return objectKey(c.to);
    case 'rename': return '';
  }
}
