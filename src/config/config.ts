/**
 * Configuration resolution. Sources, highest priority first:
 *   1. command-line flags (`--url`, `--dev-url`, `--dir`, `--to`, `--schema`, `--exclude`, `--revisions-schema`)
 *   2. `.env.<name>` when `--env <name>` (or `MERIDIAN_ENV`) is given
 *   3. the `env "<name>"` block of `atlas.hcl` (subset) — a named environment beats ambient variables: an
 *      exported `DATABASE_URL` that differs from the named env's URL is reported in `warnings`, not used
 *   4. the process environment (`DATABASE_URL`, `DEV_DATABASE_URL`, `MERIDIAN_*`)
 *   5. `.env` in the project directory
 *   6. defaults: the embedded database `pglite://./.meridian/pglite`, dev database `pglite://memory`,
 *      `database/migrations`, `database/schema/schema.sql`.
 * Everything from outside is validated with zod; errors name the file and key.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { readTextFile } from '../input/text.js';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
// zod/mini: the same validation, tree-shaken to ~30 KB in the bundle; `zod` (with its 64 locales and JSON
// Schema code, ~800 KB) took 45–55 ms to load in every command that reads the configuration (#23).
// zod/mini has no default messages: every check below names the file and key itself.
import { looseObject, minLength, optional, refine, string, superRefine, type ZodMiniType } from 'zod/mini';
import { devDatabaseUrl, parseDatabaseUrl, DEFAULT_PGLITE_URL } from '../db/url.js';
import { MeridianError } from '../errors.js';
import { atlasHclEnvNames, parseAtlasHcl, type AtlasHclEnv } from './atlas-hcl.js';
import { describeTarget, parseBoolSetting, protectionFor, type Protection } from './protection.js';

export interface ConfigFlags {
  readonly url?: string;
  readonly devUrl?: string;
  readonly env?: string;
  /** `file://database/migrations` or a plain path. */
  readonly dir?: string;
  /** `file://database/schema/schema.sql` or a plain path (file or directory). */
  readonly to?: string;
  readonly schema?: readonly string[];
  readonly exclude?: readonly string[];
  readonly revisionsSchema?: string;
  /** Atlas's `--var name=value` flags, for `variable` blocks of atlas.hcl. */
  readonly vars?: readonly string[];
}

export type ValueSource = 'flag' | 'env-file' | 'environment' | 'dotenv' | 'atlas.hcl' | 'default';

export interface ResolvedConfig {
  readonly cwd: string;
  readonly envName: string | undefined;
  /** Whether guard rails apply, and why (see config/protection.ts). */
  readonly protection: Protection;
  /** Same as `protection.protected` (the older name). */
  readonly production: boolean;
  readonly url: string;
  readonly urlSource: ValueSource;
  readonly devUrl: string;
  readonly migrationsDir: string;
  readonly schemaPath: string;
  readonly schemas: readonly string[] | undefined;
  readonly exclude: readonly string[];
  readonly revisionsSchema: string | undefined;
  readonly warnings: readonly string[];
}

const text = (key: string, file: string) => string({ error: `${file}: ${key} must be a string` });

const nonEmpty = (key: string, file: string) => text(key, file).check(minLength(1, `${file}: ${key} is empty`));

const urlString = (key: string, file: string) =>
  nonEmpty(key, file).check(
    superRefine((v, ctx) => {
      try {
        parseDatabaseUrl(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `${file}: ${key}: ${(e as Error).message}` });
      }
    }),
  );

const envFileSchema = (file: string) =>
  looseObject({
    DATABASE_URL: optional(urlString('DATABASE_URL', file)),
    DEV_DATABASE_URL: optional(urlString('DEV_DATABASE_URL', file)),
    MERIDIAN_MIGRATIONS_DIR: optional(nonEmpty('MERIDIAN_MIGRATIONS_DIR', file)),
    MERIDIAN_SCHEMA: optional(nonEmpty('MERIDIAN_SCHEMA', file)),
    MERIDIAN_PRODUCTION: optional(boolSetting('MERIDIAN_PRODUCTION', file)),
    MERIDIAN_PROTECTED: optional(boolSetting('MERIDIAN_PROTECTED', file)),
  });

const boolSetting = (key: string, file: string) =>
  text(key, file).check(refine((v) => parseBoolSetting(v) !== undefined, { message: `${file}: ${key} must be 1 or 0 (true/false)` }));

