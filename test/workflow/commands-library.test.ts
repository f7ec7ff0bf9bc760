/**
 * `schema diff`, `schema apply` and `migrate lint` are workflow functions (issue 28 point 1): the library
 * functions `schemaDiff`, `schemaApply` and `migrateLint`, called directly, give what the CLI prints, and
 * `schemaApply` holds the guard rails (a protected target refuses an unnamed hazard and an unattended run).
 * Run on an embedded PGlite data directory and on a PostgreSQL database (when DATABASE_URL is set).
 *
 * The CLI side runs `main()` in this process (helpers/cli-inproc.ts: the same command tree, flags, output and
 * exit codes), which saves a process start, the bundle's load and the wasm compiles per command (~1 s of CPU
 * each, 24 commands); `schema validate` at the end still runs the real binary in a child process.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAtlasLint, formatFindings, formatProblems, migrateLint, openDatabase, problemJson, schemaApply, schemaDiff, schemaValidate, writeSum, type Database, type Protection } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { createServerDatabase, urlTargets } from '../helpers/databases.js';

const OLD = 'CREATE TABLE users (id int PRIMARY KEY, nickname text);\n';
const NEW = 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL DEFAULT \'\');\nCREATE INDEX users_email ON users (email);\n';
const unprotected: Protection = { protected: false, reason: 'test' };
const protectedEnv: Protection = { protected: true, reason: 'test: protected' };
const memoryDev = () => openDatabase('pglite://memory');

for (const target of urlTargets()) {
  describe(`schema diff, schema apply and migrate lint: library = CLI [${target.name}]`, () => {
    let url: string;
    let drop: (() => Promise<void>) | undefined;
    let cwd: string;
    const env = { DATABASE_URL: '', DEV_DATABASE_URL: '' };
    const cli = (args: string[]) => runInProcess(args, { cwd, env });
    const withDb = async <T>(fn: (db: Database) => Promise<T>) => {
      const db = await openDatabase(url);
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    };

    beforeAll(async () => {
      ({ url, drop } = await target.url());
      cwd = mkdtempSync(join(tmpdir(), 'meridian-lib-cmds-'));
      writeFileSync(join(cwd, 'schema.sql'), NEW);
      await withDb((db) => db.exec(`${OLD}INSERT INTO users VALUES (1, 'ann');`));
    }, 600_000);
    afterAll(async () => drop?.());

    it('schemaDiff: the statements and SQL `schema diff` prints', async () => {
      const to = `file://${join(cwd, 'schema.sql')}`;
      const r = await schemaDiff({ from: url, to, dev: memoryDev, cwd });
      expect(r.statements.map((s) => s.sql)).toContain('ALTER TABLE "public"."users" DROP COLUMN "nickname"');
      const sql = await cli(['schema', 'diff', '--from', url, '--to', to, '--dev-url', 'pglite://memory']);
      expect([sql.code, sql.stdout]).toEqual([0, r.sql]);
      const json = await cli(['schema', 'diff', '--from', url, '--to', to, '--dev-url', 'pglite://memory', '--format', 'json']);
      expect(JSON.parse(json.stdout)).toEqual(r.statements.map((s) => ({ sql: s.sql, comment: s.comment, hazards: s.hazards, transactional: s.transactional, object: s.object, change: s.source.kind })));
    }, 600_000);

    it('schemaApply: the plan `schema apply --dry-run` prints, the guard rails of a protected target, then the apply', async () => {
      const base = { schema: join(cwd, 'schema.sql'), url, cwd, dev: memoryDev };
      const dry = await withDb((db) => schemaApply(db, { ...base, protection: unprotected, consent: {}, dryRun: true }));
      expect(dry.executed).toBeUndefined();
      expect(dry.plan.hazards.map((h) => h.code)).toContain('DELETES_DATA');
      const printed = await cli(['schema', 'apply', '--url', url, '--to', `file://${join(cwd, 'schema.sql')}`, '--dev-url', 'pglite://memory', '--dry-run']);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain(`Plan hash: ${dry.plan.hash}\n`);
      for (const s of dry.plan.statements) expect(printed.stdout).toContain(`  ${s.sql};\n`);

      // Protected: the hazard must be named, and nothing runs unattended (no confirm callback) without autoApprove.
      const guarded = { ...base, protection: protectedEnv, envName: 'production' };
      const named = [...new Set(dry.plan.hazards.map((h) => h.code))];
      await withDb(async (db) => {
        await expect(schemaApply(db, { ...guarded, consent: {} })).rejects.toMatchObject({ code: 'E_HAZARD' });
        await expect(schemaApply(db, { ...guarded, consent: { allowHazards: named } })).rejects.toMatchObject({ code: 'E_CONFIRM' });
        const no = await schemaApply(db, { ...guarded, consent: { allowHazards: named }, confirm: async (p) => (expect(p.statements.length).toBeGreaterThan(0), false) });
        expect([no.guard?.proceed, no.executed]).toEqual([false, undefined]);
        const yes = await schemaApply(db, { ...guarded, consent: { autoApprove: true, approvePlan: dry.plan.hash, allowHazards: named }, skipBackup: true });
        expect(yes.guard).toMatchObject({ proceed: true, backup: { kind: 'skipped' } });
        expect(yes.executed).toBe(dry.plan.statements.length);
      });
      const synced = await cli(['schema', 'apply', '--url', url, '--to', `file://${join(cwd, 'schema.sql')}`, '--dev-url', 'pglite://memory', '--auto-approve']);
      expect([synced.code, synced.stdout]).toEqual([0, 'Schema is synced, no changes to be made\n']);
      expect((await withDb((db) => schemaApply(db, { ...base, protection: unprotected, consent: {} }))).plan.statements).toEqual([]);
    }, 600_000);

    it('migrateLint: the findings `migrate lint` prints, in every format', async () => {
      const dir = join(cwd, 'migrations');
      mkdirSync(dir);
      writeFileSync(join(dir, '20260101000000_users.sql'), OLD);
      writeFileSync(join(dir, '20260102000000_drop.sql'), 'ALTER TABLE users DROP COLUMN nickname;\nCREATE INDEX users_id ON users (id);\n');
      writeSum(dir);
      // The dev database: an in-memory PGlite, or a fresh database on the server.
      const dev = target.name === 'pglite' ? { url: 'pglite://memory' } : await createServerDatabase(process.env.DATABASE_URL!);
      try {
        const r = await migrateLint({ dir, cwd, dev: () => openDatabase(dev.url) });
        expect(r.findings.map((f) => f.code)).toContain('DS103');
        expect(r.failed).toBe(true);
        const args = ['migrate', 'lint', '--dir', 'file://migrations', '--dev-url', dev.url];
        for (const format of ['lines', 'github'] as const) {
          const printed = await cli([...args, '--format', format]);
          expect([printed.code, printed.stdout]).toEqual([1, `${format === 'lines' ? 'File atlas.sum is valid\n' : ''}${formatFindings(r, format)}`]);
        }
        const json = JSON.parse((await cli([...args, '--format', 'json'])).stdout) as typeof r;
        expect(json.findings).toEqual(r.findings);
        // Atlas's report: the same but for the durations.
        const text = await cli(args);
        const noTimes = (s: string) => s.replace(/-- ok \([^)]*\)|  -- [0-9.]+[µnm]?s\n/g, '');
        expect(noTimes(text.stdout)).toBe(noTimes(formatAtlasLint(r)));
        expect((await migrateLint({ dir, cwd, latest: 1, dev: () => openDatabase(dev.url) })).files).toEqual(['20260102000000_drop.sql']);
        await expect(migrateLint({ dir: join(cwd, 'nope'), dirGiven: 'file://nope', dev: () => openDatabase(dev.url) })).rejects.toMatchObject({ code: 'E_MIGRATE_DIR' });
      } finally {
        if ('drop' in dev) await dev.drop();
      }
    }, 600_000);
  });
}

// Files only: no target database.
describe('schema validate: library = CLI', () => {
  it('schemaValidate: the problems `schema validate` prints (text and JSON), native and on the dev database', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-lib-validate-'));
    const bad = join(cwd, 'bad.sql');
    writeFileSync(bad, 'CREATE TABLE a (id int REFERENCES nope);\nINSERT INTO a VALUES (1);\n');
    const r = await schemaValidate({ schema: bad, cwd, native: true });
    expect([r.valid, r.errors.map((e) => e.code), r.warnings.map((w) => w.code)]).toEqual([false, ['E_UNKNOWN'], ['W_DATA']]);
    const text = await runCli(['schema', 'validate', '--to', `file://${bad}`, '--native'], { cwd, env: { DATABASE_URL: '' } });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(`${formatProblems(r.warnings)}\n${formatProblems(r.errors)}\n`);
    const json = await runCli(['schema', 'validate', '--to', `file://${bad}`, '--native', '--format', 'json'], { cwd, env: { DATABASE_URL: '' } });
    expect(JSON.parse(json.stdout)).toEqual({ valid: false, statements: r.statements, errors: r.errors.map(problemJson), warnings: r.warnings.map(problemJson) });
    // What only PostgreSQL knows: a default of the wrong type, found on the dev database (E_DEV).
    writeFileSync(bad, "CREATE TABLE a (id int DEFAULT 'x');\n");
    const dev = await schemaValidate({ schema: bad, dev: memoryDev });
    expect([dev.valid, dev.errors.map((e) => [e.code, e.location.line])]).toEqual([false, [['E_DEV', 1]]]);
  }, 600_000);
});
