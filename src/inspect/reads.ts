/**
 * How the inspector's batch of catalog queries is sent: one round trip where the driver can, or on two
 * connections sharing one snapshot, or one query after the other (PGlite).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { quoteLiteral } from '../model/names.js';
import type { Row } from './rows.js';

/** pg_export_snapshot failed on the inspecting connection, whose transaction is then aborted. */
export class SnapshotUnavailable extends Error {
  constructor(cause: unknown) {
    super(String((cause as Error).message), { cause });
  }
}

/**
 * Session settings of both connections (for the inspection's transaction only). The output styles are pg_dump's:
 * constants in stored expressions print the same whatever the server's or the role's defaults
 * (`DateStyle = 'SQL, DMY'` would print a date default `'31/12/2026'::date`; src/model/constants.ts decides the ISO form).
 * TimeZone UTC: a timestamptz constant (a partition bound, a default) prints `'2026-06-01 00:00:00+00'`, as the fold
 * prints it (src/db/session.ts; a Queryable handed in by an embedding tool may run in another zone).
 */
export const SETUP = `SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('jit', 'off', true), pg_catalog.set_config('DateStyle', 'ISO', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('IntervalStyle', 'postgres', true), pg_catalog.set_config('bytea_output', 'hex', true), pg_catalog.set_config('extra_float_digits', '1', true)`;

/**
 * From this many relations (tables, indexes, sequences, views …) in the managed schemas a second connection
 * reads half of the catalogs; below, opening it costs more than it saves.
 */
export const PARALLEL_FROM_RELATIONS = 2_000;

/**
 * On one connection, when the managed schemas are nearly the whole database (fewer relations than this
 * elsewhere, system catalogs included), the catalog queries are planned in the join order they are written
 * in, or nearly: planning was a third of the batch's time there (100 tables: the batch 14.0 → 12.5 ms,
 * inspect 22–24 → 19–20 ms). Not on a small schema in a big database (there the planner's own order wins:
 * 38 → 41 ms with the limit, 65 ms with the order fully fixed), nor on two connections (1,000 tables: 92 → 103 ms).
 */
export const JOIN_LIMITS_WHEN_OTHERS_BELOW = 2_000;
export const JOIN_LIMITS = `SELECT pg_catalog.set_config('join_collapse_limit', '4', true), pg_catalog.set_config('from_collapse_limit', '4', true)`;

export const EXPORT_SNAPSHOT = 'SELECT pg_catalog.pg_export_snapshot() AS id';

export type SendAll = (on: Queryable, queries: ReadonlyArray<readonly [string, unknown[], ...unknown[]]>, before?: readonly string[], after?: readonly string[]) => Promise<{ rows: Row[][] }>;

/**
 * The batch on two connections, one round trip each: `tx` reads the entries marked 0, `second` those marked
 * 1 inside its own transaction in `tx`'s snapshot (begun, imported and committed in the same round trip).
 * When the second connection fails (it dropped, or a pooler sent the import to another server), it is
 * rolled back and `tx` reads its half too (a catalog query that fails there as well is the error), and
 * `onFallback` is told.
 */
export function pairedReads(batch: ReadonlyArray<readonly [string, unknown[], 0 | 1]>, tx: Queryable, second: Queryable, snapshot: string, joinLimits: boolean,
  sendAll: SendAll, failed: (e: unknown) => never, onFallback: () => void): { results: Promise<Row[]>[]; settled: Promise<unknown> } {
  const mine = batch.filter((b) => b[2] === 0);
  const theirs = batch.filter((b) => b[2] === 1);
  const limits = joinLimits ? [JOIN_LIMITS] : [];
  const onTx = sendAll(tx, mine, limits).then((r) => r.rows, failed);
  const onSecond = sendAll(second, theirs, ['BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY', `SET TRANSACTION SNAPSHOT '${snapshot}'`, SETUP, ...limits], ['COMMIT'])
    .then((r) => r.rows, async () => {
      onFallback();
      await second.exec('ROLLBACK').catch(() => undefined);
      return sendAll(tx, theirs, limits).then((r) => r.rows, failed);
    });
  const a = together(onTx, mine.length).results;
  const b = together(onSecond, theirs.length).results;
  let [i, k] = [0, 0];
  return { results: batch.map((e) => (e[2] === 0 ? a[i++]! : b[k++]!)), settled: Promise.allSettled([onTx, onSecond]) };
}

