/**
 * Typed SQL (`meridian sql generate`, Prisma TypedSQL's job without the schema engine): every
 * `prisma/sql/*.sql` file is described by the database (parameter and result types, without running
 * it) and becomes a typed TypeScript function.
 *
 * In:  SQL files and a Database holding the schema. Out: described queries; `renderTypedSql` turns them
 * into files (pure). Catalog lookups are batched over all files (types, NOT NULL, outer-joined tables).
 */
import { basename } from 'node:path';
import { loadLibpg, parseSync } from '../parse/libpg.js';
import type { Database } from '../db/database.js';
import { quoteIdent } from '../model/names.js';
import { initSplitter, positionAt } from '../parse/split.js';
import { lineOf, locatedError, type LocatedError, type SqlSource } from '../parse/located.js';
import { parseParamAnnotations, type PrismaParamType } from './annotations.js';
import { nullabilityHints } from './nullability.js';
import { loadTypes, tsParamTypeOf, tsTypeOf } from './types.js';

export interface TypedParam {
  readonly index: number;
  readonly name: string;
  readonly ts: string;
  readonly nullable: boolean;
  readonly description: string | undefined;
  readonly annotated: PrismaParamType | undefined;
}

export interface TypedColumn {
  readonly name: string;
  readonly ts: string;
  readonly convert: string | undefined;
  readonly nullable: boolean;
}

export interface TypedQuery {
  readonly file: string;
  /** The function name (a JS identifier made from the file name). */
  readonly name: string;
  readonly sql: string;
  readonly params: readonly TypedParam[];
  readonly columns: readonly TypedColumn[];
}

/** A located error at a UTF-8 byte offset of the file (the parser's and the server's positions). */
function locatedAt(src: SqlSource, byteOffset: number, message: string): LocatedError {
  const { line, column } = positionAt(Buffer.from(src.text, 'utf8'), byteOffset);
  return { code: 'E_SQLGEN', severity: 'error', location: { file: src.file, line, column }, message, sourceLine: lineOf(src.text, line) };
}

/** `get-users.sql` → `getUsers`; undefined when no identifier can be made. */
export function functionNameOf(file: string): string | undefined {
  const stem = basename(file).replace(/\.sql$/i, '');
  const parts = stem.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
  if (!parts.length) return undefined;
  const name = parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('');
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : undefined;
}

/**
 * Describes every query file on `db` (which must hold the schema the queries use).
 * Throws `E_SQLGEN` listing every bad file with file:line:col; nothing is returned half-way.
 *
 * @example
 * const queries = await describeSqlFiles(db, [{ file: 'prisma/sql/analytics.sql', text }]);
 * queries[0].columns // → [{ name: 'user_id', ts: 'number', nullable: false, … }, …]
 */
