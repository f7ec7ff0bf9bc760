/**
 * Guard rails through the CLI, as a team uses them: a copied `.env.prod`, CI without a terminal, hazards
 * named, the plan approved by its hash, the backup stated — on the embedded database and on PostgreSQL.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-inproc.js';
import { urlTargets } from '../helpers/databases.js';

/** A project whose migration directory creates a table and then drops one of its columns. */
async function project(url: string): Promise<{ cwd: string; dir: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-guard-'));
  writeFileSync(join(cwd, 'package.json'), '{"name":"app","private":true}\n');
  const dir = join(cwd, 'database/migrations');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(cwd, 'database/schema'), { recursive: true });
  writeFileSync(join(cwd, 'database/schema/schema.sql'), 'CREATE TABLE t (id int PRIMARY KEY);\n');
  writeFileSync(join(dir, '20260101000000_init.sql'), 'CREATE TABLE t (id int PRIMARY KEY, gone text);\nINSERT INTO t VALUES (1, \'x\');\n');
  expect((await runInProcess(['migrate', 'hash'], { cwd, env })).code).toBe(0);
  expect((await runInProcess(['migrate', 'apply', '--url', url], { cwd, env })).code).toBe(0);
  writeFileSync(join(dir, '20260102000000_drop.sql'), 'ALTER TABLE t DROP COLUMN gone;\n');
  expect((await runInProcess(['migrate', 'hash'], { cwd, env })).code).toBe(0);
  return { cwd, dir };
}

/** The child's environment: no exported DATABASE_URL (the test runner's would be a conflict to warn about). */
const env = { DATABASE_URL: '' };