/**
 * A query of Q written for one round trip: its `$1` (always the managed schemas, `$1::text[]`) as an array
 * literal whose strings are escaped whatever standard_conforming_strings says.
 */
export function withLiteralSchemas(sql: string, params: unknown[]): string {
  if (!params.length) return sql;
  const names = params[0] as string[];
  // E'…': backslashes doubled on top of quoteLiteral's quotes, so the text is the same under any setting.
  const literal = `ARRAY[${names.map((n) => `E${quoteLiteral(n.replace(/\\/g, '\\\\'))}`).join(', ')}]::text[]`;
  const out = sql.replaceAll('$1::text[]', literal);
  if (params.length > 1 || out.includes('$1')) throw new Error('internal: a catalog query has a parameter other than $1::text[]');
  return out;
}

/** `inOrder`'s shape for results that arrive together (one round trip). */
export function together<R>(all: Promise<R[]>, n: number): { results: Promise<R>[]; settled: Promise<unknown> } {
  const results = Array.from({ length: n }, (_, i) => all.then((r) => r[i]!));
  for (const r of results) r.catch(() => undefined); // awaited later, or not at all after a failure
  return { results, settled: all.catch(() => undefined) };
}

/**
 * Runs `items` one after the other (drivers without `queryAll`: PGlite). `results[i]` settles when item i
 * does (use them in any order); `settled` when the last has. After a failure no new item starts.
 */
export function inOrder<I, R>(items: readonly I[], run: (item: I) => Promise<R>): { results: Promise<R>[]; settled: Promise<unknown> } {
  const results: Promise<R>[] = [];
  let previous: Promise<unknown> = Promise.resolve();
  for (const item of items) {
    const r = previous.then(() => run(item));
    r.catch(() => undefined); // a result nobody awaits after a failure is not an unhandled rejection
    results.push(r);
    previous = r;
  }
  return { results, settled: previous.catch(() => undefined) };
}

/**
 * The name `preparedReads` gives a catalog query (with its schemas and planner settings) in a session.
 *
 * @example
 * preparedName(Q.Q_COLUMNS, [['public']], '') // 'meridian_inspect_…'
 */
export function preparedName(sql: string, params: unknown[], settings = ''): string {
  return PREPARED_PREFIX + createHash('sha256').update(`${settings}\n${withLiteralSchemas(sql, params)}`).digest('hex').slice(0, 32);
}

/** Prepared catalog queries kept per session (PGlite); past this many they are all deallocated and prepared again. */
const MAX_PREPARED = 200;
const PREPARED_PREFIX = 'meridian_inspect_';

/**
 * The catalog queries of a session without `queryAll` (PGlite, in this process), each prepared once per session
 * and executed by name: planning the large catalog queries was about two thirds of an inspection's time there
 * (26 queries on a small schema: ~120–170 ms planning, ~50–85 ms executing, PGlite 0.3), and every inspection
 * of a session sends the same texts. The schemas are written into the text as a literal (`withLiteralSchemas`),
 * so the statement has no parameter and its cached plan is the one planning the unprepared query gives:
 * PostgreSQL plans it again by itself whenever a catalog it reads is invalidated or the search_path differs.
 * The statements still there are read from pg_prepared_statements first (DEALLOCATE or DISCARD ALL run by the
 * user's own SQL drop them). Runs inside the caller's transaction, as the plain queries would. `settings` names
 * the planner settings in force (JOIN_LIMITS or not): a plan is kept per text and settings, as PostgreSQL does
 * not plan a prepared statement again when a setting changes.
 *
 * @example
 * const read = await preparedReads(tx);
 * const rows = await read(Q.Q_COLUMNS, [['public']]);
 */
export async function preparedReads(tx: Queryable): Promise<(sql: string, params: unknown[], settings?: string) => Promise<Row[]>> {
  const live = new Set((await tx.query<{ name: string }>(`SELECT name FROM pg_catalog.pg_prepared_statements WHERE pg_catalog.starts_with(name, '${PREPARED_PREFIX}')`)).rows.map((r) => r.name));
  return async (sql, params, settings = '') => {
    const text = withLiteralSchemas(sql, params);
    const name = preparedName(sql, params, settings);
    if (!live.has(name)) {
      if (live.size >= MAX_PREPARED) {
        for (const old of live) await tx.exec(`DEALLOCATE ${old}`);
        live.clear();
      }
      await tx.exec(`PREPARE ${name} AS ${text}`);
      live.add(name);
    }
    return (await tx.query<Row>(`EXECUTE ${name}`)).rows;
  };
}
