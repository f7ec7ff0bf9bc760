/**
 * Views and materialized views, folded: `CREATE [OR REPLACE] VIEW`, `CREATE MATERIALIZED VIEW`, `REFRESH`,
 * `ALTER VIEW`, rename and DROP; output columns and what a view reads (tables, views, functions).
 */
import type { Column, ColumnSettings, Expr, Model, View } from '../../model/types.js';
import { columnSettingsOf, isEmptySettings } from '../../model/view-columns.js';
import { setColumnOptions, setStorage } from './column-options.js';
import { exprType, rangeFunctionColumns } from '../expr-type.js';
import type { NormalizeContext } from '../normalize-context.js';
import { normalizeQuery, normalizeQueryTyped } from '../normalize-forms.js';
import { figureColname } from '../colname.js';
import { joinStarColumns, type StarColumn } from '../join-columns.js';
import { deparseStatement, parseExpression } from '../pg.js';
import { retargetRules } from './rule.js';
import type { Index } from '../../model/types.js';
import * as privileges from './privileges.js';
import { refreshIndex } from './indexes.js';
import { walk, type Node, type Payload } from '../ast.js';
import { Problem, notFound, type FoldScope, type MView, type Mut } from './scope.js';
import { qualifiedKey, splitKey } from '../../model/names.js';
import { mergeOptions, relOptions, sv } from './nodes.js';
import { dropRelation } from './relation.js';
import { alterSubcommand } from '../statement-kind.js';
import { readsRelation, renameRelationInTree, type RelationMove } from './relation-refs.js';
import { followInBodies } from './function-alter.js';
import { missingColumn } from '../column-refs.js';

export function alterView(sc: FoldScope, n: Payload<'AlterTableStmt'>): void {
  const v = sc.named(sc.model.views, n.relation, 'view', n.missing_ok);
  if (!v) return;
  for (const cmd of (n.cmds ?? []).map((x) => x.AlterTableCmd!)) {
    if (cmd.subtype === 'AT_ChangeOwner') continue;
    if (cmd.subtype === 'AT_SetRelOptions') {
      v.obj.options = mergeOptions(v.obj.options, relOptions((cmd.def?.List?.items ?? cmd.def) as Node[] | undefined));
      continue;
    }
    if (cmd.subtype === 'AT_ColumnDefault' && v.obj.kind === 'view') {
      setViewDefault(sc, v.obj, cmd.name!, cmd.def);
      continue;
    }
    if (v.obj.kind === 'materialized_view' && (cmd.subtype === 'AT_SetStatistics' || cmd.subtype === 'AT_SetStorage' || cmd.subtype === 'AT_SetOptions' || cmd.subtype === 'AT_ResetOptions')) {
      setMatViewColumn(v.obj, cmd);
      continue;
    }
    throw new Problem('E_UNSUPPORTED', `ALTER ${v.obj.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : 'VIEW'} … ${alterSubcommand(cmd.subtype)} is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`);
  }
}

/**
 * `ALTER VIEW v ALTER COLUMN c SET DEFAULT e | DROP DEFAULT` (or ALTER TABLE on a view): the default an INSERT through
 * the view takes for the column (`View.columnDefaults`; pg_dump writes `ALTER TABLE ONLY v ALTER COLUMN c SET DEFAULT e`).
 *
 * @example
 * setViewDefault(scope, v, 'done', parseExpression('false')) // v.columnDefaults = { done: false }
 */
function setViewDefault(sc: FoldScope, v: MView, name: string, def: Node | undefined): void {
  if (!v.columns.includes(name)) throw new Problem('E_UNKNOWN', `column "${name}" of relation "${v.name}" does not exist`);
  const { [name]: _, ...rest } = v.columnDefaults ?? {};
  const e = def ? sc.defaultExpr(def) : undefined;
  const all = e ? { ...rest, [name]: e } : rest;
  if (Object.keys(all).length) v.columnDefaults = all;
  else delete v.columnDefaults;
}

