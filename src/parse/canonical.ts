/**
 * The Model's canonical forms, written at the edges: the parser (./fold.ts) and the inspector
 * (src/inspect) both call these, so every expression, definition and index of a Model is in one form
 * whichever edge made it, and `diff` compares two Models without a parser.
 *
 *  - an expression's `canonical` is its normalised parse tree (./normalize.ts);
 *  - a definition kept as text (constraints, triggers, functions, rules) gets its text's canonical form;
 *  - an index gets structured keys (column or expression, operator class and its parameters, collation,
 *    DESC, NULLS), INCLUDE columns and predicate, read from its statement's parse tree;
 *  - a view's query is normalised with the relations of the Model it belongs to.
 *
 * In:  texts as PostgreSQL prints them (pg_get_expr, pg_get_indexdef …) or parse nodes.
 * Out: Model fields. Never: does I/O; the parser's wasm must be loaded (`loadLibpg`).
 */
import { catalogRelation } from './catalog-relations.js';
import { qualifiedKey } from '../model/names.js';
import type { Constraint, Expr, Func, Index, IndexKey, Model, Rule, Table, Trigger, View } from '../model/types.js';
import { SEQUENCE_COLUMNS, type NormalizeContext } from './normalize-context.js';
import { canonicalExprText, canonicalExprTextIn, canonicalQueryForms, canonicalQueryText, normalizeExpr } from './normalize-forms.js';
import { canonicalBoundText, canonicalConstraintText, canonicalStatementText } from './normalize-statements.js';
import { nodeAs, stringValue, type Payload, type PgNode } from './ast.js';
import { deparseExpression, parseOne } from './pg.js';
import { rowColumnDomain, rowColumnType, valueType } from './literal-type.js';
import { parsePlPgSQLSync } from './libpg.js';
import { operatorMembers, type OperatorResolution, type OperatorSchemaContext } from './user-operator.js';
import { defaultOpclass, type KeyType } from './catalog/default-opclasses.js';
import { withViewTypes } from './view-types.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };
const sv = stringValue;

/**
 * An expression from PostgreSQL's text (`pg_get_expr`): the text to render, its canonical form to compare.
 *
 * @example
 * exprFromText("'a'::text").canonical === exprFromText("'a'").canonical // true
 */
export function exprFromText(text: string): Expr {
  return { canonical: canonicalExprText(text), text };
}

/**
 * The text of a table constraint to keep: PostgreSQL's pretty print (`pg_get_constraintdef(oid, true)`) unless it
 * parses to another tree than the exact print (`…, false`, what pg_dump writes). Pretty printing drops the
 * parentheses of a nested AND/OR (`a AND (b AND c)` → `a AND b AND c`): the same rows, but recreated from that
 * text the constraint's stored expression (and pg_dump's output) differs. Then the exact text is kept.
 *
 * @example
 * constraintText('CHECK (a AND b AND c)', 'CHECK (((a) AND ((b) AND (c))))') // 'CHECK (((a) AND ((b) AND (c))))'
 * constraintText('CHECK (a > 0)', 'CHECK ((a > 0))')                        // 'CHECK (a > 0)'
 */
export function constraintText(pretty: string, exact: string | undefined): string {
  if (exact === undefined || exact === pretty) return pretty;
  const tree = (def: string) => {
    const st = parseOne(`ALTER TABLE t ADD ${def}`);
    return st ? JSON.stringify(st, (k, v) => (k === 'location' ? undefined : v)) : undefined;
  };
  const a = tree(pretty);
  return a !== undefined && a === tree(exact) ? pretty : exact;
}

/**
 * A domain CHECK as PostgreSQL prints it (`CHECK ((VALUE > 0)) NOT VALID`): the text kept, the bare
 * expression's canonical form (what the parser gives a domain's `CHECK (…)`).
 */
export function domainCheckFromText(text: string): Expr {
  const check = text.replace(/\s+NOT VALID$/i, '');
  return { canonical: canonicalExprText(check.replace(/^CHECK\s*/i, '')), text: check };
}

/** A partition bound as PostgreSQL prints it (`FOR VALUES FROM ('2024-01-01') TO (…)`, `DEFAULT`). */
export function boundFromText(text: string): Expr {
  return { canonical: canonicalBoundText(text), text };
}

