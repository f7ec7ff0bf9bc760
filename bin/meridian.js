#!/usr/bin/env node
// Runs the bundled CLI (dist/bundle/cli.mjs). Inside the repository (TypeScript sources present) it is
// rebuilt first when any file under src/ changed since it was built (scripts/cli-sources.mjs: a stat of each
// source, ~200 system calls; the build, esbuild, ~1 s), so a stale bundle is never used and no call pays a
// per-call TypeScript compile. An installed package (sources not shipped) runs the bundle it was packed with.
//
// Keep this file's work before the bundle small: every command pays it. `--version` answers here, from
// package.json, before anything else is loaded or checked (it does not depend on the bundle).
import { existsSync, readFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // What commander's `.version(pkg.version, '-v, --version')` prints (src/cli/main.ts), without loading it.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Node >= 22.1 keeps V8's compiled code of the bundle between runs (its own cache under the OS temporary
  // folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off). Node 20 has no such cache: a no-op there.
  nodeModule.enableCompileCache?.();
  const root = new URL('..', import.meta.url);
  let fromSources = false;
  if (existsSync(new URL('src/cli/bin.ts', root)) && existsSync(new URL('scripts/build-cli.mjs', root))) {
    try {
      const { bundleIsCurrent } = await import(new URL('scripts/cli-sources.mjs', root).href);
      if (!bundleIsCurrent(fileURLToPath(root))) {
        const { buildCli } = await import(new URL('scripts/build-cli.mjs', root).href);
        await buildCli();
      }
    } catch (e) {
      // No esbuild (or the build failed): run the sources through tsx, saying so.
      process.stderr.write(`meridian: could not build dist/bundle (${String(e?.message ?? e).split('\n')[0]}); running the TypeScript sources through tsx\n`);
      fromSources = true;
    }
  }
  if (fromSources) {
    const { register } = await import('tsx/esm/api');
    register();
    await import(new URL('src/cli/bin.ts', root).href);
  } else {
    await import(new URL('dist/bundle/cli.mjs', root).href);
  }
}
