/**
 * SQL/MED objects, folded: `CREATE/ALTER/DROP FOREIGN DATA WRAPPER`, `CREATE/ALTER/DROP SERVER`,
 * `CREATE/ALTER/DROP USER MAPPING`, `CREATE FOREIGN TABLE` (+ `ALTER FOREIGN TABLE … OWNER`, `DROP FOREIGN TABLE`),
 * and their comments. Options are kept `name=value` in declaration order, as PostgreSQL stores them.
 */
import { quoteIdent } from '../../model/names.js';
import { objectKey } from '../../model/objects.js';
import type { ForeignColumn, ForeignDataWrapper, ForeignServer, ForeignTable, UserMapping } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import { applyGenericOptions, type FoldScope, type MTable } from './scope.js';
import { constraint } from './constraint.js';
import { alterSubcommand } from '../statement-kind.js';
import { forgetPrivileges } from './privileges.js';
import { sv } from './nodes.js';
import { setColumnOptions, setStorage } from './column-options.js';
import { columnSettingsOf, isEmptySettings } from '../../model/view-columns.js';
import type { Column, Model } from '../../model/types.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };
const fdwKey = (name: string) => `foreign_data_wrapper ${name}`;
const serverKey = (name: string) => `server ${name}`;

/** `HANDLER f` / `NO HANDLER` / `VALIDATOR f` / `NO VALIDATOR` of a wrapper. */
function functionOptions(w: Mut<ForeignDataWrapper>, items: readonly Node[] | undefined): void {
  for (const d of (items ?? []).map((x) => x.DefElem!)) {
    const names: string[] = (d.arg?.List?.items ?? (d.arg ? [d.arg] : [])).map(sv);
    const value = names.length ? names.map(quoteIdent).join('.') : undefined;
    const which = d.defname === 'handler' ? 'handler' : d.defname === 'validator' ? 'validator' : undefined;
    if (!which) continue;
    // As the catalog prints it (regproc under an empty search_path): schema-qualified; unqualified ones are taken from `public`.
    if (value) w[which] = value.includes('.') ? value : `public.${value}`;
    else delete w[which];
  }
}

export function createWrapper(s: FoldScope, n: Payload<'CreateFdwStmt'>): void {
  if (s.objects[fdwKey(n.fdwname!)]) s.fail('E_DUPLICATE', `foreign-data wrapper "${n.fdwname}" already exists`);
  const w: Mut<ForeignDataWrapper> = { kind: 'foreign_data_wrapper', name: n.fdwname!, options: applyGenericOptions([], n.options, s.fail), loc: s.loc };
  functionOptions(w, n.func_options);
  s.objects[fdwKey(n.fdwname!)] = w;
}

export function alterWrapper(s: FoldScope, n: Payload<'AlterFdwStmt'>): void {
  const w = s.objects[fdwKey(n.fdwname!)] as Mut<ForeignDataWrapper> | undefined;
  if (!w) s.fail('E_UNKNOWN', `foreign-data wrapper "${n.fdwname}" does not exist`);
  functionOptions(w, n.func_options);
  w.options = applyGenericOptions(w.options, n.options, s.fail);
}

export function createServer(s: FoldScope, n: Payload<'CreateForeignServerStmt'>): void {
  if (s.objects[serverKey(n.servername!)]) {
    if (n.if_not_exists) return;
    s.fail('E_DUPLICATE', `server "${n.servername}" already exists`);
  }
  // A wrapper that no statement creates comes from an extension (`CREATE EXTENSION postgres_fdw`): one must be created.
  if (!s.objects[fdwKey(n.fdwname!)] && !Object.keys(s.model.extensions).length) s.fail('E_UNKNOWN', `foreign-data wrapper "${n.fdwname}" does not exist`);
  s.objects[serverKey(n.servername!)] = {
    kind: 'server', name: n.servername!, wrapper: n.fdwname!, ...(n.servertype !== undefined ? { type: n.servertype } : {}), ...(n.version !== undefined ? { version: n.version } : {}),
    options: applyGenericOptions([], n.options, s.fail), loc: s.loc,
  };
}