/**
 * `ALTER MATERIALIZED VIEW mv ALTER COLUMN c SET STATISTICS n | SET STORAGE s | SET (…) | RESET (…)`, folded into
 * `columnSettings` as a table column's are (./column-options.ts). The column's type is not known yet (its query is
 * typed once the whole file is read): a storage is kept as written, and `settleMatViewStorage` drops it at the end
 * of the fold when it is the type's default.
 *
 * @example
 * setMatViewColumn(mv, cmd) // ALTER COLUMN a SET STATISTICS 100 → mv.columnSettings = { a: { statistics: 100 } }
 */
function setMatViewColumn(v: MView, cmd: Payload<'AlterTableCmd'>): void {
  const name = cmd.name!;
  if (!v.columns.includes(name)) throw new Problem('E_UNKNOWN', `column "${name}" of relation "${v.name}" does not exist`);
  const col = { name, type: '', notNull: false, ...(v.columnSettings?.[name] ?? {}) } as Mut<Column>;
  if (cmd.subtype === 'AT_SetStatistics') {
    const n = cmd.def?.Integer?.ival ?? cmd.def?.A_Const?.ival?.ival ?? 0;
    if (n < 0) delete col.statistics;
    else col.statistics = n;
  } else if (cmd.subtype === 'AT_SetStorage') {
    const value = sv(cmd.def).toUpperCase();
    if (value === 'DEFAULT') delete col.storage;
    else col.storage = value;
  }
  else setColumnOptions(col, (cmd.def?.List?.items ?? cmd.def ?? []) as Node[], cmd.subtype === 'AT_ResetOptions');
  const all = { ...(v.columnSettings ?? {}) } as Record<string, ColumnSettings>;
  const next = columnSettingsOf(col);
  if (isEmptySettings(next)) delete all[name];
  else all[name] = next;
  if (Object.keys(all).length) v.columnSettings = all;
  else delete v.columnSettings;
}

/**
 * A materialized view's column storages (`SET STORAGE`, kept as written by `setMatViewColumn`) left out where they are
 * the default of the column's type (`defaultStorage`: a domain's base type's, `MAIN` over inet), as the inspector
 * reads `attstorage` against `typstorage`. `types` are the view's column types from its query (./view-types.ts); a
 * column the fold cannot type is taken as a variable-length one (EXTENDED), which is what a redundant `SET STORAGE`
 * names for the text-like columns pg_dump writes it on. The types of the columns whose storage stays are kept in
 * `storageTypes`: a plan from this state to one without the storage sets the type's default back.
 *
 * @example
 * settleMatViewStorage(mv, ['public.inet_d'], model) // SET STORAGE MAIN on a domain over inet: the default, dropped
 */
export function settleMatViewStorage(v: MView, types: readonly (string | undefined)[] | undefined, model: Pick<Model, 'types'>): void {
  if (v.kind !== 'materialized_view' || !v.columnSettings) return;
  const all = { ...v.columnSettings } as Record<string, ColumnSettings>;
  const typed: Record<string, string> = {};
  for (const [name, settings] of Object.entries(all)) {
    if (!settings.storage) continue;
    const type = types?.[v.columns.indexOf(name)];
    const col = { name, type: type ?? 'text', notNull: false, ...settings } as Mut<Column>;
    setStorage(col, settings.storage, model);
    const next = columnSettingsOf(col);
    if (isEmptySettings(next)) delete all[name];
    else all[name] = next;
    // What the storage goes back to when another state has none (../../plan/view-columns.ts).
    if (next.storage && type) typed[name] = type;
  }
  if (Object.keys(all).length) v.columnSettings = all;
  else delete v.columnSettings;
  if (Object.keys(typed).length) (v as Mut<View>).storageTypes = typed;
}

