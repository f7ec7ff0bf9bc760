/**
 * Database URLs: `postgres://` / `postgresql://` for servers (node-postgres), `pglite://memory` and
 * `pglite://<path>` for the embedded database. Parsing never throws a raw TypeError: bad input gets
 * a `MeridianError` with code `E_URL` whose message never contains a password.
 */
import { MeridianError } from '../errors.js';

export type DatabaseUrl =
  | { readonly kind: 'postgres'; readonly url: string; readonly searchPath?: string; readonly database: string }
  | { readonly kind: 'pglite'; readonly dataDir: string | undefined; readonly url: string; readonly searchPath?: string };

/** The PostgreSQL major version the embedded database (PGlite) runs; test/safety/catalog-versions.test.ts checks it. */
export const PGLITE_MAJOR = 18;

/**
 * The PostgreSQL major version behind a URL when it is known without connecting: PGlite's for `pglite://`;
 * undefined for a server (asking costs a connection, which Meridian opens only when it needs the database).
 *
 * @example
 * knownMajor('pglite://memory')          // 18
 * knownMajor('postgres://localhost/dev') // undefined
 */
export function knownMajor(url: string): number | undefined {
  return /^\s*pglite:\/\//i.test(url) ? PGLITE_MAJOR : undefined;
}

/** The file-backed embedded database used when no URL is configured anywhere. */
export const DEFAULT_PGLITE_URL = 'pglite://./.meridian/pglite';

/**
 * Replaces the password of a URL with `xxxxx` (also inside free text).
 *
 * @example
 * redactUrl('postgres://me:secret@db/app') // 'postgres://me:xxxxx@db/app'
 */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@\s/]*)@/gi, '$1xxxxx@');
}

/**
 * A dev URL as Atlas writes it for a disposable container, `docker://postgres/<tag>[/<database>][?search_path=…]`
 * (Atlas starts the image, replays on it and removes it), is served by the embedded dev database in memory,
 * bound to the same schema: no container runtime is needed, so an Atlas pipeline runs unchanged. The
 * embedded database is PostgreSQL 18 whatever the tag. Other images (MySQL, PostGIS…) are refused; any
 * other URL comes back as it is.
 *
 * @example
 * devDatabaseUrl('docker://postgres/15/dev?search_path=public') // 'pglite://memory?search_path=public'
 * devDatabaseUrl('postgres://localhost/dev')                    // 'postgres://localhost/dev'
 */
export function devDatabaseUrl(raw: string): string {
  const m = /^\s*docker:\/\/([^/?]+)(?:\/[^?]*)?(?:\?(.*))?$/i.exec(raw);
  if (!m) return raw;
  if (m[1]!.toLowerCase() !== 'postgres')
    throw new MeridianError('E_URL', `dev URL "${redactUrl(raw.trim())}": Meridian serves docker://postgres/… dev URLs with its embedded database; for the "${m[1]}" image pass --dev-url postgres://… of a database that has it`);
  const sp = new URLSearchParams(m[2] ?? '').get('search_path');
  return `pglite://memory${sp ? `?search_path=${encodeURIComponent(sp)}` : ''}`;
}

/**
 * Parses a database URL.
 *
 * @example
 * parseDatabaseUrl('postgres://postgres@127.0.0.1:5432/test?search_path=app').searchPath // 'app'
 * parseDatabaseUrl('pglite://memory').kind // 'pglite'
 */
export function parseDatabaseUrl(raw: string): DatabaseUrl {
  const text = raw.trim();
  if (text === '') throw new MeridianError('E_URL', 'empty database URL: pass --url postgres://… or pglite://…');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'pglite') {
    const rest = text.slice('pglite://'.length);
    const q = rest.indexOf('?');
    const path = q >= 0 ? rest.slice(0, q) : rest;
    const params = new URLSearchParams(q >= 0 ? rest.slice(q + 1) : '');
    const sp = params.get('search_path') ?? undefined;
    if (path === '' ) throw new MeridianError('E_URL', `malformed URL "${text}": use pglite://memory or pglite://<directory>`);
    return { kind: 'pglite', dataDir: path === 'memory' ? undefined : path, url: text, ...(sp ? { searchPath: sp } : {}) };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let u: URL;
    try {
      u = new URL(text);
    } catch {
      throw new MeridianError('E_URL', `malformed URL "${redactUrl(text)}": expected postgres://user[:password]@host[:port]/database`);
    }
    const sp = u.searchParams.get('search_path') ?? undefined;
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
    return { kind: 'postgres', url: text, database, ...(sp ? { searchPath: sp } : {}) };
  }
  if (scheme === 'file') {
    throw new MeridianError('E_URL', `"${text}" is a file URL, not a database URL: use postgres://… or pglite://…`);
  }
  throw new MeridianError(
    'E_URL',
    `unsupported database URL "${redactUrl(text)}": use postgres://user@host:port/db, pglite://memory or pglite://./path`,
  );
}
