/**
 * Is the bundled CLI (dist/bundle) current with the TypeScript sources under src/? The one definition of the
 * sources' signature, shared by bin/meridian.js (checked on every call inside the repository, so it is kept
 * to node:fs and node:path: no other module to load) and scripts/build-cli.mjs (which records it in
 * dist/bundle/meta.json when it builds).
 *
 * The signature is the number of .ts files under src/ (src/generated excepted) and the newest mtime among
 * them, their folders and the build script; a folder's mtime changes when a file in it is added, removed or
 * renamed. One readdir per folder and one stat per file: ~200 system calls for the ~180 files of src/.
 *
 * @example
 * if (!bundleIsCurrent(root)) await (await import('./build-cli.mjs')).buildCli();
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `count:newestMtimeMs` of the sources under `root`/src and the build script. */
export function sourceSignature(root) {
  let count = 0;
  let newest = statSync(join(root, 'scripts', 'build-cli.mjs')).mtimeMs;
  const walk = (dir) => {
    const m = statSync(dir).mtimeMs;
    if (m > newest) newest = m;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== 'generated') walk(join(dir, e.name));
      } else if (e.name.endsWith('.ts')) {
        count++;
        const f = statSync(join(dir, e.name)).mtimeMs;
        if (f > newest) newest = f;
      }
    }
  };
  walk(join(root, 'src'));
  return `${count}:${newest}`;
}

/** True when dist/bundle/meta.json records the signature of the sources as they are now (and the entry exists). */
export function bundleIsCurrent(root) {
  try {
    const meta = JSON.parse(readFileSync(join(root, 'dist', 'bundle', 'meta.json'), 'utf8'));
    return meta.sources === sourceSignature(root) && statSync(join(root, 'dist', 'bundle', 'cli.mjs')).isFile();
  } catch {
    return false;
  }
}
