/**
 * Atlas's lint testscripts (ariga/atlas internal/integration/testdata/sqlite/cli-migrate-lint-destructive.txtar
 * and cli-migrate-lint-add-notnull.txtar; PostgreSQL has none public, and these two are driver-neutral SQL):
 * the same directories linted with `--latest`, the report compared line by line with Atlas's expectations
 * (durations excepted, as Atlas's own scripts match them with `.+`). Then Atlas's `{{ json . }}` format and a
 * directory without atlas.sum, which Atlas lints.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { lintDirectory } from '../../src/workflow/migrate-lint.js';
import { formatAtlasLint, goDuration, maxWidth } from '../../src/render/atlas-lint.js';
import { writeSum } from '../../src/migrate/dir.js';
import { openDatabase } from '../../src/db/index.js';
import { createServerDatabase } from '../helpers/databases.js';

function directory(files: Record<string, string>, sum = true): string {
  const d = mkdtempSync(join(tmpdir(), 'meridian-atlas-lint-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  if (sum) writeSum(d);
  return d;
}

/** Atlas's expected report with its `.+` durations, as an anchored pattern. */
function atlasReport(lines: string[]): RegExp {
  const esc = (l: string) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\(\\\.\\\+\\\)/g, '\\(.+\\)').replace(/ -- \\\.\\\+$/, ' -- .+');
  return new RegExp(`^${lines.map(esc).join('\\n')}\\n$`);
}

const DESTRUCTIVE = {
  '1.sql': 'CREATE TABLE users (id int);\n\nCREATE TABLE pets (id int);\n\nALTER TABLE users RENAME COLUMN id TO oid;\n',
  '2.sql': 'DROP TABLE users;\n',
  '3.sql': 'DROP TABLE pets;\n',
};
const ADD_NOT_NULL = {
  '1.sql': 'CREATE TABLE users (id int);\n\n/* Adding a not-null column without default to a table created in this file should not report. */\nALTER TABLE users ADD COLUMN c1 int NOT NULL;\n',
  '2.sql': 'ALTER TABLE users ADD COLUMN c2 int NOT NULL;\n\nALTER TABLE users ADD COLUMN c3 int NOT NULL DEFAULT 1;\n',
};

describeEachDatabase('Atlas lint report', (t) => {
  it('cli-migrate-lint-destructive: one file, then two, each a DS102 with its suggested fix, exit status failed', async () => {
    const d = directory(DESTRUCTIVE);
    const one = await lintDirectory(t.db, d, { latest: 1 });
    expect(one.failed).toBe(true);
    expect(formatAtlasLint(one)).toMatch(atlasReport([
      'Analyzing changes from version 2 to 3 (1 migration in total):',
      '',
      '  -- analyzing version 3',
      '    -- destructive changes detected:',
      '      -- L1: Dropping table "pets" https://atlasgo.io/lint/analyzers#DS102',
      '    -- suggested fix:',
      '      -> Add a pre-migration check to ensure table "pets" is empty before dropping it',
      '  -- ok (.+)',
      '',
      '  -------------------------',
      '  -- .+',
      '  -- 1 version with errors',
      '  -- 1 schema change',
      '  -- 1 diagnostic',
    ]));
    await t.reset();
    const two = await lintDirectory(t.db, d, { latest: 2 });
    expect(formatAtlasLint(two)).toMatch(atlasReport([
      'Analyzing changes from version 1 to 3 (2 migrations in total):',
      '',
      '  -- analyzing version 2',
      '    -- destructive changes detected:',
      '      -- L1: Dropping table "users" https://atlasgo.io/lint/analyzers#DS102',
      '    -- suggested fix:',
      '      -> Add a pre-migration check to ensure table "users" is empty before dropping it',
      '  -- ok (.+)',
      '',
      '  -- analyzing version 3',
      '    -- destructive changes detected:',
      '      -- L1: Dropping table "pets" https://atlasgo.io/lint/analyzers#DS102',
      '    -- suggested fix:',
      '      -> Add a pre-migration check to ensure table "pets" is empty before dropping it',
      '  -- ok (.+)',
      '',
      '  -------------------------',
      '  -- .+',
      '  -- 2 versions with errors',
      '  -- 2 schema changes',
      '  -- 2 diagnostics',
    ]));
    rmSync(d, { recursive: true, force: true });
  });

  it('cli-migrate-lint-add-notnull: MF103 wrapped at Atlas\'s width, versions ok and with warnings counted', async () => {
    const d = directory(ADD_NOT_NULL);
    const r = await lintDirectory(t.db, d, { latest: 2 });
    expect(r.failed).toBe(false);
    expect(formatAtlasLint(r)).toMatch(atlasReport([
      'Analyzing changes until version 2 (2 migrations in total):',
      '',
      '  -- analyzing version 1',
      '    -- no diagnostics found',
      '  -- ok (.+)',
      '',
      '  -- analyzing version 2',
      '    -- data dependent changes detected:',
      // PostgreSQL's type name (Atlas formats it with postgres.FormatType) is longer than SQLite's "int", so
      // Atlas's 72-column word rule breaks one word earlier than in its SQLite script.
      '      -- L1: Adding a non-nullable "integer" column "c2" will fail in case table "users" is not',
      '         empty https://atlasgo.io/lint/analyzers#MF103',
      '  -- ok (.+)',
      '',
      '  -------------------------',
      '  -- .+',
      '  -- 1 version ok, 1 with warnings',
      '  -- 4 schema changes',
      '  -- 1 diagnostic',
    ]));
    rmSync(d, { recursive: true, force: true });
  });

  it('a directory without atlas.sum is linted, as Atlas does; a stale one is refused', async () => {
    const d = directory(ADD_NOT_NULL, false);
    const r = await lintDirectory(t.db, d, { latest: 1 });
    expect(r.sumChecked).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(['MF103']);
    writeSum(d);
    writeFileSync(join(d, '2.sql'), 'ALTER TABLE users ADD COLUMN c2 int;\n');
    await t.reset();
    await expect(lintDirectory(t.db, d, { latest: 1 })).rejects.toThrow(/checksum mismatch \(atlas\.sum\): L3: 2\.sql was edited/);
    rmSync(d, { recursive: true, force: true });
  });
});