/**
 * An index expression or predicate (or a trigger's WHEN) node: deparsed to render, normalised (without resolution, as
 * from text) to compare; `columnType`: the types of its table's columns, when known (see NormalizeContext).
 */
const indexExpr = (n: PgNode, columnType?: (name: string) => string | undefined, ops?: OperatorSchemaContext): Expr =>
  ({ canonical: normalizeExpr(n, columnType || ops ? { ...(columnType ? { columnType } : {}), ...operatorMembers(ops) } : undefined), text: deparseExpression(n) });

const optionText = (d: Payload<'DefElem'>): string => {
  const a = d.arg;
  const [str, int, flt, bool] = [nodeAs(a, 'String'), nodeAs(a, 'Integer'), nodeAs(a, 'Float'), nodeAs(a, 'Boolean')];
  // (Any other argument, an A_Const included, reads as '': what this function has always given.)
  const v = a === undefined ? 'true' : str ? str.sval : int ? String(int.ival ?? 0) : flt ? flt.fval : bool ? String(!!bool.boolval) : '';
  return `${d.defname}=${v}`;
};

/**
 * An index reads one relation, which PostgreSQL never names in the expressions it prints: a column qualified by the
 * table's name (`WHERE t.n > 0`) is the bare column (`n > 0`).
 */
function unqualifier(table: string | undefined): (n: PgNode) => PgNode {
  if (!table) return (n) => n;
  const go = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(go);
    if (!v || typeof v !== 'object') return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x)])) as Record<string, unknown>;
    const f = (o.ColumnRef as { fields?: PgNode[] } | undefined)?.fields;
    if (f && f.length >= 2 && sv(f[f.length - 2]) === table && f[f.length - 1]?.String) return { ColumnRef: { ...(o.ColumnRef as object), fields: [f[f.length - 1]] } };
    return o;
  };
  return (n) => go(n) as PgNode;
}

/** One key of an IndexStmt's parameter list. */
function indexKey(e: Payload<'IndexElem'>, own: (n: PgNode) => PgNode, columnType?: (name: string) => string | undefined, ops?: OperatorSchemaContext, defaultClass?: (column: string) => string | undefined): IndexKey {
  const descending = e.ordering === 'SORTBY_DESC';
  const nulls = e.nulls_ordering;
  const nullsFirst = nulls === 'SORTBY_NULLS_FIRST' ? true : nulls === 'SORTBY_NULLS_LAST' ? false : descending;
  const opclassNames = (e.opclass ?? []).map(sv);
  const opts = (e.opclassopts ?? []).flatMap((o) => {
    const d = nodeAs(o, 'DefElem');
    return d ? [optionText(d)] : [];
  });
  // A column's default class without parameters is left out, as pg_get_indexdef leaves it out (a class with
  // parameters is printed whichever it is).
  const builtinName = opclassNames.length === 1 || (opclassNames.length === 2 && opclassNames[0] === 'pg_catalog');
  const isDefault = !!e.name && !opts.length && builtinName && defaultClass?.(e.name) === opclassNames.at(-1);
  const opclass = isDefault ? undefined : (opclassNames.at(-1) as string | undefined);
  const collation = (e.collation ?? []).map(sv).filter((x: string) => x !== 'pg_catalog').join('.');
  return {
    ...(e.name ? { column: e.name } : { expr: indexExpr(own(e.expr!), columnType, ops) }),
    ...(opclass ? { opclass } : {}), ...(opts.length ? { opclassOptions: opts } : {}), ...(collation ? { collation } : {}),
    descending, nullsFirst,
  };
}

/** What an index's statement says beyond its name and table: keys, INCLUDE, predicate, NULLS NOT DISTINCT. */
export interface IndexShape {
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  readonly where?: Expr;
  readonly nullsNotDistinct: boolean;
}

/**
 * The structured shape of a `CREATE INDEX` statement's parse node (IndexStmt); `columnType`: its table's column types,
 * `ops`: how its unqualified operators resolve (the file's and its extensions': ./ext-catalog.ts), when known.
 *
 * @example
 * indexShape(parseOne('CREATE INDEX i ON t (a DESC, lower(b))')!.node).keys
 * // [{ column: 'a', descending: true, nullsFirst: true }, { expr: { text: 'lower(b)', … }, descending: false, nullsFirst: false }]
 */
