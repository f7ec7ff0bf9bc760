/**
 * DDL of foreign data wrappers, servers, user mappings and foreign tables (SQL/MED).
 *
 * In:  Model objects. Out: statements (kind, SQL, comment) for the planner to order.
 * Rules: wrappers, servers and user mappings are altered in place (options, handler, version) so that what
 * depends on them survives; so are foreign tables where ALTER FOREIGN TABLE can (options, defaults, NOT NULL, columns
 * appended: diff/in-place.ts), keeping their privileges, comments and the views over them; else recreated.
 */
import { quoteIdentAlways as qi } from '../../model/names.js';
import type { ForeignCheck, ForeignDataWrapper, ForeignServer, ForeignTable, UserMapping, Model } from '../../model/types.js';
import { alterOptionsClause, optionsClause } from './options.js';
import type { KindStatement } from './statement.js';
import { alterableInPlace } from '../../diff/in-place.js';
import { keptForeignCheck, sameExpr } from '../../diff/equal.js';
import { columnSettingsActions } from '../view-columns.js';

const fn = (name: string) => name.split('.').map(qi).join('.');
const user = (u: string) => (u === 'PUBLIC' ? 'PUBLIC' : qi(u));

export function createWrapper(w: ForeignDataWrapper): KindStatement[] {
  return [{ kind: 'create-foreign-data-wrapper', comment: `create foreign data wrapper "${w.name}"`, sql: `CREATE FOREIGN DATA WRAPPER ${qi(w.name)}${w.handler ? ` HANDLER ${fn(w.handler)}` : ''}${w.validator ? ` VALIDATOR ${fn(w.validator)}` : ''}${optionsClause(w.options)}` }];
}
export function dropWrapper(w: ForeignDataWrapper): KindStatement[] {
  return [{ kind: 'drop-foreign-data-wrapper', comment: `drop foreign data wrapper "${w.name}"`, sql: `DROP FOREIGN DATA WRAPPER ${qi(w.name)}`, effects: { breaksDependants: `servers of ${w.name} must be gone` } }];
}
export function alterWrapper(from: ForeignDataWrapper, to: ForeignDataWrapper): KindStatement[] {
  const parts: string[] = [];
  if ((from.handler ?? '') !== (to.handler ?? '')) parts.push(to.handler ? ` HANDLER ${fn(to.handler)}` : ' NO HANDLER');
  if ((from.validator ?? '') !== (to.validator ?? '')) parts.push(to.validator ? ` VALIDATOR ${fn(to.validator)}` : ' NO VALIDATOR');
  const opts = alterOptionsClause(from.options, to.options);
  if (!parts.length && !opts) return [];
  return [{ kind: 'alter-foreign-data-wrapper', comment: `modify foreign data wrapper "${to.name}"`, sql: `ALTER FOREIGN DATA WRAPPER ${qi(to.name)}${parts.join('')}${opts}` }];
}

export function createServer(s: ForeignServer): KindStatement[] {
  return [{ kind: 'create-server', comment: `create server "${s.name}"`, sql: `CREATE SERVER ${qi(s.name)}${s.type !== undefined ? ` TYPE ${quote(s.type)}` : ''}${s.version !== undefined ? ` VERSION ${quote(s.version)}` : ''} FOREIGN DATA WRAPPER ${qi(s.wrapper)}${optionsClause(s.options)}` }];
}
export function dropServer(s: ForeignServer): KindStatement[] {
  return [{ kind: 'drop-server', comment: `drop server "${s.name}"`, sql: `DROP SERVER ${qi(s.name)}` }];
}
/** A server of another wrapper or type is a new server: undefined tells the differ to recreate it. */
export function alterServer(from: ForeignServer, to: ForeignServer): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  const version = (from.version ?? '') !== (to.version ?? '') ? ` VERSION ${to.version === undefined ? 'NULL' : quote(to.version)}` : '';
  const opts = alterOptionsClause(from.options, to.options);
  if (!version && !opts) return [];
  return [{ kind: 'alter-server', comment: `modify server "${to.name}"`, sql: `ALTER SERVER ${qi(to.name)}${version}${opts}` }];
}

export function createUserMapping(m: UserMapping): KindStatement[] {
  return [{ kind: 'create-user-mapping', comment: `create user mapping for "${m.user}" on server "${m.server}"`, sql: `CREATE USER MAPPING FOR ${user(m.user)} SERVER ${qi(m.server)}${optionsClause(m.options)}` }];
}
export function dropUserMapping(m: UserMapping): KindStatement[] {
  return [{ kind: 'drop-user-mapping', comment: `drop user mapping for "${m.user}" on server "${m.server}"`, sql: `DROP USER MAPPING FOR ${user(m.user)} SERVER ${qi(m.server)}` }];
}
export function alterUserMapping(from: UserMapping, to: UserMapping): KindStatement[] {
  const opts = alterOptionsClause(from.options, to.options);
  return opts ? [{ kind: 'alter-user-mapping', comment: `modify user mapping for "${to.user}" on server "${to.server}"`, sql: `ALTER USER MAPPING FOR ${user(to.user)} SERVER ${qi(to.server)}${opts}` }] : [];
}

