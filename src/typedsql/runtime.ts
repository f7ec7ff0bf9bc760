/**
 * The runtime module `meridian sql generate` writes next to the generated functions (as `runtime.ts`).
 * It is kept here as real code so it is type-checked and unit-tested; the generator copies its text.
 * Converters make node-postgres and PGlite return the same values (int8 → bigint, numeric → string,
 * dates → Date, enum arrays → string[]).
 */

/** A JSON value as returned for json/jsonb columns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Anything with node-postgres's `query(text, values)`: a pg Client or Pool, PGlite, a Meridian Database. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}
export function toBigInt(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as string | number);
}
export function toDecimalString(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}
export function toBoolean(v: unknown): boolean {
  return typeof v === 'boolean' ? v : v === 't' || v === 'true';
}
export function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  const p = v as { toPostgres?: () => string };
  return typeof p?.toPostgres === 'function' ? p.toPostgres() : String(v);
}
export function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(v as string);
}

/**
 * Parses a PostgreSQL array literal (`{a,"b c",NULL}`, nested `{{1,2},{3,4}}`) into nested string arrays.
 *
 * @example
 * parseArrayLiteral('{a,"b \\"c\\"",NULL}') // → ['a', 'b "c"', null]
 */
export function parseArrayLiteral(text: string): unknown[] {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0; // skip explicit bounds `[1:2]={…}`
  const parse = (): unknown[] => {
    const out: unknown[] = [];
    i++; // '{'
    while (i < text.length && text[i] !== '}') {
      if (text[i] === '{') out.push(parse());
      else if (text[i] === '"') {
        let s = '';
        i++;
        while (text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i++];
        }
        i++;
        out.push(s);
      } else {
        let j = i;
        while (j < text.length && text[j] !== ',' && text[j] !== '}') j++;
        const raw = text.slice(i, j).trim();
        out.push(raw.toUpperCase() === 'NULL' ? null : raw);
        i = j;
      }
      if (text[i] === ',') i++;
    }
    i++; // '}'
    return out;
  };
  return parse();
}

function arrayOf<T>(convert: (v: unknown) => T): (v: unknown) => unknown[] {
  const walk = (a: unknown[]): unknown[] => a.map((x) => (x === null ? null : Array.isArray(x) ? walk(x) : convert(x)));
  return (v) => walk(Array.isArray(v) ? v : parseArrayLiteral(String(v)));
}
export const toNumberArray = arrayOf(toNumber);
export const toBigIntArray = arrayOf(toBigInt);
export const toDecimalStringArray = arrayOf(toDecimalString);
export const toBooleanArray = arrayOf(toBoolean);
export const toTextArray = arrayOf(toText);
export const toDateArray = arrayOf(toDate);

/** Parameter values both drivers accept: bigint as text. */
export function toParam(v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
/** json/jsonb parameters are sent as JSON text (a JS array would otherwise become a PostgreSQL array). */
export function toJsonParam(v: unknown): unknown {
  return v === null || v === undefined ? null : JSON.stringify(v);
}
