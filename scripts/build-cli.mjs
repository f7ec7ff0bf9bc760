#!/usr/bin/env node
/**
 * Builds the bundled CLI: `dist/bundle/cli.mjs` plus its chunks, ESM with code splitting, so that each
 * command's actions (and what they import: the wasm parser, PGlite, Prisma, typed SQL…) load only when
 * the command runs. Dependencies (node_modules) stay external: they are already JavaScript, and the wasm
 * and native ones (libpg-query, PGlite) must be loaded from their own folders.
 *
 * Used three ways:
 *   node scripts/build-cli.mjs [--clean]  build now (npm run build:cli; with --clean, part of npm run
 *                                         build / prepack: also removes every earlier build's chunks)
 *   bin/meridian.js                       rebuild when src/ changed since the last build (cli-sources.mjs)
 *   test/helpers/global-setup.ts          same, once before the suite
 *
 * The bundle records the signature of the sources it was built from (number of files, newest mtime; see
 * cli-sources.mjs) in `dist/bundle/meta.json`; a different signature means stale. Every chunk name carries a content hash and
 * the entry is written last, each file through a temporary name and a rename, so a process still running
 * an older build keeps finding its chunks while another process rebuilds.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleIsCurrent, sourceSignature as signatureOf } from './cli-sources.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundleDir = join(root, 'dist', 'bundle');
export const bundleEntry = join(bundleDir, 'cli.mjs');
const metaFile = join(bundleDir, 'meta.json');

/** What the bundle depends on (see cli-sources.mjs): the .ts files under src/ and this script. */
export function sourceSignature() {
  return signatureOf(root);
}

/** Dependencies bundled into the CLI; every other package stays an import of node_modules. */
const INLINE = new Set(['commander', 'picocolors', 'dotenv', 'zod']);

function externals() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies }).filter((n) => !INLINE.has(n));
  return names.flatMap((n) => [n, `${n}/*`]);
}

/**
 * commander requires node:child_process at load (for executable subcommands, which Meridian does not
 * use); loading it pulls in net, dgram and streams: ~10 % of `--version`. Bundled commander gets a
 * stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'meridian-lazy' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'meridian-lazy' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

/** True when dist/bundle is missing or was built from other sources than those in src/ now. */
export function cliIsStale() {
  try {
    return !bundleIsCurrent(root);
  } catch {
    return true;
  }
}

/**
 * Builds the bundle (always). Returns the build time in milliseconds.
 *
 * @example
 * if (cliIsStale()) await buildCli();
 */
export async function buildCli({ clean = false } = {}) {
  const t0 = performance.now();
  const sources = sourceSignature();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/bin.ts' },
    outdir: bundleDir,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Small pure-JavaScript dependencies are bundled in (one module instead of a CommonJS package to
    // resolve and load: commander alone is ~15 ms of `--version`); the others, wasm, native or large
    // (PGlite, libpg-query, pg, Prisma), stay external and load from node_modules when a command needs them.
    external: externals(),
    sourcemap: 'linked',
    legalComments: 'none',
    // The bundled CommonJS packages (commander, dotenv) require() Node's built-ins.
    banner: { js: "import { createRequire as __meridianRequire } from 'node:module'; const require = __meridianRequire(import.meta.url);" },
    plugins: [lazyChildProcess],
    write: false,
    logLevel: 'error',
  });
  mkdirSync(bundleDir, { recursive: true });
  const written = new Set(['meta.json']);
  const put = (path, contents) => {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, contents);
    renameSync(tmp, path);
    written.add(relative(bundleDir, path));
  };
  const isEntry = (p) => p === bundleEntry || p === `${bundleEntry}.map`;
  for (const f of result.outputFiles) if (!isEntry(f.path)) put(f.path, f.contents);
  for (const f of result.outputFiles) if (isEntry(f.path)) put(f.path, f.contents);
  put(metaFile, JSON.stringify({ sources, builtAt: new Date().toISOString() }) + '\n');
  // Chunks of earlier builds: removed once no process can still be running them (an hour old), or all
  // of them with `clean` (npm run build, before packing).
  for (const name of readdirSync(bundleDir)) {
    const p = join(bundleDir, name);
    if (!written.has(name) && (clean || Date.now() - statSync(p).mtimeMs > 3_600_000)) rmSync(p, { force: true });
  }
  return performance.now() - t0;
}

/** Rebuilds when stale; true when it built. */
export async function ensureCliBuilt() {
  if (!cliIsStale()) return false;
  await buildCli();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ms = await buildCli({ clean: process.argv.includes('--clean') });
  process.stdout.write(`built ${relative(root, bundleEntry)} in ${Math.round(ms)} ms\n`);
}
