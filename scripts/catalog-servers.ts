/**
 * What the catalog scripts share (./pg-catalog-snapshot.ts, ./pg-function-results.ts): the servers to read
 * (the URLs given, else PGlite and DATABASE_URL when set), each opened, read and closed in turn.
 */
import { openDatabase } from '../src/db/index.js';
import type { Database } from '../src/db/database.js';

/**
 * The database URLs a catalog script reads: those given on its command line, else PGlite and DATABASE_URL when set.
 *
 * @example
 * serverUrls([]) // ['pglite://memory', 'postgres://…'] with DATABASE_URL set
 */
export function serverUrls(args: readonly string[]): string[] {
  return args.length ? [...args] : ['pglite://memory', ...(process.env.DATABASE_URL ? [process.env.DATABASE_URL] : [])];
}

/**
 * Opens each URL in turn, reads it with `read` and closes it (also when the read fails); the readings in URL order.
 *
 * @example
 * const servers = await readServers(serverUrls(process.argv.slice(2)), readServer);
 */
export async function readServers<T>(urls: readonly string[], read: (db: Database) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const url of urls) {
    const db = await openDatabase(url);
    try {
      out.push(await read(db));
    } finally {
      await db.close();
    }
  }
  return out;
}

/** Adds `v` to the set under `k` (a server's functions or operators by name). */
export function add(m: Map<string, Set<string>>, k: string, v: string): void {
  m.set(k, (m.get(k) ?? new Set()).add(v));
}
