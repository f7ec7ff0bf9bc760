/**
 * Qualification of the names an expression or query refers to (relations, `nextval('seq')` arguments, user
 * functions and types), so that the text rendered from it means the same under any search_path, like
 * PostgreSQL's own deparsed text. The fold (./fold.ts) supplies how names resolve at the current point of the file.
 *
 * In:  a parse tree (or any part of one) and a NameResolver. Out: the same shape, copied where a name changed.
 * Never: does I/O or mutates its input.
 */
import { splitKey, splitQualified } from '../model/names.js';
import type { Payload, Tree } from './ast.js';
import { sv } from './kinds/nodes.js';

/** How unqualified names resolve: each returns undefined when the name is not the file's (a built-in stays bare). */
export interface NameResolver {
  /** A relation (or sequence) named by 1–2 parts → its `schema.name` key. */
  relation(names: readonly string[]): string | undefined;
  /** A function's bare name → the schema of the first one on the search_path. */
  functionSchema(name: string): string | undefined;
  /** A type named by 1–2 parts → its `schema.name` key. */
  typeKey(names: readonly string[]): string | undefined;
}

/** A node or a payload read both ways: its node keys typed (`Tree`), any other field by name. */
type Loose = Tree & Record<string, unknown>;

/**
 * Qualifies the names in `n` (CTE names in `ctes` and those the tree defines are left alone).
 *
 * @example
 * qualifyTree(parseExpression("nextval('s')"), { relation: () => 'app.s', functionSchema: () => undefined, typeKey: () => undefined })
 * // → the call's argument becomes 'app.s'::regclass
 */
export function qualifyTree<T>(n: T, names: NameResolver, ctes: Set<string> = new Set()): T {
  return qualifyAny(n, names, ctes) as T;
}

/**
 * `qualifyTree` over any part of a tree (nodes, payloads, lists, scalars): the same shape back, copied where it changed.
 */
function qualifyAny(n: unknown, names: NameResolver, ctes: Set<string>): unknown {
  if (n === null || typeof n !== 'object') return n;
  // Copy on write: a subtree with nothing to qualify is returned as it is (most of a statement).
  if (Array.isArray(n)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < n.length; i++) {
      const q = qualifyAny(n[i], names, ctes);
      if (q !== n[i]) (copy ??= n.slice())[i] = q;
    }
    return copy ?? n;
  }
  // A node (`{ RangeVar: … }`) or a payload (`{ relname, … }`): read as a Tree for the node keys, by name for the rest.
  const o = n as Loose;
  let r = o;
  for (const k in o) {
    const v = o[k];
    if (v === null || typeof v !== 'object') continue;
    const q = qualifyAny(v, names, ctes);
    if (q !== v) {
      if (r === o) r = { ...o };
      r[k] = q;
    }
  }
  // (No closure here: this runs once per node of every expression, a million times for a 10 MB statement.)
  if (r.CommonTableExpr?.ctename !== undefined) ctes.add(r.CommonTableExpr.ctename);
  if (r.WithClause) for (const c of r.WithClause.ctes ?? []) if (c.CommonTableExpr?.ctename !== undefined) ctes.add(c.CommonTableExpr.ctename);
  if (r.RangeVar && !r.RangeVar.schemaname && !ctes.has(r.RangeVar.relname!)) {
    const rel = names.relation([r.RangeVar.relname!]);
    if (rel) (r === o ? (r = { ...o }) : r).RangeVar = { ...r.RangeVar, schemaname: splitKey(rel).schema };
  }
  // The target of an INSERT / UPDATE / DELETE (a statement of a SQL-standard body) is a bare RangeVar payload.
  const dml = r.InsertStmt ?? r.UpdateStmt ?? r.DeleteStmt;
  const target = dml?.relation;
  if (target?.relname !== undefined && !target.schemaname && !ctes.has(target.relname)) {
    const rel = names.relation([target.relname]);
    if (rel) {
      const key = r.InsertStmt ? 'InsertStmt' : r.UpdateStmt ? 'UpdateStmt' : 'DeleteStmt';
      if (r === o) r = { ...o };
      r[key] = { ...dml, relation: { ...target, schemaname: splitKey(rel).schema } };
    }
  }
  const call = r.FuncCall;
  if (call) {
    const fname: string[] = (call.funcname ?? []).map(sv);
    if (fname.length === 1) {
      const schema = names.functionSchema(fname[0]!);
      if (schema) (r === o ? (r = { ...o }) : r).FuncCall = { ...r.FuncCall, funcname: [{ String: { sval: schema } }, { String: { sval: fname[0] } }] };
    }
    const last = fname[fname.length - 1];
    const a0 = call.args?.[0];
    // A name cast to text (`nextval('s'::text)`, Roundcube's schema) is looked up at each call (PostgreSQL stores
    // `nextval(('s'::text)::regclass)`): only a bare literal or one cast to regclass names the sequence itself.
    const lit = a0?.A_Const?.sval?.sval ?? (a0?.TypeCast && isRegclass(a0.TypeCast.typeName) ? a0.TypeCast.arg?.A_Const?.sval?.sval : undefined);
    if ((last === 'nextval' || last === 'currval' || last === 'setval') && lit !== undefined) {
      const rel = names.relation(splitQualified(lit, true));
      if (rel) (r === o ? (r = { ...o }) : r).FuncCall = { ...(r.FuncCall ?? call), args: [{ TypeCast: { arg: { A_Const: { sval: { sval: rel } } }, typeName: { names: [{ String: { sval: 'regclass' } }], typemod: -1 } } }, ...((r.FuncCall ?? call).args ?? []).slice(1)] };
    }
  }
  // A relation's name cast to regclass ('t'::regclass): PostgreSQL keeps the relation, printed qualified.
  const cast = r.TypeCast;
  const castLit = cast?.arg?.A_Const?.sval?.sval;
  if (castLit !== undefined && isRegclass(cast!.typeName)) {
    const rel = names.relation(splitQualified(castLit, true));
    if (rel && rel !== castLit) (r === o ? (r = { ...o }) : r).TypeCast = { ...cast, arg: { A_Const: { ...cast!.arg!.A_Const, sval: { sval: rel } } } };
  }
  if (r.TypeName && !r.TypeName.pct_type) {
    const tname: string[] = (r.TypeName.names ?? []).map(sv);
    if (tname.length === 1) {
      const key = names.typeKey(tname);
      if (key) (r === o ? (r = { ...o }) : r).TypeName = { ...r.TypeName, names: [{ String: { sval: splitKey(key).schema } }, { String: { sval: splitKey(key).name } }] };
    }
  }
  // Payload fields holding a TypeName's payload (not a node): qualified as the node they stand for.
  for (const k of ['typeName', 'returnType', 'argType']) {
    const t = r[k] as Payload<'TypeName'> | undefined;
    if (t && typeof t === 'object' && !Array.isArray(t) && t.names) {
      const q = (qualifyAny({ TypeName: t }, names, ctes) as Tree).TypeName;
      if (q !== t) (r === o ? (r = { ...o }) : r)[k] = q;
    }
  }
  return r;
}

/** Is `t` the type regclass (`regclass`, `pg_catalog.regclass`)? */
function isRegclass(t: Payload<'TypeName'> | undefined): boolean {
  const n: string[] = (t?.names ?? []).map(sv);
  return !t?.arrayBounds?.length && n[n.length - 1] === 'regclass' && (n.length === 1 || (n.length === 2 && n[0] === 'pg_catalog'));
}
