/**
 * `schema clean`: drop every object in the managed schemas.
 *
 * In:  a Database and the scope (the schema the URL is bound to, an explicit list, or every user schema).
 * Out: the list of what exists (for the confirmation prompt) and, when executed, what was dropped.
 * Never: touches system schemas, extension-owned schemas or objects, or prints. Bound schemas and `public`
 * are emptied object by object (kept, with their owner and grants); other schemas are dropped whole.
 * Everything runs in one transaction: all or nothing.
 *
 * Built from the pipeline, so it knows every kind the planner knows and no list of its own: inspect the
 * schemas, diff them against a desired state holding only the schemas that stay, plan. Two things lie outside
 * the Model and are added here: objects of kinds the Model does not manage (the inspector reports them with
 * the identity the server gives them, dropped as `DROP <type> <identity>`), and Atlas's revisions table
 * (hidden from inspection as bookkeeping, but `db reset` needs it gone). The planned drops run in the
 * planner's order; a drop that PostgreSQL refuses because something still depends on it (an order the
 * planner got wrong) is retried after the others, inside the same transaction, until nothing is left or no
 * drop goes through (then the first refusal is the error).
 */
import type { Database, Queryable } from '../db/database.js';
import { diff } from '../diff/index.js';
import { MeridianError } from '../errors.js';
import { inspect } from '../inspect/index.js';
import { REVISIONS_TABLE } from '../migrate/revisions.js';
import { qualifiedName, quoteIdent, splitKey } from '../model/names.js';
import { objectSchema } from '../model/objects.js';
import { emptyModel, type Model, type SchemaDef, type TypeDef } from '../model/types.js';
import { plan } from '../plan/index.js';

export interface CleanTarget {
  readonly schema: string;
  /** `keep`: the schema is emptied but kept; `drop`: the schema itself goes. */
  readonly action: 'keep' | 'drop';
  /** Objects it holds, by kind, for the confirmation prompt. */
  readonly objects: readonly { readonly kind: string; readonly name: string; readonly ident: string }[];
}

