/**
 * Acceptance cases of the small gaps issue #27 kept after hunt 10's follow-ups (test/corpus-ext/MANIFEST.md, 'Hunt 10
 * gaps follow-up' and 'Hunt 10b owner follow-up'; written anew): the owner's privileges named by role, as pg_dump
 * writes them; an operator class a range names through the search_path; a column's default storage over a domain.
 * Each runs both directions on PGlite and PostgreSQL, judged by pg_dump (harness.ts); the parser round trip folds
 * each side with the connecting role as the applying one (FoldOptions.role), as `schema apply` does.
 */
import type { AcceptanceCase } from './harness.js';

/**
 * Gap 1: pg_dump names the owner (`REVOKE ALL ON TABLE t FROM postgres; GRANT SELECT ON TABLE t TO postgres;`) when
 * it gave up some of its privileges. The fold took `postgres` for another role: the REVOKE changed nothing and the
 * GRANT left the owner every privilege. The harness connects as `postgres` (PGlite's role, and CI's DATABASE_URL
 * user), which owns what the files create.
 */
const owned = [
  'CREATE SCHEMA g5own', 'CREATE TABLE g5own.t (id int PRIMARY KEY, v text)', 'CREATE TABLE g5own.u (id int PRIMARY KEY, w text)',
  'CREATE SEQUENCE g5own.s', "CREATE FUNCTION g5own.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
];
const ownedRows = "INSERT INTO g5own.t VALUES (1, 'a'), (2, 'b'); INSERT INTO g5own.u VALUES (1, 'x')";

export const OWNER_BY_NAME_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-5: the owner gives up privileges named by role, as pg_dump writes it (tables, schema, sequence, function, column)',
    old: [...owned],
    new: [
      ...owned,
      'REVOKE ALL ON TABLE g5own.t FROM postgres', 'GRANT SELECT ON TABLE g5own.t TO postgres',
      'REVOKE ALL ON SCHEMA g5own FROM postgres', 'GRANT USAGE ON SCHEMA g5own TO postgres',
      'REVOKE ALL ON SEQUENCE g5own.s FROM postgres', 'GRANT SELECT ON SEQUENCE g5own.s TO postgres',
      'REVOKE ALL ON FUNCTION g5own.f() FROM PUBLIC', 'REVOKE ALL ON FUNCTION g5own.f() FROM postgres',
      'GRANT UPDATE (w) ON TABLE g5own.u TO postgres',
    ],
    seed: ownedRows,
    seedBack: ownedRows,
    keepsTables: [{ tables: ['t'], query: 'SELECT * FROM g5own.t ORDER BY id' }, { tables: ['u'], query: 'SELECT * FROM g5own.u ORDER BY id' }],
    expectedSql: ['FROM CURRENT_USER'],
  },
  // Objects created under default privileges the applying role gave up entirely (PostgreSQL's aclmerge of two
  // empty lists is NULL: the kind's default, the owner holding all), and pg_dump's `FOR ROLE postgres` spelling of
  // the applying role's own entries, from an empty schema (the plan changes default privileges first).
  {
    name: 'gaps-5: objects created under the applying role\'s default privileges, FOR ROLE named and a REVOKE ALL from itself',
    old: ['CREATE TABLE g5k (id int PRIMARY KEY)'],
    new: [
      'CREATE TABLE g5k (id int PRIMARY KEY)', 'CREATE SCHEMA g5dp',
      'ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM CURRENT_USER', 'CREATE SEQUENCE g5dp.s',
      'ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE ALL ON TABLES FROM postgres', 'ALTER DEFAULT PRIVILEGES FOR ROLE postgres GRANT SELECT ON TABLES TO postgres',
      'CREATE TABLE g5dp.t (id int PRIMARY KEY)',
    ],
    seed: 'INSERT INTO g5k VALUES (1)',
    seedBack: 'INSERT INTO g5k VALUES (1)',
    keepsTables: [{ tables: ['g5k'], query: 'SELECT id FROM g5k ORDER BY id' }],
  },
];

/**
 * Gap 3: a range's SUBTYPE_OPCLASS resolved as PostgreSQL finds it: pg_catalog's and an extension's default class
 * (`inet_ops`, citext's `citext_ops`) are what the catalog leaves out, an extension's other class is qualified with
 * the extension's schema (`citext_pattern_ops`, also when the extension is in a schema the search_path names).
 */
