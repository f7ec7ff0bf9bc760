/**
 * src/model/constants.ts against the servers' own output functions: for every literal it decides, PostgreSQL
 * (PGlite, and the server when DATABASE_URL is set) reads the literal as the type and prints exactly that text;
 * what PostgreSQL prints is a fixed point (decided as itself, or left undecided). Literals: hand-picked spellings
 * of each type plus generated interval spellings. The decided share is asserted too, so the check cannot pass by
 * deciding nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/index.js';
import { constantOutput, intervalFieldsOutput } from '../src/model/constants.js';
import { testTargets } from './helpers/databases.js';

const LITERALS: Record<string, string[]> = {
  boolean: ['yes', 'no', 'y', 'n', 't', 'f', 'tr', 'true', 'FALSE', ' on ', 'off', 'of', '1', '0', 'ye', 'fals', 'maybe', 'o', ''],
  smallint: ['007', '+5', '-0', ' 12 ', '32767', '32768', '-32768', '1.5', 'x'],
  integer: ['007', '-2147483648', '2147483648', '+0', '1e3'],
  bigint: ['9223372036854775807', '9223372036854775808', '-9223372036854775808', '0042'],
  interval: [
    '30 DAY', '1 month', '1 mon', '2 months', '1 year', '1 year 2 months 3 days', '30 minutes', '1 hour 30 minutes', '90 seconds',
    '1.5 seconds', '0.5 hours', '2 weeks', '1 week 2 days', '-1 day', '1 day ago', '1 year -2 months', '-1 year 2 months',
    '1 day -02:00', '1 day 02:00', '02:00', '01:02:03', '-01:02:03.25', '36:00:00', '100 hours', '3 days 4 hours',
    '@ 1 day', '1 decade', '2 centuries', '1 millennium', '10 ms', '250 milliseconds', '7 microseconds', '1.000001 seconds', '1.0000005 seconds', '0.3333333 hours', '0.25 hours', '1.5 ms',
    '30d', '2h', '5 mins', '3 secs', '2 yrs', '1 hr', '0 days', '0', '00:00:00', '1.5 days', '1.5 years', 'P1D', '1', '5 m',
    '1 day 2 hours 3 minutes 4 seconds', '-1 days +02:00:00', '1 year 2 mons -3 days +04:05:06.5', '1 mon -1 days', 'ago',
  ],
  date: ['2024-1-5', '2024-01-05', '0099-12-31', '2024-02-29', '2023-02-29', '2024-13-01', '1/5/2024', 'today', ' 2024-01-05 '],
  'time without time zone': ['1:2', '01:02', '1:2:3', '23:59:59.999999', '12:00:00.5', '24:00', '24:00:01', '1:60', 'allballs', '10:00 PM'],
  'timestamp without time zone': ['2024-01-01', '2024-01-01 1:00', '2024-01-01T10:11:12', '2024-01-01 10:11:12.250', '2024-1-1 0:0:0', '2024-01-01 10:00+02', 'epoch'],
  // Read in UTC, the TimeZone of every session Meridian opens (src/db/session.ts): this test's too.
  'timestamp with time zone': [
    '2026-06-01', '2026-06-01 12:00', '2026-05-31 20:00-04', '2026-07-01T09:00:00+09:00', '2026-01-01 09:30:00.25+09', '2030-01-01 00:00:00+05:30',
    '2026-01-01T00:00:00Z', '2026-01-01 00:00 UTC', '2026-01-01 10:00 +0230', '2026-01-01 10:00 GMT', '1900-01-01 00:00+01:02:03', '0099-12-31 23:00-02',
    '9999-12-31 23:00-02', '2026-1-5 1:2:3.000001', '2026-01-01 24:00', '2024-02-29 23:30-01', '2023-02-29', '2026-01-01 10:00+16', '2026-01-01 10:00:00.1234567',
    'epoch', 'infinity', '-infinity', 'now', '2026-01-01 10:00 Europe/Paris', '2026-01-01 10:00 CET', '2026-01-01 10:00:00+00',
    '2026-06-01t10:00', '2026-06-01  10:00', '2026-06-01 10:00 z', '2026-06-01 10:00utc', '2026-06-01T10:00 +02', '2026-06-01 10:00-00:30', '2026-6-1 7:5',
    '2026-06-01 10:00:00.000000+00', '2026-01-01 00:30+01', '2026-12-31 23:30-01',
  ],
  'timestamp(3) with time zone': ['2026-06-01', '2026-06-01 10:00:00.125+02', '2026-06-01 10:00:00.1255+02', 'infinity'],
  'timestamp(0) without time zone': ['2026-06-01 10:00', '2026-06-01 10:00:00.5'],
  'time(2) without time zone': ['10:00:00.25', '10:00:00.255'],
  'timestamp with time zone[]': ['{2026-06-01,"2026-06-01 10:00+02"}'],
  uuid: ['A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', 'a0eebc999c0b4ef8bb6d6bb9bd380a11', 'a0eebc99-9c0b'],
  numeric: ['1.50', '1e3', '1.20e1', '1e-3', '.5', '5.', '0012.50', '-0', '-0.00', '+7', ' 2 ', 'NaN', 'nan', '-1.5e-2', '123456789012345678901234567890.123', '1E+2', '0.000', '1e', 'abc', '1_000', 'Infinity', '2.5E-10', '-0012'],
  'double precision': ['1.50', '1e3', '0.1', '0.0001', '0.00012', '0.00001', '123456789012345', '1e14', '1e15', '123456789012.3456', '1.0', '-2.5', '-0', '0', 'NaN', 'Infinity', '-inf', '+Infinity', '1e308', '1e400', '3.14159265358979', '0.30000000000000004', '.5', '100'],
  real: ['1.50', '1e3', '0.1', '123456', '1e5', '1e6', '1234567', '0.0001', '3.14159', '-0', 'NaN', 'inf', '1.0', '99999.9'],
  bytea: ['\\x0102', '\\xDEADbeef', '\\x', '\\x01 02', '\\x0 102', '\\x012', 'abc', 'a\\\\b', 'a\\001b', 'a\\b', 'é'],
  inet: ['10.1.2.3', '10.1.2.3/32', '10.1.2.3/24', '010.1.2.3', '10.1', '10.1.2.3/33', '256.1.1.1', '::1', '0.0.0.0/0', ' 192.168.0.1 '],
  cidr: ['10.1/16', '10/8', '10.1.2.0/24', '10.1.2.3/24', '10.1.2.3', '10', '192.168', '0.0.0.0/0', '10.1.0.0/16'],
  'integer[]': ['{1,2}', '{ 01 , +2 }', '{}', '{NULL,3}', '{"4",5}', '{{1,2},{3,4}}', '[1:2]={1,2}', '{1,x}', '{ }'],
  'text[]': ['{a,b}', '{"a b",c}', '{"",null,"NULL"}', '{"a\\"b","c\\\\d"}', '{ x , y }', '{"{"}', '{a,"b"}'],
  'interval[]': ['{"1 day","2 HOURS"}', '{01:00}'],
  'boolean[]': ['{t,yes,0}'],
  'date[]': ['{2024-1-5}'],
  'uuid[]': ['{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}'],
  'numeric[]': ['{1.50,1e3}'],
  jsonb: ['{"b":2,  "a":1}', '{"aa":1,"b":{"d":[1, 2,3],"c":null}}', '[1,"x",true]', '{"t":true,"f":false,"e":1.5e0}', '[false, -0, 12]', '{"a":1,"a":2}', '{"a":1.0}', '{"a":1e2}', '"\\u00e9"', '{"é":1,"z":2,"ab":3}', '{}', '[]', ' null ', '{"k":"a\\nb"}', 'nope'],
};

/**
 * Literals read as a type without typmod (an untyped literal an operator reads as the other operand's type:
 * `constantOutput(text, type, true)`).
 */
