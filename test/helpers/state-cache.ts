/**
 * Schema states built directly from DDL, remembered for one test run: the acceptance suite (both files), the
 * tie-break test and the parser round trip build the same old/new states of the acceptance cases, and each
 * inspected (and, on servers, pg_dumped) them again. A state's inspection and dump depend only on its DDL
 * and on the server (PGlite, or the server at a URL), so they are computed once per run and shared:
 *   - in this worker's memory (the 55 cases starting from an empty database dump one state, not 55);
 *   - on disk, in a directory global-setup.ts creates for the run and deletes after it, between the two
 *     workers and between files (written atomically: a file is complete or absent).
 * Nothing outlives the run: a change to the inspector or to pg_dump's normalisation is always seen.
 * Callers still build the state where they migrate from it; only the reads of a state built directly are
 * shared, never anything read after a migration (what the tests check).
 *
 * @example
 * const inspected = await cachedState('inspect', t.target.url, c.old, () => inspect(db));
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { inject } from 'vitest';

/** What is remembered of a state: its inspection (Model and unmanaged objects) or its normalised pg_dump. */
export type StateRead = 'inspect' | 'dump';

/** Work done and saved, per read kind (printed by suites when MERIDIAN_TEST_WORK is set). */
export const stateWork: Record<StateRead, { computed: number; fromMemory: number; fromDisk: number }> = {
  inspect: { computed: 0, fromMemory: 0, fromDisk: 0 },
  dump: { computed: 0, fromMemory: 0, fromDisk: 0 },
};

/** Serialised values: each caller gets its own copy (a Model a test changes is never another test's). */
const memory = new Map<string, Promise<Buffer>>();
const off = process.env.MERIDIAN_TEST_STATE_CACHE === '0';

function runDir(): string | undefined {
  try {
    return inject('stateCacheDir') || undefined;
  } catch {
    return undefined; // outside a vitest run with its global setup: memory only
  }
}

const keyOf = (read: StateRead, target: string, ddl: readonly string[]) => createHash('sha256').update(JSON.stringify([read, target, ddl])).digest('hex').slice(0, 32);

/**
 * Whether `cachedState(read, target, ddl, …)` would answer without computing: a caller whose only use of a
 * state is reading it need not build it (a large schema's load is the costly part).
 */
export function hasState(read: StateRead, target: string, ddl: readonly string[]): boolean {
  if (off) return false;
  const key = keyOf(read, target, ddl);
  if (memory.has(key)) return true;
  const dir = runDir();
  return !!dir && existsSync(join(dir, `${key}.${read}`));
}

/**
 * The `read` of the state `ddl` builds on `target` (a target's base URL: `pglite://memory` or a server's URL):
 * remembered for the run, else `compute()` (which must read the database holding exactly that state, built
 * directly after a reset). A failed computation is not remembered. MERIDIAN_TEST_STATE_CACHE=0 turns it off.
 */
export async function cachedState<T>(read: StateRead, target: string, ddl: readonly string[], compute: () => Promise<T>): Promise<T> {
  if (off) {
    stateWork[read].computed++;
    return compute();
  }
  const key = keyOf(read, target, ddl);
  const known = memory.get(key);
  if (known) {
    stateWork[read].fromMemory++;
    return deserialize(await known) as T;
  }
  const dir = runDir();
  const file = dir ? join(dir, `${key}.${read}`) : undefined;
  if (file) {
    try {
      const bytes = readFileSync(file);
      stateWork[read].fromDisk++;
      memory.set(key, Promise.resolve(bytes));
      return deserialize(bytes) as T;
    } catch {
      // not computed yet in this run
    }
  }
  stateWork[read].computed++;
  const p = compute().then((value) => serialize(value));
  memory.set(key, p);
  try {
    const bytes = await p;
    if (file && dir) {
      const tmp = join(dir, `${key}.${randomBytes(4).toString('hex')}.tmp`);
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    }
    return deserialize(bytes) as T;
  } catch (e) {
    memory.delete(key);
    throw e;
  }
}
