/**
 * Text search dictionaries and configurations, folded: `CREATE TEXT SEARCH DICTIONARY name (TEMPLATE = t, option
 * = value, …)`, `ALTER TEXT SEARCH DICTIONARY name (option [= value], …)`, `CREATE TEXT SEARCH CONFIGURATION name
 * (PARSER = p | COPY = other)`, `ALTER TEXT SEARCH CONFIGURATION name {ADD|ALTER} MAPPING FOR … WITH …`, `… ALTER
 * MAPPING REPLACE old WITH new [FOR …]`, `… DROP MAPPING [IF EXISTS] FOR …`, `DROP TEXT SEARCH …`, `COMMENT ON TEXT
 * SEARCH …` (in ../fold.ts). Parsers and templates are C-level objects: their CREATE is refused (../fold.ts); a
 * configuration uses the built-in parser `pg_catalog.default`, and `COPY` of a built-in configuration takes its
 * mappings from the rule PostgreSQL's `snowball_create.sql` follows (word tokens to `<language>_stem`, the others
 * to `simple`; `simple` maps every token to `simple`).
 */
import { qualifiedKey, splitKey } from '../../model/names.js';
import type { TextSearchConfiguration, TextSearchDictionary, TextSearchMapping } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope } from './scope.js';
import { sv } from './nodes.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };

/** The built-in configurations (pg_catalog, PostgreSQL 13–18; `estonian` since 17). */
const BUILTIN_CONFIGS = new Set(['simple', 'arabic', 'armenian', 'basque', 'catalan', 'danish', 'dutch', 'english', 'estonian', 'finnish', 'french', 'german', 'greek', 'hindi',
  'hungarian', 'indonesian', 'irish', 'italian', 'lithuanian', 'nepali', 'norwegian', 'portuguese', 'romanian', 'russian', 'serbian', 'spanish', 'swedish', 'tamil', 'turkish', 'yiddish']);
/** Token types of the default parser (`ts_token_type('default')`), in token id order. */
export const DEFAULT_PARSER_TOKENS: readonly string[] = ['asciiword', 'word', 'numword', 'email', 'url', 'host', 'sfloat', 'version', 'hword_numpart', 'hword_part', 'hword_asciipart',
  'blank', 'tag', 'protocol', 'numhword', 'asciihword', 'hword', 'url_path', 'file', 'float', 'int', 'uint', 'entity'];
/** Tokens a built-in configuration sends to its language's stemmer; the other mapped ones go to `simple`. */
const WORD_TOKENS = new Set(['asciiword', 'word', 'hword_part', 'hword_asciipart', 'asciihword', 'hword']);
const UNMAPPED = new Set(['blank', 'tag', 'protocol', 'entity']);
const DEFAULT_PARSER = 'pg_catalog.default';
/**
 * Whether `name` (`english`, `pg_catalog.english`) is a built-in configuration (`ts_configuration`) or dictionary
 * (`ts_dictionary`: `simple`, `<language>_stem`) of every PostgreSQL 13–18 (estonian, new in 17, left out).
 *
 * @example
 * isBuiltinTextSearch('ts_configuration', 'pg_catalog.english') // true
 */
export function isBuiltinTextSearch(kind: 'ts_configuration' | 'ts_dictionary', name: string): boolean {
  const n = name.startsWith('pg_catalog.') ? name.slice('pg_catalog.'.length) : name;
  const lang = (x: string) => BUILTIN_CONFIGS.has(x) && x !== 'estonian' && x !== 'simple';
  return kind === 'ts_configuration' ? n === 'simple' || lang(n) : n === 'simple' || (n.endsWith('_stem') && lang(n.slice(0, -5)));
}

/**
 * The text search dictionaries and templates that PostgreSQL's contrib extensions create (in the extension's schema),
 * so that an unqualified name written after `CREATE EXTENSION` resolves through the search_path as PostgreSQL
 * resolves it (the documented `ALTER MAPPING … WITH unaccent, simple`).
 */
