/**
 * DDL of text search dictionaries and configurations: dictionaries created right after schemas, extensions and
 * collations (../layout.ts), configurations after them, both before the columns, indexes and functions that
 * name them; dropped after those (configurations, then dictionaries). A dictionary's options are
 * altered in place (one `ALTER TEXT SEARCH DICTIONARY` that removes the old ones and sets the new ones, in their
 * order); a configuration's mappings too (`DROP MAPPING`, `ALTER MAPPING … WITH`). Another template or parser
 * recreates the object.
 */
import { quoteIdentAlways as qi, splitKey } from '../../model/names.js';
import type { TextSearchConfiguration, TextSearchDictionary, TextSearchMapping } from '../../model/types.js';
import type { KindStatement } from './statement.js';
import type { StatementKind } from '../layout.js';
import { alterableInPlace } from '../../diff/in-place.js';

const ref = (key: string) => {
  const k = splitKey(key);
  return `${qi(k.schema)}.${qi(k.name)}`;
};
const name = (o: TextSearchDictionary | TextSearchConfiguration) => `${qi(o.schema)}.${qi(o.name)}`;
const optionName = (o: string) => o.slice(0, o.indexOf(' = '));

/**
 * @example
 * createDictionary({ kind: 'ts_dictionary', schema: 'public', name: 'syn', template: 'pg_catalog.simple', options: ["stopwords = 'english'"] })[0].sql
 * // CREATE TEXT SEARCH DICTIONARY "public"."syn" (TEMPLATE = "pg_catalog"."simple", stopwords = 'english')
 */
export function createDictionary(d: TextSearchDictionary): KindStatement[] {
  return [{ kind: 'create-text-search-dictionary', comment: `create text search dictionary "${d.name}"`, sql: `CREATE TEXT SEARCH DICTIONARY ${name(d)} (${[`TEMPLATE = ${ref(d.template)}`, ...d.options].join(', ')})` }];
}

/** @example dropDictionary(syn)[0].sql // 'DROP TEXT SEARCH DICTIONARY "public"."syn"' */
export function dropDictionary(d: TextSearchDictionary): KindStatement[] {
  return [{ kind: 'drop-text-search-dictionary', comment: `drop text search dictionary "${d.name}"`, sql: `DROP TEXT SEARCH DICTIONARY ${name(d)}`, effects: { breaksDependants: `text search configurations using "${d.name}" block the drop` } }];
}

/**
 * Options changed in place; another template: undefined (recreated).
 *
 * @example
 * alterDictionary(syn, { ...syn, options: ["accept = 'false'"] })[0].sql // 'ALTER TEXT SEARCH DICTIONARY "public"."syn" (stopwords, accept = \'false\')'
 */
export function alterDictionary(from: TextSearchDictionary, to: TextSearchDictionary): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  if (from.options.join('\u0000') === to.options.join('\u0000')) return [];
  // Each element removes the option of its name; one with a value appends it: removing every old one first keeps the new order.
  const removed = [...new Set(from.options.map(optionName))];
  return [{ kind: 'alter-text-search-dictionary', comment: `modify text search dictionary "${to.name}"`, sql: `ALTER TEXT SEARCH DICTIONARY ${name(to)} (${[...removed, ...to.options].join(', ')})` }];
}

/** `ALTER MAPPING FOR …` statements, tokens with the same dictionaries together. */
function mappings(c: TextSearchConfiguration, list: readonly TextSearchMapping[], kind: StatementKind): KindStatement[] {
  const groups = new Map<string, string[]>();
  for (const m of list) groups.set(m.dictionaries.join('\u0000'), [...(groups.get(m.dictionaries.join('\u0000')) ?? []), m.token]);
  return [...groups].map(([dicts, tokens]) => ({
    kind, comment: `modify text search configuration "${c.name}"`,
    sql: `ALTER TEXT SEARCH CONFIGURATION ${name(c)} ALTER MAPPING FOR ${tokens.map(qi).join(', ')} WITH ${dicts.split('\u0000').map(ref).join(', ')}`,
  }));
}

/**
 * @example
 * createConfiguration({ kind: 'ts_configuration', schema: 'public', name: 'c', parser: 'pg_catalog.default', mappings: [{ token: 'word', dictionaries: ['pg_catalog.simple'] }] }).map((s) => s.sql)
 * // ['CREATE TEXT SEARCH CONFIGURATION "public"."c" (PARSER = "pg_catalog"."default")', 'ALTER TEXT SEARCH CONFIGURATION "public"."c" ALTER MAPPING FOR "word" WITH "pg_catalog"."simple"']
 */
export function createConfiguration(c: TextSearchConfiguration): KindStatement[] {
  return [
    { kind: 'create-text-search-configuration', comment: `create text search configuration "${c.name}"`, sql: `CREATE TEXT SEARCH CONFIGURATION ${name(c)} (PARSER = ${ref(c.parser)})` },
    ...mappings(c, c.mappings, 'create-text-search-configuration'),
  ];
}

/** @example dropConfiguration(cfg)[0].sql // 'DROP TEXT SEARCH CONFIGURATION "public"."cfg"' */
export function dropConfiguration(c: TextSearchConfiguration): KindStatement[] {
  return [{ kind: 'drop-text-search-configuration', comment: `drop text search configuration "${c.name}"`, sql: `DROP TEXT SEARCH CONFIGURATION ${name(c)}`, effects: { breaksDependants: `columns, indexes and functions naming "${c.name}" block the drop` } }];
}

/**
 * Mappings changed in place: gone tokens dropped, new and changed ones set; another parser: undefined (recreated).
 *
 * @example
 * alterConfiguration(cfg, { ...cfg, mappings: [] })[0].sql // 'ALTER TEXT SEARCH CONFIGURATION "public"."cfg" DROP MAPPING FOR "word"'
 */
export function alterConfiguration(from: TextSearchConfiguration, to: TextSearchConfiguration): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  const had = new Map(from.mappings.map((m) => [m.token, m.dictionaries.join('\u0000')] as const));
  const gone = from.mappings.filter((m) => !to.mappings.some((x) => x.token === m.token)).map((m) => m.token);
  const changed = to.mappings.filter((m) => had.get(m.token) !== m.dictionaries.join('\u0000'));
  const out: KindStatement[] = [];
  if (gone.length) out.push({ kind: 'alter-text-search-configuration', comment: `modify text search configuration "${to.name}"`, sql: `ALTER TEXT SEARCH CONFIGURATION ${name(to)} DROP MAPPING FOR ${gone.map(qi).join(', ')}` });
  return [...out, ...mappings(to, changed, 'alter-text-search-configuration')];
}
