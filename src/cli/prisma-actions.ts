/** `meridian prisma pull` (no schema-engine binary needed). */
import { readTextFile } from '../input/text.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { openDatabase, parseDatabaseUrl } from '../db/index.js';
import { recordServed } from '../workflow/served.js';
import { inspect } from '../inspect/index.js';
import { prismaPull } from '../prisma/pull.js';
import { readPrismaSchema } from '../prisma/existing.js';
import { generateTypedSql } from '../typedsql/index.js';
import { prismaGenerate, spawnPrisma } from '../prisma/cli.js';
import { serveDatabase, type ServedDatabase } from '../db/serve.js';
import { MeridianError } from '../errors.js';
import { createServer, type AddressInfo } from 'node:net';
import { type CommonOptions } from './common.js';
import { configFrom } from './config-from.js';

export async function prismaPullAction(opts: CommonOptions & { schemaFile?: string; generate?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const file = resolve(cfg.cwd, opts.schemaFile ?? 'prisma/schema.prisma');
  const db = await openDatabase(cfg.url);
  try {
    const existing = existsSync(file) ? readTextFile(file, relative(cfg.cwd, file) || file) : undefined;
    // The schemas to pull: `--schema` (or atlas.hcl's schemas) as in Atlas, else the existing datasource's
    // `schemas = [...]` as in Prisma, else the URL's schema or every user schema.
    const asked = cfg.schemas?.length ? cfg.schemas : undefined;
    const schemas = asked ?? (existing !== undefined ? readPrismaSchema(existing).schemas : undefined);
    const { model } = await inspect(db, { schemas, exclude: cfg.exclude });
    if (!Object.keys(model.tables).length && !Object.keys(model.views).length && !Object.keys(model.types).length) {
      throw new MeridianError('E_PRISMA', `the introspected database ${db.displayUrl} is empty: apply your migrations first (meridian migrate apply); ${opts.schemaFile ?? 'prisma/schema.prisma'} was left as it is`);
    }
    const { text, notes } = prismaPull(model, { existing, schemas: asked });
    // Prisma's own validator (loaded only here): a schema Prisma would reject is never written.
    const { assertPrismaAccepts } = await import('../prisma/validate.js');
    await assertPrismaAccepts(text, opts.schemaFile ?? 'prisma/schema.prisma');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    for (const n of notes) process.stdout.write(`note: ${n}\n`);
    const models = (text.match(/^model /gm) ?? []).length;
    const views = (text.match(/^view /gm) ?? []).length;
    const enums = (text.match(/^enum /gm) ?? []).length;
    process.stdout.write(`Introspected ${models} models, ${views} views and ${enums} enums and wrote them into ${opts.schemaFile ?? 'prisma/schema.prisma'}\n`);
  } finally {
    await db.close();
  }
  if (opts.generate) await prismaGenerateAction({ ...opts, schemaFile: opts.schemaFile });
}

export async function prismaGenerateAction(opts: { schemaFile?: string; cwd?: string }): Promise<void> {
  const cwd = opts.cwd ?? process.cwd();
  const out = await prismaGenerate({ cwd, schemaFile: opts.schemaFile ?? 'prisma/schema.prisma' });
  process.stdout.write(`${out}\n`);
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => res(port));
    });
  });
}

/**
 * `meridian prisma studio`: Prisma Studio (the project's `prisma` package) on the configured database;
 * the embedded database is served on a localhost port first. Runs until Studio exits or Ctrl-C.
 */
export async function prismaStudioAction(opts: CommonOptions & { port?: string; browser?: string }): Promise<void> {
  const cfg = configFrom(opts);
  let url = cfg.url;
  let db: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let served: ServedDatabase | undefined;
  if (url.startsWith('pglite:')) {
    db = await openDatabase(url);
    served = await serveDatabase(db, { port: await freePort() });
    const dataDir = (parseDatabaseUrl(cfg.url) as { dataDir?: string }).dataDir;
    if (dataDir) recordServed(resolve(cfg.cwd, dataDir), served.url); // other commands connect through it (removed at exit)
    url = `${served.url}?sslmode=disable`;
    process.stdout.write(`Serving ${db.displayUrl} at ${served.url} for Studio\n`);
  } else {
    const u = new URL(url);
    u.searchParams.delete('search_path');
    url = u.toString();
  }
  const args = ['studio', '--url', url, '--port', opts.port ?? '5555', ...(opts.browser ? ['--browser', opts.browser] : [])];
  try {
    const child = spawnPrisma(args, { cwd: cfg.cwd });
    let output = '';
    let started = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      if (!started && /Prisma Studio is running at/.test(output)) started = true;
      process.stdout.write(d);
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      process.stderr.write(d);
    });
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const code = await new Promise<number | null>((res) => child.on('close', res));
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    if (!started) throw new MeridianError('E_PRISMA', `Prisma Studio did not start (exit ${code})${output.trim() ? `:\n${output.trim()}` : ''}`);
  } finally {
    await served?.close();
    await db?.close();
  }
}

export async function sqlGenerateAction(opts: CommonOptions & { sqlDir?: string; out?: string }): Promise<void> {
  const cfg = configFrom(opts);
  const db = await openDatabase(cfg.url);
  try {
    const r = await generateTypedSql(db, { sqlDir: opts.sqlDir ?? 'prisma/sql', outDir: opts.out ?? 'src/generated/sql', cwd: cfg.cwd }).catch((e: unknown) => {
      if (e instanceof MeridianError && / does not exist/.test(e.message)) e.message += `\n(the queries are described by ${db.displayUrl}: does it hold the schema? run meridian migrate apply first)`;
      throw e;
    });
    for (const q of r.queries) {
      const sig = `${q.name}(client${q.params.map((p) => `, ${p.name}: ${p.ts}${p.nullable ? ' | null' : ''}`).join('')})`;
      process.stdout.write(`✔ ${q.file} → ${sig}: ${q.columns.length ? `${q.columns.length} column(s)` : 'row count'}\n`);
    }
    for (const f of r.removed) process.stdout.write(`removed stale ${f}\n`);
    process.stdout.write(`Generated typed SQL for ${r.queries.length} quer${r.queries.length === 1 ? 'y' : 'ies'} into ${opts.out ?? 'src/generated/sql'}\n`);
  } finally {
    await db.close();
  }
}
