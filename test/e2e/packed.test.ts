/**
 * Meridian as a user gets it: `npm pack` of this repository (its prepack build included), the tarball
 * installed into a new project with `npm install <tgz>`, and the installed `meridian` binary and library
 * used there. Issue #22's points 3 (a mistyped `--dir`), 9 (backups and `.meridian/` ignored, owner-only)
 * and 10 (the README's embedding examples exit by themselves) are checked on that installation, after
 * `meridian init` and the guide's first commands.
 *
 * The pack runs in a copy of the repository (sources, scripts, package.json; node_modules linked), so the
 * prepack build never rewrites this checkout's dist/ while other test files run its CLI. Packing and
 * installing happen once, in beforeAll (~10–15 s on a quiet machine: tsc + esbuild, then npm install
 * with --prefer-offline from the npm cache that `npm ci` filled).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type CliResult } from '../helpers/cli.js';
import { readmeBlocks } from '../helpers/readme.js';

/** What the copy for `npm pack` leaves out: build output, tests, benchmarks, local state. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'test', 'bench', 'wip', 'coverage', 'scratch', '.meridian', '.ci']);

/**
 * The environment of every child: npm's own variables from a surrounding `npm test` removed (they would
 * configure the inner npm), and no exported DATABASE_URL (the project's settings decide, as on a laptop).
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'DATABASE_URL') env[k] = v;
  return env;
}

/** Runs a program to its end without blocking the worker's event loop; killed after `timeoutMs`. */
function run(cmd: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<CliResult & { signal: NodeJS.Signals | null; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: childEnv() });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - t0) });
    });
    child.stdin.end('');
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let app: string;
let tarball: string;
let packedFiles: string[];
/** The installed binary, as `npx meridian` runs it. */
const meridian = (args: string[], cwd = app) => run(join(app, 'node_modules/.bin/meridian'), args, cwd);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'meridian-packed-'));
  const copy = join(work, 'meridian');
  mkdirSync(copy);
  for (const e of readdirSync(repoRoot)) {
    if (NOT_COPIED.has(e) || e.endsWith('.tgz')) continue;
    cpSync(join(repoRoot, e), join(copy, e), { recursive: true, filter: (src) => basename(src) !== 'generated' });
  }
  symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(copy, 'node_modules'), 'dir');
  const pack = await run(npm, ['pack', '--json', '--pack-destination', work], copy, 180_000);
  expect(pack.code, `npm pack failed:\n${pack.stderr}`).toBe(0);
  const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info[0]!.filename);
  packedFiles = info[0]!.files.map((f) => f.path);
  console.log(`[packed] npm pack (prepack build): ${(pack.ms / 1000).toFixed(1)} s, ${packedFiles.length} files`);

  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }, null, 2) + '\n');
  const install = await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], app, 180_000);
  expect(install.code, `npm install ${tarball} failed:\n${install.stderr}`).toBe(0);
  console.log(`[packed] npm install <tgz>: ${(install.ms / 1000).toFixed(1)} s`);
  expect(spawnSync('git', ['init', '-q', app]).status).toBe(0);
}, 420_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball, installed in a new project', () => {
  it('ships the bundled CLI, the library and the Taskfile, and no tests or TypeScript sources of the CLI', () => {
    for (const f of ['bin/meridian.js', 'dist/bundle/cli.mjs', 'dist/index.js', 'dist/index.d.ts', 'Taskfile.yml', 'README.md', 'package.json']) expect(packedFiles, f).toContain(f);
    // Without src/cli, bin/meridian.js runs the bundle it was packed with (no build, no tsx at the user's).
    expect(packedFiles.filter((f) => f.startsWith('src/') && f !== 'src/typedsql/runtime.ts')).toEqual([]);
    expect(packedFiles.filter((f) => f.startsWith('test/') || f.startsWith('scripts/') || f.endsWith('.test.js'))).toEqual([]);
  });

  it('meridian init, then the guide: migrate diff, migrate apply, migrate status (embedded database)', async () => {
    const version = await meridian(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    const init = await meridian(['init']);
    expect(init.code, init.stderr).toBe(0);
    // The Taskfile comes from the installed package (init reads it next to its own package.json).
    expect(init.stdout).toMatch(/\n {2}Taskfile\.yml +the guide's tasks/);
    expect(readFileSync(join(app, 'Taskfile.yml'), 'utf8')).toBe(readFileSync(join(repoRoot, 'Taskfile.yml'), 'utf8'));
    writeFileSync(join(app, 'database/schema/schema.sql'), 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, nickname text);\n', { flag: 'a' });
    const diff = await meridian(['migrate', 'diff', 'users']);
    expect(diff.code, diff.stderr).toBe(0);
    const apply = await meridian(['migrate', 'apply']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/-- migrating version \d{14}\n/);
    const status = await meridian(['migrate', 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^Migration Status: OK\n[\s\S]*-- Executed Files: {2}1\n/);
  }, 120_000);

  it('(3) a mistyped --dir is an error naming the path, for status and apply', async () => {
    for (const cmd of [['migrate', 'status'], ['migrate', 'apply']]) {
      const r = await meridian([...cmd, '--dir', 'file://db/migrations']);
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.stderr).toContain(`error[E_MIGRATE_DIR]: migration directory ${join(app, 'db/migrations')} does not exist (--dir file://db/migrations)`);
      expect(r.stdout).toBe('');
    }
  }, 60_000);

  it('(9) a protected apply backs up under .meridian/backups, owner-only and ignored by git; nothing lands in the project root', async () => {
    // The production env init wrote, its placeholder URL replaced by the project's embedded database.
    writeFileSync(join(app, '.env.production'), 'DATABASE_URL=pglite://./.meridian/pglite\nMERIDIAN_PROTECTED=1\n');
    writeFileSync(join(app, 'database/schema/schema.sql'), 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n');
    expect((await meridian(['migrate', 'diff', 'drop_nickname'])).code).toBe(0);
    const r = await meridian(['migrate', 'apply', '--env', 'production', '--auto-approve', '--allow-hazards', 'DELETES_DATA']);
    expect(r.code, r.stderr).toBe(0);
    const line = /Backup written: (\S+) \(\d+ bytes, pglite-datadir\)/.exec(r.stdout);
    expect(line, r.stdout).not.toBeNull();
    const file = line![1]!;
    expect(file.startsWith(join(app, '.meridian/backups/production-'))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(app, '.meridian/backups')).mode & 0o777).toBe(0o700);
    // git agrees: the backup and the embedded database are ignored, the env files too.
    for (const p of [file, join(app, '.meridian/pglite'), join(app, '.env.production')]) {
      expect(spawnSync('git', ['check-ignore', '-q', p], { cwd: app }).status, p).toBe(0);
    }
    const untracked = spawnSync('git', ['status', '--porcelain'], { cwd: app, encoding: 'utf8' }).stdout;
    expect(untracked).not.toMatch(/\.meridian|\.env|backup/);
    expect(readdirSync(app).filter((f) => /backup|\.tar\.gz$|\.sql$/.test(f))).toEqual([]);
  }, 120_000);

  // (test/guard/cli-guard.test.ts checks "once" with the repository's CLI; here one run of the installed one.)
  it('(9) without init, the first command on the embedded database adds .meridian/ to .gitignore', async () => {
    const other = join(app, 'no-init');
    mkdirSync(other);
    writeFileSync(join(other, 'package.json'), '{"name":"other","private":true}\n');
    writeFileSync(join(other, '.gitignore'), 'node_modules/');
    const r = await meridian(['schema', 'inspect'], other);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('added .meridian/ to .gitignore');
    expect(readFileSync(join(other, '.gitignore'), 'utf8')).toBe('node_modules/\n# Meridian: the embedded database and backups (.meridian/backups: full data dumps)\n.meridian/\n');
  }, 120_000);

  const blocks = readmeBlocks();
  it('(10) the README has embedding examples to run', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });
  for (const b of blocks) {
    it(`(10) README.md:${b.line}, importing the installed 'meridian', exits by itself`, async () => {
      const cwd = join(app, `readme-${b.line}`);
      mkdirSync(join(cwd, 'database/schema'), { recursive: true });
      mkdirSync(join(cwd, 'database/migrations'));
      copyFileSync(join(repoRoot, 'database/schema/schema.sql'), join(cwd, 'database/schema/schema.sql'));
      copyFileSync(join(repoRoot, 'database/schema/schema.sql'), join(cwd, 'schema.sql'));
      // As pasted by a user: `from 'meridian'` resolves to app/node_modules/meridian (its dist/index.js).
      writeFileSync(join(cwd, 'example.mts'), b.code);
      const r = await run(join(repoRoot, 'node_modules/.bin/tsx'), ['example.mts'], cwd, 90_000);
      expect(r.signal, `killed after 90 s: the example did not exit\n${r.stderr}`).toBeNull();
      expect(r.code, r.stderr).toBe(0);
    }, 120_000);
  }
});