const PLAIN: Record<string, string[]> = {
  interval: ['0', '90', '-5', '+7', '1.5', '3600', '86400', '1.0000005', '1.0000015', '.5', '5.', '1e3', '30 DAY'],
};

/** Interval spellings from parts: signed amounts of each unit, optional clock part and `ago`. */
function generatedIntervals(n: number): string[] {
  let seed = 20261206;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  const units = ['year', 'years', 'mon', 'months', 'week', 'day', 'days', 'hour', 'minutes', 'second', 'seconds', 'ms', 'us'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    for (let j = 0, k = 1 + rnd(4); j < k; j++) parts.push(`${rnd(3) === 0 ? '-' : ''}${rnd(50)} ${units[rnd(units.length)]}`);
    if (rnd(3) === 0) parts.push(`${rnd(2) ? '-' : ''}${rnd(30)}:${String(rnd(60)).padStart(2, '0')}:${String(rnd(60)).padStart(2, '0')}`);
    if (rnd(5) === 0) parts.push('ago');
    out.push(parts.join(' '));
  }
  return out;
}

const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

for (const target of testTargets()) {
  describe(`constants as PostgreSQL prints them [${target.name}]`, () => {
    it('every decided literal is what the server prints; what the server prints is a fixed point', async () => {
      const db = await openDatabase(target.url);
      opened.push(db);
      await db.exec(`SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'`);
      const cases: (readonly [string, string, boolean?])[] = Object.entries(LITERALS).flatMap(([type, xs]) => xs.map((x) => [type, x] as const));
      cases.push(...generatedIntervals(300).map((x) => ['interval', x] as const));
      cases.push(...Object.entries(PLAIN).flatMap(([type, xs]) => xs.map((x) => [type, x, true] as const)));
      const wrong: string[] = [];
      let decided = 0;
      for (const [type, input, plain] of cases) {
        const ours = constantOutput(input, type, plain);
        let server: string | undefined;
        try {
          // The type's output function (format's %s), as an expression's constant prints; a boolean prints true/false there.
          const sql = type === 'boolean' ? `SELECT ($1::text)::boolean::text AS v` : `SELECT format('%s', ($1::text)::${type}) AS v`;
          server = (await db.query<{ v: string }>(sql, [input])).rows[0]!.v;
        } catch {
          server = undefined; // the server refuses the literal
        }
        if (ours !== undefined) {
          decided++;
          if (ours !== server) wrong.push(`${type} '${input}': ours ${JSON.stringify(ours)}, server ${JSON.stringify(server)}`);
        }
        if (server !== undefined) {
          const again = constantOutput(server, type);
          if (again !== undefined && again !== server) wrong.push(`${type} '${server}' (printed): ours ${JSON.stringify(again)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(decided).toBeGreaterThan(cases.length * 0.6);
    });

    // `INTERVAL '30' DAY`: the fields' typmod (bits MONTH 1, YEAR 2, DAY 3, HOUR 10, MINUTE 11, SECOND 12).
    it('an interval constant with fields is what the server prints, when decided', async () => {
      const db = await openDatabase(target.url);
      opened.push(db);
      await db.exec(`SET IntervalStyle = 'postgres'`);
      const bit: Record<string, number> = { year: 2, month: 1, day: 3, hour: 10, minute: 11, second: 12 };
      const fields = ['year', 'month', 'day', 'hour', 'minute', 'second', 'day to hour', 'hour to minute', 'day to second', 'year to month', 'minute to second'];
      const inputs = ['30', '2', '-7', '1.5', '1 day', '1 day 02:00:00', '3 hours', '1 day 2:03:04', '90 minutes', '2 years', '14 mons'];
      const wrong: string[] = [];
      let decided = 0;
      for (const f of fields) {
        const [from, to] = f.split(' to ') as [string, string | undefined];
        let mask = 1 << bit[from]!;
        if (to) for (const k of Object.keys(bit)) if (bit[k]! >= Math.min(bit[from]!, bit[to]!) && bit[k]! <= Math.max(bit[from]!, bit[to]!) && !(from === 'year' && k !== 'year' && k !== 'month')) mask |= 1 << bit[k]!;
        for (const input of inputs) {
          const ours = intervalFieldsOutput(input, mask);
          if (ours === undefined) continue;
          decided++;
          // The literal itself, not a parameter: a text value is read as an interval first, without the fields.
          const server = (await db.query<{ v: string }>(`SELECT format('%s', '${input}'::interval ${f}) AS v`)).rows[0]!.v;
          if (ours !== server) wrong.push(`'${input}' ${f}: ours ${ours}, server ${server}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(decided).toBeGreaterThan(fields.length * 3);
    });
  });
}
