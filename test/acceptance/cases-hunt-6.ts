/**
 * Acceptance cases hunted on schemas Meridian had not seen (h115, issue #27 hunt 6): MusicBrainz's admin/sql install
 * scripts (GPL-2.0), listmonk's schema.sql (AGPL-3.0) and hex.pm's priv/repo/structure.sql (Apache-2.0), besides newer
 * commits of pagila, openstreetmap-website and danbooru (products ../shared/corpus already holds). Each class of failure
 * is reproduced by one small case of our own that failed before its fix in src/ (named in the case's comment). Most are
 * classes of the native fold (parse(S) ≠ inspect(S)): test/parse/roundtrip.test.ts runs them too and fails without the
 * fix. Facts only are taken from those files.
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_6_CASES: AcceptanceCase[] = [
  // parse/kinds/text-search.ts (extensionObject): an unqualified dictionary or template that an extension of the
  // search_path creates resolves as PostgreSQL resolves it (the documented `ALTER MAPPING … WITH unaccent, simple`,
  // MusicBrainz's mb_simple configuration); the fold said 'text search dictionary "unaccent" does not exist'.
  {
    name: 'hunt-6: text search configuration mapped to an extension dictionary written unqualified',
    old: ['CREATE EXTENSION unaccent', 'CREATE TABLE doc (id int, body text)'],
    new: [
      'CREATE EXTENSION unaccent',
      'CREATE TABLE doc (id int, body text)',
      "CREATE TEXT SEARCH DICTIONARY plain_unaccent (TEMPLATE = unaccent, RULES = 'unaccent')",
      'CREATE TEXT SEARCH CONFIGURATION doc_simple (COPY = pg_catalog.simple)',
      'ALTER TEXT SEARCH CONFIGURATION doc_simple ALTER MAPPING FOR word, numword, hword, hword_part WITH unaccent, simple',
      'ALTER TEXT SEARCH CONFIGURATION doc_simple ALTER MAPPING FOR asciiword WITH plain_unaccent, simple',
    ],
    seed: "INSERT INTO doc VALUES (1, 'Café crème')",
    keepsTables: [{ tables: ['doc'], query: 'SELECT id, body FROM doc ORDER BY id' }],
  },
  // plan/edges.ts (exprIds, textSearchIds): a string constant that PostgreSQL reads as a regconfig/regdictionary
  // (`to_tsvector('public.cfg', …)`, whose canonical form keeps the string only) makes the index, view, default,
  // check, trigger or policy depend on that configuration or dictionary: created after it, dropped before it. The
  // reversed tie-break created the index first ('text search configuration "public.doc_cfg" does not exist'),
  // as MusicBrainz's search indexes over its mb_simple configuration would be.
  {
    name: 'hunt-6: index and view over a text search configuration named by a string constant',
    old: ['CREATE TABLE doc (id int, body text)'],
    new: [
      'CREATE TABLE doc (id int, body text)',
      'CREATE TEXT SEARCH CONFIGURATION doc_cfg (COPY = pg_catalog.english)',
      "CREATE INDEX doc_body_ts ON doc USING gin (to_tsvector('public.doc_cfg'::regconfig, body))",
      "CREATE VIEW doc_words AS SELECT id, to_tsvector('public.doc_cfg', body) AS words FROM doc",
    ],
    seed: "INSERT INTO doc VALUES (1, 'running dogs')",
    keepsTables: [{ tables: ['doc'], query: 'SELECT id, body FROM doc ORDER BY id' }],
  },
  // plan/graph.ts (extension requires): an extension that requires another (earthdistance → cube, as its control
  // file says and pg_depend records) is created after it and dropped before it; 'DROP EXTENSION cube' failed
  // ('other objects depend on it') when MusicBrainz's schema went to empty.
  {
    name: 'hunt-6: extension that requires another (earthdistance on cube), created and dropped',
    old: ['CREATE TABLE place (id int, lat float8, lng float8)'],
    new: [
      'CREATE EXTENSION cube',
      'CREATE EXTENSION earthdistance',
      'CREATE TABLE place (id int, lat float8, lng float8)',
      'CREATE INDEX place_earth ON place USING gist (ll_to_earth(lat, lng))',
    ],
    seed: 'INSERT INTO place VALUES (1, 51.5, -0.1)',
    keepsTables: [{ tables: ['place'], query: 'SELECT id, lat, lng FROM place ORDER BY id' }],
  },
  // parse/normalize.ts (groupKey): `GROUP BY name` is an input column first and the output column of that name only
  // when no input column has it, as PostgreSQL resolves it; the fold took the bare name as a column, so listmonk's
  // materialized views (`created_at::date AS date … GROUP BY date`) folded to another query than PostgreSQL's and
  // `schema apply` on an up-to-date database dropped and recreated them.
  {
    name: 'hunt-6: views grouping by an output column name and by an input column that shadows one',
    old: ['CREATE TABLE link_clicks (id int, created_at timestamptz)'],
    new: [
      'CREATE TABLE link_clicks (id int, created_at timestamptz)',
      'CREATE VIEW daily_clicks AS SELECT count(*) AS clicks, created_at::date AS day FROM link_clicks GROUP BY day ORDER BY day',
      'CREATE MATERIALIZED VIEW clicks_by_id AS SELECT id::text AS id, count(*) AS n FROM link_clicks GROUP BY id',
    ],
    seed: "INSERT INTO link_clicks VALUES (1, '2026-01-01 10:00+00'), (1, '2026-01-02 10:00+00')",
    keepsTables: [{ tables: ['link_clicks'], query: 'SELECT id, created_at FROM link_clicks ORDER BY created_at' }],
  },
  // parse/normalize.ts (column): a bare name that no column in reach has is a whole-row reference to the relation of
  // that name (`row_to_json(row)` over a subquery aliased row, as listmonk's mat_dashboard_charts writes it; PostgreSQL
  // prints `row_to_json("row".*)`); the fold kept it as a column name, so parse ≠ inspect.
  {
    name: 'hunt-6: view passing a whole row by its bare alias to a function',
    old: ['CREATE TABLE link_clicks (id int, created_at timestamptz)'],
    new: [
      'CREATE TABLE link_clicks (id int, created_at timestamptz)',
      'CREATE VIEW clicks_json AS SELECT json_agg(row_to_json(row)) AS clicks FROM (SELECT id, created_at FROM link_clicks) row',
      'CREATE VIEW clicks_rows AS SELECT row_to_json(link_clicks) AS j FROM link_clicks',
    ],
    seed: "INSERT INTO link_clicks VALUES (1, '2026-01-01 10:00+00')",
    keepsTables: [{ tables: ['link_clicks'], query: 'SELECT id, created_at FROM link_clicks ORDER BY id' }],
  },
];
