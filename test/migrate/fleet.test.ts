/**
 * Fleets: one migration directory applied to many targets.
 *
 * - atlas.hcl's `for_each` env over a `data "sql"` query (Atlas's syntax), `--url` repeated, `--url-file`.
 * - The library on file-backed embedded databases (always): apply, current, a missing schema named, the
 *   stop and continue policies, status.
 * - On PostgreSQL (DATABASE_URL; unreachable is a failure, not a skip): 50 databases + 200 schemas of one
 *   database + 2 embedded databases; a fleet apply SIGKILLed mid-run, then two fleet applies at once finish
 *   the job — every target has its 3 revisions, its objects, and each data row once; status says all
 *   current. Bad targets (unreachable, a revisions table that disagrees with the directory, a missing
 *   schema) are named, never with a password, and the others go on or stop per --on-error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync as mkdtempRaw, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandAtlasHclEnv } from '../../src/config/atlas-hcl.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { writeSum } from '../../src/migrate/dir.js';
import { readRevisions } from '../../src/migrate/revisions.js';
import { acquireApplyLock } from '../../src/migrate/apply.js';
import { fleetApply, fleetStatus } from '../../src/workflow/fleet.js';
import { fleetConsent } from '../../src/workflow/fleet-consent.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { readUrlFile, resolveFleet } from '../../src/workflow/fleet-targets.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { withDatabase } from '../helpers/databases.js';

/** Temporary directories of this file (migration directories, embedded databases), removed at the end. */
const temporary: string[] = [];
function mkdtempSync(prefix: string): string {
  const d = mkdtempRaw(prefix);
  temporary.push(d);
  return d;
}
afterAll(() => {
  for (const d of temporary) rmSync(d, { recursive: true, force: true });
});

/** Three files; the second sleeps so a killed run stops half-way; two rows of `log` prove nothing ran twice. */
function migrationDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'm26-fleet-'));
  writeFileSync(join(dir, '20260101000000_users.sql'), "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE TABLE log (id serial PRIMARY KEY, note text);\nINSERT INTO log (note) VALUES ('one');\n");
  writeFileSync(join(dir, '20260102000000_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\nCREATE INDEX posts_user_idx ON posts (user_id);\nSELECT pg_sleep(0.05);\n');
  writeFileSync(join(dir, '20260103000000_name.sql'), "ALTER TABLE users ADD COLUMN name text;\nINSERT INTO log (note) VALUES ('three');\n");
  writeSum(dir);
  return dir;
}

/** What one target must hold after the whole directory: 3 complete revisions, the objects, 2 log rows. */
async function expectComplete(db: Database, schema: string, label: string, data = schema): Promise<void> {
  const revs = await readRevisions(db, schema);
  expect(revs.map((r) => [r.version, r.applied, r.total, r.error]), label).toEqual([
    ['20260101000000', 3, 3, ''],
    ['20260102000000', 3, 3, ''],
    ['20260103000000', 2, 2, ''],
  ]);
  const q = (sql: string) => db.query<Record<string, unknown>>(sql.replaceAll('$S', `"${data}"`));
  expect((await q('SELECT note FROM $S.log ORDER BY id')).rows.map((r) => r.note), label).toEqual(['one', 'three']);
  expect((await q("SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'posts_user_idx'")).rows[0]!.n, label).toBe(1);
  expect((await q('SELECT name FROM $S.users')).rows, label).toEqual([]);
}

