/**
 * Protection: a property of the environment, not of its name alone.
 *
 * In:  the environment's name, its database URL and an explicit setting when one was written down
 *      (`protected = true|false` in the atlas.hcl env block, `MERIDIAN_PROTECTED=1|0` in `.env.<name>` or the
 *      process environment; `MERIDIAN_PRODUCTION` is read as an older spelling of the same key).
 * Out: whether guard rails apply, and the reason in words (shown by `dev status` and in every refusal).
 * Defaults: on for names like prod / production / live (any `-`, `_`, `.` or `:` separated part of the name),
 * and for a server URL whose host is not this machine; off for the embedded database and local servers.
 * An explicit setting wins over the defaults, in both directions. Pure: no I/O.
 */
import { parseDatabaseUrl, redactUrl } from '../db/url.js';

export interface Protection {
  readonly protected: boolean;
  /** Why, in words: `env "prod" is named like production`, `atlas.hcl env "x": protected = true`, … */
  readonly reason: string;
}

/** Name parts that mark a production-like environment. */
const PRODUCTION_NAMES = new Set(['prod', 'production', 'prd', 'live']);

/** True for names like `prod`, `production`, `live`, `prod-eu`, `eu_production`. */
export function productionLikeName(name: string): boolean {
  return name.toLowerCase().split(/[-_.:/\s]+/).some((part) => PRODUCTION_NAMES.has(part));
}

/**
 * The host a server URL connects to, or undefined for the embedded database. A Unix socket
 * (`?host=/var/run/postgresql`, or no host) is reported as `socket`.
 */
export function urlHost(url: string): string | undefined {
  const parsed = parseDatabaseUrl(url);
  if (parsed.kind === 'pglite') return undefined;
  const u = new URL(parsed.url);
  const hostParam = u.searchParams.get('host');
  if (hostParam?.startsWith('/')) return 'socket';
  return u.hostname.replace(/^\[|\]$/g, '') || 'socket';
}

/** True for the embedded database, a Unix socket, localhost and loopback addresses. */
export function isLocalUrl(url: string): boolean {
  const host = urlHost(url);
  if (host === undefined || host === 'socket') return true;
  const h = host.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/**
 * Decides whether an environment is protected.
 *
 * @example
 * protectionFor({ envName: 'prod', url: 'postgres://127.0.0.1/app' })
 * // { protected: true, reason: 'env "prod" is named like production' }
 * protectionFor({ envName: 'staging', url: 'postgres://10.0.0.5/app', explicit: { value: false, source: '.env.staging: MERIDIAN_PROTECTED=0' } })
 * // { protected: false, reason: '.env.staging: MERIDIAN_PROTECTED=0' }
 */
export function protectionFor(input: { envName: string | undefined; url: string; explicit?: { value: boolean; source: string } }): Protection {
  if (input.explicit) return { protected: input.explicit.value, reason: input.explicit.source };
  if (input.envName && productionLikeName(input.envName)) return { protected: true, reason: `env "${input.envName}" is named like production` };
  if (!isLocalUrl(input.url)) return { protected: true, reason: `the database host "${urlHost(input.url)}" is not this machine` };
  return { protected: false, reason: input.envName ? `env "${input.envName}" is local` : 'the database is local' };
}

/** Parses a boolean setting (`1/0`, `true/false`, `yes/no`, `on/off`); undefined for anything else. */
export function parseBoolSetting(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  return undefined;
}

/**
 * The target of a command in words, password masked: the server URL (host, port, database) or the
 * embedded database's directory.
 *
 * @example
 * describeTarget('postgres://app:s3cret@db.example.com/app') // 'postgres://app:xxxxx@db.example.com/app'
 * describeTarget('pglite://./.meridian/pglite')             // 'embedded database ./.meridian/pglite'
 */
export function describeTarget(url: string): string {
  try {
    const parsed = parseDatabaseUrl(url);
    if (parsed.kind === 'pglite') return parsed.dataDir ? `embedded database ${parsed.dataDir}` : 'in-memory embedded database';
    return redactUrl(parsed.url);
  } catch {
    return redactUrl(url);
  }
}
