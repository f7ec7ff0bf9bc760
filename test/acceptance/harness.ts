/**
 * The acceptance runner (DESIGN.md's three properties). A case is plain data: old DDL, new DDL,
 * expected hazards. For each case, in both directions, on every database:
 *   1. build the start state, insert seed rows, inspect → current;
 *   2. build the target on the same database (after a reset), inspect → desired;
 *   3. rebuild the start state, apply plan(diff(current, desired)) statement by statement, as the migration
 *      file writes them (one ALTER TABLE per table where the clauses join);
 *   4. inspect again: diff against desired must be empty (convergence + idempotence), and on PostgreSQL
 *      `pg_dump --schema-only` of the result must equal the dump of the target built directly;
 *   5. seed rows that the change does not delete by design are still there.
 */
import { combineTableClauses } from '../../src/plan/combine.js';
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { plan, type HazardCode, type Statement } from '../../src/plan/index.js';
import { resetDatabase } from '../helpers/databases.js';

export interface AcceptanceCase {
  readonly name: string;
  readonly old: readonly string[];
  readonly new: readonly string[];
  /** Hazard codes expected in the old → new plan (order-insensitive). */
  readonly expectedHazards?: readonly HazardCode[];
  /** Statements (substring match) the old → new plan must contain. */
  readonly expectedSql?: readonly string[];
  /** Seed rows inserted into the old state before migrating: SQL run after building it. */
  readonly seed?: string;
  /** A query whose result must be the same before and after old → new. */
  readonly keeps?: string;
  /** Only run old → new (e.g. when new → old must lose data by design). */
  readonly oneWay?: boolean;
  /**
   * A known gap, with its reason: the case is expected to fail (vitest `it.fails`), so the gap is listed
   * in every run and the suite goes red the day the case starts passing (then remove the field).
   */
  readonly knownGap?: string;
}

/**
 * pg_dump text without comments/SET lines, statements sorted; column lines inside CREATE TABLE sorted too,
 * because PostgreSQL appends added columns (a column cannot be inserted mid-table without a rewrite).
 */
function normaliseDump(dump: string): string {
  const sortedColumns = dump.replace(/(CREATE (?:UNLOGGED )?TABLE [^\n]+ \(\n)([\s\S]*?)(\n\)[^;]*;)/g, (_m, head: string, body: string, tail: string) =>
    head + body.split('\n').map((l) => l.replace(/,$/, '')).sort().join(',\n') + tail);
  // Storage parameters are stored in the order they were set: ordering noise, not a difference.
  const sortedOptions = sortedColumns.replace(/\nWITH \(([^)]*)\);/g, (_m, list: string) => `\nWITH (${list.split(', ').sort().join(', ')});`);
  return sortedOptions
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('--') && !/^SET |^SELECT pg_catalog\.set_config/.test(l) && !l.startsWith('\\'))
    .join('\n')
    .split(/;\n/)
    .map((s) => s.trim())
    .sort()
    .join(';\n');
}

export function pgDump(url: string): string {
  const r = spawnSync('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr}`);
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

async function build(db: Database, sql: readonly string[]): Promise<void> {
  await resetDatabase(db);
  for (const s of sql) await db.exec(s);
}

/** Runs one direction of a case; returns the plan. */
export async function runDirection(db: Database, url: string | undefined, from: readonly string[], to: readonly string[], c: AcceptanceCase, forward: boolean): Promise<Statement[]> {
  await build(db, to);
  const target = await inspect(db);
  const desired = target.model;
  const targetDump = url ? pgDump(url) : undefined;
  await build(db, from);
  if (forward && c.seed) await db.exec(c.seed);
  const before = forward && c.keeps ? (await db.query(c.keeps)).rows : undefined;
  const current = (await inspect(db)).model;
  const statements = plan(diff(current, desired), current, desired);
  const storageBefore = await tableStorage(db);
  // As the migration file holds them: each table's clauses joined into one ALTER TABLE (renderMigrationFile).
  for (const s of combineTableClauses(statements)) {
    try {
      await db.exec(s.sql);
    } catch (e) {
      throw new Error(`${c.name} (${forward ? 'old → new' : 'new → old'}): statement failed: ${s.sql}\n${(e as Error).message}\nplan:\n${statements.map((x) => x.sql).join(';\n')}`);
    }
  }
  // No table is rewritten unless the plan says so (TABLE_REWRITE), none is recreated unless it deletes data.
  const hazards = new Set(statements.flatMap((s) => s.hazards.map((h) => h.code)));
  const storageAfter = await tableStorage(db);
  for (const [name, b] of storageBefore) {
    const a = storageAfter.get(name);
    if (!a) continue;
    const where = `${c.name} (${forward ? 'old → new' : 'new → old'}): table ${name}`;
    if (a.oid !== b.oid) expect(hazards.has('DELETES_DATA'), `${where} was recreated without a DELETES_DATA hazard`).toBe(true);
    else if (a.file !== b.file) expect(hazards.has('TABLE_REWRITE') || hazards.has('DELETES_DATA'), `${where} was rewritten without a TABLE_REWRITE hazard`).toBe(true);
  }
  const afterResult = await inspect(db);
  const after = afterResult.model;
  // Objects Meridian does not manage are reported, so a case that uses them shows up instead of passing.
  expect(afterResult.unmanaged, `${c.name}: objects Meridian does not manage differ from the target's`).toEqual(target.unmanaged);
  const again = plan(diff(after, desired), after, desired);
  expect(again.map((s) => s.sql), `${c.name}: re-plan after applying must be empty`).toEqual([]);
  if (url && targetDump !== undefined) expect(pgDump(url), `${c.name}: pg_dump of the migrated database equals the target's`).toBe(targetDump);
  if (before) expect((await db.query(c.keeps!)).rows, `${c.name}: seed rows survive`).toEqual(before);
  return statements;
}
