/**
 * User-defined operators, folded (a carried kind: see src/plan/kinds/operator.ts): `CREATE OPERATOR`,
 * `DROP OPERATOR`, `COMMENT ON OPERATOR` (dispatched from ../fold.ts). Kept as the inspector reads them:
 * types as format_type prints them, functions as regproc does (pg_catalog's unqualified), commutator and
 * negator schema-qualified (an unqualified one is taken from the operator's own schema, where PostgreSQL
 * creates the shell of one not defined yet).
 */
import { quoteIdent } from '../../model/names.js';
import { objectKey } from '../../model/objects.js';
import type { Operator } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope } from './scope.js';
import { builtinCatalog } from '../catalog/index.js';
import { sv } from './nodes.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };

/** A function name (TypeName node of a DefElem) as regproc prints it under an empty search_path. */
function regproc(s: FoldScope, tn: Node, what: string): string {
  const names: string[] = (tn?.TypeName?.names ?? tn?.List?.items ?? []).map(sv);
  const name = names[names.length - 1]!;
  // Unqualified: a function of the file along the search_path, else a built-in one of the catalog snapshot (pg_catalog,
  // which PostgreSQL searches first when the path does not name it: `FUNCTION = int4eq`); an estimator takes
  // `internal` (`RESTRICT = eqsel`), found among the snapshot's internal functions.
  const cat = builtinCatalog();
  const schema = names.length > 1 ? names[names.length - 2]! : s.functionSchema(name) ?? (cat.functions(name).length || cat.internalFunctions(name).length ? 'pg_catalog' : undefined);
  if (!schema) s.fail('E_UNKNOWN', `${what} function ${names.join('.')} does not exist`);
  return schema === 'pg_catalog' ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * @example
 * createOperator(scope, defineStmt) // scope.objects['operator app.===(integer,integer)'] = { kind: 'operator', … }
 */
export function createOperator(s: FoldScope, n: Payload<'DefineStmt'>): void {
  const names: string[] = n.defnames!.map(sv);
  const { schema, name } = s.creating(names);
  const o: Mut<Operator> = { kind: 'operator', schema, name, right: '', function: '', hashes: false, merges: false, loc: s.loc };
  const opName = (d: Node) => {
    const items: string[] = (d.List?.items ?? d.TypeName?.names ?? []).map(sv);
    return items.length > 1 ? `${items[items.length - 2]}.${items[items.length - 1]}` : `${schema}.${items[0]}`;
  };
  for (const d of (n.definition ?? []).map((x) => x.DefElem!)) {
    switch (String(d.defname).toLowerCase()) {
      case 'leftarg': o.left = s.type(d.arg!.TypeName ?? d.arg); break;
      case 'rightarg': o.right = s.type(d.arg!.TypeName ?? d.arg); break;
      case 'function': case 'procedure': o.function = regproc(s, d.arg!, 'operator'); break;
      case 'commutator': o.commutator = opName(d.arg!); break;
      case 'negator': o.negator = opName(d.arg!); break;
      case 'restrict': o.restrict = regproc(s, d.arg!, 'restriction'); break;
      case 'join': o.join = regproc(s, d.arg!, 'join'); break;
      case 'hashes': o.hashes = d.arg?.Boolean ? !!d.arg.Boolean.boolval : true; break;
      case 'merges': o.merges = d.arg?.Boolean ? !!d.arg.Boolean.boolval : true; break;
      default: s.fail('E_UNSUPPORTED', `operator attribute "${d.defname}" not recognized`);
    }
  }
  if (!o.function) s.fail('E_SYNTAX', 'operator function must be specified');
  if (!o.right) s.fail('E_UNSUPPORTED', 'operator right argument type must be specified (postfix operators are not supported)');
  const key = objectKey(o);
  if (s.objects[key]) s.fail('E_DUPLICATE', `operator ${name} already exists`);
  s.objects[key] = o;
}

/** The operator an ObjectWithArgs names (DROP, COMMENT ON), through the search_path when unqualified. */
export function operatorNamed(s: FoldScope, owa: Payload<'ObjectWithArgs'>, searchPath: readonly string[]): Mut<Operator> | undefined {
  const names: string[] = (owa.objname ?? []).map(sv);
  const [l, r] = owa.objargs ?? [];
  const arg = (t: (Node & Payload<'TypeName'>) | undefined) => (t?.TypeName || t?.names ? s.type(t.TypeName ?? t) : undefined);
  const left = arg(l);
  const right = arg(r) ?? '';
  const schemas = names.length > 1 ? [names[names.length - 2]!] : [...searchPath, 'pg_catalog'];
  for (const schema of schemas) {
    const o = s.objects[objectKey({ kind: 'operator', schema, name: names[names.length - 1]!, left, right, function: '', hashes: false, merges: false })];
    if (o?.kind === 'operator') return o as Mut<Operator>;
  }
  return undefined;
}

export function dropOperator(s: FoldScope, owa: Payload<'ObjectWithArgs'>, searchPath: readonly string[], missingOk: boolean): void {
  const o = operatorNamed(s, owa, searchPath);
  if (!o) {
    if (!missingOk) s.fail('E_UNKNOWN', `operator ${(owa.objname ?? []).map(sv).join('.')} does not exist`);
    return;
  }
  delete s.objects[objectKey(o)];
}
