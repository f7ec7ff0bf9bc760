/** `meridian db serve`: expose the embedded database on a localhost port until interrupted. */
import { openDatabase } from '../db/index.js';
import { serveDatabase } from '../db/serve.js';
import { configFrom, type CommonOptions } from './common.js';

export async function dbServeAction(opts: CommonOptions & { port?: string }): Promise<void> {
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  const served = await serveDatabase(db, { port: Number(opts.port ?? 5433) });
  process.stdout.write(`Serving ${db.displayUrl} at ${served.url}\n(psql "${served.url}?sslmode=disable"; Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await served.close();
  await db.close();
}
