/**
 * How the inspector's batch of catalog queries is sent: one round trip where the driver can, or on two
 * connections sharing one snapshot, or one query after the other (PGlite).
 */
import type { Queryable } from '../db/database.js';
import { quoteLiteral } from '../model/names.js';
import type { Row } from './rows.js';

/** pg_export_snapshot failed on the inspecting connection, whose transaction is then aborted. */
export class SnapshotUnavailable extends Error {
  constructor(cause: unknown) {
    super(String((cause as Error).message), { cause });
  }
}

/** Session settings of both connections. */
export const SETUP = `SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('jit', 'off', true)`;

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
