/**
 * Keys and dependencies of the Model's `objects` (rules, foreign data wrappers, servers, user mappings,
 * foreign tables, event triggers, publications): what the kind-agnostic differ and planner need to know about each kind. Pure; no I/O.
 */
import { qualifiedKey } from './names.js';
import type { CatalogObject, Model, ObjectPrivileges } from './types.js';
import { DATABASE_WIDE_PRIVILEGES } from './privileges.js';

/**
 * The key of an object in `Model.objects`.
 *
 * @example
 * objectKey({ kind: 'server', name: 'files', wrapper: 'file_fdw', options: [] }) // 'server files'
 */
export function objectKey(o: CatalogObject): string {
  switch (o.kind) {
    case 'rule': return `rule ${o.table}.${o.name}`;
    case 'foreign_data_wrapper': return `foreign_data_wrapper ${o.name}`;
    case 'server': return `server ${o.name}`;
    case 'user_mapping': return `user_mapping ${o.user}@${o.server}`;
    case 'foreign_table': return `foreign_table ${qualifiedKey(o.schema, o.name)}`;
    case 'event_trigger': return `event_trigger ${o.name}`;
    case 'publication': return `publication ${o.name}`;
    case 'statistics': return `statistics ${qualifiedKey(o.schema, o.name)}`;
    case 'collation': return `collation ${qualifiedKey(o.schema, o.name)}`;
    case 'cast': return `cast (${o.source} AS ${o.target})`;
    case 'ts_dictionary': return `ts_dictionary ${qualifiedKey(o.schema, o.name)}`;
    case 'ts_configuration': return `ts_configuration ${qualifiedKey(o.schema, o.name)}`;
    case 'privileges': return `privileges ${o.on} ${privilegesTarget(o)}`;
    case 'default_privileges': return `default_privileges ${o.applying ? '' : o.role ?? ''}:${o.schema ?? ''}:${o.on}`;
    case 'operator': return `operator ${qualifiedKey(o.schema, o.name)}(${o.left ?? 'NONE'},${o.right})`;
    case 'operator_family': return `operator_family ${qualifiedKey(o.schema, o.name)} USING ${o.method}`;
    case 'operator_class': return `operator_class ${qualifiedKey(o.schema, o.name)} USING ${o.method}`;
  }
}

/**
 * Keys (in `Model.objects`) of the objects `o` needs to exist first.
 *
 * @example
 * objectDependencies({ kind: 'user_mapping', user: 'PUBLIC', server: 'files', options: [] }) // ['server files']
 */
export function objectDependencies(o: CatalogObject): string[] {
  switch (o.kind) {
    case 'server': return [`foreign_data_wrapper ${o.wrapper}`];
    case 'user_mapping': return [`server ${o.server}`];
    case 'foreign_table': return [`server ${o.server}`];
    case 'operator_class': return [`operator_family ${o.family} USING ${o.method}`];
    // Privileges on a server: a server recreated (another wrapper) starts from the default ACL (src/diff/objects.ts `recreateDependants`).
    case 'privileges': return o.on === 'FOREIGN SERVER' ? [`server ${o.name}`] : [];
    case 'ts_configuration': return [...new Set(o.mappings.flatMap((m) => m.dictionaries.filter((d) => !d.startsWith('pg_catalog.')).map((d) => `ts_dictionary ${d}`)))];
    default: return [];
  }
}

/** Database-wide kinds: managed only when the whole database is (like extensions). */
export function isDatabaseWide(o: CatalogObject): boolean {
  return o.kind === 'foreign_data_wrapper' || o.kind === 'server' || o.kind === 'user_mapping' || o.kind === 'event_trigger' || o.kind === 'publication' || o.kind === 'cast' || (o.kind === 'default_privileges' && o.schema === undefined)
    || (o.kind === 'privileges' && DATABASE_WIDE_PRIVILEGES.includes(o.on));
}

/** The schema an object lives in (schema-scoped kinds). */
export function objectSchema(o: CatalogObject): string | undefined {
  if (o.kind === 'privileges' && DATABASE_WIDE_PRIVILEGES.includes(o.on)) return undefined;
  return o.kind === 'rule' || o.kind === 'foreign_table' || o.kind === 'statistics' || o.kind === 'collation' || o.kind === 'ts_dictionary' || o.kind === 'ts_configuration' || o.kind === 'privileges' || o.kind === 'default_privileges' || o.kind === 'operator' || o.kind === 'operator_family' || o.kind === 'operator_class' ? o.schema : undefined;
}

