/** `meridian db serve`: expose the embedded database on a localhost port until interrupted. */
import { resolve } from 'node:path';
import { openDatabase, parseDatabaseUrl } from '../db/index.js';
import { recordServed } from '../workflow/served.js';
import { serveDatabase } from '../db/serve.js';
import { trace } from '../db/trace.js';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';

export async function dbServeAction(opts: CommonOptions & { port?: string }): Promise<void> {
  trace('db serve: command loaded');
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  const served = await serveDatabase(db, { port: Number(opts.port ?? 5433) });
  trace(`db serve: listening at ${served.url}`);
  const dataDir = parseDatabaseUrl(cfg.url).kind === 'pglite' ? (parseDatabaseUrl(cfg.url) as { dataDir?: string }).dataDir : undefined;
  // Other meridian commands on this project connect through this server while it runs.
  const unrecord = dataDir ? recordServed(resolve(cfg.cwd, dataDir), served.url) : () => undefined;
  process.stdout.write(`Serving ${db.displayUrl} at ${served.url}\n(psql "${served.url}?sslmode=disable"; other meridian commands connect through it; Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  unrecord();
  await served.close();
  await db.close();
}
