/**
 * Canonical forms of whole statements and definitions kept as text: CREATE INDEX / TRIGGER / FUNCTION / RULE,
 * table constraints, partition bounds. Built on the expression and query normaliser (./normalize.ts): what
 * PostgreSQL's deparsed text omits (default options, ASC, the default NULLS order, NOT VALID, default FK
 * actions) is dropped so the user's spelling and pg_dump's compare equal.
 *
 * In:  statement texts or parse nodes. Out: strings, compared as JSON.
 * Never: does I/O. Results without a context are cached.
 */
import { parseOne, tagged, type TaggedStatement } from './pg.js';
import type { Node, Payload } from './ast.js';
import { Normalizer } from './normalize.js';
import { NONE, type NormalizeContext } from './normalize-context.js';
import { gucName, optValue, type Canon, type ScopeItem } from './normalize-parts.js';
import { sv } from './colname.js';
import { cached, normalizeExpr } from './normalize-forms.js';
import { routineTypeName } from './typename.js';
import { operatorMembers, type OperatorSchemaContext } from './user-operator.js';
import type { UserFunction } from './expr-type.js';

const sortedOpts = (list: Node[] | undefined): string[] =>
  (list ?? []).map((o) => o.DefElem).filter((d) => !!d).map((d) => `${d.defname}=${d.arg === undefined ? 'true' : optValue(d.arg)}`).sort();

/** Statement-specific defaults dropped before comparing (what PostgreSQL's deparsed text omits). */
function canonicalStatementNode(s: TaggedStatement, n: Normalizer, ctx: NormalizeContext = NONE): Canon {
  const { type, node: v } = s;
  switch (type) {
    case 'IndexStmt':
      return {
        Index: [v.idxname, n.expr({ RangeVar: v.relation }), v.relation?.inh !== true ? 'ONLY' : '', v.accessMethod ?? 'btree', !!v.unique, !!v.nulls_not_distinct,
          (v.indexParams ?? []).map((p) => indexElem(p.IndexElem!, n)), (v.indexIncludingParams ?? []).map((p) => p.IndexElem!.name),
          sortedOpts(v.options), v.whereClause ? n.expr(v.whereClause) : ''],
      };
    case 'CreateTrigStmt': {
      // WHEN reads the row as NEW and OLD: their columns' types decide its literals and operators (an extension's
      // `<>` over citext, which the catalog prints OPERATOR(public.<>)), when the context knows the table.
      const names = [v.relation?.schemaname, v.relation?.relname].filter((x): x is string => !!x);
      const rel = v.whenClause && names.length ? ctx.relation?.(names) : undefined;
      const row = (refname: string): ScopeItem => ({ refname, columns: rel!.columns, types: rel!.types, domains: rel!.domains });
      return {
        Trigger: [v.trigname, n.expr({ RangeVar: v.relation }), (v.funcname ?? []).map(sv).join('.'), (v.args ?? []).map(sv), !!v.row, v.timing ?? 0, v.events ?? 0,
          (v.columns ?? []).map(sv), v.whenClause ? n.expr(v.whenClause, rel ? [[row('new'), row('old')]] : []) : '', !!v.isconstraint, !!v.deferrable, !!v.initdeferred,
          v.transitionRels ? n.expr(v.transitionRels) : '', v.constrrel ? n.expr({ RangeVar: v.constrrel }) : ''],
      };
    }
    case 'CreateFunctionStmt': {
      const o: Record<string, string> = {};
      let body: unknown = '';
      const config: string[] = [];
      for (const d of (v.options ?? []).map((x) => x.DefElem!)) {
        if (d.defname === 'as') body = (d.arg!.List?.items ?? [d.arg!]).map((x) => sv(x).trim());
        else if (d.defname === 'set') config.push(JSON.stringify(n.expr({ VariableSetStmt: { ...d.arg!.VariableSetStmt, name: gucName(d.arg!.VariableSetStmt?.name ?? '') } })));
        else o[d.defname!] = d.arg === undefined ? 'true' : optValue(d.arg).toLowerCase();
      }
      const lang = o.language ?? 'sql';
      const defaults: Record<string, string> = { volatility: 'volatile', strict: 'false', security: 'false', leakproof: 'false', parallel: 'unsafe', window: 'false', cost: lang === 'c' || lang === 'internal' ? '1' : '100', rows: '1000' };
      const opts = Object.entries(o).filter(([k, x]) => defaults[k] !== x).map(([k, x]) => `${k}=${x}`).sort();
      // A SQL-standard body reads its parameters by name or position: compared as parameters (Normalizer.params).
      const params = (v.parameters ?? []).map((p) => p.FunctionParameter!).filter((f) => f.mode !== 'FUNC_PARAM_OUT' && f.mode !== 'FUNC_PARAM_TABLE');
      n.params = v.sql_body ? { fn: sv(v.funcname?.[v.funcname.length - 1]), names: params.map((f) => f.name ?? '') } : undefined;
      const sqlBody = v.sql_body ? n.expr(v.sql_body) : '';
      n.params = undefined;
      // A function with OUT parameters and no RETURNS: PostgreSQL derives it (the one OUT parameter's type, else
      // record) and pg_get_functiondef prints it, so the two spellings compare equal.
      const outs = (v.parameters ?? []).map((p) => p.FunctionParameter!).filter((f) => f.mode === 'FUNC_PARAM_OUT' || f.mode === 'FUNC_PARAM_INOUT');
      const returns = v.returnType ? n.expr({ TypeName: routineTypeName(v.returnType) }) : v.is_procedure || !outs.length ? '' : outs.length === 1 ? n.expr({ TypeName: routineTypeName(outs[0]!.argType)! }) : { Type: 'record' };
      return {
        Function: [(v.funcname ?? []).map(sv).join('.'), !!v.is_procedure,
          (v.parameters ?? []).map((p) => { const f = p.FunctionParameter!; return [f.name ?? '', f.mode === 'FUNC_PARAM_DEFAULT' ? 'FUNC_PARAM_IN' : f.mode, n.expr({ TypeName: routineTypeName(f.argType)! }), f.defexpr ? n.expr(f.defexpr) : '']; }),
          returns, opts, config.sort(), body, sqlBody],
      };
    }
    case 'RuleStmt': {
      // PostgreSQL prints every column of a rule qualified (`old.id`, `log.id`): a bare column is resolved as it
      // resolves it. In the condition, the event's row is visible bare (INSERT: new, DELETE: old, UPDATE: both,
      // then ambiguous); in an action, OLD and NEW are only visible qualified, a bare column is the action's target's
      // or its FROM/USING items' (parse_utilcmd.c: transformRuleStmt).
      const cols = n.columnsOf(v.relation);
      const ev = v.event;
      const qual: ScopeItem[] = [{ refname: 'old', columns: ev === 'CMD_INSERT' ? undefined : cols }, { refname: 'new', columns: ev === 'CMD_INSERT' || ev === 'CMD_UPDATE' ? cols : undefined }];
      const rows: ScopeItem[] = [{ refname: 'old' }, { refname: 'new' }];
      return {
        Rule: [v.rulename, n.expr({ RangeVar: v.relation }), v.event, !!v.instead, v.whereClause ? n.expr(v.whereClause, [qual]) : '',
          (v.actions ?? []).map((a) => n.ruleAction(a, rows) ?? canonicalStatementNode(tagged(a), n))],
      };
    }
    default:
      return n.expr({ [type]: wrapRelations(v) } as Node);
  }
}