const EXTENSION_TEXT_SEARCH: Readonly<Record<string, { readonly ts_dictionary: readonly string[]; readonly ts_template: readonly string[] }>> = {
  unaccent: { ts_dictionary: ['unaccent'], ts_template: ['unaccent'] },
  dict_int: { ts_dictionary: ['intdict'], ts_template: ['intdict_template'] },
  dict_xsyn: { ts_dictionary: ['xsyn'], ts_template: ['xsyn_template'] },
};

/** The extensions of the file (name → schema), for names they create. */
export type ExtensionSchemas = Readonly<Record<string, string>>;

/** The extensions of a Model as name → schema. */
export const extensionSchemas = (extensions: Readonly<Record<string, { readonly name: string; readonly schema: string }>>): ExtensionSchemas =>
  Object.fromEntries(Object.values(extensions).map((e) => [e.name, e.schema]));

/**
 * An unqualified dictionary or template that an extension of the file creates, found through the search_path (the
 * first search_path schema holding a known extension object of that name); `'unknown'` when a search_path schema
 * holds an extension whose objects Meridian does not know (the dev database decides), else undefined.
 *
 * @example
 * extensionObject('ts_dictionary', 'unaccent', ['musicbrainz', 'public'], { unaccent: 'public' }) // 'public.unaccent'
 */
export function extensionObject(kind: 'ts_dictionary' | 'ts_template', name: string, searchPath: readonly string[], extensions: ExtensionSchemas): string | 'unknown' | undefined {
  for (const sc of searchPath) {
    const here = Object.entries(extensions).filter(([, schema]) => schema === sc).map(([ext]) => ext);
    if (here.some((ext) => EXTENSION_TEXT_SEARCH[ext]?.[kind].includes(name))) return qualifiedKey(sc, name);
    if (here.some((ext) => !EXTENSION_TEXT_SEARCH[ext])) return 'unknown';
  }
  return undefined;
}
const byToken = (a: TextSearchMapping, b: TextSearchMapping) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0);

/** The mappings of a built-in configuration. */
function builtinMappings(config: string): TextSearchMapping[] {
  return DEFAULT_PARSER_TOKENS.filter((t) => !UNMAPPED.has(t))
    .map((token) => ({ token, dictionaries: [`pg_catalog.${config !== 'simple' && WORD_TOKENS.has(token) ? `${config}_stem` : 'simple'}`] }))
    .sort(byToken);
}

/**
 * A dictionary option as PostgreSQL stores it (`serialize_deflist`): numbers bare, everything else quoted.
 *
 * @example
 * optionText({ defname: 'language', arg: { String: { sval: 'english' } } }) // "language = 'english'"
 */
export function optionText(d: Payload<'DefElem'>): string {
  const name = optionKey(d.defname!);
  if (d.arg?.Integer) return `${name} = ${d.arg.Integer.ival ?? 0}`;
  if (d.arg?.Float) return `${name} = ${d.arg.Float.fval}`;
  const v = String(d.arg?.String?.sval ?? d.arg?.TypeName?.names?.map(sv).join('.') ?? d.arg?.Boolean?.boolval ?? '');
  return `${name} = ${v.includes('\\') ? 'E' : ''}'${v.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
}
const optionKey = (defname: string) => (/^[a-z_][a-z0-9_$]*$/.test(defname) ? defname : `"${defname.replace(/"/g, '""')}"`);
const optionName = (o: string) => o.slice(0, o.indexOf(' = '));

function resolve(s: FoldScope, names: readonly string[], searchPath: readonly string[], kind: 'ts_dictionary' | 'ts_configuration'): string | undefined {
  const name = names[names.length - 1]!;
  const schemas = names.length > 1 ? [names[names.length - 2]!] : ['pg_catalog', ...searchPath];
  for (const sc of schemas) {
    if (sc === 'pg_catalog') {
      const builtin = kind === 'ts_configuration' ? BUILTIN_CONFIGS.has(name) : name === 'simple' || (name.endsWith('_stem') && BUILTIN_CONFIGS.has(name.slice(0, -5)));
      if (builtin) return `pg_catalog.${name}`;
      continue;
    }
    if (s.objects[`${kind} ${qualifiedKey(sc, name)}`]) return qualifiedKey(sc, name);
  }
  return undefined;
}

