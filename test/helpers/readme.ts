/** The README's runnable code blocks (```ts, not ```ts fragment), shared by the README tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

/**
 * Every ```ts block of README.md (indented ones unindented) with the line it starts on; ```ts fragment
 * blocks are not runnable and are left out.
 *
 * @example
 * readmeBlocks()[0] // { line: 413, code: "import { openDatabase, … } from 'meridian';\n…" }
 */
export function readmeBlocks(): { line: number; code: string }[] {
  const text = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const out: { line: number; code: string }[] = [];
  const re = /^( *)```ts\s*\n([\s\S]*?)^\1```/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ line: text.slice(0, m.index).split('\n').length, code: m[2]!.replace(new RegExp(`^${m[1]}`, 'gm'), '') });
  }
  return out;
}
