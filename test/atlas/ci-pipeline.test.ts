/**
 * Issue #21's done-criterion, end to end: an Atlas CI pipeline runs unchanged with `meridian` in place of
 * `atlas`, without a terminal (`CI=true`, stdin not a TTY), on the embedded database and on PostgreSQL.
 *
 *  - The guide's Taskfile as an Atlas project writes it (every command `atlas … --env local`, an
 *    atlas.hcl env with Atlas's `docker://postgres/15/dev` dev URL), with `atlas` replaced by `meridian`
 *    and nothing else, run by the go-task stand-in (test/helpers/go-task-emulator.mjs);
 *  - the pipeline Atlas's CI guides describe: `migrate status` → `migrate lint --latest 1` →
 *    `migrate apply`, as a `set -e` shell step with Atlas's flags (`--url`, `--dir file://…`, `--dev-url`).
 *
 * Exit codes are Atlas's: status 0 whether or not files are pending, lint 1 on an error-level finding
 * (a dropped column, DS103) so the step stops before apply, apply 0 without any prompt; `-- atlas:nolint
 * DS103` (with `migrate hash`) lets the same pipeline through.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devDatabaseUrl } from '../../src/db/url.js';
import { openDatabase } from '../../src/db/index.js';
import { repoRoot } from '../helpers/cli.js';
import { urlTargets } from '../helpers/databases.js';

/** The guide's Taskfile as it reads for Atlas (our wording of its tasks). */
const ATLAS_TASKFILE = `version: '3'

tasks:
  migrate:diff:
    desc: Generate migration from schema changes
    cmds: ['atlas migrate diff --env local {{.CLI_ARGS}}']
  migrate:apply:
    desc: Apply migrations to database
    cmds: ['atlas migrate apply --env local']
  migrate:status:
    desc: Show migration status
    cmds: ['atlas migrate status --env local']
  migrate:lint:
    desc: Lint migration files
    cmds: ['atlas migrate lint --env local --latest 1']
  migrate:hash:
    desc: Rehash the migration directory
    cmds: ['atlas migrate hash --env local']
`;

const ATLAS_HCL = `env "local" {
  src = "file://database/schema/schema.sql"
  url = getenv("DATABASE_URL")
  dev = "docker://postgres/15/dev?search_path=public"
  migration {
    dir = "file://database/migrations"
  }
}
`;

const SCHEMA_V1 = 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text);\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), title text);\n';
const SCHEMA_V2 = SCHEMA_V1.replace(', nickname text', '');

interface Run { code: number | null; stdout: string; stderr: string }

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    // stdin is not a terminal: as in a CI job.
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('an Atlas dev URL for a container', () => {
  it('docker://postgres/<tag>/<db> is served by the embedded dev database, bound to the same schema; other images are refused', () => {
    expect(devDatabaseUrl('docker://postgres/15/dev?search_path=public')).toBe('pglite://memory?search_path=public');
    expect(devDatabaseUrl('docker://postgres/16')).toBe('pglite://memory');
    expect(devDatabaseUrl('postgres://localhost/dev')).toBe('postgres://localhost/dev');
    expect(() => devDatabaseUrl('docker://mysql/8/dev')).toThrow(/"mysql" image/);
  });
});

