/**
 * Acceptance cases of issue #27's located gaps (closing note of stop 34): storage parameters of the indexes behind
 * constraints (changed in place with ALTER INDEX … SET), domains recreated while columns, attributes, domains and
 * functions use them, domains altered in place, operator families with loose members and a class in another
 * family, and a column switching between a sequence default and an identity keeping its sequence's position.
 * Each runs both directions on PGlite and PostgreSQL and is judged by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

/** Storage parameters of the indexes behind PRIMARY KEY, UNIQUE and EXCLUDE constraints. */
export const CONSTRAINT_STORAGE_CASES: AcceptanceCase[] = [
  {
    name: 'gap: storage parameters of primary key, unique and exclusion constraints, created with the table',
    old: [],
    new: ['CREATE TABLE t (id int, k int, r int4range, CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor=70), CONSTRAINT t_k UNIQUE (k) WITH (fillfactor=80, deduplicate_items=off), CONSTRAINT t_r EXCLUDE USING gist (r WITH &&) WITH (fillfactor=60))'],
  },
  {
    name: 'gap: storage parameters of constraints changed in place (ALTER INDEX … SET / RESET), rows kept',
    old: ['CREATE TABLE t (id int, k int, r int4range, CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor=70), CONSTRAINT t_k UNIQUE (k), CONSTRAINT t_r EXCLUDE USING gist (r WITH &&) WITH (fillfactor=60))'],
    new: ['CREATE TABLE t (id int, k int, r int4range, CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor=50), CONSTRAINT t_k UNIQUE (k) WITH (fillfactor=90), CONSTRAINT t_r EXCLUDE USING gist (r WITH &&))'],
    seed: "INSERT INTO t VALUES (1, 1, '[1,2)')",
    keeps: 'SELECT * FROM t',
    expectedSql: ['ALTER INDEX "public"."t_pkey" SET (fillfactor=50)', 'ALTER INDEX "public"."t_k" SET (fillfactor=90)', 'ALTER INDEX "public"."t_r" RESET (fillfactor)'],
  },
  {
    name: 'gap: a primary key added to an existing table with storage parameters',
    old: ['CREATE TABLE t (id int NOT NULL, v text)'],
    new: ['CREATE TABLE t (id int NOT NULL, v text)', 'ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor=70)'],
    seed: "INSERT INTO t VALUES (1, 'a')",
    keeps: 'SELECT * FROM t',
  },
];

/** Domains recreated (a change ALTER DOMAIN cannot make) while other objects use them, and domains altered in place. */
export const DOMAIN_CASES: AcceptanceCase[] = [
  {
    name: 'gap: a domain whose base type changes while a column uses it: the column moved off it and back',
    old: ['CREATE DOMAIN code AS varchar(10) CHECK (VALUE <> \'\')', 'CREATE TABLE t (id int PRIMARY KEY, c code NOT NULL)', 'CREATE INDEX t_c ON t (c)', 'CREATE VIEW tv AS SELECT id, c FROM t'],
    new: ['CREATE DOMAIN code AS text CHECK (VALUE <> \'\')', 'CREATE TABLE t (id int PRIMARY KEY, c code NOT NULL)', 'CREATE INDEX t_c ON t (c)', 'CREATE VIEW tv AS SELECT id, c FROM t'],
    seed: "INSERT INTO t VALUES (1, 'abc')",
    keeps: 'SELECT id, c::text FROM t',
  },
  {
    name: 'gap: a domain whose collation changes while a column, a composite attribute, a domain and a function use it',
    old: ['CREATE DOMAIN name_c AS text COLLATE "C"', 'CREATE DOMAIN short_name AS name_c CHECK (length(VALUE) < 20)', 'CREATE TYPE pair AS (a name_c, b int)', 'CREATE TABLE t (id int, n name_c, s short_name)', "CREATE FUNCTION f(x name_c) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT length(x)'"],
    new: ['CREATE DOMAIN name_c AS text COLLATE "POSIX"', 'CREATE DOMAIN short_name AS name_c CHECK (length(VALUE) < 20)', 'CREATE TYPE pair AS (a name_c, b int)', 'CREATE TABLE t (id int, n name_c, s short_name)', "CREATE FUNCTION f(x name_c) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT length(x)'"],
    seed: "INSERT INTO t VALUES (1, 'a', 'b')",
    keeps: 'SELECT id, n::text, s::text FROM t',
  },
  {
    name: 'gap: a domain altered in place: default, NOT NULL, constraints added and dropped, rows kept',
    old: ['CREATE DOMAIN d AS int DEFAULT 1 CONSTRAINT d_pos CHECK (VALUE > 0)', 'CREATE TABLE t (id int, v d)'],
    new: ['CREATE DOMAIN d AS int NOT NULL DEFAULT 2 CONSTRAINT d_small CHECK (VALUE < 100) CONSTRAINT d_odd CHECK (VALUE % 2 = 1)', 'CREATE TABLE t (id int, v d)'],
    seed: 'INSERT INTO t VALUES (1, 3)',
    keeps: 'SELECT * FROM t',
    expectedSql: ['ALTER DOMAIN "public"."d" SET DEFAULT 2', 'ALTER DOMAIN "public"."d" SET NOT NULL', 'ALTER DOMAIN "public"."d" DROP CONSTRAINT "d_pos"'],
  },
];

