import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { lintPlan, narrows } from '../../src/lint/index.js';
import { formatFindings } from '../../src/render/lint-findings.js';
import { lintDirectory } from '../../src/workflow/migrate-lint.js';
import { initSchemaParser, parseSchema } from '../../src/parse/index.js';
import { diff } from '../../src/diff/index.js';
import { plan, renderMigrationFile } from '../../src/plan/index.js';
import { writeSum } from '../../src/migrate/dir.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-inproc.js';

const BASE = 'CREATE SCHEMA app;\nCREATE TABLE app.users (id int PRIMARY KEY, email text, name text, team_id int);\nCREATE TABLE app.teams (id int PRIMARY KEY);\nALTER TABLE app.users ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES app.teams(id);\nCREATE TYPE app.mood AS ENUM (\'ok\');\nCREATE VIEW app.names AS SELECT id, name FROM app.users;\nCREATE INDEX names_idx ON app.users (name);\n';

function dir(last: string, header = ''): string {
  const d = mkdtempSync(join(tmpdir(), 'meridian-lint-'));
  writeFileSync(join(d, '1_base.sql'), BASE);
  writeFileSync(join(d, '2_change.sql'), header + last);
  writeSum(d);
  return d;
}

describe('MF105 narrows: PostgreSQL\'s casts (src/model/casts.ts), not a type table of its own', () => {
  // Each `true` pair fails on a value on PostgreSQL 15 (ALTER COLUMN … TYPE, or the USING cast): 'x' → integer
  // (invalid input syntax), 1e300 → real (overflow), 100 → numeric(4,2) (numeric field overflow), 'abcdefghij' →
  // char(5) (value too long), B'1010' → bit(6) (length does not match). The old table got 5 of these 13 wrong: it
  // missed text → integer, double → real, integer → numeric(4,2) and bit(4) → bit(6), and flagged
  // numeric(10,3) → numeric(10,2), which rounds (1.235 → 1.24) and never fails.
  it.each([
    ['text', 'integer', true], ['double precision', 'real', true], ['integer', 'numeric(4,2)', true], ['character(10)', 'character(5)', true], ['bit(4)', 'bit(6)', true],
    ['integer', 'numeric(12,2)', false], ['smallint', 'numeric(5,0)', false], ['numeric(10,3)', 'numeric(10,2)', false],
    ['character varying(20)', 'character varying(10)', true], ['bigint', 'integer', true], ['integer', 'bigint', false], ['numeric', 'integer', true], ['time without time zone', 'timestamp without time zone', false],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(narrows(from, to)).toBe(expected);
  });
});

