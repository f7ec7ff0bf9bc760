/** `meridian migrate checkpoint [tag]` and `meridian migrate rebase <version…>`: reshaping the migration history. */
import { relative } from 'node:path';
import { openDatabase } from '../db/index.js';
import type { Database } from '../db/database.js';
import { migrateCheckpoint } from '../workflow/migrate-checkpoint.js';
import { migrateRebase } from '../workflow/migrate-rebase.js';
import { requireMigrationDir } from '../workflow/migration-dir.js';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';

const out = (s: string) => process.stdout.write(s);

/** Opens the dev database on first use; closes it afterwards. */
async function withLazyDev<T>(url: string, fn: (dev: () => Promise<Database>) => Promise<T>): Promise<T> {
  let dev: Promise<Database> | undefined;
  try {
    return await fn(() => (dev ??= openDatabase(url)));
  } finally {
    if (dev) await (await dev).close();
  }
}

export async function migrateCheckpointAction(tag: string | undefined, opts: CommonOptions & { native?: boolean; dryRun?: boolean }): Promise<void> {
  const cfg = configFrom(opts, { database: false }); // the directory and the dev database only
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  const r = await withLazyDev(cfg.devUrl, (dev) =>
    migrateCheckpoint({ migrationsDir: cfg.migrationsDir, dev, tag, native: opts.native !== false, schemas: cfg.schemas, exclude: cfg.exclude, dryRun: opts.dryRun }),
  );
  if (r.dataLeftOut.length) {
    const where = r.dataLeftOut.slice(0, 5).map((d) => `${d.file}:${d.line} (${d.verb}${d.table ? ` ${d.table}` : ''})`).join(', ');
    process.stderr.write(
      `warning: the checkpoint holds the schema only: ${r.dataLeftOut.length} data statement(s) of the files it summarises are not in it (${where}${r.dataLeftOut.length > 5 ? ', …' : ''}); ` +
        'a database started from the checkpoint will not have their rows: seed them separately (or put them in a file after the checkpoint)\n',
    );
  }
  if (opts.dryRun) {
    out(r.content);
    return;
  }
  out(`${relative(cfg.cwd, r.file!) || r.file}: checkpoint of ${r.replayed} file(s), ${r.statements.length} statement(s)${tag ? `, tag ${tag}` : ''}; atlas.sum updated\n`);
}

export async function migrateRebaseAction(versions: string[], opts: CommonOptions & { native?: boolean; dryRun?: boolean }): Promise<void> {
  const cfg = configFrom(opts, { database: !!(opts.url || opts.env) });
  requireMigrationDir(cfg.migrationsDir, opts.dir);
  // The target is checked only when named: a rebased file it has applied would run there twice.
  const db = opts.url || opts.env ? await openDatabase(cfg.url) : undefined;
  try {
    const r = await withLazyDev(cfg.devUrl, (dev) =>
      migrateRebase({ migrationsDir: cfg.migrationsDir, versions, dev, db, revisionsSchema: cfg.revisionsSchema, native: opts.native !== false, schemas: cfg.schemas, exclude: cfg.exclude, dryRun: opts.dryRun }),
    );
    for (const x of r.renames) out(`${opts.dryRun ? 'would rename' : 'renamed'} ${x.from} -> ${x.to}\n`);
    out(opts.dryRun ? 'The merged directory replays cleanly; nothing was renamed (--dry-run)\n' : 'The merged directory replays cleanly; atlas.sum rewritten\n');
  } finally {
    await db?.close();
  }
}
