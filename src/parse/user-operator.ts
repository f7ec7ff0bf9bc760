/**
 * Which schema's operator an unqualified operator name in a file's expression is, when it is one of the file's own
 * (`CREATE OPERATOR ===`): PostgreSQL prints such an operator qualified, `b OPERATOR(public.===) 10`, as ruleutils'
 * generate_operator_name qualifies an operator its unqualified lookup (with the operands' types, through the
 * search_path) does not find, and the inspector reads under an empty search_path, where only pg_catalog's are found.
 * The normaliser (./normalize.ts) compares the file's `b === 10` as `public.===` through this.
 *
 * Resolution follows parse_oper.c in outline: an operator of exactly the operands' types, the first along the
 * search_path (pg_catalog's first: a built-in of those types wins; an untyped literal taken as the other operand's
 * type); else, when no built-in operator has the name,
 * the file's operators of that name when they are all in one schema (whichever PostgreSQL picks among them, it is
 * printed with that schema). Anything else is left unqualified (as before).
 *
 * In:  the operator objects of the Model being folded, the search_path, the operands' types (Model spellings).
 * Out: a schema or undefined. Never: I/O.
 */
import type { CatalogObject, Operator } from '../model/types.js';
import { objectKey } from '../model/objects.js';
import { builtinCatalog } from './catalog/index.js';
import type { Node, Payload } from './ast.js';
import { sv } from './colname.js';

/** What operatorName needs of the normalizer's context (NormalizeContext, ./normalize.ts, which imports this module). */
export interface OperatorSchemaContext {
  operatorSchema?(name: string, left: string | undefined, right: string | undefined, prefix: boolean): string | undefined;
  /** The result type (Model spelling) of the extension operator an unqualified name resolves to over these operands, when it is one. */
  operatorType?(name: string, left: string | undefined, right: string | undefined, prefix: boolean): string | undefined;
  /** The result of a call of an extension's function (./expr-type.ts TypeContext). */
  extensionFunction?(names: readonly string[], args: readonly (string | undefined)[]): { readonly type: string; readonly set: boolean } | undefined;
}

/**
 * The members of a context that resolve the file's and its extensions' operators and extension functions (for a
 * context built anew from another's).
 *
 * @example
 * const ctx: NormalizeContext = { columnType, ...operatorMembers(ops) };
 */
export function operatorMembers(o: OperatorSchemaContext | undefined): OperatorSchemaContext {
  return { ...(o?.operatorSchema ? { operatorSchema: o.operatorSchema } : {}), ...(o?.operatorType ? { operatorType: o.operatorType } : {}), ...(o?.extensionFunction ? { extensionFunction: o.extensionFunction } : {}) };
}

/**
 * The A_Expr kinds whose operator PostgreSQL prints by name, looked up by the operands' types (LIKE is `~~`, IN `=` or
 * `<>`). IS DISTINCT FROM and NULLIF are printed in their own syntax whichever `=` they use; BETWEEN's `>=` and `<=`
 * are not in the tree: the normaliser names them through here with an A_Expr of its own (./normalize.ts).
 */
const BY_OPERATOR = new Set(['AEXPR_OP', 'AEXPR_OP_ANY', 'AEXPR_OP_ALL', 'AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_IN']);

/**
 * How a file's unqualified operators resolve (its own: here; its extensions': ./ext-catalog.ts), for its definitions'
 * forms read from text (./canonical.ts): PostgreSQL prints one that is not pg_catalog's qualified, which the
 * inspector's texts then say. `key` tells apart the resolutions (search_path, extensions' schemas, the file's
 * operators), for the forms' cache.
 */
export type OperatorResolution = Required<OperatorSchemaContext> & { readonly key: string };

/**
 * An A_Expr's operator name as it compares: pg_catalog's bare, the file's own qualified with its schema when the
 * context resolves it (NormalizeContext.operatorSchema); `typeOf` types an operand (Model spellings).
 *
 * @example
 * operatorName(parseExpression('b === 10').A_Expr, foldCtx, typeOf) // 'public.==='
 */
export function operatorName(v: Payload<'A_Expr'>, ctx: OperatorSchemaContext, typeOf: (n: Node | undefined) => string | undefined): string {
  const names: string[] = (v.name ?? []).map(sv);
  const op = names.filter((x) => x !== 'pg_catalog').join('.');
  const any = v.kind === 'AEXPR_OP_ANY' || v.kind === 'AEXPR_OP_ALL';
  if (names.length !== 1 || !ctx.operatorSchema || !v.kind || !BY_OPERATOR.has(v.kind)) return op;
  // `x IN (a, b)`: the operator between x and each element (the first one's type stands for them).
  const list = v.kind === 'AEXPR_IN' ? (Array.isArray(v.rexpr) ? (v.rexpr as Node[]) : v.rexpr?.List?.items ?? [v.rexpr]) : undefined;
  const r = typeOf(list ? list[0] : v.rexpr);
  // `x op ANY (array)`: the operator takes the array's element; an untyped literal (`'{a,b}'`) stays unknown, as
  // make_scalar_array_op looks the operator up with it.
  const right = !any || r === 'unknown' ? r : r?.endsWith('[]') ? r.slice(0, -2) : undefined;
  const schema = ctx.operatorSchema(op, v.lexpr ? typeOf(v.lexpr) : undefined, right, !v.lexpr);
  return schema ? `${schema}.${op}` : op;
}

/**
 * The schema of the file's operator `name` over operands of types `left` and `right` (undefined when not known;
 * `prefix`: no left operand), found through `searchPath` in `objects`; undefined when it is not the file's.
 *
 * @example
 * userOperatorSchema(model.objects, ['public'], '===', 'integer', 'integer', false) // 'public'
 * userOperatorSchema(model.objects, ['public'], '=', 'integer', 'integer', false)   // undefined (built-in)
 */
export function userOperatorSchema(objects: Readonly<Record<string, CatalogObject>>, searchPath: readonly string[], name: string, left: string | undefined, right: string | undefined, prefix: boolean): string | undefined {
  const cat = builtinCatalog();
  // binary_oper_exact: an untyped literal beside a typed operand is taken as that type (`m ~= 'ok'`, m an enum).
  if (!prefix && left === 'unknown' && right !== 'unknown') left = right;
  else if (!prefix && right === 'unknown' && left !== 'unknown') right = left;
  const known = (t: string | undefined) => t !== undefined && t !== 'unknown';
  if ((prefix || known(left)) && known(right)) {
    for (const schema of searchPath) {
      const o = objects[objectKey({ kind: 'operator', schema, name, ...(prefix ? {} : { left }), right: right!, function: '', hashes: false, merges: false })];
      if (o?.kind !== 'operator') continue;
      const [l, r] = [prefix ? '' : cat.typeName(left!), cat.typeName(right!)];
      return cat.operators(name).some(([a, b]) => a === l && b === r) ? undefined : schema;
    }
  }
  if (cat.operators(name).length) return undefined;
  const path = new Set(searchPath);
  const schemas = new Set<string>();
  for (const o of Object.values(objects)) {
    if (o.kind === 'operator' && o.name === name && path.has(o.schema) && ((o as Operator).left === undefined) === prefix) schemas.add(o.schema);
  }
  return schemas.size === 1 ? [...schemas][0] : undefined;
}
