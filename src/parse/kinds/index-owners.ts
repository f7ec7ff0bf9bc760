/**
 * Which table or view of the fold's Model has the index named `schema.name` (its own index, or the index behind a
 * PRIMARY KEY / UNIQUE / EXCLUDE constraint). `ALTER INDEX … ATTACH PARTITION` asks it twice per statement, and
 * pg_dump writes one per partition's index (GitLab: thousands); a scan of every table per question made the fold
 * quadratic. The answer comes from a map of names to owners built in one scan and kept as a hint: each use checks it
 * against the Model as it now is (the fold changes it between questions), and a stale or missing hint rebuilds it.
 *
 * In: the fold's scope. Out: the owner. Never: answers from the map without checking the Model.
 */
import { qualifiedKey } from '../../model/names.js';
import type { FoldScope, MTable, MView } from './scope.js';

type Owner = MTable | MView;

const hints = new WeakMap<FoldScope, Map<string, Owner>>();

/** Whether `o` is still the Model's relation of its key. */
function current(sc: FoldScope, o: Owner): boolean {
  const k = qualifiedKey(o.schema, o.name);
  return (o.kind === 'table' ? sc.model.tables[k] : sc.model.views[k]) === o;
}

/** Whether `o` has a key constraint `name` (a PRIMARY KEY, UNIQUE or EXCLUDE, which has an index of that name). */
function hasKey(o: Owner, name: string): boolean {
  const c = 'constraints' in o ? o.constraints[name] : undefined;
  return !!c && (c.kind === 'primary_key' || c.kind === 'unique' || c.kind === 'exclusion');
}

/** The map of `schema\0name` to the first table or view (in the Model's order) with an index or key of that name. */
function rebuild(sc: FoldScope): Map<string, Owner> {
  const m = new Map<string, Owner>();
  const note = (o: Owner, name: string) => {
    const at = `${o.schema}\u0000${name}`;
    if (!m.has(at)) m.set(at, o);
  };
  for (const t of Object.values(sc.model.tables)) {
    for (const name of Object.keys(t.indexes)) note(t, name);
    for (const name of Object.keys(t.constraints)) if (hasKey(t, name)) note(t, name);
  }
  for (const v of Object.values(sc.model.views)) for (const name of Object.keys(v.indexes)) note(v, name);
  hints.set(sc, m);
  return m;
}

/**
 * The table or view of schema `schema` that has the index `name` as its own index (`kind` 'index') or behind a key
 * constraint (`kind` 'key'); undefined when no relation of the schema does. Index names are unique in a schema (the
 * fold refuses a second relation of a name, as PostgreSQL does), so an owner of the other kind means none.
 *
 * @example
 * indexOwner(sc, 'public', 'p1_pkey', 'key') // the table p1, whose PRIMARY KEY p1_pkey is
 */
export function indexOwner(sc: FoldScope, schema: string, name: string, kind: 'index' | 'key'): Owner | undefined {
  const at = `${schema}\u0000${name}`;
  const has = (o: Owner | undefined): o is Owner => !!o && o.schema === schema && current(sc, o) && (kind === 'index' ? o.indexes[name] !== undefined : hasKey(o, name));
  const other = (o: Owner | undefined): boolean => !!o && o.schema === schema && current(sc, o) && (kind === 'index' ? hasKey(o, name) : o.indexes[name] !== undefined);
  const hint = hints.get(sc)?.get(at);
  if (has(hint)) return hint;
  if (other(hint) || !sc.taken(schema, name)) return undefined;
  const found = rebuild(sc).get(at);
  return has(found) ? found : undefined;
}
