/**
 * SQL/MED objects, read from the catalog: foreign data wrappers, servers and user mappings (database-wide, not
 * extension members) and foreign tables of the managed schemas (their columns come from the inspector's column
 * query; server, options and column options from here).
 */
import { qualifiedKey } from '../../model/names.js';
import type { Column, ForeignCheck, ForeignDataWrapper, ForeignServer, ForeignTable, UserMapping } from '../../model/types.js';
import { notExt } from '../queries.js';
import { exprFromText } from '../../parse/canonical.js';
import { columnSettingsOf, isEmptySettings } from '../../model/view-columns.js';

/** Wrappers, servers and user mappings: one row each, `kind` plus a JSON object. */
export const Q_SQLMED = `
SELECT u.kind, u.o FROM (
SELECT 'foreign_data_wrapper' AS kind, json_build_object('name', w.fdwname,
         'handler', CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END,
         'validator', CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END,
         'options', w.fdwoptions, 'comment', pg_catalog.obj_description(w.oid, 'pg_foreign_data_wrapper')) AS o
  FROM pg_catalog.pg_foreign_data_wrapper w WHERE ${notExt('pg_foreign_data_wrapper', 'w.oid')}
UNION ALL
SELECT 'server', json_build_object('name', s.srvname, 'wrapper', w.fdwname, 'type', s.srvtype, 'version', s.srvversion,
         'options', s.srvoptions, 'comment', pg_catalog.obj_description(s.oid, 'pg_foreign_server'))
  FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
 WHERE ${notExt('pg_foreign_server', 's.oid')}
UNION ALL
-- pg_user_mappings shows the options to the server's owner and superusers (they may hold passwords)
SELECT 'user_mapping', json_build_object('user', CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE m.usename::text END, 'server', m.srvname, 'options', m.umoptions)
  FROM pg_catalog.pg_user_mappings m WHERE ${notExt('pg_foreign_server', 'm.srvid')}
) u ORDER BY 1, u.o::text COLLATE "C"`;

export const Q_FOREIGN_TABLES = `
SELECT c.oid AS oid, s.srvname AS server, ft.ftoptions AS options,
       (SELECT json_object_agg(a.attname, a.attfdwoptions) FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attfdwoptions IS NOT NULL) AS column_options,
       (SELECT json_agg(json_build_object('name', k.conname, 'expr', pg_catalog.pg_get_expr(k.conbin, k.conrelid), 'no_inherit', k.connoinherit,
                 'validated', k.convalidated, 'comment', pg_catalog.obj_description(k.oid, 'pg_constraint')) ORDER BY k.conname COLLATE "C")
          FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c' AND k.conislocal) AS checks
  FROM pg_catalog.pg_foreign_table ft
  JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_class', 'c.oid')}`;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const json = (v: unknown): Record<string, unknown> => (typeof v === 'string' ? JSON.parse(v) : (v as Record<string, unknown>) ?? {});

/**
 * @example
 * sqlMedFromRow({ kind: 'server', o: { name: 'files', wrapper: 'file_fdw', options: null } }) // { kind: 'server', name: 'files', … }
 */
export function sqlMedFromRow(r: Record<string, unknown>): ForeignDataWrapper | ForeignServer | UserMapping {
  const o = json(r.o);
  const opt = <K extends string>(k: K) => (o[k] === null || o[k] === undefined ? {} : ({ [k]: String(o[k]) } as Record<K, string>));
  if (r.kind === 'foreign_data_wrapper') return { kind: 'foreign_data_wrapper', name: String(o.name), ...opt('handler'), ...opt('validator'), options: list(o.options), ...opt('comment') };
  if (r.kind === 'server') return { kind: 'server', name: String(o.name), wrapper: String(o.wrapper), ...opt('type'), ...opt('version'), options: list(o.options), ...opt('comment') };
  return { kind: 'user_mapping', user: String(o.user), server: String(o.server), options: list(o.options) };
}

/** A foreign table from its relation row (Q_RELATIONS), its columns (Q_COLUMNS) and its Q_FOREIGN_TABLES row. */
export function foreignTableFromRows(schema: string, name: string, comment: unknown, columns: readonly Column[], r: Record<string, unknown>): ForeignTable {
  const colOptions = json(r.column_options);
  const rows = (typeof r.checks === 'string' ? JSON.parse(r.checks) : r.checks ?? []) as Record<string, unknown>[];
  const checks: ForeignCheck[] = rows.map((k) => ({
    name: String(k.name), expr: exprFromText(String(k.expr)), ...(k.no_inherit ? { noInherit: true as const } : {}),
    ...(k.validated ? {} : { notValid: true as const }), ...(k.comment != null ? { comment: String(k.comment) } : {}),
  }));
  return {
    kind: 'foreign_table', schema, name, server: String(r.server),
    columns: columns.map((c) => ({
      name: c.name, type: c.type, notNull: c.notNull, ...(c.default ? { default: c.default } : {}), ...(c.collation ? { collation: c.collation } : {}),
      options: list(colOptions[c.name]), ...(c.comment ? { comment: c.comment } : {}),
      ...(isEmptySettings(c) ? {} : { settings: columnSettingsOf(c) }),
    })),
    options: list(r.options),
    ...(checks.length ? { checks } : {}),
    ...(comment ? { comment: String(comment) } : {}),
  };
}

export { qualifiedKey };
