/**
 * Which migration files are pending (Atlas's `Executor.Pending`), decided from the files and the revisions
 * read before.
 *
 * In:  the directory's files and the revision rows. Out: the pending files, a partially applied revision,
 * the files skipped (out of order). Never: I/O of any kind.
 */
import { MeridianError } from '../errors.js';
import { compareBytes, filesFromLastCheckpoint, type MigrationFile } from './dir.js';
import { RevisionType, type Revision } from './revisions.js';

export type ExecOrder = 'linear' | 'linear-skip' | 'non-linear';

/**
 * Computes the pending files (Atlas's Executor.Pending) from the files and the revisions read before: no I/O.
 * With no revisions, a fresh database runs the files from the last checkpoint on.
 *
 * @example
 * computePending(files, revisions, { execOrder: 'linear' }).pending.map((f) => f.version)
 */
export function computePending(
  files: readonly MigrationFile[],
  revisions: readonly Revision[],
  opts: { execOrder?: ExecOrder; count?: number },
): { pending: MigrationFile[]; partial?: Revision; skipped: MigrationFile[] } {
  if (revisions.length === 0) return { pending: limit(filesFromLastCheckpoint(files), opts.count), skipped: [] };
  const migrations = files.filter((f) => !f.checkpoint);
  const last = revisions.at(-1)!;
  const partial = last.applied !== last.total && (last.type & RevisionType.resolved) === 0 ? last : undefined;
  let startIdx: number;
  if (partial) {
    const idx = lastIndex(migrations, (m) => m.version === partial.version);
    const cp = files.find((f) => f.version === partial.version && f.checkpoint);
    if (cp) return { pending: limit([cp, ...migrations.filter((m) => compareBytes(m.version, cp.version) > 0)], opts.count), partial, skipped: [] };
    if (idx < 0) throw new MeridianError('E_APPLY', `migration with version "${partial.version}" is partially applied but migration file was not found`);
    startIdx = idx;
  } else {
    const idx = lastIndex(migrations, (m) => compareBytes(m.version, last.version) <= 0);
    startIdx = idx + 1;
  }
  const applied = new Set(revisions.map((r) => r.version));
  const first = revisions[0]!.version;
  const skipped = migrations.slice(0, startIdx).filter((m) => compareBytes(m.version, first) > 0 && !applied.has(m.version));
  let pending = migrations.slice(startIdx);
  if (skipped.length) {
    const order = opts.execOrder ?? 'linear';
    if (order === 'linear') {
      const names = skipped.map((s) => s.name).join(', ');
      throw new MeridianError(
        'E_APPLY',
        `migration file${skipped.length > 1 ? 's' : ''} ${names} ${skipped.length > 1 ? 'were' : 'was'} added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error ` +
          `(move ${skipped.length > 1 ? 'them' : 'it'} after the latest version with \`${rebaseCommand(skipped)}\`, or use --exec-order non-linear to apply ${skipped.length > 1 ? 'them' : 'it'} as ${skipped.length > 1 ? 'they are' : 'it is'})`,
      );
    }
    if (order === 'non-linear') pending = [...skipped, ...pending];
  }
  return { pending: limit(pending, opts.count), partial, skipped };
}

/**
 * The command that moves out-of-order files after the latest version.
 *
 * @example
 * rebaseCommand(status.outOfOrder) // 'meridian migrate rebase 20260102000000'
 */
export function rebaseCommand(files: readonly MigrationFile[]): string {
  return `meridian migrate rebase ${files.map((f) => f.version).join(' ')}`;
}

function lastIndex<T>(xs: readonly T[], p: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i]!)) return i;
  return -1;
}
function limit<T>(xs: T[], n: number | undefined): T[] {
  return n && n > 0 ? xs.slice(0, n) : xs;
}
