/**
 * psql's meta-commands for the built-in shell (`db shell` on the embedded database, or without psql):
 * `\dt \dv \di \dn \df \ds [pattern]`, `\d [name]`, `\x`, `\timing`, `\q`, `\?`. Listings are answered
 * from the inspector's Model (read fresh for each command, so they show what the session just created),
 * in psql's layout. A meta-command is a line of its own: it is never sent to the server and never glued to
 * the SQL being typed (the statement in progress stays in the buffer).
 */
import type { Model, Table, View } from '../model/types.js';
import { splitKey } from '../model/names.js';

export interface ShellSettings {
  expanded: boolean;
  timing: boolean;
}

export type MetaResult =
  | { readonly kind: 'quit' }
  | { readonly kind: 'output'; readonly text: string }
  /** The command needs the Model: call `answerFromModel` with it. */
  | { readonly kind: 'inspect'; readonly command: string; readonly pattern?: string };

const HELP = `General
  \\q                 quit
Informational (pattern: name, schema.name, * wildcards)
  \\d [NAME]          describe table, view, index or sequence; list relations without NAME
  \\dt \\dv \\di \\ds [PATTERN]  list tables, views, indexes, sequences
  \\dn [PATTERN]      list schemas
  \\df [PATTERN]      list functions
Formatting
  \\x [on|off]        toggle expanded output
  \\timing [on|off]   toggle timing of commands
`;

/** True when a line is a meta-command (its first non-blank character is a backslash). */
export function isMetaCommand(line: string): boolean {
  return /^\s*\\/.test(line);
}

function toggle(current: boolean, arg: string | undefined): boolean | undefined {
  if (arg === undefined) return !current;
  if (/^(on|true|1)$/i.test(arg)) return true;
  if (/^(off|false|0)$/i.test(arg)) return false;
  return undefined;
}

/**
 * Interprets a meta-command line; settings (`\x`, `\timing`) are changed in place.
 *
 * @example
 * runMeta('\\x', settings) // { kind: 'output', text: 'Expanded display is on.\n' }
 */
export function runMeta(line: string, settings: ShellSettings): MetaResult {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  const arg = args[0];
  switch (cmd) {
    case '\\q':
      return { kind: 'quit' };
    case '\\?':
      return { kind: 'output', text: HELP };
    case '\\x': {
      const v = toggle(settings.expanded, arg === 'auto' ? 'on' : arg);
      if (v === undefined) return { kind: 'output', text: `\\x: unrecognized value "${arg}": Boolean expected\n` };
      settings.expanded = v;
      return { kind: 'output', text: `Expanded display is ${v ? 'on' : 'off'}.\n` };
    }
    case '\\timing': {
      const v = toggle(settings.timing, arg);
      if (v === undefined) return { kind: 'output', text: `\\timing: unrecognized value "${arg}": Boolean expected\n` };
      settings.timing = v;
      return { kind: 'output', text: `Timing is ${v ? 'on' : 'off'}.\n` };
    }
    case '\\d': case '\\dt': case '\\dv': case '\\di': case '\\dn': case '\\df': case '\\ds':
    case '\\d+': case '\\dt+': case '\\dv+': case '\\di+': case '\\dn+': case '\\df+': case '\\ds+':
      return { kind: 'inspect', command: cmd.replace(/\+$/, ''), ...(arg ? { pattern: arg } : {}) };
    default:
      return { kind: 'output', text: `invalid command ${cmd}\nTry \\? for help.\n` };
  }
}

