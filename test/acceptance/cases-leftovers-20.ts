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
