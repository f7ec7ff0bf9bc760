/**
 * Text search dictionaries and configurations, read from the catalog in one query (`pg_ts_dict`, `pg_ts_config`
 * with `pg_ts_config_map` through the parser's token types): template and options (`dictinitoption`, as
 * PostgreSQL stored them), parser and mappings, comments. Extension members are not read.
 */
import { qualifiedKey } from '../../model/names.js';
import type { TextSearchConfiguration, TextSearchDictionary } from '../../model/types.js';
import { notExt } from '../queries.js';

/** `$1`: the managed schemas. One row per object, `kind` `d` (dictionary) or `c` (configuration). */
export const Q_TEXT_SEARCH = `
SELECT 'd' AS kind, n.nspname AS schema, td.dictname AS name, tn.nspname AS ref_schema, t.tmplname AS ref_name, td.dictinitoption AS options, NULL::json AS mappings,
       pg_catalog.obj_description(td.oid, 'pg_ts_dict') AS comment
  FROM pg_catalog.pg_ts_dict td JOIN pg_catalog.pg_namespace n ON n.oid = td.dictnamespace
  JOIN pg_catalog.pg_ts_template t ON t.oid = td.dicttemplate JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_ts_dict', 'td.oid')}
UNION ALL
SELECT 'c', n.nspname, c.cfgname, pn.nspname, p.prsname, NULL,
       (SELECT json_agg(json_build_object('token', tt.alias, 'dictionaries',
                 (SELECT json_agg(json_build_object('schema', dn.nspname, 'name', dd.dictname) ORDER BY m.mapseqno)
                    FROM pg_catalog.pg_ts_config_map m JOIN pg_catalog.pg_ts_dict dd ON dd.oid = m.mapdict JOIN pg_catalog.pg_namespace dn ON dn.oid = dd.dictnamespace
                   WHERE m.mapcfg = c.oid AND m.maptokentype = tt.tokid)) ORDER BY tt.alias COLLATE "C")
          FROM pg_catalog.ts_token_type(c.cfgparser) tt
         WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_ts_config_map m WHERE m.mapcfg = c.oid AND m.maptokentype = tt.tokid)),
       pg_catalog.obj_description(c.oid, 'pg_ts_config')
  FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
  JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace
 WHERE n.nspname = ANY($1::text[]) AND ${notExt('pg_ts_config', 'c.oid')}
 ORDER BY 1, 2, 3`;

/**
 * `dictinitoption` split into its options (`language = 'english', stopwords = 'english'`), commas inside quotes kept.
 *
 * @example
 * splitOptions("language = 'english', stopwords = 'a, b'") // ["language = 'english'", "stopwords = 'a, b'"]
 */
export function splitOptions(text: string | null | undefined): string[] {
  return (text ?? '').match(/(?:[^,']|'(?:[^']|'')*')+/g)?.map((x) => x.trim()).filter(Boolean) ?? [];
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * @example
 * textSearchFromRow({ kind: 'd', schema: 'public', name: 'syn', ref_schema: 'pg_catalog', ref_name: 'simple', options: "stopwords = 'english'" })
 */
export function textSearchFromRow(r: Record<string, unknown>): TextSearchDictionary | TextSearchConfiguration {
  const base = { schema: String(r.schema), name: String(r.name), ...(r.comment ? { comment: String(r.comment) } : {}) };
  const ref = qualifiedKey(String(r.ref_schema), String(r.ref_name));
  if (r.kind === 'd') return { kind: 'ts_dictionary', ...base, template: ref, options: splitOptions(r.options as string | null) };
  const rows = (json(r.mappings) ?? []) as Array<{ token: string; dictionaries: Array<{ schema: string; name: string }> }>;
  return { kind: 'ts_configuration', ...base, parser: ref, mappings: rows.map((m) => ({ token: m.token, dictionaries: m.dictionaries.map((d) => qualifiedKey(d.schema, d.name)) })) };
}
