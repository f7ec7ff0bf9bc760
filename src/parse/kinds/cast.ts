/**
 * Casts, folded: `CREATE CAST (source AS target) {WITH FUNCTION f(args) | WITH INOUT | WITHOUT FUNCTION}
 * [AS ASSIGNMENT | AS IMPLICIT]`, `DROP CAST`, `COMMENT ON CAST` (in ../fold.ts). Types are kept as the
 * inspector prints them, the function as regprocedure does.
 */
import { quoteIdent } from '../../model/names.js';
import { BUILTIN_FUNCTIONS } from '../catalog/builtins.js';
import type { Cast } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope } from './scope.js';
import { sv } from './nodes.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };
const CONTEXT: Record<string, Cast['context']> = { COERCION_EXPLICIT: 'explicit', COERCION_ASSIGNMENT: 'assignment', COERCION_IMPLICIT: 'implicit' };

/** The key of the cast between two TypeName nodes (payloads, or nodes DROP CAST names them by). */
export function castKey(s: FoldScope, source: Payload<'TypeName'> | Node, target: Payload<'TypeName'> | Node): string {
  return `cast (${s.type(source)} AS ${s.type(target)})`;
}

/**
 * @example
 * createCast(scope, node) // scope.objects['cast (text AS public.mood)'] = { kind: 'cast', method: 'inout', … }
 */
export function createCast(s: FoldScope, n: Payload<'CreateCastStmt'>): void {
  const source = s.type(n.sourcetype);
  const target = s.type(n.targettype);
  const key = `cast (${source} AS ${target})`;
  if (s.objects[key]) s.fail('E_DUPLICATE', `cast from type ${source} to type ${target} already exists`);
  const c: Mut<Cast> = { kind: 'cast', source, target, method: n.inout ? 'inout' : n.func ? 'function' : 'binary', context: CONTEXT[n.context!] ?? 'explicit', loc: s.loc };
  if (n.func) {
    const names: string[] = n.func.objname!.map(sv);
    const name = names[names.length - 1]!;
    const schema = names.length > 1 ? names[names.length - 2] : s.functionSchema(name);
    // One of PostgreSQL's own (`WITH FUNCTION age(timestamptz)`): regprocedure prints it unqualified, pg_catalog being
    // searched always.
    const builtin = (schema === undefined || schema === 'pg_catalog') && Object.hasOwn(BUILTIN_FUNCTIONS, name);
    if (!schema && !builtin) s.fail('E_UNKNOWN', `function ${names.join('.')} does not exist`);
    const args = (n.func.objargs ?? []).map((t) => s.type(t.TypeName ?? t));
    c.function = `${builtin ? '' : `${quoteIdent(schema!)}.`}${quoteIdent(name)}(${args.join(', ')})`;
  }
  s.objects[key] = c;
}

export function castNamed(s: FoldScope, items: Node[]): Mut<Cast> | undefined {
  return s.objects[castKey(s, items[0]!.TypeName ?? items[0]!, items[1]!.TypeName ?? items[1]!)] as Mut<Cast> | undefined;
}

export function dropCast(s: FoldScope, items: Node[], missingOk: boolean): void {
  const key = castKey(s, items[0]!.TypeName ?? items[0]!, items[1]!.TypeName ?? items[1]!);
  if (!s.objects[key]) {
    if (!missingOk) s.fail('E_UNKNOWN', `${key.replace(/^cast /, 'cast from ').replace(' AS ', ' to ')} does not exist`);
    return;
  }
  delete s.objects[key];
}