const SYSTEM_SCHEMA = `n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

/** What a clean works from: the schemas in scope (with their action) and their inspected Model. */
interface CleanState {
  readonly schemas: readonly { readonly name: string; readonly action: 'keep' | 'drop'; readonly revisions: boolean }[];
  readonly model: Model;
}

/** The schemas in scope (existing, not extension-owned) and their Model; unknown requested schemas are an error. */
async function readState(db: Database, requested: readonly string[] | undefined): Promise<CleanState> {
  const bound = db.boundSchema?.split(',').map((s) => s.trim()).filter(Boolean);
  const scoped = bound?.length ? bound : requested?.length ? [...requested] : undefined;
  const rows = (
    await db.query<{ schema: string; revisions: boolean; ext_owned: boolean }>(
      `SELECT n.nspname AS schema,
              EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relname = $1 AND c.relkind IN ('r','p')) AS revisions,
              EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e') AS ext_owned
         FROM pg_catalog.pg_namespace n
        WHERE ${SYSTEM_SCHEMA} ${scoped ? 'AND n.nspname = ANY($2::text[])' : ''}
        ORDER BY 1`,
      scoped ? [REVISIONS_TABLE, scoped] : [REVISIONS_TABLE],
    )
  ).rows;
  if (scoped) {
    const missing = scoped.filter((s) => !rows.some((r) => r.schema === s));
    if (missing.length) throw new MeridianError('E_USAGE', `schema ${missing.map((m) => `"${m}"`).join(', ')} does not exist in ${db.displayUrl}`);
  }
  const schemas = rows
    .filter((r) => !r.ext_owned)
    .map((r) => ({
      name: r.schema,
      action: r.schema === 'public' || !!bound?.includes(r.schema) ? ('keep' as const) : ('drop' as const),
      revisions: !!r.revisions,
    }));
  const model = schemas.length ? (await inspect(db, { schemas: schemas.map((s) => s.name), identify: true })).model : emptyModel();
  return { schemas, model };
}

const TYPE_KIND: Readonly<Record<TypeDef['kind'], string>> = { enum: 'enum', domain: 'domain', composite: 'type', range: 'range' };

/** What a schema holds, as the prompt lists it: top-level objects (partitions and owned sequences go with their table). */
function objectsIn(model: Model, schema: string, revisions: boolean): CleanTarget['objects'] {
  const out: { kind: string; name: string; ident: string }[] = [];
  const add = (kind: string, name: string, ident = qualifiedName(schema, name)) => out.push({ kind, name, ident });
  for (const t of Object.values(model.tables)) if (t.schema === schema && !t.partitionOf) add('table', t.name);
  for (const v of Object.values(model.views)) if (v.schema === schema) add(v.kind === 'view' ? 'view' : 'materialized view', v.name);
  for (const s of Object.values(model.sequences)) if (s.schema === schema && !s.ownedBy) add('sequence', s.name);
  for (const t of Object.values(model.types)) if (t.schema === schema) add(TYPE_KIND[t.kind], t.name);
  for (const f of Object.values(model.functions)) if (f.schema === schema) add(f.kind, f.name, `${qualifiedName(schema, f.name)}(${f.identityArgs})`);
  // Every schema-scoped kind of the kind-agnostic core (rules, foreign tables, statistics, collations…).
  for (const o of Object.values(model.objects ?? {})) {
    if (objectSchema(o) !== schema || !('name' in o)) continue;
    add(o.kind.replace(/_/g, ' '), o.name, o.kind === 'rule' ? `${quoteIdent(o.name)} ON ${qualifiedName(schema, splitKey(o.table).name)}` : undefined);
  }
  for (const u of model.unmanaged) if (u.schema === schema) add(u.kind, u.name, u.drop?.identity);
  if (revisions) add('table', REVISIONS_TABLE);
  return out.sort((a, b) => (a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind < b.kind ? -1 : 1));
}

/**
 * Lists what `schema clean` would drop.
 *
 * @example
 * const targets = await planClean(db, { schemas: ['practice_app'] });
 * targets.map((t) => `${t.action} ${t.schema}: ${t.objects.length}`) // ['drop practice_app: 12']
 */
export async function planClean(db: Database, opts: { schemas?: readonly string[] } = {}): Promise<CleanTarget[]> {
  const state = await readState(db, opts.schemas);
  return state.schemas.map((s) => ({ schema: s.name, action: s.action, objects: objectsIn(state.model, s.name, s.revisions) }));
}

/**
 * The statements that empty the kept schemas and drop the others, from an inspected Model (pure).
 *
 * @example
 * cleanStatements(model, [{ name: 'public', action: 'keep', revisions: false }])
 * // ['DROP VIEW "public"."v"', 'DROP TABLE "public"."t"', …]
 */
function cleanStatements(model: Model, schemas: CleanState['schemas']): string[] {
  // The inspector leaves out a schema holding nothing but Atlas's revisions table: the clean still owns it.
  const present: Record<string, SchemaDef> = { ...model.schemas };
  for (const s of schemas) present[s.name] ??= { kind: 'schema', name: s.name };
  const current: Model = { ...model, schemas: present };
  const kept = schemas.filter((s) => s.action === 'keep');
  const desired: Model = { ...emptyModel(), schemas: Object.fromEntries(kept.map((s) => [s.name, present[s.name]!])) };
  const planned = plan(diff(current, desired, { schemas: schemas.map((s) => s.name) }), current, desired).map((s) => s.sql);
  const keep = new Set(kept.map((s) => s.name));
  const outside = model.unmanaged
    .filter((u) => u.schema !== undefined && keep.has(u.schema))
    .map((u) => {
      if (!u.drop) throw new MeridianError('E_INSPECT', `schema clean: ${u.kind} ${u.schema}.${u.name} came without an identity to drop it by`);
      return `DROP ${u.drop.type.toUpperCase()} ${u.drop.identity}`;
    });
  const revisions = kept.filter((s) => s.revisions).map((s) => `DROP TABLE ${qualifiedName(s.name, REVISIONS_TABLE)}`);
  return [...revisions, ...outside, ...planned];
}

/**
 * Drops what `planClean` listed (the targets' schemas as they are now), in one transaction.
 *
 * @example
 * await executeClean(db, await planClean(db));
 */
export async function executeClean(db: Database, targets: readonly CleanTarget[]): Promise<void> {
  if (targets.length === 0) return;
  const state = await readState(db, targets.map((t) => t.schema));
  const wanted = new Map(targets.map((t) => [t.schema, t.action]));
  const schemas = state.schemas.filter((s) => wanted.has(s.name)).map((s) => ({ ...s, action: wanted.get(s.name)! }));
  const statements = cleanStatements(state.model, schemas);
  if (statements.length === 0) return;
  await db.transaction((tx) => dropAll(tx, statements));
}

const SAVEPOINT = 'meridian_clean';
/** 2BP01 dependent_objects_still_exist: something not dropped yet depends on the object. */
const blocked = (e: unknown) => (e as { sqlState?: unknown }).sqlState === '2BP01';

/**
 * Runs drops in their order in one round trip; when PostgreSQL refuses one because something still depends
 * on it, runs them one by one, each refused drop retried after the others, until all went through or a whole
 * round made no progress.
 */
async function dropAll(tx: Queryable, statements: readonly string[]): Promise<void> {
  try {
    await tx.exec(`SAVEPOINT ${SAVEPOINT};\n${statements.map((s) => `${s};`).join('\n')}\nRELEASE SAVEPOINT ${SAVEPOINT}`);
    return;
  } catch (e) {
    if (!blocked(e)) throw e;
    await tx.exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
  }
  let pending = [...statements];
  while (pending.length) {
    const later: string[] = [];
    let refusal: { sql: string; error: unknown } | undefined;
    for (const sql of pending) {
      try {
        await tx.exec(`SAVEPOINT ${SAVEPOINT};\n${sql};\nRELEASE SAVEPOINT ${SAVEPOINT}`);
      } catch (e) {
        if (!blocked(e)) throw e;
        await tx.exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        later.push(sql);
        refusal ??= { sql, error: e };
      }
    }
    if (refusal && later.length === pending.length) {
      const e = refusal.error as Error & { cause?: { detail?: unknown } };
      const detail = typeof e.cause?.detail === 'string' ? ` (${e.cause.detail.replace(/\n/g, '; ')})` : '';
      throw new MeridianError('E_DB', `schema clean: ${e.message}${detail}; nothing was dropped. Statement: ${refusal.sql}`, { cause: e });
    }
    pending = later;
  }
}
