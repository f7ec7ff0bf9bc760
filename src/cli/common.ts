/** Shared CLI plumbing: common flags, config resolution, error printing. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { resolveConfig, type ResolvedConfig } from '../config/config.js';
import { redactUrl } from '../db/url.js';
import { MeridianError, NotImplementedError } from '../errors.js';

export interface CommonOptions {
  url?: string;
  devUrl?: string;
  env?: string;
  dir?: string;
  to?: string;
  schema?: string[];
  exclude?: string[];
  revisionsSchema?: string;
  format?: string;
  devClear?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Adds Atlas's connection flags (`--url`, `--dev-url`, `--env`, `--schema`, `--exclude`). */
export function withDbOptions(cmd: Command): Command {
  return cmd
    .option('-u, --url <url>', 'database URL (postgres://…, pglite://memory, pglite://./dir); default: DATABASE_URL, else the embedded database')
    .option('--dev-url <url>', 'dev database used to normalise/verify (default pglite://memory)')
    .option('--dev-clear', 'empty the dev database first when it is not clean (default: refuse it)')
    .option('--env <name>', 'environment: reads .env.<name> and atlas.hcl env "<name>"')
    .option('-s, --schema <name>', 'manage only these schemas (repeatable or comma-separated)', collect)
    .option('--exclude <glob>', 'exclude objects matching the glob (repeatable)', collect);
}

/** Adds `--dir file://…` (migration directory) and `--revisions-schema`. */
export function withDirOptions(cmd: Command): Command {
  return cmd
    .option('--dir <url>', 'migration directory (file://database/migrations)')
    .option('--revisions-schema <name>', 'schema of the atlas_schema_revisions table');
}

export function withToOption(cmd: Command): Command {
  return cmd.option('--to <url>', 'desired state: file://database/schema/schema.sql (file or directory)');
}

/** Options of the planner's safety mode (pg-schema-diff / Atlas style). */
export interface PlanFlags {
  concurrentIndex?: boolean;
  notValid?: boolean;
  lockTimeout?: string;
  statementTimeout?: string;
}

/** Adds the planner's safety flags: `--concurrent-index`, `--not-valid`, `--lock-timeout`, `--statement-timeout`. */
export function withPlanOptions(cmd: Command): Command {
  return cmd
    .option('--concurrent-index', 'create/drop indexes on existing tables CONCURRENTLY (outside a transaction)')
    .option('--not-valid', 'add FKs and checks on existing tables NOT VALID, then VALIDATE CONSTRAINT')
    .option('--lock-timeout <duration>', "start the plan with SET lock_timeout (e.g. '5s')")
    .option('--statement-timeout <duration>', "start the plan with SET statement_timeout (e.g. '1min')");
}

/** The PlanOptions of `withPlanOptions` flags. */
export function planOptionsFrom(opts: PlanFlags): { concurrentIndex?: boolean; notValid?: boolean; lockTimeout?: string; statementTimeout?: string } {
  return { concurrentIndex: opts.concurrentIndex, notValid: opts.notValid, lockTimeout: opts.lockTimeout, statementTimeout: opts.statementTimeout };
}

export function formatOption(values: string[], dflt: string): Option {
  return new Option('--format <format>', `output format`).choices(values).default(dflt);
}

export function configFrom(opts: CommonOptions): ResolvedConfig {
  const cfg = resolveConfig({
    url: opts.url,
    devUrl: opts.devUrl,
    env: opts.env,
    dir: opts.dir,
    to: opts.to,
    schema: opts.schema,
    exclude: opts.exclude,
    revisionsSchema: opts.revisionsSchema,
  });
  for (const w of cfg.warnings) process.stderr.write(`warning: ${w}\n`);
  return cfg;
}

/** An action for a command of the tree that is not built yet: clear message, exit code 2. */
export function notBuilt(what: string): () => never {
  return () => {
    throw new NotImplementedError(`"meridian ${what}"`);
  };
}

/** Prints an error the way the CLI does (no stack unless DEBUG includes "meridian") and returns the exit code. */
export function reportError(e: unknown): number {
  const debug = /\bmeridian\b/.test(process.env.DEBUG ?? '');
  if (e instanceof MeridianError) {
    const loc = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : '';
    process.stderr.write(`error[${e.code}]: ${loc}${redactUrl(e.message)}\n`);
    if (debug && e.stack) process.stderr.write(redactUrl(e.stack) + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`error: ${redactUrl(String(err?.message ?? e))}\n`);
  if (debug && err?.stack) process.stderr.write(redactUrl(err.stack) + '\n');
  else process.stderr.write('(set DEBUG=meridian for details)\n');
  return 1;
}
