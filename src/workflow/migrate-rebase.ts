/**
 * `migrate rebase <version…>` (Atlas's name): after two branches each generated a migration and were
 * merged, move the given files after the directory's latest version so the history is linear again.
 *
 * In:  the migration directory, the versions (or file names) to move, a dev Database for replays that do
 *      not fold natively, optionally the target Database (a file applied there must not move), a clock.
 * Out: the renames, the merged directory's check, and the conflicts found.
 * Never: writes when a conflict is found or the merged directory does not replay; moves a file the target
 *        database has applied; prints. atlas.sum is recomputed as a whole (a merge leaves it conflicted).
 *
 * A moved file keeps its description and content and gets a new `YYYYMMDDHHMMSS` version (UTC now, one
 * second apart per file) sorting after every other file. Conflicts: the statements of the moved files are
 * compared with those of the files they are moved past (the other branch); when both write the same object
 * (the same table, column, constraint, index, type…) both statements are named and nothing is written.
 */
import { directoryState, type DirectoryScopeOptions } from './directory-state.js';
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Database } from '../db/database.js';
import { MeridianError } from '../errors.js';
import { compareBytes, formatVersion, readMigrationFiles, writeSum, type MigrationFile } from '../migrate/dir.js';
import { readRevisions, revisionsSchemaFor, revisionsTableExists } from '../migrate/revisions.js';
import { initSplitter, splitStatements } from '../parse/split.js';
import { loadLibpg } from '../parse/libpg.js';
import type { Model } from '../model/types.js';
import { describeTouched, overlaps, touchedBy } from './touched.js';

export interface MigrateRebaseOptions extends DirectoryScopeOptions {
  readonly migrationsDir: string;
  /** Versions (`20260102000000`) or file names (`20260102000000_add_posts.sql`) of the files to move. */
  readonly versions: readonly string[];
  /** The target database: a file it has applied cannot be rebased (it would run twice). */
  readonly db?: Database;
  readonly revisionsSchema?: string;
  readonly now?: () => Date;
  /** Check and report, rename nothing. */
  readonly dryRun?: boolean;
}

/** One statement of a conflict: where it is and what it does. */
export interface ConflictSide {
  readonly file: string;
  readonly line: number;
  readonly sql: string;
}

/** Both branches write the same object. */
export interface RebaseConflict {
  /** `column "public"."users"."email"`. */
  readonly object: string;
  /** The statement in a moved file. */
  readonly moved: ConflictSide;
  /** The statement in a file of the other branch. */
  readonly other: ConflictSide;
}

export interface MigrateRebaseResult {
  readonly renames: readonly { readonly from: string; readonly to: string; readonly version: string }[];
  readonly conflicts: readonly RebaseConflict[];
  /** The state the merged directory replays to. */
  readonly state: Model;
  readonly native: boolean;
  /** True when the files were renamed and atlas.sum rewritten. */
  readonly written: boolean;
}

/**
 * @example
 * const r = await migrateRebase({ migrationsDir: 'database/migrations', versions: ['20260102000000'], dev });
 * r.renames // [{ from: '20260102000000_add_posts.sql', to: '20260110093000_add_posts.sql', version: '20260110093000' }]
 */
