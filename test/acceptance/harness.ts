/**
 * The acceptance runner (DESIGN.md's three properties). A case is plain data: old DDL, new DDL,
 * expected hazards. For each case, in both directions, on every database (two databases of one kind:
 * `a` starts from old, `b` from new):
 *   1. build each start state directly after a reset, inspect it and (on servers) pg_dump it: the start
 *      of one direction is the target of the other;
 *   2. forward only: insert seed rows into `a` and inspect again → current (the start's inspection when the
 *      seed changed no catalog row, see seedRows);
 *   3. apply plan(diff(current, desired)) statement by statement, as the migration file writes them (one
 *      ALTER TABLE per table where the clauses join); no table rewritten or recreated without its hazard;
 *   4. inspect again: diff against desired must be empty (convergence + idempotence), and on PostgreSQL
 *      `pg_dump --schema-only` of the result must equal the dump of the target built directly;
 *   5. seed rows that the change does not delete by design are still there.
 */
import { combineTableClauses } from '../../src/plan/combine.js';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { plan, type HazardCode, type Statement } from '../../src/plan/index.js';
import { openDatabase } from '../../src/db/index.js';
import { initParser, tagged } from '../../src/parse/pg.js';
import { parseSync } from '../../src/parse/libpg.js';
import { createServerDatabase, resetDatabase } from '../helpers/databases.js';
import { cachedState } from '../helpers/state-cache.js';
import { runProgram, startSpawner } from '../helpers/spawner.js';
import { lendMemoryDatabase, returnMemoryDatabase } from '../helpers/pglite-pool.js';

// The spawner starts while this worker is small (before any PGlite opens): see pgDumpAsync.
if (process.env.DATABASE_URL) startSpawner();

/**
 * The pg_dump program the tests run: `pg_dump` as found on PATH, except where that is Debian's postgresql-common
 * wrapper (pg_wrapper, a Perl script that starts on every call to pick a binary: ~0.12 s of CPU per dump
 * against ~0.05 s for the binary, measured on 10 dumps of a small database), which is replaced by the
 * binary it runs: the installed /usr/lib/postgresql/<n>/bin/pg_dump printing the same `--version` (checked
 * once per process, so the dumps are the wrapper's). PG_DUMP names the program explicitly.
 *
 * @example
 * spawnSync(pgDumpProgram(), ['--schema-only', url]);
 */
export function pgDumpProgram(): string {
  return (dumpProgram ??= findDumpProgram());
}
let dumpProgram: string | undefined;

function findDumpProgram(): string {
  if (process.env.PG_DUMP) return process.env.PG_DUMP;
  const onPath = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'pg_dump')).find((f) => existsSync(f));
  if (!onPath || !realpathSync(onPath).endsWith('/pg_wrapper')) return 'pg_dump';
  const version = (program: string) => spawnSync(program, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  const wanted = version('pg_dump');
  const root = '/usr/lib/postgresql';
  const installed = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((x, y) => Number(y) - Number(x)) : [];
  for (const v of installed) {
    const binary = join(root, v, 'bin', 'pg_dump');
    if (wanted && existsSync(binary) && version(binary) === wanted) return binary;
  }
  return 'pg_dump';
}
// Resolved while the worker is small, as the spawner is (it forks this process twice at most).
if (process.env.DATABASE_URL) pgDumpProgram();

