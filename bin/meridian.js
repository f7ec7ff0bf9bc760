#!/usr/bin/env node
// Runs the bundled CLI (dist/bundle/cli.mjs). Inside the repository (TypeScript sources present) it is
// rebuilt first when any file under src/ changed since it was built (a stat of src/, ~1 ms; the build,
// esbuild, ~0.5 s), so a stale bundle is never used and no call pays a per-call TypeScript compile. An
// installed package (sources not shipped) runs the bundle it was packed with.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'bundle', 'cli.mjs');
const builder = join(root, 'scripts', 'build-cli.mjs');
let fromSources = false;
if (existsSync(join(root, 'src', 'cli', 'bin.ts')) && existsSync(builder)) {
  try {
    const { ensureCliBuilt } = await import(pathToFileURL(builder).href);
    await ensureCliBuilt();
  } catch (e) {
    // No esbuild (or the build failed): run the sources through tsx, saying so.
    process.stderr.write(`meridian: could not build dist/bundle (${String(e?.message ?? e).split('\n')[0]}); running the TypeScript sources through tsx\n`);
    fromSources = true;
  }
}
if (fromSources) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'bin.ts')).href);
} else {
  await import(pathToFileURL(bundle).href);
}