/**
 * The key of the object privileges are on: `s` (schema), `s.q` (sequence, type), `s.f(integer)` (function),
 * `s.t.c` (column, the table's key then the column).
 *
 * @example
 * privilegesTarget({ kind: 'privileges', on: 'FUNCTION', schema: 'public', name: 'f', args: 'integer', grants: [] }) // 'public.f(integer)'
 */
export function privilegesTarget(o: ObjectPrivileges): string {
  if (o.on === 'SCHEMA') return o.schema;
  if (DATABASE_WIDE_PRIVILEGES.includes(o.on)) return o.name;
  const k = qualifiedKey(o.schema, o.name);
  return o.on === 'FUNCTION' || o.on === 'PROCEDURE' ? `${k}(${o.args ?? ''})` : o.on === 'COLUMN' ? `${k}.${o.column}` : k;
}

/**
 * The implicit sequences of identity columns, by qualified key (`app.t_id_seq`), with their table and column:
 * objects of their own for privileges (`GRANT … ON SEQUENCE app.t_id_seq`), though the Model keeps them in the column.
 *
 * @example
 * identitySequences(model)['app.t_id_seq'] // { schema: 'app', name: 't_id_seq', table: 'app.t', column: 'id' }
 */
export function identitySequences(model: Pick<Model, 'tables'>): Record<string, { schema: string; name: string; table: string; column: string }> {
  const out: Record<string, { schema: string; name: string; table: string; column: string }> = {};
  for (const [key, t] of Object.entries(model.tables)) {
    for (const c of t.columns) {
      const name = c.identity?.sequenceName;
      if (name && !c.inherited) out[qualifiedKey(t.schema, name)] = { schema: t.schema, name, table: key, column: c.name };
    }
  }
  return out;
}

/**
 * Whether what `o` is attached to still exists in `model` (privileges: their object): an attached object whose
 * owner goes is gone with it, nothing to drop.
 *
 * @example
 * attachedTargetExists(model, privilegesOnDroppedFunction) // false
 */
export function attachedTargetExists(model: Model, o: CatalogObject): boolean {
  if (o.kind !== 'privileges') return true;
  const k = qualifiedKey(o.schema, o.name);
  switch (o.on) {
    case 'SCHEMA': return !!model.schemas[o.schema];
    case 'SEQUENCE': return !!model.sequences[k] || !!identitySequences(model)[k];
    case 'TYPE': return !!model.types[k];
    case 'FUNCTION': case 'PROCEDURE': return !!model.functions[`${k}(${o.args ?? ''})`];
    // A wrapper no statement creates is an extension's (postgres_fdw), as the fold takes it (src/parse/kinds/foreign.ts).
    case 'FOREIGN DATA WRAPPER': return !!model.objects?.[`foreign_data_wrapper ${o.name}`] || Object.keys(model.extensions).length > 0;
    case 'FOREIGN SERVER': return !!model.objects?.[`server ${o.name}`];
    case 'LANGUAGE': return languageExists(model, o.name);
    case 'COLUMN': {
      const ft = model.objects?.[`foreign_table ${k}`];
      return !!model.tables[k]?.columns.some((c) => c.name === o.column) || !!model.views[k]?.columns.includes(o.column ?? '') || (ft?.kind === 'foreign_table' && ft.columns.some((c) => c.name === o.column));
    }
  }
}

/** PostgreSQL's own languages: in every database (plpgsql is an extension created by initdb). */
export const BUILTIN_LANGUAGES: readonly string[] = ['internal', 'c', 'sql', 'plpgsql'];

/**
 * Whether a procedural language exists in `model`: one of PostgreSQL's own (`BUILTIN_LANGUAGES`) or one an
 * extension of the same name creates (`CREATE EXTENSION plperl`, `plv8`: each PL extension names its language so).
 *
 * @example
 * languageExists(model, 'plpgsql') // true
 */
export function languageExists(model: Pick<Model, 'extensions'>, name: string): boolean {
  return BUILTIN_LANGUAGES.includes(name) || !!model.extensions[name];
}

/**
 * The order of an operator class's or family's members: operators by strategy, then functions by number (then text),
 * the same for the fold and the inspector.
 *
 * @example
 * ['FUNCTION 1 (integer, integer) f(integer,integer)', 'OPERATOR 3 =(integer,integer)'].sort(opMemberOrder)[0] // 'OPERATOR 3 =(integer,integer)'
 */
export function opMemberOrder(a: string, b: string): number {
  const key = (m: string) => [m.startsWith('OPERATOR') ? 0 : 1, Number(m.split(' ')[1] ?? 0)] as const;
  const [ka, kb] = [key(a), key(b)];
  return ka[0] - kb[0] || ka[1] - kb[1] || (a < b ? -1 : a > b ? 1 : 0);
}
