/**
 * timestamptz constants (issue #27). PostgreSQL stores a timestamptz constant as an instant: one written without a
 * UTC offset (`'2026-06-01'`) is read in the TimeZone of the session that runs the DDL, one with an offset is
 * converted; both print back in the reading session's TimeZone (`'2026-06-01 00:00:00+00'`). Meridian's sessions
 * run with TimeZone UTC and its fold reads an offset-less constant as UTC (README, "constants"), so the fold and
 * the inspector compare the same instant. Before the fix these cases planned again on a loaded database (the
 * partition of pgschema's online_issue_418_partitioned_parent_index fixture detached and attached, defaults and
 * checks recreated): the round trip (parse = inspect) failed.
 */
import type { AcceptanceCase } from './harness.js';

const EVENTS = 'CREATE TABLE events (id bigint NOT NULL, occurred timestamptz NOT NULL, payload jsonb) PARTITION BY RANGE (occurred)';
const APRIL = "CREATE TABLE events_2026_04 PARTITION OF events FOR VALUES FROM ('2026-04-01') TO ('2026-05-01')";
/** Bounds with offsets of other zones: 2026-04-30 15:00 UTC is 2026-05-01 00:00 in Tokyo. */
const MAY = "CREATE TABLE events_2026_05 PARTITION OF events FOR VALUES FROM ('2026-05-01 00:00:00+00') TO ('2026-05-31 20:00-04')";
const STAMPS = (body: string) =>
  `CREATE TABLE stamps (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT '2026-01-01'::timestamptz, ` +
  `seen timestamptz DEFAULT '2026-01-01 09:30:00.25+09', since timestamptz DEFAULT '2026-02-03 04:05', ${body})`;

export const TIMESTAMPTZ_CASES: AcceptanceCase[] = [
  {
    name: 'timestamptz: partition bounds without an offset and with offsets of other zones; a partitioned index added',
    old: [EVENTS, APRIL, MAY],
    new: [EVENTS, APRIL, MAY, "CREATE TABLE events_2026_06 PARTITION OF events FOR VALUES FROM ('2026-05-31 20:00-04') TO ('2026-07-01T09:00:00+09:00')", 'CREATE INDEX events_payload_idx ON events USING gin (payload)'],
    seed: "INSERT INTO events VALUES (1, '2026-04-10 12:00+00', '{}'), (2, '2026-05-20 00:00+00', '{\"a\": 1}')",
    seedBack: "INSERT INTO events VALUES (1, '2026-04-10 12:00+00', '{}'), (2, '2026-05-20 00:00+00', '{\"a\": 1}')",
    keepsTables: [{ tables: ['events', 'events_2026_04', 'events_2026_05'], query: 'SELECT id, occurred FROM events WHERE id < 3 ORDER BY id' }],
    absentSql: ['DETACH PARTITION', 'DROP TABLE events_2026_04', 'DROP TABLE events_2026_05', 'DROP TABLE public.events_2026_04', 'DROP TABLE public.events_2026_05'],
    planTwice: true,
  },
  {
    name: 'timestamptz: defaults, checks, an index predicate and a view with constants without an offset and with one',
    old: [
      STAMPS("CONSTRAINT at_recent CHECK (at >= '2020-01-01'), CONSTRAINT seen_before CHECK (seen < '2030-01-01 00:00:00+05:30'::timestamptz)"),
      "CREATE INDEX stamps_late ON stamps (id) WHERE at > '2026-06-01 12:00'",
      "CREATE VIEW recent_stamps AS SELECT id, at FROM stamps WHERE at > '2025-01-01'::timestamptz AND seen <> '2025-06-01 00:00-07'",
    ],
    new: [
      STAMPS("CONSTRAINT at_recent CHECK (at >= '2021-01-01'), CONSTRAINT seen_before CHECK (seen < '2030-01-01 00:00:00+05:30'::timestamptz)"),
      "CREATE INDEX stamps_late ON stamps (id) WHERE at > '2026-06-01 12:00'",
      "CREATE INDEX stamps_early ON stamps (id) WHERE seen < '2026-01-01T00:00:00Z'",
      "CREATE VIEW recent_stamps AS SELECT id, at FROM stamps WHERE at > '2025-01-01'::timestamptz AND seen <> '2025-06-01 00:00-07'",
    ],
    seed: "INSERT INTO stamps (id, at) VALUES (1, '2026-03-01 10:00+00')",
    seedBack: "INSERT INTO stamps (id, at) VALUES (1, '2026-03-01 10:00+00')",
    keepsTables: [{ tables: ['stamps'], query: 'SELECT id, at, seen, since FROM stamps ORDER BY id' }],
    absentSql: ['DROP DEFAULT', 'SET DEFAULT', 'seen_before', 'DROP INDEX stamps_late', 'DROP INDEX public.stamps_late', 'recent_stamps'],
    planTwice: true,
  },
  {
    name: 'timestamptz: a partition key and defaults with a precision (timestamp(6) with time zone, as Rails declares them)',
    old: [
      'CREATE TABLE visits (id bigint NOT NULL, created_at timestamp(6) with time zone NOT NULL, seen timestamptz(3) DEFAULT \'2026-01-01 10:00:00.125+02\') PARTITION BY RANGE (created_at)',
      "CREATE TABLE visits_2026 PARTITION OF visits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
    ],
    new: [
      "CREATE TABLE visits (id bigint NOT NULL, created_at timestamp(6) with time zone NOT NULL, seen timestamptz(3) DEFAULT '2026-01-01 10:00:00.125+02') PARTITION BY RANGE (created_at)",
      "CREATE TABLE visits_2026 PARTITION OF visits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
      "CREATE TABLE visits_2027 PARTITION OF visits FOR VALUES FROM ('2027-01-01') TO ('2028-01-01 00:00:00.5')",
    ],
    seed: "INSERT INTO visits (id, created_at) VALUES (1, '2026-03-01 10:00+00')",
    seedBack: "INSERT INTO visits (id, created_at) VALUES (1, '2026-03-01 10:00+00'), (2, '2027-03-01 10:00+00')",
    keepsTables: [{ tables: ['visits', 'visits_2026'], query: 'SELECT id, created_at, seen FROM visits WHERE id = 1' }],
    absentSql: ['DETACH PARTITION', 'SET DEFAULT', 'DROP TABLE visits_2026', 'DROP TABLE public.visits_2026'],
    planTwice: true,
  },
];