export function createView(sc: FoldScope, n: Payload<'ViewStmt'>): void {
  const names = sc.rangeNames(n.view);
  const existing = sc.lookup(sc.model.views, names);
  if (existing && !n.replace) throw new Problem('E_DUPLICATE', `relation "${names.join('.')}" already exists`);
  const r = existing ? { ...splitKey(existing.key), key: existing.key } : sc.creating(names);
  if (!existing) sc.claim(r.schema, r.name);
  const aliases = (n.aliases ?? []).map(sv);
  const opts = relOptions(n.options);
  // PostgreSQL stores WITH CHECK OPTION as the view option check_option (how the inspector reads it).
  if (n.withCheckOption === 'LOCAL_CHECK_OPTION' || n.withCheckOption === 'CASCADED_CHECK_OPTION') opts.push(`check_option=${n.withCheckOption === 'LOCAL_CHECK_OPTION' ? 'local' : 'cascaded'}`);
  sc.model.views[r.key] = view(sc, 'view', r.schema, r.name, n.query!, aliases, opts, undefined, existing?.obj);
  if (n.view!.relpersistence === 't') throw new Problem('E_UNSUPPORTED', 'temporary views are not part of a schema');
}

export function createMatView(sc: FoldScope, n: Payload<'CreateTableAsStmt'>): void {
  if (n.objtype !== 'OBJECT_MATVIEW') return sc.unsupported('CREATE TABLE … AS');
  const names = sc.rangeNames(n.into!.rel);
  if (sc.lookup(sc.model.views, names)) {
    if (n.if_not_exists) return;
    throw new Problem('E_DUPLICATE', `relation "${names.join('.')}" already exists`);
  }
  const r = sc.creating(names);
  sc.claim(r.schema, r.name);
  const v = view(sc, 'materialized_view', r.schema, r.name, n.query!, (n.into!.colNames ?? []).map(sv), relOptions(n.into!.options), undefined, undefined);
  v.withData = !n.into!.skipData;
  sc.model.views[r.key] = v;
}

export function refresh(sc: FoldScope, n: Payload<'RefreshMatViewStmt'>): void {
  const v = sc.named(sc.model.views, n.relation, 'materialized view')!;
  v.obj.withData = !n.skipData;
}

export function view(sc: FoldScope, kind: View['kind'], schema: string, name: string, query: Node, aliases: string[], options: string[], checkOption: View['checkOption'], prev: MView | undefined): MView {
  // A column no FROM item has, refused as PostgreSQL refuses it (../column-refs.ts), located at the reference.
  const missing = missingColumn(query, {
    columnsOf: (rv) => {
      const rel = sc.ctx.relation!(sc.rangeNames(rv));
      return rel?.columns;
    },
    isFunction: (fn) => !!sc.findFunction(fn),
  });
  if (missing) throw new Problem('E_UNKNOWN', missing.message, missing.location);
  let q = sc.qualify(query);
  const sel = q.SelectStmt;
  // Output columns: the alias list, else the select list's names (`*` expanded through the Model).
  const out = outputColumns(sc, sel);
  const columns = out.map((c, i) => aliases[i] ?? c);
  // As DefineVirtualRelation refuses it (`SELECT * FROM a JOIN b ON …` where both have `id`): the dev database's error, natively.
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) throw new Problem('E_DUPLICATE', `column "${twice}" specified more than once`);
  if (aliases.length && sel) {
    // PostgreSQL prints a view's column list as `AS` names in its query: fold them in the same way.
    const named = withOutputNames(sc, sel, aliases);
    if (named) q = { ...q, SelectStmt: named };
  }
  const deps = new Set<string>();
  const calls = new Set<string>();
  walk(q, (x) => {
    if (x.RangeVar && x.RangeVar.schemaname) {
      const key = qualifiedKey(x.RangeVar.schemaname, x.RangeVar.relname!);
      if (key !== qualifiedKey(schema, name) && (sc.model.tables[key] || sc.model.views[key])) deps.add(key);
    }
    // A relation named by a regclass constant (qualified to its key by `qualify`): PostgreSQL records it too.
    const lit = x.TypeCast?.arg?.A_Const?.sval?.sval;
    if (lit !== undefined && x.TypeCast!.typeName?.names?.map(sv).at(-1) === 'regclass' && (sc.model.tables[lit] || sc.model.views[lit])) deps.add(lit);
    if (x.FuncCall) {
      // The user functions it calls, as PostgreSQL records them (the parse tree's FuncCall nodes).
      const names: string[] = (x.FuncCall.funcname ?? []).map(sv);
      const f = names.length >= 2 ? sc.functionsNamed(qualifiedKey(names[names.length - 2]!, names[names.length - 1]!))[0] : sc.findFunction(names[0] ?? '');
      if (f) calls.add(qualifiedKey(f.schema, f.name));
    }
  });
  return {
    kind, schema, name, query: { canonical: '', text: deparseStatement('SelectStmt', q.SelectStmt!) }, columns, options, ...(checkOption ? { checkOption } : {}),
    indexes: prev?.indexes ?? {}, ...(prev?.triggers ? { triggers: prev.triggers } : {}), ...(prev?.comment ? { comment: prev.comment } : {}),
    ...(prev?.columnComments ? { columnComments: prev.columnComments } : {}), ...(prev?.grants ? { grants: prev.grants } : {}),
    ...(prev?.columnDefaults ? { columnDefaults: prev.columnDefaults } : {}),
    dependsOn: [...deps].sort(), ...(calls.size ? { calls: [...calls].sort() } : {}), loc: sc.loc, ...({ queryNode: q } as object),
  } as MView;
}

