/**
 * Canonical forms of expressions and queries, derived from the parse tree, so that the user's spelling
 * and PostgreSQL's (`pg_get_expr`, `pg_get_viewdef`, `pg_get_indexdef` …) compare equal:
 *   - locations and redundant parentheses disappear (they are not in the tree);
 *   - casts PostgreSQL adds implicitly are dropped: any cast of a constant (`'active'::character varying`,
 *     `(0)::numeric`, `'{}'::jsonb`), casts to text/varchar (`(status)::text`), and constants compare by value;
 *   - `x IN (…)` → `x = ANY (ARRAY[…])`, `BETWEEN` → `>= AND <=`, `LIKE` → `~~`, nested AND/OR flattened;
 *   - type names in their format_type spelling; function names without schema; `nextval('seq')` with the
 *     sequence resolved; ASC / default NULLS ordering dropped;
 *   - in queries: column references resolved to the FROM item they read, `*` expanded, output names made
 *     explicit, `GROUP BY 1` / `ORDER BY alias` replaced by the expression they stand for.
 *
 * In:  parse nodes and an optional context to resolve relations. Out: a Canon (compared as JSON; the entry points
 * from a node or a text to that string, the text forms cached, are ./normalize-forms.ts).
 * Never: does I/O.
 */
import type { Node, Payload } from './ast.js';
import { levelRefNames, VIEW_LEVEL } from './ref-names.js';
import { figureColname, sv } from './colname.js';
import { rangeFunctionColumns } from './expr-type.js';
import { itemStarColumns, joinStarColumns, type StarColumn } from './join-columns.js';
import { type Canon, type ScopeItem, mergeAlias, outputNames, targetNames } from './normalize-parts.js';
import type { NormalizeContext } from './normalize-context.js';
import { ExprNormalizer } from './normalize-expr.js';

export { optValue, type Canon, type ScopeItem } from './normalize-parts.js';
export { NONE, SEQUENCE_COLUMNS, type NormalizeContext } from './normalize-context.js';
export { sv };

/**
 * The normaliser (shared with ./normalize-statements.ts, which adds the statement-level forms): the query half
 * here (FROM items, SELECT, CTEs, set operations, rule actions), the expression half inherited (./normalize-expr.ts).
 */
export class Normalizer extends ExprNormalizer {
  /** CTE names in scope → their output columns. */
  private ctes = new Map<string, readonly string[] | undefined>();
  /** CTE names in scope → their output columns' types, when known (an expression over one is typed: ./coercion.ts). */
  private cteTypes = new Map<string, readonly (string | undefined)[]>();
  /** The output columns' types of the SELECT normalised last (read by `query` for a CTE's body). */
  private outTypes: (string | undefined)[] | undefined;
  /** The printed names of the FROM items of each enclosing query level (./ref-names.ts), innermost last. */
  private levels: string[][] = [];

  /** The output columns' types of the SELECT normalised last (a set operation's: its last branch's). */
  get outputTypes(): readonly (string | undefined)[] | undefined {
    return this.outTypes;
  }