/** A statement's bare `relation` fields (RangeVar nodes without their tag, as in InsertStmt) tagged, so they normalise as relations. */
function wrapRelations(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(wrapRelations);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'relation' && x && typeof x === 'object' && 'relname' in (x as object) ? { RangeVar: x } : wrapRelations(x);
  return out;
}

function indexElem(e: Payload<'IndexElem'>, n: Normalizer): unknown {
  const dir = e.ordering === 'SORTBY_DESC' ? 'DESC' : '';
  const nulls = !e.nulls_ordering || e.nulls_ordering === 'SORTBY_NULLS_DEFAULT' ? '' : (e.nulls_ordering === 'SORTBY_NULLS_FIRST') === (dir === 'DESC') ? '' : e.nulls_ordering;
  return [e.name ?? n.expr(e.expr), (e.opclass ?? []).map(sv).slice(-1).join('.'), (e.collation ?? []).map(sv).filter((x: string) => x !== 'pg_catalog').join('.'), dir, nulls, sortedOpts(e.opclassopts)];
}

/**
 * Canonical form of a CREATE INDEX / CREATE TRIGGER / CREATE FUNCTION statement given as text (cached).
 *
 * @example
 * canonicalStatementText('CREATE INDEX i ON s.t USING btree (a)') === canonicalStatementText('CREATE INDEX i ON s.t (a ASC)') // true
 */
export function canonicalStatementText(text: string, ctx?: NormalizeContext): string {
  const run = () => {
    const p = parseOne(text.trim().replace(/;\s*$/, ''));
    if (!p) return text.trim();
    return JSON.stringify(canonicalStatementNode(p, new Normalizer(ctx ?? NONE), ctx));
  };
  // With a context (relations resolved against a Model) the form depends on the Model: not cached.
  return ctx ? run() : cached(`s\u0000${text}`, run);
}

