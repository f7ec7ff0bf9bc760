import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { formatFindings, lintDirectory } from '../../src/lint/index.js';
import { writeSum } from '../../src/migrate/dir.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const BASE = 'CREATE SCHEMA app;\nCREATE TABLE app.users (id int PRIMARY KEY, email text, name text, team_id int);\nCREATE TABLE app.teams (id int PRIMARY KEY);\nALTER TABLE app.users ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES app.teams(id);\nCREATE TYPE app.mood AS ENUM (\'ok\');\nCREATE VIEW app.names AS SELECT id, name FROM app.users;\nCREATE INDEX names_idx ON app.users (name);\n';

function dir(last: string, header = ''): string {
  const d = mkdtempSync(join(tmpdir(), 'meridian-lint-'));
  writeFileSync(join(d, '1_base.sql'), BASE);
  writeFileSync(join(d, '2_change.sql'), header + last);
  writeSum(d);
  return d;
}

describe('migrate lint analyzers', () => {
  let dev: Database;
  beforeAll(async () => {
    dev = await openDatabase('pglite://memory');
  });
  afterAll(async () => {
    await dev.close();
  });
  const codes = async (sql: string, header = '') => (await lintDirectory(dev, dir(sql, header), { latest: 1 })).findings.map((f) => f.code);

  const cases: Array<[string, string, string, string]> = [
    ['DS101', 'DROP SCHEMA app CASCADE;', 'CREATE SCHEMA other;', 'drop schema'],
    ['DS102', 'DROP TABLE app.users CASCADE;', 'CREATE TABLE app.t (id int);\nDROP TABLE app.t;', 'drop table (not one created in the same file)'],
    ['DS103', 'ALTER TABLE app.users DROP COLUMN email;', 'ALTER TABLE app.users ADD COLUMN x int GENERATED ALWAYS AS (id * 2) STORED;\nALTER TABLE app.users DROP COLUMN x;', 'drop column'],
    ['MF101', 'CREATE UNIQUE INDEX users_email ON app.users (email);', 'CREATE TABLE app.t (e text);\nCREATE UNIQUE INDEX t_e ON app.t (e);', 'unique index on an existing table'],
    ['MF102', 'DROP INDEX app.names_idx;\nCREATE UNIQUE INDEX names_idx ON app.users (name);', 'CREATE INDEX users_name_i ON app.users (name);', 'index modified to unique'],
    ['MF105', 'ALTER TABLE app.users ALTER COLUMN email TYPE varchar(10);', 'ALTER TABLE app.users ALTER COLUMN team_id TYPE bigint;', 'type narrowing'],
    ['MF103', 'ALTER TABLE app.users ADD COLUMN age int NOT NULL;', "ALTER TABLE app.users ADD COLUMN age int NOT NULL DEFAULT 0;", 'NOT NULL column without default'],
    ['MF104', 'ALTER TABLE app.users ALTER COLUMN email SET NOT NULL;', "UPDATE app.users SET email = '' WHERE email IS NULL;\nALTER TABLE app.users ALTER COLUMN email SET NOT NULL;", 'SET NOT NULL without back-fill'],
    ['BC101', 'ALTER TABLE app.teams RENAME TO groups;', 'ALTER INDEX app.teams_pkey RENAME TO teams_pk;', 'rename table'],
    ['BC102', 'ALTER TABLE app.users RENAME COLUMN name TO full_name;', 'ALTER TABLE app.users ADD COLUMN full_name text;', 'rename column'],
    ['CD101', 'ALTER TABLE app.users DROP CONSTRAINT users_team_fk;', 'ALTER TABLE app.users DROP COLUMN team_id;', 'drop FK constraint (not with its column)'],
    ['PG101', 'CREATE INDEX users_name ON app.users (name);', 'CREATE TABLE app.t (e text);\nCREATE INDEX t_e2 ON app.t (e);', 'index without CONCURRENTLY'],
    ['PG102', 'ALTER TABLE app.users ALTER COLUMN team_id TYPE bigint;', "ALTER TABLE app.users ALTER COLUMN name SET DEFAULT 'x';", 'table rewrite'],
    ['PG104', 'ALTER TABLE app.users ADD CONSTRAINT u_t FOREIGN KEY (id) REFERENCES app.teams(id);', 'ALTER TABLE app.users ADD CONSTRAINT u_t FOREIGN KEY (id) REFERENCES app.teams(id) NOT VALID;', 'FK without NOT VALID'],
    ['PG105', "ALTER TYPE app.mood ADD VALUE 'sad';", "CREATE TYPE app.other AS ENUM ('a');", 'ADD VALUE in a transaction'],
    ['PG106', 'ALTER TABLE app.users DROP COLUMN name CASCADE;', 'ALTER TABLE app.users DROP COLUMN email;', 'dropping a column a view uses'],
    ['NM101', 'CREATE TABLE app."UserGroups" (id int);', 'CREATE TABLE app.user_groups (id int);', 'table name that needs quoting'],
    ['NM102', 'ALTER TABLE app.users ADD COLUMN "order" int;', 'ALTER TABLE app.users ADD COLUMN sort_order int;', 'column name that needs quoting'],
  ];
  for (const [code, positive, negative, what] of cases) {
    it(`${code}: ${what}`, async () => {
      expect(await codes(positive)).toContain(code);
      expect(await codes(negative)).not.toContain(code);
    });
  }
  it('PG107: CONCURRENTLY in a transactional file; fine with -- atlas:txmode none', async () => {
    const d = dir('CREATE INDEX CONCURRENTLY users_n ON app.users (name);');
    expect((await lintDirectory(dev, d, { latest: 1 })).findings.map((f) => f.code)).toContain('PG107');
    expect(await codes('CREATE INDEX CONCURRENTLY users_n ON app.users (name);', '-- atlas:txmode none\n\n')).not.toContain('PG107');
  });
  it('atlas:nolint silences a file, a statement, a code or an analyzer', async () => {
    expect(await codes('DROP TABLE app.users CASCADE;', '-- atlas:nolint\n\n')).toEqual([]);
    expect(await codes('DROP TABLE app.users CASCADE;', '-- atlas:nolint DS102\n\n')).not.toContain('DS102');
    const partly = await codes('-- atlas:nolint destructive\nALTER TABLE app.users DROP COLUMN email;\nDROP TABLE app.teams CASCADE;');
    expect(partly).not.toContain('DS103');
    expect(partly).toContain('DS102');
  });
  it('formats findings as text, json and GitHub annotations with file:line:col', async () => {
    const r = await lintDirectory(dev, dir('SELECT 1;\n  DROP TABLE app.teams CASCADE;'), { latest: 1, cwd: '/' });
    const f = r.findings.find((x) => x.code === 'DS102')!;
    expect([f.line, f.column]).toEqual([2, 3]);
    expect(r.failed).toBe(true);
    expect(formatFindings(r, 'text')).toMatch(/2_change\.sql:2:3: error DS102: Dropping table "teams"\n    fix: /);
    expect(formatFindings(r, 'github')).toMatch(/^::error file=.*2_change\.sql,line=2,col=3,title=DS102::Dropping table "teams"/m);
    expect(JSON.parse(formatFindings(r, 'json'))).toMatchObject({ failed: true, findings: expect.arrayContaining([expect.objectContaining({ code: 'DS102' })]) });
  });
});

describe('migrate lint CLI', () => {
  it('lints the example project migrations (exit 0) and fails on destructive changes (exit 1)', async () => {
    const ok = await runCli(['migrate', 'lint', '--dir', `file://${join(repoRoot, 'database/migrations')}`], { env: { DATABASE_URL: '' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('File atlas.sum is valid');
    expect(ok.stdout).toMatch(/file\(s\) linted: 0 error\(s\)/);
    const bad = await runCli(['migrate', 'lint', '--latest', '1', '--format', 'github', '--dir', `file://${dir('DROP TABLE app.teams CASCADE;')}`], { env: { DATABASE_URL: '' } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error file=.*,line=1,col=1,title=DS102::/);
  });
});
