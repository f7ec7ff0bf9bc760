/**
 * Publications, folded: `CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE t [(cols)], … | FOR TABLES IN SCHEMA s, …]
 * [WITH (publish = '…', publish_via_partition_root = …)]`, `ALTER PUBLICATION name {ADD|DROP|SET} {TABLE …|TABLES IN
 * SCHEMA …}`, `ALTER PUBLICATION name SET (…)`, `DROP PUBLICATION`, `COMMENT ON PUBLICATION` (in ../fold.ts). A row
 * filter (`FOR TABLE t WHERE (…)`) is kept as the table entry's expression.
 */
import type { Expr, Publication, PublicationTable } from '../../model/types.js';
import type { Node, Payload } from '../ast.js';
import type { FoldScope } from './scope.js';

type Mut<T> = { -readonly [K in keyof T]: T[K] };
const key = (name: string) => `publication ${name}`;
const OPERATIONS = ['insert', 'update', 'delete', 'truncate'];

/**
 * @example
 * createPublication(scope, node, (e) => expr(e)) // scope.objects['publication p'] = { kind: 'publication', name: 'p', … }
 */
export function createPublication(s: FoldScope, n: Payload<'CreatePublicationStmt'>, expr: (e: Node) => Expr): void {
  if (s.objects[key(n.pubname!)]) s.fail('E_DUPLICATE', `publication "${n.pubname}" already exists`);
  const p: Mut<Publication> = { kind: 'publication', name: n.pubname!, allTables: !!n.for_all_tables, tables: [], schemas: [], publish: OPERATIONS, viaRoot: false, loc: s.loc };
  applyOptions(s, p, n.options);
  change(s, p, n.pubobjects, 'AP_AddObjects', expr);
  s.objects[key(n.pubname!)] = p;
}

/** `ALTER PUBLICATION … ADD/DROP/SET …` and `ALTER PUBLICATION … SET (…)`. */
export function alterPublication(s: FoldScope, n: Payload<'AlterPublicationStmt'>, expr: (e: Node) => Expr): void {
  const p = publicationNamed(s, n.pubname!);
  if (!p) s.fail('E_UNKNOWN', `publication "${n.pubname}" does not exist`);
  if (n.options?.length) return applyOptions(s, p, n.options, true);
  if (p.allTables && n.pubobjects?.length) s.fail('E_UNSUPPORTED', `publication "${n.pubname}" is defined as FOR ALL TABLES`);
  change(s, p, n.pubobjects, n.action!, expr);
}

export function publicationNamed(s: FoldScope, name: string): Mut<Publication> | undefined {
  return s.objects[key(name)] as Mut<Publication> | undefined;
}

export function dropPublication(s: FoldScope, name: string, missingOk: boolean): void {
  if (!s.objects[key(name)]) {
    if (!missingOk) s.fail('E_UNKNOWN', `publication "${name}" does not exist`);
    return;
  }
  delete s.objects[key(name)];
}

/** A dropped table leaves every publication; a dropped schema too. */
export function forgetInPublications(s: Pick<FoldScope, 'objects'>, what: { table?: string; schema?: string }): void {
  for (const o of Object.values(s.objects)) {
    if (o.kind !== 'publication') continue;
    const p = o as Mut<Publication>;
    if (what.table) p.tables = p.tables.filter((t) => t.table !== what.table);
    if (what.schema) p.schemas = p.schemas.filter((x) => x !== what.schema);
  }
}

/** A renamed table or column: publications follow it (they hold the table by OID, the columns by number). */
export function renameInPublications(s: Pick<FoldScope, 'objects'>, table: string, to: { table?: string; column?: { from: string; to: string } }): void {
  for (const o of Object.values(s.objects)) {
    if (o.kind !== 'publication') continue;
    const p = o as Mut<Publication>;
    p.tables = p.tables.map((t) => (t.table !== table ? t : {
      ...t,
      table: to.table ?? t.table,
      ...(t.columns ? { columns: t.columns.map((c) => (c === to.column?.from ? to.column.to : c)).sort() } : {}),
    })).sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  }
}

