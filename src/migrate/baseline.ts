/**
 * Where a first `migrate apply` starts when the revisions table is empty (Atlas's CheckClean and
 * `--baseline`): a baseline row, nothing, or E_DIRTY for a database that already holds objects.
 *
 * In:  the database, the revisions schema, the directory's files and the flags. Out: the revisions to start from.
 * Never: writes anything but the baseline row (and its table), and nothing at all in a dry run.
 */
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import type { MigrationFile } from './dir.js';
import { ensureRevisionsTable, newRevision, readRevisions, RevisionType, upsertRevision, type Revision } from './revisions.js';

/** Atlas's CheckClean: is the database free of user objects (apart from the revisions table)? */
export async function isClean(db: Database, revSchema: string): Promise<{ clean: boolean; what?: string }> {
  const bound = db.boundSchema;
  // Bound to a schema, only that schema is read: a database of 2,000 tenant schemas is not scanned per tenant.
  const r = await db.query<{ schema: string; tables: string[] | null }>(
    `SELECT n.nspname AS schema,
            array_agg(c.relname::text) FILTER (WHERE c.relname IS NOT NULL) AS tables
       FROM pg_namespace n
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r','p','v','m','f')
      WHERE n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
        AND ($1::text IS NULL OR n.nspname = $1)
      GROUP BY n.nspname`,
    [bound ?? null],
  );
  for (const row of r.rows) {
    const tables = (row.tables ?? []).filter((t) => !(row.schema === revSchema && t === 'atlas_schema_revisions'));
    if (bound) {
      if (row.schema === bound && tables.length > 0) return { clean: false, what: `schema "${bound}" has table "${tables[0]}"` };
      continue;
    }
    if (row.schema === revSchema && tables.length === 0) continue;
    if (row.schema === 'public' && tables.length === 0) continue;
    return { clean: false, what: tables.length ? `table "${row.schema}.${tables[0]}"` : `schema "${row.schema}"` };
  }
  return { clean: true };
}

/**
 * The revisions a first apply starts from (the revisions table is empty): with `baseline`, the baseline
 * row of that file (written, unless a dry run); otherwise none, after checking the database is clean
 * unless `allowDirty` says it need not be.
 *
 * @example
 * const revisions = await firstApplyRevisions(db, 'atlas_schema_revisions', files, { baseline: '20260101000000', now: () => new Date() });
 */
export async function firstApplyRevisions(
  db: Database,
  schema: string,
  files: readonly MigrationFile[],
  opts: { baseline?: string; allowDirty?: boolean; dryRun?: boolean; now: () => Date },
): Promise<Revision[]> {
  const { clean, what } = await isClean(db, schema);
  if (opts.baseline) {
    const base = files.filter((f) => f.version === opts.baseline).at(-1);
    if (!base) throw new MeridianError('E_APPLY', `baseline version "${opts.baseline}" not found`);
    const row = newRevision({ version: base.version, description: base.description, type: RevisionType.baseline, applied: 0, total: 0, executedAt: opts.now(), hash: '' });
    if (opts.dryRun) return [row];
    await ensureRevisionsTable(db, schema);
    await upsertRevision(db, schema, row);
    return readRevisions(db, schema);
  }
  if (!clean && !opts.allowDirty) {
    throw new MeridianError(
      'E_DIRTY',
      `connected database is not clean (found ${what}): a baseline version or allow-dirty is required ` +
        '(pass --baseline <version> if the database already has the schema of that migration, or --allow-dirty to apply on top of it)',
    );
  }
  return [];
}
