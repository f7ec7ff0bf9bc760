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
  const out: string[] = [];
  const seen = new Set<string>([key]);
  const queue = [key];
  while (queue.length) {
    const at = queue.shift()!;
    for (const [k, t] of Object.entries(tables)) {
      if (seen.has(k) || (t.partitionOf?.parent !== at && !t.inherits.includes(at))) continue;
      seen.add(k);
      out.push(k);
      queue.push(k);
    }
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
