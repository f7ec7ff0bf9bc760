/**
 * Acceptance cases hunted on sqldef's psqldef test cases (sqldef/sqldef cmd/psqldef/tests_*.yml, MIT; h172, hunt 12a:
 * the files hunt 11a did not run, datatypes, comments and preserve_quotes, and two leftovers of hunt 11a): each
 * case's `current` and `desired` schemas were applied with `schema apply` both ways on PostgreSQL 15, planned again
 * (nothing left) and pg_dump'ed against the database psql loads from the target. Each class of failure is reproduced
 * by one small case of our own that failed before its fix in src/ (named in the case's comment).
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_12A_CASES: AcceptanceCase[] = [
  // parse/view-types.ts: a query over a view did not know the view's column types, so the implicit cast PostgreSQL
  // stores for a call over one (`date_trunc('month', d)` over a view's date column is stored with
  // `(d)::timestamp with time zone`) was not added by the fold, and the materialized view was dropped and created
  // on every plan (psqldef's ViewDependsOnView_MaterializedOnRegular). A view's columns are now typed from its query
  // on both sides, as a CTE's are; a literal compared with a typed view column stays equal too.
  {
    name: 'hunt-12a: a view over a view calls a function that casts the view\'s column implicitly',
    old: [
      'CREATE TABLE sales (id integer PRIMARY KEY, amount numeric(10,2), sale_date date, note varchar(20))',
      'CREATE VIEW daily_sales AS SELECT sale_date, SUM(amount) AS total, max(note) AS note FROM sales GROUP BY sale_date',
    ],
    new: [
      'CREATE TABLE sales (id integer PRIMARY KEY, amount numeric(10,2), sale_date date, note varchar(20))',
      'CREATE VIEW daily_sales AS SELECT sale_date, SUM(amount) AS total, max(note) AS note FROM sales GROUP BY sale_date',
      "CREATE MATERIALIZED VIEW monthly_sales AS SELECT DATE_TRUNC('month', sale_date) AS month, SUM(total) AS monthly_total FROM daily_sales GROUP BY DATE_TRUNC('month', sale_date)",
      "CREATE VIEW big_days AS SELECT d.sale_date + 1 AS next_day, extract(dow FROM d.sale_date) AS dow, d.note || '!' AS shout FROM daily_sales d WHERE d.total > 1000 AND d.note = 'x' AND d.sale_date > '2024-01-01'",
      "CREATE VIEW big_weeks AS SELECT date_trunc('week', next_day) AS week FROM big_days",
    ],
    seed: "INSERT INTO sales VALUES (1, 10.5, '2024-02-01', 'x')",
    keepsTables: [{ tables: ['sales'], query: 'SELECT id, amount FROM sales ORDER BY id' }],
    planTwice: true,
  },
  // parse/normalize.ts (func): a call in SQL syntax (`x AT TIME ZONE 'utc'`, `SUBSTRING(s FROM 1 FOR 2)`,
  // `TRIM(BOTH FROM s)`) compared equal to the same function called by name (`timezone('utc', x)`, `substring(s, 1,
  // 2)`, `btrim(s)`), while PostgreSQL (14+) stores and prints them apart: changing one into the other planned
  // nothing and the database kept the old form (psqldef's AtTimeZoneIndexEquivalentToTimezoneFunction, both ways).
  {
    name: 'hunt-12a: a call in SQL syntax is not the same function called by name',
    old: [
      'CREATE TABLE events (id serial, created_at timestamp, code text)',
      "CREATE INDEX idx_created_at_utc ON events ((timezone('utc', created_at)))",
      "ALTER TABLE events ADD CONSTRAINT code_short CHECK (substring(code, 1, 2) <> 'zz' AND btrim(code) <> '')",
      "CREATE VIEW local_events AS SELECT id, timezone('Europe/Paris', created_at) AS at_paris FROM events",
    ],
    new: [
      'CREATE TABLE events (id serial, created_at timestamp, code text)',
      "CREATE INDEX idx_created_at_utc ON events ((created_at AT TIME ZONE 'utc'))",
      "ALTER TABLE events ADD CONSTRAINT code_short CHECK (substring(code FROM 1 FOR 2) <> 'zz' AND trim(both FROM code) <> '')",
      "CREATE VIEW local_events AS SELECT id, created_at AT TIME ZONE 'Europe/Paris' AS at_paris FROM events",
    ],
    seed: "INSERT INTO events (created_at, code) VALUES ('2024-01-01 10:00', 'ab')",
    keepsTables: [{ tables: ['events'], query: 'SELECT id, created_at, code FROM events ORDER BY id' }],
    expectedSql: ['(created_at AT TIME ZONE', 'SUBSTRING(code FROM 1 FOR 2)'],
    planTwice: true,
    minServer: { major: 14, reason: 'PostgreSQL 13 stores a call in SQL syntax as the call by name (and prints it so)' },
  },
  // parse/normalize-parts.ts (constValue): a bit-string constant (`X'1F'`, `B'00011111'`) compared by the parser's
  // text (`x1F`, `b00011111`) while PostgreSQL stores its bits and prints `'00011111'::"bit"`, so a default written
  // that way was set again on every plan (psqldef's HexBitTypedLiterals, MultiBitLiteralDefaultIsIdempotent).
  {
    name: 'hunt-12a: bit-string defaults written in hex and binary',
    old: ['CREATE TABLE flags (id int, mask bit(8), nibble bit(4), v bit varying(8))'],
    new: [
      "CREATE TABLE flags (id int, mask bit(8) DEFAULT x'1F', nibble bit(4) DEFAULT X'a', v bit varying(8) DEFAULT b'101', CONSTRAINT mask_set CHECK (mask <> B'00000000'))",
    ],
    seed: "INSERT INTO flags VALUES (1, B'00000001', B'0001', B'1')",
    keepsTables: [{ tables: ['flags'], query: 'SELECT id, mask FROM flags ORDER BY id' }],
    planTwice: true,
  },
  // model/constants.ts (moneyAmount, intervalFieldsOutput): a money constant compared by its text (`1.999` vs the
  // catalog's `'$2.00'::money`, rounded to cents and printed in the server's lc_monetary) and an interval with a field
  // and a fraction (`INTERVAL '1.5' HOUR`, stored truncated to the field: `01:00:00`) were left undecided, so the
  // default was set again on every plan (psqldef's MoneyTypedLiteralDefault, MoneyDefaultRoundsToCents,
  // MoneyCastDefaultIsIdempotent, IntervalFractionalFieldQualifierTruncates). Money now compares by its amount in
  // cents on both sides; a bare number under a field drops its fraction below that field.
  {
    name: 'hunt-12a: money defaults and interval defaults with a field and a fraction',
    old: ['CREATE TABLE m (id integer, price money, y interval, h interval)'],
    new: [
      "CREATE TABLE m (id integer, price money DEFAULT money '1.999', big money DEFAULT '1234567.5'::money, neg money DEFAULT '-$0.005'::money, y interval DEFAULT interval '1.5' year, h interval DEFAULT interval '-1.5' hour, d interval DEFAULT interval '2.7' day)",
    ],
    seed: "INSERT INTO m (id) VALUES (1)",
    keepsTables: [{ tables: ['m'], query: 'SELECT id FROM m ORDER BY id' }],
    planTwice: true,
  },
];