for (const target of urlTargets()) {
  describe(`Atlas CI pipeline with meridian [${target.name}]`, () => {
    let cwd: string;
    let url: string;
    let drop: (() => Promise<void>) | undefined;
    let env: NodeJS.ProcessEnv;
    const task = (...args: string[]) => run(process.execPath, [join(repoRoot, 'test/helpers/go-task-emulator.mjs'), ...args], cwd, env);
    const step = (script: string) => run('sh', ['-c', `set -e\n${script}`], cwd, env);
    const migrations = () => readdirSync(join(cwd, 'database/migrations')).filter((f) => f.endsWith('.sql')).sort();
    const columns = async () => {
      const db = await openDatabase(url);
      try {
        return (await db.query<{ c: string }>("SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('users', 'posts') ORDER BY 1")).rows.map((r) => r.c);
      } finally {
        await db.close();
      }
    };

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'meridian-atlas-ci-'));
      mkdirSync(join(cwd, 'database/schema'), { recursive: true });
      mkdirSync(join(cwd, 'database/migrations'));
      mkdirSync(join(cwd, 'bin'));
      writeFileSync(join(cwd, 'database/schema/schema.sql'), SCHEMA_V1);
      writeFileSync(join(cwd, 'atlas.hcl'), ATLAS_HCL);
      // `atlas` replaced by `meridian`, and nothing else.
      writeFileSync(join(cwd, 'Taskfile.yml'), ATLAS_TASKFILE.replaceAll('atlas migrate', 'meridian migrate'));
      writeFileSync(join(cwd, 'bin/meridian'), `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'bin/meridian.js')}" "$@"\n`);
      chmodSync(join(cwd, 'bin/meridian'), 0o755);
      const t = await target.url();
      url = t.url;
      drop = t.drop;
      env = { ...process.env, PATH: `${join(cwd, 'bin')}:${process.env.PATH}`, CI: 'true', DATABASE_URL: url, DEV_DATABASE_URL: '', MERIDIAN_ENV: '', MERIDIAN_PROTECTED: '', NO_COLOR: '1' };
    }, 120_000);
    afterAll(async () => {
      await drop?.();
      rmSync(cwd, { recursive: true, force: true });
    });

    it('the Taskfile with meridian: diff is silent, then status → lint → apply run without a prompt and exit 0', async () => {
      expect(readFileSync(join(cwd, 'Taskfile.yml'), 'utf8')).not.toMatch(/\batlas /);
      const d = await task('migrate:diff', '--', 'initial');
      expect(d.code, d.stderr).toBe(0);
      expect(d.stdout).toBe('');
      expect(migrations()).toEqual([expect.stringMatching(/^\d{14}_initial\.sql$/)]);
      const file = readFileSync(join(cwd, 'database/migrations', migrations()[0]!), 'utf8');
      expect(file).toContain('CREATE TABLE "users" ("id" bigint NOT NULL, "email" text NOT NULL, "nickname" text NULL, PRIMARY KEY ("id"));');
      expect(file).toContain('CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION');

      const ci = await task('migrate:status', 'migrate:lint', 'migrate:apply');
      expect(ci.code, ci.stderr).toBe(0);
      expect(ci.stdout).toContain('Migration Status: PENDING');
      expect(ci.stdout).toContain('-- no diagnostics found');
      expect(ci.stdout).toMatch(/Migrating to version \d{14} \(1 migrations in total\):/);
      expect(ci.stdout).not.toMatch(/\?\s*$|\[y\/N\]/i);
      expect(await columns()).toEqual(['posts.id', 'posts.title', 'posts.user_id', 'users.email', 'users.id', 'users.nickname']);

      const s = await task('migrate:status');
      expect(s.code).toBe(0);
      expect(s.stdout).toContain('Migration Status: OK');
    }, 300_000);

    it('a dropped column: lint exits 1 and the pipeline stops before apply; -- atlas:nolint DS103 lets it through', async () => {
      writeFileSync(join(cwd, 'database/schema/schema.sql'), SCHEMA_V2);
      const d = await task('migrate:diff', '--', 'drop_nickname');
      expect(d.code, d.stderr).toBe(0);
      const latest = migrations().at(-1)!;
      expect(readFileSync(join(cwd, 'database/migrations', latest), 'utf8')).toBe('-- Modify "users" table\nALTER TABLE "users" DROP COLUMN "nickname";\n');

      const pipeline = 'meridian migrate status --url "$DATABASE_URL" --dir file://database/migrations\n' +
        'meridian migrate lint --dir file://database/migrations --dev-url "docker://postgres/15/dev?search_path=public" --latest 1\n' +
        'meridian migrate apply --url "$DATABASE_URL" --dir file://database/migrations\n';
      const stopped = await step(pipeline);
      expect(stopped.code).toBe(1);
      expect(stopped.stdout).toContain('Migration Status: PENDING');
      expect(stopped.stdout).toContain('DS103');
      expect(stopped.stdout).toContain('https://atlasgo.io/lint/analyzers#DS103');
      expect(stopped.stdout).not.toContain('Migrating to version');
      expect(await columns()).toContain('users.nickname');
      const viaTask = await task('migrate:status', 'migrate:lint', 'migrate:apply');
      expect(viaTask.code).not.toBe(0);
      expect(viaTask.stderr).toContain('task: Failed to run task "migrate:lint"');
      expect(await columns()).toContain('users.nickname');

      const path = join(cwd, 'database/migrations', latest);
      writeFileSync(path, `-- atlas:nolint DS103\n${readFileSync(path, 'utf8')}`);
      expect((await task('migrate:hash')).code).toBe(0);
      const through = await step(pipeline);
      expect(through.code, through.stderr + through.stdout).toBe(0);
      expect(through.stdout).toContain('Migrating to version');
      expect(await columns()).not.toContain('users.nickname');

      const again = await step(pipeline.split('\n').filter((l) => !l.includes('lint')).join('\n'));
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Migration Status: OK');
      expect(again.stdout).toContain('No migration files to execute');
    }, 300_000);
  });
}
