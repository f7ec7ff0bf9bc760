/**
 * The expression half of the normaliser: constants, casts, operators (IN, BETWEEN, ANY, row comparisons), function
 * calls, CASE / COALESCE, column references resolved against the query levels in scope, as PostgreSQL stores and
 * prints them (see ./normalize.ts for the forms). The query half (FROM items, SELECT, CTEs, set operations, rule
 * actions) is ./normalize.ts's `Normalizer`, which extends this class.
 *
 * In: parse nodes, a NormalizeContext (./normalize-context.ts). Out: a Canon. Never: I/O.
 */
import { constantOutput, intervalFieldsOutput } from '../model/constants.js';
import { regConstantOutput } from './reg-literals.js';
import { unknownLiteralType } from './literal-type.js';
import { qualifiedKey, splitQualified } from '../model/names.js';
import { canonicalType } from './typename.js';
import { tagOf, type Node, type Payload } from './ast.js';
import { sv } from './colname.js';
import { exprType } from './expr-type.js';
import { commonCoercions, functionCoercions, userVariadicCoercions, withOperatorCoercions } from './coercion.js';
import { operatorName } from './user-operator.js';
import { columnFact, constValue, isConst, type Canon, type ScopeItem, joined, optValue } from './normalize-parts.js';
import { STRIP_CAST_TO, SYSTEM_COLUMNS, type NormalizeContext } from './normalize-context.js';

/**
 * Who is told of a constant whose printed form is not decided here (`constantOutput` gives none) and which compares
 * as written: set by `observeConstants` while a schema is folded, so that the fold can tell its caller which of them
 * only the type's output function decides (an extension's type: `'(1,2)'::cube` is stored `'(1, 2)'::cube`).
 */
let constantObserver: ((text: string, type: string) => void) | undefined;

/**
 * Runs `f`, telling `observe` of each constant `f`'s canonical forms keep as written (text, Model type spelling), and
 * whoever observed before too (./normalize-forms.ts records what a cached form keeps this way, to tell it again).
 *
 * @example
 * observeConstants((text, type) => seen.push([text, type]), () => normalizeExpr(parseExpression("'(1,2)'::cube"))) // seen: [['(1,2)', 'cube']]
 */
export function observeConstants<T>(observe: (text: string, type: string) => void, f: () => T): T {
  const outer = constantObserver;
  constantObserver = outer ? (text, type) => (observe(text, type), outer(text, type)) : observe;
  try {
    return f();
  } finally {
    constantObserver = outer;
  }
}

/** Tells the observer (if any) again of constants a form kept as written (a cached form's: ./normalize-forms.ts). */
export function tellConstants(kept: readonly (readonly [string, string])[]): void {
  for (const [text, type] of kept) constantObserver?.(text, type);
}

/** A constant's printed form: constantOutput's, else the text as written (and the observer told). */
function printed(text: string, type: string, plain = false): string {
  const out = regConstantOutput(text, type) ?? constantOutput(text, type, plain);
  if (out === undefined) constantObserver?.(text, type);
  return out ?? text;
}

/** Expressions normalised; queries (sublinks, SQL-standard bodies' statements) left to the subclass (./normalize.ts). */
export abstract class ExprNormalizer {

  /**
   * A SQL-standard function body's parameters (by position, '' when unnamed) and the function's name: PostgreSQL
   * prints a parameter `p`, or `f.p` inside a query with FROM items, for `p`, `f.p` and `$1` alike (get_parameter).
   */
  params?: { readonly fn: string; readonly names: readonly string[] };
  /**
   * `typed`: a form that keeps what decides an expression's type (src/diff/view-replace.ts): every cast, the kind of
   * each constant (`1` and `'1'` differ) and functions' schemas; never used to decide equality.
   */
  constructor(protected readonly ctx: NormalizeContext, protected readonly typed = false) {}