const columnSql = (c: ForeignTable['columns'][number]) =>
  `${qi(c.name)} ${c.type}${optionsClause(c.options)}${c.collation ? ` COLLATE ${c.collation}` : ''}${c.default ? ` DEFAULT ${c.default.text}` : ''}${c.notNull ? ' NOT NULL' : ''}`;

const checkSql = (c: ForeignCheck) => `CONSTRAINT ${qi(c.name)} CHECK (${c.expr.text})${c.noInherit ? ' NO INHERIT' : ''}${c.notValid ? ' NOT VALID' : ''}`;

export function createForeignTable(t: ForeignTable): KindStatement[] {
  // CREATE FOREIGN TABLE keeps a CHECK's NOT VALID (it has no rows to validate), as ALTER FOREIGN TABLE ADD does.
  const cols = [...t.columns.map(columnSql), ...(t.checks ?? []).map(checkSql)];
  const settings = t.columns.flatMap((c) => columnSettingsActions(c.name, undefined, c.settings, c.type));
  return [
    { kind: 'create-foreign-table', comment: `create foreign table "${t.name}"`, sql: `CREATE FOREIGN TABLE ${qi(t.schema)}.${qi(t.name)} (${cols.join(', ')}) SERVER ${qi(t.server)}${optionsClause(t.options)}` },
    ...(settings.length ? [{ kind: 'alter-foreign-table' as const, comment: `set column settings of foreign table "${t.name}"`, sql: `ALTER FOREIGN TABLE ${qi(t.schema)}.${qi(t.name)} ${settings.join(', ')}` }] : []),
  ];
}
/**
 * The ALTER FOREIGN TABLE that turns `from` into `to` (diff/in-place.ts decided it can): table options, columns
 * appended, and each kept column's options, default and NOT NULL. One statement, its actions comma-separated.
 *
 * @example
 * alterForeignTable(ft, { ...ft, options: ["table_name=y"] }) // ALTER FOREIGN TABLE "public"."ft" OPTIONS (SET "table_name" 'y')
 */
export function alterForeignTable(from: ForeignTable, to: ForeignTable, desired: Pick<Model, 'types'> = { types: {} }): KindStatement[] | undefined {
  if (!alterableInPlace(from, to)) return undefined;
  const actions: string[] = [];
  const opts = alterOptionsClause(from.options, to.options);
  if (opts) actions.push(opts.trim());
  to.columns.forEach((c, i) => {
    const was = from.columns[i];
    if (!was) return void actions.push(`ADD COLUMN ${columnSql(c)}`, ...columnSettingsActions(c.name, undefined, c.settings, c.type));
    const col = `ALTER COLUMN ${qi(c.name)}`;
    if (!sameExpr(was.default, c.default)) actions.push(c.default ? `${col} SET DEFAULT ${c.default.text}` : `${col} DROP DEFAULT`);
    if (was.notNull !== c.notNull) actions.push(`${col} ${c.notNull ? 'SET' : 'DROP'} NOT NULL`);
    const o = alterOptionsClause(was.options, c.options);
    if (o) actions.push(`${col}${o}`);
    // Back to the default storage of its type: a domain's is its base type's (the desired Model's types).
    actions.push(...columnSettingsActions(c.name, was.settings, c.settings, c.type, desired));
  });
  // CHECKs: dropped and added unless kept (then only validated); ALTER TABLE runs the drops before the adds.
  const had = new Map((from.checks ?? []).map((c) => [c.name, c]));
  const want = new Map((to.checks ?? []).map((c) => [c.name, c]));
  for (const [name, c] of had) if (!want.has(name) || !keptForeignCheck(c, want.get(name)!)) actions.push(`DROP CONSTRAINT ${qi(name)}`);
  for (const [name, c] of want) {
    const old = had.get(name);
    if (!old || !keptForeignCheck(old, c)) actions.push(`ADD ${checkSql(c)}`);
    else if (old.notValid && !c.notValid) actions.push(`VALIDATE CONSTRAINT ${qi(name)}`);
  }
  return actions.length ? [{ kind: 'alter-foreign-table', comment: `modify foreign table "${to.name}"`, sql: `ALTER FOREIGN TABLE ${qi(to.schema)}.${qi(to.name)} ${actions.join(', ')}` }] : [];
}

export function dropForeignTable(t: ForeignTable): KindStatement[] {
  return [{ kind: 'drop-foreign-table', comment: `drop foreign table "${t.name}"`, sql: `DROP FOREIGN TABLE ${qi(t.schema)}.${qi(t.name)}`, effects: { breaksDependants: `queries on ${t.name} break` } }];
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