export function indexShape(n: Payload<'IndexStmt'>, columnType?: (name: string) => string | undefined, ops?: OperatorSchemaContext, keyType?: (column: string) => KeyType | undefined): IndexShape {
  const own = unqualifier(n.relation?.relname);
  const method = n.accessMethod || 'btree';
  const defaultClass = keyType && ((column: string) => {
    const t = keyType(column);
    return t && defaultOpclass(method, t);
  });
  return {
    keys: (n.indexParams ?? []).map((p) => indexKey(nodeAs(p, 'IndexElem')!, own, columnType, ops, defaultClass)),
    include: (n.indexIncludingParams ?? []).map((p) => nodeAs(p, 'IndexElem')!.name as string),
    ...(n.whereClause ? { where: indexExpr(own(n.whereClause), columnType, ops) } : {}),
    nullsNotDistinct: !!n.nulls_not_distinct,
  };
}

/**
 * The shape of an index from its definition text (`pg_get_indexdef`); undefined when the text does not parse.
 *
 * @example
 * indexShapeFromText('CREATE UNIQUE INDEX i ON app.t USING btree (a) INCLUDE (b)')?.include // ['b']
 */
export function indexShapeFromText(definition: string): IndexShape | undefined {
  const p = parseOne(definition.trim().replace(/;\s*$/, ''));
  return p?.type === 'IndexStmt' ? indexShape(p.node) : undefined;
}

/**
 * Resolution context over Models (qualified relation names → columns), for view queries.
 *
 * @example
 * canonicalQueryText('SELECT * FROM app.users', modelContext(model)) // `*` expanded to the table's columns
 */
export function modelContext(...models: Model[]): NormalizeContext {
  let byName: Map<string, Func[]> | undefined;
  return {
    // A call's function: qualified, that schema's; bare, the first schema (public first) holding one of that name.
    functions: (names) => {
      if (!byName) {
        byName = new Map();
        for (const m of models) for (const f of Object.values(m.functions)) for (const k of [qualifiedKey(f.schema, f.name), `\u0000${f.name}`]) byName.set(k, [...(byName.get(k) ?? []), f]);
      }
      if (names.length >= 2) return byName.get(qualifiedKey(names[names.length - 2]!, names[names.length - 1]!)) ?? [];
      return byName.get(qualifiedKey('public', names[0]!)) ?? byName.get(`\u0000${names[0]}`) ?? [];
    },
    relation: (names) => {
      // PostgreSQL's own relations, typed alike on both sides (./catalog-relations.ts).
      if (names.length < 2 || names[0] === 'pg_catalog') return catalogRelation(names);
      const key = qualifiedKey(names[names.length - 2]!, names[names.length - 1]!);
      for (const m of models) {
        const t = m.tables[key];
        if (t) return { key, columns: t.columns.map((c) => c.name), types: t.columns.map((c) => valueType(c.type, m.types)), domains: t.columns.map((c) => m.types[c.type]?.kind === 'domain'), system: true };
        const v = m.views[key];
        if (v) return { key, columns: v.columns, system: v.kind === 'materialized_view' };
        if (m.sequences[key]) return { key, columns: SEQUENCE_COLUMNS, system: true };
        const f = m.objects?.[`foreign_table ${key}`];
        if (f?.kind === 'foreign_table') return { key, columns: f.columns.map((c) => c.name), system: true };
      }
      return undefined;
    },
    type: (names) => (names.length === 2 && names[0] !== 'pg_catalog' ? qualifiedKey(names[0]!, names[1]!) : undefined),
  };
}

const withOps = (ctx: NormalizeContext, ops: OperatorResolution | undefined): NormalizeContext => (ops ? { ...ctx, ...operatorMembers(ops) } : ctx);

const withCanonical = <T extends { readonly definition?: string; readonly canonical?: string }>(o: T, f: (text: string) => string): T =>
  o.definition === undefined ? o : ({ ...o, canonical: f(o.definition) });

