/**
 * Extended statistics, folded: `CREATE STATISTICS [IF NOT EXISTS] name [(kinds)] ON col, (expr), … FROM table`,
 * `ALTER STATISTICS name SET STATISTICS {n|DEFAULT}`, `DROP STATISTICS`, `COMMENT ON STATISTICS` (in ../fold.ts).
 * Kept as PostgreSQL records it: columns in the table's order, kinds in the order ndistinct, dependencies, mcv
 * (all three when none are named, none for a single expression).
 */
import { qualifiedKey } from '../../model/names.js';
import type { ExtendedStatistics, Expr } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope } from './scope.js';
import { sv } from './nodes.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };
const KINDS = ['ndistinct', 'dependencies', 'mcv'];

/**
 * @example
 * createStatistics(scope, node, (e) => expr(e)) // scope.objects['statistics public.st'] = { kind: 'statistics', … }
 */
export function createStatistics(s: FoldScope, n: Payload<'CreateStatsStmt'>, expr: (e: Node) => Expr): void {
  const rv = n.relations?.[0]?.RangeVar;
  if (!rv || n.relations!.length !== 1) s.fail('E_UNSUPPORTED', 'CREATE STATISTICS on more than one relation is not supported');
  const names = s.rangeNames(rv);
  const rel = s.relation(names);
  if (!rel || !s.isTable(rel.key)) s.fail('E_UNKNOWN', `table "${names.join('.')}" does not exist`, rv.location);
  const own = (n.defnames ?? []).map(sv);
  if (!own.length) s.fail('E_UNSUPPORTED', 'CREATE STATISTICS without a name is not supported in a schema file: name it (as pg_dump does)');
  const { schema, name } = s.creating(own);
  const key = `statistics ${qualifiedKey(schema, name)}`;
  if (s.objects[key]) {
    if (n.if_not_exists) return;
    s.fail('E_DUPLICATE', `statistics object "${name}" already exists`);
  }
  const columns: string[] = [];
  const expressions: Expr[] = [];
  for (const e of (n.exprs ?? []).map((x) => x.StatsElem!)) {
    if (e.name) {
      if (!rel.columns.includes(e.name)) s.fail('E_UNKNOWN', `column "${e.name}" does not exist`);
      if (columns.includes(e.name)) s.fail('E_DUPLICATE', 'duplicate column name in statistics definition');
      columns.push(e.name);
    } else if (e.expr?.ColumnRef && e.expr.ColumnRef.fields!.length === 1 && rel.columns.includes(sv(e.expr.ColumnRef.fields![0]))) {
      columns.push(sv(e.expr.ColumnRef.fields![0])); // (a) is the column a
    } else expressions.push(expr(e.expr!));
  }
  const asked: string[] = (n.stat_types ?? []).map(sv);
  for (const k of asked) if (!KINDS.includes(k)) s.fail('E_INVALID', `unrecognized statistics kind "${k}"`);
  const single = columns.length + expressions.length === 1;
  if (single && columns.length) s.fail('E_INVALID', 'extended statistics require at least 2 columns');
  const kinds = single ? [] : KINDS.filter((k) => !asked.length || asked.includes(k));
  columns.sort((a, b) => rel.columns.indexOf(a) - rel.columns.indexOf(b));
  s.objects[key] = { kind: 'statistics', schema, name, table: rel.key, kinds, columns, expressions, loc: s.loc };
}

/** The statistics object named `names` through the search_path. */
export function statisticsNamed(s: FoldScope, names: readonly string[], searchPath: readonly string[]): Mut<ExtendedStatistics> | undefined {
  const schemas = names.length > 1 ? [names[names.length - 2]!] : searchPath;
  for (const sc of schemas) {
    const o = s.objects[`statistics ${qualifiedKey(sc, names[names.length - 1]!)}`];
    if (o) return o as Mut<ExtendedStatistics>;
  }
  return undefined;
}

/** `ALTER STATISTICS name SET STATISTICS {n|DEFAULT}` (other forms: renames and SET SCHEMA are refused elsewhere). */
export function alterStatistics(s: FoldScope, n: Payload<'AlterStatsStmt'>, searchPath: readonly string[]): void {
  const names = (n.defnames ?? []).map(sv);
  const st = statisticsNamed(s, names, searchPath);
  if (!st) {
    if (n.missing_ok) return;
    s.fail('E_UNKNOWN', `statistics object "${names.join('.')}" does not exist`);
  }
  const v = n.stxstattarget?.Integer ? Number(n.stxstattarget.Integer.ival ?? 0) : n.stxstattarget === undefined ? -1 : Number(n.stxstattarget);
  if (v < 0) delete st.target;
  else st.target = v;
}

export function dropStatistics(s: FoldScope, names: readonly string[], searchPath: readonly string[], missingOk: boolean): void {
  const st = statisticsNamed(s, names, searchPath);
  if (!st) {
    if (!missingOk) s.fail('E_UNKNOWN', `statistics object "${names.join('.')}" does not exist`);
    return;
  }
  delete s.objects[`statistics ${qualifiedKey(st.schema, st.name)}`];
}

/** A renamed table or column: its statistics follow. */
export function renameInStatistics(s: Pick<FoldScope, 'objects'>, table: string, to: { table?: string; column?: { from: string; to: string } }): void {
  for (const o of Object.values(s.objects)) {
    if (o.kind !== 'statistics' || o.table !== table) continue;
    const st = o as Mut<ExtendedStatistics>;
    if (to.table) st.table = to.table;
    if (to.column) st.columns = st.columns.map((c) => (c === to.column!.from ? to.column!.to : c));
  }
}

/** The columns an expression's canonical form reads (its `Col` nodes' last parts: src/parse/normalize.ts). */
function columnsRead(canonical: string): Set<string> {
  const out = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const col = (n as { Col?: unknown }).Col;
    if (Array.isArray(col) && typeof col[col.length - 1] === 'string') out.add(col[col.length - 1] as string);
    for (const x of Object.values(n)) walk(x);
  };
  try {
    walk(JSON.parse(canonical));
  } catch {
    // not a parse tree (an expression that did not parse): reads nothing known
  }
  return out;
}

/** Statistics on a dropped table go with it; a dropped column takes the statistics that use it. */
export function forgetStatistics(s: Pick<FoldScope, 'objects'>, table: string, column?: string): void {
  for (const [k, o] of Object.entries(s.objects)) {
    if (o.kind !== 'statistics' || o.table !== table) continue;
    if (column === undefined || o.columns.includes(column) || o.expressions.some((e) => columnsRead(e.canonical).has(column))) delete s.objects[k];
  }
}
