/**
 * The edges each statement declares in the planner's dependency graph (./graph.ts), read from the
 * references the Model already holds, never from expression text:
 *  - types: of columns, composite attributes, domain bases, range subtypes, function arguments and results
 *    (a table's or view's row type counts as a type);
 *  - relations: view `dependsOn` (and the functions a view `calls`), partition parents and inherited tables, foreign-key targets written inside
 *    `CREATE TABLE`, the table of an index, trigger, constraint or column, an `OWNED BY` column's table;
 *  - relations a SQL-standard function body reads (`Func.reads`);
 *  - functions: a trigger's function;
 *  - schemas: every object created or dropped in one.
 * A statement that creates or alters an object requires what the desired Model says it reads; one that
 * drops an object used what the current Model says it read.
 */
import type { Change } from '../diff/changes.js';
import { qualifiedKey } from '../model/names.js';
import type { Func, Model, Table, TypeDef } from '../model/types.js';
import { objectKey } from '../model/objects.js';
import { nodeId, type GraphNode } from './graph.js';

type Ids = Pick<GraphNode, 'creates' | 'alters' | 'drops' | 'requires' | 'used'>;

const keys = new WeakMap<object, string>();
/** An object's key, remembered per object (the planner asks for the same tables' keys many times). */
function keyOf(o: { schema: string; name: string }): string {
  let k = keys.get(o);
  if (k === undefined) keys.set(o, (k = qualifiedKey(o.schema, o.name)));
  return k;
}

/** The user-defined type (or row type) a type name refers to in `model`, as a graph id. */
function typeRef(type: string | undefined, model: Model): string[] {
  // Model keys of user types are schema-qualified; built-in type names carry no dot.
  if (!type || !type.includes('.')) return [];
  const k = type.replace(/^SETOF /, '').replace(/(\[\])+$/, '').replace(/\(.*\)$/, '');
  return model.types[k] || model.tables[k] || model.views[k] ? [nodeId.type(k)] : [];
}

function typeDefRefs(t: TypeDef, model: Model): string[] {
  const own = nodeId.type(keyOf(t));
  const refs = t.kind === 'domain' ? typeRef(t.baseType, model) : t.kind === 'composite' ? t.attributes.flatMap((a) => typeRef(a.type, model)) : t.kind === 'range' ? typeRef(t.subtype, model) : [];
  return [nodeId.schema(t.schema), ...refs.filter((r) => r !== own)];
}

function tableRefs(t: Table, model: Model, inlineForeignKeys?: (table: string, constraint: string) => boolean): string[] {
  const key = keyOf(t);
  const out = [nodeId.schema(t.schema), ...t.columns.flatMap((c) => typeRef(c.type, model))];
  for (const p of [t.partitionOf?.parent, ...t.inherits]) if (p) out.push(nodeId.rel(p));
  if (inlineForeignKeys)
    for (const k of Object.values(t.constraints)) if (k.kind === 'foreign_key' && k.refTable !== key && inlineForeignKeys(key, k.name)) out.push(nodeId.rel(k.refTable));
  // Functions its CHECK constraints and defaults call (written inside CREATE TABLE): created before it.
  const texts = [...Object.values(t.constraints).flatMap((k) => (k.kind === 'check' ? [k.expr.text, k.definition ?? ''] : [])), ...t.columns.map((c) => c.default?.text ?? '')];
  out.push(...calledFunctions(texts, model, t.schema));
  return out.filter((r) => r !== nodeId.type(key));
}

/**
 * The user functions (graph ids) that expression texts call by name (`app.f(`, `"My".f(`; an unqualified name
 * in `schema`): matched against the Model's functions, so built-in calls add nothing.
 */
