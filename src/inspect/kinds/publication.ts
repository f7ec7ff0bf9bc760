/**
 * Publications, read from the catalog (database-wide): `FOR ALL TABLES`, the table list with column lists
 * and row filters (PostgreSQL 15+), the schema list (`pg_publication_namespace`, PostgreSQL 15+), `publish` and
 * `publish_via_partition_root`, `publish_generated_columns` (PostgreSQL 18+), and the comment.
 */
import { qualifiedKey } from '../../model/names.js';
import type { Expr, Publication } from '../../model/types.js';

/**
 * The query for a server version (`server_version_num`).
 *
 * @example
 * qPublications(150000) // reads pg_publication_rel.prattrs and pg_publication_namespace too
 */
export function qPublications(version: number): string {
  const cols = version >= 150000
    ? `(SELECT json_agg(a.attname ORDER BY a.attname) FROM pg_catalog.pg_attribute a WHERE a.attrelid = pr.prrelid AND pr.prattrs IS NOT NULL AND a.attnum = ANY (pr.prattrs::int2[]))`
    : 'NULL::json';
  const where = version >= 150000 ? 'pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)' : 'NULL::text';
  const schemas = version >= 150000
    ? `(SELECT json_agg(n.nspname ORDER BY n.nspname) FROM pg_catalog.pg_publication_namespace pn JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid)`
    : 'NULL::json';
  const gencols = version >= 180000 ? 'p.pubgencols::text' : 'NULL::text';
  return `
SELECT p.pubname AS name, ${gencols} AS gencols, p.puballtables AS all_tables, p.pubinsert AS ins, p.pubupdate AS upd, p.pubdelete AS del, p.pubtruncate AS trunc, p.pubviaroot AS via_root,
       (SELECT json_agg(json_build_object('schema', n.nspname, 'name', c.relname, 'columns', ${cols}, 'where', ${where}) ORDER BY n.nspname, c.relname)
          FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE pr.prpubid = p.oid) AS tables,
       ${schemas} AS schemas,
       pg_catalog.obj_description(p.oid, 'pg_publication') AS comment
  FROM pg_catalog.pg_publication p
 ORDER BY 1`;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * @example
 * publicationFromRow({ name: 'p', all_tables: false, ins: true, upd: true, del: true, trunc: true, via_root: false, tables: [{ schema: 'public', name: 't', columns: null }], schemas: null })
 */
export function publicationFromRow(r: Record<string, unknown>, expr: (text: string) => Expr = (text) => ({ canonical: text, text })): Publication {
  const tables = ((json(r.tables) ?? []) as Array<{ schema: string; name: string; columns: string[] | null; where: string | null }>)
    .map((t) => ({ table: qualifiedKey(t.schema, t.name), ...(t.columns?.length ? { columns: [...t.columns].sort() } : {}), ...(t.where ? { where: expr(t.where) } : {}) }))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  const publish = [r.ins && 'insert', r.upd && 'update', r.del && 'delete', r.trunc && 'truncate'].filter((x): x is string => typeof x === 'string');
  return {
    kind: 'publication', name: String(r.name), allTables: r.all_tables === true, tables, schemas: ((json(r.schemas) ?? []) as string[]).slice().sort(), publish, viaRoot: r.via_root === true,
    ...(r.gencols === 's' ? { generatedColumns: 'stored' as const } : {}),
    ...(r.comment ? { comment: String(r.comment) } : {}),
  };
}
