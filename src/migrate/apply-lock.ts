/**
 * The apply lock: two appliers never run the same file (spec section C).
 *
 * In:  a Database (its bound schema decides which lock). Out: a release function, or E_LOCK after the timeout.
 * Never: holds a lock past the release it returns; takes Atlas's key in any other shape than Atlas does.
 */
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';

/** FNV-1 32-bit of `atlas_migrate_execute` — the key Atlas locks on PostgreSQL. */
export const APPLY_LOCK_KEY = 2686470616n;

/**
 * The lock of one schema's history, for a URL bound to a schema: Atlas's key in the high 32 bits, the
 * FNV-1 32-bit hash of the schema name in the low ones (never Atlas's own key, whose high bits are zero).
 *
 * @example
 * schemaApplyLockKey('tenant_1') // -6908440636109978… (negative: never Atlas's own key)
 */
export function schemaApplyLockKey(schema: string): bigint {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(schema, 'utf8')) h = Math.imul(h, 0x01000193) ^ b;
  return BigInt.asIntN(64, (APPLY_LOCK_KEY << 32n) | BigInt(h >>> 0)); // a signed bigint, as pg_advisory_lock takes it
}

/**
 * Acquires the apply lock, retrying with backoff until the timeout; returns its release. A database-wide
 * apply holds Atlas's lock (`pg_try_advisory_lock(2686470616)`), as Atlas does. A URL bound to a schema holds
 * Atlas's lock in shared mode and its schema's own lock exclusively: applies to different schemas of one
 * database run side by side, two applies to one schema never do, and an Atlas (or database-wide) apply,
 * which takes Atlas's lock exclusively, waits for all of them.
 *
 * @example
 * const release = await acquireApplyLock(db);
 * try { … } finally { await release(); }
 */
export async function acquireApplyLock(db: Database, timeoutMs = 10_000): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  const schema = db.boundSchema;
  let wait = 25;
  for (;;) {
    if (schema === undefined) {
      if (await db.advisoryLock(APPLY_LOCK_KEY, { wait: false })) return () => db.advisoryUnlock(APPLY_LOCK_KEY).catch(() => undefined);
    } else if (await db.advisoryLock(APPLY_LOCK_KEY, { wait: false, shared: true })) {
      const own = schemaApplyLockKey(schema);
      if (await db.advisoryLock(own, { wait: false })) {
        return async () => {
          await db.advisoryUnlock(own).catch(() => undefined);
          await db.advisoryUnlock(APPLY_LOCK_KEY, { shared: true }).catch(() => undefined);
        };
      }
      await db.advisoryUnlock(APPLY_LOCK_KEY, { shared: true });
    }
    if (Date.now() >= deadline) {
      throw new MeridianError('E_LOCK', 'acquiring database lock: another migrate apply holds the lock (sql/schema: lock is held by other session); try again when it finishes');
    }
    await new Promise((r) => setTimeout(r, Math.min(wait, 1000) + Math.random() * 25));
    wait *= 2;
  }
}
