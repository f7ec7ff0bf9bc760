/**
 * `schema clean`: drop every object in the managed schemas.
 *
 * In:  a Database and the scope (the schema the URL is bound to, an explicit list, or every user schema).
 * Out: the list of what exists (for the confirmation prompt) and, when executed, what was dropped.
 * Never: touches system schemas or prints. Bound schemas and `public` are emptied object by object (kept, with their owner and grants);
 * other schemas are dropped whole. Everything runs in one transaction: all or nothing.
 */
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { quoteIdent } from '../model/names.js';

export interface CleanTarget {
  readonly schema: string;
  /** `keep`: the schema is emptied but kept; `drop`: the schema itself goes. */
  readonly action: 'keep' | 'drop';
  /** Objects it holds, by kind, for the confirmation prompt. */
  readonly objects: readonly { readonly kind: string; readonly name: string; readonly ident: string }[];
}

const SYSTEM_SCHEMA = `n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

/**
 * Lists what `schema clean` would drop, in one catalog query.
 *
 * @example
 * const targets = await planClean(db, { schemas: ['practice_app'] });
 */
export async function planClean(db: Database, opts: { schemas?: readonly string[] } = {}): Promise<CleanTarget[]> {
  const scoped = db.boundSchema ? [db.boundSchema] : opts.schemas && opts.schemas.length ? [...opts.schemas] : undefined;
  const rows = (
    await db.query<{ schema: string; kind: string | null; name: string | null; ident: string | null; ext_owned: boolean }>(
      `SELECT n.nspname AS schema, o.kind, o.name, o.ident,
              EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e') AS ext_owned
         FROM pg_namespace n
         LEFT JOIN LATERAL (
           SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                 WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' END AS kind, c.relname::text AS name,
                  format('%I.%I', n.nspname, c.relname) AS ident
             FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r','p','v','m','S','f') AND NOT c.relispartition
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e','a','i'))
           UNION ALL
           SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' ELSE 'type' END, t.typname::text, format('%I.%I', n.nspname, t.typname)
             FROM pg_type t WHERE t.typnamespace = n.oid AND t.typtype IN ('e','d','c')
              AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
           UNION ALL
           SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, p.proname::text,
                  format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
             FROM pg_proc p WHERE p.pronamespace = n.oid
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
         ) o ON true
        WHERE ${SYSTEM_SCHEMA} ${scoped ? 'AND n.nspname = ANY($1::text[])' : ''}
        ORDER BY n.nspname, o.kind, o.name`,
      scoped ? [scoped] : [],
    )
  ).rows;
  if (scoped) {
    const found = new Set(rows.map((r) => r.schema));
    const missing = scoped.filter((s) => !found.has(s));
    if (missing.length) throw new MeridianError('E_USAGE', `schema ${missing.map((m) => `"${m}"`).join(', ')} does not exist in ${db.displayUrl}`);
  }
  const bySchema = new Map<string, { kind: string; name: string; ident: string }[]>();
  for (const r of rows) {
    if (r.ext_owned) continue;
    const list = bySchema.get(r.schema) ?? [];
    if (r.kind && r.name && r.ident) list.push({ kind: r.kind, name: r.name, ident: r.ident });
    bySchema.set(r.schema, list);
  }
  return [...bySchema].map(([schema, objects]) => ({
    schema,
    action: schema === 'public' || schema === db.boundSchema || (scoped?.length === 1 && !!db.boundSchema) ? 'keep' : 'drop',
    objects,
  }));
}

/**
 * Drops what `planClean` listed, in one transaction.
 *
 * @example
 * await executeClean(db, await planClean(db));
 */
export async function executeClean(db: Database, targets: readonly CleanTarget[]): Promise<void> {
  if (targets.length === 0) return;
  const dropKeyword: Record<string, string> = {
    table: 'TABLE', view: 'VIEW', 'materialized view': 'MATERIALIZED VIEW', sequence: 'SEQUENCE', 'foreign table': 'FOREIGN TABLE',
    enum: 'TYPE', domain: 'DOMAIN', type: 'TYPE', function: 'FUNCTION', procedure: 'PROCEDURE',
  };
  const order = ['view', 'materialized view', 'foreign table', 'table', 'sequence', 'function', 'procedure', 'domain', 'type', 'enum'];
  const sql = targets
    .map((t) =>
      t.action === 'drop'
        ? `DROP SCHEMA ${quoteIdent(t.schema)} CASCADE;`
        : [...t.objects]
            .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
            .map((o) => `DROP ${dropKeyword[o.kind] ?? 'TABLE'} IF EXISTS ${o.ident} CASCADE;`)
            .join('\n'),
    )
    .filter(Boolean)
    .join('\n');
  if (!sql) return;
  await db.transaction(async (tx) => {
    await tx.exec(sql);
  });
}
