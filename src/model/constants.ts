/**
 * A constant as PostgreSQL prints it back. A schema file spells a constant the user's way (`INTERVAL '30 DAY'`,
 * `DEFAULT '2024-1-5'` on a date, `'{"b":2}'::jsonb`); PostgreSQL stores the value and prints it with the type's
 * output function (`'30 days'::interval`, `'2024-01-05'::date`, `'{"b": 2}'::jsonb`). Two Models compare the
 * printed form, so a schema applied once plans nothing the second time.
 *
 * Only what is plain to decide without a database is answered: the input forms below, for built-in types whose
 * output does not depend on a session setting Meridian leaves free (no DateStyle-dependent input such as
 * `1/5/2024`; a `timestamptz` prints as in a session with TimeZone UTC, the setting of every session Meridian opens).
 * Anything else is `undefined`: the text stays as written. Checked against PostgreSQL's own output on both databases
 * (test/model-constants.test.ts).
 */

/**
 * The text PostgreSQL prints for a constant `text` of type `type` (a `format_type` spelling), or undefined when
 * it is not decided here. `plain`: the type is known to carry no typmod (an untyped literal an operator reads as the
 * other operand's type): then a bare number is an interval's seconds (with `INTERVAL '2' HOUR` it is hours, and a
 * Model's type spelling does not keep the fields).
 *
 * @example
 * constantOutput('30 DAY', 'interval') // '30 days'
 * constantOutput('yes', 'boolean') // 'true'
 * constantOutput('{"b":2,"a":1}', 'jsonb') // '{"a": 1, "b": 2}'
 * constantOutput('90', 'interval', true) // '00:01:30'
 */
export function constantOutput(text: string, type: string, plain = false): string | undefined {
  if (plain && type === 'interval' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(text)) return intervalOutput(`${text.trim()} seconds`);
  switch (type) {
    case 'boolean': return booleanOutput(text);
    case 'smallint': case 'integer': case 'bigint': return integerOutput(text, type);
    case 'interval': return intervalOutput(text);
    case 'date': return dateOutput(text);
    case 'time without time zone': return timeOutput(text);
    case 'timestamp without time zone': return timestampOutput(text);
    case 'timestamp with time zone': return timestamptzOutput(text);
    case 'uuid': return uuidOutput(text);
    case 'jsonb': return jsonbOutput(text);
    case 'numeric': return numericOutput(text);
    case 'double precision': return floatOutput(text, 15, 15);
    case 'real': return floatOutput(text, 6, 6);
    case 'bytea': return byteaOutput(text);
    case 'inet': case 'cidr': return inetOutput(text, type === 'cidr');
    case 'money': return moneyAmount(text);
    case 'text': case 'character varying': return /\0/.test(text) ? undefined : text;
    default: return type.endsWith('[]') ? arrayOutput(text, type.slice(0, -2)) : precisionOutput(text, type);
  }
}

/**
 * A time or timestamp with a precision (`timestamp(6) with time zone`, Rails' columns): the output without it when
 * the value has at most that many fractional digits (PostgreSQL rounds the others: not decided here).
 */
function precisionOutput(text: string, type: string): string | undefined {
  const m = /^(time|timestamp)\(([0-6])\) (with|without) time zone$/.exec(type);
  if (!m || (m[1] === 'time' && m[3] === 'with')) return undefined;
  const out = constantOutput(text, `${m[1]} ${m[3]} time zone`);
  if (out === undefined) return undefined;
  const digits = /:\d{2}\.(\d+)(?:\+00)?$/.exec(out)?.[1]?.length ?? 0;
  return digits <= Number(m[2]) ? out : undefined;
}

/**
 * money's amount, rounded to cents as cash_in rounds it (half away from zero): `1.999`, `$2.00` and `2` are all
 * `2.00`. money's printed form depends on the server's lc_monetary (`$2.00` in the C locale), which Meridian does not
 * set: both sides compare by this amount instead of a printed text. Decided only for a `.` decimal point, `,` group
 * separators and a `$` sign (the C locale's input); anything else is left as written.
 */
