/**
 * What each object of a Model refers to, as graph ids (./graph.ts): the types, relations, functions, sequences,
 * operators, collations, text search objects and extensions its definition reads. ./edges.ts turns these into the
 * `requires` (desired Model) and `used` (current Model) edges of the statements that create, alter or drop it.
 *
 * In: Model objects. Out: graph ids. Never: does I/O or reads SQL text (expressions through their canonical form).
 */
import type { Change } from '../diff/changes.js';
import { qualifiedKey } from '../model/names.js';
import type { Column, Constraint, Func, Index, Model, Policy, Table, TypeDef } from '../model/types.js';
import { byName } from './by-name.js';
import { EXTENSIONS, nodeId } from './graph.js';
import { exprRefs } from '../model/expr-refs.js';
import { callIds, fnId, functionIds, overloadIds } from './function-refs.js';
import { objectId, opClassIds, typeId } from './object-edges.js';
import { castPath } from '../model/casts.js';
import { partitionChildren } from '../model/partition-maps.js';

const keys = new WeakMap<object, string>();
/** An object's key, remembered per object (the planner asks for the same tables' keys many times). */
export function keyOf(o: { schema: string; name: string }): string {
  let k = keys.get(o);
  if (k === undefined) keys.set(o, (k = qualifiedKey(o.schema, o.name)));
  return k;
}

/** The user-defined type (or row type) a type name refers to in `model`, as a graph id. */
function typeRef(type: string | undefined, model: Model): string[] {
  // Model keys of user types are schema-qualified; built-in type names carry no dot.
  if (!type || !type.includes('.')) return [];
  const t = typeId(type, model);
  return t.length || type.startsWith('pg_catalog.') ? t : [EXTENSIONS];
}

export const NONE: readonly string[] = [];

/**
 * The objects of `model` of these kinds by name and by schema-qualified name (`public.===`, as the canonical form
 * spells an OPERATOR(…) or a non-default schema's; `public.cfg` in a regconfig constant) → their ids.
 */
const objectsByName = (kinds: ReadonlySet<string>) => byName((model) =>
  Object.values(model.objects ?? {}).flatMap((o) => (kinds.has(o.kind) && 'schema' in o && 'name' in o ? [o.name, `${o.schema}.${o.name}`].map((n) => [n, objectId(o)] as const) : [])));

/** Operator name → the ids of every user operator of that name in `model` (any schema, any operand types). */
const operatorsByName = objectsByName(new Set(['operator']));
const operatorIds = (model: Model, name: string): readonly string[] => operatorsByName(model).get(name) ?? NONE;

/**
 * Text search configurations and dictionaries of `model` by the names a string constant may give them (`cfg` and
 * `schema.cfg`): a constant PostgreSQL reads as a regconfig/regdictionary makes the expression depend on it.
 */
