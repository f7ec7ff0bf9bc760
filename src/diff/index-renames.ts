/**
 * Index rename sets whose targets are other renames' sources: a chain (`a → b`, `b → c`) runs the rename that frees
 * a name before the one that takes it (plan/edges.ts: an index rename drops its old name and creates its new one);
 * a cycle (a swap `a → b`, `b → a`, or longer) has no such order, so one of its renames goes through a temporary
 * name (`a → a_tmp`, … , `a_tmp → b`), the way migra and pg-schema-diff move names out of the way. Pure.
 */
import type { Change } from './changes.js';
import { relationNames } from '../model/partition.js';
import type { Model } from '../model/types.js';

type Rename = Extract<Change, { kind: 'rename' }>;

/**
 * Breaks each cycle of the index renames in `out` through a temporary name free in both states.
 *
 * @example
 * breakIndexRenameCycles(current, desired, out)
 * // [ix_a → ix_b, ix_b → ix_a] → [ix_a → ix_a_tmp, ix_b → ix_a, ix_a_tmp → ix_b (temporary)]
 */
export function breakIndexRenameCycles(current: Model, desired: Model, out: Change[]): void {
  const renames = out.filter((c): c is Rename => c.kind === 'rename' && c.object === 'index' && !c.temporary);
  const bySchema = new Map<string, Map<string, Rename>>();
  for (const r of renames) bySchema.set(r.schema, (bySchema.get(r.schema) ?? new Map()).set(r.from, r));
  for (const [schema, from] of bySchema) {
    const done = new Set<string>();
    const used = new Set([...relationNames(current, schema), ...relationNames(desired, schema)]);
    for (const start of from.keys()) {
      // Follow start → to → … while the targets are renamed too; back at a name of this walk: a cycle.
      const walk: string[] = [];
      let at: string | undefined = start;
      while (at !== undefined && from.has(at) && !done.has(at) && !walk.includes(at)) {
        walk.push(at);
        at = from.get(at)!.to;
      }
      for (const w of walk) done.add(w);
      if (at === undefined || !walk.includes(at)) continue;
      const cut = from.get(at)!;
      let tmp = `${cut.from.slice(0, 59)}_tmp`;
      for (let n = 1; used.has(tmp); n++) tmp = `${cut.from.slice(0, 59 - String(n).length)}_tmp${n}`;
      used.add(tmp);
      const i = out.indexOf(cut);
      out.splice(i, 1, { ...cut, to: tmp }, { ...cut, from: tmp, temporary: true });
    }
  }
}