export interface AcceptanceCase {
  readonly name: string;
  readonly old: readonly string[];
  readonly new: readonly string[];
  /** Hazard codes expected in the old → new plan (order-insensitive). */
  readonly expectedHazards?: readonly HazardCode[];
  /** Statements (substring match) the old → new plan must contain. */
  readonly expectedSql?: readonly string[];
  /** Statements (substring match) the old → new plan must not contain (e.g. `DROP VIEW` where a view is replaced in place). */
  readonly absentSql?: readonly string[];
  /** Seed rows inserted into the old state before migrating: SQL run after building it. */
  readonly seed?: string;
  /** A query whose result must be the same before and after old → new. */
  readonly keeps?: string;
  /** Seed rows for the new → old direction: SQL run on the new state before migrating back. */
  readonly seedBack?: string;
  /**
   * SQL run after the migration, in each direction that was seeded (e.g. an insert that takes the next value of a
   * column's sequence or identity): it must succeed, so a migration that leaves a sequence behind its rows fails.
   */
  readonly after?: string;
  /**
   * Queries whose rows must be the same before and after, in both directions, unless that direction's plan
   * deletes their data by design: a DELETES_DATA statement on one of `tables` (other than a column drop,
   * which keeps the rows), or on an object that is not a table (a type whose attribute goes).
   */
  readonly keepsTables?: readonly { readonly tables: readonly string[]; readonly query: string }[];
  /** Plan a second time from a fresh inspection of the same database: the statements must be identical. */
  readonly planTwice?: boolean;
  /** Only run old → new (e.g. when new → old must lose data by design). */
  readonly oneWay?: boolean;
  /**
   * A known gap, with its reason: the case is expected to fail (vitest `it.fails`), so the gap is listed
   * in every run and the suite goes red the day the case starts passing (then remove the field).
   */
  readonly knownGap?: string;
  /**
   * Run on servers only, with the reason: the case needs what the embedded PGlite does not ship (an extension such
   * as postgres_fdw). The runner leaves it out on PGlite.
   */
  readonly serversOnly?: string;
  /**
   * Run only where the server is at least this PostgreSQL major version, with the reason (the case uses what an
   * older server refuses, such as PostgreSQL 18's `WITHOUT OVERLAPS` and `PERIOD`): elsewhere it is reported as
   * skipped (`tooOld`). PGlite is PostgreSQL 18.
   */
  readonly minServer?: { readonly major: number; readonly reason: string };
  /**
   * Compare the order of pg_dump's GRANT and REVOKE statements too (the dumps are otherwise compared with their
   * statements sorted): pg_dump writes an object's GRANTs in its ACL's order, which the order the migration granted
   * in decides.
   */
  readonly aclOrder?: boolean;
  /**
   * Texts left out of both pg_dumps before they are compared, with the reason: what the target's database holds
   * and no DDL of a plan can store (a bare `NULL::numeric[]` default left by ALTER COLUMN … TYPE), which the plan
   * counts as what the migrated database has instead.
   */
  readonly dumpIgnores?: { readonly reason: string; readonly text: readonly string[] };
}

/**
 * Whether `db`'s server is older than the case's `minServer` (the case is then skipped there).
 *
 * @example
 * if (await tooOld(a.db, c)) return ctx.skip(c.minServer!.reason);
 */
export async function tooOld(db: Database, c: Pick<AcceptanceCase, 'minServer'>): Promise<boolean> {
  return !!c.minServer && (await db.serverVersion()) < c.minServer.major * 10000;
}

/**
 * pg_dump text (privileges included) without comments/SET lines, statements sorted; column lines inside CREATE TABLE sorted too,
 * because PostgreSQL appends added columns (a column cannot be inserted mid-table without a rewrite).
 */
function normaliseDump(dump: string): string {
  const sortedColumns = dump.replace(/(CREATE (?:UNLOGGED )?TABLE [^\n]+ \(\n)([\s\S]*?)(\n\)[^;]*;)/g, (_m, head: string, body: string, tail: string) =>
    head + body.split('\n').map((l) => l.replace(/,$/, '')).sort().join(',\n') + tail);
  // Storage parameters are stored in the order they were set: ordering noise, not a difference.
  const sortedOptions = sortedColumns.replace(/\nWITH \(([^)]*)\);/g, (_m, list: string) => `\nWITH (${list.split(', ').sort().join(', ')});`)
    .replace(/^(CREATE (?:UNIQUE )?INDEX [^\n]*) WITH \(([^)]*)\);$/gm, (_m, head: string, list: string) => `${head} WITH (${list.split(', ').sort().join(', ')});`)
    // (a key's or exclusion's index: `ADD CONSTRAINT … UNIQUE (k) WITH (fillfactor='80', deduplicate_items=off)`)
    .replace(/^( {4}ADD CONSTRAINT [^\n]*?) WITH \(([^()]*=[^()]*)\)/gm, (_m, head: string, list: string) => `${head} WITH (${list.split(', ').sort().join(', ')})`);
  return sortedOptions
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('--') && !/^SET |^SELECT pg_catalog\.set_config/.test(l) && !l.startsWith('\\'))
    .join('\n')
    .split(/;\n/)
    .map((s) => s.trim().replace(/;$/, '')) // the dump's last statement keeps its semicolon
    .sort()
    .join(';\n');
}

