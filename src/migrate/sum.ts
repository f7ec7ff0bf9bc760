/**
 * `atlas.sum`, computed exactly as Atlas does (spec: shared/atlas-vectors/README.md, section A).
 *
 * In:  the migration files (name + raw bytes) in directory order.
 * Out: the sum file bytes, per-file hashes, and validation results naming the first differing entry.
 * Never: normalises newlines or encodings — hashes are over the raw bytes.
 */
import { createHash } from 'node:crypto';
import { MeridianError } from '../errors.js';

export interface SumEntry {
  readonly name: string;
  /** 44-char standard base64, without the `h1:` prefix. */
  readonly hash: string;
}

export interface HashFile {
  /** Overall sum, without `h1:`. */
  readonly sum: string;
  readonly entries: readonly SumEntry[];
}

/** `atlas:sum ignore` on the first line (any printable-ASCII prefix), matched like Go's regexp. */
export function isSumIgnored(content: Buffer | string): boolean {
  // Only the first line is read: a large file is not decoded whole.
  const nl = content.indexOf('\n');
  const head = nl < 0 ? content : content.slice(0, nl);
  const firstLine = typeof head === 'string' ? head : head.toString('latin1');
  const m = /^([ -~]*)atlas:(\w+)(?: +([^\n]+))*/.exec(firstLine);
  return !!m && m[2] === 'sum' && m[3] === 'ignore';
}

/**
 * Computes the hash file of a directory's files (already in Atlas's byte-wise name order).
 *
 * @example
 * const hf = computeHashFile([{ name: '1_init.sql', content: Buffer.from('CREATE TABLE t (id int);\n') }]);
 * formatHashFile(hf) // 'h1:…\n1_init.sql h1:…\n'
 */
export function computeHashFile(files: readonly { readonly name: string; readonly content: Buffer }[]): HashFile {
  const running = createHash('sha256');
  const entries: SumEntry[] = [];
  for (const f of files) {
    running.update(f.name, 'utf8');
    if (isSumIgnored(f.content)) continue;
    running.update(f.content);
    entries.push({ name: f.name, hash: running.copy().digest('base64') });
  }
  return { sum: overallSum(entries), entries };
}

function overallSum(entries: readonly SumEntry[]): string {
  const h = createHash('sha256');
  for (const e of entries) {
    h.update(e.name, 'utf8');
    h.update(e.hash, 'utf8');
  }
  return h.digest('base64');
}

/** The exact bytes of `atlas.sum`. */
export function formatHashFile(hf: HashFile): string {
  return `h1:${hf.sum}\n` + hf.entries.map((e) => `${e.name} h1:${e.hash}\n`).join('');
}

/** Parses `atlas.sum` as Atlas does; a malformed file or a wrong overall sum is an error. */
export function parseHashFile(text: string, file = 'atlas.sum'): HashFile {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const clean = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (clean.length === 0) throw new MeridianError('E_CHECKSUM', `${file}: checksum file format invalid (empty)`);
  const sum = clean[0]!.replace(/^h1:/, '');
  const entries: SumEntry[] = [];
  clean.slice(1).forEach((line, i) => {
    const at = line.indexOf('h1:');
    if (at < 0) throw new MeridianError('E_CHECKSUM', `${file}:${i + 2}: checksum file format invalid`);
    entries.push({ name: line.slice(0, at).trim(), hash: line.slice(at + 3) });
  });
  if (overallSum(entries) !== sum) {
    throw new MeridianError('E_CHECKSUM', `${file}: checksum mismatch: the file was edited by hand; run \`meridian migrate hash\` to recompute it if the edit was deliberate`);
  }
  return { sum, entries };
}

export type SumMismatch = { readonly reason: 'added' | 'edited' | 'removed'; readonly name: string; readonly line: number };

/**
 * Compares the recorded sum with the recomputed one. Returns undefined when they match, else the
 * first differing entry (Atlas's `checksum mismatch (atlas.sum): L<line>: <file> was <reason>`).
 */
export function compareHashFiles(recorded: HashFile, actual: HashFile): SumMismatch | undefined {
  if (recorded.sum === actual.sum) return undefined;
  const n = Math.max(recorded.entries.length, actual.entries.length);
  for (let i = 0; i < n; i++) {
    const r = recorded.entries[i];
    const a = actual.entries[i];
    if (r && a && r.name === a.name && r.hash === a.hash) continue;
    if (r && !actual.entries.some((e) => e.name === r.name)) return { reason: 'removed', name: r.name, line: i + 2 };
    if (a && !recorded.entries.some((e) => e.name === a.name)) return { reason: 'added', name: a.name, line: i + 2 };
    return { reason: 'edited', name: (a ?? r)!.name, line: i + 2 };
  }
  return { reason: 'edited', name: 'atlas.sum', line: 1 };
}
