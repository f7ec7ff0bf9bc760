/**
 * The targets of a fleet: every database (or schema) one migration directory is applied to.
 *
 * In:  the command's flags — an atlas.hcl env with `for_each` (Atlas's syntax, its `data "sql"` queries run
 *      here), `--url` given several times, or `--url-file` (one URL a line, `#` comments).
 * Out: the resolved configuration (directory, revisions schema, dev database, protection) and the targets,
 *      each with a name to report (the `for_each` element, else the URL with its password masked). Undefined
 *      targets: not a fleet (one `--url`, an ordinary env), the single-target commands apply.
 * Never prints.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expandAtlasHclEnv, type AtlasHclEnv } from '../config/atlas-hcl.js';
import { parseVars, resolveConfig, type ConfigFlags, type ResolvedConfig } from '../config/config.js';
import type { HclValue } from '../config/hcl-eval.js';
import { describeTarget, isLocalUrl } from '../config/protection.js';
import { openDatabase } from '../db/index.js';
import { parseDatabaseUrl, redactUrl } from '../db/url.js';
import { MeridianError } from '../errors.js';
import { readTextFile } from '../input/text.js';

export interface FleetTarget {
  /** What reports name it by: the `for_each` element, else the URL with its password masked. */
  readonly name: string;
  readonly url: string;
}

export interface FleetFlags extends Omit<ConfigFlags, 'url'> {
  /** Every `--url` given (several make a fleet). */
  readonly urls?: readonly string[];
  /** `--url-file`: one URL a line; blank lines and `#` comments skipped. */
  readonly urlFile?: string;
}

export interface FleetConfig {
  readonly config: ResolvedConfig;
  /** Undefined when the command names one target (the ordinary single-database path). */
  readonly targets: readonly FleetTarget[] | undefined;
  /** atlas.hcl's selected env as evaluated (its `data "sql"` queried), for the single-target path. */
  readonly hclEnvs?: readonly AtlasHclEnv[];
}

/**
 * Runs a `data "sql"` query as Atlas does: the first column of every row.
 *
 * @example
 * await sqlDataQuery('postgres://h/db', 'SELECT datname FROM pg_database WHERE datname LIKE $1', ['tenant_%'])
 */
export async function sqlDataQuery(url: string, sql: string, args: ReadonlyArray<string | number | boolean>): Promise<HclValue[]> {
  const db = await openDatabase(url);
  try {
    const r = await db.query<Record<string, unknown>>(sql, args);
    return r.rows.map((row) => {
      const v = Object.values(row)[0];
      if (v === null || v === undefined) return null;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
      if (typeof v === 'bigint') return Number(v);
      throw new MeridianError('E_CONFIG', `unsupported row type ${typeof v} (the query must return text, numbers or booleans)`);
    });
  } finally {
    await db.close();
  }
}

/**
 * Reads a file of URLs: one a line, blank lines and `#` comments skipped.
 *
 * @example
 * readUrlFile('tenants.txt') // ['postgres://h/t1', 'postgres://h/t2']
 */
export function readUrlFile(path: string): string[] {
  const urls = readTextFile(path, path)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  urls.forEach((u, i) => {
    try {
      parseDatabaseUrl(u);
    } catch (e) {
      throw new MeridianError('E_URL', `${path}:${i + 1}: ${(e as Error).message}`);
    }
  });
  return urls;
}

/**
 * The configuration and targets of a command that may run over a fleet.
 *
 * @example
 * const { config, targets } = await resolveFleet({ env: 'fleet', vars: ['url=postgres://h/app'] });
 * targets?.length // one per tenant
 */
export async function resolveFleet(flags: FleetFlags, opts: { cwd?: string; environ?: NodeJS.ProcessEnv } = {}): Promise<FleetConfig> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const environ = opts.environ ?? process.env;
  const envName = flags.env ?? environ.MERIDIAN_ENV ?? undefined;
  const urls = [...(flags.urls ?? []), ...(flags.urlFile ? readUrlFile(resolve(cwd, flags.urlFile)) : [])];
  let hclEnvs: AtlasHclEnv[] | undefined;
  const hclPath = join(cwd, 'atlas.hcl');
  if (envName && existsSync(hclPath)) {
    hclEnvs = await expandAtlasHclEnv(readFileSync(hclPath, 'utf8'), 'atlas.hcl', environ, { select: envName, vars: parseVars(flags.vars ?? []), cwd }, sqlDataQuery);
  }
  const fleetEnv = hclEnvs?.find((e) => e.name === envName && e.instances);
  let targets: FleetTarget[] | undefined;
  if (urls.length > 1 || flags.urlFile) {
    targets = urls.map((url) => ({ name: describeTarget(url), url }));
  } else if (fleetEnv && urls.length === 0) {
    targets = fleetEnv.instances!.map((i) => {
      if (!i.url) throw new MeridianError('E_CONFIG', `atlas.hcl: env "${envName}" instance "${i.name}" has no url`);
      return { name: redactUrl(i.name), url: i.url };
    });
  }
  if (hclEnvs && fleetEnv) {
    // The settings every instance shares (a directory per tenant is not a fleet of one directory).
    const first = fleetEnv.instances![0];
    for (const i of fleetEnv.instances!) {
      for (const k of ['migrationDir', 'revisionsSchema', 'dev'] as const) {
        if (i[k] !== first?.[k]) throw new MeridianError('E_CONFIG', `atlas.hcl: env "${envName}": instances "${first!.name}" and "${i.name}" differ in ${k}; a fleet applies one migration directory`);
      }
    }
    const shared: AtlasHclEnv = { ...first, name: envName!, url: undefined, instances: undefined };
    hclEnvs = hclEnvs.map((e) => (e === fleetEnv ? shared : e));
  }
  if (targets) {
    const seen = new Set<string>();
    for (const t of targets) {
      if (seen.has(t.url)) throw new MeridianError('E_USAGE', `target ${t.name} is named twice`);
      seen.add(t.url);
    }
  }
  // Protection is decided on the most exposed target (a server elsewhere before a local one).
  const decideOn = targets?.find((t) => !isLocalUrl(t.url))?.url ?? targets?.[0]?.url ?? urls[0];
  const config = resolveConfig({ ...flags, url: decideOn }, { cwd, environ, ...(hclEnvs ? { hclEnvs } : {}) });
  return { config, targets, ...(hclEnvs ? { hclEnvs } : {}) };
}
