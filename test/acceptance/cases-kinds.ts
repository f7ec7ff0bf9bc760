import type { AcceptanceCase } from './harness.js';

/**
 * Acceptance cases for the object kinds of issue #27 (pg_dump's vocabulary), each written the way
 * `pg_dump --schema-only` writes it where that differs from hand-written DDL. Each README vocabulary row
 * marked managed points at a case here by its name.
 */
export const KIND_CASES: AcceptanceCase[] = [
  // ---- ALTER INDEX parent_pkey ATTACH PARTITION child_pkey (pg_dump, for every partitioned table with a key)
  {
    name: 'kind: partition key indexes attached as pg_dump writes them',
    old: ['CREATE TABLE p (id int NOT NULL, k int) PARTITION BY RANGE (id)', 'CREATE TABLE c1 PARTITION OF p FOR VALUES FROM (0) TO (10)'],
    new: [
      'CREATE TABLE p (id int NOT NULL, k int) PARTITION BY RANGE (id)',
      'CREATE TABLE c1 (id int NOT NULL, k int)',
      'ALTER TABLE ONLY p ATTACH PARTITION c1 FOR VALUES FROM (0) TO (10)',
      'ALTER TABLE ONLY p ADD CONSTRAINT p_pkey PRIMARY KEY (id)',
      'ALTER TABLE ONLY c1 ADD CONSTRAINT c1_pkey PRIMARY KEY (id)',
      'ALTER INDEX p_pkey ATTACH PARTITION c1_pkey',
    ],
    seed: 'INSERT INTO p VALUES (1, 1), (2, 2)',
    keeps: 'SELECT * FROM p ORDER BY id',
  },
  // ---- sequences: UNLOGGED (PostgreSQL 15+), SET LOGGED / SET UNLOGGED
  { name: 'kind: unlogged sequence created', old: [], new: ['CREATE UNLOGGED SEQUENCE s START 5'] },
  { name: 'kind: sequence set unlogged', old: ['CREATE SEQUENCE s'], new: ['CREATE SEQUENCE s', 'ALTER SEQUENCE s SET UNLOGGED'], seed: "SELECT nextval('s')", keeps: 'SELECT last_value FROM s' },
  { name: 'kind: serial of an unlogged table is unlogged', old: ['CREATE TABLE t (id serial, v text)'], new: ['CREATE UNLOGGED TABLE t (id serial, v text)'], seed: "INSERT INTO t (v) VALUES ('a')", keeps: 'SELECT * FROM t' },
];
KIND_CASES.push(
  // ---- column attribute options (pg_dump: ALTER TABLE ONLY t ALTER COLUMN c SET (…) / SET STORAGE / SET COMPRESSION)
  {
    name: 'kind: column attribute options set and reset',
    old: ['CREATE TABLE t (a text, n numeric, i int, b bytea, j jsonb)'],
    new: [
      'CREATE TABLE t (a text, n numeric, i int, b bytea COMPRESSION pglz, j jsonb)',
      'ALTER TABLE ONLY t ALTER COLUMN a SET (n_distinct=-1)',
      'ALTER TABLE ONLY t ALTER COLUMN i SET (n_distinct=100, n_distinct_inherited=0.5)',
      'ALTER TABLE ONLY t ALTER COLUMN a SET STORAGE EXTERNAL',
      'ALTER TABLE ONLY t ALTER COLUMN n SET STORAGE EXTENDED',
      'ALTER TABLE ONLY t ALTER COLUMN j SET STORAGE MAIN',
      'ALTER TABLE ONLY t ALTER COLUMN j SET COMPRESSION pglz',
      'ALTER TABLE ONLY t ALTER COLUMN i SET STATISTICS 300',
    ],
    seed: "INSERT INTO t VALUES ('x', 1.5, 2, '\\x00', '{}')",
    keeps: 'SELECT * FROM t',
    expectedSql: ['ALTER COLUMN "a" SET (n_distinct=-1)', 'ALTER COLUMN "a" SET STORAGE EXTERNAL', 'ALTER COLUMN "j" SET COMPRESSION pglz'],
  },
  { name: 'kind: column options on a new table', old: [], new: ['CREATE TABLE t (a text)', 'ALTER TABLE t ALTER COLUMN a SET (n_distinct=-0.5), ALTER COLUMN a SET STORAGE MAIN'] },
);
KIND_CASES.push(
  // ---- ordering: a domain over a composite type, a composite over domains (created and dropped in dependency order)
  {
    name: 'kind: domain over a composite type and composite over domains',
    old: ['CREATE TABLE t (id int)'],
    new: [
      'CREATE TYPE zpair AS (a int, b text)',
      'CREATE DOMAIN apair AS zpair CHECK ((VALUE).a > 0)',
      'CREATE DOMAIN posint AS int CHECK (VALUE > 0)',
      'CREATE TYPE bcomp AS (p posint, q apair)',
      'CREATE TABLE t (id int, x bcomp, y apair)',
    ],
    seed: 'INSERT INTO t VALUES (1)',
    keeps: 'SELECT id FROM t',
  },
  {
    name: 'kind: composite type with a collated attribute, created and used',
    old: ['CREATE TABLE t (id int)'],
    new: ['CREATE TYPE named AS (label text COLLATE "C", n int)', 'CREATE TABLE t (id int, x named)'],
    seed: 'INSERT INTO t VALUES (1)',
    keeps: 'SELECT id FROM t',
  },
  {
    name: 'kind: composite attribute collation changed',
    old: ['CREATE TYPE named AS (label text COLLATE "C", n int)', 'CREATE FUNCTION f(named) RETURNS text LANGUAGE sql AS $$ SELECT ($1).label $$'],
    new: ['CREATE TYPE named AS (label text COLLATE "POSIX", n int)', 'CREATE FUNCTION f(named) RETURNS text LANGUAGE sql AS $$ SELECT ($1).label $$'],
  },
);
KIND_CASES.push(
  // ---- COMMENT ON EXTENSION (pg_dump writes one for every extension)
  { name: 'kind: comment on an extension', old: ['CREATE EXTENSION hstore'], new: ['CREATE EXTENSION hstore', "COMMENT ON EXTENSION hstore IS 'key/value pairs, our way'"], expectedSql: ["COMMENT ON EXTENSION \"hstore\" IS 'key/value pairs, our way'"] },
  { name: 'kind: extension created with its comment', old: [], new: ['CREATE EXTENSION citext', "COMMENT ON EXTENSION citext IS 'case-insensitive text'"] },
  { name: 'kind: pg_dump extension comment is its default', old: [], new: ['CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public', "COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams'"] },
);
const tables = ['CREATE TABLE r1 (a int, b text)', 'CREATE TABLE r2 (a int, b text)'];
KIND_CASES.push(
  // ---- rules (managed)
  {
    name: 'kind: rules on a table and a view, with a comment',
    old: [...tables, 'CREATE VIEW v AS SELECT a FROM r1'],
    new: [
      ...tables, 'CREATE VIEW v AS SELECT a FROM r1',
      "CREATE RULE rr AS ON INSERT TO r1 DO ALSO INSERT INTO r2 VALUES (NEW.a, 'x')",
      'CREATE RULE ru AS ON UPDATE TO r1 WHERE OLD.a <> NEW.a DO INSTEAD (UPDATE r2 SET a = NEW.a WHERE r2.a = OLD.a; DELETE FROM r2 WHERE r2.b IS NULL)',
      "COMMENT ON RULE ru ON r1 IS 'the update rule'",
      'CREATE RULE vd AS ON DELETE TO v DO INSTEAD DELETE FROM r1 WHERE r1.a = OLD.a',
    ],
    seed: "INSERT INTO r1 VALUES (1, 'a'); INSERT INTO r2 VALUES (2, 'b')",
    keeps: 'SELECT * FROM r1, r2 ORDER BY 1, 3',
  },
  {
    name: 'kind: rule action changed',
    old: [...tables, 'CREATE RULE rr AS ON INSERT TO r1 DO ALSO INSERT INTO r2 VALUES (NEW.a)'],
    new: [...tables, 'CREATE RULE rr AS ON INSERT TO r1 DO INSTEAD NOTHING'],
    expectedSql: ['DROP RULE "rr" ON "public"."r1"', 'CREATE RULE rr AS'],
  },
  {
    name: 'kind: rule on a view that is recreated under a column type change',
    old: ['CREATE TABLE t (n int)', 'CREATE VIEW v AS SELECT n FROM t', 'CREATE RULE vd AS ON DELETE TO v DO INSTEAD DELETE FROM t WHERE t.n = OLD.n'],
    new: ['CREATE TABLE t (n bigint)', 'CREATE VIEW v AS SELECT n FROM t', 'CREATE RULE vd AS ON DELETE TO v DO INSTEAD DELETE FROM t WHERE t.n = OLD.n'],
    oneWay: true,
  },
  // ---- foreign data wrappers, servers, user mappings, foreign tables (a wrapper without handler works on PGlite too)
  {
    name: 'kind: foreign data wrapper, server, user mappings and foreign table',
    old: [],
    new: [
      "CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true')",
      "COMMENT ON FOREIGN DATA WRAPPER w IS 'a wrapper'",
      "CREATE SERVER s TYPE 'files' VERSION '1.0' FOREIGN DATA WRAPPER w OPTIONS (host 'localhost', port '5432')",
      "COMMENT ON SERVER s IS 'a server'",
      "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'bob')",
      "CREATE FOREIGN TABLE ft (id int NOT NULL, name text OPTIONS (column_name 'nm') COLLATE \"C\", d int DEFAULT 3) SERVER s OPTIONS (table_name 'remote')",
      "COMMENT ON FOREIGN TABLE ft IS 'remote rows'",
      "COMMENT ON COLUMN ft.name IS 'the name'",
    ],
  },
  {
    name: 'kind: server and wrapper options altered in place, foreign table recreated',
    old: [
      "CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true')",
      "CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'a', port '1')",
      "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'bob')",
      "CREATE FOREIGN TABLE ft (id int) SERVER s OPTIONS (table_name 'x')",
      'CREATE VIEW fv AS SELECT id FROM ft',
    ],
    new: [
      'CREATE FOREIGN DATA WRAPPER w',
      "CREATE SERVER s VERSION '2' FOREIGN DATA WRAPPER w OPTIONS (host 'b', dbname 'd')",
      "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'alice', password 'p')",
      "CREATE FOREIGN TABLE ft (id int, extra text) SERVER s OPTIONS (table_name 'y')",
      'CREATE VIEW fv AS SELECT id FROM ft',
    ],
    expectedSql: ["ALTER SERVER \"s\" VERSION '2' OPTIONS (SET \"host\" 'b', ADD \"dbname\" 'd', DROP \"port\")", 'ALTER FOREIGN DATA WRAPPER "w" OPTIONS (DROP "debug")'],
  },
);
KIND_CASES.push(
  {
    name: 'kind: aggregate and its state function',
    old: [],
    new: ["CREATE FUNCTION add_int(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s + v'", "CREATE AGGREGATE total(int) (sfunc = add_int, stype = int, initcond = '0')"],
  },
);
const logDdl = 'CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$';
KIND_CASES.push(
  // ---- event triggers (managed; database-wide)
  {
    name: 'kind: event triggers with tags, disabled, commented',
    old: [],
    new: [
      logDdl,
      "CREATE EVENT TRIGGER et_start ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION log_ddl()",
      'CREATE EVENT TRIGGER et_end ON ddl_command_end EXECUTE PROCEDURE public.log_ddl()',
      'ALTER EVENT TRIGGER et_end DISABLE',
      "COMMENT ON EVENT TRIGGER et_start IS 'logs DDL'",
    ],
  },
  {
    name: 'kind: event trigger enabled state and tags change',
    old: [logDdl, "CREATE EVENT TRIGGER et ON ddl_command_start WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION log_ddl()", 'ALTER EVENT TRIGGER et ENABLE ALWAYS'],
    new: [logDdl, "CREATE EVENT TRIGGER et ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION log_ddl()"],
    expectedSql: ['DROP EVENT TRIGGER "et"', 'CREATE EVENT TRIGGER "et" ON ddl_command_start WHEN TAG IN'],
  },
);
const pubTables = ['CREATE SCHEMA audit', 'CREATE TABLE t (id int PRIMARY KEY, a text, b int)', 'CREATE TABLE u (id int PRIMARY KEY)', 'CREATE TABLE audit.log (id int)'];
KIND_CASES.push(
  // ---- publications (managed; database-wide), written as pg_dump writes them
  {
    name: 'kind: publications of tables, schemas and all tables, commented',
    old: pubTables,
    new: [
      ...pubTables,
      "CREATE PUBLICATION p_tables WITH (publish = 'insert, update')",
      'ALTER PUBLICATION p_tables ADD TABLE ONLY public.t (id, a)',
      'ALTER PUBLICATION p_tables ADD TABLE ONLY public.u',
      'CREATE PUBLICATION p_schema FOR TABLES IN SCHEMA audit WITH (publish_via_partition_root = true)',
      'CREATE PUBLICATION p_all FOR ALL TABLES',
      "COMMENT ON PUBLICATION p_tables IS 'to the warehouse'",
    ],
    seed: "INSERT INTO t VALUES (1, 'x', 2)",
    keeps: 'SELECT * FROM t',
  },
  {
    name: 'kind: publication membership and options altered in place',
    old: [...pubTables, 'CREATE TABLE gone (id int)', 'CREATE PUBLICATION p FOR TABLE t, gone', "COMMENT ON PUBLICATION p IS 'old'", 'CREATE PUBLICATION q FOR TABLE u'],
    new: [...pubTables, "CREATE PUBLICATION p FOR TABLE t (id, b), u WITH (publish = 'insert')", 'CREATE TABLE added (id int)', 'ALTER PUBLICATION p ADD TABLE added', 'CREATE PUBLICATION q FOR TABLE u, TABLES IN SCHEMA audit'],
    seed: "INSERT INTO t VALUES (1, 'x', 2)",
    keeps: 'SELECT * FROM t',
    expectedSql: ['ALTER PUBLICATION "p" DROP TABLE', 'ALTER PUBLICATION "p" ADD TABLE', 'ALTER PUBLICATION "p" SET (publish = \'insert\''],
  },
  {
    name: 'kind: publication follows a renamed table and column, and a dropped one',
    old: [],
    new: ['CREATE TABLE t (a int, b int)', 'CREATE TABLE d (id int)', 'CREATE PUBLICATION p FOR TABLE t (a, b), d', 'ALTER TABLE t RENAME TO t2', 'ALTER TABLE t2 RENAME COLUMN a TO aa', 'DROP TABLE d'],
  },
  { name: 'kind: publication for all tables turned into a table list', old: [...pubTables, 'CREATE PUBLICATION p FOR ALL TABLES'], new: [...pubTables, 'CREATE PUBLICATION p FOR TABLE u'], expectedSql: ['DROP PUBLICATION "p"', 'CREATE PUBLICATION "p" FOR TABLE "public"."u"'] },
);
const statsTable = 'CREATE TABLE t (id int, a int, b text, c int)';
KIND_CASES.push(
  // ---- extended statistics (CREATE STATISTICS; pg_dump: ALTER STATISTICS … SET STATISTICS, COMMENT ON STATISTICS)
  {
    name: 'kind: extended statistics with kinds, expressions, a target and a comment',
    old: [statsTable],
    new: [
      statsTable,
      'CREATE STATISTICS public.st_ab (ndistinct, dependencies) ON b, a FROM public.t',
      'CREATE STATISTICS st_all ON a, c, (a + c) FROM t',
      'CREATE STATISTICS st_expr ON (lower(b)) FROM t',
      'ALTER STATISTICS public.st_all SET STATISTICS 500',
      "COMMENT ON STATISTICS public.st_ab IS 'a and b move together'",
    ],
    seed: "INSERT INTO t VALUES (1, 2, 'x', 3)",
    keeps: 'SELECT * FROM t',
  },
  {
    name: 'kind: statistics target altered in place, kinds changed recreate it, a column it uses changes type',
    old: [statsTable, 'CREATE STATISTICS st ON a, c FROM t', 'CREATE STATISTICS st2 (mcv) ON a, b FROM t', 'CREATE STATISTICS st3 ON b, (a * 2) FROM t'],
    new: ['CREATE TABLE t (id int, a bigint, b text, c int)', 'CREATE STATISTICS st ON a, c FROM t', 'ALTER STATISTICS st SET STATISTICS 50', 'CREATE STATISTICS st2 (ndistinct) ON a, b FROM t', 'CREATE STATISTICS st3 ON b, (a * 2) FROM t'],
    seed: "INSERT INTO t VALUES (1, 2, 'x', 3)",
    keeps: 'SELECT id, a::int AS a, b, c FROM t',
    expectedSql: ['ALTER STATISTICS "public"."st" SET STATISTICS 50', 'DROP STATISTICS "public"."st2"'],
  },
);
KIND_CASES.push(
  // ---- collations (ICU: PGlite is built with ICU, and so is the PostgreSQL 15 the suite runs on)
  {
    name: 'kind: collations (icu, libc, FROM) used by columns, commented',
    old: ['CREATE TABLE t (id int, name text)'],
    new: [
      "CREATE COLLATION public.ci (provider = icu, deterministic = false, locale = 'und-u-ks-level2')",
      "CREATE COLLATION public.c_posix (provider = libc, locale = 'POSIX')",
      'CREATE COLLATION c_copy FROM "C"',
      "COMMENT ON COLLATION public.ci IS 'case-insensitive'",
      'CREATE TABLE t (id int, name text COLLATE public.ci, k text COLLATE c_copy)',
    ],
    seed: "INSERT INTO t VALUES (1, 'Ab')",
    keeps: 'SELECT id, name FROM t',
  },
  {
    name: 'kind: collation changed is recreated',
    old: ["CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"],
    new: ["CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false)"],
    expectedSql: ['DROP COLLATION "public"."ci"', 'CREATE COLLATION "public"."ci" (provider = icu, locale = \'und-u-ks-level1\', deterministic = false)'],
  },
);
const castBase = [
  "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
  "CREATE FUNCTION mood_int(m mood) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT array_position(enum_range(NULL::mood), m) $$",
  'CREATE DOMAIN posint AS integer CHECK (VALUE > 0)',
  'CREATE TABLE t (id int, m mood)',
];
KIND_CASES.push(
  // ---- casts (managed; database-wide): WITH FUNCTION, WITH INOUT, WITHOUT FUNCTION; AS ASSIGNMENT / AS IMPLICIT
  {
    name: 'kind: casts with a function and inout, commented',
    old: castBase,
    new: [
      ...castBase,
      'CREATE CAST (public.mood AS integer) WITH FUNCTION public.mood_int(public.mood) AS ASSIGNMENT',
      'CREATE CAST (text AS mood) WITH INOUT AS IMPLICIT',
      "COMMENT ON CAST (text AS public.mood) IS 'reads labels'",
    ],
    seed: "INSERT INTO t VALUES (1, 'ok')",
    keeps: 'SELECT * FROM t',
  },
  {
    name: 'kind: cast context changed is recreated, a cast removed with its function',
    old: [...castBase, 'CREATE CAST (mood AS integer) WITH FUNCTION mood_int(mood)', 'CREATE CAST (text AS mood) WITH INOUT'],
    new: [...castBase.filter((s) => !s.includes('mood_int')), 'CREATE CAST (text AS mood) WITH INOUT AS ASSIGNMENT'],
    seed: "INSERT INTO t VALUES (1, 'ok')",
    keeps: 'SELECT * FROM t',
    expectedSql: ['DROP CAST (text AS public.mood)', 'CREATE CAST (text AS public.mood) WITH INOUT AS ASSIGNMENT'],
  },
);
const tsBase = ['CREATE TABLE doc (id int, body text)'];
KIND_CASES.push(
  // ---- text search dictionaries and configurations, as pg_dump writes them (PARSER + ADD MAPPING) and by hand (COPY)
  {
    name: 'kind: text search dictionaries and configurations (COPY, PARSER, mappings), commented',
    old: tsBase,
    new: [
      ...tsBase,
      "CREATE TEXT SEARCH DICTIONARY public.my_stem (TEMPLATE = pg_catalog.snowball, language = 'english', stopwords = 'english')",
      'CREATE TEXT SEARCH DICTIONARY syn (TEMPLATE = simple, stopwords = english, accept = false)',
      "COMMENT ON TEXT SEARCH DICTIONARY syn IS 'plain words'",
      'CREATE TEXT SEARCH CONFIGURATION my_cfg (COPY = english)',
      'ALTER TEXT SEARCH CONFIGURATION my_cfg ALTER MAPPING FOR asciiword, word WITH my_stem, english_stem',
      'ALTER TEXT SEARCH CONFIGURATION my_cfg DROP MAPPING FOR email, url',
      'CREATE TEXT SEARCH CONFIGURATION public.plain (PARSER = pg_catalog."default")',
      'ALTER TEXT SEARCH CONFIGURATION public.plain ADD MAPPING FOR asciiword WITH public.syn',
      'ALTER TEXT SEARCH CONFIGURATION public.plain ADD MAPPING FOR word WITH simple',
      "COMMENT ON TEXT SEARCH CONFIGURATION plain IS 'no stemming'",
    ],
    seed: "INSERT INTO doc VALUES (1, 'running dogs')",
    keeps: 'SELECT * FROM doc',
  },
  {
    name: 'kind: text search mappings and dictionary options altered in place, a dictionary removed',
    old: [
      ...tsBase,
      'CREATE TEXT SEARCH DICTIONARY syn (TEMPLATE = simple, stopwords = english)',
      'CREATE TEXT SEARCH DICTIONARY gone (TEMPLATE = simple)',
      'CREATE TEXT SEARCH CONFIGURATION c (COPY = simple)',
      'ALTER TEXT SEARCH CONFIGURATION c ALTER MAPPING FOR word WITH gone, simple',
      'CREATE TEXT SEARCH CONFIGURATION c2 (COPY = english)',
    ],
    new: [
      ...tsBase,
      "CREATE TEXT SEARCH DICTIONARY syn (TEMPLATE = simple, accept = false, stopwords = 'english')",
      'CREATE TEXT SEARCH DICTIONARY fresh (TEMPLATE = snowball, language = german)',
      'CREATE TEXT SEARCH CONFIGURATION c (COPY = simple)',
      'ALTER TEXT SEARCH CONFIGURATION c ALTER MAPPING FOR word, hword WITH fresh, syn',
      'ALTER TEXT SEARCH CONFIGURATION c DROP MAPPING FOR email',
      'CREATE TEXT SEARCH CONFIGURATION c2 (COPY = german)',
    ],
    seed: "INSERT INTO doc VALUES (1, 'x')",
    keeps: 'SELECT * FROM doc',
    expectedSql: ['ALTER TEXT SEARCH DICTIONARY "public"."syn" (stopwords, accept = \'false\', stopwords = \'english\')', 'ALTER TEXT SEARCH CONFIGURATION "public"."c" DROP MAPPING FOR "email"', 'DROP TEXT SEARCH DICTIONARY "public"."gone"'],
  },
);
KIND_CASES.push(
  // ---- publication row filters (PostgreSQL 15+), as pg_dump writes them (ALTER PUBLICATION … ADD TABLE ONLY … WHERE)
  {
    name: 'kind: publication row filters created, changed and removed',
    old: [...pubTables, "CREATE PUBLICATION p FOR TABLE t WHERE (b > 0), u WHERE (id < 10) WITH (publish = 'insert')", 'CREATE PUBLICATION q FOR TABLE u WHERE (id <> 3)'],
    new: [
      ...pubTables,
      "CREATE PUBLICATION p WITH (publish = 'insert')",
      "ALTER PUBLICATION p ADD TABLE ONLY public.t (id, a) WHERE ((a IS NOT NULL) AND (b > 0))",
      'ALTER PUBLICATION p ADD TABLE ONLY public.u WHERE ((id < 10))',
      'CREATE PUBLICATION q FOR TABLE u',
    ],
    seed: "INSERT INTO t VALUES (1, 'x', 2)",
    keeps: 'SELECT * FROM t',
    expectedSql: ['ALTER PUBLICATION "p" DROP TABLE "public"."t"', 'ALTER PUBLICATION "p" ADD TABLE "public"."t" ("a", "id") WHERE ('],
  },
);
// Roles are cluster-wide on PostgreSQL: created when missing, dropped by the global teardown (test/helpers/global-setup.ts).
// Two databases build a case side by side: the second CREATE ROLE may meet the first one's row (unique_violation).
const privRoles = `DO $$ BEGIN CREATE ROLE m27a_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; DO $$ BEGIN CREATE ROLE m27a_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;
const privBase = [
  privRoles,
  'CREATE SCHEMA app',
  'CREATE SEQUENCE app.q',
  'CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$',
  'CREATE PROCEDURE app.p() LANGUAGE sql AS $$ SELECT 1 $$',
  "CREATE TYPE app.mood AS ENUM ('a', 'b')",
  'CREATE DOMAIN app.pos AS int CHECK (VALUE > 0)',
  'CREATE TABLE app.t (a int, b text, m app.mood)',
];
KIND_CASES.push(
  // ---- privileges on every non-table kind and on columns, as pg_dump writes them
  {
    name: 'kind: privileges on a schema, sequence, function, procedure, type, domain and columns',
    old: privBase,
    new: [
      ...privBase,
      'GRANT USAGE ON SCHEMA app TO m27a_reader',
      'GRANT ALL ON SCHEMA app TO m27a_writer WITH GRANT OPTION',
      'GRANT SELECT,USAGE ON SEQUENCE app.q TO m27a_reader',
      'REVOKE ALL ON FUNCTION app.f(a integer) FROM PUBLIC',
      'GRANT ALL ON FUNCTION app.f(a integer) TO m27a_reader',
      'REVOKE ALL ON PROCEDURE app.p() FROM PUBLIC',
      'REVOKE ALL ON TYPE app.mood FROM PUBLIC',
      'GRANT ALL ON TYPE app.mood TO m27a_reader',
      'GRANT USAGE ON DOMAIN app.pos TO m27a_writer',
      'GRANT SELECT(a),UPDATE(a) ON TABLE app.t TO m27a_reader',
      'GRANT UPDATE(b) ON TABLE app.t TO m27a_reader',
    ],
    seed: "INSERT INTO app.t VALUES (1, 'x', 'a')",
    keeps: 'SELECT * FROM app.t',
    expectedSql: ['GRANT USAGE ON SCHEMA "app" TO "m27a_reader"', 'REVOKE EXECUTE ON FUNCTION "app"."f"(a integer) FROM PUBLIC', 'GRANT SELECT ("a"), UPDATE ("a") ON TABLE "app"."t" TO "m27a_reader"'],
  },
  {
    name: 'kind: object privileges changed, back to the default, and gone with their objects',
    old: [
      ...privBase,
      'CREATE FUNCTION app.g() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'REVOKE EXECUTE ON FUNCTION app.g() FROM PUBLIC',
      'GRANT EXECUTE ON FUNCTION app.g() TO m27a_reader',
      'GRANT USAGE ON SCHEMA app TO m27a_reader',
      'REVOKE EXECUTE ON FUNCTION app.f(int) FROM PUBLIC',
      'GRANT SELECT (a, b) ON app.t TO m27a_reader',
      'GRANT USAGE ON SEQUENCE app.q TO m27a_writer',
    ],
    new: [
      ...privBase,
      'GRANT USAGE, CREATE ON SCHEMA app TO m27a_reader',
      'GRANT SELECT (a) ON app.t TO m27a_reader WITH GRANT OPTION',
      'GRANT SELECT ON SEQUENCE app.q TO m27a_writer',
    ],
    seed: "INSERT INTO app.t VALUES (1, 'x', 'a')",
    keeps: 'SELECT * FROM app.t',
    expectedSql: ['GRANT EXECUTE ON FUNCTION "app"."f"(a integer) TO PUBLIC', 'GRANT CREATE ON SCHEMA "app" TO "m27a_reader"', 'REVOKE USAGE ON SEQUENCE "app"."q" FROM "m27a_writer"'],
  },
);
KIND_CASES.push(
  // ---- ALTER DEFAULT PRIVILEGES (pg_dump: DEFAULT ACL), and the objects created under them
  {
    name: 'kind: default privileges for the applying role, another role, in a schema and database-wide',
    old: [privRoles, 'CREATE SCHEMA app', 'CREATE TABLE app.t (a int)'],
    new: [
      privRoles, 'CREATE SCHEMA app', 'CREATE TABLE app.t (a int)',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO m27a_reader',
      'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC',
      'ALTER DEFAULT PRIVILEGES FOR ROLE m27a_writer IN SCHEMA app GRANT USAGE ON SEQUENCES TO m27a_reader',
      'ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO m27a_reader',
      'ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO m27a_writer WITH GRANT OPTION',
    ],
    seed: 'INSERT INTO app.t VALUES (1)',
    keeps: 'SELECT * FROM app.t',
    expectedSql: ['ALTER DEFAULT PRIVILEGES IN SCHEMA "app" GRANT SELECT ON TABLES TO "m27a_reader"', 'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC', 'ALTER DEFAULT PRIVILEGES FOR ROLE "m27a_writer" IN SCHEMA "app" GRANT USAGE ON SEQUENCES TO "m27a_reader"'],
  },
  {
    name: 'kind: objects created after default privileges get them',
    old: [privRoles, 'CREATE SCHEMA app'],
    new: [
      privRoles, 'CREATE SCHEMA app',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO m27a_reader',
      'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC',
      'CREATE TABLE app.t (a int)',
      'CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'CREATE TABLE app.u (a int)',
      'REVOKE SELECT ON app.u FROM m27a_reader',
    ],
  },
  {
    name: 'kind: default privileges written after the objects, as pg_dump writes them',
    old: [privRoles],
    new: [
      privRoles, 'CREATE SCHEMA app',
      'CREATE TABLE app.t (a int)',
      'CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO m27a_reader',
      'ALTER DEFAULT PRIVILEGES REVOKE ALL ON FUNCTIONS FROM PUBLIC',
    ],
    expectedSql: ['REVOKE SELECT ON TABLE "app"."t" FROM "m27a_reader"', 'GRANT EXECUTE ON FUNCTION "app"."f"() TO PUBLIC'],
  },
);
KIND_CASES.push(
  // ---- a table dropped and created again (here: it becomes partitioned) gets back what PostgreSQL dropped with it
  {
    name: 'kind: a recreated table keeps its publication membership, statistics and column privileges',
    old: [privRoles, 'CREATE TABLE t (id int, a int, b int)', 'CREATE PUBLICATION p FOR TABLE t', 'CREATE PUBLICATION q FOR TABLE t', 'CREATE STATISTICS st ON a, b FROM t', 'GRANT SELECT (a) ON t TO m27a_reader'],
    new: [privRoles, 'CREATE TABLE t (id int, a int, b int) PARTITION BY RANGE (id)', 'CREATE TABLE u (id int)', 'CREATE PUBLICATION p FOR TABLE t', 'CREATE PUBLICATION q FOR TABLE t, u', 'CREATE STATISTICS st ON a, b FROM t', 'GRANT SELECT (a) ON t TO m27a_reader'],
    expectedHazards: ['DELETES_DATA'],
    expectedSql: ['ALTER PUBLICATION "p" ADD TABLE "public"."t"', 'CREATE STATISTICS "public"."st"', 'GRANT SELECT ("a") ON TABLE "public"."t" TO "m27a_reader"'],
  },
);
