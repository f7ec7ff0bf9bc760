/**
 * Reads the npm part of the generalisation corpus (npm-corpus.ts): finds each package under node_modules
 * (MERIDIAN_CORPUS_NPM_DIR when set: a folder holding node_modules, or a node_modules folder; else the
 * project's), checks that the installed package is the listed `name@version`, expands the file patterns and
 * applies the documented edits. A missing package or file throws: the corpus test then fails, never skips.
 *
 * @example
 * const sources = readNpmState(NPM_PRODUCTS['graphile-worker'].states[0]!); // [prelude, sql/000001.sql, …]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SqlSource } from '../../src/parse/located.js';
import { repoRoot } from '../helpers/cli.js';
import type { Edit, NpmPart, NpmState } from './npm-corpus.js';

/** The node_modules folder the corpus packages are read from. */
export function npmCorpusRoot(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.MERIDIAN_CORPUS_NPM_DIR;
  if (!dir) return join(repoRoot, 'node_modules');
  const abs = resolve(dir);
  return basename(abs) === 'node_modules' ? abs : join(abs, 'node_modules');
}

const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The files of a part, patterns expanded (a `*` in the last path segment only), in run order. */
export function partFiles(dir: string, part: NpmPart): string[] {
  const out: string[] = [];
  for (const f of part.files) {
    if (!f.includes('*')) {
      out.push(f);
      continue;
    }
    const folder = dirname(f);
    if (folder.includes('*')) throw new Error(`npm corpus: only the last segment may hold a pattern: ${f}`);
    const re = new RegExp(`^${basename(f).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const found = existsSync(join(dir, folder)) ? readdirSync(join(dir, folder)).filter((n) => re.test(n)).sort(natural) : [];
    if (found.length === 0) throw new Error(`npm corpus: ${part.name}@${part.version}: no file matches ${f}`);
    out.push(...found.map((n) => join(folder, n)));
  }
  return out;
}

/** Applies the per-file edits (prelude is handled by readNpmState). */
export function editText(text: string, edits: readonly Edit[]): string {
  let t = text;
  for (const e of edits) {
    if (e.kind === 'replace') t = t.replace(new RegExp(`${e.from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), e.to);
    else if (e.kind === 'dropPsqlMeta') t = t.split('\n').map((l) => (l.startsWith('\\') ? '' : l)).join('\n');
    else if (e.kind === 'upSection') {
      const up = t.search(/^--\s*Up Migration\b/im);
      const down = t.search(/^--\s*Down Migration\b/im);
      if (up < 0) throw new Error('npm corpus: upSection: no `-- Up Migration` line');
      // Blank (not cut) the lines outside the up section, so locations keep the package file's line numbers.
      const blank = (s: string) => s.replace(/[^\n]/g, '');
      t = blank(t.slice(0, up)) + (down > up ? t.slice(up, down) + blank(t.slice(down)) : t.slice(up));
    } else if (e.kind === 'transactionPerFile') t = `BEGIN; ${t}\n;COMMIT;\n`;
  }
  return t;
}

/** The installed package of a part: its folder, after checking its name and version. */
export function packageDir(root: string, part: NpmPart): string {
  const dir = join(root, part.install);
  const pj = join(dir, 'package.json');
  if (!existsSync(pj)) throw new Error(`npm corpus: ${part.install} (${part.name}@${part.version}) is not installed under ${root}`);
  const { name, version } = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string };
  if (name !== part.name || version !== part.version) throw new Error(`npm corpus: ${part.install} is ${name}@${version}, the manifest lists ${part.name}@${part.version}`);
  return dir;
}

/** The SQL sources of a state: the prelude (when the state has one), then every part's files, edited. */
export function readNpmState(state: NpmState, root = npmCorpusRoot()): SqlSource[] {
  const edits = state.edits ?? [];
  const out: SqlSource[] = [];
  const prelude = edits.flatMap((e) => (e.kind === 'prelude' ? [e.sql] : []));
  if (prelude.length) out.push({ file: 'prelude.sql', text: `${prelude.join('\n')}\n` });
  for (const part of state.parts) {
    const dir = packageDir(root, part);
    for (const f of partFiles(dir, part)) {
      const p = join(dir, f);
      if (!existsSync(p)) throw new Error(`npm corpus: ${part.name}@${part.version} has no file ${f}`);
      out.push({ file: `${part.name}@${part.version}/${f}`, text: editText(readFileSync(p, 'utf8'), edits) });
    }
  }
  return out;
}