export async function describeSqlFiles(db: Database, sources: readonly SqlSource[]): Promise<TypedQuery[]> {
  await loadLibpg();
  await initSplitter();
  const errors: LocatedError[] = [];
  const described: Array<{ src: SqlSource; name: string; d: Awaited<ReturnType<Database['describe']>>; annotations: ReturnType<typeof parseParamAnnotations>['params']; hints: ReturnType<typeof nullabilityHints> }> = [];
  const names = new Map<string, string>();
  for (const src of sources) {
    const name = functionNameOf(src.file);
    if (!name) {
      errors.push(locatedAt(src, 0, `cannot make a function name from the file name "${basename(src.file)}": use letters, digits and _`));
      continue;
    }
    if (names.has(name)) {
      errors.push(locatedAt(src, 0, `function name ${name} is also made from ${names.get(name)}: rename one of the files`));
      continue;
    }
    names.set(name, src.file);
    let tree;
    try {
      tree = parseSync(src.text);
    } catch (e) {
      const pos = (e as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition ?? 0;
      errors.push(locatedAt(src, pos, (e as Error).message));
      continue;
    }
    const stmts = tree.stmts ?? [];
    if (stmts.length !== 1) {
      const at = stmts.length ? (stmts[1]!.stmt_location ?? 0) : 0;
      errors.push(locatedAt(src, at, stmts.length ? 'a typed SQL file holds exactly one statement; move the others to their own files' : 'no SQL statement in this file'));
      continue;
    }
    const ann = parseParamAnnotations(src.text, src.file);
    errors.push(...ann.errors);
    let d;
    try {
      d = await db.describe(src.text);
    } catch (e) {
      const pos = Number((e as { position?: string }).position);
      errors.push(locatedAt(src, Number.isFinite(pos) && pos > 0 ? Buffer.byteLength(src.text.slice(0, pos - 1), 'utf8') : 0, (e as Error).message));
      continue;
    }
    for (const a of ann.params) {
      if (a.index < 1 || a.index > d.params.length) errors.push({ code: 'E_SQLGEN', severity: 'error', location: { file: src.file, line: a.line, column: a.column }, message: `@param $${a.index} does not exist: the statement has ${d.params.length} parameter(s)`, sourceLine: lineOf(src.text, a.line) });
    }
    const seen = new Set<string>();
    for (const c of d.columns) {
      if (seen.has(c.name)) errors.push(locatedAt(src, 0, `two result columns are named "${c.name}": give them distinct aliases (AS …)`));
      seen.add(c.name);
    }
    described.push({ src, name, d, annotations: ann.params, hints: nullabilityHints(stmts[0]!.stmt) });
  }
  if (errors.length) throw locatedError('E_SQLGEN', errors, 'typed SQL');

  // Batched catalog lookups for all files at once.
  const types = await loadTypes(db, described.flatMap((x) => [...x.d.params, ...x.d.columns.map((c) => c.typeOid)]));
  const cols = described.flatMap((x) => x.d.columns.filter((c) => c.tableOid > 0 && c.columnNumber > 0));
  const notNull = new Set<string>();
  if (cols.length) {
    const r = await db.query<{ rel: number; num: number }>(
      `SELECT a.attrelid::int AS rel, a.attnum::int AS num FROM pg_catalog.pg_attribute a
         JOIN unnest($1::oid[], $2::int2[]) AS u(rel, num) ON a.attrelid = u.rel AND a.attnum = u.num
        WHERE a.attnotnull`,
      [cols.map((c) => c.tableOid), cols.map((c) => c.columnNumber)],
    );
    for (const row of r.rows) notNull.add(`${row.rel}.${row.num}`);
  }
  const relNames = [...new Set(described.flatMap((x) => x.hints.outerJoined.map((r) => (r.schema ? `${quoteIdent(r.schema)}.${quoteIdent(r.name)}` : quoteIdent(r.name)))))];
  const outerOids = new Map<string, number | null>();
  if (relNames.length) {
    const r = await db.query<{ name: string; oid: number | null }>(`SELECT x AS name, pg_catalog.to_regclass(x)::oid::int AS oid FROM unnest($1::text[]) AS x`, [relNames]);
    for (const row of r.rows) outerOids.set(row.name, row.oid);
  }

  return described.map(({ src, name, d, annotations, hints }) => {
    const nullableRels = new Set(hints.outerJoined.map((r) => outerOids.get(r.schema ? `${quoteIdent(r.schema)}.${quoteIdent(r.name)}` : quoteIdent(r.name))));
    const params: TypedParam[] = d.params.map((oid, i) => {
      const a = annotations.find((x) => x.index === i + 1);
      return { index: i + 1, name: a?.name ?? `p${i + 1}`, ts: tsParamTypeOf(types, oid, a?.type), nullable: a?.nullable ?? false, description: a?.description, annotated: a?.type };
    });
    const columns: TypedColumn[] = d.columns.map((c, i) => {
      const m = tsTypeOf(types, c.typeOid);
      let nullable = true;
      if (c.tableOid > 0 && c.columnNumber > 0) nullable = !notNull.has(`${c.tableOid}.${c.columnNumber}`) || hints.opaqueOuterJoin || nullableRels.has(c.tableOid) || nullableRels.has(null);
      else if (hints.neverNull && hints.neverNull.length === d.columns.length) nullable = !hints.neverNull[i];
      return { name: c.name, ts: m.ts, convert: m.convert, nullable };
    });
    return { file: src.file, name, sql: src.text, params, columns };
  });
}