/** A constraint's canonical form; a CHECK's literals compare as the types of the table's columns they meet (`row`). */
const constraintCanonical = (c: Constraint, row: { sig: string; columnType: (name: string) => string | undefined; columnDomain: (name: string) => boolean; functions?: (names: readonly string[]) => readonly Func[] } & OperatorSchemaContext): Constraint =>
  withCanonical(c, (def) => (c.kind === 'check' ? canonicalConstraintText(def, row) : canonicalConstraintText(def)));

/**
 * The model's own functions a CHECK's call may merge into `VARIADIC ARRAY[…]` (./coercion.ts userVariadicCoercions):
 * every function sharing a name with one that takes a VARIADIC parameter, looked up as modelContext does, and a
 * signature of them for the constraint cache. Undefined when the model has no such function (the CHECK then reads
 * as before, built-in resolution only).
 */
function variadicCalls(model: Model): { sig: string; functions: (names: readonly string[]) => readonly Func[] } | undefined {
  const names = new Set(Object.values(model.functions).filter((f) => f.args.some((a) => a.mode === 'VARIADIC')).map((f) => f.name));
  if (!names.size) return undefined;
  const all = modelContext(model).functions!;
  const sig = Object.values(model.functions).filter((f) => names.has(f.name)).map((f) => `${f.schema}.${f.name}(${f.args.map((a) => `${a.mode} ${a.type}`).join(',')})`).sort().join(';');
  return { sig, functions: (n) => (names.has(n[n.length - 1]!) ? (all(n) as readonly Func[]) : []) };
}

/**
 * Sets the canonical form of every definition kept as text (constraints, triggers, functions, rules) and
 * the structured keys of every index; the last step of both edges. `ops`: the parser's (a file's text names an
 * operator unqualified), never the inspector's (its texts qualify every operator that is not pg_catalog's).
 *
 * @example
 * const model = canonicalizeDefinitions(inspected);
 * model.tables['app.t'].constraints.t_check.canonical // '{"contype":"CONSTR_CHECK",…}'
 */
export function canonicalizeDefinitions(model: Model, ops?: OperatorResolution): Model {
  let ctx: NormalizeContext | undefined;
  // A WHEN clause is read over the table's row (its columns' types, the file's operators): see canonicalStatementText.
  const trigger = (tr: Trigger): Trigger => {
    const t = withTriggerClauses(tr);
    return withCanonical(t, (text) => (t.when ? canonicalStatementText(text, (ctx ??= withOps(modelContext(model), ops))) : canonicalStatementText(text)));
  };
  const triggers = (r: Readonly<Record<string, Trigger>>) => Object.fromEntries(Object.entries(r).map(([k, tr]) => [k, trigger(tr)]));
  const indexes = (r: Readonly<Record<string, Index>>) => Object.fromEntries(Object.entries(r).map(([k, i]) => [k, withIndexShape(i)]));
  const tables: Record<string, Table> = {};
  const variadic = variadicCalls(model);
  for (const [k, t] of Object.entries(model.tables)) {
    const row = { sig: `${t.columns.map((c) => `${c.name}:${c.type}`).join(',')}${ops ? `\u0000${ops.key}` : ''}${variadic ? `\u0001${variadic.sig}` : ''}`, columnType: rowColumnType(t.columns, model.types), columnDomain: rowColumnDomain(t.columns, model.types), ...operatorMembers(ops), ...(variadic ? { functions: variadic.functions } : {}) };
    tables[k] = {
      ...t, constraints: Object.fromEntries(Object.entries(t.constraints).map(([n, c]) => [n, constraintCanonical(c, row)])),
      triggers: triggers(t.triggers), indexes: indexes(t.indexes),
      ...(Object.keys(t.policies).length ? { policies: policiesIn(t, (ctx ??= withOps(modelContext(model), ops)), model.types) } : {}),
    };
  }
  const views: Record<string, View> = {};
  for (const [k, v] of Object.entries(model.views)) views[k] = { ...v, indexes: indexes(v.indexes), ...(v.triggers ? { triggers: triggers(v.triggers) } : {}) };
  const functions: Record<string, Func> = {};
  // An aggregate's definition is Meridian's own rendering (pg_get_functiondef has none): its text is its form.
  // A SQL-standard body (BEGIN ATOMIC … END, RETURN …) is a parsed query, which PostgreSQL prints back with its
  // columns qualified: its relations are resolved with the Model's, as a view's query is (see canonicalizeViews).
  for (const [k, f] of Object.entries(model.functions))
    functions[k] = f.kind === 'aggregate' ? withSupport({ ...f, canonical: f.definition.replace(/\s+/g, ' ') })
      : sqlStandardBody(f) ? withCanonical(f, (text) => canonicalStatementText(text, (ctx ??= withOps(modelContext(model), ops))))
      : withDeclares(withCanonical(f, canonicalStatementText));
  // A rule's bare columns are resolved with the Model's relations too (PostgreSQL prints them qualified).
  const objects = model.objects && Object.fromEntries(Object.entries(model.objects).map(([k, o]) => [k, o.kind === 'rule'
    ? withRelations(withCanonical<Rule>(o, (text) => canonicalStatementText(text, (ctx ??= withOps(modelContext(model), ops))))) : o]));
  return { ...model, tables, views, functions, ...(objects ? { objects } : {}) };
}

