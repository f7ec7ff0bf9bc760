/**
 * Extensions changed in place: `ALTER EXTENSION … UPDATE TO` when the desired state states a version the current
 * one does not have (a file without a version is the server's default, never compared: like Atlas), and
 * `ALTER EXTENSION … SET SCHEMA` when a relocatable extension's schema changes (PostgreSQL moves its objects;
 * a non-relocatable one is dropped and created again in its new schema: `recreatedExtension`).
 *
 * The objects the extension moves take their new schema with them: a column whose type is the extension's
 * (`public.citext` → `ext.citext`) is the same column, not retyped (`followMovedExtensions`).
 */
import type { Change } from './changes.js';
import { MeridianError } from '../errors.js';
import type { Extension, Model } from '../model/types.js';

/**
 * The change that updates or moves `cur` into `e`, if one is due.
 *
 * @example
 * alterExtension({ …hstore, version: '1.7' }, { …hstore, version: '1.8' }) // { kind: 'alter_extension', version: '1.8', … }
 */
export function alterExtension(cur: Extension, e: Extension): Extract<Change, { kind: 'alter_extension' }> | undefined {
  const version = e.version !== undefined && cur.version !== undefined && e.version !== cur.version ? e.version : undefined;
  const schema = cur.schema !== e.schema && cur.relocatable !== false ? e.schema : undefined;
  if (version === undefined && schema === undefined) return undefined;
  return { kind: 'alter_extension', from: cur, to: e, ...(version !== undefined ? { version } : {}), ...(schema !== undefined ? { schema } : {}) };
}

/**
 * Whether `cur` must be dropped and created again to reach `e`: PostgreSQL cannot move an extension whose control
 * file says `relocatable = false` ("extension … does not support SET SCHEMA"), so one whose schema changes is
 * recreated there (`DROP EXTENSION`, with its BREAKS_DEPENDANTS hazard, then `CREATE EXTENSION … WITH SCHEMA`).
 *
 * @example
 * recreatedExtension({ …xml2, schema: 'public', relocatable: false }, { …xml2, schema: 'ext' }) // true
 */
export function recreatedExtension(cur: Extension, e: Extension): boolean {
  return cur.relocatable === false && cur.schema !== e.schema;
}

/** A name as the Model spells it in keys and canonical text: bare when PostgreSQL would not quote it. */
function spelled(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name` references in text: the schema as spelled bare or quoted, the name captured (bare or quoted). */
function referencesIn(schema: string): RegExp {
  const quoted = `"${schema.replace(/"/g, '""')}"`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const s = spelled(schema) === schema ? `(?:${schema.replace(/\$/g, '\\$')}|${quoted})` : quoted;
  return new RegExp(`(?<![\\w$.])${s}\\.([a-z_][a-z0-9_$]*|"(?:[^"]|"")+")`, 'g');
}

const unquote = (n: string) => (n.startsWith('"') ? n.slice(1, -1).replace(/""/g, '"') : n);
/** Fields that hold prose or positions, not SQL: never rewritten. */
const PROSE = new Set(['comment', 'defaultComment', 'loc']);

/** `v` with `f` applied to every string and record key outside PROSE fields; the same object where nothing changes. */
function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x) => {
      const y = mapStrings(x, f);
      if (y !== x) changed = true;
      return y;
    });
    return changed ? out : v;
  }
  if (!v || typeof v !== 'object') return v;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const [k2, y] = [f(k), PROSE.has(k) ? x : mapStrings(x, f)];
    if (k2 !== k || y !== x) changed = true;
    out[k2] = y;
  }
  return changed ? out : v;
}

/**
 * `current` with its references to a moved extension's objects spelled in the extension's new schema, as PostgreSQL
 * leaves them after `ALTER EXTENSION … SET SCHEMA` (what uses them follows by oid): column types, function
 * signatures (their keys too), index operator classes, view definitions, defaults, checks. A reference `old.x`
 * follows when the desired Model spells `new.x` somewhere and neither Model defines `old.x` itself (then it is
 * the extension's). Comments are prose, left as they are. Other Models are returned as they are.
 *
 * @example
 * followMovedExtensions(current, desired).tables['public.t'].columns[1].type // 'ext.citext' (was 'public.citext')
 * followMovedExtensions(current, desired).functions // { 'public.f(ext.citext)': … } (was public.f(public.citext))
 */
