#!/usr/bin/env node
// Inside the repository (TypeScript sources present) runs them through tsx, so a stale dist/ is never
// used by mistake; an installed package (sources not shipped) runs the built CLI in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'cli', 'bin.ts');
if (existsSync(source) && existsSync(join(root, 'node_modules', 'tsx'))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(join(root, 'dist', 'cli', 'bin.js')).href);
}
