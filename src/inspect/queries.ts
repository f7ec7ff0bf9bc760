/**
 * The catalog queries of the inspector: a fixed set, each batched over every managed schema (never one
 * query per table). They run with `search_path = ''` so PostgreSQL prints every user-defined name
 * schema-qualified (format_type, pg_get_expr, pg_get_viewdef, pg_get_indexdef, …).
 * `$1` is always the array of managed schema names.
 */

/**
 * The collation of attribute `a` (a table column or a composite type's attribute) when it is not its type's
 * own, spelled as DDL writes it (schema-qualified unless in pg_catalog); NULL otherwise.
 */
const attCollation = (a: string, typ: string): string =>
  `CASE WHEN ${a}.attcollation <> 0 AND ${a}.attcollation <> ${typ}.typcollation THEN (SELECT CASE WHEN co.collnamespace = 'pg_catalog'::regnamespace THEN '' ELSE quote_ident(cn.nspname) || '.' END || quote_ident(co.collname) FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ${a}.attcollation) END`;

/** Objects that belong to an extension are not the user's: excluded everywhere. */
export const notExt = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = '${classTable}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

/**
 * A comment by join instead of obj_description()/col_description(), which run a query per row (100,000
 * columns on a 10,000-table schema).
 */
const descJoin = (alias: string, catalog: string, oid: string, sub = '0') =>
  `LEFT JOIN pg_catalog.pg_description ${alias} ON ${alias}.objoid = ${oid} AND ${alias}.classoid = '${catalog}'::regclass AND ${alias}.objsubid = ${sub}`;

/** How big a schema is (tables, indexes, sequences, views …): decides whether a second connection pays. */
const RELATIONS = `(SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid)::int AS relations,
       -- the inspecting role (Model.role), on every row: no query of its own
       current_user AS role,
       -- every relation of the database, system catalogs included: the estimate, else a count (never analyzed)
       (SELECT CASE WHEN pc.reltuples > 0 THEN pc.reltuples::int ELSE (SELECT count(*) FROM pg_catalog.pg_class)::int END
          FROM pg_catalog.pg_class pc WHERE pc.oid = 'pg_catalog.pg_class'::regclass) AS database_relations`;

/**
 * An object's ACL as a JSON array of `{ grantee, privilege, grantable }`, in the ACL's order (aclexplode's: one
 * aclitem per grantee and grantor), which pg_dump's GRANTs follow; by name within an item. A NULL ACL is the
 * kind's `acldefault`; an empty ACL `[]`. The owner's own entries are named `CURRENT_USER` when the owner is the inspecting role
 * (the role that applies a plan owns what it creates: src/model/privileges.ts `OWNER`), and left out otherwise.
 *
 * @example
 * aclGrantsSql('c.relacl', 'c.relowner', 'r') // (SELECT json_agg(…) FROM pg_catalog.aclexplode(COALESCE(c.relacl, …)) …)
 */
export const aclGrantsSql = (acl: string, owner: string, kind: string): string => `(SELECT COALESCE(json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = ${owner} THEN 'CURRENT_USER' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
         'privilege', a.privilege_type, 'grantable', a.is_grantable) ORDER BY a.item, a.privilege_type COLLATE "C"), '[]'::json)
     FROM (SELECT x.*, min(x.ord) OVER (PARTITION BY x.grantee, x.grantor) AS item
             FROM pg_catalog.aclexplode(COALESCE(${acl}, pg_catalog.acldefault('${kind}', ${owner}))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, ord)) a
    WHERE a.grantee <> ${owner} OR ${ownerIsMe(owner)})`;

/** Whether `owner` (a role's oid) is the inspecting role: its ACL entries are then read (`aclGrantsSql`). */
export const ownerIsMe = (owner: string): string => `pg_catalog.pg_get_userbyid(${owner}) = current_user`;

export const Q_SCHEMAS = `
SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment, ${RELATIONS}
  FROM pg_catalog.pg_namespace n
 WHERE n.nspname = ANY($1::text[]) ORDER BY 1`;

