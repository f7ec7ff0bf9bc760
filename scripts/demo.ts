/**
 * `npm run demo`: walks the guide's workflow on a copy of the example project, on the embedded
 * database (PGlite), with nothing else installed:
 *   schema validate → migrate diff → migrate apply → migrate status → edit schema.sql → migrate diff →
 *   migrate apply → schema inspect → prisma pull --generate → sql generate → test schema → dev status →
 *   db reset → test schema (the guide's sequence) → a data change written in schema.sql (migrate diff ships
 *   the UPDATE once, after its column) → staging: PostgreSQL (a throw-away database on the server at
 *   DATABASE_URL) when DATABASE_URL is set, else a second embedded database → `--env staging` commands.
 * The repository itself is never modified: the project is copied to a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'meridian-demo-'));
for (const d of ['database', 'prisma']) cpSync(join(root, d), join(work, d), { recursive: true });
// The copy is a project of its own that has prisma and @prisma/client installed (this repository's).
symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'meridian-demo', private: true, type: 'module' }, null, 2));
const bin = join(root, 'bin', 'meridian.js');
const serverUrl = process.env.DATABASE_URL || undefined;
const env = { ...process.env, DATABASE_URL: '', DEV_DATABASE_URL: '' };

function step(title: string, args: string[]): void {
  process.stdout.write(`\n$ meridian ${args.join(' ')}    # ${title}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, env, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\nThe demo stopped at "${title}" (exit code ${r.status}). Project copy: ${work}\n`);
    process.exit(r.status ?? 1);
  }
}

process.stdout.write(`Meridian demo: the guide's workflow on the embedded database, in ${work}\n`);
step('validate the schema file', ['schema', 'validate']);
step('generate the first migration', ['migrate', 'diff', 'initial', '--verbose']);
step('apply it (development: auto-approve)', ['migrate', 'apply', '--auto-approve']);
step('migration status', ['migrate', 'status']);
appendFileSync(
  join(work, 'database/schema/schema.sql'),
  `\nCREATE TABLE practice_app.reviews (\n    id SERIAL PRIMARY KEY,\n    product_id INTEGER NOT NULL REFERENCES practice_app.products(id),\n    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),\n    body TEXT\n);\n`,
);
process.stdout.write('\n# edited database/schema/schema.sql: added table practice_app.reviews\n');
step('generate a migration for the edit', ['migrate', 'diff', 'add_reviews', '--verbose']);
const files = readdirSync(join(work, 'database/migrations')).filter((f) => f.endsWith('.sql')).sort();
const last = files.at(-1);
if (last) process.stdout.write(`\n--- database/migrations/${last}\n${readFileSync(join(work, 'database/migrations', last), 'utf8')}`);
step('apply it', ['migrate', 'apply', '--auto-approve']);
step('status: up to date', ['migrate', 'status']);
step('inspect the database', ['schema', 'inspect', '--format', 'mermaid']);
step('Prisma: pull the schema and generate the client (no schema engine needed)', ['prisma', 'pull', '--generate']);
process.stdout.write(`\n--- prisma/schema.prisma (first lines)\n${readFileSync(join(work, 'prisma/schema.prisma'), 'utf8').split('\n').slice(0, 24).join('\n')}\n…\n`);
step('typed SQL: prisma/sql/*.sql → src/generated/sql', ['sql', 'generate']);
process.stdout.write(`\n--- src/generated/sql/analytics.ts (row type)\n${/export interface[\s\S]*?\n\}/.exec(readFileSync(join(work, 'src/generated/sql/analytics.ts'), 'utf8'))?.[0]}\n`);
step('test the schema with basic queries', ['test', 'schema']);
step('development status: migrations, drift, Prisma', ['dev', 'status']);
step('reset the database: clean, every migration, the seed', ['db', 'reset', '--auto-approve']);
step('test the schema right after the reset (the seed check does not trip over the seeded rows)', ['test', 'schema']);

// Modifying existing data, as the guide writes it: the UPDATE goes into schema.sql.
appendFileSync(
  join(work, 'database/schema/schema.sql'),
  `\nALTER TABLE practice_app.products ADD COLUMN is_active BOOLEAN;\nUPDATE practice_app.products SET is_active = true WHERE is_active IS NULL;\n`,
);
process.stdout.write('\n# edited database/schema/schema.sql: a new column products.is_active and an UPDATE that fills it\n');
step('generate the migration: the column, then the UPDATE (once), marked', ['migrate', 'diff', 'activate_products', '--verbose']);
const dataFile = readdirSync(join(work, 'database/migrations')).filter((f) => f.endsWith('.sql')).sort().at(-1)!;
process.stdout.write(`\n--- database/migrations/${dataFile}\n${readFileSync(join(work, 'database/migrations', dataFile), 'utf8')}`);
step('apply it', ['migrate', 'apply']);
step('nothing left to ship: the UPDATE is in a migration now', ['migrate', 'diff']);

// Staging: a server of its own, selected by name.
let dropStaging: (() => Promise<void>) | undefined;
let stagingUrl = 'pglite://./staging-db';
if (serverUrl) {
  const { openDatabase } = await import('../src/index.js');
  const name = `meridian_demo_${Date.now()}`;
  const admin = await openDatabase(serverUrl);
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  stagingUrl = u.toString();
  dropStaging = async () => {
    const a = await openDatabase(serverUrl);
    await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.close();
  };
}
writeFileSync(join(work, '.env.staging'), `DATABASE_URL=${stagingUrl}\n`);
process.stdout.write(`\n# .env.staging: DATABASE_URL=${stagingUrl.replace(/:[^:@/]*@/, ':xxxxx@')} (${serverUrl ? 'PostgreSQL' : 'set DATABASE_URL to use a PostgreSQL server; here a second embedded database'})\n`);
try {
  step('staging: what is pending there', ['migrate', 'status', '--env', 'staging']);
  step('staging: apply (no terminal: applies as Atlas does; the target is printed first)', ['migrate', 'apply', '--env', 'staging']);
  step('staging: status, with its protection', ['dev', 'status', '--env', 'staging']);
} finally {
  await dropStaging?.();
}
process.stdout.write(`\nDemo finished. Project copy: ${work}\n`);