export function pgDump(url: string): string {
  // (a large schema's dump passes spawnSync's default 1 MiB of output: ENOBUFS, with an empty stderr)
  const r = spawnSync(pgDumpProgram(), ['--schema-only', '--no-owner', url], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr || r.error?.message}`);
  return normaliseDump(r.stdout);
}

/** Identity (oid) and storage (relfilenode) of every user table: a changed relfilenode means a rewrite. */
async function tableStorage(db: Database): Promise<Map<string, { oid: number; file: number }>> {
  const r = await db.query<{ name: string; oid: number; file: number }>(
    `SELECT n.nspname || '.' || c.relname AS name, c.oid::int AS oid, c.relfilenode::int AS file FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  return new Map(r.rows.map((x) => [x.name, { oid: x.oid, file: x.file }]));
}

/** Thrown when a start state cannot be built: the case itself is wrong, not the migration. */
export class BuildError extends Error {}

async function build(db: Database, sql: readonly string[]): Promise<void> {
  // A failed case may leave its server connection inside an aborted transaction (seen after a failing
  // BEGIN ATOMIC body in a generated case): end it so the next case starts clean.
  if (db.kind === 'postgres') await db.exec('ROLLBACK').catch(() => undefined);
  await resetDatabase(db);
  for (const s of sql) {
    try {
      await db.exec(s);
    } catch (e) {
      throw new BuildError(`building a start state failed: ${s}\n${(e as Error).message}`);
    }
  }
}

/** The relations named by DELETES_DATA statements, other than column drops; '*' for any other object. */
function dataDeletedFrom(statements: readonly Statement[], tables: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const s of statements) {
    if (!s.hazards.some((h) => h.code === 'DELETES_DATA') || s.source.kind === 'drop_column') continue;
    const name = s.object.replace(/^public\./, '');
    out.add(tables.has(name) ? name : '*');
  }
  return out;
}

/**
 * `pgDump` without blocking the worker: the dump runs while the test builds or migrates the other database.
 * pg_dump is started by the small spawner process (helpers/spawner.ts): forking this worker, which holds
 * PGlite's memory, would block it ~0.1–0.5 s per dump.
 */
export async function pgDumpAsync(url: string): Promise<string> {
  const r = await runProgram(pgDumpProgram(), ['--schema-only', '--no-owner', url]);
  if (r.code !== 0) throw new Error(`pg_dump failed: ${r.stderr}`);
  return normaliseDump(r.stdout) + ACL_ORDER + r.stdout.split('\n').filter((l) => /^(GRANT|REVOKE) /.test(l)).join('\n');
}

/** Between `pgDumpAsync`'s sorted statements and its GRANT / REVOKE lines in dump order (AcceptanceCase.aclOrder). */
const ACL_ORDER = '\n-- GRANT and REVOKE in dump order:\n';
/**
 * A `pgDumpAsync` text without its GRANT / REVOKE lines in dump order: what `pgDump` gives.
 *
 * @example expect(pgDump(url)).toBe(sortedDump(await pgDumpAsync(url)))
 */
export const sortedDump = (dump: string): string => dump.split(ACL_ORDER)[0]!;
/** A `pgDumpAsync` text as a case compares it: without the GRANTs' dump order unless it asks for it. */
const compared = (dump: string, c: AcceptanceCase) => {
  const kept = (c.dumpIgnores?.text ?? []).reduce((d, t) => d.split(t).join(''), dump);
  return c.aclOrder ? kept : sortedDump(kept);
};

/** One database of a case: the connection, and its URL on servers (pg_dump's comparison). */
export interface CaseDatabase {
  readonly db: Database;
  readonly url: string | undefined;
  /**
   * The target's base URL (`pglite://memory`, or the server's): when given, the inspection and dump of a
   * state built directly are shared with every database of that target in this run (helpers/state-cache.ts).
   */
  readonly target?: string;
}

/**
 * The second database of each case (new → old starts there), of the same kind as the describe block's
 * target: opened in its beforeAll, closed (and on a server dropped) in its afterAll. Call inside a describe.
 *
 * @example
 * const other = secondDatabase(t.target.url);
 * it('…', () => runCase({ db: t.db, url: t.url }, other(), c));
 */