export function alterServer(s: FoldScope, n: Payload<'AlterForeignServerStmt'>): void {
  const v = s.objects[serverKey(n.servername!)] as Mut<ForeignServer> | undefined;
  if (!v) s.fail('E_UNKNOWN', `server "${n.servername}" does not exist`);
  if (n.has_version) {
    if (n.version === undefined || n.version === null) delete v.version;
    else v.version = n.version;
  }
  v.options = applyGenericOptions(v.options, n.options, s.fail);
}

/** The user of a mapping as the catalog names it: `PUBLIC` or a role name (CURRENT_USER and friends kept as written). */
function mappingUser(u: (Payload<'RoleSpec'> & Node) | undefined): string {
  const r = (u?.RoleSpec ?? u)!;
  if (r.roletype === 'ROLESPEC_PUBLIC') return 'PUBLIC';
  if (r.roletype === 'ROLESPEC_CSTRING') return r.rolename!;
  return String(r.roletype).replace('ROLESPEC_', '');
}
const mappingKey = (user: string, server: string) => objectKey({ kind: 'user_mapping', user, server, options: [] });

export function createUserMapping(s: FoldScope, n: Payload<'CreateUserMappingStmt'>): void {
  const user = mappingUser(n.user);
  if (!s.objects[serverKey(n.servername!)]) s.fail('E_UNKNOWN', `server "${n.servername}" does not exist`);
  if (s.objects[mappingKey(user, n.servername!)]) {
    if (n.if_not_exists) return;
    s.fail('E_DUPLICATE', `user mapping for "${user}" already exists for server "${n.servername}"`);
  }
  s.objects[mappingKey(user, n.servername!)] = { kind: 'user_mapping', user, server: n.servername!, options: applyGenericOptions([], n.options, s.fail), loc: s.loc };
}

export function alterUserMapping(s: FoldScope, n: Payload<'AlterUserMappingStmt'>): void {
  const m = s.objects[mappingKey(mappingUser(n.user), n.servername!)] as Mut<UserMapping> | undefined;
  if (!m) s.fail('E_UNKNOWN', `user mapping for "${mappingUser(n.user)}" does not exist for server "${n.servername}"`);
  m.options = applyGenericOptions(m.options, n.options, s.fail);
}

export function dropUserMapping(s: FoldScope, n: Payload<'DropUserMappingStmt'>): void {
  const key = mappingKey(mappingUser(n.user), n.servername!);
  if (!s.objects[key]) {
    if (n.missing_ok) return;
    s.fail('E_UNKNOWN', `user mapping for "${mappingUser(n.user)}" does not exist for server "${n.servername}"`);
  }
  delete s.objects[key];
}

export function createForeignTable(s: FoldScope, n: Payload<'CreateForeignTableStmt'>): void {
  const base = n.base;
  const names = s.rangeNames(base!.relation);
  const t = s.creating(names);
  if (s.taken(t.schema, t.name)) {
    if (base!.if_not_exists) return;
    s.fail('E_DUPLICATE', `relation "${t.name}" already exists`, base!.relation!.location);
  }
  if (!s.objects[serverKey(n.servername!)]) s.fail('E_UNKNOWN', `server "${n.servername}" does not exist`);
  const columns: ForeignColumn[] = [];
  const checks: { k: Payload<'Constraint'>; column?: string }[] = [];
  for (const e of base!.tableElts ?? []) {
    if (e.Constraint?.contype === 'CONSTR_CHECK') {
      checks.push({ k: e.Constraint });
      continue;
    }
    const c = e.ColumnDef;
    if (!c) s.fail('E_UNSUPPORTED', 'table constraints on a foreign table other than CHECK are not supported in a schema file');
    let notNull = false;
    let dflt;
    for (const k of (c.constraints ?? []).map((x) => x.Constraint!)) {
      if (k.contype === 'CONSTR_NOTNULL') notNull = true;
      else if (k.contype === 'CONSTR_NULL') notNull = false;
      else if (k.contype === 'CONSTR_DEFAULT') dflt = s.defaultExpr(k.raw_expr, s.type(c.typeName));
      else if (k.contype === 'CONSTR_CHECK') checks.push({ k, column: c.colname! });
      else s.fail('E_UNSUPPORTED', `${String(k.contype).replace('CONSTR_', '')} on a foreign table column is not supported in a schema file`);
    }
    const collation = c.collClause ? c.collClause.collname!.map(sv).filter((x: string) => x !== 'pg_catalog').map(quoteIdent).join('.') : undefined;
    columns.push({ name: c.colname!, type: s.type(c.typeName), notNull, ...(dflt ? { default: dflt } : {}), ...(collation ? { collation } : {}), options: applyGenericOptions([], c.fdwoptions, s.fail) });
  }
  s.claim(t.schema, t.name);
  const ft: Mut<ForeignTable> = { kind: 'foreign_table', schema: t.schema, name: t.name, server: n.servername!, columns, options: applyGenericOptions([], n.options, s.fail), loc: s.loc };
  for (const { k, column } of checks) addCheck(s, ft, k, column);
  s.objects[`foreign_table ${t.key}`] = ft;
}