function moneyAmount(text: string): string | undefined {
  const m = /^\s*(-|\()?\s*\$?\s*(-)?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?\s*(\))?\s*$/.exec(text);
  if (!m || !(m[3] || m[4]) || (m[1] === '(') !== (m[5] === ')') || (m[1] === '-' && m[2])) return undefined;
  const cents = BigInt(`${m[3]!.replace(/,/g, '') || '0'}${(m[4] ?? '').padEnd(2, '0').slice(0, 2)}`) + ((m[4] ?? '')[2] !== undefined && m[4]![2]! >= '5' ? 1n : 0n);
  const negative = !!(m[1] || m[2]) && cents !== 0n;
  return `${negative ? '-' : ''}${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/**
 * numeric's output: the value with the literal's scale (`1.50` → `1.50`, `1.20e1` → `12.0`, `1e3` → `1000`).
 * Not decided: infinities (PostgreSQL 14+), underscores and non-decimal forms (16+).
 */
function numericOutput(text: string): string | undefined {
  const t = text.trim();
  if (/^nan$/i.test(t)) return 'NaN';
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,3}))?$/i.exec(t);
  if (!m || !(m[2] || m[3])) return undefined;
  const [int, frac, exp] = [m[2] ?? '', m[3] ?? '', Number(m[4] ?? 0)];
  const scale = Math.max(0, frac.length - exp);
  const digits = `${int}${frac}`;
  const point = int.length + exp; // the decimal point's position in `digits`
  const whole = point <= 0 ? '0' : (digits.slice(0, point) + '0'.repeat(Math.max(0, point - digits.length))).replace(/^0+(?=\d)/, '');
  const fraction = (point < 0 ? '0'.repeat(-point) + digits : digits.slice(Math.max(point, 0))).padEnd(scale, '0').slice(0, scale);
  const out = scale ? `${whole}.${fraction}` : whole;
  return m[1] === '-' && /[1-9]/.test(out) ? `-${out}` : out;
}

/**
 * float8's and float4's output for the spellings that print the same whatever `extra_float_digits` says: at most
 * `digits` significant digits (a decimal that the type holds exactly to that precision), written in fixed notation
 * (a magnitude from 1e-4 below 10^`fixedBelow`). `1.50` → `1.5`, `1e3` → `1000`; NaN and the infinities.
 */
function floatOutput(text: string, digits: number, fixedBelow: number): string | undefined {
  const t = text.trim();
  if (/^nan$/i.test(t)) return 'NaN';
  const inf = /^([+-]?)(inf|infinity)$/i.exec(t);
  if (inf) return `${inf[1] === '-' ? '-' : ''}Infinity`;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d{1,3})?$/i.test(t)) return undefined;
  const v = Number(t);
  if (v === 0) return /^-/.test(t) ? undefined : '0';
  if (!(Math.abs(v) >= 1e-4 && Math.abs(v) < 10 ** fixedBelow)) return undefined;
  const exact = numericOutput(t);
  if (exact === undefined) return undefined;
  const significant = exact.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > digits) return undefined;
  return exact.includes('.') ? exact.replace(/0+$/, '').replace(/\.$/, '') : exact;
}

/** bytea's output (`bytea_output = hex`): `\x` and the bytes in lower-case hex. Escape-format input in ASCII only. */
function byteaOutput(text: string): string | undefined {
  if (/^\\x/i.test(text)) {
    // White space may stand between two digits' pairs, not inside one.
    return /^(\s*[0-9a-f]{2})*\s*$/i.test(text.slice(2)) ? `\\x${text.slice(2).replace(/\s+/g, '').toLowerCase()}` : undefined;
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e || c < 0x20) return undefined;
    if (text[i] !== '\\') {
      out += c.toString(16).padStart(2, '0');
      continue;
    }
    if (text[i + 1] === '\\') (out += '5c'), i++;
    else if (/^[0-3][0-7]{2}$/.test(text.slice(i + 1, i + 4))) (out += parseInt(text.slice(i + 1, i + 4), 8).toString(16).padStart(2, '0')), (i += 3);
    else return undefined;
  }
  return `\\x${out}`;
}

/**
 * inet's and cidr's output for IPv4: `a.b.c.d`, `/n` unless inet's 32; a cidr written with fewer octets and a mask
 * (`10.1/16` → `10.1.0.0/16`), never with host bits. IPv6 and classful cidr spellings (`10`) are not decided.
 */
function inetOutput(text: string, cidr: boolean): string | undefined {
  const m = /^((?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){0,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const octets = m[1]!.split('.').map(Number);
  if (octets.some((o) => o > 255) || (octets.length < 4 && (!cidr || m[2] === undefined))) return undefined;
  const bits = m[2] === undefined ? 32 : Number(m[2]);
  if (bits > 32) return undefined;
  while (octets.length < 4) octets.push(0);
  if (cidr) {
    const value = octets.reduce((a, o) => a * 256 + o, 0);
    if (value % 2 ** (32 - bits) !== 0) return undefined; // host bits set: PostgreSQL refuses it
    return `${octets.join('.')}/${bits}`;
  }
  return bits === 32 ? octets.join('.') : `${octets.join('.')}/${bits}`;
}

/**
 * A one-dimensional array's output (`'{1, 02}'` as integer[] → `{1,2}`): each element as its type prints it, quoted
 * where array_out quotes (empty, NULL, braces, comma, quote, backslash, white space). Nested arrays, explicit
 * bounds and element types not decided here are undefined.
 */
function arrayOutput(text: string, element: string): string | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}') || element.endsWith('[]')) return undefined;
  const items: (string | null)[] = [];
  const body = t.slice(1, -1);
  if (body.trim() !== '') {
    let i = 0;
    for (;;) {
      while (/\s/.test(body[i] ?? '')) i++;
      let item = '';
      if (body[i] === '"') {
        for (i++; body[i] !== '"'; i++) {
          if (i >= body.length) return undefined;
          if (body[i] === '\\') i++;
          item += body[i] ?? '';
        }
        i++;
        items.push(item);
      } else {
        for (; i < body.length && body[i] !== ','; i++) {
          if ('{}"\\'.includes(body[i]!)) return undefined;
          item += body[i];
        }
        item = item.replace(/\s+$/, '');
        if (item === '') return undefined;
        items.push(/^null$/i.test(item) ? null : item);
      }
      while (/\s/.test(body[i] ?? '')) i++;
      if (i >= body.length) break;
      if (body[i] !== ',') return undefined;
      i++;
    }
  }
  const out: string[] = [];
  for (const x of items) {
    if (x === null) {
      out.push('NULL');
      continue;
    }
    // An element prints with its type's output function: a boolean is `t` / `f` there (an expression's constant
    // prints `true` / `false`).
    const v = element === 'boolean' ? booleanOutput(x)?.slice(0, 1) : constantOutput(x, element);
    if (v === undefined) return undefined;
    out.push(v === '' || /^null$/i.test(v) || /[{},"\\\s]/.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : v);
  }
  return `{${out.join(',')}}`;
}

function booleanOutput(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  // PostgreSQL's boolin: any prefix of true/false/yes/no (n, y, t, f unique), on/off (at least 2 letters), 1/0.
  if ('true'.startsWith(t) || 'yes'.startsWith(t) || t === 'on' || t === '1') return 'true';
  if ('false'.startsWith(t) || t === 'no' || t === 'n' || t === 'off' || t === 'of' || t === '0') return 'false';
  return undefined;
}

const INT_BITS: Record<string, bigint> = { smallint: 16n, integer: 32n, bigint: 64n };

function integerOutput(text: string, type: string): string | undefined {
  const m = /^\s*([+-]?)(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const v = BigInt(`${m[1] === '-' ? '-' : ''}${m[2]}`);
  const half = 1n << (INT_BITS[type]! - 1n);
  return v >= -half && v < half ? v.toString() : undefined;
}

function uuidOutput(text: string): string | undefined {
  const m = /^\s*\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?\s*$/i.exec(text);
  if (!m || text.includes('{') !== text.includes('}')) return undefined;
  return m.slice(1).join('-').toLowerCase();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `.5` for half a second; nothing for a whole one (PostgreSQL trims trailing zeros). */
const fraction = (micros: number): string => (micros ? `.${pad(micros, 6).replace(/0+$/, '')}` : '');

/** `HH:MM[:SS[.ffffff]]` → microseconds past midnight (24:00:00 allowed, as PostgreSQL allows it). */
function timeOfDay(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?$/.exec(text);
  if (!m) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const us = m[4] ? Number(m[4].padEnd(6, '0')) : 0;
  if (min > 59 || s > 59 || h > 24 || (h === 24 && (min || s || us))) return undefined;
  return ((h * 60 + min) * 60 + s) * 1e6 + us;
}

/** An interval's `HH:MM[:SS[.f]]` part (hours past 24 allowed) → microseconds. */
function clockOf(text: string): number | undefined {
  const m = /^(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?$/.exec(text);
  if (!m || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  const v = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1e6 + (m[4] ? Number(m[4].padEnd(6, '0')) : 0);
  return Number.isSafeInteger(v) ? v : undefined;
}

function printTime(us: number): string {
  const s = Math.floor(us / 1e6);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${fraction(us % 1e6)}`;
}

