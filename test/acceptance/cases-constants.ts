/**
 * Constants written in the user's spelling where PostgreSQL stores the value and prints it with the type's output
 * function (src/model/constants.ts): `INTERVAL '30 DAY'` is printed `'30 days'::interval`, `DEFAULT 'yes'` on a
 * boolean `true`, `'{"b":2}'::jsonb` `'{"b": 2}'::jsonb`. Before the fix a schema applied once planned the same
 * defaults and views again (`schema apply` twice was not empty: listmonk's materialized view, hunt 6); the round
 * trip (parse = inspect) of these cases failed. Both directions change one spelling for another value.
 */
import type { AcceptanceCase } from './harness.js';

const TABLE = (d: Record<string, string>) =>
  `CREATE TABLE events (id int PRIMARY KEY, every interval DEFAULT ${d.every}, active boolean DEFAULT ${d.active}, starts date DEFAULT ${d.starts}, ` +
  `at_time time DEFAULT ${d.atTime}, since timestamp DEFAULT ${d.since}, ref uuid DEFAULT ${d.ref}, meta jsonb DEFAULT ${d.meta}, n int DEFAULT ${d.n}, ` +
  `created timestamptz DEFAULT now())`;

export const CONSTANT_CASES: AcceptanceCase[] = [
  {
    name: 'constants: column and domain defaults in the user spelling of interval, boolean, date, time, timestamp, uuid, jsonb, integer',
    old: [
      TABLE({ every: "'1 month'", active: "'yes'", starts: "'2024-1-5'", atTime: "'9:30'", since: "'2024-01-01'", ref: "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", meta: `'{"b":2,  "a":[1,2]}'`, n: "'007'" }),
      "CREATE DOMAIN retention AS interval DEFAULT interval '30 DAY' CHECK (VALUE > interval '1 hour')",
      'CREATE TABLE policies (id int, keep retention)',
    ],
    new: [
      TABLE({ every: "interval '2 weeks'", active: "'off'", starts: "'2024-02-29'", atTime: "'17:05:30.5'", since: "'2024-1-1 8:00'", ref: "'{b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12}'", meta: `'{"zz":1,"a":{"y":true,"x":null}}'::jsonb`, n: "'+42'" }),
      "CREATE DOMAIN retention AS interval DEFAULT '1 day 12:00:00' CHECK (VALUE > interval '2 hours')",
      'CREATE TABLE policies (id int, keep retention)',
    ],
    seed: "INSERT INTO events (id) VALUES (1); INSERT INTO policies (id) VALUES (1)",
    keepsTables: [{ tables: ['events', 'policies'], query: 'SELECT id FROM events UNION ALL SELECT id FROM policies' }],
  },
  {
    name: 'constants: typed literals in a view, a materialized view, a check, an index predicate and a policy',
    old: [
      'CREATE TABLE visits (id int PRIMARY KEY, at timestamptz NOT NULL, spent interval, tags jsonb, paid boolean)',
      "CREATE VIEW recent AS SELECT id FROM visits WHERE at > now() - INTERVAL '30 DAY' AND spent < interval '1 hour 30 minutes'",
      "CREATE MATERIALIZED VIEW daily AS SELECT date_trunc('day', at) AS d, count(*) AS n FROM visits WHERE tags @> '{\"k\":1}'::jsonb AND paid = 'y'::boolean GROUP BY 1",
      "ALTER TABLE visits ADD CONSTRAINT spent_positive CHECK (spent >= interval '0 SECONDS')",
      "CREATE INDEX long_visits ON visits (id) WHERE spent > interval '2 HOURS'",
      'ALTER TABLE visits ENABLE ROW LEVEL SECURITY',
      "CREATE POLICY fresh ON visits USING (at > now() - interval '7 DAYS')",
    ],
    new: [
      'CREATE TABLE visits (id int PRIMARY KEY, at timestamptz NOT NULL, spent interval, tags jsonb, paid boolean)',
      "CREATE VIEW recent AS SELECT id FROM visits WHERE at > now() - INTERVAL '1 mon' AND spent < interval '01:45'",
      "CREATE MATERIALIZED VIEW daily AS SELECT date_trunc('day', at) AS d, count(*) AS n FROM visits WHERE tags @> '{\"k\":2, \"a\":0}'::jsonb AND paid = 'no'::boolean GROUP BY 1",
      "ALTER TABLE visits ADD CONSTRAINT spent_positive CHECK (spent > interval '1 day ago')",
      "CREATE INDEX long_visits ON visits (id) WHERE spent > interval '3 hours 15 mins'",
      'ALTER TABLE visits ENABLE ROW LEVEL SECURITY',
      "CREATE POLICY fresh ON visits USING (at > now() - interval '2 weeks')",
    ],
    seed: "INSERT INTO visits VALUES (1, now(), '2 hours', '{\"k\":1}', true)",
    keepsTables: [{ tables: ['visits'], query: 'SELECT id FROM visits' }],
  },
];