export function secondDatabase(targetUrl: string): () => CaseDatabase {
  let b: Database | undefined;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (targetUrl.startsWith('pglite:')) b = await lendMemoryDatabase();
    else {
      const created = await createServerDatabase(targetUrl);
      ({ url, drop } = created);
      b = await openDatabase(created.url);
    }
  });
  afterAll(async () => {
    if (b && !url) await returnMemoryDatabase(b);
    else await b?.close();
    await drop?.();
  });
  return () => ({ db: b!, url, target: targetUrl });
}

/** Two databases of one target for a case: `a` starts from old, `b` from new. */
export type CasePair = readonly [CaseDatabase, CaseDatabase];

/** A pool of database slots: `use` lends one slot (its `count` databases) to one test at a time. */
export interface DatabasePool<S> {
  use<T>(fn: (slot: S) => Promise<T>): Promise<T>;
}

/**
 * Slots of `count` databases of one target, for tests that run side by side (on servers a test mostly
 * waits for its backends and for pg_dump, so a few in flight keep the cores busy). `size` slots, opened in
 * the enclosing describe's beforeAll, each lent to one test at a time; closed (and on a server dropped) in
 * its afterAll. Call inside a describe.
 *
 * @example
 * const pool = databaseSlots(target.url, 3, 1);
 * it.concurrent('…', () => pool.use(async ([d]) => { await d.db.exec('CREATE TABLE t (id int)'); }));
 */
export function databaseSlots(targetUrl: string, size: number, count: number): DatabasePool<readonly CaseDatabase[]> {
  const closers: (() => Promise<void>)[] = [];
  const free: CaseDatabase[][] = [];
  const waiting: ((slot: CaseDatabase[]) => void)[] = [];
  let slots = 0; // opened or being opened
  const openOne = async (): Promise<CaseDatabase> => {
    if (targetUrl.startsWith('pglite:')) {
      const db = await lendMemoryDatabase();
      closers.push(() => returnMemoryDatabase(db));
      return { db, url: undefined, target: targetUrl };
    }
    const created = await createServerDatabase(targetUrl);
    const db = await openDatabase(created.url);
    closers.push(async () => {
      await db.close();
      await created.drop();
    });
    return { db, url: created.url, target: targetUrl };
  };
  const openSlot = (): Promise<CaseDatabase[]> => {
    slots++;
    return Promise.all(Array.from({ length: count }, openOne)).catch((e: unknown) => {
      slots--;
      throw e;
    });
  };
  const acquire = async (): Promise<CaseDatabase[]> => {
    const ready = free.pop();
    if (ready) return ready;
    if (slots < size) return openSlot(); // one that failed to open in beforeAll
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: CaseDatabase[]) => {
    const next = waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };
  // Opened in a hook (hookTimeout), not in the first test: a PGlite start takes seconds on a busy machine.
  beforeAll(async () => {
    const opened = await Promise.all(Array.from({ length: size }, openSlot));
    free.push(...opened);
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) await close();
  });
  return {
    async use(fn) {
      const slot = await acquire();
      try {
        return await fn(slot);
      } finally {
        release(slot);
      }
    },
  };
}

/**
 * `databaseSlots` of two databases: a case's `a` (starts from old) and `b` (starts from new).
 *
 * @example
 * const pairs = casePairs(target.url, 3);
 * it.concurrent('…', () => pairs.use(([a, b]) => runCase(a, b, c)));
 */
export function casePairs(targetUrl: string, size: number): DatabasePool<CasePair> {
  const pool = databaseSlots(targetUrl, size, 2);
  return { use: (fn) => pool.use((slot) => fn([slot[0]!, slot[1]!])) };
}

/** A state built directly from DDL: inspected, and (on servers) dumped. */
interface BuiltState {
  readonly inspected: Awaited<ReturnType<typeof inspect>>;
  readonly dump: Promise<string> | undefined;
}

/**
 * Runs a case in both directions on two databases: `a` holds the old state and migrates old → new, `b`
 * holds the new state and migrates new → old. Each start state, built directly after a reset, is also the
 * other direction's target (inspected and dumped before anything changes it), so a case builds two states
 * instead of four; the directions then run side by side (on servers, two backends and the dumps overlap).
 * Returns the old → new plan.
 */
