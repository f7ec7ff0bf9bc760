/**
 * The `meridian` command line: Atlas's command tree (`migrate …`, `schema …`) plus the guide's tasks
 * (`db …`, `dev …`, `prisma …`, `sql generate`). Each group lives in its own module; this file only
 * assembles them and maps errors to exit codes.
 *
 * Keep this file's static import graph light: the register modules define options only and load each
 * command's action (database drivers, the wasm parser, lint, Prisma, zod…) with `await import()` when it
 * runs, so `meridian --version` / `--help` load commander and a handful of small modules.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { reportError } from './common.js';
import { registerMigrate } from './migrate.js';
import { registerSchema } from './schema.js';
import { registerDb } from './db.js';
import { registerPrisma } from './prisma.js';
import { registerEnv } from './env.js';
import { registerInit } from './init.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('meridian')
    .description('PostgreSQL schema migrations, Atlas-compatible, pure TypeScript')
    .version(version(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerInit(program);
  registerMigrate(program);
  registerSchema(program);
  registerDb(program);
  registerPrisma(program);
  registerEnv(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return e.exitCode === 0 ? 0 : 2;
    }
    // Interrupted while a dev database was in use: the error is the ended connection's, not worth showing.
    if ((await import('../workflow/dev-lease.js').then((m) => m.devInterrupted(), () => false))) return 130;
    return reportError(e);
  }
}