// Staging and production are servers: PostgreSQL when DATABASE_URL is set, else the embedded database
// (test/migrate/cli.test.ts covers the embedded database's backup on a protected env either way).
for (const target of urlTargets().slice(process.env.DATABASE_URL ? 1 : 0)) {
  describe(`guard rails [${target.name}]`, () => {
    const drops: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const d of drops) await d();
    });
    const db = async () => {
      const r = await target.url();
      if (r.drop) drops.push(r.drop);
      return r.url;
    };

    it('a copied .env.prod is protected: a DROP COLUMN needs its hazard named, CI approves by --auto-approve or the plan hash, and the backup is stated', async () => {
      const url = await db();
      const { cwd } = await project(url);
      writeFileSync(join(cwd, '.env.prod'), `DATABASE_URL=${url}\n`);
      // The named env wins over an exported DATABASE_URL (said out loud); dev status shows the protection.
      const status = await runInProcess(['dev', 'status', '--env', 'prod'], { cwd, env: { DATABASE_URL: 'postgres://ci:secret@127.0.0.1:1/elsewhere' } });
      expect(status.stderr).toContain('warning: DATABASE_URL is exported as postgres://ci:xxxxx@127.0.0.1:1/elsewhere, but env "prod" sets');
      expect(status.stdout).toContain('Env:       "prod", URL from .env.prod\nProtected: yes (env "prod" is named like production)\nDatabase:  ');

      // --auto-approve alone never runs a hazard there: refused, the statements listed, nothing applied.
      const auto = await runInProcess(['migrate', 'apply', '--env', 'prod', '--auto-approve'], { cwd, env });
      expect(auto.code).toBe(1);
      expect(auto.stderr).toMatch(/migrate apply: target .* \(env "prod", protected: env "prod" is named like production\)/);
      expect(auto.stderr).toMatch(/error\[E_HAZARD\]: migrate apply: env "prod" is protected .*--allow-hazards DELETES_DATA:\n  DELETES_DATA:\n    database\/migrations\/20260102000000_drop\.sql:1  -- DS103: Dropping non-virtual column "gone"/);

      // The dry run shows the plan and its hash; a wrong hash is refused; the hash with the hazard named runs.
      const dry = await runInProcess(['migrate', 'apply', '--env', 'prod', '--dry-run'], { cwd, env });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('-> ALTER TABLE t DROP COLUMN gone;');
      const hashLine = /Plan hash: (sha256:[0-9a-f]{64})/.exec(dry.stdout);
      expect(hashLine, dry.stdout + dry.stderr).not.toBeNull();
      const hash = hashLine![1]!;
      const wrong = await runInProcess(['migrate', 'apply', '--env', 'prod', '--allow-hazards', 'DELETES_DATA', '--approve-plan', 'sha256:0123456789abcdef'], { cwd, env });
      expect(wrong.stderr).toMatch(/error\[E_PLAN_CHANGED\]/);
      const ok = await runInProcess(['migrate', 'apply', '--env', 'prod', '--allow-hazards', 'DELETES_DATA', '--approve-plan', hash], { cwd, env });
      expect(ok.stderr).toBe(`migrate apply: target ${target.name === 'pglite' ? `embedded database ${url.slice('pglite://'.length)}` : url} (env "prod", protected: env "prod" is named like production)\nmigrate apply: approved by plan hash ${hash}\n`);
      expect(ok.code).toBe(0);
      const backupLine = /Backup written: (\S+) \((\d+) bytes, (pg_dump|pglite-datadir)\)/.exec(ok.stdout);
      expect(backupLine, ok.stdout).not.toBeNull();
      expect(ok.stdout.indexOf('Backup written')).toBeLessThan(ok.stdout.indexOf('-- migrating version 20260102000000'));
      // The backup is under the ignored folder, owner-only; the project ignores it.
      const file = backupLine![1]!;
      expect(file.startsWith(join(cwd, '.meridian/backups/prod-'))).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(cwd, '.meridian/backups')).mode & 0o777).toBe(0o700);
      expect(readFileSync(join(cwd, '.gitignore'), 'utf8')).toMatch(/^\.meridian\/$/m);
      if (backupLine![3] === 'pg_dump') expect(readFileSync(file, 'utf8')).toMatch(/CREATE TABLE public\.t[\s\S]*gone text/);
      expect(readdirSync(cwd).filter((f) => f.startsWith('backup'))).toEqual([]);
    }, 480_000);

    it('unprotected: migrate apply without a terminal applies as Atlas does; schema apply --auto-approve refuses a hazard unless it is named', async () => {
      const url = await db();
      const { cwd } = await project(url);
      // Atlas's CI spelling, unchanged: no --auto-approve, no terminal.
      const r = await runInProcess(['migrate', 'apply', '--url', url, '--dir', 'file://database/migrations'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Migrating to version 20260102000000 from 20260101000000 \(1 migrations in total\):/);
      writeFileSync(join(cwd, 'database/schema/schema.sql'), 'CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE TABLE u (id int);\n');
      const refused = await runInProcess(['schema', 'apply', '--url', url, '--auto-approve'], { cwd });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/error\[E_HAZARD\]: schema apply: --auto-approve approves only what the plan marks safe; the plan has a hazard that must be named with --allow-hazards TABLE_REWRITE:\n  TABLE_REWRITE:\n    ALTER TABLE .*"t".* -- rewrites the table/);
      const applied = await runInProcess(['schema', 'apply', '--url', url, '--auto-approve', '--allow-hazards', 'TABLE_REWRITE'], { cwd });
      expect(applied.code, applied.stderr).toBe(0);
      expect(applied.stdout).toContain('Applied 2 statement(s)');
      expect(existsSync(join(cwd, '.meridian/backups'))).toBe(false);
      // schema clean / db reset: the target printed before anything happens.
      const clean = await runInProcess(['schema', 'clean', '--url', url, '--auto-approve'], { cwd });
      expect(clean.code).toBe(0);
      expect(clean.stderr).toMatch(/^schema clean: target .* \(not protected\)\n/);
    }, 240_000);
  });
}

describe('--dir that does not exist', () => {
  it('is an error naming the path for status, apply and lint', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-nodir-'));
    for (const cmd of [['migrate', 'status'], ['migrate', 'apply'], ['migrate', 'lint'], ['migrate', 'validate']]) {
      const r = await runInProcess([...cmd, '--dir', 'file://db/migrations', '--url', 'pglite://memory'], { cwd });
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.stderr).toContain(`error[E_MIGRATE_DIR]: migration directory ${join(cwd, 'db/migrations')} does not exist (--dir file://db/migrations)`);
      expect(r.stdout).toBe('');
    }
  });
});

describe('files that must not end up in git', () => {
  it('the first command on the embedded database adds .meridian/ to the project .gitignore, once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-ignore-'));
    writeFileSync(join(cwd, 'package.json'), '{"name":"app","private":true}\n');
    writeFileSync(join(cwd, '.gitignore'), 'node_modules/');
    const r = await runInProcess(['schema', 'inspect'], { cwd, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('added .meridian/ to .gitignore');
    expect(readFileSync(join(cwd, '.gitignore'), 'utf8')).toBe('node_modules/\n# Meridian: the embedded database and backups (.meridian/backups: full data dumps)\n.meridian/\n');
    const again = await runInProcess(['schema', 'inspect'], { cwd, env });
    expect(again.stderr).not.toContain('.gitignore');
    expect(readFileSync(join(cwd, '.gitignore'), 'utf8').match(/\.meridian\/\n/g)).toHaveLength(1);
  }, 120_000);
});