describe('Atlas lint report details', () => {
  it("wraps as Atlas's maxWidth does (word lengths, spaces not counted) and prints Go durations", () => {
    expect(maxWidth('Dropping table "pets" https://atlasgo.io/lint/analyzers#DS102', 72)).toHaveLength(1);
    expect(maxWidth('aaaa bbbb cccc', 8)).toEqual(['aaaa bbbb', 'cccc']);
    expect([goDuration(0n), goDuration(999n), goDuration(1_500n), goDuration(12_003_000n), goDuration(1_500_000_000n), goDuration(123_500_000_000n)])
      .toEqual(['0s', '999ns', '1.5µs', '12.003ms', '1.5s', '2m3.5s']);
  });

  it("the CLI prints Atlas's report by default and JSON for Atlas's '{{ json . }}'", async () => {
    const d = directory(DESTRUCTIVE);
    const env = { DATABASE_URL: undefined, DEV_DATABASE_URL: undefined };
    const text = await runInProcess(['migrate', 'lint', '--dir', `file://${d}`, '--dev-url', 'pglite://memory', '--latest', '1'], { cwd: d, env });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Analyzing changes from version 2 to 3 \(1 migration in total\):\n/);
    const json = await runInProcess(['migrate', 'lint', '--dir', `file://${d}`, '--dev-url', 'pglite://memory', '--latest', '1', '--format', '{{ json . }}'], { cwd: d, env });
    expect(JSON.parse(json.stdout)).toMatchObject({ failed: true, findings: [expect.objectContaining({ code: 'DS102' })] });
    const bad = await runInProcess(['migrate', 'lint', '--dir', `file://${d}`, '--format', '{{ .Files }}'], { cwd: d, env });
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('error[E_USAGE]: unknown lint --format "{{ .Files }}"')]);
    rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it('a dev URL bound to a schema: the files replay into that schema, which is kept (Atlas lints on it), on PGlite and PostgreSQL', async () => {
    const d = directory(ADD_NOT_NULL);
    const targets: Array<{ url: string; done: () => Promise<void> }> = [{ url: 'pglite://memory?search_path=app', done: async () => undefined }];
    if (process.env.DATABASE_URL) {
      const server = await createServerDatabase(process.env.DATABASE_URL);
      const admin = await openDatabase(server.url);
      await admin.exec('CREATE SCHEMA app');
      await admin.close();
      targets.push({ url: `${server.url}?search_path=app`, done: server.drop });
    }
    for (const target of targets) {
      const dev = await openDatabase(target.url);
      try {
        const r = await lintDirectory(dev, d, { latest: 1 });
        expect(r.findings.map((f) => f.code), target.url).toEqual(['MF103']);
        // Left as found: the bound schema exists and is empty, nothing else was created.
        const left = await dev.query<{ n: string; c: number }>(
          `SELECT n.nspname AS n, (SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = n.oid) AS c FROM pg_namespace n
            WHERE n.nspname IN ('app', 'public') ORDER BY 1`,
        );
        expect(left.rows).toEqual([{ n: 'app', c: 0 }, { n: 'public', c: 0 }]);
      } finally {
        await dev.close();
        await target.done();
      }
    }
    rmSync(d, { recursive: true, force: true });
  }, 120_000);
});
