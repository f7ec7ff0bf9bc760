/**
 * The guide's dual strategy on a temp copy of the example project, through the real CLI:
 * `prisma pull --generate` (project's own Prisma generator, offline), `sql generate`, `prisma studio`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../src/db/index.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { urlTargets } from '../helpers/databases.js';

function exampleProject(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-dual-'));
  for (const d of ['database', 'prisma']) cpSync(join(repoRoot, d), join(cwd, d), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(cwd, 'node_modules'), 'dir');
  writeFileSync(join(cwd, 'package.json'), JSON.stringify({ name: 'example', private: true, type: 'module' }));
  return cwd;
}

const targets = urlTargets();

for (const target of targets) {
  describe(`dual strategy [${target.name}]`, () => {
    let cwd: string;
    let url: string;
    let drop: (() => Promise<void>) | undefined;
    const env = () => ({ DATABASE_URL: url, DEV_DATABASE_URL: '' });
    beforeAll(async () => {
      cwd = exampleProject();
      ({ url, drop } = await target.url());
      const a = await runCli(['schema', 'apply', '--auto-approve'], { cwd, env: env() });
      expect(a.stderr).toMatch(/^schema apply: target .* \(not protected\)\n$/);
    });
    afterAll(async () => drop?.());

    it('prisma pull --generate writes schema.prisma and generates the client; sql generate writes typed SQL; both type-check', async () => {
      const p = await runCli(['prisma', 'pull', '--generate'], { cwd, env: env() });
      expect(p.stderr).toBe('');
      expect(p.code).toBe(0);
      expect(p.stdout).toMatch(/Introspected 5 models, 1 views and 1 enums/);
      expect(p.stdout).toMatch(/Generated Prisma Client \(7\.\d+\.\d+\) to \.\/src\/generated\/prisma/);
      expect(readFileSync(join(cwd, 'prisma/schema.prisma'), 'utf8').replace(/ {2,}/g, ' ')).toContain('provider = "prisma-client"');
      expect(existsSync(join(cwd, 'src/generated/prisma/client.ts'))).toBe(true);

      const s = await runCli(['sql', 'generate'], { cwd, env: env() });
      expect(s.stderr).toBe('');
      expect(s.stdout).toContain('prisma/sql/analytics.sql → analytics(client, minTotal: number): 4 column(s)');

      // The generated function returns the right rows on this database, with the seed loaded.
      const db = await openDatabase(url);
      try {
        await db.exec(readFileSync(join(cwd, 'database/fixtures/seed-simple.sql'), 'utf8'));
        const gen = (await import(pathToFileURL(join(cwd, 'src/generated/sql/analytics.ts')).href)) as { analytics: (c: unknown, min: number) => Promise<unknown[]> };
        // ada: 3 × 4.50 + 32.00 in one order; alan: 4.50, below the threshold
        expect(await gen.analytics(db, 10)).toEqual([{ user_id: 1, email: 'ada@example.com', orders: 1n, revenue: '45.50' }]);
        expect((await gen.analytics(db, 0)).length).toBe(2);
      } finally {
        await db.close();
      }

      writeFileSync(
        join(cwd, 'use.ts'),
        `import type { PrismaClient } from './src/generated/prisma/client.js';
import { analytics, type SqlClient } from './src/generated/sql/index.js';
export async function use(prisma: PrismaClient, client: SqlClient) {
  const users = await prisma.users.findMany({ where: { email: { contains: '@' } }, include: { orders: true } });
  const email: string = users[0]!.email;
  const orderId: number = users[0]!.orders[0]!.id;
  // @ts-expect-error no such column
  await prisma.users.findMany({ where: { nope: 1 } });
  const rows = await analytics(client, 10);
  const orders: bigint = rows[0]!.orders;
  return { email, orderId, orders };
}
`,
      );
      writeFileSync(join(cwd, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['use.ts'] }));
      try {
        execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', cwd], { stdio: 'pipe' });
      } catch (e) {
        throw new Error(`generated code does not type-check:\n${(e as { stdout: Buffer }).stdout}`);
      }
    }, 120_000);
  });
}

describe('prisma CLI integration', () => {
  it('prisma generate without prisma installed says how to install it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-noprisma-'));
    writeFileSync(join(cwd, 'package.json'), '{}');
    const r = await runCli(['prisma', 'generate'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('prisma is not installed in this project: run `npm i -D prisma @prisma/client`');
  });

  it('dev setup --dual: migrations applied and seeded, then Prisma pull + generate and typed SQL', async () => {
    const cwd = exampleProject();
    const env = { DATABASE_URL: `pglite://${join(cwd, 'db')}`, DEV_DATABASE_URL: '' };
    expect((await runCli(['migrate', 'diff', 'initial'], { cwd, env })).code).toBe(0);
    const r = await runCli(['dev', 'setup', '--dual'], { cwd, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ready \(PostgreSQL \d+\): 1 migration\(s\) applied, seed loaded/);
    expect(r.stdout).toContain('Introspected 5 models, 1 views and 1 enums');
    expect(r.stdout).toMatch(/Generated Prisma Client/);
    expect(r.stdout).toContain('Generated typed SQL for 1 query into src/generated/sql');
  }, 60_000);

  it('prisma pull on an empty database fails like prisma db pull and leaves schema.prisma alone', async () => {
    const cwd = exampleProject();
    writeFileSync(join(cwd, 'prisma/schema.prisma'), '// mine\n');
    const r = await runCli(['prisma', 'pull'], { cwd, env: { DATABASE_URL: `pglite://${join(cwd, 'db')}` } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[E_PRISMA\]: the introspected database pglite:\/\/.* is empty: apply your migrations first/);
    expect(readFileSync(join(cwd, 'prisma/schema.prisma'), 'utf8')).toBe('// mine\n');
  });

  it('prisma generate reports Prisma\'s own error on an invalid schema', async () => {
    const cwd = exampleProject();
    writeFileSync(join(cwd, 'prisma/schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\nmodel broken {\n  id Int\n}\n');
    const r = await runCli(['prisma', 'generate'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/prisma generate failed/);
    expect(r.stderr).toMatch(/unique criteria|@id/i);
  });

  it('prisma studio serves the embedded database and answers queries through Studio', async () => {
    const cwd = exampleProject();
    const dbUrl = `pglite://${join(cwd, 'db')}`;
    expect((await runCli(['schema', 'apply', '--auto-approve'], { cwd, env: { DATABASE_URL: dbUrl } })).code).toBe(0);
    const port = await new Promise<number>((res) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as AddressInfo).port;
        srv.close(() => res(p));
      });
    });
    const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), 'prisma', 'studio', '--port', String(port), '--browser', 'none'], { cwd, env: { ...process.env, DATABASE_URL: dbUrl } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((res) => child.on('close', res));
    try {
      for (let i = 0; i < 120 && !/Prisma Studio is running at/.test(out); i++) await new Promise((r) => setTimeout(r, 250));
      expect(out).toMatch(/Serving pglite:\/\/.* at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres for Studio/);
      expect(out).toContain(`Prisma Studio is running at: http://localhost:${port}`);
      const res = await fetch(`http://127.0.0.1:${port}/bff`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ procedure: 'query', query: { sql: `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'practice_app'`, parameters: [] } }),
      });
      expect(await res.json()).toEqual([null, [{ n: 6 }]]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