/** Output column names of a query (`*` expanded with the columns the Model knows). */
export function outputColumns(sc: FoldScope, sel: Payload<'SelectStmt'> | undefined, outerCtes: ReadonlyMap<string, readonly string[]> = new Map()): string[] {
  return outputStar(sc, sel, outerCtes).map((c) => c.name);
}

/**
 * A query's output columns, each a `*` of its select list reached with the reference PostgreSQL prints for it
 * (../join-columns.ts: a USING or NATURAL join's merged column once, through the side it is read from; an aliased
 * join's, a subquery's and a function's columns through their names); `ref` undefined for a column the select list
 * names itself. A set operation's are its first branch's.
 */
function outputStar(sc: FoldScope, sel: Payload<'SelectStmt'> | undefined, outerCtes: ReadonlyMap<string, readonly string[]>): { name: string; ref?: readonly string[] }[] {
  if (!sel) return [];
  const ctes = withCtes(sc, sel, outerCtes);
  if (sel.op && sel.op !== 'SETOP_NONE') return outputStar(sc, (sel.larg as Node | undefined)?.SelectStmt ?? sel.larg, ctes);
  if (sel.valuesLists) return (sel.valuesLists[0]?.List?.items ?? []).map((_: Node, i: number) => ({ name: `column${i + 1}` }));
  const { top, named } = fromStar(sc, sel.fromClause ?? [], ctes);
  const out: { name: string; ref?: readonly string[] }[] = [];
  for (const t of sel.targetList ?? []) {
    const rt = t.ResTarget;
    const f = rt!.val?.ColumnRef?.fields;
    if (f && f[f.length - 1].A_Star) {
      const qual = f.length > 1 ? sv(f[f.length - 2]) : undefined;
      if (qual) for (const it of named) if (it.ref === qual) out.push(...it.cols);
      if (!qual) for (const cols of top) out.push(...cols);
      continue;
    }
    out.push({ name: rt!.name ?? figureColname(rt!.val) });
  }
  return out;
}

/**
 * The CTEs of a WITH are FROM items by name for this level and those below it (`WITH r AS (…) SELECT * FROM r`): a
 * CTE's columns are its alias list, else its query's (a recursive one's: its first branch's).
 */
function withCtes(sc: FoldScope, sel: Payload<'SelectStmt'>, outerCtes: ReadonlyMap<string, readonly string[]>): ReadonlyMap<string, readonly string[]> {
  if (!sel.withClause?.ctes?.length) return outerCtes;
  const own = new Map(outerCtes);
  for (const c of sel.withClause.ctes) {
    const cte = c.CommonTableExpr!;
    const alias = (cte.aliascolnames ?? []).map(sv);
    const cols = outputColumns(sc, cte.ctequery?.SelectStmt, own);
    own.set(cte.ctename!, cols.map((x, i) => alias[i] ?? x).concat(alias.slice(cols.length)));
  }
  return own;
}

