/**
 * Scanner-level errors (a file cut inside a quote, a dollar-quoted body, a comment) are reported with
 * PostgreSQL's own message at the line:col where the unterminated token opens — in schema files
 * (`schema validate`, `migrate diff`) and in migration files — never as libpg-query's JSON failure.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeridianError } from '../../src/errors.js';
import { initSplitter, splitStatements } from '../../src/parse/split.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { syntaxErrors } from '../../src/workflow/state.js';

const HEAD = `CREATE SCHEMA app;\nCREATE TABLE app.users (id int PRIMARY KEY, email text NOT NULL);\n`;

/** Each case: text appended after HEAD (line 3), PostgreSQL's message, and the column where the token opens. */
const CASES: { name: string; tail: string; message: string; column: number }[] = [
  { name: 'a dollar-quoted function body', tail: 'CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$\n  SELECT 1\n', message: 'unterminated dollar-quoted string at or near "$$…"', column: 53 },
  { name: 'a tagged dollar quote', tail: 'CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $body$ SELECT 1 $$;\n', message: 'unterminated dollar-quoted string at or near "$body$ SELECT 1 $$;"', column: 53 },
  { name: 'a quoted string', tail: "CREATE TABLE app.t (a text DEFAULT 'abc);\n", message: `unterminated quoted string at or near "'abc);"`, column: 36 },
  { name: 'an escape string', tail: "CREATE TABLE app.t (a text DEFAULT E'abc\\');\n", message: `unterminated quoted string at or near "E'abc\\');"`, column: 36 },
  { name: 'a quoted identifier', tail: 'CREATE TABLE app."Orders (id int);\n', message: 'unterminated quoted identifier at or near ""Orders (id int);"', column: 18 },
  { name: 'a block comment', tail: '/* the orders table\nCREATE TABLE app.t (id int);\n', message: 'unterminated /* comment at or near "/* the orders table…"', column: 1 },
  { name: 'after a grammar error in an earlier statement', tail: "CREATE TABLE app.t (id int));\nCREATE TABLE app.u (a text DEFAULT 'x);\n", message: `unterminated quoted string at or near "'x);"`, column: 36 },
];

describe('scanner errors carry PostgreSQL\'s message at the token that opens', () => {
  it.each(CASES)('schema validate: $name', async ({ tail, message, column }) => {
    await initSchemaParser();
    const r = checkSchema([{ file: 'schema.sql', text: HEAD + tail }]);
    const scan = r.errors.find((e) => e.message.startsWith('unterminated'));
    expect(scan, JSON.stringify(r.errors)).toBeDefined();
    expect(scan!.message).toBe(message);
    const line = tail.startsWith("CREATE TABLE app.t (id int));") ? 4 : 3;
    expect([scan!.location.line, scan!.location.column]).toEqual([line, column]);
    expect(r.errors.every((e) => !/JSON/.test(e.message))).toBe(true);
  });
  it.each(CASES)('migrate diff and migration files: $name', async ({ tail, message, column }) => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-scan-'));
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'schema.sql'), HEAD + tail);
    const line = tail.startsWith("CREATE TABLE app.t (id int));") ? 4 : 3;
    let err: MeridianError | undefined;
    try {
      await migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev: async () => { throw new Error('no dev database'); } });
    } catch (e) {
      err = e as MeridianError;
    }
    expect(err?.code).toBe('E_PARSE');
    expect(err!.message).toContain(`schema.sql:${line}:${column}: error[E_SYNTAX]: ${message}`);
    expect(readdirSync(join(dir, 'migrations'))).toEqual([]);
    // The same text as a migration file: the splitter (Atlas's rules on the scanner) reports it alike.
    await initSplitter();
    let split: MeridianError | undefined;
    try {
      splitStatements(HEAD + tail, '20260101000000_x.sql');
    } catch (e) {
      split = e as MeridianError;
    }
    if (line === 3) {
      expect(split?.message).toBe(message);
      expect(split?.location).toMatchObject({ file: '20260101000000_x.sql', line, column });
    }
    const located = await syntaxErrors([{ file: 'm.sql', text: HEAD + tail }]);
    expect(located.some((e) => e.message === message && e.location.line === line && e.location.column === column), JSON.stringify(located)).toBe(true);
  });
});
