/**
 * Constants, part 2 (issue #27). An untyped string literal compared with a column (or in `IN (…)` / `= ANY ('{…}')`
 * beside one) is resolved by PostgreSQL to the column's type and stored as that type's constant, printed by its output
 * function: `CHECK (span < '1 hour')` on an interval column is stored `(span < '01:00:00'::interval)`, `ok = 'yes'`
 * on a boolean `(ok = true)`, `d > '2020-1-1'` on a date `(d > '2020-01-01'::date)`. The same in index predicates,
 * policies and view queries. Before the fix the round trip (parse = inspect) of these cases failed: a schema applied
 * once planned its checks, predicates and views again.
 */
import type { AcceptanceCase } from './harness.js';

const TYPES = "CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok')";
const READINGS = 'CREATE TABLE readings (id int PRIMARY KEY, n int, big bigint, x numeric, t text, v varchar(20), span interval, d date, ts timestamp, ok boolean, ref uuid, m mood, at time, doc jsonb';

export const CONSTANT_2_CASES: AcceptanceCase[] = [
  {
    name: 'constants 2: untyped literals compared with interval, date, time, timestamp, boolean, integer, uuid, jsonb, text, varchar, enum columns in checks',
    old: [
      TYPES,
      `${READINGS},
        CONSTRAINT span_small CHECK (span < '1 hour'), CONSTRAINT d_recent CHECK (d > '2020-1-1'), CONSTRAINT n_not CHECK (n <> '007'),
        CONSTRAINT ok_yes CHECK (ok = 'yes' OR ok IS NULL), CONSTRAINT ref_not CHECK (ref <> 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'),
        CONSTRAINT ts_after CHECK (ts >= '2020-1-1 8:00'), CONSTRAINT at_before CHECK ('9:30' > at), CONSTRAINT big_pos CHECK (big > '0042'),
        CONSTRAINT doc_not CHECK (doc <> '{"b":1,"a":2}'), CONSTRAINT v_in CHECK (v IN ('a', 'b')), CONSTRAINT t_any CHECK (t = ANY ('{x,y}')),
        CONSTRAINT m_in CHECK (m IN ('happy', 'sad')), CONSTRAINT x_pos CHECK (x > '1.50'))`,
    ],
    new: [
      TYPES,
      `${READINGS},
        CONSTRAINT span_small CHECK (span < '90 MINUTES'), CONSTRAINT d_recent CHECK (d > '2021-2-3'), CONSTRAINT n_not CHECK (n <> '+8'),
        CONSTRAINT ok_yes CHECK (ok = 'on' OR ok IS NULL), CONSTRAINT ref_not CHECK (ref <> '{B0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12}'),
        CONSTRAINT ts_after CHECK (ts >= '2021-01-01T09:00:00.500'), CONSTRAINT at_before CHECK ('17:5' > at), CONSTRAINT big_pos CHECK (big > '-0'),
        CONSTRAINT doc_not CHECK (doc <> '{"z":[1, 2],"a":null}'), CONSTRAINT v_in CHECK (v IN ('a', 'b')), CONSTRAINT t_any CHECK (t = ANY ('{x,z}')),
        CONSTRAINT m_in CHECK (m IN ('happy', 'ok')), CONSTRAINT x_pos CHECK (x > '2.50'))`,
    ],
    seed: "INSERT INTO readings (id) VALUES (1)",
    keepsTables: [{ tables: ['readings'], query: 'SELECT id FROM readings' }],
  },
  {
    name: 'constants 2: untyped literals beside columns in an index predicate, a policy, a view and a materialized view',
    old: [
      TYPES,
      `${READINGS})`,
      "CREATE INDEX readings_long ON readings (id) WHERE span > '2 HOURS' AND ok = 'y'",
      'ALTER TABLE readings ENABLE ROW LEVEL SECURITY',
      "CREATE POLICY recent ON readings USING (d >= '2024-1-5' AND m <> 'sad')",
      "CREATE VIEW recent_readings AS SELECT id, span FROM readings WHERE span < '30 MINUTES' AND d > '2020-1-1' AND ok = 'y' AND n IN ('01', '2')",
      "CREATE MATERIALIZED VIEW long_readings AS SELECT r.id FROM readings r WHERE r.span >= '1 day' AND r.ts < '2030-1-1'",
    ],
    new: [
      TYPES,
      `${READINGS})`,
      "CREATE INDEX readings_long ON readings (id) WHERE span > '3 hours 15 mins' AND ok = 'no'",
      'ALTER TABLE readings ENABLE ROW LEVEL SECURITY',
      "CREATE POLICY recent ON readings USING (d >= '2025-2-1' AND m <> 'ok')",
      "CREATE VIEW recent_readings AS SELECT id, span FROM readings WHERE span < '45 MINUTES' AND d > '2021-1-1' AND ok = 'n' AND n IN ('03', '4')",
      "CREATE MATERIALIZED VIEW long_readings AS SELECT r.id FROM readings r WHERE r.span >= '2 days' AND r.ts < '2031-1-1'",
    ],
    seed: "INSERT INTO readings (id, span, ok) VALUES (1, '5 hours', true)",
    keepsTables: [{ tables: ['readings'], query: 'SELECT id FROM readings' }],
  },
  {
    name: 'constants 2: untyped literals compared with a domain VALUE and a generated column',
    old: [
      "CREATE DOMAIN short_span AS interval CHECK (VALUE < '1 DAY' AND VALUE > '0')",
      "CREATE TABLE slots (id int PRIMARY KEY, span short_span, d date, late boolean GENERATED ALWAYS AS (d > '2024-1-1') STORED)",
    ],
    new: [
      "CREATE DOMAIN short_span AS interval CHECK (VALUE < '2 DAYS' AND VALUE > '0')",
      "CREATE TABLE slots (id int PRIMARY KEY, span short_span, d date, late boolean GENERATED ALWAYS AS (d > '2024-2-1') STORED)",
    ],
    seed: "INSERT INTO slots (id, span, d) VALUES (1, '1 hour', '2024-01-05')",
    keepsTables: [{ tables: ['slots'], query: 'SELECT id FROM slots' }],
  },
  {
    name: 'constants 2: numeric, float, bytea, inet, cidr and array constants in defaults, checks, an index predicate and a view',
    old: [
      String.raw`CREATE TABLE gauges (id int PRIMARY KEY, price numeric DEFAULT 1e3, ratio float8 DEFAULT '1.50', weight real DEFAULT '2.50', blob bytea DEFAULT '\xDEADBEEF', ` +
        `host inet DEFAULT '10.1.2.3/32', net cidr DEFAULT '10.1/16', nums int[] DEFAULT '{ 01 , 2 }', tags text[] DEFAULT '{"a",b}', spans interval[] DEFAULT '{"1 DAY"}', ` +
        String.raw`CONSTRAINT price_max CHECK (price < 1.0e4), CONSTRAINT ratio_min CHECK (ratio > '0.50'), CONSTRAINT blob_not CHECK (blob <> '\x00FF'), ` +
        `CONSTRAINT host_in CHECK (host <<= '10.0.0.0/8'), CONSTRAINT nums_has CHECK (nums @> '{01}'), CONSTRAINT tags_in CHECK (tags <@ '{"a",b,c}'))`,
      "CREATE INDEX gauges_cheap ON gauges (id) WHERE price < 1.5e1 AND nums && '{07}'",
      "CREATE VIEW gauge_tags AS SELECT id, tags FROM gauges WHERE tags && '{\"a\"}' AND price >= 1E2 AND ratio <> '2.50'::float8",
    ],
    new: [
      String.raw`CREATE TABLE gauges (id int PRIMARY KEY, price numeric DEFAULT 2.50e1, ratio float8 DEFAULT '0.250', weight real DEFAULT '3.5', blob bytea DEFAULT '\x0A0b', ` +
        `host inet DEFAULT '10.1.2.4/32', net cidr DEFAULT '10.2/16', nums int[] DEFAULT '{ 03 }', tags text[] DEFAULT '{"b",c}', spans interval[] DEFAULT '{"2 DAYS", "3 HOURS"}', ` +
        String.raw`CONSTRAINT price_max CHECK (price < 2.0e4), CONSTRAINT ratio_min CHECK (ratio > '0.750'), CONSTRAINT blob_not CHECK (blob <> '\x01FF'), ` +
        `CONSTRAINT host_in CHECK (host <<= '10.0.0.0/7'), CONSTRAINT nums_has CHECK (nums @> '{02}'), CONSTRAINT tags_in CHECK (tags <@ '{"b",c,d}'))`,
      "CREATE INDEX gauges_cheap ON gauges (id) WHERE price < 2.5e1 AND nums && '{08}'",
      "CREATE VIEW gauge_tags AS SELECT id, tags FROM gauges WHERE tags && '{\"b\"}' AND price >= 2E2 AND ratio <> '3.50'::float8",
    ],
    seed: "INSERT INTO gauges (id, host, nums, tags) VALUES (1, '10.1.1.1', '{1,2,3}', '{b,c}')",
    keepsTables: [{ tables: ['gauges'], query: 'SELECT id FROM gauges' }],
  },
];