/**
 * What a FROM list gives `*`: each top-level item's columns for a bare `*` (a join's USING columns once:
 * ../join-columns.ts), and every named item's (for `q.*`), each column with the reference it is read through. An
 * item whose columns are not known gives none.
 */
function fromStar(sc: FoldScope, from: readonly Node[], ctes: ReadonlyMap<string, readonly string[]>): { top: StarColumn[][]; named: { ref: string; cols: StarColumn[] }[] } {
  const named: { ref: string; cols: StarColumn[] }[] = [];
  const item = (ref: string, cols: readonly string[]): StarColumn[] => {
    const star = cols.map((c) => ({ name: c, ref: [ref, c] }));
    named.push({ ref, cols: star });
    return star;
  };
  const starOf = (f: Node): StarColumn[] => {
    if (f.RangeVar) {
      const cte = f.RangeVar.schemaname ? undefined : ctes.get(f.RangeVar.relname!);
      const rel = cte ? { columns: cte } : sc.ctx.relation!(sc.rangeNames(f.RangeVar));
      const alias = f.RangeVar.alias?.colnames?.map(sv) ?? [];
      const known = rel && !('partial' in rel && rel.partial) ? rel.columns ?? [] : [];
      return item((f.RangeVar.alias?.aliasname ?? f.RangeVar.relname)!, known.map((c, i) => alias[i] ?? c));
    }
    if (f.JoinExpr) {
      const cols = joinStarColumns(f.JoinExpr, starOf(f.JoinExpr.larg!), starOf(f.JoinExpr.rarg!), []).columns ?? [];
      if (f.JoinExpr.alias?.aliasname) named.push({ ref: f.JoinExpr.alias.aliasname, cols });
      return cols;
    }
    if (f.RangeSubselect) {
      const cols = outputColumns(sc, f.RangeSubselect.subquery?.SelectStmt, ctes);
      const alias = f.RangeSubselect.alias?.colnames?.map(sv) ?? [];
      return item(f.RangeSubselect.alias?.aliasname ?? '', cols.map((c, i) => alias[i] ?? c));
    }
    if (f.RangeFunction) {
      const alias = f.RangeFunction.alias;
      // Its columns as PostgreSQL names them, its arguments typed without a scope (constants, casts, calls).
      const typeOf = (x: Node | undefined): string | undefined => exprType(x, typeOf, sc.ctx);
      const cols = rangeFunctionColumns(f.RangeFunction, typeOf, sc.ctx)?.columns;
      return item(alias?.aliasname ?? '', cols ?? alias?.colnames?.map(sv) ?? [alias?.aliasname ?? figureColname(f.RangeFunction.functions?.[0]?.List?.items?.[0])]);
    }
    return [];
  };
  return { top: from.map(starOf), named };
}

/**
 * `sel` with output names `aliases` as `AS` names, as PostgreSQL prints a view's column list (or a renamed column) in
 * its query: in every SELECT of a set operation, a `*` reaching a named column expanded first into the columns
 * `outputStar` gives it, through the references PostgreSQL prints (`SELECT *` over t, column a named b:
 * `SELECT t.a AS b, t.c`; over `a JOIN b USING (id)`: `a.id`, once). New nodes (the statement's own are shared, see
 * `qualify`); undefined when a `*` cannot be expanded for sure (an item whose columns are not known, an unnamed one).
 *
 * @example
 * withOutputNames(sc, parseOne('SELECT * FROM t').node, ['b']) // SELECT t.a AS b, t.c FROM t
 */
