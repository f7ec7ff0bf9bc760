/**
 * The checks the two corpus suites share (test/acceptance/corpus.test.ts: ../shared/corpus; test/corpus-ext:
 * the generalisation corpus): load a schema state, converge from one state to another (plan, apply, re-plan
 * empty, pg_dump equal on servers), round trip a state (inspect → SQL → rebuild → plans nothing either way).
 */
import { expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import type { Model } from '../../src/model/types.js';
import { plan } from '../../src/plan/index.js';
import { modelToSql } from '../../src/workflow/render.js';
import { pgDump, sortedDump } from '../acceptance/harness.js';
import { resetDatabase } from './databases.js';

/** A fresh database holding `texts` (run in order), with the search path the suites inspect under. */
export async function loadState(db: Database, texts: readonly string[]): Promise<void> {
  await resetDatabase(db);
  for (const text of texts) await db.exec(text);
  await db.exec('SET search_path TO public');
}

/**
 * Plans `current` → `desired` on `db` (which holds `current`), applies it and checks that nothing is left to plan
 * and, on a server (`url`), that pg_dump gives `dump` (the desired state's). Returns the statement count.
 *
 * @example expect(await applyConverges(db, url, current, desired, dump)).toBeGreaterThan(0)
 */
export async function applyConverges(db: Database, url: string | undefined, current: Model, desired: Model, dump: string | undefined): Promise<number> {
  const statements = plan(diff(current, desired), current, desired);
  for (const s of statements) {
    try {
      await db.exec(s.sql);
    } catch (e) {
      throw new Error(`statement failed: ${s.sql}\n${(e as Error).message}`);
    }
  }
  const after = (await inspect(db)).model;
  expect(plan(diff(after, desired), after, desired).map((s) => s.sql)).toEqual([]);
  // (`dump` may come from pgDumpAsync, which adds the GRANTs' dump order: compared as pgDump gives it.)
  if (url) expect(pgDump(url)).toBe(dump === undefined ? dump : sortedDump(dump));
  return statements.length;
}

/**
 * Rebuilds `first` (an inspected state) from its SQL on `db` and checks that neither way plans anything.
 *
 * @example await roundTripPlansNothing(db, (await inspect(db)).model)
 */
export async function roundTripPlansNothing(db: Database, first: Model): Promise<void> {
  const sql = modelToSql(first);
  await resetDatabase(db);
  await db.exec(sql);
  const second = (await inspect(db)).model;
  expect(plan(diff(second, first), second, first).map((s) => s.sql)).toEqual([]);
  expect(plan(diff(first, second), first, second).map((s) => s.sql)).toEqual([]);
}
