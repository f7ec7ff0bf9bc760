/**
 * Acceptance cases of the gaps left by hunts 10a and 10b (test/corpus-ext/MANIFEST.md; pgCodeKeeper's diff fixtures,
 * Apache-2.0, and pg-delta's corpus, MIT — facts only, the cases are written anew). Each runs both directions on
 * PGlite and PostgreSQL and is judged by pg_dump (harness.ts).
 */
import type { AcceptanceCase } from './harness.js';

// A wrapper without a handler: foreign tables on it can be created (not queried) on PGlite too.
const server = ['CREATE FOREIGN DATA WRAPPER gaps4_fdw', "CREATE SERVER gaps4_srv FOREIGN DATA WRAPPER gaps4_fdw OPTIONS (dbname 'x')"];
const local = ['CREATE TABLE gaps4_rows (id int PRIMARY KEY, note text)'];
const seed = "INSERT INTO gaps4_rows VALUES (1, 'a'), (2, 'b')";
const keepsRows = [{ tables: ['gaps4_rows'], query: 'SELECT * FROM gaps4_rows ORDER BY id' }];

/** Gap 1: a foreign table's column options (`OPTIONS (column_name …)`), storage, statistics target and attribute options. */
export const FOREIGN_COLUMN_SETTINGS_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-4: a foreign table\'s column settings (statistics, storage, n_distinct) and column options set and reset in place',
    old: [...server, ...local, "CREATE FOREIGN TABLE remote_rows (id int, name text, note text) SERVER gaps4_srv OPTIONS (table_name 'rows')"],
    new: [...server, ...local, "CREATE FOREIGN TABLE remote_rows (id int OPTIONS (column_name 'rid'), name text, note text) SERVER gaps4_srv OPTIONS (table_name 'rows')",
      'ALTER FOREIGN TABLE ONLY remote_rows ALTER COLUMN id SET STATISTICS 200', 'ALTER FOREIGN TABLE ONLY remote_rows ALTER COLUMN name SET STORAGE MAIN',
      'ALTER FOREIGN TABLE ONLY remote_rows ALTER COLUMN note SET (n_distinct=100)'],
    seed,
    keepsTables: keepsRows,
    expectedSql: ['ALTER COLUMN "id" SET STATISTICS 200', 'ALTER COLUMN "name" SET STORAGE MAIN', 'ALTER COLUMN "note" SET (n_distinct=100)'],
    absentSql: ['DROP FOREIGN TABLE'],
  },
  {
    name: 'gaps-4: a foreign table created with column settings, and a column added with its own',
    old: [...server, ...local, 'CREATE FOREIGN TABLE kept_rows (id int) SERVER gaps4_srv'],
    new: [...server, ...local, "CREATE FOREIGN TABLE remote_rows (id int, name text OPTIONS (column_name 'label')) SERVER gaps4_srv",
      'ALTER FOREIGN TABLE remote_rows ALTER COLUMN name SET STORAGE EXTERNAL', 'ALTER FOREIGN TABLE remote_rows ALTER COLUMN id SET (n_distinct=-0.5)',
      'CREATE FOREIGN TABLE kept_rows (id int, extra text) SERVER gaps4_srv', 'ALTER FOREIGN TABLE kept_rows ALTER COLUMN extra SET STATISTICS 50'],
    seed,
    keepsTables: keepsRows,
  },
];

/**
 * Gap 2: a typed table that stops being typed and gains a column (hunt 10a, `modify_typed_table_type`): `NOT OF` runs
 * apart and first (PostgreSQL refuses ADD COLUMN on a typed table, in the same ALTER TABLE too), `OF t` after the
 * column changes that make the table match the type.
 */
