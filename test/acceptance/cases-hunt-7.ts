/**
 * Acceptance cases hunted on schemas Meridian had not seen (h124, issue #27 hunt 7): PostgREST's big_schema.sql test
 * fixture (the 2018 apflora schema, MIT) and pgschema's testdata (Apache-2.0). Each class of failure is reproduced by
 * one small case of our own that failed before its fix in src/ (named in the case's comment). Facts only are taken
 * from those files.
 */
import type { AcceptanceCase } from './harness.js';

export const HUNT_7_CASES: AcceptanceCase[] = [
  // parse/kinds/partition-bound.ts: PostgreSQL coerces a partition bound's values to the key column's type and
  // prints them back with its output function (`FROM ('2026-01-01')` on a timestamp key is stored
  // `FROM ('2026-01-01 00:00:00')`, `IN ('yes')` on a boolean key `IN (true)`); the fold kept the values as
  // written, so `schema apply` of the file a database was loaded from detached and attached every such partition
  // again (pgschema's partition fixtures). test/parse/roundtrip.test.ts fails without the fix (parse ≠ inspect).
  {
    name: 'hunt-7: partition bounds written in another spelling than the key type prints (timestamp, boolean, integer)',
    old: [
      'CREATE TABLE ev (id int, at timestamp NOT NULL) PARTITION BY RANGE (at)',
      "CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
      'CREATE TABLE flag (id int, on_off boolean NOT NULL) PARTITION BY LIST (on_off)',
      "CREATE TABLE flag_on PARTITION OF flag FOR VALUES IN ('yes')",
    ],
    new: [
      'CREATE TABLE ev (id int, at timestamp NOT NULL) PARTITION BY RANGE (at)',
      "CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
      "CREATE TABLE ev_2027 PARTITION OF ev FOR VALUES FROM ('2027-1-1') TO ('2028-01-01 00:00')",
      'CREATE TABLE flag (id int, on_off boolean NOT NULL) PARTITION BY LIST (on_off)',
      "CREATE TABLE flag_on PARTITION OF flag FOR VALUES IN ('yes')",
      "CREATE TABLE flag_off PARTITION OF flag FOR VALUES IN ('off')",
      'CREATE TABLE score (id int, pts int NOT NULL, day date NOT NULL) PARTITION BY RANGE (pts, day)',
      "CREATE TABLE score_low PARTITION OF score FOR VALUES FROM ('-5', '2026-1-2') TO ('+010', MAXVALUE)",
    ],
    seed: "INSERT INTO ev VALUES (1, '2026-03-01'); INSERT INTO flag VALUES (1, true)",
    keepsTables: [{ tables: ['ev', 'flag'], query: 'SELECT (SELECT count(*) FROM ev_2026), (SELECT count(*) FROM flag_on)' }],
  },
  // inspect/index.ts, parse/canonical.ts (viewQueryText): pg_get_viewdef's pretty print leaves out the parentheses
  // of an AND inside an AND (a BETWEEN is stored as one), and PostgreSQL's parser flattens `a AND b AND c`: a view
  // created again from the inspected text (a column it reads retyped, a pair of releases) was stored with another
  // tree, and pg_dump showed another view than the schema file's (apflora's 281 views, on PostgreSQL).
  {
    name: 'hunt-7: view with a BETWEEN inside an AND created again from the inspected definition',
    old: [
      'CREATE TABLE plan (id int, kind int, year int, status int)',
      'CREATE VIEW active_plan AS SELECT id, year FROM plan WHERE year > 2000 AND kind BETWEEN 1 AND 3 AND (status = 1 OR (status = 2 OR status = 3))',
    ],
    new: [
      'CREATE TABLE plan (id int, kind int, year bigint, status int)',
      'CREATE VIEW active_plan AS SELECT id, year FROM plan WHERE year > 2000 AND kind BETWEEN 1 AND 3 AND (status = 1 OR (status = 2 OR status = 3))',
    ],
    seed: 'INSERT INTO plan VALUES (1, 2, 2024, 1)',
    keepsTables: [{ tables: ['plan'], query: 'SELECT id, kind, year::int, status FROM plan ORDER BY id' }],
  },
  // parse/kinds/constraint.ts (onlyColumn): PostgreSQL names an unnamed CHECK after the one column it reads
  // (`t_a_check`) and after the table alone when it reads several (`t_check`), written as a column or a table
  // constraint; the fold took the first column it saw, so `schema apply` of the file a database was loaded from
  // dropped and added `CHECK (created_at <= updated_at)` under another name (pgschema's table fixtures).
  {
    name: 'hunt-7: unnamed checks reading one column, several columns and none',
    old: ['CREATE TABLE span (id int, starts date, ends date)'],
    new: [
      'CREATE TABLE span (id int CHECK (id > 0 AND id < 1000000), starts date, ends date CHECK (ends >= starts), CHECK (starts <= ends), CHECK (true))',
      'ALTER TABLE span ADD CHECK (starts IS NOT NULL OR ends IS NULL)',
    ],
    seed: "INSERT INTO span VALUES (1, '2026-01-01', '2026-02-01')",
    keepsTables: [{ tables: ['span'], query: 'SELECT id, starts, ends FROM span ORDER BY id' }],
  },
];
