/**
 * Schemas, folded: `CREATE SCHEMA` (with its elements, under its own search_path) and `DROP SCHEMA`.
 */
import { tagOf, type Payload } from '../ast.js';
import { Problem, notFound, type FoldScope } from './scope.js';
import * as publication from './publication.js';
import { dropRelation } from './relation.js';

export function createSchema(sc: FoldScope, n: Payload<'CreateSchemaStmt'>): void {
  const name = (n.schemaname ?? n.authrole?.rolename)!;
  if (sc.model.schemas[name]) {
    // `public`, and the schema a schema-bound URL names, exist before the files: creating them is a no-op.
    if (n.if_not_exists || name === 'public' || sc.takeAssumedSchema(name)) return;
    throw new Problem('E_DUPLICATE', `schema "${name}" already exists`);
  }
  sc.model.schemas[name] = { kind: 'schema', name, loc: sc.loc };
  if (n.schemaElts?.length) {
    const saved = sc.searchPath;
    sc.searchPath = [name, ...saved];
    for (const e of n.schemaElts) {
      sc.dispatch(...tagOf(e));
    }
    sc.searchPath = saved;
  }
}

/** DROP SCHEMA: CASCADE drops what it holds. */
export function dropSchema(sc: FoldScope, names: readonly string[], cascade: boolean, missingOk: boolean): void {
  const s = names[0]!;
  if (!sc.model.schemas[s]) return notFound('schema', names, missingOk);
  const inside = (x: { schema: string }) => x.schema === s;
  const has = [...Object.values(sc.model.tables), ...Object.values(sc.model.views), ...Object.values(sc.model.types), ...Object.values(sc.model.sequences), ...Object.values(sc.model.functions)].some(inside);
  if (has && !cascade) throw new Problem('E_DEPENDS', `cannot drop schema ${s} because other objects depend on it; use DROP SCHEMA … CASCADE`);
  for (const k of Object.keys(sc.model.tables)) if (sc.model.tables[k] && inside(sc.model.tables[k]!)) dropRelation(sc, k, true);
  for (const k of Object.keys(sc.model.views)) if (sc.model.views[k] && inside(sc.model.views[k]!)) dropRelation(sc, k, true);
  for (const m of [sc.model.types, sc.model.sequences, sc.model.functions] as Record<string, { schema: string }>[]) for (const [k, x] of Object.entries(m)) if (inside(x)) delete m[k];
  sc.functionsChanged();
  publication.forgetInPublications(sc.model, { schema: s });
  for (const [k, o] of Object.entries(sc.model.objects)) if ((o.kind === 'statistics' || o.kind === 'collation' || o.kind === 'ts_dictionary' || o.kind === 'ts_configuration' || o.kind === 'operator' || o.kind === 'operator_family' || o.kind === 'operator_class') && o.schema === s) delete sc.model.objects[k];
  delete sc.model.schemas[s];
  sc.forgetSchemaNames(s);
}