export const Q_EXTENSIONS = `
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version, e.extrelocatable AS relocatable, obj_description(e.oid, 'pg_extension') AS comment,
       (SELECT a.comment FROM pg_catalog.pg_available_extensions a WHERE a.name = e.extname) AS default_comment,
       ARRAY(SELECT r.extname::text FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension r ON r.oid = d.refobjid
              WHERE d.classid = 'pg_catalog.pg_extension'::regclass AND d.objid = e.oid
                AND d.refclassid = 'pg_catalog.pg_extension'::regclass ORDER BY 1) AS requires
  FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname <> 'plpgsql' ORDER BY 1`;

export const Q_TYPES = `
SELECT n.nspname AS schema, t.typname AS name, t.typtype AS kind,
       obj_description(t.oid, 'pg_type') AS comment,
       CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
       -- a domain's own collation (COLLATE), spelled as a column's
       CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> (SELECT b.typcollation FROM pg_catalog.pg_type b WHERE b.oid = t.typbasetype)
            THEN (SELECT CASE WHEN co.collnamespace = 'pg_catalog'::regnamespace THEN '' ELSE quote_ident(cn.nspname) || '.' END || quote_ident(co.collname)
                    FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END AS domain_collation,
       t.typnotnull AS not_null,
       CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS default_expr,
       CASE WHEN t.typtype = 'd' THEN (SELECT json_agg(json_build_object('name', c.conname, 'def', pg_get_constraintdef(c.oid, true), 'valid', c.convalidated, 'comment', obj_description(c.oid, 'pg_constraint')) ORDER BY c.conname)
                                        FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c') END AS checks,
       CASE WHEN t.typtype = 'c' THEN (SELECT json_agg(json_strip_nulls(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'collation', ${attCollation('a', 'at')})) ORDER BY a.attnum)
                                        FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                                       WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attributes,
       CASE WHEN t.typtype = 'c' THEN (SELECT json_object_agg(a.attname, d.description ORDER BY a.attnum)
                                        FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_description d
                                          ON d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = a.attrelid AND d.objsubid = a.attnum
                                       WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attribute_comments,
       CASE WHEN t.typtype = 'r' THEN (SELECT json_build_object(
                'subtype', format_type(r.rngsubtype, NULL),
                'diff', CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END,
                'canonical', CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END,
                'opclass', CASE WHEN NOT oc.opcdefault THEN CASE WHEN ocn.nspname <> 'pg_catalog' THEN quote_ident(ocn.nspname) || '.' ELSE '' END || quote_ident(oc.opcname) END,
                'collation', CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN r.rngcollation::regcollation::text END,
                -- rngmultitypid exists from PostgreSQL 14: read through jsonb so older servers still parse the query
                'multirange', (SELECT mt.typname FROM pg_catalog.pg_type mt WHERE mt.oid = (to_jsonb(r) ->> 'rngmultitypid')::oid))
              FROM pg_catalog.pg_range r
              JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
              JOIN pg_catalog.pg_opclass oc ON oc.oid = r.rngsubopc
              JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
             WHERE r.rngtypid = t.oid) END AS range
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  -- a table's row type is not a user type: joined, not a subquery per type (10,000 tables = 10,000 row types)
  LEFT JOIN pg_catalog.pg_class tr ON tr.oid = t.typrelid
 WHERE n.nspname = ANY($1::text[]) AND t.typtype IN ('e','d','c','r')
   AND (t.typtype <> 'c' OR tr.relkind = 'c')
   AND ${notExt('pg_type', 't.oid')}
 ORDER BY 1, 2`;

