import { beforeAll, describe, expect, it } from 'vitest';
import { initSplitter, splitStatements } from '../../src/parse/split.js';

const texts = (s: string) => splitStatements(s).map((x) => x.text);

describe("Atlas's statement splitting", () => {
  beforeAll(async () => {
    await initSplitter();
  });
  it('an empty text or buffer has no statements (the wasm scanner itself fails on an empty string)', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements(Buffer.alloc(0))).toEqual([]);
  });
  it('splits at semicolons, keeping the delimiter in the text', () => {
    expect(texts('CREATE TABLE a (id int);\n\nINSERT INTO a VALUES (1);\n')).toEqual(['CREATE TABLE a (id int);', 'INSERT INTO a VALUES (1);']);
  });
  it('keeps semicolons inside quotes, dollar quotes and comments', () => {
    expect(texts(`SELECT 'a;b', $$c;d$$, $tag$e;$tag$ /* ; */;\nSELECT E'\\';x';`)).toEqual([`SELECT 'a;b', $$c;d$$, $tag$e;$tag$ /* ; */;`, `SELECT E'\\';x';`]);
  });
  it('detaches leading comments and keeps them as statement comments', () => {
    const s = splitStatements('-- Create "t" table\nCREATE TABLE t (id int);\n-- orphan\n\nSELECT 1;');
    expect(s.map((x) => x.text)).toEqual(['CREATE TABLE t (id int);', 'SELECT 1;']);
    expect(s[0]!.comments).toEqual(['-- Create "t" table']);
    expect(s[1]!.comments).toEqual([]);
  });
  it('reports positions (line, column, byte offset)', () => {
    const s = splitStatements('SELECT 1;\n  SELECT é;\nSELECT 3;');
    expect(s.map((x) => [x.line, x.column])).toEqual([[1, 1], [2, 3], [3, 1]]);
    expect(s[2]!.offset).toBe(Buffer.byteLength('SELECT 1;\n  SELECT é;\n'));
  });
  it('keeps BEGIN ATOMIC … END and BEGIN … END blocks whole, but splits BEGIN; … COMMIT;', () => {
    const fn = `CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;`;
    expect(texts(`${fn}\nSELECT 3;`)).toEqual([fn, 'SELECT 3;']);
    expect(texts('BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;')).toEqual(['BEGIN;', 'CREATE TABLE a (id int);', 'COMMIT;']);
  });
  it('treats the last statement without delimiter as a statement', () => {
    expect(texts('SELECT 1;\nSELECT 2')).toEqual(['SELECT 1;', 'SELECT 2']);
  });
  it('honours -- atlas:delimiter on the first line', () => {
    expect(texts('-- atlas:delimiter \\n---\\n\nCREATE TABLE a (x text DEFAULT \';\');\n---\nSELECT 1;\n')).toEqual(["CREATE TABLE a (x text DEFAULT ';');", 'SELECT 1;']);
    expect(() => splitStatements('-- atlas:delimiter //\n')).toThrow(/no input found after delimiter/);
  });
  it('rejects unbalanced parentheses and unclosed quotes', () => {
    expect(() => splitStatements('SELECT 1);')).toThrow(/unexpected '\)'/);
    expect(() => splitStatements("SELECT 'abc;")).toThrow(/^unterminated quoted string at or near "'abc;"$/);
  });
});