/**
 * A table's policies with their expressions' canonical forms read inside the table's own query level, as
 * PostgreSQL deparses them (pg_get_expr with the table as the one FROM item: its columns bare, `t_1` for the table
 * read again in a subquery), so `USING (t.owner = current_user)` and its print `owner = CURRENT_USER` compare equal.
 */
function policiesIn(t: Table, ctx: NormalizeContext, types: Model['types']): Table['policies'] {
  // Its columns' types too: an untyped literal compared with one is read as that type (./literal-type.ts).
  const scope = [{ refname: t.name, columns: t.columns.map((c) => c.name), types: t.columns.map((c) => valueType(c.type, types)), domains: t.columns.map((c) => types[c.type]?.kind === 'domain'), system: true }];
  const read = (e: Expr | undefined): Expr | undefined => e && { ...e, canonical: canonicalExprTextIn(e.text, scope, ctx) };
  return Object.fromEntries(Object.entries(t.policies).map(([n, p]) => {
    const using = read(p.using);
    const withCheck = read(p.withCheck);
    return [n, { ...p, ...(using ? { using } : {}), ...(withCheck ? { withCheck } : {}) }];
  }));
}

/**
 * A trigger's WHEN expression and UPDATE OF columns, read from its definition's parse tree (what the planner
 * asks: which columns and functions it reads).
 *
 * @example
 * withTriggerClauses(trigger).when?.text // 'new.g > 100' for `… FOR EACH ROW WHEN (new.g > 100) EXECUTE FUNCTION f()`
 */
function withTriggerClauses(tr: Trigger): Trigger {
  if (tr.definition === undefined) return tr;
  const p = parseOne(tr.definition.trim().replace(/;\s*$/, ''));
  if (p?.type !== 'CreateTrigStmt') return tr;
  const updateOf = (p.node.columns ?? []).map(sv);
  return { ...tr, updateOf, ...(p.node.whenClause ? { when: indexExpr(p.node.whenClause) } : {}) };
}

/**
 * A PL/pgSQL function with the relations and types its DECLARE section names (`declares`), read from PL/pgSQL's
 * own parse of the definition (its variables' declared types): `r app.t%ROWTYPE` and `x app.t.c%TYPE` name the
 * relation `app.t`, `v app.mood` the type. PostgreSQL resolves them when it validates the function at creation.
 *
 * @example withDeclares(f).declares // [{ schema: 'app', name: 't' }] for `DECLARE r app.t%ROWTYPE; …`
 */