function ymd(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(2000, mo, 0)).getUTCDate()) return undefined;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

function dateOutput(text: string): string | undefined {
  return ymd(text.trim());
}

function timeOutput(text: string): string | undefined {
  const us = timeOfDay(text.trim());
  return us === undefined ? undefined : printTime(us);
}

function timestampOutput(text: string): string | undefined {
  const m = /^(\S+?)(?:[ T]+(\S+))?$/.exec(text.trim());
  if (!m) return undefined;
  const day = ymd(m[1]!);
  const us = m[2] === undefined ? 0 : timeOfDay(m[2]);
  if (day === undefined || us === undefined || us >= 864e8) return undefined;
  return `${day} ${printTime(us)}`;
}

/** A UTC offset (`+09`, `-0430`, `+05:30`, `+01:02:03`, `Z`, `UTC`, `GMT`) → seconds east of UTC; PostgreSQL's bound is 15:59:59. */
function offsetSeconds(text: string): number | undefined {
  if (/^(z|utc|gmt)$/i.test(text)) return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const [h, min, s] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 15 || min > 59 || s > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 3600 + min * 60 + s);
}

/**
 * timestamptz's output as Meridian's sessions print it (TimeZone UTC, DateStyle ISO): `2026-06-01 04:00:00+00`.
 * The instant: a constant with a UTC offset is converted; one without is read in UTC, the TimeZone of every session
 * Meridian opens (src/db/: the DDL it runs means what this reads; README, "constants"). `epoch` and the infinities
 * too; `now`, `today`, zone names (`Europe/Paris`) and abbreviations other than `UTC`/`GMT`/`Z` are not decided.
 *
 * @example
 * timestamptzOutput('2026-06-01') // '2026-06-01 00:00:00+00'
 * timestamptzOutput('2026-05-31 20:00-04') // '2026-06-01 00:00:00+00'
 */