describeEachDatabase('migrate lint analyzers', (t) => {
  const codes = async (sql: string, header = '') => (await lintDirectory(t.db, dir(sql, header), { latest: 1 })).findings.map((f) => f.code);

  const cases: Array<[string, string, string, string]> = [
    ['DS101', 'DROP SCHEMA app CASCADE;', 'CREATE SCHEMA other;', 'drop schema'],
    ['DS102', 'DROP TABLE app.users CASCADE;', 'CREATE TABLE app.t (id int);\nDROP TABLE app.t;', 'drop table (not one created in the same file)'],
    ['DS103', 'ALTER TABLE app.users DROP COLUMN email;', 'ALTER TABLE app.users ADD COLUMN x int GENERATED ALWAYS AS (id * 2) STORED;\nALTER TABLE app.users DROP COLUMN x;', 'drop column'],
    ['MF101', 'CREATE UNIQUE INDEX users_email ON app.users (email);', 'CREATE TABLE app.t (e text);\nCREATE UNIQUE INDEX t_e ON app.t (e);', 'unique index on an existing table'],
    ['MF102', 'DROP INDEX app.names_idx;\nCREATE UNIQUE INDEX names_idx ON app.users (name);', 'CREATE INDEX users_name_i ON app.users (name);', 'index modified to unique'],
    ['MF105', 'ALTER TABLE app.users ALTER COLUMN email TYPE varchar(10);', 'ALTER TABLE app.users ALTER COLUMN team_id TYPE bigint;', 'type narrowing'],
    ['MF105', 'ALTER TABLE app.users ALTER COLUMN email TYPE integer USING email::integer;', 'ALTER TABLE app.users ALTER COLUMN id TYPE bigint;', 'text parsed as integer may fail; widening does not'],
    ['MF105', 'ALTER TABLE app.users ADD COLUMN n int;\nALTER TABLE app.users ALTER COLUMN n TYPE numeric(4,2);', 'ALTER TABLE app.users ADD COLUMN n int;\nALTER TABLE app.users ALTER COLUMN n TYPE numeric(12,2);', 'an integer may overflow numeric(4,2), never numeric(12,2)'],
    ['MF103', 'ALTER TABLE app.users ADD COLUMN age int NOT NULL;', "ALTER TABLE app.users ADD COLUMN age int NOT NULL DEFAULT 0;", 'NOT NULL column without default'],
    ['MF103', 'ALTER TABLE app.users DROP COLUMN email, ADD COLUMN email timestamp NOT NULL;', 'ALTER TABLE app.users DROP COLUMN email, ADD COLUMN email timestamp NOT NULL DEFAULT now();', 'a column dropped and added again NOT NULL without default'],
    ['MF104', 'ALTER TABLE app.users ALTER COLUMN email SET NOT NULL;', 'ALTER TABLE app.users DROP COLUMN email, ADD COLUMN email timestamp NOT NULL;', 'a column dropped and added again is not a nullable one made NOT NULL'],
    ['MF104', 'ALTER TABLE app.users ALTER COLUMN email SET NOT NULL;', "UPDATE app.users SET email = '' WHERE email IS NULL;\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", 'SET NOT NULL without back-fill'],
    ['MF104', "UPDATE app.users SET name = 'x';\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", "UPDATE app.users SET email = '';\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", 'an UPDATE of another column is no back-fill; one without WHERE is'],
    ['MF104', "UPDATE app.users SET email = '' WHERE random() > 0.5;\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", "ALTER TABLE app.users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL);\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", 'a partial UPDATE is no back-fill; a CHECK (email IS NOT NULL) already guarantees it'],
    ['MF104', "UPDATE app.users SET email = NULL;\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", "UPDATE app.users SET email = 'a' WHERE email IS NULL;\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", 'assigning NULL fills nothing'],
    ['MF104', 'ALTER TABLE app.users ADD COLUMN age int;\nALTER TABLE app.users ALTER COLUMN age SET NOT NULL;', 'ALTER TABLE app.users ADD COLUMN age int DEFAULT 0;\nALTER TABLE app.users ALTER COLUMN age SET NOT NULL;', 'SET NOT NULL on a column added in the file (fine when added with a default)'],
    ['BC101', 'ALTER TABLE app.teams RENAME TO groups;', 'ALTER INDEX app.teams_pkey RENAME TO teams_pk;', 'rename table'],
    ['BC102', 'ALTER TABLE app.users RENAME COLUMN name TO full_name;', 'ALTER TABLE app.users ADD COLUMN full_name text;', 'rename column'],
    ['BC101', 'ALTER TABLE app.teams RENAME TO groups;', 'ALTER TABLE app.teams RENAME TO groups;\nCREATE VIEW app.teams AS SELECT * FROM app.groups;', 'a view under the old name keeps clients working'],
    ['BC102', 'ALTER TABLE app.users RENAME COLUMN email TO mail;', 'ALTER TABLE app.users RENAME COLUMN email TO mail;\nALTER TABLE app.users ADD COLUMN email text GENERATED ALWAYS AS (mail) STORED;', 'the old column added back keeps clients working'],
    ['DS102', 'DROP TABLE app.users CASCADE;', 'ALTER TABLE app.teams RENAME TO groups;', 'a rename keeps the rows: not destructive'],
    ['DS103', 'ALTER TABLE app.users DROP COLUMN email;', 'ALTER TABLE app.users RENAME COLUMN email TO mail;', 'a column rename keeps the values: not destructive'],
    ['DS103', 'ALTER TABLE app.users DROP COLUMN email, ADD COLUMN email timestamp;', "ALTER TABLE app.users ALTER COLUMN email TYPE timestamp USING '2000-01-01'::timestamp;", 'a column dropped and added again in one statement (a retype with no cast) loses its values; a conversion keeps them'],
    ['CD101', 'ALTER TABLE app.users DROP CONSTRAINT users_team_fk;', 'ALTER TABLE app.users DROP COLUMN team_id;', 'drop FK constraint (not with its column)'],
    ['PG101', 'CREATE INDEX users_name ON app.users (name);', 'CREATE TABLE app.t (e text);\nCREATE INDEX t_e2 ON app.t (e);', 'index without CONCURRENTLY'],
    ['PG101', 'CREATE INDEX users_name ON app.users (name);', '-- /* CONCURRENTLY */\nCREATE INDEX CONCURRENTLY users_name ON app.users (name);', 'CONCURRENTLY read from the syntax tree, not the text'],
    ['PG102', 'DROP INDEX app.names_idx;', 'CREATE TABLE app.t (e text);\nCREATE INDEX t_e3 ON app.t (e);\nDROP INDEX app.t_e3;', 'drop index without CONCURRENTLY'],
    ['MR101', 'ALTER TABLE app.users ADD COLUMN created timestamptz DEFAULT clock_timestamp();', 'ALTER TABLE app.users ADD COLUMN created timestamptz DEFAULT now();', 'a volatile default rewrites the table; a stable one is stored once'],
    ['MR101', 'ALTER TABLE app.users ALTER COLUMN team_id TYPE bigint;', "ALTER TABLE app.users ALTER COLUMN name SET DEFAULT 'x';", 'table rewrite'],
    ['MR102', 'ALTER TABLE app.users ADD CONSTRAINT u_t FOREIGN KEY (id) REFERENCES app.teams(id);', 'ALTER TABLE app.users ADD CONSTRAINT u_t FOREIGN KEY (id) REFERENCES app.teams(id) NOT VALID;', 'FK without NOT VALID'],
    ['MR103', "ALTER TYPE app.mood ADD VALUE 'sad';", "ALTER TYPE app.mood RENAME VALUE 'ok' TO 'fine';", 'ADD VALUE in a transaction'],
    ['MR104', 'ALTER TABLE app.users DROP COLUMN name CASCADE;', 'ALTER TABLE app.users DROP COLUMN email;', 'dropping a column a view uses'],
    ['MR105', "ALTER TABLE app.users ADD COLUMN seen timestamp DEFAULT 'now()'::timestamp;", 'ALTER TABLE app.users ADD COLUMN seen timestamp DEFAULT now();', "a quoted 'now()' default is fixed when the statement runs; now() is not"],
    ['MR105', "CREATE TABLE app.t (d date DEFAULT 'today', e timestamptz DEFAULT ' Now '::timestamptz);", "CREATE TABLE app.t (d date DEFAULT CURRENT_DATE, e timestamp DEFAULT 'epoch', n text DEFAULT 'now');", "'today' on a date column, ' Now ' cast; not 'epoch' (a constant anyway) nor 'now' as text"],
    ['MR105', "ALTER TABLE app.users ADD COLUMN seen timestamptz;\nALTER TABLE app.users ALTER COLUMN seen SET DEFAULT 'now';", "ALTER TABLE app.users ALTER COLUMN name SET DEFAULT 'now';", 'SET DEFAULT of a bare string on a timestamp column (its type from the schema), not on a text one'],
    ['NM101', 'CREATE TABLE app."UserGroups" (id int);', 'CREATE TABLE app.user_groups (id int);', 'table name that needs quoting'],
    ['NM102', 'ALTER TABLE app.users ADD COLUMN "order" int;', 'ALTER TABLE app.users ADD COLUMN sort_order int;', 'column name that needs quoting'],
  ];
  for (const [code, positive, negative, what] of cases) {
    it(`${code}: ${what}`, async () => {
      expect(await codes(positive)).toContain(code);
      expect(await codes(negative)).not.toContain(code);
    });
  }
  it('PG103 (Atlas: a warning): CONCURRENTLY in a transactional file; fine with -- atlas:txmode none', async () => {
    // PGlite runs each statement on its own, so the file "works" on the dev database; it would fail on apply.
    expect(await codes('CREATE INDEX CONCURRENTLY users_n ON app.users (name);')).toEqual(['PG103']);
    expect(await codes('DROP INDEX CONCURRENTLY app.names_idx;')).toEqual(['PG103']);
    // Once per file, at its start, as Atlas reports it.
    const twice = await lintDirectory(t.db, dir('SELECT 1;\nCREATE INDEX CONCURRENTLY users_n ON app.users (name);\nDROP INDEX CONCURRENTLY app.names_idx;'), { latest: 1 });
    expect(twice.findings.map((f) => [f.code, f.line, f.column])).toEqual([['PG103', 1, 1]]);
    const none = await codes('CREATE INDEX CONCURRENTLY users_n ON app.users (name);\nDROP INDEX CONCURRENTLY app.names_idx;', '-- atlas:txmode none\n\n');
    expect(none).not.toContain('PG102');
    expect(none).not.toContain('PG101');
    expect(none).not.toContain('PG103');
  });
  it('MR100: a statement that fails on the dev database is a located error, and linting the file stops there', async () => {
    const r = await lintDirectory(t.db, dir('ALTER TABLE app.users ADD COLUMN a int;\nCREATE VIEW app.v AS\n  SELECT nope FROM app.users;\nDROP TABLE app.teams;'), { latest: 1 });
    expect(r.failed).toBe(true);
    expect(r.findings.map((f) => [f.code, f.line, f.column])).toEqual([['MR100', 3, 10]]); // the server's error position
    expect(r.findings[0]!.message).toContain('column "nope" does not exist');
    const noPos = await lintDirectory(t.db, dir('ALTER TABLE app.users\n  ADD COLUMN b int REFERENCES app.nope(id);'), { latest: 1 });
    expect(noPos.findings.map((f) => [f.code, f.line, f.column])).toEqual([['MR100', 1, 1]]); // no position: the statement's
  });
  it('a failing earlier (not linted) file is reported with its location', async () => {
    const d = mkdtempSync(join(tmpdir(), 'meridian-lint-'));
    writeFileSync(join(d, '1_base.sql'), 'CREATE TABLE t (id int);\nCREATE INDEX ON nope (id);\n');
    writeFileSync(join(d, '2_next.sql'), 'SELECT 1;\n');
    writeSum(d);
    await expect(lintDirectory(t.db, d, { latest: 1, cwd: d })).rejects.toThrow(/1_base\.sql:2:1: relation "nope" does not exist/);
  });
  it('atlas:nolint silences a file, a statement, a code or an analyzer', async () => {
    expect(await codes('DROP TABLE app.users CASCADE;', '-- atlas:nolint\n\n')).toEqual([]);
    expect(await codes('DROP TABLE app.users CASCADE;', '-- atlas:nolint DS102\n\n')).not.toContain('DS102');
    const partly = await codes('-- atlas:nolint destructive\nALTER TABLE app.users DROP COLUMN email;\nDROP TABLE app.teams CASCADE;');
    expect(partly).not.toContain('DS103');
    expect(partly).toContain('DS102');
  });
  it('formats findings as text, json and GitHub annotations with file:line:col', async () => {
    const r = await lintDirectory(t.db, dir('SELECT 1;\n  DROP TABLE app.teams CASCADE;'), { latest: 1, cwd: '/' });
    const f = r.findings.find((x) => x.code === 'DS102')!;
    expect([f.line, f.column]).toEqual([2, 3]);
    expect(r.failed).toBe(true);
    expect(formatFindings(r, 'text')).toMatch(/2_change\.sql:2:3: error DS102: Dropping table "teams"\n    fix: /);
    expect(formatFindings(r, 'github')).toMatch(/^::error file=.*2_change\.sql,line=2,col=3,title=DS102::Dropping table "teams"/m);
    expect(JSON.parse(formatFindings(r, 'json'))).toMatchObject({ failed: true, findings: expect.arrayContaining([expect.objectContaining({ code: 'DS102' })]) });
  });
});

