/**
 * Acceptance cases for hunt 14a's leftover (h191, GitLab's `db/structure.sql`): views over pg_catalog that name
 * PostgreSQL's own objects by `reg*` constants and call a type's cstring I/O functions, and an SQL function reading
 * `pg_stat_activity`. Before, the native resolver left each to the dev database (src/parse/resolve.ts,
 * src/parse/reg-literals.ts, catalog `relation`); the plans must be what PostgreSQL makes either way.
 */
import type { AcceptanceCase } from './harness.js';

const views = [
  "CREATE VIEW catalog_columns AS SELECT a.attname, textin(textout(c.relname)) AS rel FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE a.atttypid = 'name'::regtype AND c.oid = 'pg_class'::regclass",
  "CREATE VIEW catalog_ids AS SELECT 'pg_catalog.pg_class'::regclass AS a, 'now'::regproc AS b, 'textin(cstring)'::regprocedure AS c, 'integer[]'::regtype AS d, 'pg_catalog'::regnamespace AS e, 'int4'::regtype AS f, 'pg_catalog.now'::regproc AS g, 'pg_catalog.abs(int4)'::regprocedure AS h",
];

export const HUNT_14C2_CASES: AcceptanceCase[] = [
  {
    name: 'hunt-14c2: views over pg_catalog with reg* constants and cstring I/O calls come and go',
    old: ['CREATE TABLE t (id int)'],
    new: ['CREATE TABLE t (id int)', ...views],
  },
  {
    name: 'hunt-14c2: SQL functions reading pg_stat_activity (one value, a TABLE) come and go',
    old: ['CREATE TABLE t (id int)'],
    new: [
      'CREATE TABLE t (id int)',
      "CREATE FUNCTION active_connections() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM pg_stat_activity WHERE state = 'active' $$",
      "CREATE FUNCTION autovacuum_queries() RETURNS TABLE(query text, query_start timestamp with time zone) LANGUAGE sql SECURITY DEFINER SET search_path TO 'pg_catalog', 'pg_temp' AS $$ SELECT query, query_start FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND backend_type = 'autovacuum worker' $$",
    ],
  },
];
