/**
 * One embedded database, many processes. PGlite is opened by one process at a time (a lock file next to
 * its data directory); while `db serve` or `prisma studio` holds it, they say so in `<dataDir>.served.json`
 * (owner pid and the URL they serve it at), and every other command connects through that server instead
 * of waiting for the lock. A record whose process is gone is ignored and removed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDatabaseUrl } from '../db/url.js';

const recordPath = (dataDir: string) => `${resolve(dataDir)}.served.json`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Records that this process serves the embedded database at `url`; returns the function that removes the
 * record (also removed when the process exits).
 *
 * @example
 * const unrecord = recordServed('.meridian/pglite', 'postgres://postgres@127.0.0.1:5433/postgres');
 */
export function recordServed(dataDir: string, url: string): () => void {
  const path = recordPath(dataDir);
  writeFileSync(path, JSON.stringify({ pid: process.pid, url }) + '\n', { mode: 0o600 });
  const remove = () => {
    process.removeListener('exit', remove); // removed by hand before exit: no listener left behind
    try {
      if ((JSON.parse(readFileSync(path, 'utf8')) as { pid: number }).pid === process.pid) rmSync(path, { force: true });
    } catch {
      /* already gone */
    }
  };
  process.once('exit', remove);
  return remove;
}

/**
 * The URL a running `db serve` / `prisma studio` serves this embedded database at, when one does; the
 * `search_path` of the embedded URL is carried over. Undefined for servers, in-memory databases, or when
 * nothing (alive) serves it.
 *
 * @example
 * servedUrlFor('pglite://./.meridian/pglite', process.cwd()) // { url: 'postgres://postgres@127.0.0.1:5433/postgres', pid: 4242 }
 */
export function servedUrlFor(url: string, cwd: string): { url: string; pid: number } | undefined {
  let parsed;
  try {
    parsed = parseDatabaseUrl(url);
  } catch {
    return undefined;
  }
  if (parsed.kind !== 'pglite' || parsed.dataDir === undefined) return undefined;
  const path = recordPath(resolve(cwd, parsed.dataDir));
  let rec: { pid?: unknown; url?: unknown };
  try {
    rec = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; url?: unknown };
  } catch {
    return undefined;
  }
  if (typeof rec.pid !== 'number' || typeof rec.url !== 'string' || rec.pid === process.pid) return undefined;
  if (!alive(rec.pid)) {
    rmSync(path, { force: true });
    return undefined;
  }
  const u = new URL(rec.url);
  if (parsed.searchPath) u.searchParams.set('search_path', parsed.searchPath);
  return { url: u.toString(), pid: rec.pid };
}
