/**
 * Whether the extension updates a plan asks for can run: `ALTER EXTENSION … UPDATE TO 'v'` runs the extension's
 * update scripts, and PostgreSQL refuses a version it has no chain of scripts to ("has no update path"). Contrib
 * ships none that go down, so a file that states an older version than the installed one (a downgrade) would
 * plan a migration that fails. Atlas and pg-delta plan the statement as it is; here the server that will run it
 * (or the dev database, when the plan is a migration file) is asked first (`pg_extension_update_paths`), and the
 * plan stops with an error that names the extension, both versions and what to do.
 *
 * In:  the planned changes and a database. Out: nothing, or a thrown E_PLAN. Never: changes the database.
 */
import type { Change } from '../diff/changes.js';
import type { Queryable } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { quoteLiteral } from '../model/names.js';

type Update = Extract<Change, { kind: 'alter_extension' }> & { readonly version: string };

/** Whether version `a` sorts before `b`, number by number (`1.9` before `1.10`). */
function olderVersion(a: string, b: string): boolean {
  const [x, y] = [a.split(/\D+/).map(Number), b.split(/\D+/).map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

/** The changes that update an extension's version. */
export function extensionUpdates(changes: readonly Change[]): Update[] {
  return changes.filter((c): c is Update => c.kind === 'alter_extension' && c.version !== undefined);
}

/**
 * Throws E_PLAN when `db` has no update path for one of the planned `ALTER EXTENSION … UPDATE TO`s; `where` names
 * the database in the message ("the target database", "the dev database").
 *
 * @example
 * await assertUpdatePaths(db, diff(current, desired), 'the target database')
 * // E_PLAN: extension "hstore" cannot go from version 1.8 to 1.7: the target database has no update path …
 */
export async function assertUpdatePaths(db: Queryable, changes: readonly Change[], where: string): Promise<void> {
  for (const c of extensionUpdates(changes)) {
    const from = c.from.version;
    if (from === undefined) continue;
    const r = await db.query<{ path: string | null }>('SELECT path FROM pg_catalog.pg_extension_update_paths($1) WHERE source = $2 AND target = $3', [c.to.name, from, c.version]);
    if (r.rows[0]?.path != null) continue;
    const known = r.rows.length > 0;
    const at = c.to.loc ? `${c.to.loc.file}:${c.to.loc.line}:${c.to.loc.column}: ` : '';
    throw new MeridianError(
      'E_PLAN',
      `${at}extension "${c.to.name}" cannot go from version ${from} to ${c.version}: ${known ? `${where} has no update path between them (PostgreSQL runs the extension's update scripts, and it ships none for this step${olderVersion(c.version, from) ? ', such as a downgrade' : ''})` : `${where} does not have version ${c.version} of it`}. ` +
        `State the installed version (VERSION ${quoteLiteral(from)}) or leave VERSION out; to replace the extension by another version, write a migration by hand (\`meridian migrate new\`) that drops it (DROP EXTENSION … CASCADE also drops what uses it) and creates it again`,
      c.to.loc ? { location: c.to.loc } : {},
    );
  }
}