  /**
   * A rule's INSERT / UPDATE / DELETE action, its bare columns resolved against its target (by its alias or name)
   * and its FROM / USING items, `rows` (OLD, NEW) visible qualified only; undefined for another statement.
   */
  ruleAction(a: Node, rows: ScopeItem[]): Canon | undefined {
    const type = a.InsertStmt ? 'InsertStmt' : a.UpdateStmt ? 'UpdateStmt' : a.DeleteStmt ? 'DeleteStmt' : undefined;
    if (!type) return undefined;
    const st = (a as Record<string, Record<string, unknown>>)[type]!;
    const rv = st.relation as Payload<'RangeVar'> | undefined;
    const target: ScopeItem = { refname: rv?.alias?.aliasname ?? rv?.relname ?? '', columns: this.columnsOf(rv) };
    const fromKey = type === 'UpdateStmt' ? 'fromClause' : type === 'DeleteStmt' ? 'usingClause' : undefined;
    const { items, nodes } = this.fromItems(fromKey ? (st[fromKey] as Node[] | undefined) : undefined, [rows]);
    const scopes = [[...rows, target, ...items]];
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(st)) {
      if (k === 'location' || k === 'stmt_location' || k === 'stmt_len') continue;
      if (k === fromKey) out[k] = nodes;
      else if (k === 'relation') out[k] = this.expr({ RangeVar: x as Payload<'RangeVar'> });
      else out[k] = typeof x === 'object' ? this.expr(x as Node, scopes) : x;
    }
    return { [type]: out };
  }

  /**
   * FROM items of a select, with the names they are referenced by and (when known) their columns; `printed`: the
   * names PostgreSQL prints for them (./ref-names.ts), an item's alias in the canonical form when it differs from
   * the relation's name.
   */
  private fromItems(from: Node[] | undefined, scopes: ScopeItem[][], printed: ReadonlyMap<object, string> = new Map()): { items: ScopeItem[]; nodes: Canon[]; star: (StarColumn[] | undefined)[] } {
    const items: ScopeItem[] = [];
    const nodes: Canon[] = []; // and what each FROM item gives `*` (./join-columns.ts), by its node:
    const starOf = new Map<Node, StarColumn[] | undefined>();
    const named = (refname: string, key: object, columns?: readonly string[]): ScopeItem => {
      const name = printed.get(key);
      return { refname, ...(name !== undefined && name !== refname ? { name } : {}), ...(columns ? { columns } : {}) };
    };
    const walk = (f: Node): Canon => {
      if (f.RangeVar) {
        const v = f.RangeVar;
        const names = [v.schemaname, v.relname].filter(Boolean) as string[];
        const rel: ReturnType<NonNullable<NormalizeContext['relation']>> = !v.schemaname && this.ctes.has(v.relname!) ? { key: `cte:${v.relname}`, columns: this.ctes.get(v.relname!), types: this.cteTypes.get(v.relname!) } : this.ctx.relation?.(names);
        const aliasCols = v.alias?.colnames?.map(sv);
        const item = named(v.alias?.aliasname ?? v.relname!, v, aliasCols?.length ? mergeAlias(rel?.columns, aliasCols) : rel?.columns);
        if (rel?.types) item.types = rel.types;
        if (rel && 'domains' in rel && rel.domains) item.domains = rel.domains;
        if (rel?.system) item.system = true;
        if (rel?.partial) item.partial = true;
        items.push(item);
        starOf.set(f, itemStarColumns(item));
        // PostgreSQL prints an alias the user gave, and the name it picked when it is not the relation's own.
        const alias = v.alias ? item.name ?? v.alias.aliasname! : item.name ?? '';
        return { Rel: [rel?.key ?? this.relKey(v), alias, aliasCols ?? [], v.inh !== true ? 'ONLY' : ''] };
      }
      if (f.RangeSubselect) {
        const v = f.RangeSubselect;
        const q = v.subquery; // its columns: as written, else once its own `*` are expanded
        const sub = this.query(q, v.lateral ? [...scopes, items.slice()] : scopes);
        const cols = (q?.SelectStmt ? outputNames(q.SelectStmt) : undefined) ?? targetNames(sub);
        const aliasCols = v.alias?.colnames?.map(sv);
        const item = named(v.alias?.aliasname ?? '', v, aliasCols?.length ? mergeAlias(cols, aliasCols) : cols);
        items.push(item);
        starOf.set(f, itemStarColumns(item));
        return { Sub: [sub, item.name ?? v.alias?.aliasname ?? '', aliasCols ?? [], v.lateral ? 'LATERAL' : ''] };
      }
      if (f.JoinExpr) {
        const v = f.JoinExpr;
        const l = walk(v.larg!);
        const r = walk(v.rarg!);
        // USING's (NATURAL's) merged columns; PostgreSQL prints NATURAL as USING the common columns.
        const merged = joinStarColumns(v, starOf.get(v.larg!), starOf.get(v.rarg!), items);
        const quals = v.quals ? this.expr(v.quals, [...scopes, items]) : undefined;
        const item = v.alias ? named(v.alias.aliasname!, v, merged.columns?.map((c) => c.name)) : undefined;
        if (item) items.push(item);
        starOf.set(f, merged.columns);
        const natural = v.isNatural && !merged.using;
        return { Join: [v.jointype, natural ? 'NATURAL' : '', l, r, merged.using ?? [], quals ?? '', item ? item.name ?? item.refname : ''] };
      }
      if (f.RangeFunction) {
        const v = f.RangeFunction;
        const first = (v.functions?.[0]?.List?.items ?? [])[0]?.FuncCall;
        // A function in FROM reads the items before it (implicitly LATERAL); its columns: ./expr-type.ts.
        const inner = [...scopes, items.slice()];
        const cols = rangeFunctionColumns(v, (x) => this.typeOf(x, inner), this.ctx);
        const item = named(v.alias?.aliasname ?? (first ? sv(first.funcname![first.funcname!.length - 1]) : ''), v, cols?.columns);
        if (cols) item.types = cols.types;
        items.push(item);
        starOf.set(f, itemStarColumns(item));
        return { RangeFunction: this.expr(v.functions, inner) };
      }
      return this.expr(f, scopes);
    };
    for (const f of from ?? []) nodes.push(walk(f));
    return { items, nodes, star: (from ?? []).map((f) => starOf.get(f)) };
  }

  query(n: Node | undefined, outer: ScopeItem[][] = []): Canon | undefined {
    if (!n) return n;
    const s: Payload<'SelectStmt'> = n.SelectStmt ?? (n as Payload<'SelectStmt'>); // a bare SelectStmt payload (larg/rarg) too
    const setOp = s.op && s.op !== 'SETOP_NONE';
    if (setOp && !s.withClause) return this.setOp(s, outer, []);
    if (s.valuesLists) return { Values: s.valuesLists.map((l) => this.expr(l.List?.items ?? l, outer)) };
    const savedCtes = this.ctes;
    this.ctes = new Map(savedCtes);
    const savedTypes = this.cteTypes;
    this.cteTypes = new Map(savedTypes);
    // This level's printed names: its CTE bodies, subqueries and sublinks are named after them (ruleutils).
    const printed = levelRefNames(setOp ? undefined : s.fromClause, this.levels.flat());
    this.levels.push([...printed.values()]);
    try {
      const ctes = (s.withClause?.ctes ?? []).map((c) => {
        const cte = c.CommonTableExpr!;
        const q = cte.ctequery?.SelectStmt;
        const alias = (cte.aliascolnames ?? []).map(sv);
        // A recursive CTE reads itself by its alias list's names.
        if (s.withClause?.recursive && alias.length) this.ctes.set(cte.ctename!, alias);
        this.outTypes = undefined;
        const body = this.query(cte.ctequery, outer);
        const cols = (q ? outputNames(q) : undefined) ?? targetNames(body);
        const out = { Cte: [cte.ctename, alias, body] };
        this.ctes.set(cte.ctename!, alias.length ? mergeAlias(cols, alias) : cols);
        const types = this.outTypes as (string | undefined)[] | undefined;
        // A set operation's columns have the branches' common type (not modelled): left untyped.
        if (cols && types?.length === cols.length && (!q!.op || q!.op === 'SETOP_NONE')) this.cteTypes.set(cte.ctename!, types);
        else this.cteTypes.delete(cte.ctename!);
        return out;
      });
      // A WITH over a set operation (`WITH x AS (…) SELECT … UNION SELECT …`): its CTEs are seen by every branch.
      return setOp ? this.setOp(s, outer, ctes) : this.select(s, outer, ctes, printed);
    } finally {
      this.ctes = savedCtes;
      this.cteTypes = savedTypes;
      this.levels.pop();
    }
  }

  /** A set operation (UNION, INTERSECT, EXCEPT): its branches, ORDER BY, LIMIT and OFFSET, and the WITH over it. */
  private setOp(s: Payload<'SelectStmt'>, outer: ScopeItem[][], ctes: Canon[]): Canon {
    const limit = s.limitCount || s.limitOffset ? [s.limitCount ? this.expr(s.limitCount, outer) : '', s.limitOffset ? this.expr(s.limitOffset, outer) : ''] : [];
    return { SetOp: [s.op, s.all ? 'ALL' : '', this.query(s.larg as Node, outer), this.query(s.rarg as Node, outer), (s.sortClause ?? []).map((x) => this.expr(x, outer)), ...(ctes.length ? [ctes] : []), ...limit] };
  }

  /** A view's query: named as if the view rule's OLD and NEW came first (./ref-names.ts `VIEW_LEVEL`). */
  viewQuery(n: Node | undefined): Canon | undefined {
    this.levels.push([...VIEW_LEVEL]);
    try {
      return this.query(n);
    } finally {
      this.levels.pop();
    }
  }

  /**
   * `n` normalised inside a query level whose FROM items are `scope` (a policy's table, a function's parameters):
   * bare columns resolve to them and a subquery's FROM items are named after them.
   */
  exprIn(n: Node, scope: ScopeItem[]): Canon {
    this.levels.push(scope.map((i) => i.name ?? i.refname).filter((x) => x !== ''));
    try {
      return this.expr(n, [scope]);
    } finally {
      this.levels.pop();
    }
  }

  private select(s: Payload<'SelectStmt'>, outer: ScopeItem[][], ctes: Canon[], printed: ReadonlyMap<object, string>): Canon {
    const { items, nodes, star } = this.fromItems(s.fromClause, outer, printed);
    const scopes = [...outer, items];
    // Targets: `*` expanded where the columns are known, explicit output names.
    const targets: Canon[] = [];
    const raw: { name: string; val: Node }[] = [];
    for (const t of s.targetList ?? []) {
      const rt = t.ResTarget!;
      const fields = rt.val?.ColumnRef?.fields;
      if (fields && sv(fields[fields.length - 1]) === '*') {
        const qual = fields.length > 1 ? sv(fields[fields.length - 2]) : undefined;
        // A bare `*`: each FROM item's columns (a join's merged once: ./join-columns.ts); `q.*`: that item's.
        const from = qual ? items.filter((i) => i.refname === qual).map(itemStarColumns) : star;
        if (from.length && from.every((c) => c)) {
          for (const c of from.flat() as StarColumn[]) raw.push({ name: c.name, val: { ColumnRef: { fields: c.ref.map((x) => ({ String: { sval: x } })) } } });
          continue;
        }
      }
      raw.push({ name: rt.name ?? figureColname(rt.val), val: rt.val! });
    }
    for (const r of raw) targets.push({ T: [r.name, this.expr(r.val, scopes)] });
    // GROUP BY 1 / ORDER BY 1 and ORDER BY <output name> stand for the target expression.
    const byPosition = (x: Node | undefined): Node | undefined => {
      const k = x?.A_Const?.ival;
      if (k !== undefined && raw[(k.ival ?? 0) - 1]) return raw[(k.ival ?? 0) - 1]!.val;
      return x;
    };
    const sortKey = (x: Node): Node => {
      const sb = x.SortBy;
      if (!sb) return x;
      let node = byPosition(sb.node);
      const f = node?.ColumnRef?.fields;
      if (f?.length === 1) {
        const hit = raw.find((r) => r.name === sv(f[0]));
        if (hit && !items.some((i) => i.columns?.includes(sv(f[0])))) node = hit.val;
      }
      return { SortBy: { ...sb, node } };
    };
    // GROUP BY <name> is an input column first and the output column of that name only when no input column has it
    // (PostgreSQL's findTargetlistEntrySQL92: `GROUP BY date` over `created_at::date AS date` groups by the expression).
    const groupKey = (x: Node): Node | undefined => {
      const node = byPosition(x);
      const f = node?.ColumnRef?.fields;
      if (f?.length !== 1 || !f[0]?.String) return node;
      const hit = raw.find((r) => r.name === sv(f[0]));
      return hit && items.every((i) => i.columns && !i.columns.includes(sv(f[0]))) ? hit.val : node;
    };
    const out = {
      Select: {
        with: ctes, distinct: s.distinctClause ? this.expr(s.distinctClause.filter((x) => Object.keys(x ?? {}).length), scopes) : undefined,
        targets, from: nodes, where: s.whereClause ? this.expr(s.whereClause, scopes) : undefined,
        group: (s.groupClause ?? []).map((g) => this.expr(groupKey(g), scopes)), having: s.havingClause ? this.expr(s.havingClause, scopes) : undefined,
        window: s.windowClause ? this.expr(s.windowClause, scopes) : undefined,
        sort: (s.sortClause ?? []).map((x) => this.expr(sortKey(x), scopes)),
        limit: s.limitCount ? this.expr(s.limitCount, scopes) : undefined, offset: s.limitOffset ? this.expr(s.limitOffset, scopes) : undefined,
        locking: s.lockingClause ? this.expr(s.lockingClause, scopes) : undefined,
      },
    };
    // Set last (subqueries above normalise SELECTs too): a CTE's body gives its columns' types.
    this.outTypes = raw.map((r) => this.typeOf(r.val, scopes));
    return out;
  }
}
