/**
 * What depends on a relation (table or view), for the kinds that drop or rename one: dropping a relation with
 * what goes with it (CASCADE), and the parts of a table dropped by name (what follows a rename: ./view.ts `followRelation`).
 */
import { qualifiedKey } from '../../model/names.js';
import { Problem, notFound, type FoldScope, type MTable } from './scope.js';
import { dropAttached } from './partition-indexes.js';
import { forgetKeyCopies } from './partition-keys.js';
import * as publication from './publication.js';
import * as statistics from './statistics.js';
import * as rule from './rule.js';

/** Drops a table or view; CASCADE also drops the views that read it and the foreign keys that point to it. */
export function dropRelation(sc: FoldScope, key: string, cascade: boolean): void {
  const dependentViews = Object.values(sc.model.views).filter((v) => v.dependsOn.includes(key));
  const fks = Object.values(sc.model.tables).flatMap((t) => (qualifiedKey(t.schema, t.name) === key ? [] : Object.values(t.constraints).filter((c) => c.kind === 'foreign_key' && c.refTable === key).map((c) => ({ t, c }))));
  const partitions = Object.entries(sc.model.tables).filter(([, t]) => t.partitionOf?.parent === key);
  if (!cascade && (dependentViews.length || fks.length)) {
    const what = [...dependentViews.map((v) => `view ${v.name}`), ...fks.map((x) => `constraint ${x.c.name} on table ${x.t.name}`)].join(', ');
    throw new Problem('E_DEPENDS', `cannot drop ${key} because other objects depend on it (${what}); use DROP … CASCADE`);
  }
  for (const v of dependentViews) if (sc.model.views[qualifiedKey(v.schema, v.name)]) dropRelation(sc, qualifiedKey(v.schema, v.name), true);
  for (const { t, c } of fks) delete t.constraints[c.name];
  for (const [pk] of partitions) dropRelation(sc, pk, true);
  const t = sc.model.tables[key];
  const v = sc.model.views[key];
  const o = t ?? v;
  if (!o) return;
  for (const [sk, s] of Object.entries(sc.model.sequences)) if (s.ownedBy?.table === key) { delete sc.model.sequences[sk]; sc.release(s.schema, s.name); }
  for (const ix of Object.values(o.indexes)) sc.release(o.schema, ix.name);
  if (t?.partitionOf) dropAttached(sc, key, o.schema);
  forgetKeyCopies(sc, key);
  if (t) for (const c of Object.values(t.constraints)) if (c.kind !== 'check' && c.kind !== 'foreign_key') sc.release(o.schema, c.name);
  delete sc.model.tables[key];
  delete sc.model.views[key];
  rule.dropRulesOn(sc, key);
  publication.forgetInPublications(sc.model, { table: key });
  statistics.forgetStatistics(sc.model, key);
  sc.release(o.schema, o.name);
}

/** DROP TRIGGER / POLICY `name ON relation`: the part goes from its table (or view). */
export function dropTablePart(sc: FoldScope, part: 'triggers' | 'policies', what: string, names: readonly string[], missingOk: boolean): void {
  const name = names[names.length - 1]!;
  const rel = names.slice(0, -1);
  const t = sc.lookup(sc.model.tables, rel) ?? sc.lookup(sc.model.views, rel);
  const map = t ? (t.obj as MTable)[part] : undefined;
  if (!map?.[name]) return notFound(what, names, missingOk);
  delete map[name];
}