function calledFunctions(texts: readonly string[], model: Model, schema: string): string[] {
  const names = new Set(Object.values(model.functions).map((f) => keyOf(f)));
  if (!names.size) return [];
  const out = new Set<string>();
  const ident = '(?:"(?:[^"]|"")+"|[A-Za-z_][\\w$]*)';
  const re = new RegExp(`(?:(${ident})\\.)?(${ident})\\s*\\(`, 'g');
  const bare = (x: string) => (x.startsWith('"') ? x.slice(1, -1).replace(/""/g, '"') : x.toLowerCase());
  for (const text of texts) {
    for (const m of text.matchAll(re)) {
      const k = `${m[1] ? bare(m[1]) : schema}.${bare(m[2]!)}`;
      if (names.has(k)) out.add(nodeId.fn(k));
    }
  }
  return [...out];
}

function functionRefs(f: Func, model: Model): string[] {
  const types = f.signatureTypes ?? [...f.args.map((a) => a.type), ...(f.returns ? [f.returns] : [])];
  return [nodeId.schema(f.schema), ...types.flatMap((t) => typeRef(t, model))];
}

/**
 * The ids one statement of `c` creates, alters, drops, requires and used.
 *
 * @example
 * statementIds({ kind: 'create_type', type: domainOverComposite }, 'CREATE DOMAIN …', ctx)
 * // { creates: ['type:public.apair'], requires: ['schema:public', 'type:public.zpair'] }
 */
export interface EdgeContext {
  readonly current: Model;
  readonly desired: Model;
  /** Foreign keys (`table key NUL name`) written inside their table's `CREATE TABLE`. */
  readonly inlineForeignKeys: ReadonlySet<string>;
  /** Foreign keys (`table key NUL name`) of a cycle of dropped tables, dropped before any of the tables. */
  readonly droppedFirst: ReadonlySet<string>;
}