describe('fleet targets', () => {
  it("expands atlas.hcl's for_each over a data \"sql\" query (Atlas's syntax), with each.value in the URL", async () => {
    const text = `variable "url" {
  type = string
}
data "sql" "tenants" {
  url   = var.url
  query = "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE $1"
  args  = ["tenant_%"]
}
env "fleet" {
  for_each = toset(data.sql.tenants.values)
  url      = urlqueryset(var.url, "search_path", each.value)
  migration {
    dir = "file://migrations"
  }
}
env "dbs" {
  for_each = toset(["t1", "t2"])
  url      = urlsetpath(var.url, each.value)
}
`;
    const calls: unknown[] = [];
    const query = async (url: string, sql: string, args: ReadonlyArray<string | number | boolean>) => {
      calls.push([url, sql, args]);
      return ['tenant_a', 'tenant_b', 'tenant_a'];
    };
    const [fleet] = await expandAtlasHclEnv(text, 'atlas.hcl', {}, { select: 'fleet', vars: { url: 'postgres://u:pw@h:5432/app' } }, query);
    expect(calls).toEqual([['postgres://u:pw@h:5432/app', 'SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE $1', ['tenant_%']]]);
    expect(fleet!.instances!.map((i) => [i.name, i.url, i.migrationDir])).toEqual([
      ['tenant_a', 'postgres://u:pw@h:5432/app?search_path=tenant_a', 'file://migrations'],
      ['tenant_b', 'postgres://u:pw@h:5432/app?search_path=tenant_b', 'file://migrations'],
    ]);
    const [dbs] = await expandAtlasHclEnv(text, 'atlas.hcl', {}, { select: 'dbs', vars: { url: 'postgres://h/app' } }, query);
    expect(dbs!.instances!.map((i) => i.url)).toEqual(['postgres://h/t1', 'postgres://h/t2']);
    // A failing query is reported at the data block, by name.
    await expect(expandAtlasHclEnv(text, 'atlas.hcl', {}, { select: 'fleet', vars: { url: 'postgres://h/app' } }, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      /^atlas\.hcl:4:1: data "sql" "tenants": boom$/,
    );
  });

  it('--url repeated and --url-file make a fleet named by URLs without passwords; one --url does not', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'm26-fleet-flags-'));
    writeFileSync(join(cwd, 'urls.txt'), '# tenants\npostgres://app:s3cret@h/t1\n\npostgres://app:s3cret@h/t2?search_path=x\n');
    expect(readUrlFile(join(cwd, 'urls.txt'))).toEqual(['postgres://app:s3cret@h/t1', 'postgres://app:s3cret@h/t2?search_path=x']);
    const fromFile = await resolveFleet({ urlFile: 'urls.txt' }, { cwd, environ: {} });
    expect(fromFile.targets!.map((t) => t.name)).toEqual(['postgres://app:xxxxx@h/t1', 'postgres://app:xxxxx@h/t2?search_path=x']);
    expect((await resolveFleet({ urls: ['postgres://h/a', 'postgres://h/b'] }, { cwd, environ: {} })).targets).toHaveLength(2);
    expect((await resolveFleet({ urls: ['postgres://h/a'] }, { cwd, environ: {} })).targets).toBeUndefined();
    await expect(resolveFleet({ urls: ['postgres://h/a', 'postgres://h/a'] }, { cwd, environ: {} })).rejects.toThrow(/named twice/);
    writeFileSync(join(cwd, 'bad.txt'), 'postgres://h/a\nmysql://h/b\n');
    await expect(resolveFleet({ urlFile: 'bad.txt' }, { cwd, environ: {} })).rejects.toThrow(/bad\.txt:2: unsupported database URL/);
  });
});

describe('one directory for every tenant schema: migrate diff --unqualified', () => {
  it("writes the managed schema's names unqualified (the scope public), other schemas' names qualified", async () => {
    const root = mkdtempSync(join(tmpdir(), 'm26-unq-'));
    const migrationsDir = join(root, 'migrations');
    mkdirSync(migrationsDir);
    const schemaPath = join(root, 'schema.sql');
    writeFileSync(
      schemaPath,
      "CREATE TYPE status AS ENUM ('a', 'b');\nCREATE TABLE users (id serial PRIMARY KEY, status status NOT NULL DEFAULT 'a');\n" +
        'CREATE TABLE posts (id bigint PRIMARY KEY, user_id int REFERENCES users (id));\nCREATE INDEX posts_user_idx ON posts (user_id);\n' +
        'CREATE VIEW v AS SELECT id FROM users;\nCREATE SCHEMA other;\nCREATE TABLE other.kept (id int);\n',
    );
    const r = await migrateDiff({ migrationsDir, schemaPath, dev: () => openDatabase('pglite://memory'), scope: 'public', searchPath: ['public'], dryRun: true });
    const sql = r.statements.map((s) => s.sql);
    expect(sql.join('\n')).not.toMatch(/public/);
    expect(sql).toContain('CREATE TABLE "users" ("id" serial NOT NULL, "status" status NOT NULL DEFAULT \'a\', PRIMARY KEY ("id"))');
    expect(sql).toContain('CREATE TABLE "posts" ("id" bigint NOT NULL, "user_id" integer NULL, PRIMARY KEY ("id"), CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION)');
    // Another schema's names stay qualified.
    expect(sql.some((s) => /CREATE TABLE "?other"?\."?kept"?/.test(s))).toBe(true);
  });
});

