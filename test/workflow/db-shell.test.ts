import { loadLibpg } from '../../src/parse/libpg.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRows, isCompleteStatement } from '../../src/cli/db-shell.js';
import { runCli } from '../helpers/cli.js';

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
    const r = await runCli(['db', 'shell', '--url', 'pglite://memory'], {
      input: "create table t(x text);\ninsert into t values ('a;b'), ($$c$$);\nselect *\n  from t order by x;\nselect nope;\n\\q\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK (2)');
    expect(r.stdout).toMatch(/ a;b\s*\n c\s*\n\(2 rows\)/);
    expect(r.stdout).toContain('ERROR: column "nope" does not exist');
  });
});