/**
 * Canonical form of a table constraint's definition (`FOREIGN KEY (a) REFERENCES s.t(id)`, `CHECK ((x > 0))`),
 * NOT VALID and default actions left out (cached). `row`: the table's column types (`columnType`, see
 * NormalizeContext), which decide how a CHECK's untyped literals compare, and a signature of them (`sig`, the cache's;
 * it must tell apart the `operatorSchema` resolutions too, when given: the file's and its extensions' operators).
 *
 * @example
 * canonicalConstraintText("CHECK (span < '1 hour')", { sig: 'span:interval', columnType: () => 'interval' })
 *   === canonicalConstraintText("CHECK ((span < '01:00:00'::interval))") // true
 */
export function canonicalConstraintText(def: string, row?: { readonly sig: string; columnType(name: string): string | undefined; columnDomain?(name: string): boolean; functions?(names: readonly string[]): readonly UserFunction[] } & OperatorSchemaContext): string {
  return cached(`c\u0000${def}${row ? `\u0000${row.sig}` : ''}`, () => {
    const p = parseOne(`ALTER TABLE x ADD ${def.trim()}`);
    const c = (p?.type === 'AlterTableStmt' ? p.node : undefined)?.cmds?.[0]?.AlterTableCmd?.def?.Constraint;
    if (!c) return def.trim();
    const n = new Normalizer(row ? { columnType: (name) => row.columnType(name), columnDomain: (name) => row.columnDomain?.(name) ?? false, ...operatorMembers(row), ...(row.functions ? { functions: row.functions } : {}) } : NONE);
    const out: Record<string, unknown> = {
      contype: c.contype, deferrable: !!c.deferrable, initdeferred: !!c.initdeferred,
      // storage parameters (`WITH (…)`) are not part of the form: the Model keeps them as the constraint's `options`
      keys: (c.keys ?? []).map(sv), including: (c.including ?? []).map(sv), nnd: !!c.nulls_not_distinct,
      // temporal keys and foreign keys (PostgreSQL 18): `WITHOUT OVERLAPS`, `PERIOD`
      ...(c.without_overlaps ? { withoutOverlaps: true } : {}),
      fk: c.contype === 'CONSTR_FOREIGN' ? [(c.fk_attrs ?? []).map(sv), n.expr({ RangeVar: c.pktable }), (c.pk_attrs ?? []).map(sv), c.fk_matchtype ?? 's', c.fk_upd_action ?? 'a', c.fk_del_action ?? 'a', ...(c.fk_with_period ? ['PERIOD'] : [])] : undefined,
      check: c.raw_expr ? n.expr(c.raw_expr) : undefined, noInherit: !!c.is_no_inherit,
      excl: c.exclusions ? c.exclusions.map((x) => { const l = (x.List?.items ?? x) as Node[]; return [indexElem(l[0]!.IndexElem!, n), ((l[1]?.List?.items ?? l[1] ?? []) as Node[]).map(sv).join('.')]; }) : undefined,
      method: c.access_method, where: c.where_clause ? n.expr(c.where_clause) : undefined,
    };
    return JSON.stringify(out);
  });
}

/** Canonical form of a partition bound given as text (`FOR VALUES FROM (…) TO (…)`, `DEFAULT`). */
export function canonicalBoundText(text: string): string {
  return cached(`b\u0000${text}`, () => {
    const p = parseOne(`CREATE TABLE x PARTITION OF y ${text.trim()}`);
    const b = (p?.type === 'CreateStmt' ? p.node : undefined)?.partbound;
    if (!b) return text.trim();
    return boundOf(b);
  });
}

/** Canonical form of a PartitionBoundSpec node. */
export function boundOf(b: Payload<'PartitionBoundSpec'>): string {
  if (b.is_default) return 'DEFAULT';
  const d = (x: Node) => {
    const f = x?.ColumnRef?.fields?.map(sv);
    if (f?.length === 1 && (f[0] === 'minvalue' || f[0] === 'maxvalue')) return f[0].toUpperCase();
    // A timestamp with a UTC offset is one instant however the server's TimeZone prints it.
    const s = x?.A_Const?.sval?.sval ?? x?.TypeCast?.arg?.A_Const?.sval?.sval;
    const m = typeof s === 'string' ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2}(?::?\d{2})?)$/.exec(s) : null;
    if (m) {
      const off = m[3]!.length === 3 ? `${m[3]}:00` : m[3]!.includes(':') ? m[3]! : `${m[3]!.slice(0, 3)}:${m[3]!.slice(3)}`;
      const t = Date.parse(`${m[1]}T${m[2]}${off}`);
      if (!Number.isNaN(t)) return JSON.stringify({ K: new Date(t).toISOString() });
    }
    return normalizeExpr(x);
  };
  if (b.strategy === 'h') return `HASH ${b.modulus} ${b.remainder ?? 0}`;
  if (b.strategy === 'l') return `IN ${JSON.stringify((b.listdatums ?? []).map(d))}`;
  return `RANGE ${JSON.stringify((b.lowerdatums ?? []).map(d))} ${JSON.stringify((b.upperdatums ?? []).map(d))}`;
}
