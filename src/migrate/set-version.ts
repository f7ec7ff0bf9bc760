/**
 * `migrate set VERSION` — Atlas's way to mark a history as applied without running it.
 *
 * In:  a Database, the migration directory and a version. Out: how many rows were marked.
 * Never: runs a migration file's statements; holds the apply lock for the whole rewrite.
 */
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { acquireApplyLock } from './apply-lock.js';
import { compareBytes, readMigrationFiles, validateSum } from './dir.js';
import { directorySums } from './load.js';
import { deleteRevisionsAfter, ensureRevisionsTable, newRevision, readRevisions, revisionsSchemaFor, RevisionType, upsertRevision } from './revisions.js';
import { initSplitter, splitStatements } from '../parse/split.js';

/**
 * Atlas's `migrate set VERSION`: marks every file up to VERSION as applied (type resolved) without
 * running it and removes the rows after it.
 *
 * @example
 * await setMigrationVersion(db, { dir: 'database/migrations', version: '20260101000000' });
 */
export async function setMigrationVersion(db: Database, opts: { dir: string; version: string; revisionsSchema?: string; now?: () => Date }): Promise<number> {
  await initSplitter();
  validateSum(opts.dir);
  const files = readMigrationFiles(opts.dir);
  if (!files.some((f) => f.version === opts.version)) throw new MeridianError('E_USAGE', `migration with version "${opts.version}" not found`);
  const sums = directorySums(opts.dir);
  const schema = revisionsSchemaFor(opts.revisionsSchema, db.boundSchema);
  const release = await acquireApplyLock(db);
  try {
    return await db.transaction(async (tx) => {
      await ensureRevisionsTable(tx, schema);
      const existing = new Map((await readRevisions(tx, schema)).map((r) => [r.version, r]));
      let n = 0;
      for (const f of files) {
        if (f.checkpoint || compareBytes(f.version, opts.version) > 0) continue;
        const prev = existing.get(f.version);
        const total = splitStatements(f.content, f.name).length;
        if (prev && prev.applied === prev.total && (prev.type & RevisionType.execute)) continue;
        await upsertRevision(
          tx,
          schema,
          newRevision({
            version: f.version, description: f.description, type: (prev?.type ?? 0) | RevisionType.resolved, applied: total, total,
            executedAt: prev?.executedAt ?? (opts.now ?? (() => new Date()))(), hash: sums.get(f.name) ?? '',
          }),
        );
        n++;
      }
      await deleteRevisionsAfter(tx, schema, opts.version);
      return n;
    });
  } finally {
    await release();
  }
}
