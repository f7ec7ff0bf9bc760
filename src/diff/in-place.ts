/**
 * Which changes to an object of the Model's `objects` PostgreSQL can make in place (`ALTER …`), and which
 * need the object dropped and created again. The differ asks before it writes an `alter_object`: a recreated
 * object is a `drop_object` + `create_object` pair, so its comment is set again and the objects that depend on
 * it (a text search configuration mapping a recreated dictionary, a server's user mappings and foreign tables)
 * are recreated with it (./objects.ts). The planner's per-kind `alter` (src/plan/kinds/) only sees in-place pairs.
 * Row-level security policies too (`policyInPlace`): a `create_policy` with `from`, else a drop and a create.
 *
 * In:  two versions of one object. Out: a boolean. Never: SQL.
 */
import type { CatalogObject, Func, Policy, Table, View } from '../model/types.js';
import { exprRefs } from '../model/expr-refs.js';
import { sameObject, sameViewQuery } from './equal.js';

/**
 * Kinds with no ALTER for their definition whose changed objects the differ still hands on as one `alter_object`
 * (not a `drop_object` + `create_object` pair): it first moves their users off them and back (./collation-in-use.ts),
 * and its comment goes with it (./objects.ts); the planner drops and creates the object in that change's place
 * (src/plan/kinds/index.ts gives these kinds no `alter`). Collations.
 */
const RECREATED_BY_PLANNER: ReadonlySet<CatalogObject['kind']> = new Set(['collation']);

/**
 * Whether `from` becomes `to` by being dropped and created again in the place of an ALTER (`RECREATED_BY_PLANNER`):
 * the same kind, changed. The one definition of the rule for the differ (here, ./objects.ts,
 * ./collation-in-use.ts) and the planner (src/plan/kinds/index.ts).
 *
 * @example
 * recreatedByPlanner(ci, { ...ci, deterministic: true }) // true: a changed collation
 * recreatedByPlanner(ci, ci)                             // false: unchanged
 */
export function recreatedByPlanner<T extends CatalogObject>(from: CatalogObject, to: T): from is T {
  return plannerRecreates(to.kind) && from.kind === to.kind && !sameObject(from, to);
}

/**
 * Whether objects of a kind change by `recreatedByPlanner` (the planner has no ALTER for them).
 *
 * @example
 * plannerRecreates('collation') // true
 */
export function plannerRecreates(kind: CatalogObject['kind']): boolean {
  return RECREATED_BY_PLANNER.has(kind);
}

/**
 * Whether `from` becomes `to` by `ALTER` (the kind has an ALTER for everything that differs), or is recreated in
 * the ALTER's place (`recreatedByPlanner`).
 *
 * @example
 * alterableInPlace(simpleDictionary, { ...simpleDictionary, options: ['stopwords=english'] }) // true
 * alterableInPlace(simpleDictionary, { ...simpleDictionary, template: 'pg_catalog.snowball' }) // false: no ALTER … TEMPLATE
 */
export function alterableInPlace(from: CatalogObject, to: CatalogObject): boolean {
  if (plannerRecreates(to.kind)) return recreatedByPlanner(from, to);
  switch (to.kind) {
    // Only the firing state (`ALTER TABLE … ENABLE | DISABLE RULE`).
    case 'rule': return from.kind === 'rule' && sameObject(from, { ...to, enabled: from.enabled });
    // ALTER SERVER sets the version and options, not the wrapper or the type.
    case 'server': return from.kind === 'server' && from.wrapper === to.wrapper && (from.type ?? '') === (to.type ?? '');
    // ALTER EVENT TRIGGER enables, disables and renames.
    case 'event_trigger': return from.kind === 'event_trigger' && from.event === to.event && from.function === to.function && from.tags.join('\u0000') === to.tags.join('\u0000');
    // ALTER STATISTICS … SET STATISTICS only.
    case 'statistics': {
      if (from.kind !== 'statistics') return false;
      const { target: _t, ...rest } = to;
      return sameObject({ ...rest, ...(from.target !== undefined ? { target: from.target } : {}) }, from);
    }
    // ALTER PUBLICATION adds, drops and sets tables and schemas, not FOR ALL TABLES.
    case 'publication': return from.kind === 'publication' && from.allTables === to.allTables;
    // ALTER TEXT SEARCH DICTIONARY sets options, not the template; a configuration's parser is fixed.
    case 'ts_dictionary': return from.kind === 'ts_dictionary' && from.template === to.template;
    case 'ts_configuration': return from.kind === 'ts_configuration' && from.parser === to.parser;
    case 'foreign_data_wrapper': case 'user_mapping': case 'privileges': case 'default_privileges': return from.kind === to.kind;
    // ALTER FOREIGN TABLE sets the table's and columns' options, defaults and NOT NULL, and adds columns at the end;
    // it has no clause for the server. A column retyped or removed recreates it (PostgreSQL refuses either under a
    // view that reads it, which the recreation takes along).
    case 'foreign_table': {
      if (from.kind !== 'foreign_table' || from.server !== to.server || to.columns.length < from.columns.length) return false;
      return from.columns.every((c, i) => to.columns[i]!.name === c.name && to.columns[i]!.type === c.type && (to.columns[i]!.collation ?? '') === (c.collation ?? ''));
    }
    // ALTER OPERATOR … SET (RESTRICT = …, JOIN = …) (PostgreSQL 15: not COMMUTATOR, NEGATOR, HASHES or MERGES, which
    // came in 17); its comment, written with its CREATE (a carried kind), is set again beside it.
    case 'operator': return from.kind === 'operator' && sameObject({ ...from, restrict: to.restrict, join: to.join, comment: to.comment }, to);
    default: return false;
  }
}

