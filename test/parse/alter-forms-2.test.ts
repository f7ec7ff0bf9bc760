/**
 * ALTER forms of the objects the Model holds by name while PostgreSQL holds them by OID (h202): `ALTER AGGREGATE`,
 * `ALTER COLLATION`, `ALTER TEXT SEARCH DICTIONARY / CONFIGURATION … RENAME TO / SET SCHEMA` and `ALTER SCHEMA …
 * RENAME TO` (src/parse/kinds/rename-named.ts, function-alter.ts). Each folded form: the folded Model equals what the
 * database inspects after the same file (both directions plan nothing), on PGlite and PostgreSQL, and on PostgreSQL
 * the database Meridian's plan builds from the folded Model dumps (`pg_dump --schema-only`) as the file run by the
 * server does. Each form the fold cannot follow: E_NATIVE, located at the statement (the dev database replays it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { inspect } from '../../src/inspect/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { plan } from '../../src/plan/index.js';
import type { Model } from '../../src/model/types.js';
import { pgDump } from '../acceptance/harness.js';
import { describeEachDatabase } from '../helpers/databases.js';

beforeAll(async () => {
  await initSchemaParser();
});

function roundTrip(inspected: Model, parsed: Model): string[] {
  return [
    ...plan(diff(inspected, parsed), inspected, parsed).map((s) => `inspected → parsed: ${s.sql}`),
    ...plan(diff(parsed, inspected), parsed, inspected).map((s) => `parsed → inspected: ${s.sql}`),
  ];
}

/** Schema files with the forms, each a complete end state. */
const FOLDED: Readonly<Record<string, string>> = {
  'ALTER AGGREGATE … RENAME TO / SET SCHEMA (comment and privileges follow)': `
    CREATE SCHEMA s;
    CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int);
    CREATE AGGREGATE mycat(text) (SFUNC = textcat, STYPE = text, INITCOND = '');
    COMMENT ON AGGREGATE mysum(int) IS 'sum';
    GRANT EXECUTE ON FUNCTION mysum(int) TO PUBLIC;
    REVOKE EXECUTE ON FUNCTION mycat(text) FROM PUBLIC;
    ALTER AGGREGATE mysum(int) RENAME TO total;
    ALTER AGGREGATE total(integer) SET SCHEMA s;
    ALTER AGGREGATE mycat(text) SET SCHEMA s;`,
  'ALTER COLLATION … RENAME TO / SET SCHEMA (comment follows; used after)': `
    CREATE SCHEMA s;
    CREATE COLLATION c1 (provider = icu, locale = 'und');
    CREATE COLLATION c3 (provider = libc, locale = 'C');
    COMMENT ON COLLATION c1 IS 'root';
    ALTER COLLATION c1 RENAME TO c2;
    ALTER COLLATION c2 SET SCHEMA s;
    ALTER COLLATION c3 SET SCHEMA s;
    CREATE TABLE t (a text COLLATE s.c2, b text COLLATE s.c3);`,
  'ALTER TEXT SEARCH DICTIONARY / CONFIGURATION … RENAME TO / SET SCHEMA (mappings follow the dictionary)': `
    CREATE SCHEMA s;
    CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple);
    CREATE TEXT SEARCH CONFIGURATION cfg (COPY = english);
    CREATE TEXT SEARCH CONFIGURATION other (PARSER = default);
    ALTER TEXT SEARCH CONFIGURATION cfg ALTER MAPPING FOR word, asciiword WITH d, english_stem;
    ALTER TEXT SEARCH CONFIGURATION other ADD MAPPING FOR asciiword WITH d;
    COMMENT ON TEXT SEARCH CONFIGURATION cfg IS 'search';
    ALTER TEXT SEARCH DICTIONARY d RENAME TO words;
    ALTER TEXT SEARCH DICTIONARY words SET SCHEMA s;
    ALTER TEXT SEARCH CONFIGURATION cfg RENAME TO search;
    ALTER TEXT SEARCH CONFIGURATION search SET SCHEMA s;
    CREATE TABLE docs (body text, v tsvector GENERATED ALWAYS AS (to_tsvector('s.search'::regconfig, body)) STORED);`,
  'ALTER SCHEMA … RENAME TO of a schema holding nothing yet (comment and privileges follow)': `
    CREATE SCHEMA staging;
    COMMENT ON SCHEMA staging IS 'app';
    GRANT USAGE ON SCHEMA staging TO PUBLIC;
    ALTER SCHEMA staging RENAME TO app;
    CREATE TABLE app.t (id int PRIMARY KEY);`,
};

