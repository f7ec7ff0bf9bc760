/**
 * What the kinds of issue #27 refuse, with a located or explained error instead of a plan that fails half-way:
 * text search parsers and templates (C-level) in a schema file, a collation that changes while columns use it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { MeridianError } from '../../src/errors.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(async () => {
  await initSchemaParser();
});

const model = (sql: string) => {
  const r = checkSchema([{ file: 'schema.sql', text: sql }]);
  expect(r.errors).toEqual([]);
  return r.model;
};

describe('kinds refused with a reason', () => {
  it('a materialized view column setting the fold does not keep is refused naming ALTER MATERIALIZED VIEW (hunt 13a)', () => {
    const r = checkSchema([{ file: 'schema.sql', text: 'CREATE TABLE t (c text);\nCREATE MATERIALIZED VIEW mv AS SELECT c FROM t;\nALTER MATERIALIZED VIEW mv ALTER COLUMN c SET COMPRESSION pglz;' }]);
    expect(r.errors.map((e) => [e.code, e.message, e.location?.line])).toEqual([['E_UNSUPPORTED', expect.stringMatching(/^ALTER MATERIALIZED VIEW … SET COMPRESSION is not supported in a schema file/), 3]]);
  });
  it('a collation whose definition changes while a domain uses it: E_PLAN naming it (a column alone is moved off and back)', () => {
    const uses = 'CREATE TABLE t (id int, name text COLLATE ci); CREATE DOMAIN d AS text COLLATE ci;';
    const from = model(`CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false); ${uses}`);
    const to = model(`CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false); ${uses}`);
    // the domain blocks it (no ALTER DOMAIN for a collation); the column alone is moved off it and back
    expect(() => diff(from, to)).toThrow(/collation public\.ci \(schema\.sql:1:1\) changes definition, but domain public\.d \(schema\.sql:1:\d+\) uses it, and PostgreSQL cannot move it off.*another name/);
    const colOnly = (locale: string) => model(`CREATE COLLATION ci (provider = icu, locale = '${locale}', deterministic = false); CREATE TABLE t (id int, name text COLLATE ci);`);
    expect(diff(colOnly('und-u-ks-level2'), colOnly('und-u-ks-level1')).map((c) => c.kind).sort()).toEqual(['alter_column', 'alter_column', 'alter_object']);
    // a partition key column cannot change collation in PostgreSQL: refused, located
    const keyed = (locale: string) => model(`CREATE COLLATION ci (provider = icu, locale = '${locale}', deterministic = false);\nCREATE TABLE pt (name text COLLATE ci) PARTITION BY LIST (name);`);
    expect(() => diff(keyed('und-u-ks-level2'), keyed('und-u-ks-level1'))).toThrow(/column public\.pt\.name \(schema\.sql:2:\d+\) \(a partition key column\) uses it/);
    // read from the key's canonical form, not its text: a name with regex characters, inside an expression, and a
    // column whose name only appears inside another's is not taken for a key column
    const odd = (locale: string) => model(`CREATE COLLATION ci (provider = icu, locale = '${locale}', deterministic = false);\nCREATE TABLE pq ("a(b[c" text COLLATE ci, "a(b" text COLLATE ci) PARTITION BY LIST (lower("a(b[c"));`);
    expect(() => diff(odd('und-u-ks-level2'), odd('und-u-ks-level1'))).toThrow(/column public\.pq\."?a\(b\[c"? \(schema\.sql:2:\d+\) \(a partition key column\) uses it/);
    expect(() => diff(odd('und-u-ks-level2'), odd('und-u-ks-level1'))).not.toThrow(/public\.pq\."?a\(b"? \(/);
    try {
      diff(from, to);
    } catch (e) {
      expect((e as MeridianError).location).toMatchObject({ file: 'schema.sql', line: 1, column: 1 });
    }
    // unused, it is recreated
    const bare = (locale: string) => model(`CREATE COLLATION ci (provider = icu, locale = '${locale}', deterministic = false)`);
    expect(diff(bare('und-u-ks-level2'), bare('und-u-ks-level1')).map((c) => c.kind)).toEqual(['alter_object']);
  });
  it('a domain recreated (another base type) while a partitioned table\'s column uses it: E_PLAN naming it; a plain table\'s column is moved off and back', () => {
    const uses = (base: string, table: string) => model(`CREATE DOMAIN code AS ${base};\n${table}`);
    const partitioned = 'CREATE TABLE pt (c code, n int) PARTITION BY LIST (n);';
    expect(() => diff(uses('varchar(10)', partitioned), uses('text', partitioned))).toThrow(/^domain public\.code \(schema\.sql:1:1\) changes its base type or collation .* but column public\.pt\.c \(schema\.sql:2:\d+\) \(of a partitioned table or a partition\) uses it.*meridian migrate new/);
    const plain = 'CREATE TABLE t (c code[], n int);';
    const changes = diff(uses('varchar(10)', plain), uses('text', plain));
    expect(changes.filter((c) => c.kind === 'alter_column').map((c) => c.kind === 'alter_column' && `${c.from.type} → ${c.to.type}`)).toEqual(['public.code[] → character varying(10)[]', 'character varying(10)[] → public.code[]']);
  });
  it('a table or index in a tablespace other than the default: E_UNSUPPORTED at the statement (pg_default is accepted)', () => {
    const r = checkSchema([{ file: 'schema.sql', text: 'CREATE TABLE t (a int) TABLESPACE pg_default;\nCREATE TABLE u (a int) TABLESPACE fast;\nCREATE INDEX t_a ON t (a) TABLESPACE fast;\n' }]);
    expect(r.errors.map((e) => [e.code, e.location.line, e.location.column])).toEqual([['E_UNSUPPORTED', 2, 1], ['E_UNSUPPORTED', 3, 1]]);
    expect(r.errors[0]!.message).toMatch(/TABLESPACE fast is not supported in a schema file \(tablespaces are not managed\)/);
  });
  it('refused kinds are named in PostgreSQL\'s words (its command tags and object kinds), at file:line:col, with what to do instead', () => {
    const refused: [string, string][] = [
      ["CREATE TABLESPACE fast LOCATION '/tmp/x'", 'CREATE TABLESPACE'],
      ["SECURITY LABEL FOR x ON TABLE t IS 'y'", 'SECURITY LABEL'],
      ['CREATE ACCESS METHOD am TYPE TABLE HANDLER heap_tableam_handler', 'CREATE ACCESS METHOD'],
      ['CREATE LANGUAGE plx HANDLER f', 'CREATE LANGUAGE'],
      ["CREATE CONVERSION cv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8", 'CREATE CONVERSION'],
      ['CREATE TRANSFORM FOR int LANGUAGE sql (FROM SQL WITH FUNCTION f(internal))', 'CREATE TRANSFORM'],
      ["CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (connect = false)", 'CREATE SUBSCRIPTION'],
      ['CREATE TYPE base', 'CREATE TYPE (a base or shell type, built on C-level functions)'],
      ['CREATE TEXT SEARCH PARSER tp (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)', 'CREATE TEXT SEARCH PARSER'],
      ['ALTER TABLE t SET TABLESPACE fast', 'ALTER TABLE … SET TABLESPACE'],
      ['ALTER TABLE t OWNER TO someone', ''],
      ['DROP TABLESPACE fast', 'DROP TABLESPACE'],
      ['IMPORT FOREIGN SCHEMA s FROM SERVER srv INTO public', 'IMPORT FOREIGN SCHEMA'],
    ];
    for (const [sql, kind] of refused) {
      const r = checkSchema([{ file: 'schema.sql', text: `CREATE TABLE t (a int);\n  ${sql};\n` }]);
      if (!kind) { expect(r.errors, `${sql}: ownership is ignored, not refused`).toEqual([]); continue; }
      expect(r.errors.map((e) => [e.code, e.location.file, e.location.line, e.location.column]), sql).toEqual([['E_UNSUPPORTED', 'schema.sql', 2, 3]]);
      expect(r.errors[0]!.message, sql).toMatch(new RegExp(`^${kind.replace(/[()…]/g, (m) => `\\${m}`)} .*is not supported in a schema file.*; move it to a migration \\(\`meridian migrate new\`\\)`));
      expect(r.errors[0]!.message, sql).not.toMatch(/TABLE SPACE|SEC LABEL|\bAM\b|PLANG|_/);
    }
  });
  it('CREATE TEXT SEARCH PARSER / TEMPLATE: E_UNSUPPORTED at the statement, saying why', () => {
    const r = checkSchema([{ file: 'schema.sql', text: 'CREATE TABLE t (a int);\nCREATE TEXT SEARCH TEMPLATE tt (LEXIZE = dsimple_lexize);\n' }]);
    expect(r.errors.map((e) => [e.code, e.location.line, e.location.column])).toEqual([['E_UNSUPPORTED', 2, 1]]);
    expect(r.errors[0]!.message).toMatch(/TEXT SEARCH TEMPLATE \(built on C-level functions; ship it in an extension\) is not supported in a schema file/);
  });
  it('a text search configuration on another parser, a mapping for an unknown token, an unknown dictionary: located errors', () => {
    const errs = (sql: string) => checkSchema([{ file: 'schema.sql', text: sql }]).errors.map((e) => `${e.code} ${e.message}`);
    expect(errs('CREATE TEXT SEARCH CONFIGURATION c (PARSER = myparser);')[0]).toMatch(/^E_UNSUPPORTED text search parser "myparser" is not supported/);
    expect(errs('CREATE TEXT SEARCH CONFIGURATION c (COPY = simple);\nALTER TEXT SEARCH CONFIGURATION c ADD MAPPING FOR nosuch WITH simple;')[0]).toBe('E_UNKNOWN token type "nosuch" does not exist');
    expect(errs('CREATE TEXT SEARCH CONFIGURATION c (COPY = simple);\nALTER TEXT SEARCH CONFIGURATION c ALTER MAPPING FOR word WITH nodict;')[0]).toMatch(/^E_UNKNOWN text search dictionary "nodict" does not exist/);
  });
});