/** btree/hash operator families with loose members, and a class placed in a family of another name. */
export const OPFAMILY_CASES: AcceptanceCase[] = [
  {
    name: 'gap: btree and hash operator families with loose members, a class in a family of another name, an index using it',
    old: ['CREATE TABLE t (a int, b bigint)'],
    new: [
      'CREATE TABLE t (a int, b bigint)',
      'CREATE OPERATOR FAMILY int_fam USING btree',
      'CREATE OPERATOR CLASS int4_alt FOR TYPE integer USING btree FAMILY int_fam AS OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(integer, integer)',
      'ALTER OPERATOR FAMILY int_fam USING btree ADD OPERATOR 1 < (integer, bigint), OPERATOR 3 = (integer, bigint), FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint)',
      'CREATE OPERATOR FAMILY h_fam USING hash',
      'ALTER OPERATOR FAMILY h_fam USING hash ADD OPERATOR 1 = (integer, integer), FUNCTION 1 (integer, integer) hashint4(integer)',
      "COMMENT ON OPERATOR FAMILY int_fam USING btree IS 'ints'",
      'CREATE INDEX t_a ON t (a int4_alt)',
    ],
    seed: 'INSERT INTO t VALUES (1, 2)',
    keeps: 'SELECT * FROM t',
  },
  {
    name: 'gap: a loose member added to an operator family recreates it with its class and the index using it',
    old: ['CREATE TABLE t (a int, b bigint)', 'CREATE OPERATOR FAMILY int_fam USING btree', 'CREATE OPERATOR CLASS int4_alt FOR TYPE integer USING btree FAMILY int_fam AS OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(integer, integer)', 'CREATE INDEX t_a ON t (a int4_alt)'],
    new: ['CREATE TABLE t (a int, b bigint)', 'CREATE OPERATOR FAMILY int_fam USING btree', 'CREATE OPERATOR CLASS int4_alt FOR TYPE integer USING btree FAMILY int_fam AS OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(integer, integer)',
      'ALTER OPERATOR FAMILY int_fam USING btree ADD OPERATOR 1 < (integer, bigint), FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint)', 'CREATE INDEX t_a ON t (a int4_alt)'],
    seed: 'INSERT INTO t VALUES (1, 2)',
    keeps: 'SELECT * FROM t',
  },
];

/** A column switching between a sequence default (serial) and an identity keeps handing out new values. */
export const SEQUENCE_POSITION_CASES: AcceptanceCase[] = [
  {
    name: 'gap: serial becomes identity (and back) with rows: the next insert does not collide',
    old: ['CREATE TABLE t (id serial PRIMARY KEY, v text)'],
    new: ['CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text)'],
    seed: "INSERT INTO t (v) VALUES ('a'), ('b')",
    seedBack: "INSERT INTO t (v) VALUES ('a'), ('b')",
    after: "INSERT INTO t (v) VALUES ('c')",
    expectedSql: ['SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(\'"public"."t"\', \'id\'), max("id")) FROM "public"."t" HAVING max("id") >= 1'],
    expectedHazards: ['DATA_DEPENDENT'],
    keepsTables: [{ tables: ['t'], query: "SELECT id, v FROM t WHERE v <> 'c' ORDER BY id" }],
  },
];

