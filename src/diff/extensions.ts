/**
 * Extensions changed in place: `ALTER EXTENSION … UPDATE TO` when the desired state states a version the current
 * one does not have (a file without a version is the server's default, never compared: like Atlas), and
 * `ALTER EXTENSION … SET SCHEMA` when a relocatable extension's schema changes (PostgreSQL moves its objects;
 * a non-relocatable one is dropped and created again in its new schema: `recreatedExtension`).
 *
 * The objects the extension moves take their new schema with them: a column whose type is the extension's
 * (`public.citext` → `ext.citext`) is the same column, not retyped (`followMovedExtensions`). What follows is read
 * from the Model's structure (`FIELDS`: names, types, signatures and canonical parse trees), never from SQL text: a
 * string constant, a trigger's argument or a function body that spells `public.citext` is left as written, as
 * PostgreSQL leaves it.
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

/**
 * How the Model's fields hold SQL, which decides what following a move may rewrite. PostgreSQL follows by oid what
 * it stores as references (types, relations, signatures, parse trees); what it keeps as written (string constants,
 * function bodies, trigger arguments, texts) it never changes, and neither does this.
 *
 *  - `prose`: comments and positions, never read;
 *  - `written`: SQL as its author (or PostgreSQL's printer) wrote it: never rewritten, but an object whose canonical
 *    form, followed, is the desired object's takes the desired object's texts (`adoptTexts`);
 *  - `canonical`: canonical forms (JSON parse trees, src/parse/canonical.ts), followed node by node (`CANONICAL_WRITTEN`);
 *  - any other field is a name, a type or a signature written by the Model's edges: its references are followed.
 */
const FIELDS: Readonly<Record<string, 'prose' | 'written' | 'canonical'>> = {
  comment: 'prose', defaultComment: 'prose', indexComment: 'prose', columnComments: 'prose', loc: 'prose',
  text: 'written', definition: 'written', body: 'written', sql: 'written', initcond: 'written', minitcond: 'written', labels: 'written', config: 'written',
  canonical: 'canonical', typedQuery: 'canonical',
};

/**
 * The nodes of a canonical form that hold text as written: a constant's value (`{"K": …}`), a function's body
 * (`Function` item 6) and a trigger's arguments (`Trigger` item 3) — src/parse/normalize-statements.ts.
 */
const CANONICAL_WRITTEN: Readonly<Record<string, number | 'all'>> = { K: 'all', Function: 6, Trigger: 3 };

/**
 * `v` with `f` applied to every reference-holding string: record keys and name fields as they are, canonical forms
 * through their parse trees, never a `written` or `prose` field nor a canonical form's constants and bodies
 * (`FIELDS`). The same object where nothing changes.
 */
function mapReferences(v: unknown, f: (s: string) => string, field?: string): unknown {
  const kind = field === undefined ? undefined : FIELDS[field];
  if (kind === 'prose' || kind === 'written') return v;
  if (typeof v === 'string') return kind === 'canonical' ? mapCanonical(v, f) : f(v);
  if (Array.isArray(v)) return mapArray(v, (x) => mapReferences(x, f, field));
  if (!v || typeof v !== 'object') return v;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const [k2, y] = [f(k), mapReferences(x, f, k)];
    if (k2 !== k || y !== x) changed = true;
    out[k2] = y;
  }
  return changed ? out : v;
}

/** `xs` mapped, the same array where nothing changes. */
function mapArray(xs: readonly unknown[], g: (x: unknown, i: number) => unknown): unknown[] {
  let changed = false;
  const out = xs.map((x, i) => {
    const y = g(x, i);
    if (y !== x) changed = true;
    return y;
  });
  return changed ? out : (xs as unknown[]);
}

/** A canonical form with `f` applied to the strings of its parse tree outside `CANONICAL_WRITTEN`; text that is no tree as a name. */
function mapCanonical(text: string, f: (s: string) => string): string {
  if (text[0] !== '{' && text[0] !== '[') return f(text);
  let tree: unknown;
  try {
    tree = JSON.parse(text);
  } catch {
    return f(text);
  }
  const walk = (n: unknown): unknown => {
    if (typeof n === 'string') return f(n);
    if (Array.isArray(n)) return mapArray(n, walk);
    if (!n || typeof n !== 'object') return n;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(n)) {
      const kept = CANONICAL_WRITTEN[k];
      const y = kept === 'all' ? x : kept !== undefined && Array.isArray(x) ? mapArray(x, (e, i) => (i === kept ? e : walk(e))) : walk(x);
      if (y !== x) changed = true;
      out[k] = y;
    }
    return changed ? out : n;
  };
  const out = walk(tree);
  return out === tree ? text : JSON.stringify(out);
}

