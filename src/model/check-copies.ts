/**
 * Valid copies of NOT VALID checks (CheckConstraint.validCopies): which tables below a table hold a valid copy of one
 * of its NOT VALID checks. Shared by the fold (parse/kinds/check-copies.ts) and the inspector (inspect/index.ts).
 */
import type { Model, Table } from './types.js';

type Tables = Readonly<Record<string, Pick<Table, 'partitionOf' | 'inherits'>>>;

/**
 * The keys of the tables below `key` (partitions and inheritance children, at any depth).
 *
 * @example
 * tablesBelow(model.tables, 'public.p') // ['public.p1', 'public.p1_a']
 */
export function tablesBelow(tables: Tables, key: string): string[] {
  // The tables under each table, in the tables' order, from one pass (not one per table below: quadratic).
  const under = new Map<string, string[]>();
  const note = (parent: string, k: string) => {
    const list = under.get(parent);
    if (list) list.push(k);
    else under.set(parent, [k]);
  };
  for (const [k, t] of Object.entries(tables)) {
    if (t.partitionOf) note(t.partitionOf.parent, k);
    for (const p of t.inherits) if (p !== t.partitionOf?.parent) note(p, k);
  }
  const out: string[] = [];
  const seen = new Set<string>([key]);
  for (let i = -1; i < out.length; i++)
    for (const k of under.get(i < 0 ? key : out[i]!) ?? []) {
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(k);
    }
  return out;
}

/**
 * The keys of the tables above `key` (its partition parent or inheritance parents, at any depth).
 *
 * @example
 * tablesAbove(model.tables, 'public.p1_a') // ['public.p1', 'public.p']
 */
export function tablesAbove(tables: Tables, key: string): string[] {
  const out: string[] = [];
  const queue = [key];
  while (queue.length) {
    const t = tables[queue.shift()!];
    for (const p of [...(t?.partitionOf ? [t.partitionOf.parent] : []), ...(t?.inherits ?? [])]) {
      if (out.includes(p) || p === key) continue;
      out.push(p);
      queue.push(p);
    }
  }
  return out;
}

/**
 * `validCopies` kept to what holds: tables that exist below the check's table, sorted; none on a valid check.
 *
 * @example
 * normalValidCopies(model, 'public.p', check) // ['public.p2'] or undefined
 */
export function normalValidCopies(model: Pick<Model, 'tables'>, key: string, copies: readonly string[] | undefined, notValid: boolean): string[] | undefined {
  if (!notValid || !copies?.length) return undefined;
  const below = new Set(tablesBelow(model.tables, key));
  const out = [...new Set(copies)].filter((k) => below.has(k)).sort();
  return out.length ? out : undefined;
}