/** A psql pattern (`users`, `app.*`, `"Mixed"`) as a matcher of schema + name. */
function matcher(pattern: string | undefined): (schema: string, name: string) => boolean {
  if (!pattern) return (schema) => !schema.startsWith('pg_') && schema !== 'information_schema';
  const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s.toLowerCase());
  const dot = pattern.lastIndexOf('.');
  const [sp, np] = dot >= 0 ? [pattern.slice(0, dot), pattern.slice(dot + 1)] : [undefined, pattern];
  const re = (p: string) => new RegExp(`^${unquote(p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const nameRe = re(np);
  const schemaRe = sp ? re(sp) : undefined;
  return (schema, name) => nameRe.test(name) && (schemaRe ? schemaRe.test(schema) : true);
}

/** psql's aligned table with a title, e.g. `List of relations`. */
function table(title: string, cols: readonly string[], rows: readonly (readonly string[])[], settings: ShellSettings, footer = true): string {
  if (rows.length === 0) return `Did not find any matching relations.\n`;
  if (settings.expanded) {
    const w = Math.max(...cols.map((c) => c.length));
    return rows.map((r, i) => `-[ RECORD ${i + 1} ]${'-'.repeat(Math.max(0, w - 8))}\n${cols.map((c, j) => `${c.padEnd(w)} | ${r[j]}`).join('\n')}`).join('\n') + '\n';
  }
  const widths = cols.map((c, j) => Math.max(c.length, ...rows.map((r) => r[j]!.length)));
  const total = widths.reduce((a, b) => a + b + 3, -1);
  const line = (vals: readonly string[]) => ' ' + vals.map((v, j) => v.padEnd(widths[j]!)).join(' | ').trimEnd();
  const pad = Math.max(0, Math.floor((total - title.length) / 2));
  return [' '.repeat(pad) + title, line(cols.map((c, j) => c.padStart(c.length + Math.floor((widths[j]! - c.length) / 2)))), '-' + widths.map((w) => '-'.repeat(w)).join('-+-') + '-', ...rows.map(line), ...(footer ? [`(${rows.length} row${rows.length === 1 ? '' : 's'})`, ''] : [])].join('\n') + '\n';
}

function relationRows(model: Model, kinds: readonly string[], match: (s: string, n: string) => boolean): string[][] {
  const rows: string[][] = [];
  if (kinds.includes('table')) for (const t of Object.values(model.tables)) if (match(t.schema, t.name)) rows.push([t.schema, t.name, t.partitionBy ? 'partitioned table' : 'table']);
  if (kinds.includes('view')) for (const v of Object.values(model.views)) if (match(v.schema, v.name)) rows.push([v.schema, v.name, v.kind === 'view' ? 'view' : 'materialized view']);
  if (kinds.includes('sequence')) for (const s of Object.values(model.sequences)) if (match(s.schema, s.name)) rows.push([s.schema, s.name, 'sequence']);
  return rows.sort((a, b) => (a[0]! + '\0' + a[1]!).localeCompare(b[0]! + '\0' + b[1]!));
}

function describeRelation(r: Table | View, settings: ShellSettings): string {
  const q = `"${r.schema}.${r.name}"`;
  if (r.kind !== 'table') {
    const cols = r.columns.map((c) => [c, r.columnTypes?.[c] ?? '', '', '']);
    return table(`${r.kind === 'view' ? 'View' : 'Materialized view'} ${q}`, ['Column', 'Type', 'Nullable', 'Default'], cols, settings, false) + `View definition:\n ${r.query.text.trim()}\n`;
  }
  const cols = r.columns.map((c) => [c.name, c.type, c.notNull ? 'not null' : '', c.identity ? `generated ${c.identity.generation.toLowerCase()} as identity` : c.generated ? `generated always as (${c.generated.text}) ${c.virtual ? 'virtual' : 'stored'}` : c.default?.text ?? '']);
  let out = table(`Table ${q}`, ['Column', 'Type', 'Nullable', 'Default'], cols, settings, false);
  const cons = Object.values(r.constraints);
  const idx = Object.values(r.indexes).map((i) => {
    const con = cons.find((c) => c.name === i.name && (c.kind === 'primary_key' || c.kind === 'unique'));
    const keys = i.keys.map((k) => k.column ?? `(${k.expr?.text ?? ''})`).join(', ');
    return `    "${i.name}" ${con?.kind === 'primary_key' ? 'PRIMARY KEY, ' : con ? 'UNIQUE CONSTRAINT, ' : i.unique ? 'UNIQUE, ' : ''}${i.method} (${keys})${i.where ? ` WHERE ${i.where.text}` : ''}`;
  });
  for (const c of cons) {
    if ((c.kind === 'primary_key' || c.kind === 'unique') && !Object.values(r.indexes).some((i) => i.name === c.name)) {
      idx.push(`    "${c.name}" ${c.kind === 'primary_key' ? 'PRIMARY KEY' : 'UNIQUE CONSTRAINT'}, btree (${c.columns.join(', ')})`);
    }
  }
  if (idx.length) out += `Indexes:\n${idx.sort().join('\n')}\n`;
  const checks = cons.filter((c) => c.kind === 'check');
  if (checks.length) out += `Check constraints:\n${checks.map((c) => `    "${c.name}" CHECK (${c.kind === 'check' ? c.expr.text : ''})`).join('\n')}\n`;
  const fks = cons.filter((c) => c.kind === 'foreign_key');
  if (fks.length) {
    out += `Foreign-key constraints:\n${fks.map((c) => (c.kind === 'foreign_key' ? `    "${c.name}" FOREIGN KEY (${c.columns.join(', ')}) REFERENCES ${c.refTable}(${c.refColumns.join(', ')})` : '')).join('\n')}\n`;
  }
  const trg = Object.values(r.triggers);
  if (trg.length) out += `Triggers:\n${trg.map((t) => `    ${t.name} ${t.timing} ${t.events.join(' OR ')} ON ${r.name} FOR EACH ${t.forEach} EXECUTE FUNCTION ${t.function}()`).join('\n')}\n`;
  return out + '\n';
}

/**
 * Answers a listing or description meta-command from a Model.
 *
 * @example
 * answerFromModel(model, '\\dt', undefined, settings) // ' List of relations\n Schema | Name | Type …'
 */
export function answerFromModel(model: Model, command: string, pattern: string | undefined, settings: ShellSettings): string {
  const match = matcher(pattern);
  switch (command) {
    case '\\dt':
      return table('List of relations', ['Schema', 'Name', 'Type'], relationRows(model, ['table'], match), settings);
    case '\\dv':
      return table('List of relations', ['Schema', 'Name', 'Type'], relationRows(model, ['view'], match), settings);
    case '\\ds':
      return table('List of relations', ['Schema', 'Name', 'Type'], relationRows(model, ['sequence'], match), settings);
    case '\\di': {
      const rows: string[][] = [];
      for (const owner of [...Object.values(model.tables), ...Object.values(model.views)]) {
        for (const i of Object.values(owner.indexes)) if (match(i.schema, i.name)) rows.push([i.schema, i.name, 'index', splitKey(i.table).name]);
        // Primary keys and unique constraints are indexes too (kept with their constraints in the Model).
        if (owner.kind === 'table') {
          for (const c of Object.values(owner.constraints)) {
            if ((c.kind === 'primary_key' || c.kind === 'unique') && !owner.indexes[c.name] && match(owner.schema, c.name)) rows.push([owner.schema, c.name, 'index', owner.name]);
          }
        }
      }
      return table('List of relations', ['Schema', 'Name', 'Type', 'Table'], rows.sort((a, b) => (a[0]! + a[1]!).localeCompare(b[0]! + b[1]!)), settings);
    }
    case '\\dn':
      return table('List of schemas', ['Name'], Object.keys(model.schemas).filter((s) => match(s, s) || (pattern !== undefined && matcher(pattern)('', s))).sort().map((s) => [s]), settings);
    case '\\df': {
      const rows = Object.values(model.functions)
        .filter((f) => match(f.schema, f.name))
        .map((f) => [f.schema, f.name, f.returns ?? '', f.identityArgs, f.kind === 'procedure' ? 'proc' : f.kind === 'aggregate' ? 'agg' : 'func']);
      return table('List of functions', ['Schema', 'Name', 'Result data type', 'Argument data types', 'Type'], rows.sort((a, b) => (a[0]! + a[1]!).localeCompare(b[0]! + b[1]!)), settings);
    }
    case '\\d': {
      if (!pattern) return table('List of relations', ['Schema', 'Name', 'Type'], relationRows(model, ['table', 'view', 'sequence'], match), settings);
      const rels = [...Object.values(model.tables), ...Object.values(model.views)].filter((r) => match(r.schema, r.name));
      if (rels.length === 0) return `Did not find any relation named "${pattern}".\n`;
      return rels.map((r) => describeRelation(r, settings)).join('');
    }
    default:
      return `invalid command ${command}\n`;
  }
}