export const TYPED_TABLE_COLUMN_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-4: a typed table made a plain table with a column added, and back',
    old: ['CREATE TYPE gaps4_pair AS (f1 integer, f2 text)', 'CREATE TABLE gaps4_typed OF gaps4_pair (PRIMARY KEY (f1))'],
    new: ['CREATE TYPE gaps4_pair AS (f1 integer, f2 text)', 'CREATE TABLE gaps4_typed (f1 integer PRIMARY KEY, f2 text, f3 text)'],
    seed: "INSERT INTO gaps4_typed VALUES (1, 'a'), (2, 'b')",
    keeps: 'SELECT f1, f2 FROM gaps4_typed ORDER BY f1',
    expectedSql: ['ALTER TABLE "public"."gaps4_typed" NOT OF'],
  },
  {
    name: 'gaps-4: a typed table moved to a composite type with more attributes (NOT OF, ADD COLUMN, OF)',
    old: ['CREATE TYPE gaps4_pair AS (f1 integer, f2 text)', 'CREATE TYPE gaps4_quad AS (f1 integer, f2 text, f3 text, f4 int)', 'CREATE TABLE gaps4_typed OF gaps4_pair'],
    new: ['CREATE TYPE gaps4_pair AS (f1 integer, f2 text)', 'CREATE TYPE gaps4_quad AS (f1 integer, f2 text, f3 text, f4 int)', 'CREATE TABLE gaps4_typed OF gaps4_quad'],
    seed: "INSERT INTO gaps4_typed VALUES (1, 'a'), (2, 'b')",
    keeps: 'SELECT f1, f2 FROM gaps4_typed ORDER BY f1',
  },
];

/**
 * Gap 3: a publication's column list or row filter naming a column the migration drops (hunt 10b,
 * `dependencies-cycles--drop-publication-listed-column`): the table leaves the publication before the column goes
 * (PostgreSQL refuses the DROP COLUMN while it is listed) and comes back after, with its new list.
 */
export const PUBLICATION_COLUMN_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-4: a column dropped that a publication\'s column list names, the list narrowed',
    // The dropped column last: added back at the end, where the old state has it (column order is not managed).
    old: ['CREATE TABLE gaps4_lab (id bigint PRIMARY KEY, kept text, summary text)', 'CREATE PUBLICATION gaps4_pub FOR TABLE gaps4_lab (id, summary, kept)'],
    new: ['CREATE TABLE gaps4_lab (id bigint PRIMARY KEY, kept text)', 'CREATE PUBLICATION gaps4_pub FOR TABLE gaps4_lab (id, kept)'],
    seed: "INSERT INTO gaps4_lab VALUES (1, 'x', 'a'), (2, 'y', 'b')",
    keeps: 'SELECT id, kept FROM gaps4_lab ORDER BY id',
    expectedSql: ['ALTER PUBLICATION "gaps4_pub" DROP TABLE "public"."gaps4_lab"', 'ALTER TABLE "public"."gaps4_lab" DROP COLUMN "summary"'],
  },
  {
    name: 'gaps-4: a column dropped that a publication\'s row filter reads, the filter changed to another column',
    old: ['CREATE TABLE gaps4_lab (id bigint PRIMARY KEY, kept text, flag boolean)', 'CREATE PUBLICATION gaps4_pub FOR TABLE gaps4_lab WHERE (flag)'],
    new: ['CREATE TABLE gaps4_lab (id bigint PRIMARY KEY, kept text)', "CREATE PUBLICATION gaps4_pub FOR TABLE gaps4_lab WHERE (id > 0)"],
    seed: "INSERT INTO gaps4_lab VALUES (1, 'x', true), (2, 'y', false)",
    keeps: 'SELECT id, kept FROM gaps4_lab ORDER BY id',
  },
];

const tdiff = "CREATE FUNCTION gaps4_tdiff(a time, b time) RETURNS float8 LANGUAGE sql IMMUTABLE AS 'SELECT EXTRACT(EPOCH FROM (a - b))'";

/**
 * Gap 4: range type options (hunt 10b, `type-ops--range-options`): SUBTYPE_OPCLASS, COLLATION, SUBTYPE_DIFF and
 * MULTIRANGE_TYPE_NAME compared as the catalog prints them (a pg_catalog operator class bare, a file's function
 * qualified), so a range is not recreated on every plan; a changed option recreates it.
 */