export async function runCase(a: CaseDatabase, b: CaseDatabase, c: AcceptanceCase): Promise<Statement[]> {
  const twoWay = !c.oneWay;
  const [oldState, newState] = await Promise.all([buildState(a, c.old), buildState(b, c.new)]);
  // Neither database changes before its dump is complete (the dump is the other direction's target).
  if (oldState.dump) await oldState.dump;
  if (twoWay && newState.dump) await newState.dump;
  const [forward, backward] = await Promise.allSettled([
    migrate(a, oldState.inspected, newState, c, true),
    twoWay ? migrate(b, newState.inspected, oldState, c, false) : Promise.resolve([]),
  ]);
  if (forward.status === 'rejected') throw forward.reason;
  if (backward.status === 'rejected') throw backward.reason;
  return forward.value;
}

async function buildState(t: CaseDatabase, sql: readonly string[]): Promise<BuiltState> {
  await build(t.db, sql);
  const url = t.url;
  const read = <T>(what: 'inspect' | 'dump', compute: () => Promise<T>) => (t.target ? cachedState(what, t.target, sql, compute) : compute());
  const dump = url ? read('dump', () => pgDumpAsync(url)) : undefined;
  dump?.catch(() => undefined); // awaited (and its failure reported) by the direction that needs it
  return { inspected: await read('inspect', () => inspect(t.db)), dump };
}

/**
 * Statements a seed may hold that are run as they are (not in a transaction block of the runner's): those that end
 * or need no transaction block (COMMIT, VACUUM, CHECKPOINT, REINDEX, CLUSTER, a procedure's COMMIT …), or that
 * change the session (SET, DISCARD, PREPARE, DO blocks that may do either), by PostgreSQL's parse tree.
 */
const AS_IS_STATEMENTS = new Set(['TransactionStmt', 'VacuumStmt', 'CheckPointStmt', 'ReindexStmt', 'ClusterStmt', 'CallStmt', 'DiscardStmt', 'LockStmt', 'DoStmt', 'VariableSetStmt', 'PrepareStmt']);

/** Whether seed SQL is run as it is (AS_IS_STATEMENTS, a CONCURRENTLY form, a set_config call; or it does not parse). */
async function seedRunsAsIs(seed: string): Promise<boolean> {
  await initParser();
  try {
    return (parseSync(seed) as { stmts: { stmt: Record<string, unknown> }[] }).stmts.some(({ stmt }) => {
      const { type, node } = tagged(stmt as never) as { type: string; node: { concurrent?: boolean } };
      return AS_IS_STATEMENTS.has(type) || !!node?.concurrent || JSON.stringify(node).includes('"sval":"set_config"');
    });
  } catch {
    return true;
  }
}

/**
 * The session's role and the rows of system catalogs inserted, updated and deleted that this backend has not yet
 * reported to the statistics (pg_stat_xact_sys_tables: its current transaction, and before PostgreSQL sends them,
 * earlier ones): inside one transaction block nothing is reported, so the count grows exactly by the catalog rows
 * the transaction changes. NULL when the server does not count them (track_counts off).
 */
const CATALOG_WRITES = `SELECT current_user AS role, CASE WHEN pg_catalog.current_setting('track_counts')::bool
    THEN (SELECT COALESCE(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_catalog.pg_stat_xact_sys_tables)::text END AS writes`;

/**
 * Runs seed SQL; returns whether the inspection may have changed: whether it inserted, updated or deleted a row of
 * a system catalog (CATALOG_WRITES before and after it, in one transaction block) or changed the session's role,
 * the other input of an inspection. Seed SQL seedRunsAsIs takes is run as it is, and counts as a change.
 */