/** A text search configuration of the file named `names` through the search_path. */
export function configurationNamed(s: Pick<FoldScope, 'objects'>, names: readonly string[], searchPath: readonly string[]): Mut<TextSearchConfiguration> | undefined {
  return named(s, names, searchPath, 'ts_configuration') as Mut<TextSearchConfiguration> | undefined;
}

/** A text search dictionary of the file named `names` through the search_path. */
export function dictionaryNamed(s: Pick<FoldScope, 'objects'>, names: readonly string[], searchPath: readonly string[]): Mut<TextSearchDictionary> | undefined {
  return named(s, names, searchPath, 'ts_dictionary') as Mut<TextSearchDictionary> | undefined;
}

function named(s: Pick<FoldScope, 'objects'>, names: readonly string[], searchPath: readonly string[], kind: string): unknown {
  const schemas = names.length > 1 ? [names[names.length - 2]!] : searchPath;
  for (const sc of schemas) {
    const o = s.objects[`${kind} ${qualifiedKey(sc, names[names.length - 1]!)}`];
    if (o) return o;
  }
  return undefined;
}

/**
 * `CREATE TEXT SEARCH DICTIONARY` (DefineStmt, OBJECT_TSDICTIONARY).
 *
 * @example
 * createDictionary(scope, node) // scope.objects['ts_dictionary public.my_stem'] = { template: 'pg_catalog.snowball', options: ["language = 'english'"] }
 */
export function createDictionary(s: FoldScope, n: Payload<'DefineStmt'>, searchPath: readonly string[] = [], extensions: ExtensionSchemas = {}): void {
  const { schema, name } = s.creating((n.defnames ?? []).map(sv));
  const key = `ts_dictionary ${qualifiedKey(schema, name)}`;
  if (s.objects[key]) s.fail('E_DUPLICATE', `text search dictionary "${name}" already exists`);
  const defs = (n.definition ?? []).map((x) => x.DefElem!);
  const t = defs.find((d) => d.defname === 'template');
  if (!t) s.fail('E_INVALID', 'text search template is required');
  const names: string[] = (t.arg?.TypeName?.names ?? []).map(sv);
  if (!names.length) names.push(sv(t.arg));
  // Templates are C-level: the built-in ones (pg_catalog) or an extension's, written schema-qualified.
  const builtin = ['simple', 'synonym', 'ispell', 'thesaurus', 'snowball'].includes(names[0]!) ? `pg_catalog.${names[0]}` : undefined;
  const fromExtension = names.length > 1 || builtin ? undefined : extensionObject('ts_template', names[0]!, searchPath, extensions);
  if (fromExtension === 'unknown') s.fail('E_NATIVE', `text search template "${names[0]}" is not one Meridian knows an extension of the search_path to create; the dev database resolves it (or write it schema-qualified)`, t.location);
  const template = names.length > 1 ? qualifiedKey(names[0]!, names[1]!) : builtin ?? fromExtension;
  if (!template) s.fail('E_UNKNOWN', `text search template "${names.join('.')}" does not exist (an extension's template: write it schema-qualified)`, t.location);
  const options = defs.filter((d) => d.defname !== 'template').map(optionText);
  s.objects[key] = { kind: 'ts_dictionary', schema, name, template, options, loc: s.loc };
}