export function withDeclares(f: Func): Func {
  if (f.language.toLowerCase() !== 'plpgsql') return f;
  // Only a DECLARE section declares a variable of a type the Model defines (the arguments' types are the
  // function's signature, read from it): a body without the keyword has none, and PL/pgSQL's parser is not run
  // (bench/functions.ts: it and the type names were 0.6–0.8 of reading 2,000 PL/pgSQL functions at each edge).
  if (!f.definition.toLowerCase().includes('declare')) return f;
  let parsed: { plpgsql_funcs?: { PLpgSQL_function?: { datums?: Record<string, { datatype?: { PLpgSQL_type?: { typname?: string } } }>[] } }[] };
  try {
    parsed = parsePlPgSQLSync(f.definition) as typeof parsed;
  } catch {
    return f; // a body PL/pgSQL cannot parse: PostgreSQL reports it when the function is created
  }
  const seen = new Set<string>();
  const declares: { schema?: string; name: string }[] = [];
  for (const fn of parsed.plpgsql_funcs ?? []) {
    for (const datum of fn.PLpgSQL_function?.datums ?? []) {
      for (const d of Object.values(datum)) {
        const written = d.datatype?.PLpgSQL_type?.typname;
        if (!written) continue;
        const lower = written.toLowerCase();
        // `name%ROWTYPE` names a relation; `name.column%TYPE` a relation's column (a lone `variable%TYPE`, nothing).
        const suffix = lower.endsWith('%rowtype') ? '%rowtype' : lower.endsWith('%type') ? '%type' : '';
        // PL/pgSQL writes a %TYPE / %ROWTYPE reference as its name list joined by dots, unquoted (NameListToString);
        // other types as written, which the grammar reads.
        const names = suffix ? written.slice(0, written.length - suffix.length).split('.') : typeNames(written);
        const parts = suffix === '%type' ? names.slice(0, -1) : names;
        if (!parts.length) continue;
        const name = parts[parts.length - 1]!;
        const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
        if (schema === 'pg_catalog') continue;
        const key = `${schema ?? ''}\u0000${name}`;
        if (!seen.has(key)) seen.add(key), declares.push({ ...(schema !== undefined ? { schema } : {}), name });
      }
    }
  }
  return declares.length ? { ...f, declares } : f;
}

/** The name parts of a type as PostgreSQL's grammar reads it (`app."My T"[]` → ['app', 'My T']); [] when it is none. */
function typeNames(text: string): string[] {
  let names = typeNamesRead.get(text);
  if (!names) {
    if (typeNamesRead.size >= 10_000) typeNamesRead.clear();
    typeNamesRead.set(text, (names = readTypeNames(text)));
  }
  return names;
}

/** The type names read so far, by text (`integer`, `app.mood`: a schema's functions repeat a few dozen). */
const typeNamesRead = new Map<string, string[]>();

function readTypeNames(text: string): string[] {
  const p = parseOne(`SELECT NULL::${text}`);
  if (p?.type !== 'SelectStmt') return [];
  const target = nodeAs(p.node.targetList?.[0], 'ResTarget');
  const cast = nodeAs(target?.val, 'TypeCast');
  return (cast?.typeName?.names ?? []).map(sv);
}

/** The DefElem names of an aggregate's support functions. */
const SUPPORT = new Set(['sfunc', 'finalfunc', 'combinefunc', 'serialfunc', 'deserialfunc', 'msfunc', 'minvfunc', 'mfinalfunc']);

/**
 * An aggregate with the support functions its definition names (`SFUNC = app.add_one, …`), read from the
 * definition's parse tree.
 *
 * @example withSupport(agg).support // [{ schema: 'app', name: 'add_one' }]
 */
function withSupport(f: Func): Func {
  const p = parseOne(f.definition.trim().replace(/;\s*$/, ''));
  if (p?.type !== 'DefineStmt') return f;
  const support = (p.node.definition ?? []).flatMap((d) => {
    const e = nodeAs(d, 'DefElem');
    if (!e?.defname || !SUPPORT.has(e.defname.toLowerCase()) || !e.arg) return [];
    const names = (nodeAs(e.arg, 'TypeName')?.names ?? nodeAs(e.arg, 'List')?.items ?? [e.arg]).map(sv);
    const name = names[names.length - 1];
    return name ? [{ ...(names.length > 1 ? { schema: names[names.length - 2]! } : {}), name }] : [];
  });
  return support.length ? { ...f, support } : f;
}

/**
 * A rule with the relations its definition names schema-qualified (`relations`), read from the definition's
 * parse tree (every RangeVar of the statement: its table, its actions' targets and sources).
 *
 * @example withRelations(rule).relations // ['app.log', 'app.t'] for `CREATE RULE r AS ON INSERT TO app.t DO ALSO INSERT INTO app.log …`
 */
