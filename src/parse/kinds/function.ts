/**
 * Functions, procedures and aggregates, folded: `CREATE [OR REPLACE] FUNCTION / PROCEDURE`, `CREATE AGGREGATE`,
 * lookup by argument types, DROP.
 */
import type { AggregateOptions, Func, FunctionArg } from '../../model/types.js';
import { aggregateDefinition, aggregateOptions } from '../../model/aggregate-sql.js';
import { deparseStatement } from '../pg.js';
import { walk, type Node, type Payload } from '../ast.js';
import { Problem, type FoldScope, type Mut } from './scope.js';
import { qualifiedKey, quoteIdent } from '../../model/names.js';
import { constText, sv } from './nodes.js';
import { routineTypeName, untyped } from '../typename.js';
import { gucName } from '../normalize-parts.js';
import { resolvePercentTypes } from './percent-type.js';

/**
 * A routine's argument or result type as PostgreSQL's identity and result (format_type without a typmod) write it:
 * the typmod dropped, and a bare `bpchar` is `character` there (a column's bare `bpchar` stays `bpchar`), so a
 * routine keyed by the fold and the same one read from the catalog have one key (else a parameter renamed was
 * planned as a create of another routine before the drop of this one: "cannot change name of input parameter").
 *
 * @example routineType(sc, parse('bpchar[]')) // 'character[]'
 */
const routineType = (sc: FoldScope, t: Payload<'TypeName'> | undefined): string => sc.type(routineTypeName(t));
/** The same for a type already folded (an aggregate's arguments, a signature named by DROP, GRANT, COMMENT). */
const identityType = (t: string): string => t.replace(/^bpchar(?=(\[\])*$)/, 'character');

export function createFunction(sc: FoldScope, written: Payload<'CreateFunctionStmt'>): void {
  const n = resolvePercentTypes(sc, written);
  const fnames = n.funcname!.map(sv);
  const r = sc.creating(fnames);
  const params = (n.parameters ?? []).map((p) => p.FunctionParameter!);
  const mode = (m: string): FunctionArg['mode'] => (({ FUNC_PARAM_OUT: 'OUT', FUNC_PARAM_INOUT: 'INOUT', FUNC_PARAM_VARIADIC: 'VARIADIC', FUNC_PARAM_TABLE: 'TABLE' } as Record<string, FunctionArg['mode']>)[m] ?? 'IN');
  const args: FunctionArg[] = params.map((p) => ({ ...(p.name ? { name: p.name } : {}), mode: mode(p.mode!), type: routineType(sc, p.argType), ...(p.defexpr ? { default: sc.expr(p.defexpr) } : {}) }));
  const procedure = !!n.is_procedure;
  const identityArgs = args
    .filter((a) => a.mode !== 'TABLE')
    .map((a) => `${a.mode === 'IN' && !procedure ? '' : `${a.mode} `}${a.name ? `${quoteIdent(a.name)} ` : ''}${a.type}`)
    .join(', ');
  const key = `${r.key}(${identityArgs})`;
  if (sc.model.functions[key] && !n.replace) throw new Problem('E_DUPLICATE', `function ${r.name}(${identityArgs}) already exists with same argument types`);
  const o: Record<string, Node> = {};
  const config: string[] = [];
  for (const d of (n.options ?? []).map((x) => x.DefElem!)) {
    if (d.defname === 'set') {
      const s = d.arg!.VariableSetStmt;
      if (s!.kind === 'VAR_SET_VALUE') config.push(`${gucName(s!.name!)}=${(s!.args ?? []).map((a) => constText(a)).join(', ')}`);
      else if (s!.kind === 'VAR_SET_CURRENT') config.push(`${gucName(s!.name!)}=FROM CURRENT`);
    } else o[d.defname!] = d.arg!;
  }
  const language = o.language ? sv(o.language).toLowerCase() : n.sql_body ? 'sql' : 'sql';
  const asList = o.as?.List?.items ?? (o.as ? [o.as] : []);
  // Exactly as written (PostgreSQL's prosrc): a change of blanks around the code is a change pg_dump shows. A C
  // function's `AS 'file', 'symbol'` keeps the symbol there (the file is probin; `AS 'file'` alone: its own name).
  const body = n.sql_body ? '' : asList.length === 2 ? sv(asList[1]) : language === 'c' ? r.name : sv(asList[0]);
  let returns: string | undefined;
  const tableCols = args.filter((a) => a.mode === 'TABLE');
  if (procedure) returns = undefined;
  else if (tableCols.length) returns = `TABLE(${tableCols.map((a) => `${quoteIdent(a.name ?? '')} ${a.type}`).join(', ')})`;
  else if (n.returnType) returns = `${n.returnType.setof ? 'SETOF ' : ''}${routineType(sc, n.returnType)}`;
  else {
    const outs = args.filter((a) => a.mode === 'OUT' || a.mode === 'INOUT');
    returns = outs.length === 1 ? outs[0]!.type : outs.length ? 'record' : 'void';
  }
  const q = supportAsName(sc.qualify({ ...n, replace: true, funcname: [{ String: { sval: r.schema } }, { String: { sval: r.name } }] }));
  const f: Mut<Func> = {
    kind: procedure ? 'procedure' : 'function', schema: r.schema, name: r.name, args, identityArgs, ...(returns !== undefined ? { returns } : {}), language, body,
    volatility: o.volatility ? (sv(o.volatility).toUpperCase() as Func['volatility']) : 'VOLATILE', strict: o.strict ? !!o.strict.Boolean?.boolval : false,
    securityDefiner: o.security ? !!o.security.Boolean?.boolval : false, leakproof: o.leakproof ? !!o.leakproof.Boolean?.boolval : false,
    parallel: o.parallel ? (sv(o.parallel).toUpperCase() as Func['parallel']) : 'UNSAFE', config: config.sort(), definition: deparseStatement('CreateFunctionStmt', q), loc: sc.loc,
  };
  if (n.sql_body) {
    // What a SQL-standard body reads, as PostgreSQL records it: the tables and views its statements name.
    const reads = new Set<string>();
    walk(q.sql_body ?? n.sql_body, (x) => {
      if (!x.RangeVar) return;
      const names = [x.RangeVar.schemaname, x.RangeVar.relname].filter((s): s is string => !!s);
      const hit = sc.lookup(sc.model.tables, names) ?? sc.lookup(sc.model.views, names);
      if (hit) reads.add(hit.key);
    });
    if (reads.size) f.reads = [...reads].sort();
  }
  const prev = sc.model.functions[key];
  if (prev?.comment) f.comment = prev.comment;
  sc.model.functions[key] = f;
  sc.functionsChanged();
}

