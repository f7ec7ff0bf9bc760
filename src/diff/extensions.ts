/**
 * Extensions changed in place: `ALTER EXTENSION … UPDATE TO` when the desired state states a version the current
 * one does not have (a file without a version is the server's default, never compared: like Atlas), and
 * `ALTER EXTENSION … SET SCHEMA` when a relocatable extension's schema changes (PostgreSQL moves its objects;
 * a non-relocatable one keeps its schema, not compared).
 *
 * The objects the extension moves take their new schema with them: a column whose type is the extension's
 * (`public.citext` → `ext.citext`) is the same column, not retyped (`followMovedExtensions`).
 */
import type { Change } from './changes.js';
import { splitKey } from '../model/names.js';
import type { Extension, Model } from '../model/types.js';

/**
 * The change that updates or moves `cur` into `e`, if one is due.
 *
 * @example
 * alterExtension({ …hstore, version: '1.7' }, { …hstore, version: '1.8' }) // { kind: 'alter_extension', version: '1.8', … }
 */
export function alterExtension(cur: Extension, e: Extension): Extract<Change, { kind: 'alter_extension' }> | undefined {
  const version = e.version !== undefined && cur.version !== undefined && e.version !== cur.version ? e.version : undefined;
  const schema = cur.schema !== e.schema && cur.relocatable !== false ? e.schema : undefined;
  if (version === undefined && schema === undefined) return undefined;
  return { kind: 'alter_extension', from: cur, to: e, ...(version !== undefined ? { version } : {}), ...(schema !== undefined ? { schema } : {}) };
}

/**
 * `current` with the column types that a moved extension takes along spelled in its new schema: a column of
 * `old.x` whose desired type is `new.x`, where an extension moves from `old` to `new` and neither Model defines
 * the type (it is the extension's). Other Models are returned as they are.
 *
 * @example
 * followMovedExtensions(current, desired).tables['public.t'].columns[1].type // 'ext.citext' (was 'public.citext')
 */
export function followMovedExtensions(current: Model, desired: Model): Model {
  const moves = new Set<string>();
  for (const [name, e] of Object.entries(desired.extensions)) {
    const cur = current.extensions[name];
    if (cur && alterExtension(cur, e)?.schema !== undefined) moves.add(`${cur.schema}\u0000${e.schema}`);
  }
  if (!moves.size) return current;
  const base = (t: string) => t.replace(/(\[\])+$/, '');
  const follows = (from: string, to: string) => {
    const [a, b] = [base(from), base(to)];
    if (a === b || from.slice(a.length) !== to.slice(b.length) || !a.includes('.') || !b.includes('.')) return false;
    const [x, y] = [splitKey(a), splitKey(b)];
    return x.name === y.name && moves.has(`${x.schema}\u0000${y.schema}`) && !current.types[a] && !desired.types[b] && !current.tables[a] && !desired.tables[b];
  };
  const tables = { ...current.tables };
  for (const [k, t] of Object.entries(current.tables)) {
    const d = desired.tables[k];
    if (!d) continue;
    let changed = false;
    const columns = t.columns.map((c) => {
      const to = d.columns.find((x) => x.name === c.name)?.type;
      if (to === undefined || !follows(c.type, to)) return c;
      changed = true;
      return { ...c, type: to };
    });
    if (changed) tables[k] = { ...t, columns };
  }
  return { ...current, tables };
}
