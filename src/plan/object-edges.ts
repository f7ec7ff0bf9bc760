/**
 * The graph edges of the Model's catalog objects (src/plan/kinds/*): each object is the id `obj:<objectKey>`
 * (a foreign table also a relation and a row type) and requires, from its own definition:
 *  - publications → their tables, schemas and the columns they list or filter on; statistics → its table; rules → their table and the relations
 *    their definition names; event triggers → their function; foreign tables → server → wrapper → its
 *    handler and validator functions; user mappings → their server; casts → their types and function;
 *    operators → their function and types; operator classes and families → their family, types, functions and
 *    operators; text search configurations → their dictionaries;
 *    privileges → their object; default privileges in a schema → the schema; everything in a schema → it.
 * Columns that use a collation require `obj:collation <key>`, index keys their user operator class (./edges.ts).
 */
import { qualifiedKey } from '../model/names.js';
import { BUILTIN_LANGUAGES, objectDependencies, objectKey, objectSchema } from '../model/objects.js';
import type { CatalogObject, Model, PublicationTable } from '../model/types.js';
import { EXTENSIONS, nodeId } from './graph.js';
import { byName } from './by-name.js';
import { callIds, overloadIds } from './function-refs.js';
import { exprRefs } from '../model/expr-refs.js';

/** The graph id of a catalog object. */
export const objectId = (o: CatalogObject | string) => `obj:${typeof o === 'string' ? o : objectKey(o)}`;

