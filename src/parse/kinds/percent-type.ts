/**
 * `rel.col%TYPE` in a routine's parameters and result, folded as PostgreSQL resolves it when the routine is
 * created: the column's type, without its modifier (a routine keeps none), and no link to the column afterwards
 * (PostgreSQL prints `NOTICE: type reference t.id%TYPE converted to bigint` and records no dependency, so a later
 * change of the column does not reach the routine). `%TYPE[]` (PostgreSQL 17+) is the array of that type.
 *
 * In:  a TypeName node with `pct_type`, the fold's scope. Out: the TypeName it stands for, or the statement with
 *      such TypeNames replaced by the resolved ones (for the routine's definition text).
 * Never: does I/O.
 */
import type { Payload } from '../ast.js';
import { parseExpression } from '../pg.js';
import { splitKey } from '../../model/names.js';
import { Problem, type FoldScope } from './scope.js';
import { sv } from './nodes.js';

/**
 * The type `rel.col%TYPE` stands for, as a TypeName node: a table's column or a composite type's attribute
 * (schema-qualified or on the search path), with its modifier (a routine's signature drops it: ../typename.ts
 * `routineTypeName`); E_UNKNOWN located at the type when the relation or column does not exist.
 *
 * @example
 * percentTypeName(sc, parse('t.name%TYPE')) // the TypeName of character varying(20)
 */
export function percentTypeName(sc: FoldScope, tn: Payload<'TypeName'>): Payload<'TypeName'> {
  const names = (tn.names ?? []).map(sv);
  // `[db.]schema.rel.col`: the database's name is not the relation's.
  const rel = names.slice(names.length > 3 ? names.length - 3 : 0, -1);
  const col = names[names.length - 1]!;
  const written = `${names.join('.')}%TYPE`;
  if (rel.length === 0) throw new Problem('E_INVALID', `improper %TYPE reference (too few dotted names): ${names.join('.')}`, tn.location);
  const table = sc.lookup(sc.model.tables, rel);
  const composite = table ? undefined : sc.lookup(sc.model.types, rel);
  const columns = table ? table.obj.columns : composite?.obj.kind === 'composite' ? composite.obj.attributes : undefined;
  if (!columns) {
    const view = sc.lookup(sc.model.views, rel);
    if (view) throw new Problem('E_UNSUPPORTED', `${written}: the column types of view "${rel.join('.')}" are not known without a database; write the type itself`, tn.location);
    throw new Problem('E_UNKNOWN', `${written}: relation "${rel.join('.')}" does not exist`, tn.location);
  }
  const c = columns.find((x) => x.name === col);
  if (!c) throw new Problem('E_UNKNOWN', `${written}: column "${col}" of relation "${rel[rel.length - 1]}" does not exist`, tn.location);
  return typeNameOf(sc, tn.arrayBounds?.length && !c.type.endsWith('[]') ? `${c.type}[]` : c.type, tn);
}

/**
 * The routine statement with each `%TYPE` parameter and result replaced by the type it stands for, so that its
 * definition names the type PostgreSQL stores (and the routine no longer needs the relation when created).
 *
 * @example
 * resolvePercentTypes(sc, parse('CREATE FUNCTION f(x t.id%TYPE) …')).parameters[0].FunctionParameter.argType.names // [pg_catalog, int8]
 */
export function resolvePercentTypes(sc: FoldScope, n: Payload<'CreateFunctionStmt'>): Payload<'CreateFunctionStmt'> {
  const resolve = (tn: Payload<'TypeName'> | undefined): Payload<'TypeName'> | undefined => (tn?.pct_type ? percentTypeName(sc, tn) : tn);
  const anyPercent = !!n.returnType?.pct_type || (n.parameters ?? []).some((p) => p.FunctionParameter?.argType?.pct_type);
  if (!anyPercent) return n;
  return {
    ...n,
    ...(n.returnType ? { returnType: resolve(n.returnType) } : {}),
    parameters: (n.parameters ?? []).map((p) => (p.FunctionParameter ? { FunctionParameter: { ...p.FunctionParameter, argType: resolve(p.FunctionParameter.argType) } } : p)),
  };
}

/** A TypeName node for a Model type spelling: a type, table or view of the file by its schema and name, else a built-in parsed. */
function typeNameOf(sc: FoldScope, type: string, at: Payload<'TypeName'>): Payload<'TypeName'> {
  const base = type.replace(/(\[\])+$/, '');
  const array = base !== type;
  const keep = { ...(at.setof ? { setof: true } : {}), ...(array ? { arrayBounds: [{ Integer: { ival: -1 } }] } : {}), typemod: -1, location: at.location };
  // A user type's key is unquoted (`app.Mood`): named by its parts, not parsed.
  if (sc.model.types[base] || sc.model.tables[base] || sc.model.views[base]) {
    const { schema, name } = splitKey(base);
    return { names: [{ String: { sval: schema } }, { String: { sval: name } }], ...keep };
  }
  const parsed = parseExpression(`NULL::${base}`)?.TypeCast?.typeName;
  if (!parsed) throw new Problem('E_INVALID', `%TYPE resolves to ${type}, which cannot be written back`, at.location);
  return { ...parsed, ...keep };
}