// main() in this process (helpers/cli-inproc.ts: same command tree, output and exit codes, no process start and
// wasm compiles per command); --git-base below still runs the real binary.
describe('migrate lint CLI on the example project', () => {
  it('migrate diff shows lint findings for the new file; migrate lint passes on warnings and fails on destructive changes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-lint-cli-'));
    cpSync(join(repoRoot, 'database'), join(cwd, 'database'), { recursive: true });
    const env = { DATABASE_URL: '', DEV_DATABASE_URL: '' };
    expect((await runInProcess(['migrate', 'diff', 'initial'], { cwd, env })).code).toBe(0);
    const clean = await runInProcess(['migrate', 'lint'], { cwd, env });
    // Atlas's report by default.
    expect(clean.stdout).toMatch(/^Analyzing changes until version \d{14} \(1 migration in total\):\n\n  -- analyzing version \d{14}\n    -- no diagnostics found\n  -- ok \(.+\)\n\n  -------------------------\n  -- .+\n  -- 1 version ok\n  -- \d+ schema changes\n$/);
    expect(clean.code).toBe(0);
    const lines = await runInProcess(['migrate', 'lint', '--format', 'lines'], { cwd, env });
    expect(lines.stdout).toContain('File atlas.sum is valid');
    expect(lines.stdout).toMatch(/1 file\(s\) linted: 0 error\(s\), 0 warning\(s\)/);

    const schema = join(cwd, 'database/schema/schema.sql');
    appendFileSync(schema, '\nALTER TABLE practice_app.users ADD COLUMN nickname text NOT NULL;\nCREATE INDEX users_nickname_idx ON practice_app.users (nickname);\n');
    const d = await runInProcess(['migrate', 'diff', 'nickname', '--verbose'], { cwd, env });
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/Review before applying \(migrate lint\):\n  database\/migrations\/\d{14}_nickname\.sql:2:1: warning MF103: Adding a non-nullable "text" column "nickname"/);
    expect(d.stdout).toMatch(/_nickname\.sql:4:1: warning PG101: Creating index "users_nickname_idx" non-concurrently/);
    const warn = await runInProcess(['migrate', 'lint', '--latest', '1', '--format', 'lines'], { cwd, env });
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/_nickname\.sql:2:1: warning MF103/);
    expect(warn.stdout).toMatch(/_nickname\.sql:4:1: warning PG101/);

    writeFileSync(schema, readFileSync(schema, 'utf8').replace(/CREATE TABLE practice_app\.notifications[\s\S]*?\);\n/, ''));
    expect((await runInProcess(['migrate', 'diff', 'drop_notifications', '--verbose'], { cwd, env })).stdout).toMatch(/error DS102: Dropping table "notifications"/);
    const bad = await runInProcess(['migrate', 'lint', '--latest', '1', '--format', 'github'], { cwd, env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error file=database\/migrations\/\d{14}_drop_notifications\.sql,line=2,col=1,title=DS102::Dropping table "notifications"/);
  }, 180_000);
});

