/**
 * Domains and foreign tables whose expressions call a function that is dropped and created again (a renamed
 * parameter, another result type): PostgreSQL records the call (pg_depend) and refuses the DROP FUNCTION while a
 * domain's CHECK or DEFAULT, or a foreign table's CHECK or column DEFAULT, calls it. The object is kept (a domain
 * columns use, a foreign table views read): it is changed twice, first to itself without those expressions (before
 * the drop: the graph orders it by what its old state calls, ./edges.ts), then to its desired state (after the
 * create: by what the new one calls). A change the diff already planned for it is split the same way.
 *
 * In: the changes, both Models and the test of an expression calling a recreated function. Out: `all` changed in place.
 */
import type { Change } from '../../diff/changes.js';
import { qualifiedKey } from '../../model/names.js';
import { objectKey } from '../../model/objects.js';
import type { CatalogObject, DomainType, Model } from '../../model/types.js';

type Calls = (e: { canonical?: string } | undefined) => boolean;

/** The columns (`table key.column`) whose type is the type `key` or an array of it (an alter_type's `usedBy`). */
const typeUsers = (model: Model, key: string): string[] =>
  Object.values(model.tables).flatMap((t) => t.columns.filter((c) => c.type.replace(/(\[\])+$/, '') === key).map((c) => `${qualifiedKey(t.schema, t.name)}.${c.name}`));

/** `x` without its default. */
function withoutDefault<T extends { readonly default?: unknown }>(x: T): T {
  const { default: _, ...rest } = x;
  return rest as T;
}
type ForeignTable = Extract<CatalogObject, { kind: 'foreign_table' }>;

/**
 * Adds the two-step changes of the domains and foreign tables calling a recreated function to `all`.
 *
 * @example
 * restoreDomainsAndForeignTables(all, current, desired, calls)
 * // a domain whose CHECK calls f: alter_type (without the CHECK), …, drop_function f, create_function f, alter_type (with it)
 */
export function restoreDomainsAndForeignTables(all: Change[], current: Model, desired: Model, calls: Calls): void {
  for (const [k, cur] of Object.entries(current.types)) {
    const des = desired.types[k];
    if (cur.kind !== 'domain' || des?.kind !== 'domain') continue;
    if (all.some((c) => (c.kind === 'drop_type' || c.kind === 'rebuild_type') && qualifiedKey(('type' in c ? c.type : c.to).schema, ('type' in c ? c.type : c.to).name) === k)) continue;
    const bare: DomainType = { ...(calls(cur.default) ? withoutDefault(cur) : cur), checks: cur.checks.filter((x) => !calls(x.expr)) };
    if (bare.default === cur.default && bare.checks.length === cur.checks.length) continue;
    const i = all.findIndex((c) => c.kind === 'alter_type' && qualifiedKey(c.to.schema, c.to.name) === k);
    const planned = i >= 0 ? (all[i] as Extract<Change, { kind: 'alter_type' }>) : undefined;
    const usedBy = planned?.usedBy ?? typeUsers(current, k);
    const first: Change = { kind: 'alter_type', from: planned?.from ?? cur, to: bare, usedBy };
    if (planned) all.splice(i, 1, first);
    else all.push(first);
    all.push({ kind: 'alter_type', from: bare, to: des, usedBy });
  }
  for (const [k, cur] of Object.entries(current.objects ?? {})) {
    const des = desired.objects?.[k];
    if (cur.kind !== 'foreign_table' || des?.kind !== 'foreign_table') continue;
    if (all.some((c) => (c.kind === 'drop_object' || c.kind === 'create_object') && objectKey(c.object) === k)) continue;
    const bare: ForeignTable = {
      ...cur,
      columns: cur.columns.map((col) => (calls(col.default) ? withoutDefault(col) : col)),
      ...(cur.checks ? { checks: cur.checks.filter((x) => !calls(x.expr)) } : {}),
    };
    if (bare.columns.every((col, n) => col === cur.columns[n]) && (bare.checks?.length ?? 0) === (cur.checks?.length ?? 0)) continue;
    const i = all.findIndex((c) => c.kind === 'alter_object' && objectKey(c.to) === k);
    const planned = i >= 0 ? (all[i] as Extract<Change, { kind: 'alter_object' }>) : undefined;
    const first: Change = { kind: 'alter_object', from: planned?.from ?? cur, to: bare };
    if (planned) all.splice(i, 1, first);
    else all.push(first);
    all.push({ kind: 'alter_object', from: bare, to: des });
  }
}