export function withOutputNames(sc: FoldScope, sel: Payload<'SelectStmt'>, aliases: readonly string[], outerCtes: ReadonlyMap<string, readonly string[]> = new Map()): Payload<'SelectStmt'> | undefined {
  if (sel.op && sel.op !== 'SETOP_NONE') {
    const ctes = withCtes(sc, sel, outerCtes);
    const leg = (x: unknown) => (x ? withOutputNames(sc, ((x as Node).SelectStmt ?? x) as Payload<'SelectStmt'>, aliases, ctes) : undefined);
    const larg = leg(sel.larg);
    const rarg = leg(sel.rarg);
    return larg && rarg ? { ...sel, larg, rarg } : undefined;
  }
  if (sel.valuesLists) return sel;
  let star: ReturnType<typeof fromStar> | undefined;
  const targets: Node[] = [];
  for (const t of sel.targetList ?? []) {
    const f = t.ResTarget?.val?.ColumnRef?.fields;
    if (!f?.[f.length - 1]?.A_Star || targets.length >= aliases.length) {
      targets.push(t);
      continue;
    }
    const qual = f.length > 1 ? sv(f[f.length - 2]) : undefined;
    star ??= fromStar(sc, sel.fromClause ?? [], withCtes(sc, sel, outerCtes));
    const reached = qual ? star.named.filter((i) => i.ref === qual).map((i) => i.cols) : star.top;
    if (!reached.length || reached.some((cols) => !cols.length || cols.some((c) => c.ref.some((x) => !x)))) return undefined;
    for (const cols of reached) for (const c of cols) targets.push({ ResTarget: { val: { ColumnRef: { fields: c.ref.map((x) => ({ String: { sval: x } })) } } } });
  }
  return { ...sel, targetList: targets.map((t, i) => (aliases[i] === undefined ? t : { ResTarget: { ...t.ResTarget, name: aliases[i] } })) };
}

/** Typed form of a view query (what decides its column types; see ../normalize-forms.ts `canonicalQueryForms`). */
export function typedView(q: Node, ctx: NormalizeContext): string {
  return normalizeQueryTyped(q, ctx);
}

/** Canonical form of a view query: resolved and normalised (see ./normalize.ts). */
export function canonicalView(q: Node, ctx: NormalizeContext): string {
  return normalizeQuery(q, ctx);
}

/** DROP VIEW / MATERIALIZED VIEW. */
export function dropView(sc: FoldScope, names: readonly string[], cascade: boolean, missingOk: boolean): void {
  const v = sc.lookup(sc.model.views, names);
  if (!v) return notFound('view', names, missingOk);
  dropRelation(sc, v.key, cascade);
}

/** ALTER VIEW … RENAME TO (ALTER TABLE … RENAME reaches a view too). */
export function renameView(sc: FoldScope, names: readonly string[], newname: string, missingOk: boolean): void {
  const v = sc.lookup(sc.model.views, names);
  if (!v) {
    if (missingOk) return;
    throw new Problem('E_UNKNOWN', `relation "${names.join('.')}" does not exist`);
  }
  moveView(sc, v.key, v.obj.schema, newname);
}

/** `ALTER VIEW | MATERIALIZED VIEW v SET SCHEMA s`. */
export function setViewSchema(sc: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const v = sc.named(sc.model.views, n.relation, 'view', !!n.missing_ok);
  if (v && v.obj.schema !== to) moveView(sc, v.key, to, v.obj.name);
}

/**
 * A view (or materialized view) under a new schema and name: its namespace entry, its indexes (they move with it),
 * triggers and rules on it (keyed and rendered with its key), column privileges follow, and the views that read it
 * (`followRelation`).
 */
function moveView(sc: FoldScope, key: string, schema: string, name: string): void {
  const v = sc.model.views[key]!;
  const move = { schema: v.schema, name: v.name, toSchema: schema, toName: name, columns: [...v.columns] };
  sc.claim(schema, name);
  const from = { schema: v.schema, name: v.name };
  sc.release(v.schema, v.name);
  delete sc.model.views[key];
  v.schema = schema;
  v.name = name;
  const nk = qualifiedKey(schema, name);
  sc.model.views[nk] = v;
  privileges.renamePrivileges(sc.model.objects, ['COLUMN'], from.schema, from.name, { schema, name });
  for (const ix of Object.values(v.indexes) as Mut<Index>[]) {
    if (schema !== from.schema) {
      sc.release(from.schema, ix.name);
      sc.claim(schema, ix.name);
    }
    ix.schema = schema;
    ix.table = nk;
    refreshIndex(sc, v, ix);
  }
  for (const [n2, tr] of Object.entries(v.triggers ?? {})) v.triggers![n2] = { ...tr, table: nk, definition: tr.definition?.replace(` ON ${key} `, ` ON ${nk} `) };
  retargetRules(sc, key, { schema, name });
  followRelation(sc, move, `view ${key}`);
}