describe('fleet apply on embedded databases (library)', () => {
  it('applies each target once, reports a missing schema by name, and follows --on-error', async () => {
    const dir = migrationDir();
    const root = mkdtempSync(join(tmpdir(), 'm26-fleet-pglite-'));
    const a = `pglite://${join(root, 'a')}`;
    const b = `pglite://${join(root, 'b')}?search_path=tenant_b`;
    const seed = await openDatabase(`pglite://${join(root, 'b')}`);
    await seed.exec('CREATE SCHEMA tenant_b');
    await seed.close();
    const missing = { name: 'missing', url: `pglite://${join(root, 'b')}?search_path=nope` };
    const targets = [{ name: 'a', url: a }, missing, { name: 'b', url: b }];
    const r = await fleetApply({ dir, targets, onError: 'continue' });
    expect(r.results.map((x) => [x.target, x.status, x.to ?? null])).toEqual([
      ['a', 'applied', '20260103000000'],
      ['missing', 'failed', null],
      ['b', 'applied', '20260103000000'],
    ]);
    expect(r.results[1]!.error!.message).toMatch(/schema "nope" does not exist/);
    expect([r.ok, r.applied, r.failed]).toEqual([false, 2, 1]);
    // Stop: after the failure no new target starts (one at a time).
    const stopped = await fleetApply({ dir, targets: [missing, { name: 'a', url: a }], onError: 'stop', parallel: 1 });
    expect(stopped.results.map((x) => x.status)).toEqual(['failed', 'skipped']);
    const status = await fleetStatus({ dir, targets: [targets[0]!, targets[2]!] });
    expect(status.results.map((x) => [x.target, x.status, x.version ?? null, x.pending])).toEqual([
      ['a', 'current', '20260103000000', 0],
      ['b', 'current', '20260103000000', 0],
    ]);
    expect(status.current).toBe(true);
    // The schema-bound target: its revisions in its schema, its rows once.
    const db = await openDatabase(b);
    try {
      await expectComplete(db, 'tenant_b', 'b');
    } finally {
      await db.close();
    }
  }, 120_000);

  it('a protected environment: nothing runs unattended without an explicit approval, decided once for the fleet', async () => {
    const dir = migrationDir();
    const protection = { protected: true, reason: 'env "prod" is named like production' };
    const dev = () => openDatabase('pglite://memory');
    await expect(fleetConsent({ dir, targets: 300, protection, envName: 'prod', consent: {}, dev })).rejects.toThrow(/nothing runs unattended without an explicit approval/);
    const ok = await fleetConsent({ dir, targets: 300, protection, envName: 'prod', consent: { autoApprove: true }, dev });
    expect([ok.proceed, ok.via, ok.plan.files.length, ok.plan.targets]).toEqual([true, 'auto-approve', 3, 300]);
    const asked = await fleetConsent({ dir, targets: 2, protection: { protected: false, reason: 'local' }, consent: {}, dev, confirm: async () => false });
    expect(asked.proceed).toBe(false);
  }, 60_000);
});

const PG = process.env.DATABASE_URL;
const DBS = 50;
const SCHEMAS = 200;

