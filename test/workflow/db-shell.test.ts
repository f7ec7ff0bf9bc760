import { loadLibpg } from '../../src/parse/libpg.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRows, isCompleteStatement } from '../../src/cli/db-shell.js';
import { runInProcess } from '../helpers/cli-inproc.js';

describe('db shell', () => {
  beforeAll(async () => {
    await loadLibpg();
  });
  it('finds statement ends with the scanner, not by string matching', async () => {
    expect(isCompleteStatement('select 1;')).toBe(true);
    expect(isCompleteStatement("select ';'")).toBe(false);
    expect(isCompleteStatement('select $$a;\nb')).toBe(false);
    expect(isCompleteStatement('select $$a;\nb$$;')).toBe(true);
    expect(isCompleteStatement('select 1; -- done')).toBe(true);
    expect(isCompleteStatement('select 1 /* ; */')).toBe(false);
  });
  it('formats rows like psql', async () => {
    expect(formatRows([{ a: 1, b: null }, { a: 22, b: 'x' }])).toBe(' a  | b\n----+---\n 1  |  \n 22 | x\n(2 rows)\n');
    expect(formatRows([])).toBe('(0 rows)\n');
  });
  it('runs statements from stdin on the embedded database', async () => {
    const r = await runInProcess(['db', 'shell', '--url', 'pglite://memory'], {
      input: "create table t(x text);\ninsert into t values ('a;b'), ($$c$$);\nselect *\n  from t order by x;\nselect nope;\n\\q\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK (2)');
    expect(r.stdout).toMatch(/ a;b\s*\n c\s*\n\(2 rows\)/);
    expect(r.stdout).toContain('ERROR: column "nope" does not exist');
  });
  it('answers psql meta-commands from the Model and never glues them into the next statement', async () => {
    const input = [
      'create schema app;',
      'create table app.users (id int primary key, email text not null unique, bio text default \'\');',
      "create view app.emails as select email from app.users;",
      'create function app.one() returns int language sql as $$select 1$$;',
      '\\dt',
      '\\d app.users',
      '\\dn',
      '\\df app.*',
      '\\dv',
      '\\di',
      'select id,',
      '\\dt app.nothing*',
      "  email from app.users where false;",
      '\\x',
      "insert into app.users values (1, 'a@example.com');",
      'select id, email from app.users;',
      '\\timing on',
      'select 1 as one;',
      '\\frobnicate',
      '\\q',
      'select 2;',
    ].join('\n') + '\n';
    const r = await runInProcess(['db', 'shell', '--url', 'pglite://memory'], { input });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/List of relations\n Schema \| Name {2}\| Type\n-+\+-+\+-+\n app {4}\| users \| table\n\(1 row\)/);
    expect(out).toContain('Table "app.users"');
    expect(out).toMatch(/ email +\| text +\| not null \|\n/);
    expect(out).toMatch(/ bio +\| text +\| +\| ''::text\n/);
    expect(out).toMatch(/Indexes:\n {4}"users_email_key" UNIQUE CONSTRAINT, btree \(email\)\n {4}"users_pkey" PRIMARY KEY, btree \(id\)\n/);
    expect(out).toMatch(/List of schemas\n[\s\S]* app\n/);
    expect(out).toMatch(/ app +\| one +\| integer +\| +\| func\n/);
    expect(out).toMatch(/ app +\| emails \| view\n/);
    expect(out).toMatch(/ app +\| users_email_key \| index \| users\n/);
    // The meta-command inside the SELECT was answered on its own; the SELECT ran whole afterwards.
    expect(out).toMatch(/Did not find any matching relations\.\n\(0 rows\)\n/);
    expect(out).not.toContain('ERROR');
    expect(out).toContain('Expanded display is on.');
    expect(out).toMatch(/-\[ RECORD 1 \]-*\nid {4}\| 1\nemail \| a@example\.com\n/);
    expect(out).toMatch(/Timing is on\.\n-\[ RECORD 1 \]-*\none \| 1\nTime: \d+\.\d{3} ms\n/);
    expect(out).toContain('invalid command \\frobnicate');
    expect(out).not.toMatch(/two|\b2\b\n\(1 row\)/); // \q stopped before "select 2"
  }, 120_000);
});