function timestamptzOutput(text: string): string | undefined {
  const t = text.trim();
  if (/^(-?infinity)$/i.test(t)) return t.toLowerCase();
  if (/^epoch$/i.test(t)) return '1970-01-01 00:00:00+00';
  const m = /^(\d{4}-\d{1,2}-\d{1,2})(?:(?:[ T]+)(\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d{1,6})?)?)(?:\s*([+-][\d:]+|z|utc|gmt))?)?$/i.exec(t);
  const day = m && ymd(m[1]!);
  if (!m || !day) return undefined;
  const us = m[2] === undefined ? 0 : timeOfDay(m[2]);
  const offset = m[3] === undefined ? 0 : offsetSeconds(m[3]);
  if (us === undefined || offset === undefined) return undefined;
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it reads years 0–99 as 1900–1999
  at.setTime(at.getTime() + Math.floor(us / 1000) - offset * 1000);
  const year = at.getUTCFullYear();
  if (year < 1 || year > 9999) return undefined;
  const clock = (at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds()) * 1e6 + at.getUTCMilliseconds() * 1000 + (us % 1000);
  return `${pad(year, 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${printTime(clock)}+00`;
}

/** Units of an interval's `<number> <unit>` parts: months, days or microseconds per unit. */
const INTERVAL_UNITS: ReadonlyArray<[RegExp, 'months' | 'days' | 'us', number]> = [
  [/^(millenniums?|millennia|mil|mils)$/, 'months', 12000],
  [/^(centuries|century|cent|c)$/, 'months', 1200],
  [/^(decades?|dec|decs)$/, 'months', 120],
  [/^(years?|yrs?|y)$/, 'months', 12],
  [/^(months?|mons?)$/, 'months', 1],
  [/^(weeks?|w)$/, 'days', 7],
  [/^(days?|d)$/, 'days', 1],
  [/^(hours?|hrs?|h)$/, 'us', 3600e6],
  [/^(minutes?|mins?|m)$/, 'us', 60e6],
  [/^(seconds?|secs?|s)$/, 'us', 1e6],
  [/^(milliseconds?|msecs?|ms)$/, 'us', 1e3],
  [/^(microseconds?|usecs?|us)$/, 'us', 1],
];

