/**
 * "Never write a migration PostgreSQL rejects": the desired state is resolved natively first
 * (src/parse/resolve.ts: every type, function, operator, collation, column reference and literal against
 * the Model and the built-in catalog snapshot). Only when something is left unresolved is the schema
 * executed on the dev database, which then has the last word, with PostgreSQL's error located in the
 * schema file. So a small project whose names all resolve opens no database at all.
 *
 * In:  the desired and current Models, the schema sources, a dev database opener. Out: what was verified.
 * Never: writes anything; leaves objects on the dev database (it is reset before and after).
 */
import { acquireDevDatabase, releaseDevDatabase } from './dev-lease.js';
import type { Database } from '../db/database.js';
import type { Model } from '../model/types.js';
import { unresolvedNames, type Unresolved } from '../parse/resolve.js';
import { executeSources, locatedError, type SqlSource } from './state.js';

export interface VerifyResult {
  /** What the native resolver could not decide (empty: nothing was executed anywhere). */
  readonly unresolved: readonly Unresolved[];
  /** Whether the dev database executed the schema. */
  readonly onDevDatabase: boolean;
}

/**
 * Verifies that `desired` (folded natively from `sources`) is what PostgreSQL accepts; throws a located
 * `E_VALIDATE` with PostgreSQL's message otherwise.
 *
 * @example
 * await verifyDesired(desired, current, sources, () => openDatabase('pglite://memory'));
 */
export async function verifyDesired(desired: Model, current: Model, sources: readonly SqlSource[], dev: () => Promise<Database>): Promise<VerifyResult> {
  const unresolved = unresolvedNames(desired, current);
  if (!unresolved.length) return { unresolved, onDevDatabase: false };
  const db = await dev();
  await acquireDevDatabase(db);
  let errors;
  try {
    errors = await executeSources(db, sources);
  } finally {
    await releaseDevDatabase(db).catch(() => undefined);
  }
  if (errors.length) {
    const why = unresolved[0]!;
    throw locatedError('E_VALIDATE', errors, `the schema does not apply on PostgreSQL (checked on the dev database: ${why.what} is not known natively)`);
  }
  return { unresolved, onDevDatabase: true };
}