const textSearchByName = objectsByName(new Set(['ts_configuration', 'ts_dictionary']));
const textSearchIds = (model: Model, literal: string): readonly string[] => textSearchByName(model).get(literal.replace(/"/g, '')) ?? NONE;

/** One extension, as an id (what requires it is created after it and dropped before it). */
export const extensionId = (name: string) => `extension:${name}`;

/** Default privileges a created object of `schema` gets (database-wide ones and the schema's): set before it. */
export const defaultsFor = (schema: string) => [nodeId.defaults('*'), nodeId.defaults(schema)];

/** The functions, sequences and types an expression of `model` refers to (../model/expr-refs.ts), as ids. */
export function exprIds(e: { readonly canonical?: string } | undefined, model: Model): string[] {
  if (!e) return [];
  const r = exprRefs(e.canonical);
  if (!r.calls.length && !r.sequences.length && !r.types.length && !r.operators.length && !r.literals.length) return [];
  // A call that names no function of the Model may be an extension's (earthdistance's ll_to_earth in an index):
  // with extensions in the Model, it waits for them (created after, dropped before), as an unknown type does.
  const extensionCall = Object.keys(model.extensions).length > 0 && r.calls.some((call) => !call.name.startsWith('pg_catalog.') && callIds(model, call).length === 0);
  return [
    ...(extensionCall ? [EXTENSIONS] : []),
    ...r.calls.flatMap((call) => callIds(model, call)),
    ...r.literals.flatMap((l) => textSearchIds(model, l)),
    ...r.operators.flatMap((o) => operatorIds(model, o)),
    ...r.sequences.filter((k) => model.sequences[k]).map(nodeId.rel),
    ...r.types.flatMap((t) => typeId(t, model)),
  ];
}

/**
 * What a policy's USING and WITH CHECK read in `model`: what they call (exprIds), the relations their subqueries read.
 * @example policyRefs(docs.policies.own, desired) // ['fn:public.may_read(text)', 'rel:public.acl']
 */
export function policyRefs(p: Policy, model: Model): string[] {
  const relations = [p.using, p.withCheck].flatMap((e) => exprRefs(e?.canonical).relations.filter((k) => model.tables[k] || model.views[k]).map(nodeId.rel));
  return [...exprIds(p.using, model), ...exprIds(p.withCheck, model), ...relations];
}

/**
 * The `CREATE CAST` a type change converts by (../model/casts.ts reads the desired Model's casts first): one the
 * desired state has is required (created, with its function, before the retype), one only the current state has was
 * used (dropped after the retype). Built-in conversions give none.
 *
 * @example castIds('integer', 'public.pair', current, desired) // { requires: ['obj:cast (integer AS public.pair)'], used: [] }
 */
export function castIds(from: string, to: string, current: Model, desired: Model): { requires: string[]; used: string[] } {
  const user = from === to ? undefined : castPath(from, to, [desired, current])?.user;
  if (!user) return { requires: [], used: [] };
  return desired.objects?.[user] ? { requires: [objectId(user)], used: [] } : { requires: [], used: [objectId(user)] };
}

/** A collation of `model` named by a column or index key (`public.ci`, `"C"`), as an id. */
function collationRef(collation: string | undefined, model: Model): string[] {
  if (!collation) return [];
  const k = collation.replace(/"/g, '');
  return model.objects?.[`collation ${k}`] ? [objectId(`collation ${k}`)] : [];
}

/** Keys of the partitions of the table `key` in `model`, and of theirs (DROP TABLE drops them with it). */
export function partitionsOf(model: Model, key: string): string[] {
  const direct = partitionChildren(model.tables).get(key) ?? [];
  return [...direct, ...direct.flatMap((k) => partitionsOf(model, k))];
}

/**
 * The indexes of a partition and of its partitions, as one id per table: a partitioned table's index has one on
 * each partition (dropped with it, named by PostgreSQL, and taking a partition's own index of the same shape when
 * created). So indexes on a partition hierarchy are dropped before indexes on it are created.
 */
export function partitionIndexIds(model: Model, table: string): string[] {
  const t = model.tables[table];
  if (!t || (!t.partitionBy && !t.partitionOf)) return NONE as string[];
  return [table, ...partitionsOf(model, table)].map((k) => `partition-indexes:${k}`);
}

/** The implicit sequence of an identity column, as a relation id (privileges on it require it). */
export function identitySeq(t: { schema: string }, c: Column): string[] {
  return c.identity?.sequenceName && !c.inherited ? [nodeId.rel(qualifiedKey(t.schema, c.identity.sequenceName))] : [];
}

/**
 * An identity column whose sequence has a persistence of its own (`Identity.unlogged`) is added after its table's
 * persistence is set (SET LOGGED | UNLOGGED carries the owned sequences along).
 *
 * @example
 * ownPersistence({ schema: 'public', name: 't' }, { ...col, identity: { ...id, unlogged: true } }) // ['persistence:public.t']
 */
export function ownPersistence(t: { readonly schema: string; readonly name: string }, c: Column): string[] {
  return c.identity?.unlogged === undefined ? [] : [nodeId.persistence(qualifiedKey(t.schema, t.name))];
}

/** What a column reads: its type, collation, default and generation expression. */
export function columnRefs(c: Column, model: Model): string[] {
  return [...typeRef(c.type, model), ...collationRef(c.collation, model), ...exprIds(c.default, model), ...exprIds(c.generated, model)];
}

/** What a constraint reads: a CHECK's expression; a foreign key's referenced table and its keys. */
export function constraintRefs(k: Constraint, model: Model): string[] {
  if (k.kind === 'check') return exprIds(k.expr, model);
  if (k.kind === 'foreign_key') return [nodeId.rel(k.refTable), nodeId.keys(k.refTable)];
  if (k.kind === 'exclusion') return extensionClasses(/^EXCLUDE USING (\w+)/.exec(k.definition)?.[1] ?? 'gist', [undefined], model);
  return [];
}

/**
 * The operator classes of an index (or exclusion constraint) of `method` that extensions may provide where nothing
 * names them: a key's class that no object of `model` defines (pg_trgm's `gin_trgm_ops`), or the default class of a
 * method other than btree and hash (btree_gist's for `text` under gist). With extensions in the Model, it waits for
 * them (created after, dropped before), as an unknown type does.
 */
function extensionClasses(method: string, opclasses: readonly (string | undefined)[], model: Model): string[] {
  if (Object.keys(model.extensions).length === 0) return [];
  const fromExtension = opclasses.some((c) => (c === undefined ? method !== 'btree' && method !== 'hash' : opClassIds(c, method, model).length === 0));
  return fromExtension ? [EXTENSIONS] : [];
}

/** What an index reads: its table, its expressions and predicate, its keys' collations and operator classes. */
export function indexRefs(i: Index, model: Model): string[] {
  return [nodeId.rel(i.table), ...i.keys.flatMap((k) => [...exprIds(k.expr, model), ...collationRef(k.collation, model), ...opClassIds(k.opclass, i.method, model)]),
    ...extensionClasses(i.method, i.keys.map((k) => k.opclass), model), ...exprIds(i.where, model)];
}

export function typeDefRefs(t: TypeDef, model: Model): string[] {
  const own = nodeId.type(keyOf(t));
  const refs = t.kind === 'domain' ? [...typeRef(t.baseType, model), ...collationRef(t.collation, model), ...exprIds(t.default, model), ...t.checks.flatMap((k) => exprIds(k.expr, model))]
    : t.kind === 'composite' ? t.attributes.flatMap((a) => [...typeRef(a.type, model), ...collationRef(a.collation, model)])
    : t.kind === 'range' ? [...typeRef(t.subtype, model), ...collationRef(t.collation, model), ...opClassIds(t.subtypeOpclass, 'btree', model)] : [];
  return [nodeId.schema(t.schema), ...refs.filter((r) => r !== own)];
}

export function tableRefs(t: Table, model: Model, inlineForeignKeys?: (table: string, constraint: string) => boolean): string[] {
  const key = keyOf(t);
  const out = [nodeId.schema(t.schema), ...t.columns.flatMap((c) => (c.inherited ? [] : columnRefs(c, model)))];
  for (const p of [t.partitionOf?.parent, ...t.inherits]) if (p) out.push(nodeId.rel(p));
  for (const k of Object.values(t.constraints)) {
    if (k.kind === 'check' || k.kind === 'exclusion') out.push(...constraintRefs(k, model));
    // Foreign keys written inside `CREATE TABLE` need their referenced table (when planning); a dropped table used
    // those it still has when it is dropped (not a cycle's, dropped first).
    else if (k.kind === 'foreign_key' && k.refTable !== key && (!inlineForeignKeys || inlineForeignKeys(key, k.name))) out.push(nodeId.rel(k.refTable), nodeId.keys(k.refTable));
  }
  return out.filter((r) => r !== nodeId.type(key) && r !== nodeId.rel(key) && r !== nodeId.keys(key));
}

export function functionRefs(f: Func, model: Model): string[] {
  const types = f.signatureTypes ?? [...f.args.map((a) => a.type), ...(f.returns ? [f.returns] : [])];
  const own = fnId(f);
  // An aggregate's support functions (SFUNC, FINALFUNC, …, read from its definition at the edges): every overload
  // of the name (in its schema when the definition qualifies it).
  const support = (f.support ?? []).flatMap((s) => (s.schema !== undefined ? overloadIds(model, qualifiedKey(s.schema, s.name)) : functionIds(model, s.name))).filter((x) => x !== own);
  // A PL/pgSQL function's declared variable types (`app.t%ROWTYPE`, read at the edges): PostgreSQL resolves them
  // when it validates the body at creation. Unqualified: every relation or type of that name (only adds edges).
  const declares = (f.declares ?? []).flatMap((d) => (d.schema !== undefined ? typeId(qualifiedKey(d.schema, d.name), model) : typesNamed(model, d.name)));
  return [nodeId.schema(f.schema), ...types.flatMap((t) => typeRef(t, model)), ...support, ...declares];
}

/**
 * The functions, sequences, types and operators a function's definition calls or casts to, from its canonical form:
 * a SQL-standard body (`RETURN …`, `BEGIN ATOMIC … END`) and argument defaults, which PostgreSQL resolves at creation
 * and records (pg_depend). A string body (PL/pgSQL, SQL in quotes) is not read. Its own id left out.
 *
 * @example bodyRefs(f, model) // ['fn:public.add(integer, integer)'] for `CREATE FUNCTION g(a int) … RETURN add(a, 1)`
 */
export function bodyRefs(f: Func, model: Model): string[] {
  const own = fnId(f);
  return exprIds(f, model).filter((x) => x !== own);
}

/** The type ids of every relation and user type named `name` in any schema (one pass per Model). */
const typesByName = byName((model) =>
  [...Object.values(model.tables), ...Object.values(model.views), ...Object.values(model.types)].map((o) => [o.name, nodeId.type(keyOf(o))] as const));
const typesNamed = (model: Model, name: string): readonly string[] => typesByName(model).get(name) ?? NONE;

/** The index a primary key, unique or exclusion constraint is backed by (its name is a relation's), as an id. */
export function indexName(t: Table, k: Constraint): string[] {
  return k.kind === 'primary_key' || k.kind === 'unique' || k.kind === 'exclusion' ? [nodeId.index(qualifiedKey(t.schema, k.name))] : [];
}

/** The object a comment is on, as an id. */
export function commentRefs(c: Extract<Change, { kind: 'comment' }>, model: Model): string[] {
  const t = c.target;
  switch (t.on) {
    case 'SCHEMA': return [nodeId.schema(t.schema)];
    case 'EXTENSION': return [EXTENSIONS];
    case 'FOREIGN DATA WRAPPER': return [objectId(`foreign_data_wrapper ${t.name}`)];
    case 'SERVER': return [objectId(`server ${t.name}`)];
    case 'EVENT TRIGGER': return [objectId(`event_trigger ${t.name}`)];
    case 'PUBLICATION': return [objectId(`publication ${t.name}`)];
    case 'CAST': return [objectId(`cast ${t.name}`)];
    case 'FUNCTION': case 'PROCEDURE': return [...overloadIds(model, qualifiedKey(t.schema, t.name), t.args)];
    case 'TYPE': return [nodeId.type(qualifiedKey(t.schema, t.name))];
    case 'CONSTRAINT': case 'TRIGGER': case 'POLICY': case 'RULE': {
      const table = qualifiedKey(t.schema, t.table);
      // The part itself (a constraint added again by the planner is commented after it is back).
      const part = t.on === 'RULE' ? objectId(`rule ${table}.${t.name}`) : nodeId.part(table, t.on === 'CONSTRAINT' ? 'constraint' : t.on === 'TRIGGER' ? 'trigger' : 'policy', t.name);
      return [nodeId.rel(table), part];
    }
    case 'INDEX': return [nodeId.index(qualifiedKey(t.schema, t.name))];
    case 'STATISTICS': return [objectId(`statistics ${qualifiedKey(t.schema, t.name)}`)];
    case 'COLLATION': return [objectId(`collation ${qualifiedKey(t.schema, t.name)}`)];
    case 'TEXT SEARCH DICTIONARY': return [objectId(`ts_dictionary ${qualifiedKey(t.schema, t.name)}`)];
    case 'TEXT SEARCH CONFIGURATION': return [objectId(`ts_configuration ${qualifiedKey(t.schema, t.name)}`)];
    // A composite type's attribute: once the type is (re)created or altered.
    case 'COLUMN': return model.types[qualifiedKey(t.schema, t.name)] ? [nodeId.type(qualifiedKey(t.schema, t.name))] : [nodeId.rel(qualifiedKey(t.schema, t.name))];
    default: return [nodeId.rel(qualifiedKey(t.schema, t.name))];
  }
}