// Declared only with a server (as the other suites do); set but unreachable, its beforeAll fails every test.
if (PG !== undefined) describe('fleet on PostgreSQL: 50 databases, 200 schemas and 2 embedded databases', () => {
  const prefix = `m26_${randomBytes(3).toString('hex')}`;
  const dbNames = Array.from({ length: DBS }, (_, i) => `${prefix}_db${String(i).padStart(2, '0')}`);
  const schemaDb = `${prefix}_schemas`;
  const schemas = Array.from({ length: SCHEMAS }, (_, i) => `tenant_${String(i).padStart(3, '0')}`);
  const root = mkdtempSync(join(tmpdir(), 'm26-fleet-pg-'));
  const embedded = [join(root, 'e1'), join(root, 'e2')];
  let admin: Database;
  let created: string[] = [];

  /** Runs SQL statements on `n` connections at once (CREATE / DROP DATABASE cannot share a transaction). */
  async function onConnections(statements: string[], n: number): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: n }, async () => {
        const c = await openDatabase(PG!);
        try {
          while (next < statements.length) await c.exec(statements[next++]!);
        } finally {
          await c.close();
        }
      }),
    );
  }

  beforeAll(async () => {
    // DATABASE_URL set but unreachable: this throws and every test of the block fails (no silent skip).
    admin = await openDatabase(PG!);
    const template = `${prefix}_tpl`;
    await admin.exec(`CREATE DATABASE ${template}`);
    created.push(template);
    created.push(...dbNames);
    await onConnections(dbNames.map((d) => `CREATE DATABASE ${d} TEMPLATE ${template}`), 8);
    await admin.exec(`CREATE DATABASE ${schemaDb}`);
    created.push(schemaDb);
    const s = await openDatabase(withDatabase(PG!, schemaDb));
    await s.exec(schemas.map((x) => `CREATE SCHEMA ${x};`).join('\n'));
    await s.close();
    for (const e of embedded) mkdirSync(e, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    // DROP DATABASE waits for a checkpoint: many at once share one.
    await onConnections(created.map((d) => `DROP DATABASE IF EXISTS ${d} WITH (FORCE)`), 16).catch(() => undefined);
    created = [];
    await admin?.close();
  }, 180_000);

  const urls = () => [
    ...dbNames.map((d) => withDatabase(PG!, d)),
    ...schemas.map((x) => `${withDatabase(PG!, schemaDb)}?search_path=${x}`),
    ...embedded.map((e) => `pglite://${e}`),
  ];

  it('a fleet apply killed mid-run, then two fleet applies at once: every target complete, nothing doubled', async () => {
    const dir = migrationDir();
    const urlFile = join(root, 'targets.txt');
    writeFileSync(urlFile, urls().join('\n') + '\n');
    const total = DBS + SCHEMAS + embedded.length;
    const args = ['migrate', 'apply', '--dir', `file://${dir}`, '--url-file', urlFile, '--on-error', 'continue', '--parallel', '6'];

    // 1. Killed with SIGKILL once 30 targets are done.
    const child = spawn(process.execPath, [join(repoRoot, 'bin/meridian.js'), ...args], { cwd: root });
    let out = '';
    const killedAfter = await new Promise<number>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const done = out.split('\n').filter((l) => /^ok /.test(l)).length;
        if (done >= 30 && !child.killed) {
          child.kill('SIGKILL');
          resolve(done);
        }
      });
      child.on('exit', (code) => (child.killed ? undefined : reject(new Error(`the fleet apply ended (${code}) before it was killed:\n${out}`))));
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.on('exit', r)));
    expect(killedAfter).toBeLessThan(total);

    // Half-way: some databases complete, some untouched, none with a partial row.
    const partial = await statesOfSchemas();
    expect(partial.filter((n) => n === 3).length).toBeLessThan(SCHEMAS);

    // 2. Two fleet applies at once finish the job.
    const [b, c] = await Promise.all([runCli(args, { cwd: root }), runCli(args, { cwd: root })]);
    expect(b.code, b.stdout + b.stderr).toBe(0);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    for (const r of [b, c]) expect(r.stdout).toMatch(new RegExp(`^Fleet: ${total} targets in .*: \\d+ applied, \\d+ already current, 0 failed, 0 not started`, 'm'));

    // 3. Every target: its revisions, its objects, each data row once.
    for (const d of dbNames) {
      const db = await openDatabase(withDatabase(PG!, d));
      try {
        await expectComplete(db, 'atlas_schema_revisions', d, 'public');
      } finally {
        await db.close();
      }
    }
    const sdb = await openDatabase(withDatabase(PG!, schemaDb));
    try {
      for (const x of schemas) {
        await sdb.exec(`SET search_path = "${x}"`);
        await expectComplete(sdb, x, x);
      }
    } finally {
      await sdb.close();
    }
    for (const e of embedded) {
      const db = await openDatabase(`pglite://${e}`);
      try {
        await expectComplete(db, 'atlas_schema_revisions', e, 'public');
      } finally {
        await db.close();
      }
    }
    expect(await statesOfSchemas()).toEqual(schemas.map(() => 3));

    // 4. Status over the fleet: all current, exit 0; JSON for pipelines.
    const status = await runCli(['migrate', 'status', '--dir', `file://${dir}`, '--url-file', urlFile, '--format', 'json'], { cwd: root });
    expect(status.code, status.stderr).toBe(0);
    const json = JSON.parse(status.stdout) as { Total: number; Current: boolean; Targets: Array<{ Status: string; Version: string }> };
    expect([json.Total, json.Current]).toEqual([total, true]);
    expect(new Set(json.Targets.map((t) => `${t.Status} ${t.Version}`))).toEqual(new Set(['current 20260103000000']));
  }, 300_000);

  /** The number of complete revisions of each tenant schema (0 without a revisions table). */
  async function statesOfSchemas(): Promise<number[]> {
    const db = await openDatabase(withDatabase(PG!, schemaDb));
    try {
      const out: number[] = [];
      for (const x of schemas) {
        const exists = (await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`"${x}".atlas_schema_revisions`])).rows[0]!.t;
        if (!exists) {
          out.push(0);
          continue;
        }
        const revs = await readRevisions(db, x);
        expect(revs.every((v) => v.applied === v.total), `${x} has a partial revision`).toBe(true);
        out.push(revs.length);
      }
      return out;
    } finally {
      await db.close();
    }
  }

  it("atlas.hcl's for_each over data \"sql\" through the CLI: apply, status, and migrate diff's drift report grouped by difference", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'm26-fleet-hcl-'));
    const dir = migrationDir();
    const sdb = await openDatabase(withDatabase(PG!, schemaDb));
    await sdb.exec('CREATE SCHEMA hcl_a; CREATE SCHEMA hcl_b; CREATE SCHEMA hcl_c');
    writeFileSync(
      join(cwd, 'atlas.hcl'),
      `variable "url" {
  type = string
}
data "sql" "tenants" {
  url   = var.url
  query = "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY 1"
  args  = ["hcl_%"]
}
env "fleet" {
  for_each = toset(data.sql.tenants.values)
  url      = urlqueryset(var.url, "search_path", each.value)
  migration {
    dir = "file://${dir}"
  }
}
`,
    );
    const env = ['--env', 'fleet', '--var', `url=${withDatabase(PG!, schemaDb)}`];
    const apply = await runCli(['migrate', 'apply', ...env], { cwd });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout.match(/^ok +hcl_[abc] +none -> 20260103000000 +3 files, 8 statements/gm)).toHaveLength(3);
    expect((await runCli(['migrate', 'status', ...env], { cwd })).stdout).toMatch(/^hcl_b +20260103000000 +0 +current +$/m);
    expect((await runCli(['migrate', 'diff', ...env], { cwd })).code).toBe(0);
    await sdb.exec('CREATE TABLE hcl_a.extra (x int); CREATE TABLE hcl_c.extra (x int); ALTER TABLE hcl_b.users DROP COLUMN name');
    await sdb.close();
    const drift = await runCli(['migrate', 'diff', ...env], { cwd });
    expect(drift.code).toBe(1);
    expect(drift.stdout).toBe(
      'Drift over 3 targets (each against the directory at its applied version): 0 clean, 3 drifted, 0 failed\n' +
        '\n-- 2 targets: hcl_a, hcl_c\n   DROP TABLE <schema>."extra"\n' +
        '\n-- 1 target: hcl_b\n   ALTER TABLE <schema>."users" ADD COLUMN "name" text NULL\n',
    );
  }, 120_000);

  it("apply locks: schemas of one database side by side; one schema, or Atlas's database-wide lock, one at a time", async () => {
    const url = (schema?: string) => (schema ? `${withDatabase(PG!, schemaDb)}?search_path=${schema}` : withDatabase(PG!, schemaDb));
    const [a, b, a2, whole] = await Promise.all([openDatabase(url('tenant_000')), openDatabase(url('tenant_001')), openDatabase(url('tenant_000')), openDatabase(url())]);
    try {
      const releaseA = await acquireApplyLock(a, 100);
      const releaseB = await acquireApplyLock(b, 100);
      await expect(acquireApplyLock(a2, 100)).rejects.toThrow(/another migrate apply holds the lock/);
      await expect(acquireApplyLock(whole, 100)).rejects.toThrow(/another migrate apply holds the lock/);
      // Atlas's own lock call is refused too while a tenant applies.
      expect((await whole.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(2686470616) AS ok')).rows[0]!.ok).toBe(false);
      await releaseA();
      await releaseB();
      const releaseWhole = await acquireApplyLock(whole, 100);
      await expect(acquireApplyLock(a2, 100)).rejects.toThrow(/another migrate apply holds the lock/);
      await releaseWhole();
      await (await acquireApplyLock(a2, 100))();
    } finally {
      await Promise.all([a, b, a2, whole].map((d) => d.close()));
    }
  });

  it('bad targets are named (never with a password); the others go on, or stop, per --on-error; exit code 1', async () => {
    const dir = migrationDir();
    const sdb = await openDatabase(withDatabase(PG!, schemaDb));
    await sdb.exec('CREATE SCHEMA good_1; CREATE SCHEMA good_2; CREATE SCHEMA bad_rev; CREATE SCHEMA bad_hist');
    // A revisions table Meridian cannot read, and one whose history disagrees with the directory.
    await sdb.exec('CREATE TABLE bad_rev.atlas_schema_revisions (x int)');
    await sdb.exec('SET search_path = bad_hist');
    const seeded = await runCli(['migrate', 'apply', '--dir', `file://${dir}`, '--url', `${withDatabase(PG!, schemaDb)}?search_path=bad_hist`, '1'], { cwd: root });
    expect(seeded.code, seeded.stderr).toBe(0);
    await sdb.exec(`INSERT INTO bad_hist.atlas_schema_revisions SELECT '20260102000000', 'posts', 2, 1, 3, now(), 0, 'boom', 'CREATE INDEX', hash, '["h1:not-the-hash"]', operator_version FROM bad_hist.atlas_schema_revisions`);
    await sdb.close();
    const base = withDatabase(PG!, schemaDb);
    const unreachable = 'postgres://postgres:s3cret@127.0.0.1:1/m26_nowhere';
    const urlList = [unreachable, `${base}?search_path=good_1`, `${base}?search_path=bad_rev`, `${base}?search_path=missing_schema`, `${base}?search_path=bad_hist`, `${base}?search_path=good_2`];
    const flags = urlList.flatMap((u) => ['--url', u]);

    const stop = await runCli(['migrate', 'apply', '--dir', `file://${dir}`, ...flags, '--parallel', '1'], { cwd: root });
    expect(stop.code).toBe(1);
    expect(stop.stdout).toMatch(/^FAILED +postgres:\/\/postgres:xxxxx@127\.0\.0\.1:1\/m26_nowhere +error\[E_CONNECT\]: cannot connect/m);
    expect(stop.stdout.match(/^skipped .* not started$/gm)).toHaveLength(5);
    expect(stop.stderr).toMatch(/error\[E_APPLY\]: 1 of 6 targets failed, 5 not started: stopped after the first failure/);

    const cont = await runCli(['migrate', 'apply', '--dir', `file://${dir}`, ...flags, '--on-error', 'continue', '--format', 'json'], { cwd: root });
    expect(cont.code).toBe(1);
    for (const text of [stop.stdout, stop.stderr, cont.stdout, cont.stderr]) expect(text).not.toContain('s3cret');
    const r = JSON.parse(cont.stdout) as { Failed: number; Applied: number; Targets: Array<{ Target: string; Status: string; Error: { Code: string; Message: string } | null }> };
    const by = Object.fromEntries(r.Targets.map((t) => [t.Target.replace(/^.*search_path=/, ''), t]));
    expect([r.Applied, r.Failed]).toEqual([2, 4]);
    expect(by.good_1!.Status).toBe('applied');
    expect(by.good_2!.Status).toBe('applied');
    expect(by['postgres://postgres:xxxxx@127.0.0.1:1/m26_nowhere']!.Error!.Code).toBe('E_CONNECT');
    expect(by.bad_rev!.Error!.Message).toMatch(/column "version" does not exist|version/);
    expect(by.missing_schema!.Error!.Message).toMatch(/schema "missing_schema" does not exist/);
    expect(by.bad_hist!.Error!.Message).toMatch(/history changed: statement 1 from file "20260102000000_posts.sql" changed/);

    const status = await runCli(['migrate', 'status', '--dir', `file://${dir}`, ...flags], { cwd: root });
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/search_path=good_1 +20260103000000 +0 +current/);
    expect(status.stdout).toMatch(/search_path=bad_hist +20260102000000 +\d+ +failed +error\[E_APPLY\]: boom/m);
    expect(status.stdout).toMatch(/^Fleet: 6 targets: 2 current, 0 pending, 4 failed$/m);
  }, 120_000);
});