/**
 * The deparser prints a schema-qualified `SUPPORT s.f` as a list, `SUPPORT s, f` (a syntax error): the name is given
 * to it as a type name's, which it prints dotted. Only the definition's text changes (the Model's trees stay).
 */
function supportAsName(q: Payload<'CreateFunctionStmt'>): Payload<'CreateFunctionStmt'> {
  const options = q.options?.map((o) => (o.DefElem?.defname === 'support' && o.DefElem.arg?.List
    ? { DefElem: { ...o.DefElem, arg: { TypeName: { names: o.DefElem.arg.List.items, typemod: -1 } } } } : o));
  return options ? { ...q, options } : q;
}

export function createAggregate(sc: FoldScope, n: Payload<'DefineStmt'>): void {
  const r = sc.creating(n.defnames!.map(sv));
  const argList = n.args?.[0]?.List?.items ?? [];
  const d: Record<string, Node> = {};
  // PostgreSQL's old synonyms (`sfunc1`, `stype1`, `initcond1`), as DefineAggregate reads them.
  for (const x of (n.definition ?? []).map((y) => y.DefElem!)) d[x.defname!.toLowerCase().replace(/^(sfunc|stype|initcond)1$/, '$1')] = x.arg!;
  // The old syntax names its one argument `basetype` (`"any"`: none, `name(*)`).
  const base = n.oldstyle && d.basetype ? sc.type(d.basetype.TypeName ?? d.basetype) : undefined;
  const types: string[] = base !== undefined ? (/^"?any"?$/i.test(base) ? [] : [identityType(base)])
    : argList.map((p) => `${p.FunctionParameter!.mode === 'FUNC_PARAM_VARIADIC' ? 'VARIADIC ' : ''}${identityType(sc.type(p.FunctionParameter!.argType))}`);
  const identityArgs = types.join(', ');
  // An ordered-set aggregate's direct arguments (the grammar's second item; -1: a plain aggregate). PostgreSQL keeps
  // one VARIADIC argument for `(VARIADIC "any" ORDER BY VARIADIC "any")`, direct, and prints it on both sides.
  const direct = n.args?.[1]?.Integer ? (n.args[1].Integer.ival ?? 0) : -1;
  const ordered = direct === types.length && /^VARIADIC /.test(types[direct - 1] ?? '') ? types.slice(direct - 1) : types.slice(Math.max(direct, 0));
  const directText = types.slice(0, Math.max(direct, 0)).join(', ');
  const signature = direct >= 0 ? `${directText ? `${directText} ` : ''}ORDER BY ${ordered.join(', ')}` : undefined;
  const fn = (a: Node) => {
    const names = (a?.TypeName?.names ?? a?.List?.items ?? [a]).map(sv);
    if (names.length === 1) {
      const f = sc.findFunction(names[0]!);
      return f ? qualifiedKey(f.schema, names[0]!) : names[0]!;
    }
    // pg_catalog's functions are always visible: PostgreSQL prints them bare (regproc), so does the fold.
    return (names[0] === 'pg_catalog' && names.length === 2 ? names.slice(1) : names).map(quoteIdent).join('.');
  };
  const word = (a: Node | undefined) => (a ? (a.TypeName?.names ?? [a]).map(sv).join('.') : '').toUpperCase();
  const num = (a: Node | undefined) => (a ? Number(constText(a)) : 0) || undefined;
  // FINALFUNC_MODIFY's default is READ_ONLY, READ_WRITE for an ordered-set aggregate: kept when not the default.
  const modify = (f: Node | undefined, a: Node | undefined, dflt = 'READ_ONLY') => (f && a && word(a) !== dflt && word(a) as AggregateOptions['finalfuncModify']) || undefined;
  const type = (a: Node) => sc.type(a.TypeName ?? a);
  const func = (a: Node | undefined) => (a ? fn(a) : undefined);
  const parallel = word(d.parallel);
  const aggregate = aggregateOptions({
    sfunc: fn(d.sfunc), stype: type(d.stype), sspace: num(d.sspace),
    finalfunc: func(d.finalfunc), finalfuncExtra: 'finalfunc_extra' in d || undefined, finalfuncModify: modify(d.finalfunc, d.finalfunc_modify, signature ? 'READ_WRITE' : 'READ_ONLY'),
    combinefunc: func(d.combinefunc), serialfunc: func(d.serialfunc), deserialfunc: func(d.deserialfunc),
    initcond: d.initcond ? constText(d.initcond) : undefined,
    msfunc: func(d.msfunc), minvfunc: func(d.minvfunc), mstype: d.mstype ? type(d.mstype) : undefined, msspace: num(d.msspace),
    mfinalfunc: func(d.mfinalfunc), mfinalfuncExtra: 'mfinalfunc_extra' in d || undefined, mfinalfuncModify: modify(d.mfinalfunc, d.mfinalfunc_modify),
    minitcond: d.minitcond ? constText(d.minitcond) : undefined,
    sortop: d.sortop ? (d.sortop.List?.items ?? []).map(sv).join('.') : undefined,
    parallel: parallel && parallel !== 'UNSAFE' ? (parallel as AggregateOptions['parallel']) : undefined,
    signature, hypothetical: 'hypothetical' in d || undefined,
  });
  const key = `${r.key}(${identityArgs})`;
  sc.functionsChanged();
  sc.model.functions[key] = {
    kind: 'aggregate', schema: r.schema, name: r.name, args: [], identityArgs, language: 'internal', body: '', volatility: 'IMMUTABLE', strict: false,
    securityDefiner: false, leakproof: false, parallel: 'UNSAFE', config: [], definition: aggregateDefinition(r.key, identityArgs, aggregate), aggregate, loc: sc.loc,
  };
}

