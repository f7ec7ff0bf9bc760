/**
 * One table of literal rules per built-in type: what PostgreSQL's input function ACCEPTS (the native resolver's
 * question, ../parse/resolve.ts: is `'…'::type` valid without asking a database?) beside what it PRINTS back
 * (./constants.ts `constantOutput`: the output text, for the literals decided there).
 *
 * The two questions differ on purpose:
 *  - accepted: PostgreSQL reads the text as the type, in any spelling and under any session setting (`now`,
 *    `2024-01-05 10:00+02` as a timestamptz, `1e3` as a numeric); true only where that is plain to decide.
 *  - decided (`constantOutput`): the exact text PostgreSQL prints, only for spellings whose output depends on no
 *    setting Meridian leaves free (no DateStyle-dependent `1/5/2024`; a timestamptz as printed in UTC, the TimeZone
 *    of Meridian's sessions: src/db/session.ts). A decided literal is accepted by definition: each
 *    rule below accepts what its `accepts` says OR what constants.ts decides, so the two can never disagree and a type
 *    constants.ts learns to decide is accepted from then on.
 * A type without a rule (or a spelling neither decides) is not refused: it is left to the dev database.
 */
import { constantOutput } from './constants.js';

/** What PostgreSQL's input function of one built-in type accepts, beyond what ./constants.ts decides. */
export interface LiteralRule {
  /** The type as format_type spells it (the name `constantOutput` is asked with). */
  readonly type: string;
  /** Its other names in SQL text and pg_type (`int4`, `int`, `bool`, `timestamptz`). */
  readonly aliases: readonly string[];
  /** Spellings accepted that constants.ts does not decide (undefined: only the decided ones). */
  readonly accepts?: (text: string) => boolean;
}

const re = (r: RegExp) => (text: string) => r.test(text);
const NUMBER = re(/^\s*([+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?|nan|[+-]?infinity)\s*$/i);
const JSON_TEXT = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
/**
 * A date or timestamp: a special word, or ISO 8601 with an optional time and zone, on a real calendar day (as
 * constants.ts reads a date: `2024-02-30` is refused, which JavaScript's Date.parse took before).
 */
const DATE_TIME = (text: string) =>
  /^\s*(now|today|tomorrow|yesterday|epoch|[+-]?infinity|\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(\s*([+-]\d{2}(:?\d{2})?|Z|UTC))?)\s*$/i.test(text) &&
  (!/^\s*\d/.test(text) || constantOutput(text.trim().slice(0, 10), 'date') !== undefined);
/** An interval unit's field (PostgreSQL's DecodeInterval: each one at most once). */
const INTERVAL_UNIT: ReadonlyArray<readonly [RegExp, string]> = [
  [/^microseconds?$/, 'us'], [/^milliseconds?$/, 'ms'], [/^(seconds?|secs?|s)$/, 's'], [/^(minutes?|mins?|m)$/, 'min'], [/^(hours?|h)$/, 'h'],
  [/^(days?|d)$/, 'd'], [/^(weeks?|w)$/, 'w'], [/^(months?|mons?)$/, 'mon'], [/^(years?|y)$/, 'y'], [/^decades?$/, 'dec'], [/^(centuries|century)$/, 'c'], [/^(millennia|millennium)$/, 'mil'],
];
/** `<number> <unit>` parts (or one clock part), each unit at most once: PostgreSQL refuses `1 day 2 days`. */
const INTERVAL = (text: string) => {
  if (!/^\s*@?\s*(([+-]?\d+(\.\d+)?\s*(microseconds?|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|mons?|years?|decades?|centuries|century|millennia|millennium|[smhdwy])\s*)+(ago)?|[+-]?\d+:\d{2}(:\d{2}(\.\d+)?)?)\s*$/i.test(text)) return false;
  const units = (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((u) => u !== 'ago').map((u) => INTERVAL_UNIT.find(([r]) => r.test(u))?.[1] ?? u);
  return new Set(units).size === units.length;
};
const UUID = re(/^\s*\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?\s*$/i);
const ANY = () => true;

/** The rules. Integers, booleans and `time` are accepted exactly as constants.ts decides them (their input has no other plain spelling). */
export const LITERAL_RULES: readonly LiteralRule[] = [
  { type: 'text', aliases: ['citext', 'unknown'], accepts: ANY },
  { type: 'character varying', aliases: ['varchar'], accepts: ANY },
  { type: 'character', aliases: ['char', 'bpchar'], accepts: ANY },
  { type: 'name', aliases: [], accepts: ANY },
  { type: 'smallint', aliases: ['int2'] },
  { type: 'integer', aliases: ['int', 'int4'] },
  { type: 'bigint', aliases: ['int8'] },
  { type: 'numeric', aliases: ['decimal'], accepts: NUMBER },
  { type: 'real', aliases: ['float4'], accepts: NUMBER },
  { type: 'double precision', aliases: ['float8'], accepts: NUMBER },
  { type: 'boolean', aliases: ['bool'] },
  { type: 'json', aliases: [], accepts: JSON_TEXT },
  { type: 'jsonb', aliases: [], accepts: JSON_TEXT },
  { type: 'interval', aliases: [], accepts: INTERVAL },
  { type: 'date', aliases: [], accepts: DATE_TIME },
  { type: 'timestamp without time zone', aliases: ['timestamp'], accepts: DATE_TIME },
  { type: 'timestamp with time zone', aliases: ['timestamptz'], accepts: DATE_TIME },
  { type: 'time without time zone', aliases: ['time'] },
  { type: 'uuid', aliases: [], accepts: UUID },
];

const BY_NAME = new Map(LITERAL_RULES.flatMap((r) => [r.type, ...r.aliases].map((n) => [n, r] as const)));

/**
 * The rule for a type name (a format_type spelling or an alias, without typmod or array brackets), if any.
 *
 * @example literalRule('int4')?.type // 'integer'
 */
export function literalRule(type: string): LiteralRule | undefined {
  return BY_NAME.get(type);
}

/**
 * Whether PostgreSQL accepts `text` as a literal of the built-in `type` (format_type spelling or alias, no typmod):
 * true when a rule accepts it or constants.ts decides its output; false when not plain to decide (the dev database
 * reads it) or no rule has the type.
 *
 * @example
 * literalAccepted('yes', 'bool')                          // true (decided: prints 'true')
 * literalAccepted('2024-01-05 10:00+02', 'timestamptz')   // true (decided: prints '2024-01-05 08:00:00+00')
 * literalAccepted('2147483648', 'int4')                   // false (out of range)
 */
export function literalAccepted(text: string, type: string): boolean {
  const rule = BY_NAME.get(type);
  if (!rule) return false;
  return (rule.accepts?.(text) ?? false) || constantOutput(text, rule.type) !== undefined;
}