export const Q_SEQUENCES = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle, dsc.description AS comment, c.relpersistence AS persistence,
       own.schema AS owned_schema, own.tbl AS owned_table, own.col AS owned_column, own.deptype AS owned_deptype
  FROM pg_catalog.pg_sequence s
  JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  ${descJoin('dsc', 'pg_class', 'c.oid')}
  LEFT JOIN LATERAL (
    SELECT tn.nspname AS schema, tc.relname AS tbl, a.attname AS col, d.deptype
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
      JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a','i')
     LIMIT 1) own ON true
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_class', 'c.oid')}
 ORDER BY 1, 2`;

export const Q_RELATIONS = `
SELECT c.oid AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.relpersistence AS persistence,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
       CASE WHEN c.relkind = 'r' THEN (SELECT am.amname FROM pg_catalog.pg_am am WHERE am.oid = c.relam AND am.amname <> 'heap') END AS access_method,
       -- its TOAST table's storage parameters follow its own, prefixed as written (WITH (toast.autovacuum_enabled=false))
       array_cat(c.reloptions, (SELECT array_agg('toast.' || o ORDER BY o) FROM pg_catalog.pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid)) AS options,
       CASE WHEN c.relkind IN ('r', 'p') THEN c.relreplident END AS replident,
       -- a typed table's composite type (CREATE TABLE t OF type)
       CASE WHEN c.reloftype <> 0 THEN (SELECT json_build_object('schema', otn.nspname, 'name', ot.typname) FROM pg_catalog.pg_type ot
          JOIN pg_catalog.pg_namespace otn ON otn.oid = ot.typnamespace WHERE ot.oid = c.reloftype) END AS of_type,
       CASE WHEN c.relkind IN ('r', 'p') THEN (SELECT json_build_object('replica', max(ic.relname) FILTER (WHERE ix.indisreplident), 'cluster', max(ic.relname) FILTER (WHERE ix.indisclustered))
          FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid WHERE ix.indrelid = c.oid AND (ix.indisreplident OR ix.indisclustered)) END AS marked_indexes,
       dsc.description AS comment,
       c.relispartition AS is_partition,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS part_bound,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS part_key,
       (SELECT json_agg(json_build_object('schema', pn.nspname, 'name', pc.relname) ORDER BY i.inhseqno) FROM pg_catalog.pg_inherits i
          JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid) AS parents,
       CASE WHEN c.relkind IN ('v','m') THEN pg_get_viewdef(c.oid, true) END AS view_def,
       -- the exact print, kept when the pretty one re-parses to another tree (parse/canonical.ts viewQueryText)
       CASE WHEN c.relkind IN ('v','m') THEN pg_get_viewdef(c.oid, false) END AS view_def_exact,
       CASE WHEN c.relkind IN ('v','m') THEN (SELECT json_agg(DISTINCT jsonb_build_object('schema', dn.nspname, 'name', dc.relname))
          FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.deptype = 'n'
          JOIN pg_catalog.pg_class dc ON dc.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass AND dc.oid <> c.oid
          JOIN pg_catalog.pg_namespace dn ON dn.oid = dc.relnamespace
         WHERE r.ev_class = c.oid) END AS view_deps,
       CASE WHEN c.relkind IN ('v','m') THEN (SELECT json_agg(DISTINCT jsonb_build_object('schema', pn.nspname, 'name', p.proname))
          FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.deptype = 'n'
          JOIN pg_catalog.pg_proc p ON p.oid = d.refobjid AND d.refclassid = 'pg_proc'::regclass
          JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
         WHERE r.ev_class = c.oid) END AS view_calls,
       CASE WHEN c.relkind = 'm' THEN c.relispopulated END AS populated,
       -- in the ACL's order, the owner's entries when it is the inspecting role (aclGrantsSql)
       CASE WHEN c.relacl IS NOT NULL THEN ${aclGrantsSql('c.relacl', 'c.relowner', 'r')} END AS grants, ${ownerIsMe('c.relowner')} AS mine
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  ${descJoin('dsc', 'pg_class', 'c.oid')}
 WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r','p','v','m','f') AND ${notExt('pg_class', 'c.oid')}
 ORDER BY n.nspname, c.relname`;

export const Q_COLUMNS = `
SELECT a.attrelid AS rel, a.attnum AS num, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       -- a default cannot reference a column: no Vars, so no per-row deparse context of the table (relid 0)
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) END AS default_expr,
       -- What most columns lack, in one value that is NULL for them: fewer fields for the client to parse
       -- (100,000 rows on 10,000 tables).
       CASE WHEN a.attgenerated <> '' OR a.attidentity <> '' OR dsc.description IS NOT NULL OR NOT a.attislocal
                 OR a.attstattarget::int >= 0 OR (a.attcollation <> 0 AND a.attcollation <> t.typcollation)
                 OR a.attoptions::text LIKE '%n\\_distinct%' OR a.attstorage <> t.typstorage OR a.attcompression <> '' THEN json_build_object(
         'generated_expr', CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
         'virtual', a.attgenerated = 'v',
         'identity', a.attidentity,
         'collation', ${attCollation('a', 't')},
         'comment', dsc.description,
         'identity_seq', CASE WHEN a.attidentity <> '' THEN (SELECT json_build_object('type', format_type(s.seqtypid, NULL), 'start', s.seqstart::text, 'increment', s.seqincrement::text,
              'min', s.seqmin::text, 'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle, 'name', sc.relname,
              'unlogged', CASE WHEN sc.relpersistence <> c.relpersistence THEN sc.relpersistence = 'u' END)
            FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class sc ON sc.oid = s.seqrelid WHERE s.seqrelid = pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname)::regclass) END,
         'is_local', a.attislocal,
         'statistics', CASE WHEN a.attstattarget::int >= 0 THEN a.attstattarget::int END,
         -- the options ALTER COLUMN … SET (…) takes (a server may keep private entries there, which pg_dump leaves out too)
         'options', (SELECT array_agg(o ORDER BY i) FROM unnest(a.attoptions) WITH ORDINALITY AS u(o, i) WHERE o LIKE 'n\\_distinct%'),
         'storage', CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END,
         'compression', NULLIF(a.attcompression, '')) END AS extra
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  ${descJoin('dsc', 'pg_class', 'c.oid', 'a.attnum')}
 WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r','p','v','m','f') AND a.attnum > 0 AND NOT a.attisdropped
   AND ${notExt('pg_class', 'c.oid')}`;

/**
 * Constraints. Plain primary and foreign keys (the bulk of them) come without `pg_get_constraintdef`, whose
 * text the inspector renders from the columns (`keySql`/`foreignKeySql`): PostgreSQL prints them the same way,
 * at ~5 µs per row. Everything with more to say (INCLUDE, storage parameters, a tablespace, SET NULL column
 * lists, NOT VALID, NOT ENFORCED, WITHOUT OVERLAPS/PERIOD) keeps PostgreSQL's text.
 */
export const qConstraints = (version: number): string => {
  const pg18 = version >= 180000;
  const plainFk = `con.contype = 'f' AND con.confdeltype IN ('a','r','c') AND con.convalidated${pg18 ? ' AND con.conenforced AND NOT con.conperiod' : ''}`;
  const plainPk = `con.contype = 'p' AND ix.indnatts = ix.indnkeyatts AND ixc.reloptions IS NULL AND ixc.reltablespace = 0${pg18 ? ' AND NOT con.conperiod' : ''}`;
  return `