/**
 * Whether a row-level security policy becomes `to` by `ALTER POLICY … [TO …] [USING (…)] [WITH CHECK (…)]`
 * (PostgreSQL 15, checked with psql): that form sets the roles and sets or adds either expression; it has no
 * clause for the command (`FOR …`) or `AS PERMISSIVE | RESTRICTIVE`, and cannot remove an expression
 * (`WITH CHECK (NULL)` stores a NULL check; without WITH CHECK an ALL or UPDATE policy checks new rows by its
 * USING, which is not the same). Nor when an old expression reads a column `table` (the desired one) no longer
 * has: PostgreSQL refuses to drop a column a policy reads, and the column is dropped before the policy changes
 * (the ALTER requires the table as desired); dropped and created again, the policy goes first.
 *
 * @example
 * policyInPlace(own, { ...own, roles: ['app'] }, docs)                 // true
 * policyInPlace(own, { ...own, command: 'SELECT' }, docs)             // false: no ALTER POLICY … FOR
 * policyInPlace(own, { ...own, withCheck: undefined }, docs)          // false when `own` has a WITH CHECK
 */
export function policyInPlace(from: Policy, to: Policy, table: Table): boolean {
  if (from.permissive !== to.permissive || from.command !== to.command) return false;
  if ((from.using && !to.using) || (from.withCheck && !to.withCheck)) return false;
  const columns = new Set(table.columns.map((c) => c.name));
  return [from.using, from.withCheck].every((e) => exprRefs(e?.canonical).columns.every((c) => columns.has(c)));
}

/**
 * Whether an aggregate becomes `to` by `CREATE OR REPLACE AGGREGATE` (PostgreSQL 12+, checked on 15): it sets the
 * state and support functions and the initial condition, keeping the aggregate's privileges, comment and the views
 * that call it; PostgreSQL refuses it when the result type changes ("cannot change return type of existing
 * function"). The Model keeps no aggregate's result type (it is the final function's, else the state type), so
 * the replacement is only taken while both stay: the same `STYPE` and the same final function — `FINALFUNC`
 * (or none) and `FINALFUNC_EXTRA`, a bare flag that picks the final function's overload taking the aggregate's
 * arguments too. Read from the options both edges keep (`Func.aggregate`), never from the definition's text.
 *
 * @example
 * aggregateInPlace(sumFrom0, { ...sumFrom0, aggregate: { ...sumFrom0.aggregate!, initcond: '1' } }) // true: INITCOND only
 * aggregateInPlace(sumInt, countBigint)                                                             // false: STYPE changes
 */
export function aggregateInPlace(from: Func, to: Func): boolean {
  if (from.kind !== 'aggregate' || to.kind !== 'aggregate' || !from.aggregate || !to.aggregate) return false;
  const [a, b] = [from.aggregate, to.aggregate];
  // An aggregate's kind and direct arguments cannot change in place either ("cannot change routine kind").
  return a.stype === b.stype && (a.finalfunc ?? '') === (b.finalfunc ?? '') && !!a.finalfuncExtra === !!b.finalfuncExtra
    && (a.signature ?? '') === (b.signature ?? '') && !!a.hypothetical === !!b.hypothetical;
}

/**
 * Whether a materialized view becomes `to` by `ALTER MATERIALIZED VIEW … SET (…) / RESET (…)`: only its storage
 * parameters change (PostgreSQL 15, checked with psql). It keeps its rows, indexes, privileges, comments and the
 * views over it; anything else (its query, its columns) has no ALTER and recreates it.
 *
 * @example
 * materializedViewInPlace(mv, { ...mv, options: ['fillfactor=70'] }) // true
 * materializedViewInPlace(mv, { ...mv, query: other })              // false
 */
export function materializedViewInPlace(from: View, to: View): boolean {
  return from.kind === 'materialized_view' && to.kind === 'materialized_view' && sameViewQuery(from, to) && from.columns.join('\u0000') === to.columns.join('\u0000');
}
