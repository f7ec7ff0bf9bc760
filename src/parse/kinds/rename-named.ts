/**
 * `ALTER … RENAME TO` and `SET SCHEMA` of the objects other objects name by name in the Model while PostgreSQL holds
 * them by OID: collations (a column's, a domain's, an index key's `COLLATE`), text search dictionaries (a
 * configuration's mappings) and configurations (`'english'::regconfig` in a default, an index, a view), and
 * `ALTER SCHEMA … RENAME`. Folded where PostgreSQL's result is plain: the object, under its new key, with its
 * comment; a dictionary's configurations map it under its new name (what PostgreSQL's pg_ts_config_map holds by
 * OID). Anything else in the Model that still mentions the old name — a column's collation, a configuration named
 * in an expression, a schema's objects — is refused, located (E_NATIVE: the dev database replays it), rather than
 * left stale; the check is by name, so it errs on the side of the dev database.
 *
 * In: the statement and the new name or schema. Out: the Model changed. Never: I/O.
 */
import { qualifiedKey } from '../../model/names.js';
import { objectKey } from '../../model/objects.js';
import type { CatalogObject, Collation, TextSearchConfiguration, TextSearchDictionary } from '../../model/types.js';
import type { Payload } from '../ast.js';
import { collationNamed } from './collation.js';
import { moveCatalogObject } from './rename.js';
import { configurationNamed, dictionaryNamed } from './text-search.js';
import { sv } from './nodes.js';
import { Problem, type FoldScope, type Mut } from './scope.js';

type Named = Collation | TextSearchDictionary | TextSearchConfiguration;

const KINDS = {
  OBJECT_COLLATION: { kind: 'collation', what: 'collation', find: collationNamed },
  OBJECT_TSDICTIONARY: { kind: 'ts_dictionary', what: 'text search dictionary', find: dictionaryNamed },
  OBJECT_TSCONFIGURATION: { kind: 'ts_configuration', what: 'text search configuration', find: configurationNamed },
} as const;

/** Whether `renameType` / `objectType` is one of the kinds this module renames and moves. */
export function isNamedKind(t: string | undefined): t is keyof typeof KINDS {
  return !!t && t in KINDS;
}

/**
 * `ALTER COLLATION | TEXT SEARCH DICTIONARY | TEXT SEARCH CONFIGURATION name RENAME TO new`.
 *
 * @example
 * renameNamed(scope, parseOne('ALTER COLLATION c1 RENAME TO c2').node, 'c2') // objects['collation public.c1'] → 'collation public.c2'
 */
export function renameNamed(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const o = named(s, n.renameType!, (n.object?.List?.items ?? []).map(sv), !!n.missing_ok);
  if (o) move(s, o, { name: newname }, 'renaming');
}

/**
 * `ALTER COLLATION | TEXT SEARCH DICTIONARY | TEXT SEARCH CONFIGURATION name SET SCHEMA s`.
 *
 * @example
 * setNamedSchema(scope, parseOne('ALTER TEXT SEARCH DICTIONARY d SET SCHEMA app').node, 'app')
 */
export function setNamedSchema(s: FoldScope, n: Payload<'AlterObjectSchemaStmt'>, to: string): void {
  const o = named(s, n.objectType!, (n.object?.List?.items ?? []).map(sv), !!n.missing_ok);
  if (o && o.schema !== to) move(s, o, { schema: to }, 'moving');
}

function named(s: FoldScope, t: string, names: readonly string[], missingOk: boolean): Mut<Named> | undefined {
  const k = KINDS[t as keyof typeof KINDS];
  const o = k.find(s, names, s.searchPath) as Mut<Named> | undefined;
  if (!o && !missingOk) s.fail('E_UNKNOWN', `${k.what} "${names.join('.')}" does not exist`);
  return o;
}