export const RANGE_OPTION_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-4: range types with a subtype operator class, collation, subtype_diff and multirange name created and dropped',
    old: [tdiff, ...local],
    new: [tdiff, ...local, 'CREATE TYPE gaps4_textrange AS RANGE (subtype = text, subtype_opclass = text_pattern_ops, collation = "C")',
      'CREATE TYPE gaps4_timer AS RANGE (subtype = time, subtype_diff = gaps4_tdiff, multirange_type_name = gaps4_timer_multi)',
      'CREATE TYPE gaps4_fr AS RANGE (subtype = float8, subtype_diff = pg_catalog.float8mi)'],
    seed,
    keepsTables: keepsRows,
    planTwice: true,
  },
  {
    name: 'gaps-4: range type options changed: the range is created again',
    old: [tdiff, ...local, 'CREATE TYPE gaps4_textrange AS RANGE (subtype = text)', 'CREATE TYPE gaps4_timer AS RANGE (subtype = time)'],
    new: [tdiff, ...local, 'CREATE TYPE gaps4_textrange AS RANGE (subtype = text, subtype_opclass = pg_catalog.text_pattern_ops)',
      'CREATE TYPE gaps4_timer AS RANGE (subtype = time, subtype_diff = public.gaps4_tdiff, multirange_type_name = gaps4_timer_mr)'],
    seed,
    keepsTables: keepsRows,
    planTwice: true,
  },
];

/**
 * Gap 5: an identity narrowed (hunt 10b, `identity-operations--widen-identity-explicit-bounds` b→a): a bigint identity
 * with an explicit MAXVALUE beyond integer's retyped to integer gets its bounds first, on its sequence (ALTER TYPE
 * retypes the sequence and refuses a MAXVALUE out of range); bounds narrowed in place are DATA_DEPENDENT (PostgreSQL
 * refuses a bound below the sequence's last value).
 */
export const IDENTITY_NARROWED_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-4: a bigint identity with an explicit MAXVALUE retyped to integer, and widened back',
    old: ['CREATE TABLE gaps4_counters (id bigint GENERATED ALWAYS AS IDENTITY (MAXVALUE 5000000000), label text)'],
    new: ['CREATE TABLE gaps4_counters (id integer GENERATED ALWAYS AS IDENTITY, label text)'],
    seed: "INSERT INTO gaps4_counters (label) VALUES ('a'), ('b')",
    seedBack: "INSERT INTO gaps4_counters (label) VALUES ('c')",
    keeps: 'SELECT id::text AS id, label FROM gaps4_counters ORDER BY 1',
    after: "INSERT INTO gaps4_counters (label) VALUES ('next')",
    expectedSql: ['ALTER SEQUENCE "public"."gaps4_counters_id_seq" MINVALUE 1 MAXVALUE 2147483647'],
  },
  {
    name: 'gaps-4: an identity\'s MAXVALUE lowered in place: a data-dependent change',
    old: ['CREATE TABLE gaps4_counters (id bigint GENERATED BY DEFAULT AS IDENTITY (MAXVALUE 1000), label text)'],
    new: ['CREATE TABLE gaps4_counters (id bigint GENERATED BY DEFAULT AS IDENTITY (MAXVALUE 500), label text)'],
    seed: "INSERT INTO gaps4_counters (label) VALUES ('a'), ('b')",
    keeps: 'SELECT id::text AS id, label FROM gaps4_counters ORDER BY 1',
    after: "INSERT INTO gaps4_counters (label) VALUES ('next')",
    expectedHazards: ['DATA_DEPENDENT'],
  },
];

export const GAPS_4_CASES: AcceptanceCase[] = [...FOREIGN_COLUMN_SETTINGS_CASES, ...TYPED_TABLE_COLUMN_CASES, ...PUBLICATION_COLUMN_CASES, ...RANGE_OPTION_CASES, ...IDENTITY_NARROWED_CASES];
