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
import type { SourceLocation } from '../errors.js';
import type { Model } from '../model/types.js';
import { unresolvedNames, type Unresolved } from '../parse/resolve.js';
import { executeSources, lineOf, locatedError, type SqlSource } from './state.js';

export interface VerifyResult {
  /** What the native resolver could not decide (empty: nothing was executed anywhere). */
  readonly unresolved: readonly Unresolved[];
  /** Whether the dev database executed the schema. */
  readonly onDevDatabase: boolean;
}

/** Where the migration will run: its PostgreSQL major version, when known (see ResolveOptions). */
export interface VerifyOptions {
  readonly major?: number;
}

/**
 * Verifies that `desired` (folded natively from `sources`) is what PostgreSQL accepts; throws a located
 * `E_VALIDATE` with PostgreSQL's message otherwise.
 *
 * Names are resolved against the built-in catalog of `opts.major` (the target's version). A name that is a
 * built-in of other majors only (`random_normal()` on 15) is left to the dev database when it runs that
 * same major; when it runs another one it cannot vouch for it, and the name is refused here, located.
 *
 * @example
 * await verifyDesired(desired, current, sources, () => openDatabase('pglite://memory'), { major: 18 });
 */
export async function verifyDesired(desired: Model, current: Model, sources: readonly SqlSource[], dev: () => Promise<Database>, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const unresolved = unresolvedNames(desired, current, { major: opts.major });
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
  const versioned = unresolved.filter((u) => u.onlyIn?.length);
  if (versioned.length) {
    const devMajor = majorOf(await db.serverVersion());
    if (devMajor !== opts.major) {
      const located = versioned.map((u) => {
        const text = sources.find((s) => s.file === u.loc?.file)?.text ?? '';
        const location = u.loc ? tokenLocation(text, u.loc, u.token) : { file: sources[0]?.file ?? 'schema', line: 1, column: 1 };
        const message = `${u.what} is a built-in of PostgreSQL ${u.onlyIn!.join(', ')} only, not of ${opts.major} (the target's version; the dev database runs ${devMajor}: give a --dev-url of the target's version)`;
        return { code: 'E_VALIDATE', severity: 'error' as const, location, message, sourceLine: lineOf(text, location.line) };
      });
      throw locatedError('E_VALIDATE', located, 'the schema does not apply on the target\'s PostgreSQL version');
    }
  }
  return { unresolved, onDevDatabase: true };
}

/**
 * The major version (15, 18…) of a `server_version_num`.
 *
 * @example
 * majorOf(150020) // 15
 */
export function majorOf(versionNum: number): number {
  return Math.floor(versionNum / 10000);
}

/** Where `token` is first spelt at or after `loc` (a statement's start) in `text`; `loc` itself when it is not found. */
function tokenLocation(text: string, loc: SourceLocation, token: string | undefined): SourceLocation {
  if (!token) return loc;
  const lines = text.split('\n');
  let start = loc.column - 1;
  for (let i = 0; i < loc.line - 1; i++) start += lines[i]!.length + 1;
  const at = text.toLowerCase().indexOf(token.toLowerCase(), start);
  if (at < 0) return loc;
  const before = text.slice(0, at).split('\n');
  return { file: loc.file, line: before.length, column: before.at(-1)!.length + 1 };
}
