/**
 * Per-Model indexes by name: the planner asks "which objects of this Model are named X" many times per plan
 * (a PL/pgSQL DECLARE type, an operator, a function call), so each index is built in one pass over the Model and
 * remembered for that Model object (a WeakMap: a Model nobody holds any more takes its indexes with it).
 */
import type { Model } from '../model/types.js';

/** A name → values index over one Model. */
export type NameIndex<V> = ReadonlyMap<string, readonly V[]>;

/**
 * An index builder remembered per Model: `entries(model)` lists `[name, value]` pairs (a value may be listed
 * under several names); the index keeps, for each name, its values in the order listed.
 *
 * @example
 * const tablesNamed = byName((m) => Object.values(m.tables).map((t) => [t.name, t] as const));
 * tablesNamed(model).get('users') // every table named users, in any schema
 */
export function byName<V>(entries: (model: Model) => Iterable<readonly [string, V]>): (model: Model) => NameIndex<V> {
  const cache = new WeakMap<Model, Map<string, V[]>>();
  return (model) => {
    let m = cache.get(model);
    if (!m) {
      m = new Map();
      for (const [name, value] of entries(model)) {
        const list = m.get(name);
        if (list) list.push(value);
        else m.set(name, [value]);
      }
      cache.set(model, m);
    }
    return m;
  };
}