/**
 * A CHECK on a foreign table, named as PostgreSQL names a table's (the fold's constraint(), on a stand-in table of
 * its columns). Its NOT VALID is kept, in CREATE FOREIGN TABLE too (PostgreSQL validates only a new plain table's).
 */
function addCheck(s: FoldScope, ft: Mut<ForeignTable>, k: Payload<'Constraint'>, column?: string): void {
  if (k.conname && (ft.checks ?? []).some((c) => c.name === k.conname)) s.fail('E_DUPLICATE', `constraint "${k.conname}" for relation "${ft.name}" already exists`);
  const stand = { schema: ft.schema, name: ft.name, columns: ft.columns, constraints: Object.fromEntries((ft.checks ?? []).map((c) => [c.name, c])) } as unknown as MTable;
  const before = new Set(Object.keys(stand.constraints));
  constraint(s, stand, k, column);
  for (const c of Object.values(stand.constraints)) {
    if (before.has(c.name) || c.kind !== 'check') continue;
    ft.checks = [...(ft.checks ?? []), { name: c.name, expr: c.expr, ...(c.noInherit ? { noInherit: true as const } : {}), ...(c.notValid ? { notValid: true as const } : {}) }]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** The foreign table `names` resolves to through the search_path. */
export function foreignTableNamed(objects: FoldScope['objects'], names: readonly string[], searchPath: readonly string[]): Mut<ForeignTable> | undefined {
  const schemas = names.length >= 2 ? [names[names.length - 2]!] : searchPath;
  for (const schema of schemas) {
    const o = objects[`foreign_table ${schema}.${names[names.length - 1]}`];
    if (o) return o as Mut<ForeignTable>;
  }
  return undefined;
}

/** `ALTER FOREIGN TABLE`: owner changes are not schema; options; anything else is refused. */
export function alterForeignTable(s: FoldScope, t: Mut<ForeignTable>, cmds: readonly Node[]): void {
  for (const cmd of cmds.map((x) => x.AlterTableCmd!)) {
    if (cmd.subtype === 'AT_ChangeOwner') continue;
    if (cmd.subtype === 'AT_GenericOptions') {
      t.options = applyGenericOptions(t.options, (cmd.def?.List?.items ?? cmd.def) as Node[] | undefined, s.fail);
      continue;
    }
    if (cmd.subtype === 'AT_AddConstraint' && cmd.def?.Constraint?.contype === 'CONSTR_CHECK') {
      addCheck(s, t, cmd.def.Constraint);
      continue;
    }
    if (cmd.subtype === 'AT_DropConstraint' || cmd.subtype === 'AT_ValidateConstraint') {
      const c = (t.checks ?? []).find((x) => x.name === cmd.name);
      if (!c) {
        if (cmd.missing_ok) continue;
        s.fail('E_UNKNOWN', `constraint "${cmd.name}" of relation "${t.name}" does not exist`);
      }
      const rest = (t.checks ?? []).filter((x) => x !== c);
      const { notValid: _, ...valid } = c;
      if (cmd.subtype === 'AT_DropConstraint') s.releaseCon(t.schema, c.name);
      t.checks = cmd.subtype === 'AT_DropConstraint' ? rest : [...rest, valid].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (!t.checks.length) delete t.checks;
      continue;
    }
    if (cmd.subtype === 'AT_AlterColumnGenericOptions') {
      const i = t.columns.findIndex((c) => c.name === cmd.name);
      if (i < 0) s.fail('E_UNKNOWN', `column "${cmd.name}" of relation "${t.name}" does not exist`);
      t.columns = t.columns.map((c, j) => (j === i ? { ...c, options: applyGenericOptions(c.options, (cmd.def?.List?.items ?? cmd.def) as Node[] | undefined, s.fail) } : c));
      continue;
    }
    if (cmd.subtype === 'AT_SetStatistics' || cmd.subtype === 'AT_SetStorage' || cmd.subtype === 'AT_SetOptions' || cmd.subtype === 'AT_ResetOptions') {
      setColumnSetting(s, t, cmd);
      continue;
    }
    s.fail('E_UNSUPPORTED', `ALTER FOREIGN TABLE … ${alterSubcommand(cmd.subtype)} is not supported in a schema file; write the foreign table as it should be`);
  }
}

/**
 * `ALTER FOREIGN TABLE ft ALTER COLUMN c SET STATISTICS n | SET STORAGE s | SET (…) | RESET (…)` (pg_dump writes them
 * `ALTER FOREIGN TABLE ONLY`), folded into the column's `settings` by the rules of a table column's (./column-options.ts).
 */
function setColumnSetting(s: FoldScope, t: Mut<ForeignTable>, cmd: Payload<'AlterTableCmd'>): void {
  const i = t.columns.findIndex((c) => c.name === cmd.name);
  if (i < 0) s.fail('E_UNKNOWN', `column "${cmd.name}" of relation "${t.name}" does not exist`);
  const { settings, ...rest } = t.columns[i]!;
  const col = { name: rest.name, type: rest.type, notNull: false, ...(settings ?? {}) } as Mut<Column>;
  if (cmd.subtype === 'AT_SetStatistics') {
    const v = cmd.def?.Integer?.ival ?? cmd.def?.A_Const?.ival?.ival ?? 0;
    if (v < 0) delete col.statistics;
    else col.statistics = v;
  } else if (cmd.subtype === 'AT_SetStorage') setStorage(col, sv(cmd.def), s.model as unknown as Model);
  else setColumnOptions(col, (cmd.def?.List?.items ?? cmd.def ?? []) as Node[], cmd.subtype === 'AT_ResetOptions');
  const next = columnSettingsOf(col);
  t.columns = t.columns.map((c, j) => (j === i ? { ...rest, ...(isEmptySettings(next) ? {} : { settings: next }) } : c));
}

/** `DROP FOREIGN DATA WRAPPER` / `DROP SERVER` (RESTRICT: nothing may depend on it; CASCADE: dependants go too). */
export function dropSqlMed(s: FoldScope, kind: 'foreign_data_wrapper' | 'server', name: string, cascade: boolean, missingOk: boolean): void {
  const key = kind === 'server' ? serverKey(name) : fdwKey(name);
  if (!s.objects[key]) {
    if (missingOk) return;
    s.fail('E_UNKNOWN', `${kind === 'server' ? 'server' : 'foreign-data wrapper'} "${name}" does not exist`);
  }
  const dependants = Object.entries(s.objects).filter(([, o]) => (kind === 'server' ? (o.kind === 'user_mapping' || o.kind === 'foreign_table') && o.server === name : o.kind === 'server' && o.wrapper === name));
  if (dependants.length && !cascade) s.fail('E_DEPENDENT', `cannot drop ${kind === 'server' ? 'server' : 'foreign-data wrapper'} "${name}" because other objects depend on it (use CASCADE)`);
  for (const [k, o] of dependants) {
    if (o.kind === 'server') dropSqlMed(s, 'server', o.name, true, true);
    if (o.kind === 'foreign_table') {
      s.release(o.schema, o.name);
      for (const c of o.checks ?? []) s.releaseCon(o.schema, c.name);
      forgetPrivileges(s, (p) => p.on === 'COLUMN' && p.schema === o.schema && p.name === o.name);
    }
    delete s.objects[k];
  }
  delete s.objects[key];
  // Its privileges go with it.
  forgetPrivileges(s, (p) => p.on === (kind === 'server' ? 'FOREIGN SERVER' : 'FOREIGN DATA WRAPPER') && p.name === name);
}