/** `schema.name(args)` or `schema.name` (regproc / regprocedure spellings) as ids: every overload of that name in `model`. */
function fnRef(f: string | undefined, model: Model): readonly string[] {
  if (!f) return [];
  const name = f.replace(/\(.*$/, '');
  const dot = name.replace(/"/g, '').indexOf('.');
  if (dot < 0 || name.startsWith('pg_catalog.')) return [];
  const plain = name.replace(/"/g, '');
  return overloadIds(model, qualifiedKey(plain.slice(0, dot), plain.slice(dot + 1)));
}

/** A user type (or row type) named by a canonical type name, as an id. */
export function typeId(type: string | undefined, model: Model): string[] {
  if (!type || !type.includes('.')) return [];
  const base = type.replace(/^SETOF /, '').replace(/(\[\])+$/, '');
  // The Model's keys quote names that need it (`public."a(b[c"`): the name as written first, then without a
  // type modifier, then with its quotes dropped (catalog spellings of plain names).
  const has = (k: string) => !!(model.types[k] || model.tables[k] || model.views[k]);
  const k = [base, base.replace(/\([^()"]*\)$/, ''), base.replace(/"/g, '')].find(has);
  return k ? [nodeId.type(k)] : [];
}

/** The operators and operator classes of `model` by `kind name` and `kind schema.name` (one pass per Model). */
const named = byName((model) =>
  Object.values(model.objects ?? {}).flatMap((o) =>
    o.kind === 'operator' || o.kind === 'operator_class' ? [`${o.kind} ${o.name}`, `${o.kind} ${o.schema}.${o.name}`].map((n) => [n, o] as const) : []));

/**
 * The user operator an operator class's or family's member names (`OPERATOR 1 public.===(integer,integer)`, as
 * format_operator writes it; `FOR SEARCH` / `FOR ORDER BY …` may follow), as ids: the one with those operand
 * types, else every operator of that name (none for a built-in).
 */
function memberOperator(member: string, model: Model): string[] {
  const m = /^OPERATOR \d+ (\S+?)\(([^)]*)\)/.exec(member);
  if (!m) return [];
  const name = m[1]!.replace(/"/g, '');
  const all = named(model).get(`operator ${name}`) ?? [];
  const [left, right] = m[2]!.split(',').map((x) => x.trim());
  const exact = all.filter((o) => o.kind === 'operator' && (o.left ?? 'NONE') === left && o.right === right);
  return (exact.length ? exact : all).map((o) => objectId(o));
}

/**
 * The user operator classes an index key's `opclass` (`int4_alt_ops`, `app.my_ops`, quoted as written) names for
 * an access method, as ids: by its qualified name when it has one, else of that name in any schema.
 *
 * @example
 * opClassIds('int4_alt_ops', 'btree', model) // ['obj:operator_class public.int4_alt_ops USING btree']
 */
export function opClassIds(opclass: string | undefined, method: string, model: Model): string[] {
  if (!opclass) return [];
  const found = named(model).get(`operator_class ${opclass.replace(/"/g, '')}`) ?? [];
  return found.filter((o) => o.kind === 'operator_class' && o.method === method).map((o) => objectId(o));
}

/** Relations of `model` (other than its own) a rule's definition names schema-qualified (`Rule.relations`, read at the edges). */
function relationsNamed(relations: readonly string[] | undefined, own: string, model: Model): string[] {
  return (relations ?? []).filter((k) => k !== own && (model.tables[k] || model.views[k])).map(nodeId.rel);
}

/** The columns of a publication's table its column list and row filter name, as ids. */
function publishedColumns(t: PublicationTable, model: Model): string[] {
  const has = new Set((model.tables[t.table]?.columns ?? []).map((c) => c.name));
  const named = [...(t.columns ?? []), ...exprRefs(t.where?.canonical).columns];
  return [...new Set(named)].filter((c) => has.has(c)).map((c) => nodeId.part(t.table, 'column', c));
}

/**
 * The ids a catalog object creates (its own) and requires (what its definition names), in `model`.
 *
 * @example
 * objectEdges({ kind: 'server', name: 's', wrapper: 'w', options: [] }, model)
 * // { creates: ['obj:server s'], requires: ['obj:foreign_data_wrapper w'] }
 */
export function objectEdges(o: CatalogObject, model: Model): { creates: string[]; requires: string[] } {
  const own = [objectId(o)];
  const schema = objectSchema(o);
  const requires = [...(schema && o.kind !== 'privileges' ? [nodeId.schema(schema)] : []), ...objectDependencies(o).map(objectId)];
  switch (o.kind) {
    // The functions its actions call too (PostgreSQL records them: a function is dropped after the rules calling it).
    case 'rule': requires.push(nodeId.rel(o.table), ...relationsNamed(o.relations, o.table, model), ...exprRefs(o.canonical).calls.flatMap((call) => callIds(model, call))); break;
    case 'foreign_data_wrapper': requires.push(...fnRef(o.handler, model), ...fnRef(o.validator, model)); break;
    // A wrapper that no object of the Model defines is an extension's (`postgres_fdw`, `file_fdw`): created with the
    // extensions, and its servers dropped before them.
    case 'server': if (!model.objects?.[`foreign_data_wrapper ${o.wrapper}`]) requires.push(EXTENSIONS); break;
    case 'foreign_table': {
      const k = qualifiedKey(o.schema, o.name);
      own.push(nodeId.rel(k), nodeId.type(k));
      requires.push(...o.columns.flatMap((c) => typeId(c.type, model)));
      // The functions its CHECKs and column defaults call (created before it, dropped after it).
      const calls = (e: { canonical?: string } | undefined) => exprRefs(e?.canonical).calls.flatMap((call) => callIds(model, call));
      requires.push(...(o.checks ?? []).flatMap((c) => calls(c.expr)), ...o.columns.flatMap((c) => calls(c.default)));
      break;
    }
    case 'event_trigger': requires.push(...fnRef(o.function, model)); break;
    // The columns its column lists and row filters name too: PostgreSQL refuses to drop one while it is listed.
    case 'publication': requires.push(...o.tables.map((t) => nodeId.rel(t.table)), ...o.schemas.map(nodeId.schema), ...o.tables.flatMap((t) => publishedColumns(t, model))); break;
    case 'statistics': requires.push(nodeId.rel(o.table)); break;
    case 'cast': requires.push(...typeId(o.source, model), ...typeId(o.target, model), ...fnRef(o.function, model)); break;
    case 'operator': requires.push(...typeId(o.left, model), ...typeId(o.right, model), ...fnRef(o.function, model)); break;
    // Members are kept as written by format_operator/format_procedure: `FUNCTION n [(types)] schema.f(args)`.
    case 'operator_class': case 'operator_family': {
      if (o.kind === 'operator_class') requires.push(...typeId(o.type, model), ...typeId(o.storage, model));
      for (const m of o.members) {
        if (m.startsWith('FUNCTION ')) requires.push(...fnRef(m.replace(/^FUNCTION \d+ (\([^)]*\) )?/, ''), model));
        else if (m.startsWith('OPERATOR ')) requires.push(...memberOperator(m, model));
      }
      break;
    }
    case 'default_privileges': own.push(nodeId.defaults(o.schema ?? '*')); break;
    case 'privileges': {
      const k = qualifiedKey(o.schema, o.name);
      // A wrapper or language no statement creates is an extension's (postgres_fdw, plperl), plpgsql PostgreSQL's own
      // (a server's: objectDependencies).
      if (o.on === 'FOREIGN DATA WRAPPER') requires.push(model.objects?.[`foreign_data_wrapper ${o.name}`] ? objectId(`foreign_data_wrapper ${o.name}`) : EXTENSIONS);
      else if (o.on === 'LANGUAGE') requires.push(...(BUILTIN_LANGUAGES.includes(o.name) ? [] : [EXTENSIONS]));
      else if (o.on === 'FUNCTION' || o.on === 'PROCEDURE') requires.push(...overloadIds(model, k, o.args));
      else requires.push(o.on === 'SCHEMA' ? nodeId.schema(o.schema) : o.on === 'TYPE' ? nodeId.type(k) : nodeId.rel(k));
      break;
    }
    default: break;
  }
  return { creates: own, requires };
}
