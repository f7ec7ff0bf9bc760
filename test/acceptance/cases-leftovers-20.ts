/**
 * Small leftovers of #27 (h201): defaults, storage, the public schema, constants. Each checked on PostgreSQL 15 by
 * psql and pg_dump first, each case failing before its fix in src/ (named in the case's comment) unless said otherwise.
 */
import type { AcceptanceCase } from './harness.js';

const kept = 'CREATE TABLE lo20_notes (id int PRIMARY KEY, body text)';
const seed = "INSERT INTO lo20_notes VALUES (1, 'a'), (2, 'b')";
const keepsNotes = 'SELECT id, body FROM lo20_notes ORDER BY id';
const retyped = [
  'CREATE TABLE lo20_prices (id int PRIMARY KEY, n numeric(10,2)[] DEFAULT NULL, v varchar(10)[] DEFAULT NULL, label text NOT NULL)',
  'ALTER TABLE lo20_prices ALTER COLUMN n TYPE numeric[]', 'ALTER TABLE lo20_prices ALTER COLUMN v TYPE varchar[]',
];

export const LEFTOVERS_20_CASES: AcceptanceCase[] = [
  // model/null-default.ts `unstorableNullDefault`, diff/index.ts: `numeric(10,2)[] DEFAULT NULL` retyped to
  // `numeric[]` keeps a bare `NULL::numeric[]` (hunt 14c3) that no DDL stores. From a column with no default the plan
  // set it, PostgreSQL dropped it, and every re-plan set it again. It gives every row NULL, as no default does: the
  // differ now counts it as no default where the current column has none, so nothing is planned (pg_dump keeps
  // printing it on the file's database: the dumps differ by that default, which the harness is told to leave out).
  {
    name: 'leftovers-20: a column without default against a retyped bare NULL::numeric[] default plans nothing',
    old: [kept, 'CREATE TABLE lo20_prices (id int PRIMARY KEY, n numeric[], v varchar[], label text)'],
    new: [kept, ...retyped, 'ALTER TABLE lo20_prices ALTER COLUMN n SET NOT NULL'],
    seed: `${seed}; INSERT INTO lo20_prices VALUES (1, '{1.25}', '{a}', 'x')`,
    keeps: keepsNotes,
    absentSql: ['DEFAULT NULL'],
    oneWay: true,
    dumpIgnores: { reason: 'no DDL stores a bare NULL default of the column\'s own type', text: [' DEFAULT NULL::numeric[]', ' DEFAULT NULL::character varying[]'] },
  },
  // (With n's NOT NULL changed too: the column's other change carries no SET DEFAULT.) The other way the retyped
  // default is dropped (DROP DEFAULT removes it) and the dumps are equal.
  {
    name: 'leftovers-20: a retyped bare NULL::numeric[] default is dropped for a column without default',
    old: [kept, ...retyped],
    new: [kept, 'CREATE TABLE lo20_prices (id int PRIMARY KEY, n numeric[], v varchar[], label text)'],
    seed: `${seed}; INSERT INTO lo20_prices VALUES (1, '{1.25}', '{a}', 'x')`,
    keeps: keepsNotes,
    expectedSql: ['ALTER COLUMN "n" DROP DEFAULT', 'ALTER COLUMN "v" DROP DEFAULT'],
    oneWay: true,
  },
];

// The public schema's privileges (PostgreSQL 15+: owned by pg_database_owner, USAGE to PUBLIC; 13/14 also granted
// CREATE to PUBLIC): a file that grants everything on it to PUBLIC, as a schema written for 14 does. model/privileges.ts
// `standardPublic` counts 14's privileges as the standard ones only on a 13–14 server (the inspector's); the fold
// (no server) kept them as none, so nothing was planned and pg_dump differed. The old side writes the standard
// privileges out: a test database's reset keeps what a case did to public (test/helpers/databases.ts).
const standardPublic = ['GRANT USAGE ON SCHEMA public TO PUBLIC', 'REVOKE CREATE ON SCHEMA public FROM PUBLIC'];
LEFTOVERS_20_CASES.push(
  {
    name: 'leftovers-20: GRANT ALL ON SCHEMA public TO PUBLIC plans and converges both ways',
    old: [kept, ...standardPublic],
    new: [kept, 'GRANT ALL ON SCHEMA public TO PUBLIC'],
    seed,
    keeps: keepsNotes,
    expectedSql: ['GRANT CREATE ON SCHEMA "public" TO PUBLIC'],
  },
  {
    name: 'leftovers-20: REVOKE ALL ON SCHEMA public FROM PUBLIC plans and converges both ways',
    old: [kept, ...standardPublic],
    new: [kept, 'REVOKE ALL ON SCHEMA public FROM PUBLIC'],
    seed,
    keeps: keepsNotes,
  },
);
