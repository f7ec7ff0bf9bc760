/**
 * `meridian init`: the guide's layout in a fresh directory, then the guide's next commands green on it;
 * idempotent (a second run changes nothing), never overwriting a file, `.gitignore` appended once.
 * The CLI runs as a user runs it (bin/meridian.js in a child process); on the embedded database always,
 * and with `init --url` on PostgreSQL when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { initProject } from '../../src/workflow/init.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { withDatabase } from '../helpers/databases.js';

/** The child's environment: no exported DATABASE_URL, so commands use the project's own settings. */
const env = { DATABASE_URL: '' };

/** Every file under `dir` (but .meridian/) with its content and mtime: what "changes nothing" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.meridian') walk(p);
      } else out[relative(dir, p)] = `${statSync(p).mtimeMs} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

const fresh = () => mkdtempSync(join(tmpdir(), 'meridian-init-'));

describe('initProject (workflow)', () => {
  it('creates the guide layout, owner-only env files, and the ignore entries', () => {
    const cwd = fresh();
    const r = initProject({ cwd });
    expect(r.created.map((e) => e.path)).toEqual([
      'database/schema/schema.sql',
      'database/migrations/',
      'database/fixtures/seed-simple.sql',
      'atlas.hcl',
      '.env',
      '.env.staging',
      '.env.production',
      'Taskfile.yml',
      'prisma/schema.prisma',
    ]);
    expect(r.kept).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(r.gitignore).toEqual({ created: true, added: ['.meridian/', '.env', '.env.staging', '.env.production'] });
    expect(existsSync(join(cwd, 'database/migrations/.gitkeep'))).toBe(true);
    for (const f of ['.env', '.env.staging', '.env.production']) expect(statSync(join(cwd, f)).mode & 0o777, f).toBe(0o600);
    // The Taskfile is the one this package ships (the guide's task names).
    expect(readFileSync(join(cwd, 'Taskfile.yml'), 'utf8')).toBe(readFileSync(join(import.meta.dirname, '../../Taskfile.yml'), 'utf8'));
    // .env leaves DATABASE_URL unset (the embedded database); production is protected.
    expect(readFileSync(join(cwd, '.env'), 'utf8')).not.toMatch(/^DATABASE_URL=/m);
    expect(readFileSync(join(cwd, '.env.production'), 'utf8')).toMatch(/^MERIDIAN_PROTECTED=1$/m);
    expect(readFileSync(join(cwd, 'atlas.hcl'), 'utf8')).toMatch(/env "local"[\s\S]*env "staging"[\s\S]*env "production"/);
  });

  it('never overwrites: an existing file is kept byte for byte, and a second run creates nothing', () => {
    const cwd = fresh();
    writeFileSync(join(cwd, 'atlas.hcl'), 'env "mine" {}\n');
    writeFileSync(join(cwd, '.gitignore'), 'node_modules/\n/.meridian\n');
    const r = initProject({ cwd });
    expect(r.kept.map((e) => e.path)).toEqual(['atlas.hcl']);
    expect(readFileSync(join(cwd, 'atlas.hcl'), 'utf8')).toBe('env "mine" {}\n');
    // `/.meridian` already ignores the folder: only the env files are added.
    expect(r.gitignore).toEqual({ created: false, added: ['.env', '.env.staging', '.env.production'] });
    const before = snapshot(cwd);
    const again = initProject({ cwd });
    expect(again.created).toEqual([]);
    expect(again.kept).toHaveLength(9);
    expect(again.gitignore).toEqual({ created: false, added: [] });
    expect(snapshot(cwd)).toEqual(before);
  });

  it('writes --url into .env, and refuses a malformed one before writing anything', () => {
    const cwd = fresh();
    expect(() => initProject({ cwd, url: 'mysql://x/y' })).toThrow(/E_URL|postgres/);
    expect(readdirSync(cwd)).toEqual([]);
    expect(initProject({ cwd, url: 'postgres://app@localhost:5432/app' }).warnings).toEqual([]);
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toMatch(/^DATABASE_URL=postgres:\/\/app@localhost:5432\/app$/m);
    // An existing .env is not edited: the URL is not written, and the result says so.
    const again = initProject({ cwd, url: 'postgres://other@localhost:5432/other' });
    expect(again.warnings).toEqual(['.env exists and was left as it was: the URL was not written into it (set DATABASE_URL there yourself)']);
    expect(readFileSync(join(cwd, '.env'), 'utf8')).not.toContain('other');
  });
});

describe('meridian init (CLI)', () => {
  it('fresh directory: init, then migrate diff, migrate apply and migrate status are green on the embedded database; a second init changes nothing', async () => {
    const cwd = fresh();
    const init = await runInProcess(['init'], { cwd, env });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^Created:\n {2}database\/schema\/schema\.sql +the desired schema/);
    expect(init.stdout).toContain('.gitignore: created with .meridian/, .env, .env.staging, .env.production\n');
    expect(init.stdout).toContain('Next steps:\n');
    expect(init.stdout).toContain('npx meridian migrate diff <name>');

    // The guide's step 1: edit schema.sql.
    writeFileSync(join(cwd, 'database/schema/schema.sql'), 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n', { flag: 'a' });
    const diff = await runInProcess(['migrate', 'diff', 'add_users'], { cwd, env });
    expect(diff.code, diff.stderr).toBe(0);
    const files = readdirSync(join(cwd, 'database/migrations'));
    expect(files.filter((f) => /^\d{14}_add_users\.sql$/.test(f))).toHaveLength(1);
    expect(files).toContain('atlas.sum');
    const apply = await runInProcess(['migrate', 'apply'], { cwd, env });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/-- migrating version \d{14}\n {4}-> CREATE TABLE "public"."users" \("id" serial NOT NULL/);
    const status = await runInProcess(['migrate', 'status'], { cwd, env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^Migration Status: OK\n[\s\S]*-- Executed Files: {2}1\n {2}-- Pending Files: {3}0\n/);
    // The env of atlas.hcl that init wrote is usable as it stands.
    const local = await runInProcess(['migrate', 'status', '--env', 'local'], { cwd, env });
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toMatch(/^Migration Status: OK/);

    const before = snapshot(cwd);
    const again = await runInProcess(['init'], { cwd, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Already there, left as it was:\n {2}database\/schema\/schema\.sql\n/);
    expect(again.stdout).toContain('.gitignore: already ignores .meridian/ and the env files\n');
    expect(again.stdout).toContain('Nothing to create: the project is set up.\n');
    expect(snapshot(cwd)).toEqual(before);
  }, 180_000);

  it('an existing .gitignore gets the entries appended once, after its own lines', async () => {
    const cwd = fresh();
    writeFileSync(join(cwd, '.gitignore'), 'node_modules/\ndist/');
    expect((await runInProcess(['init'], { cwd, env })).stdout).toContain('.gitignore: added .meridian/, .env, .env.staging, .env.production\n');
    const expected =
      'node_modules/\ndist/\n' +
      '# Meridian: the embedded database and backups (.meridian/backups: full data dumps)\n.meridian/\n' +
      '# Meridian: environment files hold database URLs and passwords (never commit them)\n.env\n.env.staging\n.env.production\n';
    expect(readFileSync(join(cwd, '.gitignore'), 'utf8')).toBe(expected);
    // A later command on the embedded database and another init add nothing.
    expect((await runInProcess(['migrate', 'status'], { cwd, env })).code).toBe(0);
    expect((await runInProcess(['init'], { cwd, env })).code).toBe(0);
    expect(readFileSync(join(cwd, '.gitignore'), 'utf8')).toBe(expected);
  }, 120_000);

  const pg = process.env.DATABASE_URL;
  // PostgreSQL only when DATABASE_URL is set (no skipped test otherwise: the block is not declared).
  if (pg) describe('on PostgreSQL (init --url)', () => {
    const name = `m22_init_${randomBytes(4).toString('hex')}`;
    afterAll(async () => {
      const admin = await openDatabase(pg!);
      try {
        await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.close();
      }
    });
    it('init --url writes .env; diff, apply and status then use that server', async () => {
      const admin = await openDatabase(pg!);
      try {
        await admin.exec(`CREATE DATABASE ${name}`);
      } finally {
        await admin.close();
      }
      const url = withDatabase(pg!, name);
      const cwd = fresh();
      expect((await runInProcess(['init', '--url', url], { cwd, env })).code).toBe(0);
      writeFileSync(join(cwd, 'database/schema/schema.sql'), 'CREATE TABLE users (id int PRIMARY KEY);\n', { flag: 'a' });
      expect((await runInProcess(['migrate', 'diff', 'users'], { cwd, env })).code).toBe(0);
      const apply = await runInProcess(['migrate', 'apply'], { cwd, env });
      expect(apply.code, apply.stderr).toBe(0);
      expect(apply.stderr).toContain(`/${name}`);
      const status = await runInProcess(['migrate', 'status'], { cwd, env });
      expect(status.stdout).toMatch(/^Migration Status: OK\n[\s\S]*-- Executed Files: {2}1\n/);
      expect(existsSync(join(cwd, '.meridian'))).toBe(false);
    }, 120_000);
  });
});