/**
 * An interval in PostgreSQL's default output style (`IntervalStyle = postgres`): `1 year 2 mons -3 days +04:05:06.5`.
 * Input: optional `@`, `<integer> <unit>` parts (a fraction only on seconds and smaller units), one
 * `[+-]HH:MM[:SS[.f]]` part, optional trailing `ago`.
 */
function intervalOutput(text: string): string | undefined {
  const tokens = text.trim().toLowerCase().replace(/^@\s*/, '').split(/\s+/).filter(Boolean);
  if (!tokens.length) return undefined;
  let ago = false;
  if (tokens[tokens.length - 1] === 'ago') {
    ago = true;
    tokens.pop();
  }
  if (!tokens.length) return undefined;
  const f = { months: 0, days: 0, us: 0 };
  // PostgreSQL refuses a field given twice (`1 day 2 days`), and a clock part beside hours, minutes or seconds:
  // each unit below names its field; the clock takes the time fields.
  const seen = new Set<string>();
  let clock = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const c = /^([+-]?)(.*)$/.exec(tok)!;
    if (c[2]!.includes(':')) {
      const us = clockOf(c[2]!);
      if (us === undefined || clock || seen.has('time')) return undefined;
      clock = true;
      f.us += c[1] === '-' ? -us : us;
      continue;
    }
    // `<number><unit>` written together (`30d`) or apart (`30 days`).
    const m = /^([+-]?\d+(?:\.\d+)?)([a-z]*)$/.exec(tok);
    if (!m) return undefined;
    const unitText = m[2] || tokens[++i];
    if (unitText === undefined) return undefined; // a bare number: seconds, or a typmod's field (not decided here)
    const unit = INTERVAL_UNITS.find(([re]) => re.test(unitText));
    if (!unit) return undefined;
    const [re, field, per] = unit;
    if (clock && field === 'us') return undefined;
    if (seen.has(re.source)) return undefined;
    seen.add(re.source);
    if (field === 'us') seen.add('time');
    if (m[1]!.includes('.') && field !== 'us') return undefined;
    // A fraction that is not a whole number of microseconds (`1.0000005 seconds`) is rounded by PostgreSQL's own
    // arithmetic: not decided here.
    const [whole, frac = ''] = m[1]!.split('.');
    const scaled = BigInt(`${whole}${frac}`) * BigInt(per);
    if (scaled % 10n ** BigInt(frac.length) !== 0n) return undefined;
    const v = Number(scaled / 10n ** BigInt(frac.length));
    if (!Number.isSafeInteger(v)) return undefined;
    f[field] += v;
  }
  if (ago) for (const k of ['months', 'days', 'us'] as const) f[k] = -f[k];
  if (!Number.isSafeInteger(f.us) || Math.abs(f.months) > 2 ** 31 || Math.abs(f.days) > 2 ** 31) return undefined;
  return printInterval(f.months, f.days, f.us);
}