describeEachDatabase('ALTER forms of objects held by name: folded = inspected, and dumped alike', (t) => {
  for (const [name, sql] of Object.entries(FOLDED)) {
    it(name, async () => {
      const parsed = checkSchema([{ file: 'schema.sql', text: sql }]);
      expect(parsed.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
      await t.db.exec(sql);
      const inspected = (await inspect(t.db)).model;
      expect(roundTrip(inspected, parsed.model)).toEqual([]);
      if (!t.url) return;
      // pg_dump of the file as the server runs it, and of the database Meridian's plan builds from the folded Model.
      const byServer = pgDump(t.url);
      await t.reset();
      const empty = (await inspect(t.db)).model;
      for (const s of plan(diff(empty, parsed.model), empty, parsed.model)) await t.db.exec(s.sql);
      expect(pgDump(t.url)).toBe(byServer);
    });
  }
});

/** What the fold cannot follow: E_NATIVE at the statement (the file's last line), naming what holds the name. */
const NATIVE: readonly { sql: string; message: RegExp }[] = [
  { sql: 'CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int);\nCREATE VIEW v AS SELECT mysum(1) AS n;\nALTER AGGREGATE mysum(int) RENAME TO total;', message: /renaming function public\.mysum\(integer\) named by view public\.v is not folded natively/ },
  { sql: "CREATE SCHEMA s;\nCREATE COLLATION c1 (provider = icu, locale = 'und');\nCREATE TABLE t (a text COLLATE c1);\nALTER COLLATION c1 SET SCHEMA s;", message: /moving collation public\.c1 named by table public\.t is not folded natively/ },
  { sql: "CREATE COLLATION c1 (provider = icu, locale = 'und');\nCREATE DOMAIN d AS text COLLATE c1;\nALTER COLLATION c1 RENAME TO c2;", message: /renaming collation public\.c1 named by type public\.d/ },
  { sql: "CREATE TEXT SEARCH CONFIGURATION cfg (COPY = english);\nCREATE TABLE t (a text);\nCREATE INDEX t_fts ON t USING gin (to_tsvector('cfg'::regconfig, a));\nALTER TEXT SEARCH CONFIGURATION cfg RENAME TO cfg2;", message: /renaming text search configuration public\.cfg named by table public\.t/ },
  { sql: 'CREATE SCHEMA s;\nCREATE TABLE s.a (id int);\nALTER SCHEMA s RENAME TO t;', message: /renaming schema s named by table s\.a is not folded natively/ },
  { sql: 'CREATE SCHEMA s;\nALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO PUBLIC;\nALTER SCHEMA s RENAME TO t;', message: /renaming schema s named by default_privileges/ },
];

describe('ALTER forms of objects held by name that the fold cannot follow: E_NATIVE, located', () => {
  for (const r of NATIVE) {
    it(r.sql.split('\n').at(-1)!, () => {
      const { errors } = checkSchema([{ file: 'schema.sql', text: r.sql }]);
      expect(errors.map((e) => e.code)).toEqual(['E_NATIVE']);
      expect(errors[0]!.message).toMatch(r.message);
      expect(errors[0]!.message).toMatch(/let the dev database replay it/);
      expect(errors[0]!.location).toMatchObject({ file: 'schema.sql', line: r.sql.split('\n').length, column: 1 });
    });
  }
  it('a taken name or an unknown object: as PostgreSQL refuses them', () => {
    const errs = (sql: string) => checkSchema([{ file: 'schema.sql', text: sql }]).errors.map((e) => `${e.code} ${e.message}`);
    expect(errs("CREATE COLLATION c1 (provider = icu, locale = 'und');\nCREATE COLLATION c2 (provider = icu, locale = 'und');\nALTER COLLATION c1 RENAME TO c2;")).toEqual(['E_DUPLICATE collation "public.c2" already exists']);
    expect(errs('CREATE SCHEMA a;\nCREATE SCHEMA b;\nALTER SCHEMA a RENAME TO b;')).toEqual(['E_DUPLICATE schema "b" already exists']);
    expect(errs('ALTER TEXT SEARCH DICTIONARY nosuch RENAME TO d;')).toEqual(['E_UNKNOWN text search dictionary "nosuch" does not exist']);
    expect(errs('CREATE AGGREGATE a(int) (SFUNC = int4pl, STYPE = int);\nCREATE AGGREGATE b(int) (SFUNC = int4pl, STYPE = int);\nALTER AGGREGATE a(int) RENAME TO b;')[0]).toMatch(/^E_DUPLICATE function b\(integer\) already exists in schema "public"/);
  });
});
