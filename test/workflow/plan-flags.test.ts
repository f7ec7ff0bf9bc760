/** The planner's safety flags through `migrate diff`, and the file they produce applied on every database. */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { createServerDatabase } from '../helpers/databases.js';

it('migrate diff --concurrent-index --not-valid --lock-timeout writes a safe, non-transactional file that applies and converges', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-flags-'));
  cpSync(join(repoRoot, 'database'), join(cwd, 'database'), { recursive: true });
  const env = { DATABASE_URL: '', DEV_DATABASE_URL: '' };
  expect((await runInProcess(['migrate', 'diff', 'initial'], { cwd, env })).code).toBe(0);
  appendFileSync(
    join(cwd, 'database/schema/schema.sql'),
    `\nCREATE INDEX users_name_idx ON practice_app.users (name);
ALTER TABLE practice_app.products ADD COLUMN owner_id int;
ALTER TABLE practice_app.products ADD CONSTRAINT products_owner_fk FOREIGN KEY (owner_id) REFERENCES practice_app.users(id);
ALTER TABLE practice_app.products ADD CONSTRAINT products_name_len CHECK (length(name) > 1);\n`,
  );
  const d = await runInProcess(['migrate', 'diff', 'safe', '--verbose', '--concurrent-index', '--not-valid', '--lock-timeout', '5s', '--statement-timeout', '1min'], { cwd, env });
  expect(d.stderr).toBe('');
  expect(d.stdout).not.toContain('Review before applying'); // nothing left for the analyzers to flag
  expect(d.stdout).toMatch(/^Created .*_safe\.sql/); // --verbose names the file
  const file = readdirSync(join(cwd, 'database/migrations')).find((f) => f.endsWith('_safe.sql'))!;
  const text = readFileSync(join(cwd, 'database/migrations', file), 'utf8');
  expect(text.startsWith('-- atlas:txmode none\n')).toBe(true);
  expect(text).toContain("SET lock_timeout = '5s';");
  expect(text).toContain("SET statement_timeout = '1min';");
  expect(text).toContain('CREATE INDEX CONCURRENTLY "users_name_idx" ON "practice_app"."users" ("name");');
  expect(text).toMatch(/ADD CONSTRAINT "products_owner_fk" FOREIGN KEY \("owner_id"\) REFERENCES "practice_app"\."users" \("id"\) ON UPDATE NO ACTION ON DELETE NO ACTION NOT VALID;/);
  expect(text.indexOf('VALIDATE CONSTRAINT "products_owner_fk"')).toBeGreaterThan(text.indexOf('NOT VALID'));
  expect(text).toContain('VALIDATE CONSTRAINT "products_name_len"');

  const targets = [`pglite://${join(cwd, 'db')}`];
  const servers: Array<() => Promise<void>> = [];
  if (process.env.DATABASE_URL) {
    const s = await createServerDatabase(process.env.DATABASE_URL);
    targets.push(s.url);
    servers.push(s.drop);
  }
  try {
    for (const url of targets) {
      const a = await runInProcess(['migrate', 'apply', '--auto-approve'], { cwd, env: { DATABASE_URL: url } });
      expect(a.stderr).toMatch(/^migrate apply: target .* \(not protected\)\n$/);
      expect(a.code).toBe(0);
      const drift = await runInProcess(['migrate', 'diff', '--from', url], { cwd, env: { DATABASE_URL: url, DEV_DATABASE_URL: '' } });
      expect(drift.stdout).toContain('No drift');
    }
  } finally {
    for (const drop of servers) await drop();
  }
}, 120_000);