/** PostgreSQL's EncodeInterval in the `postgres` style: each part signed on its own, `+` after a negative one. */
function printInterval(months: number, days: number, us: number): string {
  let out = '';
  let zero = true;
  let before = false;
  const part = (v: number, unit: string) => {
    if (v === 0) return;
    out += `${zero ? '' : ' '}${before && v > 0 ? '+' : ''}${v} ${unit}${v !== 1 ? 's' : ''}`;
    before = v < 0;
    zero = false;
  };
  part(Math.trunc(months / 12), 'year');
  part(months % 12, 'mon');
  part(days, 'day');
  if (zero || us !== 0) {
    const sign = us < 0 ? '-' : before ? '+' : '';
    const a = Math.abs(us);
    const s = Math.floor(a / 1e6);
    out += `${zero ? '' : ' '}${sign}${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${fraction(a % 1e6)}`;
  }
  return out;
}

/**
 * jsonb's output: keys ordered by length, then bytes (the last of duplicates kept), `", "` and `": "` between
 * items. Only documents whose numbers are integers that JavaScript holds exactly (a numeric keeps its spelling:
 * `1.0` stays `1.0`, which JSON.parse would lose).
 */
function jsonbOutput(text: string): string | undefined {
  if (/[.eE]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\b(true|false|null)\b/g, ''))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let ok = true;
  const print = (v: unknown): string => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) ok = false;
      return String(v);
    }
    if (Array.isArray(v)) return `[${v.map(print).join(', ')}]`;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byteOrder(a, b));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${print(x)}`).join(', ')}}`;
  };
  const out = print(value);
  return ok && !/\\u0000|[\ud800-\udfff]/.test(out) ? out : undefined;
}

function byteOrder(a: string, b: string): number {
  const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return x.length - y.length || Buffer.compare(x, y);
}

/** The least significant field of an interval's field mask (typmod bits: MONTH 1, YEAR 2, DAY 3, HOUR 10, MINUTE 11, SECOND 12). */
const INTERVAL_FIELDS: readonly (readonly [number, string])[] = [[12, 'seconds'], [11, 'minutes'], [10, 'hours'], [3, 'days'], [1, 'months'], [2, 'years']];

/**
 * An interval constant written with fields (`INTERVAL '30' DAY`, `'2'::interval hour`; `mask`: the typmod's field
 * bits) as PostgreSQL prints it: a bare number counts in the least significant field (`30 days`, `02:00:00`).
 * Undefined when the value has parts below that field (PostgreSQL drops them: not decided here) or is not read.
 *
 * @example
 * intervalFieldsOutput('30', 1 << 3) // '30 days'
 * intervalFieldsOutput('2', 1 << 10) // '02:00:00'
 */
export function intervalFieldsOutput(text: string, mask: number): string | undefined {
  const least = INTERVAL_FIELDS.find(([bit]) => mask & (1 << bit));
  if (!least) return undefined;
  // A bare number counts in the least field, its fraction dropped when that field is not seconds (AdjustIntervalForTypmod
  // truncates `INTERVAL '1.5' HOUR` to `01:00:00`, `INTERVAL '1.5' YEAR` to `1 year`).
  const bare = /^\s*([+-]?\d+)(\.\d+)?\s*$/.exec(text);
  const out = intervalOutput(bare ? `${least[1] === 'seconds' ? text.trim() : bare[1]} ${least[1]}` : text);
  if (out === undefined) return undefined;
  const clock = /(\d+):(\d+):(\d+(\.\d+)?)$/.exec(out);
  const finer = least[1] === 'years' ? /mon|day|:/.test(out) : least[1] === 'months' ? /day|:/.test(out) : least[1] === 'days' ? !!clock
    : least[1] === 'hours' ? !!clock && (clock[2] !== '00' || clock[3] !== '00') : least[1] === 'minutes' ? !!clock && clock[3] !== '00' : false;
  return finer ? undefined : out;
}
