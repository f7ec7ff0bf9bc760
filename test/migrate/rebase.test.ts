/**
 * `migrate rebase` on a real git history: two branches each generate a migration, one is deployed, the
 * other merges it (atlas.sum conflicts), `migrate status` names the fix, the rebase moves the file after
 * the latest version, and the database that had the first branch applied takes the second.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { openDatabase } from '../../src/db/index.js';
import { inspect } from '../../src/inspect/index.js';
import { applyMigrations, migrationStatus } from '../../src/migrate/apply.js';
import { validateSum, writeSum } from '../../src/migrate/dir.js';
import { readRevisions } from '../../src/migrate/revisions.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { migrateRebase, type RebaseConflict } from '../../src/workflow/migrate-rebase.js';
import { touchedBy } from '../../src/workflow/touched.js';
import { initSchemaParser } from '../../src/parse/index.js';
import { describeEachDatabase } from '../helpers/databases.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const gitMay = (cwd: string, ...args: string[]) => {
  try {
    return { ok: true, out: git(cwd, ...args) };
  } catch (e) {
    return { ok: false, out: String((e as { stdout?: string }).stdout ?? '') };
  }
};

/** One dev database for the file (PGlite takes seconds to start). */
let dev: Database;
beforeAll(async () => {
  dev = await openDatabase('pglite://memory');
});
afterAll(async () => {
  await dev.close();
});

/** A repository with main at one migration (users), and a dev database. */
function repo(): { cwd: string; dir: string; schema: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'meridian-rebase-git-'));
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'config', 'user.email', 't@example.com');
  git(cwd, 'config', 'user.name', 'test');
  const dir = join(cwd, 'migrations');
  mkdirSync(dir);
  writeFileSync(join(dir, '20260101000000_init.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n');
  writeSum(dir);
  const schema = join(cwd, 'schema.sql');
  writeFileSync(schema, readFileSync(join(dir, '20260101000000_init.sql'), 'utf8'));
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', 'init');
  return { cwd, dir, schema };
}

/** On a new branch from main: change schema.sql, generate the migration with `migrate diff` at `at`, commit. */
async function branch(r: { cwd: string; dir: string; schema: string }, name: string, add: string, at: Date): Promise<void> {
  git(r.cwd, 'checkout', '-q', '-b', name, 'main');
  writeFileSync(r.schema, readFileSync(r.schema, 'utf8') + add);
  const d = await migrateDiff({ migrationsDir: r.dir, schemaPath: r.schema, dev, now: () => at, cwd: r.cwd });
  expect(d.file).toBeDefined();
  git(r.cwd, 'add', '-A');
  git(r.cwd, 'commit', '-q', '-m', name);
}

describe('objects a statement writes', () => {
  it('reads them from the parse tree', async () => {
    await initSchemaParser();
    expect(touchedBy('ALTER TABLE users ADD COLUMN phone text;')).toEqual([{ kind: 'column', rel: 'public.users', name: 'phone' }]);
    expect(touchedBy('ALTER TABLE app.users ALTER COLUMN email TYPE varchar(320);')).toEqual([{ kind: 'column', rel: 'app.users', name: 'email' }]);
    expect(touchedBy('DROP TABLE users, app.posts;')).toEqual([{ kind: 'relation', rel: 'public.users' }, { kind: 'relation', rel: 'app.posts' }]);
    expect(touchedBy('ALTER TABLE users RENAME COLUMN email TO mail;')).toEqual([{ kind: 'column', rel: 'public.users', name: 'email' }, { kind: 'column', rel: 'public.users', name: 'mail' }]);
    expect(touchedBy('CREATE INDEX users_email ON users (email);')).toEqual([{ kind: 'index', rel: 'public.users', name: 'public.users_email' }]);
    expect(touchedBy("CREATE TYPE mood AS ENUM ('a');")).toEqual([{ kind: 'type', name: 'public.mood' }]);
    expect(touchedBy('INSERT INTO users VALUES (1);')).toEqual([]);
  });
});

describe('migrate rebase without a database', () => {
  it('resolves a conflicted atlas.sum itself and keeps the moved files in their order', async () => {
    const r = repo();
    writeFileSync(join(r.dir, '20260102000000_tags.sql'), 'CREATE TABLE tags (id int);\n');
    writeFileSync(join(r.dir, '20260103000000_users_phone.sql'), 'ALTER TABLE users ADD COLUMN phone text;\n');
    writeFileSync(join(r.dir, '20260104000000_tag_names.sql'), 'ALTER TABLE tags ADD COLUMN name text;\n');
    writeFileSync(join(r.dir, '20260105000000_users_nick.sql'), 'ALTER TABLE users ADD COLUMN nick text;\n');
    writeFileSync(join(r.dir, 'atlas.sum'), '<<<<<<< HEAD\nh1:x=\n=======\nh1:y=\n>>>>>>> main\n');
    const rb = await migrateRebase({ migrationsDir: r.dir, versions: ['20260102000000', '20260104000000_tag_names.sql'], dev, now: () => new Date(Date.UTC(2026, 0, 1)) });
    expect(rb.native).toBe(true);
    expect(rb.renames.map((x) => x.to)).toEqual(['20260105000001_tags.sql', '20260105000002_tag_names.sql']);
    validateSum(r.dir);
    expect(Object.keys(rb.state.tables).sort()).toEqual(['public.tags', 'public.users']);
  });
});

