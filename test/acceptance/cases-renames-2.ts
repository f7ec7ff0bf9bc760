/**
 * Acceptance cases of the renames and moves a schema file may hold that the native fold took to the dev database
 * before (h202): `ALTER AGGREGATE … RENAME TO / SET SCHEMA`, `ALTER COLLATION … RENAME TO / SET SCHEMA`, `ALTER TEXT
 * SEARCH DICTIONARY / CONFIGURATION … RENAME TO / SET SCHEMA` and `ALTER SCHEMA … RENAME TO` of a schema that holds
 * nothing yet, each of an object the file created earlier (src/parse/kinds/rename-named.ts, function-alter.ts). The
 * new side is the file with the renames: the round trip (test/parse/roundtrip.test.ts) folds it and compares it with
 * the database PostgreSQL builds from it; each case runs both directions on PGlite and PostgreSQL, judged by pg_dump.
 */
import type { AcceptanceCase } from './harness.js';

const kept = 'CREATE TABLE r2_notes (id int PRIMARY KEY, body text)';
const seed = "INSERT INTO r2_notes VALUES (1, 'a'), (2, 'b')";
const keeps = 'SELECT id, body FROM r2_notes ORDER BY id';

export const RENAMES_2_CASES: AcceptanceCase[] = [
  {
    name: 'renames-2: an aggregate renamed and moved in the file keeps its comment and privileges, a view then calls it',
    old: [kept, 'CREATE SCHEMA r2_s', 'CREATE AGGREGATE r2_sum(int) (SFUNC = int4pl, STYPE = int)'],
    new: [kept, 'CREATE SCHEMA r2_s', 'CREATE AGGREGATE r2_sum(int) (SFUNC = int4pl, STYPE = int, INITCOND = \'0\')',
      "COMMENT ON AGGREGATE r2_sum(int) IS 'a running sum'", 'REVOKE EXECUTE ON FUNCTION r2_sum(int) FROM PUBLIC',
      'ALTER AGGREGATE r2_sum(int) RENAME TO r2_total', 'ALTER AGGREGATE r2_total(integer) SET SCHEMA r2_s',
      'CREATE VIEW r2_counts AS SELECT r2_s.r2_total(id) AS n FROM r2_notes'],
    seed, keeps,
  },
  {
    name: 'renames-2: a collation renamed and moved in the file keeps its comment, a column then uses it',
    old: [kept, 'CREATE SCHEMA r2_s', "CREATE COLLATION r2_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"],
    new: [kept, 'CREATE SCHEMA r2_s', "CREATE COLLATION r2_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
      "COMMENT ON COLLATION r2_ci IS 'case-insensitive'", 'ALTER COLLATION r2_ci RENAME TO r2_nocase', 'ALTER COLLATION r2_nocase SET SCHEMA r2_s',
      'CREATE TABLE r2_tags (name text COLLATE r2_s.r2_nocase PRIMARY KEY)'],
    seed, keeps,
  },
  {
    name: "renames-2: a text search dictionary and configuration renamed and moved in the file, the configuration's mappings following the dictionary",
    old: [kept, 'CREATE SCHEMA r2_s', 'CREATE TEXT SEARCH DICTIONARY r2_d (TEMPLATE = simple, STOPWORDS = english)'],
    new: [kept, 'CREATE SCHEMA r2_s', 'CREATE TEXT SEARCH DICTIONARY r2_d (TEMPLATE = simple, STOPWORDS = english)',
      'CREATE TEXT SEARCH CONFIGURATION r2_cfg (COPY = english)', 'ALTER TEXT SEARCH CONFIGURATION r2_cfg ALTER MAPPING FOR asciiword WITH r2_d, english_stem',
      "COMMENT ON TEXT SEARCH DICTIONARY r2_d IS 'simple, no stop words'",
      'ALTER TEXT SEARCH DICTIONARY r2_d RENAME TO r2_words', 'ALTER TEXT SEARCH DICTIONARY r2_words SET SCHEMA r2_s',
      'ALTER TEXT SEARCH CONFIGURATION r2_cfg RENAME TO r2_search', 'ALTER TEXT SEARCH CONFIGURATION r2_search SET SCHEMA r2_s',
      "CREATE INDEX r2_notes_fts ON r2_notes USING gin (to_tsvector('r2_s.r2_search'::regconfig, body))"],
    seed, keeps,
  },
  {
    name: 'renames-2: an empty schema renamed in the file keeps its comment and privileges, then holds a table',
    old: [kept, 'CREATE SCHEMA r2_staging'],
    new: [kept, 'CREATE SCHEMA r2_staging', "COMMENT ON SCHEMA r2_staging IS 'the application'", 'GRANT USAGE ON SCHEMA r2_staging TO PUBLIC',
      'ALTER SCHEMA r2_staging RENAME TO r2_app', 'CREATE TABLE r2_app.items (id int PRIMARY KEY)'],
    seed, keeps,
  },
];