export function statementIds(c: Change, sql: string, ctx: EdgeContext): Ids {
  const { current, desired } = ctx;
  const inlineForeignKeys = (table: string, constraint: string) => ctx.inlineForeignKeys.has(`${table}\u0000${constraint}`);
  switch (c.kind) {
    case 'create_schema': return { creates: [nodeId.schema(c.schema.name)] };
    case 'drop_schema': return { drops: [nodeId.schema(c.schema.name)] };
    case 'create_type': return { creates: [nodeId.type(keyOf(c.type))], requires: typeDefRefs(c.type, desired) };
    case 'drop_type': return { drops: [nodeId.type(keyOf(c.type))], used: typeDefRefs(c.type, current) };
    case 'alter_type': return { alters: [nodeId.type(keyOf(c.to))], requires: typeDefRefs(c.to, desired) };
    case 'create_table': {
      const k = keyOf(c.table);
      return { creates: [nodeId.rel(k), nodeId.type(k)], requires: tableRefs(c.table, desired, inlineForeignKeys) };
    }
    case 'drop_table': {
      const k = keyOf(c.table);
      // A cycle's foreign keys are dropped first (ALTER TABLE … DROP CONSTRAINT): they alter the table.
      if (!sql.startsWith('DROP TABLE')) return { alters: [nodeId.rel(k)] };
      // Before the tables its foreign keys reference (those of a cycle are dropped first).
      const refs = Object.values(c.table.constraints).flatMap((x) => (x.kind === 'foreign_key' && x.refTable !== k && !ctx.droppedFirst.has(`${k}\u0000${x.name}`) ? [nodeId.rel(x.refTable)] : []));
      // Its triggers go with it: before their functions.
      const triggers = Object.values(c.table.triggers).map((tr) => nodeId.fn(tr.function));
      return { drops: [nodeId.rel(k), nodeId.type(k)], used: [...tableRefs(c.table, current), ...refs, ...triggers] };
    }
    case 'add_column': return { alters: [nodeId.rel(keyOf(c.table))], requires: typeRef(c.column.type, desired) };
    case 'alter_column': {
      const retyped = c.from.type !== c.to.type;
      return { alters: [nodeId.rel(keyOf(c.table))], requires: retyped ? typeRef(c.to.type, desired) : [], used: retyped ? typeRef(c.from.type, current) : [] };
    }
    case 'drop_column': return { alters: [nodeId.rel(keyOf(c.table))], used: typeRef(c.column.type, current) };
    case 'create_view': return { creates: [nodeId.rel(keyOf(c.view)), nodeId.type(keyOf(c.view))], requires: [nodeId.schema(c.view.schema), ...c.view.dependsOn.map(nodeId.rel), ...(c.view.calls ?? []).map(nodeId.fn)] };
    case 'drop_view': return { drops: [nodeId.rel(keyOf(c.view)), nodeId.type(keyOf(c.view))], used: [...c.view.dependsOn.map(nodeId.rel), ...(c.view.calls ?? []).map(nodeId.fn), ...Object.values(c.view.triggers ?? {}).map((tr) => nodeId.fn(tr.function))] };
    case 'create_function': {
      const f = c.function;
      return { creates: [nodeId.fn(keyOf(f))], requires: [...functionRefs(f, desired), ...(f.reads ?? []).map(nodeId.rel)] };
    }
    case 'drop_function': {
      const f = c.function;
      return { drops: [nodeId.fn(keyOf(f))], used: [...functionRefs(f, current), ...(f.reads ?? []).map(nodeId.rel)] };
    }
    case 'create_trigger': return { requires: [nodeId.rel(c.trigger.table), nodeId.fn(c.trigger.function)] };
    case 'drop_trigger': return { used: [nodeId.fn(c.trigger.function)] };
    case 'create_index': return { requires: [nodeId.rel(c.index.table)] };
    case 'create_sequence': return { creates: [nodeId.rel(keyOf(c.sequence))], requires: [nodeId.schema(c.sequence.schema)] };
    case 'drop_sequence': return { drops: [nodeId.rel(keyOf(c.sequence))] };
    case 'sequence_owned_by': return { requires: [nodeId.rel(keyOf(c.sequence)), ...(c.sequence.ownedBy ? [nodeId.rel(c.sequence.ownedBy.table)] : [])] };
    case 'drop_constraint': return { alters: [nodeId.rel(keyOf(c.table))], used: c.constraint.kind === 'foreign_key' ? [nodeId.rel(c.constraint.refTable)] : [] };
    case 'add_constraint': return { requires: c.constraint.kind === 'foreign_key' ? [nodeId.rel(c.constraint.refTable)] : [] };
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
    case 'create_type': case 'drop_type': return keyOf(c.type);
    case 'alter_type': case 'rebuild_enum': return keyOf(c.to);
    case 'add_enum_value': return keyOf(c.type);
    case 'create_sequence': case 'drop_sequence': case 'sequence_owned_by': return keyOf(c.sequence);
    case 'alter_sequence': return keyOf(c.to);
    case 'create_table': case 'drop_table': case 'set_rls': case 'reattach_partition': return keyOf(c.table);
    case 'alter_table': return keyOf(c.table);
    case 'add_column': case 'drop_column': return `${keyOf(c.table)}\u0000c\u0000${columnAt(c.table, c.column.name)}`;
    case 'alter_column': return `${keyOf(c.table)}\u0000c\u0000${columnAt(c.table, c.to.name)}`;
    case 'add_constraint': case 'drop_constraint': return `${keyOf(c.table)}\u0000k\u0000${c.constraint.name}`;
    case 'create_index': case 'drop_index': return `${c.index.table}\u0000i\u0000${c.index.name}`;
    case 'create_view': case 'drop_view': return keyOf(c.view);
    case 'create_function': case 'drop_function': return `${keyOf(c.function)}(${c.function.identityArgs})`;
    case 'create_trigger': case 'drop_trigger': return `${c.trigger.table}\u0000t\u0000${c.trigger.name}`;
    case 'create_policy': case 'drop_policy': return `${c.policy.table}\u0000p\u0000${c.policy.name}`;
    case 'comment': return JSON.stringify(c.target);
    case 'grants': return qualifiedKey(c.schema, c.name);
    case 'create_object': case 'drop_object': return objectKey(c.object);
    case 'alter_object': return objectKey(c.to);
    case 'rename': return '';
  }
}