function withRelations(r: Rule): Rule {
  const p = parseOne(r.definition.trim().replace(/;\s*$/, ''));
  if (p?.type !== 'RuleStmt') return r;
  const out = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    // A RangeVar payload (wrapped in a list, bare in a field such as InsertStmt.relation).
    const v = n as { schemaname?: unknown; relname?: unknown };
    if (typeof v.schemaname === 'string' && v.schemaname && typeof v.relname === 'string') out.add(qualifiedKey(v.schemaname, v.relname));
    for (const x of Object.values(n)) walk(x);
  };
  walk(p.node);
  return out.size ? { ...r, relations: [...out].sort() } : r;
}

/** Is `f`'s body SQL-standard (`BEGIN ATOMIC … END` or `RETURN …`, kept parsed by PostgreSQL) rather than a string? */
const sqlStandardBody = (f: Func): boolean => f.language === 'sql' && f.body === '' && /\b(BEGIN\s+ATOMIC|RETURN)\b/i.test(f.definition);

/** An index whose keys (when none were given) are read from its definition text. */
function withIndexShape(i: Index): Index {
  if (i.keys.length || i.definition === undefined) return i;
  const shape = indexShapeFromText(i.definition);
  if (!shape) return i;
  const out: Mut<Index> = { ...i, keys: shape.keys, include: shape.include, nullsNotDistinct: shape.nullsNotDistinct };
  if (shape.where && !i.where) out.where = shape.where;
  return out;
}

/**
 * Normalises the view queries of an inspected Model (PostgreSQL's `pg_get_viewdef` text), resolving
 * relations with the Model itself, as the parser resolves a file's views with the file's relations.
 */
export function canonicalizeViews(model: Model): Model {
  // A query over a view types its columns from that view's query, as the fold does (./view-types.ts).
  const ctx = withViewTypes(modelContext(model), (key) => {
    const p = model.views[key] && parseOne(model.views[key].query.text.trim().replace(/;\s*$/, ''));
    return p && p.type === 'SelectStmt' ? { SelectStmt: p.node } : undefined;
  });
  const views: Record<string, View> = {};
  for (const [k, v] of Object.entries(model.views)) {
    let canonical: string;
    let typed: string | undefined;
    try {
      // A view's typed form too (a materialized view is never replaced in place: src/diff/view-replace.ts).
      if (v.kind === 'view') ({ canonical, typed } = canonicalQueryForms(v.query.text, ctx));
      else canonical = canonicalQueryText(v.query.text, ctx);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // a query nested past the stack: compared by its text
      canonical = v.query.text.trim();
    }
    views[k] = { ...v, query: { canonical, text: v.query.text }, ...(typed !== undefined ? { typedQuery: typed } : {}) };
  }
  return { ...model, views };
}

/** A statement's parse tree without its locations: two texts with the same tree are stored alike by PostgreSQL. */
function treeOf(sql: string): string | undefined {
  const p = parseOne(sql);
  return p ? JSON.stringify(p.node, (k, v: unknown) => (k === 'location' ? undefined : v)) : undefined;
}

/**
 * The text of a view's query to keep: `pg_get_viewdef`'s pretty print (`pretty`), unless re-parsing it gives another
 * tree than the exact print (`exact`, as pg_dump takes it). The pretty print leaves out the parentheses of an AND
 * inside an AND (`a = 1 AND b BETWEEN 1 AND 3` is stored `(a = 1) AND ((b >= 1) AND (b <= 3))` and printed
 * `a = 1 AND b >= 1 AND b <= 3`), which PostgreSQL's parser flattens: a view created again from it is stored
 * with one AND of three, and pg_dump shows another view.
 *
 * @example
 * viewQueryText('SELECT 1 WHERE a AND b AND c', 'SELECT 1 WHERE (a AND (b AND c))') // the exact text
 */
export function viewQueryText(pretty: string, exact: string | undefined): string {
  if (exact === undefined || exact === pretty) return pretty;
  const [p, e] = [treeOf(pretty), treeOf(exact)];
  return p !== undefined && e !== undefined && p !== e ? exact : pretty;
}
