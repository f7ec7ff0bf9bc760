/**
 * Running the user's own `prisma` CLI (generate, studio) offline. Every Prisma 7 command first tries to
 * download the native schema engine; `generate` and `studio` never use it, so Meridian points
 * `PRISMA_SCHEMA_ENGINE_BINARY` at a placeholder that explains itself if anything ever calls it.
 *
 * In:  the project directory. Out: child processes of the project's `prisma` package.
 * Never: downloads anything, or treats a run that wrote nothing as success.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeridianError } from '../errors.js';

/**
 * The `prisma` CLI entry of the project in `cwd` (resolved like `npx prisma` would), or undefined.
 *
 * @example
 * findPrismaCli('/path/to/app') // → '/path/to/app/node_modules/prisma/build/index.js'
 */
export function findPrismaCli(cwd: string): string | undefined {
  try {
    return createRequire(join(cwd, 'package.json')).resolve('prisma/build/index.js');
  } catch {
    return undefined;
  }
}

/** An executable that stands in for the schema engine and fails loudly if it is ever run. */
export function schemaEnginePlaceholder(): string {
  const dir = join(tmpdir(), 'meridian-prisma');
  const file = join(dir, 'schema-engine-placeholder');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, '#!/bin/sh\necho "meridian: the Prisma schema engine is not installed; use meridian for migrations and prisma pull" >&2\nexit 1\n');
    chmodSync(file, 0o755);
  }
  return file;
}

/** Environment for the prisma CLI: no engine download, no update check, no telemetry. */
export function prismaEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PRISMA_SCHEMA_ENGINE_BINARY: base.PRISMA_SCHEMA_ENGINE_BINARY || schemaEnginePlaceholder(),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    PRISMA_TELEMETRY_INFORMATION: base.PRISMA_TELEMETRY_INFORMATION ?? 'meridian',
  };
}

function requireCli(cwd: string): string {
  const cli = findPrismaCli(cwd);
  if (!cli) throw new MeridianError('E_PRISMA', 'prisma is not installed in this project: run `npm i -D prisma @prisma/client` (Meridian runs your project\'s own Prisma generator)');
  return cli;
}

/** Starts the project's prisma CLI with `args`. */
export function spawnPrisma(args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; inherit?: boolean }): ChildProcess {
  return spawn(process.execPath, [requireCli(opts.cwd), ...args], { cwd: opts.cwd, env: prismaEnv(opts.env), stdio: opts.inherit ? 'inherit' : 'pipe' });
}

/**
 * `prisma generate --schema <file>`: runs the project's generators. Throws `E_PRISMA` with Prisma's
 * own output when it fails or reports nothing generated.
 *
 * @example
 * const out = await prismaGenerate({ cwd: process.cwd(), schemaFile: 'prisma/schema.prisma' });
 */
export async function prismaGenerate(opts: { cwd: string; schemaFile: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const child = spawnPrisma(['generate', '--schema', opts.schemaFile], { cwd: opts.cwd, env: opts.env });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((res) => child.on('close', res));
  const text = out.trim();
  if (code !== 0) throw new MeridianError('E_PRISMA', `prisma generate failed (exit ${code}):\n${text}`);
  if (!/Generated /.test(text)) throw new MeridianError('E_PRISMA', `prisma generate reported nothing generated:\n${text}`);
  return text;
}