SELECT con.conrelid AS rel, con.conname AS name, con.contype AS kind,
       CASE WHEN (${plainFk}) OR (${plainPk}) THEN NULL ELSE pg_get_constraintdef(con.oid, true) END AS def,
       con.condeferrable AS deferrable, con.condeferred AS deferred,
       con.convalidated AS validated, con.connoinherit AS no_inherit,
       -- a temporal key (WITHOUT OVERLAPS) or foreign key (PERIOD): PostgreSQL 18
       ${pg18 ? 'con.conperiod' : 'false'} AS period,
       -- attnums, named from Q_COLUMNS' rows by the inspector: a subquery per constraint cost more than the rest;
       -- as text ('{1,2}'), which the inspector splits, rather than the driver's array parser (a fifth of the
       -- garbage the driver made on 1,000 tables)
       con.conkey::text AS keys, con.confrelid AS ref_rel, con.confkey::text AS ref_keys,
       fn.nspname AS ref_schema, fc.relname AS ref_table,
       -- a referenced table whose columns Q_COLUMNS does not read (another schema, an extension's table)
       CASE WHEN fc.oid IS NOT NULL AND (fn.nspname <> ALL($1::text[]) OR NOT ${notExt('pg_class', 'fc.oid')})
            THEN (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) END AS ref_columns,
       con.confupdtype AS on_update, con.confdeltype AS on_delete, con.confmatchtype AS match_type,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS check_expr,
       -- pg_dump's (not pretty) print of a check: kept when the pretty one parses to another tree (parse/canonical.ts: constraintText)
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, false) END AS exact_def,
       dsc.description AS comment,
       con.conislocal AS is_local,
       -- a partition's copy of a key above: the constraint it copies (PrimaryKey.copies)
       CASE WHEN con.contype IN ('p','u') THEN con.oid END AS key_oid,
       CASE WHEN con.contype IN ('p','u') THEN con.conparentid END AS copy_of,
       -- storage parameters of a key's or exclusion's index (pg_get_constraintdef leaves a key's out; pg_dump writes them)
       CASE WHEN con.contype IN ('p','u','x') THEN (SELECT ic.reloptions FROM pg_catalog.pg_class ic WHERE ic.oid = con.conindid) END AS index_options,
       -- the comment on a key's or exclusion's index (COMMENT ON INDEX), apart from the constraint's
       ixd.description AS index_comment,
       -- a partition's key whose index is attached to a plain index of the parent (no constraint behind it)
       CASE WHEN con.contype IN ('p','u','x') THEN (SELECT jsonb_build_object('schema', pn.nspname, 'name', pc.relname)
          FROM pg_catalog.pg_inherits pi JOIN pg_catalog.pg_class pc ON pc.oid = pi.inhparent
          JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE pi.inhrelid = con.conindid
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pk WHERE pk.conindid = pi.inhparent AND pk.contype IN ('p','u','x'))) END AS attached_to
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
  LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
  LEFT JOIN pg_catalog.pg_index ix ON con.contype = 'p' AND ix.indexrelid = con.conindid
  LEFT JOIN pg_catalog.pg_class ixc ON con.contype = 'p' AND ixc.oid = con.conindid
  ${descJoin('dsc', 'pg_constraint', 'con.oid')}
  LEFT JOIN pg_catalog.pg_description ixd ON con.contype IN ('p','u','x') AND ixd.objoid = con.conindid AND ixd.classoid = 'pg_class'::regclass AND ixd.objsubid = 0
 WHERE n.nspname = ANY($1::text[]) AND con.contype IN ('p','u','f','c','x') AND ${notExt('pg_class', 'c.oid')}
 ORDER BY con.conrelid, con.conname`;
};

/**
 * Indexes of tables and materialized views that no constraint owns. Plain ones (the bulk of them) come
 * without `pg_get_indexdef`, ~16 µs a row on the server (72 ms of 4,500 indexes): the inspector renders
 * `CREATE [UNIQUE] INDEX name ON schema.table USING method (columns)` from `keys` (attnums named from
 * Q_COLUMNS' rows), as PostgreSQL prints it. Plain: an ordinary table, key columns only (no expression,
 * no INCLUDE), each in its type's default operator class and the column's own collation, ascending with
 * NULLS LAST, no storage parameters, no NULLS NOT DISTINCT. A predicate is kept (` WHERE <pg_get_expr>`,
 * PostgreSQL's spelling). Everything else keeps PostgreSQL's text.
 */
export const qIndexes = (version: number): string => `
SELECT n.nspname AS schema, t.relname AS table_name, ic.relname AS name,
       CASE WHEN t.relkind = 'r' AND i.indexprs IS NULL AND i.indnatts = i.indnkeyatts AND ic.reloptions IS NULL
                 AND i.indoption::text !~ '[1-9]'${version >= 150000 ? ' AND NOT i.indnullsnotdistinct' : ''}
                 -- every key: one lookup in pg_attribute by its unique index (a scalar subquery, which the planner
                 -- keeps per key instead of joining the table's every column), the default operator classes hashed once
                 AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[]) k(num, cls, coll)
                      WHERE (SELECT a.attcollation = k.coll AND (k.cls, a.atttypid) IN (SELECT oc.oid, oc.opcintype FROM pg_catalog.pg_opclass oc WHERE oc.opcdefault)
                               FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = k.num) IS NOT TRUE)
            THEN NULL ELSE pg_get_indexdef(i.indexrelid) END AS def,
       i.indrelid AS rel, i.indkey::int2[]::text AS keys,
       i.indisunique AS is_unique, am.amname AS method, pg_get_expr(i.indpred, i.indrelid) AS predicate,
       -- an index ON ONLY a partitioned table that some partition has no index attached to yet
       (t.relkind = 'p' AND NOT i.indisvalid) AS only,
       -- a partitioned table's index: the partitions' plain indexes attached to it (keys attached: Q_CONSTRAINTS), and
       -- those of sub-partitions attached to these, at every level (by partition: each has one in the tree)
       CASE WHEN t.relkind = 'p' THEN (WITH RECURSIVE tree(idx) AS (
            SELECT pih.inhrelid FROM pg_catalog.pg_inherits pih WHERE pih.inhparent = i.indexrelid
             UNION ALL SELECT pih.inhrelid FROM pg_catalog.pg_inherits pih JOIN tree ON pih.inhparent = tree.idx)
          SELECT json_agg(json_build_object('schema', pn.nspname, 'table', pt.relname, 'name', pic.relname, 'options', pic.reloptions,
                 'order', (pix.indoption::int2[])[0:pix.indnkeyatts - 1]))
          FROM tree JOIN pg_catalog.pg_class pic ON pic.oid = tree.idx
          JOIN pg_catalog.pg_index pix ON pix.indexrelid = tree.idx JOIN pg_catalog.pg_class pt ON pt.oid = pix.indrelid
          JOIN pg_catalog.pg_namespace pn ON pn.oid = pt.relnamespace
         WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pk WHERE pk.conindid = tree.idx AND pk.contype IN ('p','u','x'))) END AS attached,
       -- the keys' ASC/DESC and NULLS order, which a partition's index attached to it may have otherwise
       CASE WHEN t.relkind = 'p' THEN (i.indoption::int2[])[0:i.indnkeyatts - 1] END AS key_order,
       dsc.description AS comment, ic.reloptions AS options,
       (SELECT array_agg(a.attnum || '=' || a.attstattarget ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) AS statistics
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  ${descJoin('dsc', 'pg_class', 'ic.oid')}
 WHERE n.nspname = ANY($1::text[]) AND t.relkind IN ('r','p','m')
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p','u','x'))
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = i.indexrelid)
   AND ${notExt('pg_class', 't.oid')}
 ORDER BY 1, 2, 3`;

export const Q_FUNCTIONS = `
SELECT n.nspname AS schema, p.proname AS name, p.prokind AS kind, pg_get_function_identity_arguments(p.oid) AS identity_args,
       pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
       ARRAY(SELECT format_type(t, NULL) FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) AS t) || format_type(p.prorettype, NULL) AS signature_types,
       (SELECT json_agg(DISTINCT jsonb_build_object('schema', dn.nspname, 'name', dc.relname))
          FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class dc ON dc.oid = d.refobjid
          JOIN pg_catalog.pg_namespace dn ON dn.oid = dc.relnamespace
         WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n') AS reads,
       l.lanname AS language, p.prosrc AS body, p.provolatile AS volatility, p.proisstrict AS strict,
       p.prosecdef AS security_definer, p.proleakproof AS leakproof, p.proparallel AS parallel, p.proconfig AS config,
       CASE WHEN p.prokind IN ('f','p','w') THEN pg_get_functiondef(p.oid) END AS def,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
 WHERE n.nspname = ANY($1::text[]) AND p.prokind IN ('f','p','w') AND ${notExt('pg_proc', 'p.oid')}
   -- constructors PostgreSQL makes for a range/multirange type belong to the type (internal dependency)
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')
 ORDER BY 1, 2, 4`;

/**
 * A routine's identity arguments as its key (`p` the pg_proc alias): pg_get_function_identity_arguments, except that
 * an ordered-set aggregate's `direct ORDER BY aggregated` becomes the flat list GRANT and DROP name (`ORDER BY` is no
 * syntax of theirs); one VARIADIC argument both direct and aggregated is printed twice but is one argument.
 */
export const identityArgsSql = (p: string): string => `(SELECT CASE WHEN ag.aggkind IS NULL OR ag.aggkind = 'n' THEN i.v
    WHEN ag.aggnumdirectargs = ${p}.pronargs THEN split_part(i.v, ' ORDER BY ', 1)
    ELSE regexp_replace(regexp_replace(i.v, '^ORDER BY ', ''), ' ORDER BY ', ', ') END
  FROM (SELECT pg_catalog.pg_get_function_identity_arguments(${p}.oid) AS v) i LEFT JOIN pg_catalog.pg_aggregate ag ON ag.aggfnoid = ${p}.oid)`;

/** User-defined aggregates, rendered from pg_aggregate (pg_get_functiondef does not support them). */
export const Q_AGGREGATES = `
SELECT n.nspname AS schema, p.proname AS name, ${identityArgsSql('p')} AS identity_args, pg_get_function_identity_arguments(p.oid) AS signature,
       a.aggtransfn::regproc::text AS sfunc, format_type(a.aggtranstype, NULL) AS stype,
       NULLIF(a.aggfinalfn::regproc::text, '-') AS finalfunc, NULLIF(a.aggcombinefn::regproc::text, '-') AS combinefunc,
       a.agginitval AS initcond, NULLIF(a.aggsortop, 0)::regoperator::text AS sortop, a.aggkind AS aggkind,
       NULLIF(a.aggserialfn::regproc::text, '-') AS serialfunc, NULLIF(a.aggdeserialfn::regproc::text, '-') AS deserialfunc,
       NULLIF(a.aggmtransfn::regproc::text, '-') AS msfunc, NULLIF(a.aggminvtransfn::regproc::text, '-') AS minvfunc,
       NULLIF(a.aggmfinalfn::regproc::text, '-') AS mfinalfunc, CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END AS mstype,
       a.aggminitval AS minitcond, a.aggfinalextra AS finalextra, a.aggmfinalextra AS mfinalextra,
       a.aggfinalmodify AS finalmodify, a.aggmfinalmodify AS mfinalmodify, a.aggtransspace AS sspace, a.aggmtransspace AS msspace,
       p.proparallel AS parallel,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
 WHERE n.nspname = ANY($1::text[]) AND p.prokind = 'a' AND ${notExt('pg_proc', 'p.oid')}
 ORDER BY 1, 2, 3`;

export const Q_TRIGGERS = `
SELECT n.nspname AS schema, c.relname AS table_name, tg.tgname AS name, pg_get_triggerdef(tg.oid, true) AS def,
       fn.nspname AS fn_schema, f.proname AS fn_name, tg.tgenabled AS enabled, obj_description(tg.oid, 'pg_trigger') AS comment,
       tg.tgparentid <> 0 AS cloned
  FROM pg_catalog.pg_trigger tg
  JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_proc f ON f.oid = tg.tgfoid
  JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
 WHERE n.nspname = ANY($1::text[]) AND NOT tg.tgisinternal
   -- A partition's copy of its parent's trigger only where it fires otherwise (Table.clonedTriggers).
   AND (tg.tgparentid = 0 OR tg.tgenabled <> (SELECT pt.tgenabled FROM pg_catalog.pg_trigger pt WHERE pt.oid = tg.tgparentid))
 ORDER BY 1, 2, 3`;

export const Q_TRIGGERS_PRE13 = Q_TRIGGERS.replace('tg.tgparentid <> 0 AS cloned', 'false AS cloned')
  .replace(/ {3}-- A partition's copy[^\n]*\n[^\n]*\n/, '');

export const Q_POLICIES = `
SELECT p.schemaname AS schema, p.tablename AS table_name, p.policyname AS name, p.permissive, p.cmd, p.roles,
       p.qual, p.with_check, pg_catalog.obj_description(pol.oid, 'pg_policy') AS comment
  FROM pg_catalog.pg_policies p
  JOIN pg_catalog.pg_namespace n ON n.nspname = p.schemaname
  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = p.tablename
  JOIN pg_catalog.pg_policy pol ON pol.polrelid = c.oid AND pol.polname = p.policyname
 WHERE p.schemaname = ANY($1::text[])
 ORDER BY 1, 2, 3`;

/**
 * Kinds the Model does not manage, reported as unmanaged, each with pg_identify_object's type and identity
 * (`operator`, `app.===(integer,integer)`): what `DROP <type> <identity>` takes.
 */
export const Q_UNMANAGED = `
-- shell operators (a COMMUTATOR/NEGATOR never defined): the carried operators are the others (kinds/operator.ts)
SELECT 'operator' AS kind, n.nspname AS schema, o.oprname AS name, 'pg_operator'::regclass AS classid, o.oid FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
 WHERE n.nspname = ANY($1::text[]) AND o.oprcode = 0 AND ${notExt('pg_operator', 'o.oid')}
ORDER BY 1, 2, 3`;

/** Q_UNMANAGED with each object's pg_identify_object type and identity (InspectOptions.identify). */
export const Q_UNMANAGED_IDENTIFIED = `
SELECT u.kind, u.schema, u.name, i.type AS drop_type, i.identity AS drop_identity
  FROM (${Q_UNMANAGED}) u, LATERAL pg_catalog.pg_identify_object(u.classid, u.oid, 0) i
 ORDER BY 1, 2, 3`;

/** The managed schemas when none are given: every user schema (not extension-owned, not system). */
export const Q_ALL_SCHEMAS = `
SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment, ${RELATIONS} FROM pg_catalog.pg_namespace n
 WHERE n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%'
   AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%' AND ${notExt('pg_namespace', 'n.oid')}
 ORDER BY 1`;
