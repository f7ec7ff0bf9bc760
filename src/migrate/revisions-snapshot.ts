/**
 * The revisions table of a file-backed embedded database, remembered when a command closes it and
 * recalled by the next `migrate status` / `migrate apply` while the data directory is provably unchanged
 * (src/db/pglite-snapshot.ts holds the argument), so that they answer without starting PGlite.
 *
 * In:  an open Database (to remember) or a database URL (to recall), and the revisions schema.
 * Out: the revisions exactly as `readRevisionsIfExists` returned them in the last session, or undefined.
 * Never: anything for a server, an in-memory database, or a URL bound to a schema whose revisions-table
 * check (`checkRevisionSchemaClarity`) would have to ask the database.
 */
import { array, int, nullable, object, regex, string, type infer as Infer } from 'zod/mini';
import type { Database } from '../db/database.js';
import type { PgliteDatabase } from '../db/pglite.js';
import { recallSnapshot, rememberSnapshot } from '../db/pglite-snapshot.js';
import { parseDatabaseUrl } from '../db/url.js';
import { DEFAULT_REVISIONS_SCHEMA, readRevisionsIfExists, revisionsSchemaFor, type Revision } from './revisions.js';

const key = (schema: string) => `revisions:${schema}`;

const storedRevision = object({
  version: string(),
  description: string(),
  type: int(),
  applied: int(),
  total: int(),
  executedAt: string(),
  executionTime: string().check(regex(/^-?\d+$/)),
  error: string(),
  errorStmt: string(),
  hash: string(),
  partialHashes: nullable(array(string())),
  operatorVersion: string(),
});
/** null: the table (or its schema) did not exist. */
const stored = nullable(array(storedRevision));

/**
 * When `db` is a file-backed embedded database, remembers its revisions table (schema `schema`) as the
 * session leaves it: read when `db.close()` begins, stored once PGlite has shut down. No-op otherwise.
 *
 * @example
 * const db = await openDatabase('pglite://./.meridian/pglite');
 * rememberRevisionsOnClose(db, 'atlas_schema_revisions');
 * await db.close(); // writes .meridian/pglite.meridian-facts.json
 */
export function rememberRevisionsOnClose(db: Database, schema: string): void {
  // Structural test: importing the class would load its module (and pg-protocol) on paths that need neither.
  const embedded = db as Database & Partial<Pick<PgliteDatabase, 'dataDir' | 'whenClosing'>>;
  if (db.kind !== 'pglite' || !embedded.dataDir || !embedded.whenClosing) return;
  const dataDir = embedded.dataDir;
  embedded.whenClosing(async (q) => {
    const revisions = await readRevisionsIfExists(q, schema);
    const value: Infer<typeof stored> = revisions
      ? revisions.map((r) => ({ ...r, executedAt: r.executedAt.toISOString(), executionTime: r.executionTime.toString(), partialHashes: r.partialHashes ? [...r.partialHashes] : null }))
      : null;
    return () => rememberSnapshot(dataDir, key(schema), value);
  });
}

/**
 * The revisions of the embedded database at `url` (the table in the schema `revisionsSchema` or the
 * URL's bound one), as the last Meridian session left them, when the data directory is provably
 * unchanged since and nobody has it open; `[]` when that session found no revisions table; undefined
 * when the database must be asked.
 *
 * @example
 * const revs = recallRevisions('pglite://./.meridian/pglite', undefined); // Revision[] | undefined
 */
export function recallRevisions(url: string, revisionsSchema: string | undefined): Revision[] | undefined {
  let parsed;
  try {
    parsed = parseDatabaseUrl(url);
  } catch {
    return undefined;
  }
  if (parsed.kind !== 'pglite' || !parsed.dataDir) return undefined;
  const bound = parsed.searchPath;
  // checkRevisionSchemaClarity asks the database in this case only.
  if (!revisionsSchema && bound && bound !== DEFAULT_REVISIONS_SCHEMA) return undefined;
  const schema = revisionsSchemaFor(revisionsSchema, bound);
  const value = stored.safeParse(recallSnapshot(parsed.dataDir, key(schema)));
  if (!value.success) return undefined;
  if (value.data === null) return [];
  const out: Revision[] = [];
  for (const r of value.data) {
    const executedAt = new Date(r.executedAt);
    if (Number.isNaN(executedAt.getTime())) return undefined;
    out.push({ ...r, executedAt, executionTime: BigInt(r.executionTime) });
  }
  return out;
}
