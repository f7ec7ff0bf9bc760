/**
 * src/model/literals.ts against the servers' input functions: every literal it says PostgreSQL accepts is read by
 * PostgreSQL as that type (PGlite, and the server when DATABASE_URL is set), for accepted-only spellings (`now`, a
 * timestamptz with a zone, `1e3` as numeric) and decided ones (./model-constants.test.ts checks their output). A
 * literal it refuses may still be accepted (the dev database decides): only the refusals listed here are asserted.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.js';
import { constantOutput } from '../src/model/constants.js';
import { LITERAL_RULES, literalAccepted } from '../src/model/literals.js';
import { testTargets } from './helpers/databases.js';

/**
 * [type (as SQL text spells it), literal, accepted natively?]. Refused means refused by PostgreSQL too, except the
 * spellings in UNDECIDED (accepted by PostgreSQL, left to the dev database here). The old regular expressions of
 * ../src/parse/resolve.ts accepted `1 day 2 days` and `2024-02-30`, which PostgreSQL refuses.
 */
const SAMPLES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['int2', '32767', true], ['smallint', '32768', false], ['int', ' -12 ', true], ['int4', '2147483648', false], ['int8', '9223372036854775807', true], ['bigint', '1.5', false],
  ['numeric', '1e3', true], ['decimal', '.5', true], ['real', 'NaN', true], ['float8', '-Infinity', true], ['double precision', 'x', false],
  ['bool', 'yes', true], ['boolean', 'of', true], ['boolean', 'o', false], ['boolean', 'maybe', false],
  ['json', '{"a": [1, 2]}', true], ['jsonb', '{"a":', false],
  ['interval', '30 DAY', true], ['interval', '1 day ago', true], ['interval', '2 yrs', true], ['interval', '1 mil', true], ['interval', '01:02:03', true], ['interval', 'P1D', false], ['interval', '1 day 2 days', false],
  ['date', '2024-1-5', true], ['date', 'today', true], ['date', '2024-02-30', false], ['timestamp', '2024-01-01 10:11:12.250', true], ['timestamp', 'epoch', true],
  ['timestamptz', '2024-01-05 10:00+02', true], ['timestamp with time zone', 'now', true], ['timestamptz', 'soon', false],
  ['time', '24:00', true], ['time', '1:2:3', true], ['time', '1:60', false],
  ['uuid', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', true], ['uuid', 'A0EEBC999C0B4EF8BB6D6BB9BD380A11', true], ['uuid', 'a0eebc99-9c0b', false],
  ['varchar', 'anything', true], ['bpchar', '', true], ['name', 'x', true],
];
const UNDECIDED = new Set(['P1D']);

describe('literal rules', () => {
  it.each(SAMPLES)('%s %j accepted: %s', (type, text, accepted) => {
    expect(literalAccepted(text, type)).toBe(accepted);
  });
  it('a literal constants.ts decides is accepted (one table: the decided spellings are a subset of the accepted ones)', () => {
    for (const [type, text] of SAMPLES) {
      const rule = LITERAL_RULES.find((r) => r.type === type || r.aliases.includes(type))!;
      if (constantOutput(text, rule.type) !== undefined) expect(literalAccepted(text, type), `${type} ${text}`).toBe(true);
    }
  });
});

for (const target of testTargets()) {
  describe(`literals PostgreSQL accepts [${target.name}]`, () => {
    it('every accepted sample is read by the server as its type; every refused one but the undecided is refused', async () => {
      const db = await openDatabase(target.url);
      try {
        const wrong: string[] = [];
        for (const [type, text, accepted] of SAMPLES) {
          const quoted = `'${text.replace(/'/g, "''")}'`;
          let ok = true;
          try {
            await db.query(`SELECT ${quoted}::${type}`);
          } catch {
            ok = false;
          }
          if (ok !== (accepted || UNDECIDED.has(text))) wrong.push(`${quoted}::${type}: server ${ok}, rule ${accepted}`);
        }
        expect(wrong).toEqual([]);
      } finally {
        await db.close();
      }
    }, 60_000);
  });
}