export async function migrateRebase(opts: MigrateRebaseOptions): Promise<MigrateRebaseResult> {
  if (opts.versions.length === 0) throw new MeridianError('E_USAGE', 'migrate rebase: name at least one version to move');
  const files = readMigrationFiles(opts.migrationsDir);
  const moved: MigrationFile[] = [];
  for (const v of opts.versions) {
    const hit = files.filter((f) => f.version === v || f.name === v);
    if (hit.length === 0) throw new MeridianError('E_USAGE', `migrate rebase: no migration file with version "${v}" in ${opts.migrationsDir}`);
    for (const f of hit) if (f.checkpoint) throw new MeridianError('E_USAGE', `migrate rebase: ${f.name} is a checkpoint file; checkpoints are not moved (write a new one after the rebase)`);
    for (const f of hit) if (!moved.includes(f)) moved.push(f);
  }
  moved.sort((a, b) => compareBytes(a.name, b.name));
  if (opts.db) await refuseApplied(opts.db, moved, opts.revisionsSchema);

  const rest = files.filter((f) => !moved.includes(f));
  const renames = newNames(moved, rest, (opts.now ?? (() => new Date()))());
  // The other branch: the files the moved ones now pass.
  const first = moved[0]!.name;
  const others = rest.filter((f) => compareBytes(f.name, first) > 0 && !f.checkpoint);
  const conflicts = await findConflicts(moved, others, opts.searchPath ?? ['public']);

  // The merged directory, replayed in a scratch copy (natively when it folds, else on the dev database).
  const scratch = mkdtempSync(join(tmpdir(), 'meridian-rebase-'));
  let state: Model;
  let native = false;
  try {
    for (const f of rest) copyFileSync(f.path, join(scratch, f.name));
    moved.forEach((f, i) => copyFileSync(f.path, join(scratch, renames[i]!.to)));
    try {
      // With conflicts, or when the fold refuses the merged order, PostgreSQL's own error is the one to show.
      ({ model: state, native } = await directoryState(scratch, {
        schemas: opts.schemas, exclude: opts.exclude, searchPath: opts.searchPath, dev: opts.dev, native: opts.native !== false && conflicts.length === 0, nativeFailure: 'dev',
      }));
    } catch (e) {
      const text = (e as Error).message.replaceAll(scratch + '/', '').replaceAll(relative(process.cwd(), scratch) + '/', '');
      throw new MeridianError(
        'E_MIGRATE_DIR',
        `migrate rebase: the merged directory does not replay with ${moved.map((f) => f.name).join(', ')} moved last; nothing was renamed.\n${text}` +
          (conflicts.length ? `\n${formatConflicts(conflicts)}` : ''),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (conflicts.length) {
    throw Object.assign(
      new MeridianError('E_MIGRATE_DIR', `migrate rebase: both branches change the same objects; nothing was renamed. Merge them by hand (or drop one side), then rebase:\n${formatConflicts(conflicts)}`),
      { conflicts },
    );
  }
  if (opts.dryRun) return { renames, conflicts, state, native, written: false };
  moved.forEach((f, i) => renameSync(f.path, join(opts.migrationsDir, renames[i]!.to)));
  writeSum(opts.migrationsDir);
  return { renames, conflicts, state, native, written: true };
}

/** A rebased file the target database has applied would run a second time under its new version. */
async function refuseApplied(db: Database, moved: readonly MigrationFile[], revisionsSchema: string | undefined): Promise<void> {
  const schema = revisionsSchemaFor(revisionsSchema, db.boundSchema);
  if (!(await revisionsTableExists(db, schema))) return;
  const applied = new Set((await readRevisions(db, schema)).map((r) => r.version));
  const hit = moved.filter((f) => applied.has(f.version));
  if (hit.length) {
    throw new MeridianError(
      'E_APPLY',
      `migrate rebase: ${hit.map((f) => f.name).join(', ')} ${hit.length > 1 ? 'are' : 'is'} applied on ${db.displayUrl}; under a new version it would run there again. ` +
        'Rebase the files of the branch that has not been deployed instead (nothing was renamed)',
    );
  }
}

/** New names: UTC timestamps one second apart, each sorting (by version and by file name) after every other file. */
function newNames(moved: readonly MigrationFile[], rest: readonly MigrationFile[], now: Date): { from: string; to: string; version: string }[] {
  const taken = rest.map((f) => f.name);
  const versions = rest.map((f) => f.version);
  // Start at now, or just after the latest timestamp version when that is later (a clock behind the directory's).
  let t = now.getTime();
  for (const v of versions) {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(v);
    if (m) t = Math.max(t, Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + 1000);
  }
  const out: { from: string; to: string; version: string }[] = [];
  for (const f of moved) {
    for (let guard = 0; ; guard++) {
      const v = formatVersion(new Date(t));
      const name = `${v}${f.description ? `_${f.description}` : ''}.sql`;
      if (versions.every((x) => compareBytes(x, v) < 0) && taken.every((x) => compareBytes(x, name) < 0)) {
        out.push({ from: f.name, to: name, version: v });
        taken.push(name);
        versions.push(v);
        t += 1000;
        break;
      }
      if (guard > 1000) throw new MeridianError('E_MIGRATE_DIR', `migrate rebase: no timestamp version sorts after ${taken.at(-1)} (the directory's versions are not timestamps)`);
      t += 1000;
    }
  }
  return out;
}

async function findConflicts(moved: readonly MigrationFile[], others: readonly MigrationFile[], searchPath: readonly string[]): Promise<RebaseConflict[]> {
  await Promise.all([initSplitter(), loadLibpg()]);
  const rel = (f: MigrationFile) => relative(process.cwd(), f.path) || f.path;
  const statements = (fs: readonly MigrationFile[]) =>
    fs.flatMap((f) => splitStatements(f.content, f.name).map((s) => ({ side: { file: rel(f), line: s.line, sql: s.text }, touched: touchedBy(s.text, searchPath) })));
  const ours = statements(moved);
  const theirs = statements(others);
  const out: RebaseConflict[] = [];
  for (const a of ours) {
    for (const b of theirs) {
      const hit = a.touched.find((x) => b.touched.some((y) => overlaps(x, y)));
      if (hit) out.push({ object: describeTouched(hit), moved: a.side, other: b.side });
    }
  }
  return out;
}

/**
 * The conflicts as lines: the object, then both statements with file:line.
 *
 * @example
 * formatConflicts(err.conflicts) // '  column "public"."users"."email":\n    moved: …drop_email.sql:1: ALTER TABLE …\n    other: …'
 */
export function formatConflicts(conflicts: readonly RebaseConflict[]): string {
  const one = (s: ConflictSide) => `${s.file}:${s.line}: ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`;
  return conflicts.map((c) => `  ${c.object}:\n    moved: ${one(c.moved)}\n    other: ${one(c.other)}`).join('\n');
}