describeEachDatabase('migrate rebase after a git merge', (t) => {
  it('moves the other branch\'s older file after the deployed one; the database with one branch applied takes the other', async () => {
    await t.reset();
    const r = repo();
    // Branch "posts" generated its migration first (older version) but is merged second.
    await branch(r, 'posts', 'CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n', new Date(Date.UTC(2026, 0, 2)));
    await branch(r, 'phone', 'ALTER TABLE users ADD COLUMN phone text;\n', new Date(Date.UTC(2026, 0, 3)));
    git(r.cwd, 'checkout', '-q', 'main');
    git(r.cwd, 'merge', '-q', '--no-edit', 'phone');
    // Production runs main: init + phone.
    expect((await applyMigrations(t.db, { dir: r.dir })).ok).toBe(true);

    // The posts branch takes main in: both branches rewrote atlas.sum (and schema.sql).
    git(r.cwd, 'checkout', '-q', 'posts');
    const merge = gitMay(r.cwd, 'merge', '--no-edit', 'main');
    expect(merge.ok).toBe(false);
    expect(git(r.cwd, 'diff', '--name-only', '--diff-filter=U')).toMatch(/migrations\/atlas\.sum/);
    expect(() => validateSum(r.dir)).toThrow(/atlas\.sum/);
    // Resolved the way the guide says: schema.sql takes both sides, atlas.sum is recomputed.
    writeFileSync(r.schema, 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\nALTER TABLE users ADD COLUMN phone text;\n');
    writeSum(r.dir);
    const status = await migrationStatus(t.db, { dir: r.dir });
    expect(status.outOfOrder.map((f) => f.version)).toEqual(['20260102000000']);
    expect(status.fix).toBe('meridian migrate rebase 20260102000000');
    await expect(applyMigrations(t.db, { dir: r.dir })).rejects.toThrow(/20260102000000_create_posts\.sql was added out of order[\s\S]*meridian migrate rebase 20260102000000/);

    // Rebasing the deployed file is refused (it would run again under a new version).
    await expect(migrateRebase({ migrationsDir: r.dir, versions: ['20260103000000'], dev, db: t.db })).rejects.toThrow(
      /20260103000000_add_users_phone\.sql is applied on .*would run there again/,
    );
    {
      const rb = await migrateRebase({ migrationsDir: r.dir, versions: ['20260102000000'], dev, db: t.db, now: () => new Date(Date.UTC(2026, 0, 4, 12)) });
      expect(rb.renames).toEqual([{ from: '20260102000000_create_posts.sql', to: '20260104120000_create_posts.sql', version: '20260104120000' }]);
      expect(rb.conflicts).toEqual([]);
      validateSum(r.dir);
      git(r.cwd, 'add', '-A');
      git(r.cwd, 'commit', '-q', '-m', 'merge main, rebase posts');
      expect(readdirSync(r.dir).sort()).toEqual(['20260101000000_init.sql', '20260103000000_add_users_phone.sql', '20260104120000_create_posts.sql', 'atlas.sum']);
      // The merged directory reaches the union of both branches (schema.sql): nothing left to diff.
      expect((await migrateDiff({ migrationsDir: r.dir, schemaPath: r.schema, dev, dryRun: true, cwd: r.cwd })).statements).toEqual([]);
    }
    const applied = await applyMigrations(t.db, { dir: r.dir });
    expect(applied.files.map((f) => f.name)).toEqual(['20260104120000_create_posts.sql']);
    expect((await readRevisions(t.db, 'atlas_schema_revisions')).map((x) => x.version)).toEqual(['20260101000000', '20260103000000', '20260104120000']);
    expect(Object.keys((await inspect(t.db)).model.tables).sort()).toEqual(['public.posts', 'public.users']);
    expect((await inspect(t.db)).model.tables['public.users']!.columns.map((c) => c.name)).toEqual(['id', 'email', 'phone']);
    expect((await migrationStatus(t.db, { dir: r.dir })).status).toBe('OK');
  }, 180_000);

  it('names the conflicting statements when both branches change the same column, and renames nothing', async () => {
    const r = repo();
    writeFileSync(join(r.dir, '20260102000000_drop_email.sql'), 'ALTER TABLE users DROP COLUMN email;\n');
    writeFileSync(join(r.dir, '20260103000000_widen_email.sql'), 'CREATE TABLE audit (id int);\nALTER TABLE users ALTER COLUMN email TYPE varchar(320);\n');
    writeSum(r.dir);
    const before = readFileSync(join(r.dir, 'atlas.sum'), 'utf8');
    {
      const err = await migrateRebase({ migrationsDir: r.dir, versions: ['20260102000000'], dev }).catch((e: Error & { conflicts?: RebaseConflict[] }) => e);
      expect(err).toBeInstanceOf(Error);
      const e = err as Error & { code: string; conflicts?: RebaseConflict[] };
      expect(e.code).toBe('E_MIGRATE_DIR');
      expect(e.message).toMatch(/both branches change the same objects[\s\S]*column "public"\."users"\."email"[\s\S]*moved: .*20260102000000_drop_email\.sql:1: ALTER TABLE users DROP COLUMN email;[\s\S]*other: .*20260103000000_widen_email\.sql:2: ALTER TABLE users ALTER COLUMN email TYPE varchar\(320\);/);
      expect(e.conflicts).toHaveLength(1);
      expect(readdirSync(r.dir).sort()).toEqual(['20260101000000_init.sql', '20260102000000_drop_email.sql', '20260103000000_widen_email.sql', 'atlas.sum']);
      expect(readFileSync(join(r.dir, 'atlas.sum'), 'utf8')).toBe(before);
      await expect(migrateRebase({ migrationsDir: r.dir, versions: ['20990101000000'], dev })).rejects.toThrow(/no migration file with version "20990101000000"/);
    }
  });
});