export function followMovedExtensions(current: Model, desired: Model): Model {
  const moves = new Map<string, Set<string>>();
  for (const [name, e] of Object.entries(desired.extensions)) {
    const cur = current.extensions[name];
    if (cur && alterExtension(cur, e)?.schema !== undefined) moves.set(cur.schema, (moves.get(cur.schema) ?? new Set()).add(e.schema));
  }
  if (!moves.size) return current;
  let out: Model = current;
  for (const [from, targets] of moves) {
    for (const to of targets) {
      const follows = followsMove(current, desired, from, to);
      const here = referencesIn(from);
      out = mapStrings({ ...out, extensions: {} }, (text) => text.replace(here, (whole, n: string) => (follows(unquote(n)) ? `${spelled(to)}.${n}` : whole))) as Model;
      out = { ...out, extensions: current.extensions };
    }
  }
  return out;
}

/**
 * Whether a reference `from.name` of `current` is to an object an extension takes from schema `from` to `to`: the
 * desired state names `to.name`, and neither Model defines `from.name` itself.
 */
function followsMove(current: Model, desired: Model, from: string, to: string): (name: string) => boolean {
  const defines = (m: Model, name: string) => {
    const key = `${spelled(from)}.${spelled(name)}`;
    return !!(m.types[key] || m.tables[key] || m.views[key] || m.sequences[key] || Object.keys(m.functions).some((k) => k.startsWith(`${key}(`)));
  };
  const named = new Set<string>();
  const there = referencesIn(to);
  mapStrings({ ...desired, extensions: {} }, (text) => {
    for (const m of text.matchAll(there)) named.add(unquote(m[1]!));
    return text;
  });
  return (name) => named.has(name) && !defines(current, name) && !defines(desired, name);
}

/**
 * The objects of `current` (their keys) that use an object extension `cur` takes from its schema to `e`'s: what
 * `DROP EXTENSION` would have to take with it when the extension is created again elsewhere (`recreatedExtension`).
 *
 * @example
 * usersOfMovedExtension(current, desired, xml2InPublic, xml2InExt) // ['public.v']
 */
export function usersOfMovedExtension(current: Model, desired: Model, cur: Extension, e: Extension): string[] {
  const follows = followsMove(current, desired, cur.schema, e.schema);
  const here = referencesIn(cur.schema);
  const uses = (o: unknown) => {
    let found = false;
    mapStrings(o, (text) => {
      if (!found) for (const m of text.matchAll(here)) if (follows(unquote(m[1]!))) found = true;
      return text;
    });
    return found;
  };
  const out: string[] = [];
  for (const kind of ['types', 'sequences', 'tables', 'views', 'functions', 'objects'] as const)
    for (const [key, o] of Object.entries(current[kind] ?? {})) if (uses(o)) out.push(key);
  return out;
}

/**
 * `cur`, when the non-relocatable extension can be dropped to be created again in `e`'s schema: nothing of the
 * current Model uses its objects. Otherwise E_PLAN, located at the desired `CREATE EXTENSION`, naming what uses it
 * (`DROP EXTENSION` would refuse, or take it along with CASCADE) and what to do.
 *
 * @example
 * assertRecreatable(current, desired, xml2InPublic, xml2InExt) // E_PLAN: extension "xml2" … what uses it: public.v …
 */
export function assertRecreatable(current: Model, desired: Model, cur: Extension, e: Extension): Extension {
  const users = usersOfMovedExtension(current, desired, cur, e);
  if (!users.length) return cur;
  const at = e.loc ? ` (${e.loc.file}:${e.loc.line}:${e.loc.column})` : '';
  throw new MeridianError(
    'E_PLAN',
    `extension "${e.name}"${at} moves from schema ${cur.schema} to ${e.schema}, but it is not relocatable (PostgreSQL refuses ALTER EXTENSION … SET SCHEMA for it), and creating it again there would first drop what uses it: ${users.join(', ')}. ` +
      `Keep it in ${cur.schema}, or move it in a hand-written migration (\`meridian migrate new\`) that drops those objects, drops the extension, creates it WITH SCHEMA ${e.schema} and creates them again`,
    e.loc ? { location: e.loc } : {},
  );
}
