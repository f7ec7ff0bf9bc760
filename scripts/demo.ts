/**
 * `npm run demo`: walks the guide's workflow on a copy of the example project, on the embedded
 * database (PGlite), with nothing else installed:
 *   schema validate → migrate diff → migrate apply → migrate status → edit schema.sql → migrate diff →
 *   migrate apply → schema inspect → prisma pull --generate → sql generate → test schema → dev status.
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
step('generate the first migration', ['migrate', 'diff', 'initial']);
step('apply it (development: auto-approve)', ['migrate', 'apply', '--auto-approve']);
step('migration status', ['migrate', 'status']);
appendFileSync(
  join(work, 'database/schema/schema.sql'),
  `\nCREATE TABLE practice_app.reviews (\n    id SERIAL PRIMARY KEY,\n    product_id INTEGER NOT NULL REFERENCES practice_app.products(id),\n    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),\n    body TEXT\n);\n`,
);
process.stdout.write('\n# edited database/schema/schema.sql: added table practice_app.reviews\n');
step('generate a migration for the edit', ['migrate', 'diff', 'add_reviews']);
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
process.stdout.write(`\nDemo finished. Project copy: ${work}\n`);