describe('migrate lint --git-base', () => {
  it('lints only the files added since the merge base (committed or untracked)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'meridian-lint-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q', '-b', 'main');
    const mig = join(cwd, 'database/migrations');
    mkdirSync(mig, { recursive: true });
    writeFileSync(join(mig, '1_base.sql'), 'CREATE TABLE t (id int PRIMARY KEY, a text);\nCREATE TABLE old (id int);\n');
    writeSum(mig);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(join(mig, '2_drop.sql'), 'DROP TABLE old;\n');
    writeSum(mig);
    git('add', '.');
    git('commit', '-q', '-m', 'drop');
    writeFileSync(join(mig, '3_index.sql'), 'CREATE INDEX t_a ON t (a);\n');
    writeSum(mig);
    const r = await runCli(['migrate', 'lint', '--git-base', 'main', '--format', 'json'], { cwd, env: { DATABASE_URL: '', DEV_DATABASE_URL: '' } });
    const report = JSON.parse(r.stdout) as { files: string[]; findings: Array<{ code: string; file: string }> };
    expect(report.files).toEqual(['2_drop.sql', '3_index.sql']);
    expect(report.findings.map((f) => `${f.file}:${f.code}`)).toEqual(['database/migrations/2_drop.sql:DS102', 'database/migrations/3_index.sql:PG101']);
    expect(r.code).toBe(1);
    const none = await runCli(['migrate', 'lint', '--git-base', 'nope'], { cwd, env: { DATABASE_URL: '' } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/error\[E_LINT\]: --git-base nope:/);
  });
});