function applyOptions(s: FoldScope, p: Mut<Publication>, options: Node[] | undefined, reset = false): void {
  if (reset) {
    p.publish = OPERATIONS;
    p.viaRoot = false;
    delete p.generatedColumns;
  }
  for (const d of (options ?? []).map((x) => x.DefElem!)) {
    // A bare word (`stored`) may come as a type name (the grammar's def_arg), a keyword (`none`) as a string.
    const word = d.arg?.TypeName?.names?.at(-1)?.String?.sval;
    const value = String(word ?? d.arg?.String?.sval ?? d.arg?.Boolean?.boolval ?? (d.arg?.Integer ? d.arg.Integer.ival ?? 0 : 'true')).toLowerCase();
    if (d.defname === 'publish') {
      const ops = value.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = ops.find((x) => !OPERATIONS.includes(x));
      if (bad) s.fail('E_INVALID', `unrecognized value for publication option "publish": "${bad}"`, d.location);
      p.publish = OPERATIONS.filter((x) => ops.includes(x));
    } else if (d.defname === 'publish_via_partition_root') {
      p.viaRoot = ['true', 'on', '1', 'yes'].includes(value);
    } else if (d.defname === 'publish_generated_columns') {
      // PostgreSQL 18: `none` (the default) or `stored`, as pg_dump writes it.
      if (value === 'stored') p.generatedColumns = 'stored';
      else if (value === 'none') delete p.generatedColumns;
      else s.fail('E_INVALID', `invalid value for publication parameter "publish_generated_columns": "${value}" (none or stored)`, d.location);
    } else s.fail('E_UNSUPPORTED', `publication option "${d.defname}" is not supported in a schema file; move it to a migration (\`meridian migrate new\`)`, d.location);
  }
}

function change(s: FoldScope, p: Mut<Publication>, objects: Node[] | undefined, action: string, expr: (e: Node) => Expr): void {
  const tables: PublicationTable[] = [];
  const schemas: string[] = [];
  for (const o of (objects ?? []).map((x) => x.PublicationObjSpec!)) {
    if (o.pubobjtype === 'PUBLICATIONOBJ_TABLES_IN_SCHEMA' || o.pubobjtype === 'PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA') {
      const name = o.name ?? s.creating(['x']).schema;
      if (!s.schemaExists(name)) s.fail('E_UNKNOWN', `schema "${name}" does not exist`, o.location);
      schemas.push(name);
      continue;
    }
    const t = o.pubtable;
    const names = s.rangeNames(t!.relation);
    const rel = s.relation(names);
    if (!rel || !s.isTable(rel.key)) s.fail('E_UNKNOWN', `table "${names.join('.')}" does not exist`, t!.relation!.location);
    const columns = (t!.columns ?? []).map((c) => String(c.String?.sval));
    for (const c of columns) if (!rel.columns.includes(c)) s.fail('E_UNKNOWN', `column "${c}" of relation "${rel.name}" does not exist`, t!.relation!.location);
    tables.push({ table: rel.key, ...(columns.length ? { columns: [...columns].sort() } : {}), ...(t!.whereClause ? { where: expr(t!.whereClause) } : {}) });
  }
  const byKey = new Map(p.tables.map((t) => [t.table, t] as const));
  let sch = new Set(p.schemas);
  if (action === 'AP_SetObjects') {
    byKey.clear();
    sch = new Set();
  }
  for (const t of tables) {
    if (action === 'AP_DropObjects') {
      if (!byKey.delete(t.table)) s.fail('E_UNKNOWN', `relation "${t.table}" is not part of the publication`);
    } else {
      if (byKey.has(t.table) && action !== 'AP_SetObjects') s.fail('E_DUPLICATE', `relation "${t.table}" is already member of publication "${p.name}"`);
      byKey.set(t.table, t);
    }
  }
  for (const x of schemas) {
    if (action === 'AP_DropObjects') {
      if (!sch.delete(x)) s.fail('E_UNKNOWN', `tables from schema "${x}" are not part of the publication`);
    } else sch.add(x);
  }
  p.tables = [...byKey.values()].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  p.schemas = [...sch].sort();
}
