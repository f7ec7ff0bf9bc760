/**
 * `configFrom`: the resolved configuration of a command's options. Kept out of common.ts (which every
 * command registration imports) because the config loader pulls in zod, dotenv and the HCL reader, and
 * the backup module the embedded-database driver: only a command's action, loaded on use, needs them.
 */
import { join, resolve, sep } from 'node:path';
import type { AtlasHclEnv } from '../config/atlas-hcl.js';
import { resolveConfig, type ResolvedConfig } from '../config/config.js';
import { parseDatabaseUrl } from '../db/url.js';
import { ensureGitignore } from '../workflow/backup.js';
import { servedUrlFor } from '../workflow/served.js';
import { taskEnvFor } from '../workflow/task-env.js';
import type { CommonOptions } from './common.js';

/**
 * The resolved configuration of a command's options, with the CLI's side effects: warnings printed, the
 * served embedded database used, `.meridian/` added to .gitignore before the embedded database is created.
 * Commands that never open a database (`migrate hash`, `migrate new`) pass `{ database: false }`.
 *
 * @example
 * const cfg = configFrom(opts, { database: false });
 */
export function configFrom(opts: CommonOptions, use: { database?: boolean; hclEnvs?: readonly AtlasHclEnv[] } = {}): ResolvedConfig {
  // Inside `task env:<name> <task>…`, the env its first task recorded for this go-task run.
  const taskEnv = opts.env || process.env.MERIDIAN_ENV ? undefined : taskEnvFor(process.cwd());
  if (taskEnv) process.stderr.write(`env "${taskEnv}" (set by task env:${taskEnv} in this task run)\n`);
  const cfg = resolveConfig({
    url: opts.url,
    devUrl: opts.devUrl,
    env: opts.env ?? taskEnv,
    dir: opts.dir,
    to: opts.to,
    schema: opts.schema,
    exclude: opts.exclude,
    revisionsSchema: opts.revisionsSchema,
    vars: opts.var,
  }, use.hclEnvs ? { hclEnvs: use.hclEnvs } : {});
  for (const w of cfg.warnings) process.stderr.write(`warning: ${w}\n`);
  if (use.database === false) return cfg;
  // The embedded database served by `db serve` / `prisma studio` in another process: connect through it.
  const served = servedUrlFor(cfg.url, cfg.cwd);
  if (served) {
    process.stderr.write(`the embedded database is served by process ${served.pid}: connecting through ${served.url}\n`);
    return { ...cfg, url: served.url };
  }
  // The first command that may create the embedded database (.meridian/) makes git ignore it.
  if (embeddedUnder(cfg.url, cfg.cwd)) {
    for (const e of ensureGitignore(cfg.cwd)) process.stderr.write(`added ${e} to .gitignore\n`);
  }
  return cfg;
}

/** True when `url` is a file-backed embedded database inside `cwd`'s `.meridian/` folder. */
function embeddedUnder(url: string, cwd: string): boolean {
  try {
    const u = parseDatabaseUrl(url);
    return u.kind === 'pglite' && u.dataDir !== undefined && resolve(cwd, u.dataDir).startsWith(join(resolve(cwd), '.meridian') + sep);
  } catch {
    return false;
  }
}
