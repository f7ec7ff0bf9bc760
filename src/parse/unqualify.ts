/**
 * Schema-bound SQL: with a URL bound to one schema (`?search_path=app`), Atlas writes names without their
 * schema, so one migration directory applies to any schema (one schema per tenant). The planner writes
 * qualified names; this rewrites a statement's text with PostgreSQL's scanner (never a hand-made tokenizer):
 *
 *  - `app.users`, `"app"."users"` → `users`, `"users"`, where the schema is the bound one and the next
 *    name is an object of that schema (so a column reference `app.id` through a table named like the
 *    schema is left alone);
 *  - `'app.users_id_seq'::regclass` (and `::regtype`, `::regproc`, `::regprocedure`) → `'users_id_seq'::regclass`.
 *
 * String constants, dollar-quoted bodies and comments are tokens of their own and are never rewritten
 * (a function body keeps what its author wrote).
 */
import type { Model } from '../model/types.js';
import { scanSync } from './libpg.js';

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokenName: string;
  readonly keywordName: string;
}

/** The identifier a token spells (quoted ones as written, unquoted ones folded), or undefined. */
function identifier(t: Token | undefined): string | undefined {
  if (!t) return undefined;
  if (t.tokenName === 'IDENT') return t.text.startsWith('"') ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase();
  if (t.keywordName !== 'NO_KEYWORD' && /^[A-Za-z_]\w*$/.test(t.text)) return t.text.toLowerCase();
  return undefined;
}

const REG_TYPES = new Set(['regclass', 'regtype', 'regproc', 'regprocedure']);

/**
 * Removes the bound schema's qualifier from names in `sql` that refer to objects of that schema.
 *
 * @example
 * await loadLibpgQuery();
 * unqualifySql(`ALTER TABLE "app"."users" ADD COLUMN "s" app.status NULL`, 'app', new Set(['users', 'status']))
 * // 'ALTER TABLE "users" ADD COLUMN "s" status NULL'
 * unqualifySql(`DROP TABLE "app"."extra"`, 'app', new Set(['extra']), { placeholder: '<schema>' })
 * // 'DROP TABLE <schema>."extra"' (the qualifier named, not removed: a fleet's drift grouped across tenants)
 */
export function unqualifySql(sql: string, schema: string, names: ReadonlySet<string>, opts: { readonly placeholder?: string } = {}): string {
  const placeholder = opts.placeholder;
  if (!sql.toLowerCase().includes(schema.toLowerCase())) return sql;
  const buf = Buffer.from(sql, 'utf8');
  let tokens: Token[];
  try {
    tokens = scanSync(sql).tokens;
  } catch {
    return sql; // text the scanner refuses is the parser's to report, not ours to rewrite
  }
  const cuts: Array<[number, number, string]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const dot = tokens[i + 1];
    const next = tokens[i + 2];
    const prev = tokens[i - 1];
    if (identifier(t) === schema && dot?.text === '.' && dot.start === t.end && next && next.start === dot.end && !(prev?.text === '.' && prev.end === t.start)) {
      const name = identifier(next);
      if (name !== undefined && names.has(name)) cuts.push(placeholder === undefined ? [t.start, dot.end, ''] : [t.start, t.end, placeholder]);
      continue;
    }
    // 'app.s'::regclass, and CAST('app.s' AS regclass) as the deparser writes it.
    const cast = tokens[i + 1]?.tokenName === 'TYPECAST' || (tokens[i - 1]?.text === '(' && tokens[i - 2]?.text.toUpperCase() === 'CAST' && tokens[i + 1]?.text.toUpperCase() === 'AS');
    if (t.tokenName === 'SCONST' && cast && REG_TYPES.has(identifier(tokens[i + 2]) ?? '')) {
      // The constant is read as a name: unquoted parts fold to lower case, quoted ones are exact.
      const inner = t.text.slice(1, -1);
      const prefixes = [`"${schema.replace(/"/g, '""')}".`, ...(/^[a-z_][a-z0-9_$]*$/.test(schema) ? [`${schema}.`] : [])];
      const prefix = prefixes.find((p) => inner.startsWith(p));
      if (prefix) cuts.push([t.start + 1, t.start + 1 + Buffer.byteLength(prefix), placeholder === undefined ? '' : `${placeholder}.`]);
    }
  }
  if (!cuts.length) return sql;
  const parts: Buffer[] = [];
  let at = 0;
  for (const [from, to, text] of cuts) {
    parts.push(buf.subarray(at, from), Buffer.from(text));
    at = to;
  }
  parts.push(buf.subarray(at));
  return Buffer.concat(parts).toString('utf8');
}

/**
 * The names of a schema's objects in any of the Models (relations, indexes, sequences, types, functions,
 * other kinds): what `unqualifySql` may strip the schema from.
 *
 * @example
 * namesInSchema([current, desired], 'app') // Set { 'users', 'users_pkey', 'status', … }
 */
export function namesInSchema(models: readonly Model[], schema: string): Set<string> {
  const names = new Set<string>();
  const add = (o: { schema?: string; name: string }) => o.schema === schema && names.add(o.name);
  for (const m of models) {
    for (const t of Object.values(m.tables)) {
      add(t);
      for (const i of Object.values(t.indexes)) add({ schema: t.schema, name: i.name });
    }
    for (const v of Object.values(m.views)) {
      add(v);
      for (const i of Object.values(v.indexes)) add({ schema: v.schema, name: i.name });
    }
    for (const list of [m.types, m.sequences, m.functions, m.objects ?? {}]) for (const o of Object.values(list)) if ('name' in o) add(o as { schema?: string; name: string });
  }
  return names;
}