function move(s: FoldScope, o: Mut<Named>, patch: { readonly name?: string; readonly schema?: string }, doing: string): void {
  const from = qualifiedKey(o.schema, o.name);
  const what = `${Object.values(KINDS).find((k) => k.kind === o.kind)!.what} ${from}`;
  // A dictionary's configurations are followed below; everything else naming it is refused.
  refuseIfMentioned(s, o.name, `${doing} ${what}`, (x) => x === o || (o.kind === 'ts_dictionary' && x.kind === 'ts_configuration'));
  const moved = moveCatalogObject(s, o as CatalogObject & Named, patch as Partial<CatalogObject & Named>);
  if (o.kind !== 'ts_dictionary') return;
  const to = qualifiedKey(moved.schema, moved.name);
  for (const x of Object.values(s.objects)) {
    if (x.kind !== 'ts_configuration') continue;
    (x as Mut<TextSearchConfiguration>).mappings = x.mappings.map((m) => ({ ...m, dictionaries: m.dictionaries.map((d) => (d === from ? to : d)) }));
  }
}

/**
 * `ALTER SCHEMA s RENAME TO t` of a schema that holds nothing (yet): the schema under its new name, its comment and
 * privileges following it. A schema holding objects, or named anywhere else in the Model (a publication's `TABLES IN
 * SCHEMA`, default privileges, an expression), is refused, located (E_NATIVE).
 *
 * @example
 * renameSchema(scope, parseOne('ALTER SCHEMA staging RENAME TO app').node, 'app')
 */
export function renameSchema(s: FoldScope, n: Payload<'RenameStmt'>, newname: string): void {
  const old = n.subname!;
  const sch = s.model.schemas[old];
  if (!sch) return s.fail('E_UNKNOWN', `schema "${old}" does not exist`);
  if (s.model.schemas[newname]) return s.fail('E_DUPLICATE', `schema "${newname}" already exists`);
  const own = (x: { kind?: string; on?: string; schema?: string }) => x.kind === 'privileges' && x.on === 'SCHEMA' && x.schema === old;
  refuseIfMentioned(s, old, `renaming schema ${old}`, own);
  const schemas = s.model.schemas as Record<string, typeof sch>;
  delete schemas[old];
  schemas[newname] = { ...sch, name: newname };
  for (const [k, o] of Object.entries(s.objects)) {
    if (!own(o)) continue;
    delete s.objects[k];
    const moved = { ...o, schema: newname, name: newname } as typeof o;
    s.objects[objectKey(moved)] = moved;
  }
}

/**
 * E_NATIVE when an entry of the Model other than those `skip` takes holds a string naming `name` as a whole
 * identifier (plain or double-quoted), other than in comments and source locations.
 */
function refuseIfMentioned(s: FoldScope, name: string, doing: string, skip: (x: { kind?: string }) => boolean): void {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[^A-Za-z0-9_$])${esc}($|[^A-Za-z0-9_$])`);
  const mentions = (v: unknown, key = ''): boolean => {
    if (key === 'loc' || key === 'comment' || key === 'attributeComments') return false;
    if (typeof v === 'string') return re.test(v);
    if (Array.isArray(v)) return v.some((x) => mentions(x));
    if (!v || typeof v !== 'object') return false;
    return Object.entries(v as Record<string, unknown>).some(([k, x]) => mentions(x, k));
  };
  const readers: string[] = [];
  const scan = (what: string, entries: Readonly<Record<string, unknown>>) => {
    for (const [k, x] of Object.entries(entries)) {
      if (skip(x as { kind?: string }) || !mentions(x)) continue;
      readers.push(what ? `${what} ${k}` : k);
    }
  };
  scan('table', s.model.tables);
  scan('view', s.model.views);
  scan('type', s.model.types);
  scan('sequence', s.model.sequences);
  scan('function', s.model.functions);
  scan('', s.objects);
  if (readers.length) {
    const shown = readers.slice(0, 3).join(', ') + (readers.length > 3 ? ` and ${readers.length - 3} more` : '');
    throw new Problem('E_NATIVE', `${doing} named by ${shown} is not folded natively (PostgreSQL follows it by OID; the Model holds it by name); write it under its final name, or let the dev database replay it`);
  }
}