/** ALTER DOMAIN in a schema file (pg_dump's NOT VALID checks). */
const ALTER_DOMAIN_CASES: AcceptanceCase[] = [
  {
    // parse/kinds/type.ts alterDomain (ALTER DOMAIN in a schema file, as pg_dump writes a NOT VALID check); DomainType checks' notValid at both edges; VALIDATE in place.
    name: 'gap: domain checks NOT VALID (ALTER DOMAIN in the schema file), validated in place, and ALTER DOMAIN defaults and NOT NULL',
    old: [
      'CREATE DOMAIN pos AS int CONSTRAINT pos_min CHECK (VALUE > 0)',
      "CREATE DOMAIN label AS text DEFAULT 'x'",
      'CREATE TABLE acc (id int, n pos, l label)',
    ],
    new: [
      'CREATE DOMAIN pos AS int',
      'ALTER DOMAIN pos ADD CONSTRAINT pos_min CHECK (VALUE > 0) NOT VALID',
      'ALTER DOMAIN pos ADD CONSTRAINT pos_max CHECK (VALUE < 1000) NOT VALID',
      'ALTER DOMAIN pos ADD CONSTRAINT pos_odd CHECK (VALUE % 2 = 1) NOT VALID',
      'ALTER DOMAIN pos VALIDATE CONSTRAINT pos_odd',
      'CREATE DOMAIN label AS text CONSTRAINT label_len CHECK (length(VALUE) < 10)',
      "ALTER DOMAIN label SET DEFAULT 'y'",
      'ALTER DOMAIN label DROP CONSTRAINT label_len',
      'ALTER DOMAIN label SET NOT NULL',
      'CREATE TABLE acc (id int, n pos, l label)',
    ],
    seed: "INSERT INTO acc VALUES (1, 5, 'a'), (2, 7, 'b')",
    keepsTables: [{ tables: ['acc'], query: 'SELECT id, n, l FROM acc ORDER BY id' }],
  },
];

/** Names written without a schema, resolved through the search_path as PostgreSQL does when the statement runs. */
const SEARCH_PATH_CASES: AcceptanceCase[] = [
  {
    // parse/fold.ts inPath: the relation namespace is searched schema by schema (a view in the path's first schema
    // hides a table of the same name in a later one); the rule's action target, and so its Rule.relations edge.
    name: "gap: a rule's unqualified action target resolved through the search_path (a view app.t before a table public.t), created after it",
    old: [
      'CREATE SCHEMA app',
      'CREATE TABLE public.t (id int)',
      'CREATE TABLE app.src (id int)',
      'CREATE TABLE app.w (id int)',
    ],
    new: [
      'CREATE SCHEMA app',
      'CREATE TABLE public.t (id int)',
      'CREATE TABLE app.src (id int)',
      'CREATE TABLE app.w (id int)',
      'SET search_path = app, public',
      'CREATE VIEW t AS SELECT id FROM src',
      'CREATE RULE w_to_t AS ON INSERT TO w DO INSTEAD INSERT INTO t VALUES (NEW.id)',
      'RESET search_path',
    ],
    seed: 'INSERT INTO public.t VALUES (1); INSERT INTO app.src VALUES (2); INSERT INTO app.w VALUES (3)',
    keepsTables: [{ tables: ['t'], query: 'SELECT id FROM public.t ORDER BY id' }, { tables: ['src'], query: 'SELECT id FROM app.src ORDER BY id' }],
  },
];

/** Every case of this file, in the acceptance suite and the parser round trip. */
export const GAPS_CASES: AcceptanceCase[] = [...CONSTRAINT_STORAGE_CASES, ...DOMAIN_CASES, ...OPFAMILY_CASES, ...SEQUENCE_POSITION_CASES, ...ALTER_DOMAIN_CASES, ...SEARCH_PATH_CASES];