/** `ALTER TEXT SEARCH DICTIONARY name (option [= value], …)`: each option replaces its old value, moved to the end; one without a value is removed. */
export function alterDictionary(s: FoldScope, n: Payload<'AlterTSDictionaryStmt'>, searchPath: readonly string[]): void {
  const names = (n.dictname ?? []).map(sv);
  const d = dictionaryNamed(s, names, searchPath);
  if (!d) s.fail('E_UNKNOWN', `text search dictionary "${names.join('.')}" does not exist`);
  let options = [...d.options];
  for (const o of (n.options ?? []).map((x) => x.DefElem!)) {
    options = options.filter((x) => optionName(x) !== optionKey(o.defname!));
    if (o.arg) options.push(optionText(o));
  }
  d.options = options;
}

/**
 * `CREATE TEXT SEARCH CONFIGURATION` (DefineStmt, OBJECT_TSCONFIGURATION): `PARSER = pg_catalog.default` or `COPY = other`.
 *
 * @example
 * createConfiguration(scope, node, ['public']) // scope.objects['ts_configuration public.my_cfg'] = { parser: 'pg_catalog.default', mappings: [...] }
 */
export function createConfiguration(s: FoldScope, n: Payload<'DefineStmt'>, searchPath: readonly string[]): void {
  const { schema, name } = s.creating((n.defnames ?? []).map(sv));
  const key = `ts_configuration ${qualifiedKey(schema, name)}`;
  if (s.objects[key]) s.fail('E_DUPLICATE', `text search configuration "${name}" already exists`);
  const defs: Payload<'DefElem'>[] = (n.definition ?? []).map((x) => x.DefElem!);
  const arg = (d: Payload<'DefElem'>): string[] => (d.arg?.TypeName?.names ?? []).map(sv).concat(d.arg?.String ? [sv(d.arg)] : []);
  const copy = defs.find((d) => d.defname === 'copy');
  const parser = defs.find((d) => d.defname === 'parser');
  let c: Mut<TextSearchConfiguration>;
  if (copy) {
    const from = arg(copy);
    const found = resolve(s, from, searchPath, 'ts_configuration');
    if (!found) return s.fail('E_UNKNOWN', `text search configuration "${from.join('.')}" does not exist`, copy.location);
    const own = s.objects[`ts_configuration ${found}`] as TextSearchConfiguration | undefined;
    c = { kind: 'ts_configuration', schema, name, parser: own?.parser ?? DEFAULT_PARSER, mappings: own ? own.mappings.map((m) => ({ ...m })) : builtinMappings(splitKey(found).name) };
  } else {
    if (!parser) return s.fail('E_INVALID', 'text search parser is required');
    const p = arg(parser);
    if (p[p.length - 1] !== 'default' || (p.length > 1 && p[0] !== 'pg_catalog')) {
      return s.fail('E_UNSUPPORTED', `text search parser "${p.join('.')}" is not supported: Meridian manages configurations of the built-in parser pg_catalog.default (custom parsers are C-level; create them in a migration)`, parser.location);
    }
    c = { kind: 'ts_configuration', schema, name, parser: DEFAULT_PARSER, mappings: [] };
  }
  s.objects[key] = { ...c, loc: s.loc };
}