export const RANGE_OPCLASS_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-5: range types naming default and other operator classes, pg_catalog\'s and an extension\'s, unqualified',
    old: ['CREATE EXTENSION citext', 'CREATE TABLE g5r (id int PRIMARY KEY)'],
    new: [
      'CREATE EXTENSION citext',
      'CREATE TYPE g5_inet_r AS RANGE (SUBTYPE = inet, SUBTYPE_OPCLASS = inet_ops)',
      'CREATE TYPE g5_text_r AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = text_pattern_ops)',
      'CREATE TYPE g5_ci_r AS RANGE (SUBTYPE = citext, SUBTYPE_OPCLASS = citext_ops)',
      'CREATE TYPE g5_cip_r AS RANGE (SUBTYPE = citext, SUBTYPE_OPCLASS = citext_pattern_ops)',
      'CREATE TABLE g5r (id int PRIMARY KEY, a g5_inet_r, b g5_ci_r, c g5_cip_r)',
    ],
    seed: 'INSERT INTO g5r VALUES (1), (2)',
    keepsTables: [{ tables: ['g5r'], query: 'SELECT id FROM g5r ORDER BY id' }],
  },
  {
    name: 'gaps-5: a range naming an operator class of an extension in another schema through the search_path',
    old: ['CREATE SCHEMA g5ext', 'CREATE EXTENSION citext SCHEMA g5ext', 'CREATE TABLE g5r (id int PRIMARY KEY)'],
    new: [
      'CREATE SCHEMA g5ext', 'CREATE EXTENSION citext SCHEMA g5ext',
      'SET search_path = public, g5ext',
      'CREATE TYPE g5_ci_r AS RANGE (SUBTYPE = g5ext.citext, SUBTYPE_OPCLASS = citext_ops)',
      'CREATE TYPE g5_cip_r AS RANGE (SUBTYPE = g5ext.citext, SUBTYPE_OPCLASS = citext_pattern_ops)',
      'RESET search_path',
      'CREATE TABLE g5r (id int PRIMARY KEY, b g5_ci_r, c g5_cip_r)',
    ],
    seed: 'INSERT INTO g5r VALUES (1), (2)',
    keepsTables: [{ tables: ['g5r'], query: 'SELECT id FROM g5r ORDER BY id' }],
    expectedSql: ['SUBTYPE_OPCLASS = g5ext.citext_pattern_ops'],
  },
];

/**
 * Gap 4: a column's storage set back to its type's default: a domain's is its base type's (`inet`: MAIN), which the
 * foreign table's ALTER did not look up (EXTENDED was set); a type modifier in the middle of a spelling
 * (`timestamp(3) with time zone`) and `tsquery` are PLAIN, which the fold took for EXTENDED.
 */
const domains = [
  'CREATE FOREIGN DATA WRAPPER g5_fdw', 'CREATE SERVER g5_srv FOREIGN DATA WRAPPER g5_fdw',
  'CREATE SCHEMA g5d', 'CREATE DOMAIN g5d."Addr" AS inet', 'CREATE DOMAIN g5d.at3 AS timestamp(3) with time zone', 'CREATE DOMAIN g5d.q AS tsquery',
];
const storageRows = "INSERT INTO g5s VALUES (1, '10.0.0.1', now(), 'a & b')";

export const DOMAIN_STORAGE_CASES: AcceptanceCase[] = [
  {
    name: 'gaps-5: a foreign table\'s and a table\'s columns over domains set to and back from another storage',
    old: [
      ...domains,
      'CREATE FOREIGN TABLE g5ft (a g5d."Addr", b g5d.at3, c g5d.q) SERVER g5_srv', 'ALTER FOREIGN TABLE g5ft ALTER COLUMN a SET STORAGE EXTENDED',
      'CREATE TABLE g5s (id int PRIMARY KEY, a g5d."Addr", b g5d.at3, c g5d.q)', 'ALTER TABLE g5s ALTER COLUMN a SET STORAGE EXTENDED',
    ],
    new: [
      ...domains,
      'CREATE FOREIGN TABLE g5ft (a g5d."Addr", b g5d.at3, c g5d.q) SERVER g5_srv',
      'ALTER FOREIGN TABLE g5ft ALTER COLUMN b SET STORAGE PLAIN', 'ALTER FOREIGN TABLE g5ft ALTER COLUMN c SET STORAGE PLAIN',
      'CREATE TABLE g5s (id int PRIMARY KEY, a g5d."Addr", b g5d.at3, c g5d.q)',
      'ALTER TABLE g5s ALTER COLUMN b SET STORAGE PLAIN', 'ALTER TABLE g5s ALTER COLUMN c SET STORAGE PLAIN',
    ],
    seed: storageRows,
    seedBack: storageRows,
    keepsTables: [{ tables: ['g5s'], query: 'SELECT id, a::text, c::text FROM g5s ORDER BY id' }],
    expectedSql: ['ALTER COLUMN "a" SET STORAGE MAIN'],
    absentSql: ['SET STORAGE PLAIN', 'SET STORAGE EXTENDED'],
  },
];

/** Every case of this file, in the acceptance suite and the parser round trip. */
export const GAPS_5_CASES: AcceptanceCase[] = [...OWNER_BY_NAME_CASES, ...RANGE_OPCLASS_CASES, ...DOMAIN_STORAGE_CASES];