/** Every reference-holding string of `v` (`mapReferences`), read only. */
function eachReference(v: unknown, visit: (s: string) => void): void {
  mapReferences(v, (s) => {
    visit(s);
    return s;
  });
}

/** An object's canonical form, by which it is compared: its own, or its query's (a view). */
function formOf(o: Record<string, unknown>): string | undefined {
  if (typeof o.canonical === 'string') return o.canonical;
  const q = o.query as { canonical?: unknown } | undefined;
  return q && typeof q.canonical === 'string' ? q.canonical : undefined;
}

/** Whether some string in `v` (at any depth) satisfies `p`. */
function someString(v: unknown, p: (s: string) => boolean): boolean {
  if (typeof v === 'string') return p(v);
  if (Array.isArray(v)) return v.some((x) => someString(x, p));
  return !!v && typeof v === 'object' && Object.values(v).some((x) => someString(x, p));
}

/** The fields an object takes from the desired one in `adoptTexts`: its `written` ones, a view's query and typed query. */
const adopted = (k: string) => FIELDS[k] === 'written' || k === 'query' || k === 'typedQuery';

/**
 * `cur` (already followed) with the `written` fields (and a view's query) of the desired object at the same place
 * wherever their canonical forms are equal and `cur`'s texts name the old schema (`stale`): the same object, spelled
 * as the desired state spells it, so what is rendered from it names the extension's objects where they now are.
 */
function adoptTexts(cur: unknown, want: unknown, stale: (s: string) => boolean): unknown {
  if (!cur || !want || typeof cur !== 'object' || typeof want !== 'object') return cur;
  if (Array.isArray(cur)) return Array.isArray(want) ? mapArray(cur, (x, i) => adoptTexts(x, want[i], stale)) : cur;
  const c = cur as Record<string, unknown>;
  const w = want as Record<string, unknown>;
  const form = formOf(c);
  const adopt = form !== undefined && form === formOf(w) && Object.keys(c).some((k) => adopted(k) && someString(c[k], stale));
  let out: Record<string, unknown> | undefined;
  for (const [k, x] of Object.entries(c)) {
    const y = adopt && adopted(k) ? (k in w ? w[k] : x) : FIELDS[k] === undefined ? adoptTexts(x, w[k], stale) : x;
    if (y === x) continue;
    out ??= { ...c };
    out[k] = y;
  }
  return out ?? cur;
}

/**
 * `current` with its references to a moved extension's objects spelled in the extension's new schema, as PostgreSQL
 * leaves them after `ALTER EXTENSION … SET SCHEMA` (what uses them follows by oid): column types, function
 * signatures (their keys too), index operator classes, view definitions, defaults, checks. A reference `old.x`
 * follows when the desired Model spells `new.x` somewhere and neither Model defines `old.x` itself (then it is
 * the extension's). Only references are followed (`mapReferences`): comments, string constants, trigger arguments
 * and function bodies stay as written, as PostgreSQL keeps them; an object whose canonical form then equals the
 * desired one's takes the desired texts (`adoptTexts`). Other Models are returned as they are.
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
      out = mapReferences({ ...out, extensions: {} }, (text) => text.replace(here, (whole, n: string) => (follows(unquote(n)) ? `${spelled(to)}.${n}` : whole))) as Model;
      const stale = (text: string) => [...text.matchAll(here)].some((m) => follows(unquote(m[1]!)));
      out = { ...(adoptTexts(out, desired, stale) as Model), extensions: current.extensions };
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
  eachReference({ ...desired, extensions: {} }, (text) => {
    for (const m of text.matchAll(there)) named.add(unquote(m[1]!));
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
    eachReference(o, (text) => {
      if (!found) for (const m of text.matchAll(here)) if (follows(unquote(m[1]!))) found = true;
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