  expr(n: Node, scopes?: ScopeItem[][]): Canon;
  expr(n: Node | readonly Node[] | undefined, scopes?: ScopeItem[][]): Canon | Canon[] | undefined;
  expr(n: Node | readonly Node[] | undefined, scopes: ScopeItem[][] = []): Canon | Canon[] | undefined {
    if (n === null || n === undefined || typeof n !== 'object') return n;
    if (Array.isArray(n)) return n.map((x: Node) => this.expr(x, scopes));
    const [type, v] = tagOf(n as Node);
    switch (type) {
      case 'A_Const':
        if (this.typed) return { K: constValue(v), k: Object.keys(v).filter((x) => x !== 'location').join() };
        // A number with a point or an exponent is a numeric constant, printed by numeric's output (`1e3` → `1000`).
        return { K: v.fval !== undefined ? constantOutput(constValue(v), 'numeric') ?? constValue(v) : constValue(v) };
      case 'TypeCast': {
        const arg = this.expr(v.arg!, scopes);
        const t = canonicalType(v.typeName!, (names) => this.ctx.type?.(names));
        // An interval constant with fields (`INTERVAL '30' DAY`): its value as PostgreSQL prints it ('30 days').
        // (One typmod is the field mask; a precision comes as a second one, with the full range as the mask.)
        const mask = /^interval($| |\()/.test(t) && v.typeName?.typmods?.length === 1 ? v.typeName.typmods[0]?.A_Const?.ival?.ival : undefined;
        if (!this.typed && mask !== undefined && mask !== 0x7fff && arg?.K !== undefined && v.arg?.A_Const?.sval !== undefined) return { ...arg, K: intervalFieldsOutput(arg.K, mask) ?? arg.K };
        return this.cast(arg, t);
      }
      case 'A_ArrayExpr': {
        // Elements cast to their common type, as PostgreSQL prints them (`ARRAY[(ts)::timestamp with time zone, tz]`).
        const els = v.elements ?? [];
        const co = els.length > 1 && !els.some((e) => e.A_ArrayExpr) ? commonCoercions(els, (x) => this.typeOf(x, scopes), (x) => this.domainOf(x, scopes)) : undefined;
        return { Arr: els.map((e, i) => (co?.casts[i] !== undefined ? this.cast(this.expr(e, scopes), co.casts[i]!) ?? {} : this.expr(e, scopes))) };
      }
      case 'RowExpr':
        // `(a, b)` and `ROW(a, b)` are one row constructor (PostgreSQL prints `ROW(a, b)` for both): the spelling
        // (row_format) is left out.
        return { Row: (v.args ?? []).map((e: Node) => this.expr(e, scopes)) };
      case 'A_Expr':
        return this.aexpr(v, scopes);
      case 'BoolExpr': {
        const args: unknown[] = [];
        for (const a of v.args ?? []) {
          const x = this.expr(a, scopes);
          if (x?.Bool && x.Bool[0] === v.boolop && v.boolop !== 'NOT_EXPR') args.push(...x.Bool.slice(1));
          else args.push(x);
        }
        return { Bool: [v.boolop, ...args] };
      }
      case 'FuncCall':
        return this.func(v, scopes);
      case 'ColumnRef':
        return this.column(v.fields!, scopes);
      case 'ParamRef': {
        const name = this.params?.names[(v.number ?? 0) - 1];
        return name ? { Param: name } : { ParamRef: { number: v.number } };
      }
      case 'SubLink':
        return { SubLink: [v.subLinkType, v.operName ? v.operName.map(sv) : undefined, this.expr(v.testexpr, scopes), this.query(v.subselect, scopes)] };
      case 'CollateClause':
        return { Collate: [this.expr(v.arg, scopes), v.collname!.map(sv).filter((x) => x !== 'pg_catalog').join('.')] };
      case 'SortBy':
        return {
          Sort: [this.expr(v.node, scopes), v.sortby_dir === 'SORTBY_DESC' ? 'DESC' : v.sortby_dir === 'SORTBY_USING' ? `USING ${(v.useOp ?? []).map(sv).join('.')}` : '',
            v.sortby_nulls === 'SORTBY_NULLS_DEFAULT' || !v.sortby_nulls ? '' : (v.sortby_nulls === 'SORTBY_NULLS_FIRST') === (v.sortby_dir === 'SORTBY_DESC') ? '' : v.sortby_nulls],
        };
      case 'SelectStmt':
        return this.query(n as Node, scopes);
      // A statement of a SQL-standard body (BEGIN ATOMIC): its bare columns resolved against its target and FROM /
      // USING items, as PostgreSQL prints them qualified, the function's parameters after them.
      case 'InsertStmt': case 'UpdateStmt': case 'DeleteStmt':
        return scopes.length === 0 ? this.ruleAction(n as Node, [])! : this.walk(type, v, scopes);
      case 'RangeVar':
        return { Rel: this.relKey(v) };
      case 'TypeName':
        return { Type: `${v.setof ? 'SETOF ' : ''}${canonicalType(v, (names) => this.ctx.type?.(names))}` };
      case 'DefElem':
        return { Opt: [v.defname, v.arg === undefined ? '' : typeof v.arg === 'object' && (v.arg.String || v.arg.Integer || v.arg.Float || v.arg.Boolean || v.arg.A_Const) ? optValue(v.arg) : this.expr(v.arg, scopes)] };
      case 'CaseExpr': case 'CoalesceExpr': case 'MinMaxExpr':
        return this.branches(type, v, scopes);
      default:
        return this.walk(type, v, scopes);
    }
  }

  /** A node in its tree's own shape without locations, its nested payloads walked as nodes; `given`: members already normalised. */
  private walk(type: string, v: object | undefined, scopes: ScopeItem[][], given: Record<string, unknown> = {}): Canon {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v ?? {})) {
      if (k === 'location' || k === 'stmt_location' || k === 'stmt_len') continue;
      out[k] = Object.hasOwn(given, k) ? given[k] : typeof x === 'object' ? this.expr(x as Node, scopes) : x;
    }
    for (const k of Object.keys(given)) if (!Object.hasOwn(out, k)) out[k] = given[k];
    return { [type]: out };
  }

  /**
   * CASE, COALESCE, GREATEST / LEAST: the results (arguments) cast to their common type as PostgreSQL prints them
   * (./coercion.ts `commonCoercions`), a CASE without ELSE given PostgreSQL's `ELSE NULL`.
   */
  private branches(type: 'CaseExpr' | 'CoalesceExpr' | 'MinMaxExpr', v: Payload<'CaseExpr'> & Payload<'CoalesceExpr'>, scopes: ScopeItem[][]): Canon {
    const whens = type === 'CaseExpr' ? v.args ?? [] : [];
    const nodes = type === 'CaseExpr' ? [...whens.map((w) => w.CaseWhen?.result), v.defresult] : v.args ?? [];
    const co = commonCoercions(nodes, (x) => this.typeOf(x, scopes), (x) => this.domainOf(x, scopes));
    const out = nodes.map((n, i) => {
      const c = n ? this.expr(n, scopes) : this.typed && co ? { Cast: [{ K: 'NULL', k: 'isnull' }, co.type] } : { K: 'NULL' };
      return n && co?.casts[i] !== undefined ? this.cast(c, co.casts[i]!) : c;
    });
    if (type !== 'CaseExpr') return this.walk(type, v, scopes, { args: out });
    const args = whens.map((w, i) => this.walk('CaseWhen', w.CaseWhen, scopes, { result: out[i] }));
    return this.walk(type, v, scopes, { args, defresult: out[out.length - 1] });
  }

  /** `arg` cast to `t` (a written cast, or one PostgreSQL adds implicitly and prints: ./coercion.ts). */
  private cast(arg: Canon | undefined, t: string): Canon | undefined {
    // A relation's name compares by the relation it resolves to ('t'::regclass is printed 'public.t'::regclass).
    if (t === 'regclass' && arg?.K !== undefined && typeof arg.K === 'string') return this.typed ? { Cast: [{ ...arg, K: this.regclass(arg.K) }, t] } : { ...arg, K: this.regclass(arg.K) };
    // A constant compares as PostgreSQL prints it back ('30 DAY'::interval is stored '30 days'::interval).
    if (!this.typed && arg?.K !== undefined && typeof arg.K === 'string') return { ...arg, K: arg.K === 'NULL' ? arg.K : printed(arg.K, t) };
    if (!this.typed && (isConst(arg) || STRIP_CAST_TO.has(t))) return arg;
    return { Cast: [arg, t] };
  }

  private aexpr(v: Payload<'A_Expr'>, scopes: ScopeItem[][]): Canon {
    const op = operatorName(v, this.ctx, (x) => this.typeOf(x, scopes));
    // An untyped literal beside an operand of a known type is read as that type when operator `o` takes two of
    // it (./literal-type.ts), and compares as that type prints it: `span < '1 hour'` is `span < '01:00:00'::interval`.
    const as = (lit: Node | undefined, other: Node | undefined, o: string, array = false): Canon | undefined => {
      const c = this.expr(lit, scopes) as Canon | undefined;
      const text = lit?.A_Const?.sval?.sval;
      if (this.typed || text === undefined || c?.K === undefined) return c;
      const otherType = this.typeOf(other, scopes);
      const t = unknownLiteralType(o, otherType, array);
      // Beside an operand of an extension's type, an operator of that name over two of it (cube's `<>`, hstore's
      // `@>`) reads the literal as that type, printed by its output function: the observer is told (not decided here).
      if (t === undefined && !array && otherType !== undefined && this.ctx.operatorType?.(o.slice(o.lastIndexOf('.') + 1), otherType, otherType, false) !== undefined) constantObserver?.(text, otherType);
      return t === undefined ? c : { ...c, K: constantOutput(text, t, true) ?? c.K };
    };
    const binary = v.kind === 'AEXPR_OP' || v.kind === 'AEXPR_DISTINCT' || v.kind === 'AEXPR_NOT_DISTINCT' || v.kind === 'AEXPR_NULLIF';
    let l = binary ? as(v.lexpr, v.rexpr, op) : this.expr(v.lexpr, scopes);
    // A domain on the left of IN, BETWEEN or = ANY (ARRAY[…]) is cast as an operator's operand is (`(p)::integer =
    // ANY (…)`), the first element or bound standing for the right operand.
    if (!binary && v.lexpr && this.domainOf(v.lexpr, scopes)) {
      const right: Node[] = Array.isArray(v.rexpr) ? (v.rexpr as Node[]) : v.rexpr?.List?.items ?? v.rexpr?.A_ArrayExpr?.elements ?? [];
      const o = v.kind === 'AEXPR_BETWEEN' ? '>=' : v.kind === 'AEXPR_NOT_BETWEEN' ? '<' : op;
      if (right[0]) l = withOperatorCoercions(o, v.lexpr, right[0], l as Canon | undefined, l as Canon | undefined, (x) => this.typeOf(x, scopes), (c, t) => this.cast(c, t), (x) => this.domainOf(x, scopes))[0];
    }
    // Rows compared with `=` / `<>` (and a row IN / NOT IN a list of rows) are stored by PostgreSQL as the pairwise
    // comparisons joined by AND / OR (make_row_comparison_op): `(a, b) <> (1, 2)` prints `a <> 1 OR b <> 2`.
    const rowCompare = (r: Node | undefined, o: string): Canon | undefined => {
      const la = v.lexpr?.RowExpr?.args, ra = r?.RowExpr?.args;
      if ((o !== '=' && o !== '<>') || !la || !ra || la.length !== ra.length) return undefined;
      const pairs: Canon[] = la.map((x: Node, i: number) => ({ Op: ['', o, as(x, ra[i], o), as(ra[i], x, o)] }));
      return joined(o === '=' ? 'AND_EXPR' : 'OR_EXPR', pairs);
    };
    switch (v.kind) {
      case 'AEXPR_IN': {
        const list: Node[] = Array.isArray(v.rexpr) ? v.rexpr : v.rexpr?.List?.items ?? [v.rexpr!];
        const rows = list.map((e) => rowCompare(e, op));
        // `=` or `<>`, an extension's or the file's written qualified (./user-operator.ts).
        const eq = op.split('.').pop() === '=';
        const bool = eq ? 'OR_EXPR' : 'AND_EXPR';
        if (rows.every((x) => x !== undefined)) return joined(bool, rows as Canon[]);
        // transformAExprIn: the elements that read no column become one `= ANY (ARRAY[…])` when there are two or
        // more of them; every other element is its own comparison (`x IN ('a')` is stored `x = 'a'`).
        const free = list.filter((e) => !JSON.stringify(e).includes('"ColumnRef"'));
        const one = (e: Node): Canon => ({ Op: ['', op, l, as(e, v.lexpr, op)] });
        if (free.length < 2) return joined(bool, list.map(one));
        const any: Canon = { Op: [eq ? 'ANY' : 'ALL', op, l, { Arr: free.map((e) => as(e, v.lexpr, op)) }] };
        const inAny = new Set(free); // a Set: a list may hold a million elements (test/safety/fuzz.test.ts)
        return joined(bool, [any, ...list.filter((e) => !inAny.has(e)).map(one)]);
      }
      case 'AEXPR_BETWEEN': case 'AEXPR_NOT_BETWEEN': {
        const [lo, hi] = Array.isArray(v.rexpr) ? (v.rexpr as Node[]) : v.rexpr!.List!.items!;
        // Each comparison's operator as the file's or an extension's when it resolves to one (./user-operator.ts).
        const cmp = (o: string, bound: Node | undefined) => operatorName({ kind: 'AEXPR_OP', name: [{ String: { sval: o } }], lexpr: v.lexpr, rexpr: bound }, this.ctx, (x) => this.typeOf(x, scopes));
        return v.kind === 'AEXPR_BETWEEN'
          ? { Bool: ['AND_EXPR', { Op: ['', cmp('>=', lo), l, as(lo, v.lexpr, '>=')] }, { Op: ['', cmp('<=', hi), l, as(hi, v.lexpr, '<=')] }] }
          : { Bool: ['OR_EXPR', { Op: ['', cmp('<', lo), l, as(lo, v.lexpr, '<')] }, { Op: ['', cmp('>', hi), l, as(hi, v.lexpr, '>')] }] };
      }
      case 'AEXPR_OP_ANY': return { Op: ['ANY', op, l, as(v.rexpr, v.lexpr, op, true)] };
      case 'AEXPR_OP_ALL': return { Op: ['ALL', op, l, as(v.rexpr, v.lexpr, op, true)] };
      // Operands coerced to the chosen operator's argument types, casts shown as PostgreSQL prints them (./coercion.ts).
      case 'AEXPR_OP': return rowCompare(v.rexpr, op) ?? { Op: ['', op, ...withOperatorCoercions(op, v.lexpr, v.rexpr, l as Canon | undefined, as(v.rexpr, v.lexpr, op), (x) => this.typeOf(x, scopes), (c, t) => this.cast(c, t), (x) => this.domainOf(x, scopes))] };
      // PostgreSQL up to 17 stores `a IS NOT DISTINCT FROM b` as `NOT (a IS DISTINCT FROM b)` and prints that.
      case 'AEXPR_NOT_DISTINCT': return { Bool: ['NOT_EXPR', { Op: ['AEXPR_DISTINCT', op, l, as(v.rexpr, v.lexpr, op)] }] };
      case 'AEXPR_LIKE': case 'AEXPR_ILIKE': case 'AEXPR_SIMILAR':
        return { Op: ['', op, l, this.expr(v.rexpr, scopes)] };
      default:
        return { Op: [v.kind, op, l, binary ? as(v.rexpr, v.lexpr, op) : this.expr(v.rexpr, scopes)] };
    }
  }

  /**
   * The type of an operand when it is plain to tell: a column whose relation's types are known (or, over one
   * row, the context's `columnType`), a cast. A Model type spelling; undefined otherwise.
   */
  protected typeOf(n: Node | undefined, scopes: ScopeItem[][]): string | undefined {
    if (n?.TypeCast?.typeName) return canonicalType(n.TypeCast.typeName, (names) => this.ctx.type?.(names));
    const fields = n?.ColumnRef?.fields;
    if (fields) return columnFact(fields, scopes, (item, i) => item.types?.[i], (col) => this.ctx.columnType?.(col));
    if (!n) return undefined;
    // Remembered per node (and scope list): each level of nested operators, CASE or COALESCE asks for its
    // operands' types, which would otherwise be typed again at every level above them (quadratic in the depth).
    const seen = this.types.get(n);
    if (seen && seen.scopes === scopes) return seen.type;
    const type = exprType(n, (x) => this.typeOf(x, scopes), this.ctx);
    this.types.set(n, { scopes, type });
    return type;
  }

  /** `typeOf`'s results, by node. */
  private readonly types = new WeakMap<Node, { scopes: ScopeItem[][]; type: string | undefined }>();

  /** Whether an operand is a column of a domain type (its `typeOf` is then the base type, which PostgreSQL casts it to). */
  private domainOf(n: Node | undefined, scopes: ScopeItem[][]): boolean {
    const fields = n?.ColumnRef?.fields;
    return !!fields && !!columnFact(fields, scopes, (item, i) => item.domains?.[i], (col) => this.ctx.columnDomain?.(col));
  }


  private func(v: Payload<'FuncCall'>, scopes: ScopeItem[][]): Canon {
    const names: string[] = v.funcname!.map(sv);
    const name = this.typed ? names.join('.') : names[names.length - 1]!;
    let args: Canon[] = (v.args ?? []).map((a) => this.expr(a, scopes));
    if ((name === 'nextval' || name === 'currval' || name === 'setval') && args[0]?.K !== undefined) args = [{ K: this.regclass(args[0].K) }, ...args.slice(1)];
    // A name given as text (`nextval('s'::text)`) is looked up at each call, not bound to a relation: PostgreSQL stores
    // it `nextval(('s'::text)::regclass)`, and it compares by the name as written.
    const late = name === 'nextval' || name === 'currval' || name === 'setval' ? lateSequenceName(v.args?.[0]) : undefined;
    if (late !== undefined) args = [{ Late: late }, ...args.slice(1)];
    // Arguments coerced to the chosen signature's types, trailing ones merged into VARIADIC ARRAY[…] (./coercion.ts).
    const own = this.ctx.functions?.(names) ?? [];
    const co = own.length ? userVariadicCoercions(v, own, (x) => this.typeOf(x, scopes), (x) => this.domainOf(x, scopes))
      : functionCoercions(v, (x) => this.typeOf(x, scopes), (x) => this.domainOf(x, scopes), false);
    if (co) {
      args = args.map((a, i) => (co.casts[i] === undefined ? a : this.cast(a, co.casts[i]!) ?? a));
      if (co.variadicFrom !== undefined) args = [...args.slice(0, co.variadicFrom), { Arr: args.slice(co.variadicFrom) }];
    }
    return {
      Fn: [name, args, v.agg_star ? '*' : '', v.agg_distinct ? 'DISTINCT' : '', v.func_variadic || co?.variadicFrom !== undefined ? 'VARIADIC' : '',
        v.agg_order ? this.expr(v.agg_order, scopes) : '', v.agg_filter ? this.expr(v.agg_filter, scopes) : '', v.over ? this.expr({ WindowDef: v.over }, scopes) : '',
        v.agg_within_group ? 'WITHIN GROUP' : '',
        // A call in SQL syntax (`x AT TIME ZONE z`, `SUBSTRING(s FROM 1)`, `TRIM(BOTH FROM s)`) is stored apart from
        // the same function called by name (`timezone(z, x)`) since PostgreSQL 14, and printed as written.
        ...(v.funcformat === 'COERCE_SQL_SYNTAX' ? ['SQL'] : [])],
    };
  }

  /** A regclass literal (`'app.seq'`, `'"My Seq"'`, `'seq'`) → the relation's key. */
  private regclass(lit: string): string {
    // One of pg_catalog's relations ('pg_catalog.pg_class'): printed bare, pg_catalog being searched first.
    const builtin = regConstantOutput(lit, 'regclass');
    if (builtin !== undefined) return builtin;
    const parts = splitQualified(lit, true);
    const r = this.ctx.relation?.(parts);
    if (r) return r.key;
    return parts.length === 2 ? qualifiedKey(parts[0]!, parts[1]!) : parts.join('.');
  }

  /** The columns of a relation, when the context knows them. */
  columnsOf(v: Payload<'RangeVar'> | undefined): readonly string[] | undefined {
    const names = [v?.schemaname, v?.relname].filter((x) => x !== undefined && x !== '') as string[];
    return names.length ? this.ctx.relation?.(names)?.columns : undefined;
  }

  protected relKey(v: Payload<'RangeVar'>): string {
    const names = [v.catalogname, v.schemaname, v.relname].filter((x) => x !== undefined && x !== '') as string[];
    return this.ctx.relation?.(names)?.key ?? (names.length >= 2 ? qualifiedKey(names[names.length - 2]!, names[names.length - 1]!) : names.join('.'));
  }

  /** A reference to a parameter of the function whose body this is (`p`, `f.p`), when it is one. */
  private param(parts: readonly string[]): Canon | undefined {
    const p = this.params;
    const name = !p ? undefined : parts.length === 1 ? parts[0] : parts.length === 2 && parts[0] === p.fn ? parts[1] : undefined;
    return name && p!.names.includes(name) ? { Param: name } : undefined;
  }

  private column(fields: Node[], scopes: ScopeItem[][]): Canon {
    const parts = fields.map(sv);
    if (scopes.length === 0) return this.param(parts) ?? { Col: parts };
    // Resolve against the innermost scope first, then outer ones (correlated references).
    for (let depth = scopes.length - 1; depth >= 0; depth--) {
      const scope = scopes[depth]!;
      if (parts.length >= 2) {
        const qual = parts[parts.length - 2]!;
        const item = scope.find((s) => s.refname === qual);
        if (item) return { Col: [`${scopes.length - 1 - depth}:${item.name ?? item.refname}`, parts[parts.length - 1]!] };
      } else {
        const col = parts[0]!;
        let hits = scope.filter((s) => s.columns?.includes(col) && !s.hidden?.has(col));
        if (!hits.length && SYSTEM_COLUMNS.has(col)) hits = scope.filter((s) => s.system);
        if (hits.length === 1) return { Col: [`${scopes.length - 1 - depth}:${hits[0]!.name ?? hits[0]!.refname}`, col] };
        if (hits.length > 1) return { Col: parts };
      }
    }
    const param = this.param(parts);
    if (param) return param;
    // A bare name no column of any level has is a whole-row reference to the relation of that name (`row_to_json(r)`
    // prints `row_to_json(r.*)`), when every column in reach is known (else it could be a column).
    if (parts.length === 1 && scopes.every((sc) => sc.every((i) => i.columns))) {
      for (let depth = scopes.length - 1; depth >= 0; depth--) {
        const item = scopes[depth]!.find((i) => i.refname === parts[0]);
        if (item) return { Col: [`${scopes.length - 1 - depth}:${item.name ?? item.refname}`, '*'] };
      }
    }
    return { Col: parts };
  }

  /** A query (a SELECT node or payload) normalised, `outer`: the levels around it (./normalize.ts). */
  abstract query(n: Node | undefined, outer?: ScopeItem[][]): Canon | undefined;
  /** A rule's (or a SQL-standard body's) INSERT / UPDATE / DELETE, its columns resolved (./normalize.ts). */
  abstract ruleAction(a: Node, rows: ScopeItem[]): Canon | undefined;
}

/** The name in `'s'::text` (or `('s'::text)::regclass`, as PostgreSQL prints it back): a sequence named at each call. */
function lateSequenceName(n: Node | undefined): string | undefined {
  const isRegclass = (t: Payload<'TypeName'> | undefined) => (t?.names ?? []).map(sv).at(-1) === 'regclass';
  let x = n;
  if (x?.TypeCast && isRegclass(x.TypeCast.typeName)) x = x.TypeCast.arg;
  if (!x?.TypeCast || isRegclass(x.TypeCast.typeName)) return undefined;
  return x.TypeCast.arg?.A_Const?.sval?.sval;
}
