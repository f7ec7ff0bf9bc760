/**
 * Collations, folded: `CREATE COLLATION [IF NOT EXISTS] name (provider = …, locale = … | lc_collate = …, lc_ctype = …,
 * deterministic = …, rules = …)` and `CREATE COLLATION name FROM other` (another collation of the schema file,
 * `"C"`/`"POSIX"`, or an ICU `<locale>-x-icu` one), `DROP COLLATION`, `COMMENT ON COLLATION` (in ../fold.ts).
 */
import { qualifiedKey, quoteIdent } from '../../model/names.js';
import type { Collation } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope } from './scope.js';
import { sv } from './nodes.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };

/**
 * @example
 * createCollation(scope, defineStmtNode, ['public']) // scope.objects['collation public.ci'] = { kind: 'collation', provider: 'icu', … }
 */
export function createCollation(s: FoldScope, n: Payload<'DefineStmt'>, searchPath: readonly string[]): void {
  const { schema, name } = s.creating((n.defnames ?? []).map(sv));
  const key = `collation ${qualifiedKey(schema, name)}`;
  if (s.objects[key]) {
    if (n.if_not_exists) return;
    s.fail('E_DUPLICATE', `collation "${name}" already exists`);
  }
  const d: Record<string, Payload<'DefElem'>> = {};
  for (const x of (n.definition ?? []).map((y) => y.DefElem!)) d[x.defname!.toLowerCase()] = x;
  const text = (k: string) => (d[k] ? String(d[k].arg?.String?.sval ?? d[k].arg?.TypeName?.names?.map(sv).pop() ?? d[k].arg?.Boolean?.boolval ?? sv(d[k].arg)) : undefined);
  let c: Mut<Collation>;
  if (d.from) {
    const from = (d.from.arg?.List?.items ?? []).map(sv);
    const src = collationNamed(s, from, searchPath);
    const bare = from.length === 1 || from[0] === 'pg_catalog' ? from[from.length - 1]! : undefined;
    if (src) c = { ...src, schema, name };
    else if (bare === 'C' || bare === 'POSIX') c = { kind: 'collation', schema, name, provider: 'libc', lcCollate: bare, lcCtype: bare, deterministic: true };
    else if (bare && /-x-icu$/.test(bare)) c = { kind: 'collation', schema, name, provider: 'icu', locale: bare.replace(/-x-icu$/, ''), deterministic: true };
    else return s.fail('E_UNSUPPORTED', `CREATE COLLATION … FROM ${from.join('.')} is not supported in a schema file: write its provider and locale`, d.from.location);
    delete c.comment;
  } else {
    const provider = (text('provider') ?? 'libc').toLowerCase();
    if (provider !== 'icu' && provider !== 'libc' && provider !== 'builtin') return s.fail('E_INVALID', `unrecognized collation provider: ${provider}`);
    const locale = text('locale');
    const deterministic = !['false', 'off', '0', 'no'].includes(String(text('deterministic') ?? 'true').toLowerCase());
    c = provider === 'libc'
      ? { kind: 'collation', schema, name, provider, lcCollate: text('lc_collate') ?? locale, lcCtype: text('lc_ctype') ?? locale, deterministic }
      : { kind: 'collation', schema, name, provider, locale, deterministic };
    if (provider === 'libc' && (!c.lcCollate || !c.lcCtype)) s.fail('E_INVALID', 'parameter "locale" must be specified');
    if (provider !== 'libc' && !locale) s.fail('E_INVALID', 'parameter "locale" must be specified');
    const rules = text('rules');
    if (rules) c.rules = rules;
  }
  s.objects[key] = { ...c, loc: s.loc };
}

/** The collation `names` through the search_path. */
export function collationNamed(s: Pick<FoldScope, 'objects'>, names: readonly string[], searchPath: readonly string[]): Mut<Collation> | undefined {
  const schemas = names.length > 1 ? [names[names.length - 2]!] : searchPath;
  for (const sc of schemas) {
    const o = s.objects[`collation ${qualifiedKey(sc, names[names.length - 1]!)}`];
    if (o) return o as Mut<Collation>;
  }
  return undefined;
}

/** A column's `COLLATE x` as the inspector prints it: schema-qualified when it is a collation of the schema file. */
export function collationSpelling(s: Pick<FoldScope, 'objects'>, names: readonly string[], searchPath: readonly string[]): string {
  const own = names[0] === 'pg_catalog' ? undefined : collationNamed(s, names, searchPath);
  return own ? `${quoteIdent(own.schema)}.${quoteIdent(own.name)}` : names.filter((x) => x !== 'pg_catalog').map(quoteIdent).join('.');
}

export function dropCollation(s: FoldScope, names: readonly string[], searchPath: readonly string[], missingOk: boolean): void {
  const c = collationNamed(s, names, searchPath);
  if (!c) {
    if (!missingOk) s.fail('E_UNKNOWN', `collation "${names.join('.')}" does not exist`);
    return;
  }
  delete s.objects[`collation ${qualifiedKey(c.schema, c.name)}`];
}
