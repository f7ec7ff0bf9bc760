/**
 * The kind-agnostic differ for the Model's `objects` (rules, foreign data wrappers, servers, user mappings,
 * foreign tables): created, dropped, altered — how is each kind's business (src/plan/kinds/) — and their comments.
 *
 * In:  both Models and the scope. Out: changes appended to `out`. Never: renders SQL.
 */
import { attachedTargetExists, isDatabaseWide, objectDependencies, objectKey, objectSchema } from '../model/objects.js';
import type { CatalogObject, Model } from '../model/types.js';
import type { Change, CommentTarget } from './changes.js';
import { keptForeignCheck, sameObject } from './equal.js';
import { alterableInPlace, recreatedByPlanner } from './in-place.js';
import { adjustForDefaultPrivileges, sameApplyingRole } from './default-privileges.js';
import { restoreOnNewIdentitySequences, restoreOnRecreatedTables } from './recreated.js';
import { moveColumnsOffRecreatedCollations, moveColumnsOffRecreatedDomains } from './collation-in-use.js';


type CommentFn = (target: CommentTarget, from: string | undefined, to: string | undefined) => void;

/**
 * @example
 * diffObjects(current, desired, undefined, () => false, out, comment)
 */
export function diffObjects(current: Model, desired: Model, scope: readonly string[] | undefined, droppedSchema: (schema: string) => boolean, out: Change[], comment: CommentFn): void {
  const managed = (o: CatalogObject) => {
    const s = objectSchema(o);
    return s === undefined ? !scope && isDatabaseWide(o) : !scope || scope.includes(s);
  };
  const [cur, des] = sameApplyingRole(current.objects ?? {}, desired.objects ?? {});
  for (const [key, o] of Object.entries(des)) {
    if (!managed(o)) continue;
    const was = cur[key];
    let fresh = !was;
    if (was && !sameObject(was, o)) {
      // Altered in place where PostgreSQL can (or recreated in its own order: collations); else dropped and created in the usual phases.
      if (alterableInPlace(was, o)) out.push({ kind: 'alter_object', from: was, to: o });
      else {
        out.push({ kind: 'drop_object', object: was });
        fresh = true;
      }
    }
    if (fresh) out.push({ kind: 'create_object', object: o });
    // A changed collation is recreated by the planner (it has no ALTER): its comment goes with it and comes back.
    comments(fresh || (was && recreatedByPlanner(was, o)) ? undefined : was, o, comment);
  }
  for (const [key, o] of Object.entries(cur)) {
    if (!managed(o) || des[key]) continue;
    const s = objectSchema(o);
    if ((s !== undefined && droppedSchema(s)) || !attachedTargetExists(desired, o)) continue;
    out.push({ kind: 'drop_object', object: o });
  }
  recreateDependants(cur, des, managed, out, comment);
  adjustForDefaultPrivileges(current, { ...desired, objects: des }, out);
  restoreOnRecreatedTables(desired, out);
  restoreOnNewIdentitySequences(desired, out);
  moveColumnsOffRecreatedCollations(current, desired, out);
  moveColumnsOffRecreatedDomains(current, desired, out);
}

/**
 * An unchanged object goes with a dependency that is dropped and created again (an operator family recreated takes
 * its classes with it in PostgreSQL): dropped and created too, transitively. Only recreated dependencies count
 * (drop_object + create_object of one key); a kind altered in place keeps its dependants. A recreated dependant's
 * comments are set again.
 */
function recreateDependants(cur: Record<string, CatalogObject>, des: Record<string, CatalogObject>, managed: (o: CatalogObject) => boolean, out: Change[], comment: CommentFn): void {
  const created = new Set(out.flatMap((c) => (c.kind === 'create_object' ? [objectKey(c.object)] : [])));
  const recreated = new Set(out.flatMap((c) => (c.kind === 'drop_object' && created.has(objectKey(c.object)) ? [objectKey(c.object)] : [])));
  for (let grew = recreated.size > 0; grew;) {
    grew = false;
    for (const [key, o] of Object.entries(des)) {
      const was = cur[key];
      if (recreated.has(key) || !was || !managed(o) || !objectDependencies(o).some((d) => recreated.has(d))) continue;
      // (Privileges go with their object: nothing to revoke, granted again from the default, whatever was planned for them.)
      if (was.kind !== 'privileges') out.push({ kind: 'drop_object', object: was });
      else for (let i = out.length - 1; i >= 0; i--) if (out[i]!.kind === 'alter_object' && objectKey((out[i] as Extract<Change, { kind: 'alter_object' }>).to) === key) out.splice(i, 1);
      out.push({ kind: 'create_object', object: o });
      // Its comments come back with it (the loop above compared them with the old version's, which stay equal).
      comments(undefined, o, comment);
      recreated.add(key);
      grew = true;
    }
  }
}

function comments(was: CatalogObject | undefined, o: CatalogObject, comment: CommentFn): void {
  const prev = was as (CatalogObject & { comment?: string }) | undefined;
  switch (o.kind) {
    case 'rule': return comment({ on: 'RULE', schema: o.schema, name: o.name, table: o.table.slice(o.schema.length + 1) }, prev?.comment, o.comment);
    case 'foreign_data_wrapper': return comment({ on: 'FOREIGN DATA WRAPPER', name: o.name }, prev?.comment, o.comment);
    case 'server': return comment({ on: 'SERVER', name: o.name }, prev?.comment, o.comment);
    case 'event_trigger': return comment({ on: 'EVENT TRIGGER', name: o.name }, prev?.comment, o.comment);
    case 'publication': return comment({ on: 'PUBLICATION', name: o.name }, prev?.comment, o.comment);
    case 'cast': return comment({ on: 'CAST', name: `(${o.source} AS ${o.target})` }, prev?.comment, o.comment);
    case 'collation': return comment({ on: 'COLLATION', schema: o.schema, name: o.name }, prev?.comment, o.comment);
    case 'statistics': return comment({ on: 'STATISTICS', schema: o.schema, name: o.name }, prev?.comment, o.comment);
    case 'ts_dictionary': return comment({ on: 'TEXT SEARCH DICTIONARY', schema: o.schema, name: o.name }, prev?.comment, o.comment);
    case 'ts_configuration': return comment({ on: 'TEXT SEARCH CONFIGURATION', schema: o.schema, name: o.name }, prev?.comment, o.comment);
    case 'foreign_table': {
      comment({ on: 'FOREIGN TABLE', schema: o.schema, name: o.name }, prev?.comment, o.comment);
      const before = was?.kind === 'foreign_table' ? new Map(was.columns.map((c) => [c.name, c.comment])) : new Map<string, string | undefined>();
      for (const c of o.columns) comment({ on: 'COLUMN', schema: o.schema, name: o.name, column: c.name }, before.get(c.name), c.comment);
      // A check's comment: compared when ALTER FOREIGN TABLE keeps the check, else set after it is added.
      const checks = new Map(was?.kind === 'foreign_table' ? (was.checks ?? []).map((c) => [c.name, c]) : []);
      for (const c of o.checks ?? []) {
        const old = checks.get(c.name);
        comment({ on: 'CONSTRAINT', schema: o.schema, name: c.name, table: o.name }, old && keptForeignCheck(old, c) ? old.comment : undefined, c.comment);
      }
      return;
    }
    default: return;
  }
}