describe('lintPlan (the findings migrate diff prints)', () => {
  it('flags a column retyped between types with no cast (dropped and added again) as DS103, as written in one ALTER TABLE', async () => {
    await initSchemaParser();
    const before = (await parseSchema([{ file: 'a.sql', text: 'CREATE TABLE t (id int PRIMARY KEY, starts time, ends time);' }])).model;
    const after = (await parseSchema([{ file: 'b.sql', text: 'CREATE TABLE t (id int PRIMARY KEY, starts timestamp, ends interval);' }])).model;
    const statements = plan(diff(before, after), before, after);
    expect(statements.map((s) => s.sql)).toEqual(expect.arrayContaining(['ALTER TABLE "public"."t" DROP COLUMN "starts"', 'ALTER TABLE "public"."t" ADD COLUMN "starts" timestamp NULL']));
    expect(statements.find((s) => s.sql.endsWith('DROP COLUMN "starts"'))!.hazards.map((h) => h.code)).toContain('DELETES_DATA');
    const findings = lintPlan(statements, before, after, { file: 'm.sql', content: renderMigrationFile(statements) });
    // time → interval has an implicit cast: converted in place, not flagged.
    expect(findings.filter((f) => f.code === 'DS103').map((f) => f.message)).toEqual(['Dropping non-virtual column "starts"']);
  });
  it('locates every finding at its statement in the file written, however many statements and lines precede it', async () => {
    await initSchemaParser();
    const n = 40;
    const base = Array.from({ length: n }, (_, i) => `CREATE TABLE s.t${i} (id int PRIMARY KEY, a text);`).join('\n');
    const changed = Array.from({ length: n }, (_, i) => `CREATE TABLE s.t${i} (id int PRIMARY KEY, a text, b int NOT NULL);\nCREATE INDEX t${i}_a ON s.t${i} (a);`).join('\n');
    const before = (await parseSchema([{ file: 'a.sql', text: `CREATE SCHEMA s;\n${base}` }])).model;
    const after = (await parseSchema([{ file: 'b.sql', text: `CREATE SCHEMA s;\n${changed}` }])).model;
    const statements = plan(diff(before, after), before, after);
    const content = `-- header\n\n${renderMigrationFile(statements)}`;
    const findings = lintPlan(statements, before, after, { file: 'm.sql', content });
    const lines = content.split('\n');
    expect(findings.length).toBeGreaterThanOrEqual(2 * n);
    for (const f of findings) {
      const s = statements.find((x) => lines[f.line - 1]!.slice(f.column - 1).startsWith(x.sql.split('\n')[0]!));
      expect(s, `${f.code} at ${f.line}:${f.column}`).toBeDefined();
    }
    // The last index's finding sits on its own line, counted from the top of the file (the plan visits
    // tables by name: t9 comes after t39).
    const last = findings.filter((f) => f.code === 'PG101').at(-1)!;
    const lastIndex = /^CREATE INDEX "?(t\d+_a)"?/.exec(statements.filter((s) => s.sql.startsWith('CREATE INDEX')).at(-1)!.sql)![1];
    expect(lastIndex).toBe('t9_a');
    expect(lines[last.line - 1]).toMatch(new RegExp(`^CREATE INDEX "?${lastIndex}"?`));
    expect(last.column).toBe(1);
  });
});