/** `ALTER TEXT SEARCH CONFIGURATION name {ADD|ALTER|DROP} MAPPING …`. */
export function alterConfiguration(s: FoldScope, n: Payload<'AlterTSConfigurationStmt'>, searchPath: readonly string[], extensions: ExtensionSchemas): void {
  const extensionSchema = (sc: string) => Object.values(extensions).includes(sc);
  const names = (n.cfgname ?? []).map(sv);
  const c = configurationNamed(s, names, searchPath);
  if (!c) s.fail('E_UNKNOWN', `text search configuration "${names.join('.')}" does not exist`);
  const tokens: string[] = (n.tokentype ?? []).map(sv);
  for (const t of tokens) if (!DEFAULT_PARSER_TOKENS.includes(t)) s.fail('E_UNKNOWN', `token type "${t}" does not exist`);
  const dict = (x: Node): string => {
    const dn: string[] = (x.List?.items ?? []).map(sv);
    const found = resolve(s, dn, searchPath, 'ts_dictionary');
    if (found) return found;
    // An extension's dictionary (unaccent, dict_int …): written schema-qualified, in the schema of an extension.
    if (dn.length > 1 && extensionSchema(dn[0]!)) return qualifiedKey(dn[0]!, dn[1]!);
    // Unqualified: a dictionary an extension of the search_path creates (unaccent …), as PostgreSQL resolves it.
    const fromExtension = dn.length === 1 ? extensionObject('ts_dictionary', dn[0]!, searchPath, extensions) : undefined;
    if (fromExtension === 'unknown') return s.fail('E_NATIVE', `text search dictionary "${dn[0]}" is not one Meridian knows an extension of the search_path to create; the dev database resolves it (or write it schema-qualified)`);
    if (fromExtension) return fromExtension;
    return s.fail('E_UNKNOWN', `text search dictionary "${dn.join('.')}" does not exist${dn.length === 1 ? ' (an extension\'s dictionary: write it schema-qualified)' : ''}`);
  };
  const dicts: string[] = (n.dicts ?? []).map(dict);
  const map = new Map(c.mappings.map((m) => [m.token, [...m.dictionaries]] as const));
  switch (n.kind) {
    case 'ALTER_TSCONFIG_ADD_MAPPING':
      for (const t of tokens) {
        if (map.has(t)) s.fail('E_DUPLICATE', `text search configuration "${c.name}" already maps token type "${t}" (use ALTER MAPPING)`);
        map.set(t, dicts);
      }
      break;
    case 'ALTER_TSCONFIG_ALTER_MAPPING_FOR_TOKEN':
      for (const t of tokens) map.set(t, dicts);
      break;
    case 'ALTER_TSCONFIG_REPLACE_DICT': case 'ALTER_TSCONFIG_REPLACE_DICT_FOR_TOKEN': {
      const [from, to] = dicts as [string, string];
      for (const [t, list] of map) if (!tokens.length || tokens.includes(t)) map.set(t, list.map((d) => (d === from ? to : d)));
      break;
    }
    case 'ALTER_TSCONFIG_DROP_MAPPING':
      for (const t of tokens) if (!map.delete(t) && !n.missing_ok) s.fail('E_UNKNOWN', `mapping for token type "${t}" does not exist`);
      break;
    default:
      s.fail('E_UNSUPPORTED', `ALTER TEXT SEARCH CONFIGURATION (${n.kind}) is not supported in a schema file`);
  }
  c.mappings = [...map].map(([token, dictionaries]) => ({ token, dictionaries })).sort(byToken);
}

/** `DROP TEXT SEARCH DICTIONARY|CONFIGURATION`; a dictionary still mapped needs CASCADE, which drops the configurations that map it. */
export function dropTextSearch(s: FoldScope, kind: 'ts_dictionary' | 'ts_configuration', names: readonly string[], searchPath: readonly string[], cascade: boolean, missingOk: boolean): void {
  const o = named(s, names, searchPath, kind) as TextSearchDictionary | TextSearchConfiguration | undefined;
  const what = kind === 'ts_dictionary' ? 'dictionary' : 'configuration';
  if (!o) {
    if (!missingOk) s.fail('E_UNKNOWN', `text search ${what} "${names.join('.')}" does not exist`);
    return;
  }
  const key = qualifiedKey(o.schema, o.name);
  if (kind === 'ts_dictionary') {
    for (const x of Object.values(s.objects)) {
      if (x.kind !== 'ts_configuration' || !x.mappings.some((m) => m.dictionaries.includes(key))) continue;
      if (!cascade) s.fail('E_DEPENDS', `cannot drop text search dictionary ${key} because text search configuration ${x.name} uses it; use DROP … CASCADE`);
      delete s.objects[`ts_configuration ${qualifiedKey(x.schema, x.name)}`];
    }
  }
  delete s.objects[`${kind} ${key}`];
}
