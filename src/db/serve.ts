/**
 * Serves an embedded PGlite database on a localhost TCP port (PostgreSQL wire protocol, through
 * pglite-socket), so psql, Prisma Studio or any client can connect to it.
 */
import { MeridianError } from '../errors.js';
import type { Database } from './database.js';
import { PgliteDatabase } from './pglite.js';

export interface ServedDatabase {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (add `?sslmode=disable` for clients that insist). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * @example
 * const db = await openDatabase('pglite://./.meridian/pglite');
 * const served = await serveDatabase(db, { port: 5433 });
 * // psql postgres://postgres@127.0.0.1:5433/postgres
 * await served.close();
 */
export async function serveDatabase(db: Database, opts: { port?: number; host?: string; maxConnections?: number } = {}): Promise<ServedDatabase> {
  if (!(db instanceof PgliteDatabase)) {
    throw new MeridianError('E_USAGE', `${db.displayUrl} is already a server: connect to it directly`);
  }
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 5433;
  // Loaded here, not at start: every CLI command would pay for it.
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const server = new PGLiteSocketServer({ db: db.pglite, host, port, maxConnections: opts.maxConnections ?? 8 });
  try {
    await server.start();
  } catch (e) {
    throw new MeridianError('E_CONNECT', `cannot listen on ${host}:${port}: ${(e as Error).message} (pick another --port)`, { cause: e });
  }
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    close: () => server.stop(),
  };
}