/** The parse tree a folded view keeps of its query (absent on a view that was not folded from SQL). */
export function queryNodeOf(v: View): Node | undefined {
  return (v as unknown as { queryNode?: Node }).queryNode;
}

/**
 * View `v` folded again from query tree `q` (and output names `aliases`), in its place: what it carries that is not
 * in its query (options, data, location, column settings, indexes, triggers, comments, grants) is kept.
 *
 * @example
 * refoldView(scope, v, renamedTree) // the view now reads the renamed column
 */
export function refoldView(sc: FoldScope, v: MView, q: Node, aliases: string[] = []): MView {
  const next = view(sc, v.kind, v.schema, v.name, q, aliases, [...v.options], v.checkOption, v);
  if (v.withData !== undefined) next.withData = v.withData;
  if (v.columnSettings) next.columnSettings = v.columnSettings;
  next.loc = v.loc;
  sc.model.views[qualifiedKey(v.schema, v.name)] = next;
  return next;
}

/**
 * The views that read relation `m.schema.m.name` (table, view, materialized view, foreign table) follow its rename
 * or move, as PostgreSQL's do (they hold it by OID): each is folded again from its query with the relation's new
 * name (`renameRelationInTree`). Call it once the relation is in its new place in the Model (a `*` is expanded from
 * it). What cannot be followed for sure is refused, located (E_NATIVE).
 *
 * @example
 * followRelation(scope, { schema: 'public', name: 't', toSchema: 'public', toName: 'u', columns: ['a'] }, 'table public.t')
 */
export function followRelation(sc: FoldScope, m: RelationMove, what: string): void {
  const key = qualifiedKey(m.schema, m.name);
  const moved = qualifiedKey(m.toSchema, m.toName);
  // A SQL-standard function body holds it by OID too.
  followInBodies(sc, m, what);
  // Policies' expressions (a subquery reading it, or its own name qualifying its columns).
  for (const t of Object.values(sc.model.tables)) {
    for (const [name, p] of Object.entries(t.policies)) {
      const implicit = p.table === moved;
      const refuse = (why: string): never => {
        throw new Problem('E_NATIVE', `renaming ${what} read by policy ${name} on ${t.name} (${why}) is not folded natively; the dev database replays it`);
      };
      const follow = (e: Expr | undefined): Expr | undefined => {
        if (!e || (!implicit && !e.text.includes(m.name))) return e;
        const tree = parseExpression(e.text);
        if (!tree) return refuse('its expression could not be read back');
        const next = renameRelationInTree(tree, { ...m, implicit }, refuse);
        return next === tree ? e : sc.expr(next);
      };
      const using = follow(p.using);
      const withCheck = follow(p.withCheck);
      if (using !== p.using || withCheck !== p.withCheck) t.policies[name] = { ...p, ...(using ? { using } : {}), ...(withCheck ? { withCheck } : {}) };
    }
  }
  for (const v of Object.values(sc.model.views)) {
    if (qualifiedKey(v.schema, v.name) === moved) continue;
    const q = queryNodeOf(v);
    if (!readsRelation(q, m.schema, m.name) && !v.dependsOn.includes(key)) continue;
    const refuse = (why: string): never => {
      throw new Problem('E_NATIVE', `renaming ${what} read by view ${v.name}${why ? ` (${why})` : ''} is not folded natively (PostgreSQL rewrites the view); the dev database replays it`);
    };
    if (!q) refuse('');
    refoldView(sc, v, renameRelationInTree(q!, m, refuse));
  }
}