function validate<T>(schema: ZodMiniType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new MeridianError('E_CONFIG', r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

/** Strips Atlas's `file://` prefix. `file://database/migrations` → `database/migrations`. */
export function fileUrlToPath(v: string, cwd: string): string {
  const p = v.startsWith('file://') ? v.slice('file://'.length) : v;
  return isAbsolute(p) ? p : resolve(cwd, p);
}

function readEnvFile(path: string, label: string): Record<string, string> {
  try {
    return parseDotenv(readTextFile(path, label));
  } catch (e) {
    if (e instanceof MeridianError) throw e;
    throw new MeridianError('E_ENV', `cannot read ${label}: ${(e as Error).message}`);
  }
}

/** The protection setting written down for this environment, with where it was written. */
function explicitProtection(
  envName: string | undefined,
  envFile: Record<string, string>,
  hcl: AtlasHclEnv | undefined,
  procEnv: Record<string, string | undefined>,
): { value: boolean; source: string } | undefined {
  for (const key of ['MERIDIAN_PROTECTED', 'MERIDIAN_PRODUCTION']) {
    const v = parseBoolSetting(envFile[key]);
    if (v !== undefined) return { value: v, source: `.env.${envName}: ${key}=${envFile[key]}` };
  }
  if (hcl?.protected !== undefined) return { value: hcl.protected, source: `atlas.hcl env "${hcl.name}": protected = ${hcl.protected}` };
  for (const key of ['MERIDIAN_PROTECTED', 'MERIDIAN_PRODUCTION']) {
    const v = parseBoolSetting(procEnv[key]);
    // The process environment may add protection, never lift it (that takes the env's own file or block).
    if (v === true) return { value: v, source: `${key}=${procEnv[key]} in the environment` };
  }
  return undefined;
}

function gitTracks(cwd: string, file: string): boolean {
  try {
    childProcess().execFileSync('git', ['ls-files', '--error-unmatch', file], { cwd, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `--var name=value` flags as a record (a repeated name keeps the last value, as Atlas does for scalars).
 *
 * @example
 * parseVars(['url=postgres://h/db', 'tenant=a']) // { url: 'postgres://h/db', tenant: 'a' }
 */
export function parseVars(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of flags) {
    const at = f.indexOf('=');
    if (at <= 0) throw new MeridianError('E_USAGE', `--var ${f}: use --var name=value`);
    out[f.slice(0, at)] = f.slice(at + 1);
  }
  return out;
}

/**
 * Resolves the effective configuration for a command.
 *
 * @example
 * const cfg = resolveConfig({ url: 'pglite://memory' }, { cwd: process.cwd() });
 * cfg.migrationsDir // '/abs/path/database/migrations'
 */
export function resolveConfig(flags: ConfigFlags, opts: { cwd?: string; environ?: NodeJS.ProcessEnv; hclEnvs?: readonly AtlasHclEnv[] } = {}): ResolvedConfig {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const environ = opts.environ ?? process.env;
  const warnings: string[] = [];
  const envName = flags.env ?? environ.MERIDIAN_ENV ?? undefined;

  // atlas.hcl is read only for a named env, and only that env is evaluated (as Atlas reads its project
  // file only with --env): a command without --env, like `migrate hash`, never fails on it.
  let hclEnvs: AtlasHclEnv[] = [];
  let hclNames: string[] = [];
  const hclPath = join(cwd, 'atlas.hcl');
  if (envName && opts.hclEnvs) {
    // Already evaluated by the caller (a fleet: `for_each` expanded, `data "sql"` queried).
    hclEnvs = [...opts.hclEnvs];
    hclNames = hclEnvs.map((e) => e.name);
  } else if (envName && existsSync(hclPath)) {
    const text = readTextFile(hclPath, 'atlas.hcl');
    hclNames = atlasHclEnvNames(text, 'atlas.hcl');
    hclEnvs = parseAtlasHcl(text, 'atlas.hcl', environ, { select: envName, vars: parseVars(flags.vars ?? []), cwd });
  } else if (flags.vars?.length) {
    throw new MeridianError('E_USAGE', `--var needs a project file env: pass --env <name> with an atlas.hcl that declares the variables`);
  }
  const hcl = envName ? hclEnvs.find((e) => e.name === envName) : undefined;

  let envFile: Record<string, string> = {};
  if (envName) {
    const name = `.env.${envName}`;
    const path = join(cwd, name);
    if (existsSync(path)) {
      envFile = validate(envFileSchema(name), readEnvFile(path, name)) as Record<string, string>;
      if (gitTracks(cwd, name)) warnings.push(`${name} is tracked by git: it may hold credentials; add it to .gitignore and rotate what it contains`);
    } else if (!hcl && envName !== 'local') {
      const known = hclNames;
      throw new MeridianError(
        'E_ENV',
        `unknown environment "${envName}": create ${name} with DATABASE_URL=…${known.length ? ` or use one of atlas.hcl's envs: ${known.join(', ')}` : ''}`,
      );
    }
  }
  const dotenvPath = join(cwd, '.env');
  const dotenv = existsSync(dotenvPath) ? (validate(envFileSchema('.env'), readEnvFile(dotenvPath, '.env')) as Record<string, string>) : {};
  const procEnv = validate(envFileSchema('environment'), {
    DATABASE_URL: environ.DATABASE_URL || undefined,
    DEV_DATABASE_URL: environ.DEV_DATABASE_URL || undefined,
    MERIDIAN_MIGRATIONS_DIR: environ.MERIDIAN_MIGRATIONS_DIR || undefined,
    MERIDIAN_SCHEMA: environ.MERIDIAN_SCHEMA || undefined,
    MERIDIAN_PRODUCTION: environ.MERIDIAN_PRODUCTION || undefined,
    MERIDIAN_PROTECTED: environ.MERIDIAN_PROTECTED || undefined,
  }) as Record<string, string | undefined>;

  // A named environment's own value (its .env file, then its atlas.hcl block) beats the process environment.
  const named = (key: string, hclValue: string | undefined): [string, ValueSource] | undefined =>
    envFile[key] ? [envFile[key]!, 'env-file'] : hclValue ? [hclValue, 'atlas.hcl'] : undefined;
  const pick = (flag: string | undefined, key: string, hclValue: string | undefined, dflt: string): [string, ValueSource] => {
    if (flag) return [flag, 'flag'];
    const own = named(key, hclValue);
    if (own) {
      const ambient = procEnv[key];
      if (ambient && ambient !== own[0]) {
        const isUrl = key.endsWith('DATABASE_URL');
        const show = (v: string) => (isUrl ? describeTarget(v) : v);
        warnings.push(`${key} is exported as ${show(ambient)}, but env "${envName}" sets ${show(own[0])} (${own[1] === 'env-file' ? `.env.${envName}` : 'atlas.hcl'}): using env "${envName}"`);
      }
      return own;
    }
    if (procEnv[key]) return [procEnv[key]!, 'environment'];
    if (dotenv[key]) return [dotenv[key]!, 'dotenv'];
    return [dflt, 'default'];
  };
  const [url, urlSource] = pick(flags.url, 'DATABASE_URL', hcl?.url, DEFAULT_PGLITE_URL);
  // Atlas's docker://postgres/… dev URL is served by the embedded dev database (see devDatabaseUrl).
  const devUrl = devDatabaseUrl(pick(flags.devUrl, 'DEV_DATABASE_URL', hcl?.dev, 'pglite://memory')[0]);
  if (flags.url) parseDatabaseUrl(flags.url);
  if (flags.devUrl) parseDatabaseUrl(devUrl);
  const [dir] = pick(flags.dir, 'MERIDIAN_MIGRATIONS_DIR', hcl?.migrationDir, 'database/migrations');
  const [to] = pick(flags.to, 'MERIDIAN_SCHEMA', hcl?.schemaSrc, 'database/schema/schema.sql');
  const protection = protectionFor({ envName, url, explicit: explicitProtection(envName, envFile, hcl, procEnv) });
  return {
    cwd,
    envName,
    protection,
    production: protection.protected,
    url,
    urlSource,
    devUrl,
    migrationsDir: fileUrlToPath(dir, cwd),
    schemaPath: fileUrlToPath(to, cwd),
    schemas: flags.schema?.length ? flags.schema.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean) : hcl?.schemas,
    exclude: flags.exclude?.length ? [...flags.exclude] : hcl?.exclude ?? [],
    revisionsSchema: flags.revisionsSchema ?? hcl?.revisionsSchema,
    warnings,
  };
}

/** node:child_process, loaded on first use (it pulls in net and streams: milliseconds every command would pay). */
function childProcess(): typeof import('node:child_process') {
  return createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
}