export function functionByArgs(sc: FoldScope, o: Payload<'ObjectWithArgs'>): Mut<Func> {
  const names: string[] = o.objname!.map(sv);
  const types: string[] = (o.objargs ?? []).map((t) => identityType(sc.type(t.TypeName ? untyped(t.TypeName) : t)));
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : sc.searchPath;
  for (const s of schemas) {
    for (const f of sc.functionsNamed(qualifiedKey(s, names[names.length - 1]!))) {
      if (o.args_unspecified) return f;
      const ftypes = f.kind === 'aggregate' ? f.identityArgs.split(', ').filter(Boolean).map((t) => t.replace(/^VARIADIC /, '')) : f.args.filter((a) => a.mode !== 'OUT' && a.mode !== 'TABLE').map((a) => a.type);
      if (ftypes.join(',') === types.join(',')) return f;
    }
  }
  throw new Problem('E_UNKNOWN', `function ${names.join('.')}(${types.join(', ')}) does not exist`);
}

/** DROP FUNCTION / PROCEDURE / AGGREGATE. */
export function dropFunction(sc: FoldScope, owa: Payload<'ObjectWithArgs'>, missingOk: boolean): void {
  try {
    const f = functionByArgs(sc, owa);
    const key = `${qualifiedKey(f.schema, f.name)}(${f.identityArgs})`;
    delete sc.model.functions[key];
    sc.functionsChanged();
  } catch (e) {
    if (!missingOk) throw e;
  }
}
