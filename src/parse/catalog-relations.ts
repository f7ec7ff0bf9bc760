/**
 * PostgreSQL's own relations (pg_catalog's tables and views: `pg_class`, `pg_stat_activity`) as a FROM item of a
 * view or a SQL-standard body: their columns and types from the generated table (./catalog/catalog-columns.ts), so
 * that a query over them is typed natively, as one over a table of the file is.
 *
 * A major whose list the table has gives its exact columns. Any other major, or none (the fold does not know the
 * target's version), gives the union of every major's columns (a name one of them has resolves) with a type only
 * where all agree, marked `partial`: its `*` is not expanded (which columns it gives depends on the server).
 *
 * In: a relation name as written (bare, or qualified by pg_catalog). Out: its columns. Never: I/O.
 */
import { CATALOG_COLUMN_MAJORS, CATALOG_COLUMNS } from './catalog/catalog-columns.js';
import { builtinCatalog } from './catalog/index.js';

export interface CatalogRelation {
  /** The key a query's form names it by: bare (`pg_class`), as PostgreSQL prints it (pg_catalog is searched first). */
  readonly key: string;
  readonly columns: readonly string[];
  /** Model spellings (`name`, `oid`, `text[]`), undefined where the majors read differ. */
  readonly types: readonly (string | undefined)[];
  /** The columns of several majors together: `*` over it is not known. */
  readonly partial?: true;
  readonly builtin: true;
}

const cache = new Map<string, CatalogRelation | null>();

/**
 * The pg_catalog relation `names` (1 part, or 2 with `pg_catalog`) names, or undefined.
 *
 * @example
 * catalogRelation(['pg_namespace'])?.columns // ['oid', 'nspname', 'nspowner', 'nspacl']
 * catalogRelation(['pg_class'])?.partial     // true (PostgreSQL 18 added relallfrozen)
 * catalogRelation(['pg_class'], 15)?.partial // undefined
 */
export function catalogRelation(names: readonly string[], major?: number): CatalogRelation | undefined {
  if (!(names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog'))) return undefined;
  const name = names.at(-1)!;
  if (!Object.hasOwn(CATALOG_COLUMNS, name)) return undefined;
  const known = major !== undefined && CATALOG_COLUMN_MAJORS.includes(major) ? major : undefined;
  const ck = `${known ?? ''}\u0000${name}`;
  if (cache.has(ck)) return cache.get(ck) ?? undefined;
  const r = build(name, known);
  cache.set(ck, r ?? null);
  return r;
}

function build(name: string, major: number | undefined): CatalogRelation | undefined {
  const key = name;
  const cat = builtinCatalog(major);
  const spell = (t: string | undefined) => (t === undefined ? undefined : cat.spelling(t));
  if (major !== undefined) {
    const cols = cat.relationColumns(name);
    return cols && { key, columns: [...cols.keys()], types: [...cols.values()].map(spell), builtin: true };
  }
  const lists = CATALOG_COLUMN_MAJORS.map((m) => builtinCatalog(m).relationColumns(name));
  if (lists.some((l) => !l)) return undefined; // a relation some majors lack: left to the server
  const all = lists as ReadonlyMap<string, string>[];
  const columns: string[] = [];
  for (const l of all) for (const c of l.keys()) if (!columns.includes(c)) columns.push(c);
  const alike = cat.relationColumns(name) ?? new Map<string, string>();
  const same = all.every((l) => [...l.keys()].join(',') === columns.join(','));
  return { key, columns, types: columns.map((c) => spell(alike.get(c))), ...(same ? {} : { partial: true as const }), builtin: true };
}