async function seedRows(db: Database, seed: string): Promise<boolean> {
  if (await seedRunsAsIs(seed)) {
    await db.exec(seed);
    return true;
  }
  await db.exec('BEGIN');
  try {
    const before = (await db.query<{ role: string; writes: string | null }>(CATALOG_WRITES)).rows[0]!;
    await db.exec(seed);
    const after = (await db.query<{ role: string; writes: string | null }>(CATALOG_WRITES)).rows[0]!;
    await db.exec('COMMIT');
    return before.writes === null || after.writes !== before.writes || after.role !== before.role;
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * One direction on `t`, which holds the start state built directly (`start`: its inspection before any
 * seed). The forward direction seeds first and inspects again, as a migration meets a database with rows.
 */
async function migrate(t: CaseDatabase, start: BuiltState['inspected'], target: BuiltState, c: AcceptanceCase, forward: boolean): Promise<Statement[]> {
  const db = t.db;
  const desired = target.inspected.model;
  const dir = forward ? 'old → new' : 'new → old';
  const seed = forward ? c.seed : c.seedBack;
  let seedChangedCatalogs = false;
  if (seed) {
    try {
      seedChangedCatalogs = await seedRows(db, seed);
    } catch (e) {
      throw new BuildError(`${c.name} (${dir}): seed rows failed: ${(e as Error).message}\n${seed}`);
    }
  }
  const before = forward && c.keeps ? (await db.query(c.keeps)).rows : undefined;
  const keptBefore = await Promise.all((c.keepsTables ?? []).map(async (k) => (await db.query(k.query)).rows));
  // Seed rows that left the catalogs (and the session's role) as they were leave the inspection as it was.
  const current = seedChangedCatalogs ? (await inspect(db)).model : start.model;
  // For the server it runs on (PostgreSQL 17+ changes a generation expression in place: SET EXPRESSION).
  const options = { serverMajor: Math.floor((await db.serverVersion()) / 10000) };
  // Its order comes from the dependency graph alone: no statement taken out of a cycle (edges that contradict each other).
  const cycles: string[] = [];
  const statements = plan(diff(current, desired), current, desired, { ...options, onCycle: (sql) => cycles.push(sql) });
  expect(cycles, `${c.name} (${dir}): the plan's dependency graph had a cycle, broken at`).toEqual([]);
  if (c.planTwice) {
    const again = (await inspect(db)).model;
    expect(plan(diff(again, desired), again, desired, options).map((s) => s.sql), `${c.name} (${dir}): the plan computed twice is the same`).toEqual(statements.map((s) => s.sql));
  }
  const storageBefore = await tableStorage(db);
  // As the migration file holds them: each table's clauses joined into one ALTER TABLE (renderMigrationFile).
  for (const s of combineTableClauses(statements)) {
    try {
      await db.exec(s.sql);
    } catch (e) {
      throw new Error(`${c.name} (${dir}): statement failed: ${s.sql}\n${(e as Error).message}\nplan:\n${statements.map((x) => x.sql).join(';\n')}`);
    }
  }
  // No table is rewritten unless the plan says so (TABLE_REWRITE), none is recreated unless it deletes data.
  const hazards = new Set(statements.flatMap((s) => s.hazards.map((h) => h.code)));
  const storageAfter = await tableStorage(db);
  for (const [name, b] of storageBefore) {
    const a = storageAfter.get(name);
    if (!a) continue;
    const where = `${c.name} (${dir}): table ${name}`;
    if (a.oid !== b.oid) expect(hazards.has('DELETES_DATA'), `${where} was recreated without a DELETES_DATA hazard`).toBe(true);
    else if (a.file !== b.file) expect(hazards.has('TABLE_REWRITE') || hazards.has('DELETES_DATA'), `${where} was rewritten without a TABLE_REWRITE hazard`).toBe(true);
  }
  const afterResult = await inspect(db);
  const after = afterResult.model;
  // Objects Meridian does not manage are reported, so a case that uses them shows up instead of passing.
  expect(afterResult.unmanaged, `${c.name}: objects Meridian does not manage differ from the target's`).toEqual(target.inspected.unmanaged);
  const again = plan(diff(after, desired), after, desired);
  expect(again.map((s) => s.sql), `${c.name}: re-plan after applying must be empty`).toEqual([]);
  if (t.url && target.dump) expect(compared(await pgDumpAsync(t.url), c), `${c.name} (${dir}): pg_dump of the migrated database equals the target's`).toBe(compared(await target.dump, c));
  if (before) expect((await db.query(c.keeps!)).rows, `${c.name}: seed rows survive`).toEqual(before);
  if (seed && c.after) {
    try {
      await db.exec(c.after);
    } catch (e) {
      throw new Error(`${c.name} (${dir}): after the migration, ${c.after} failed: ${(e as Error).message}\nplan:\n${statements.map((x) => x.sql).join(';\n')}`);
    }
  }
  const deleted = dataDeletedFrom(statements, new Set((c.keepsTables ?? []).flatMap((k) => k.tables)));
  for (const [i, k] of (c.keepsTables ?? []).entries()) {
    if (deleted.has('*') || k.tables.some((x) => deleted.has(x))) continue;
    expect((await db.query(k.query)).rows, `${c.name} (${dir}): seed rows of ${k.tables[0]} survive (${k.query})`).toEqual(keptBefore[i]);
  }
  return statements;
}
