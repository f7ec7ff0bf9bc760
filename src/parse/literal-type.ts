/**
 * Which type PostgreSQL reads an untyped literal as, beside an operand of a known type. The parser leaves
 * `span < '1 hour'` with a literal of type unknown; operator resolution (parse_oper.c, binary_oper_exact) assumes an
 * unknown operand has the other operand's type when an operator of that name takes two of it, so the literal is
 * read as an interval and stored `'01:00:00'::interval`. `x IN ('a', 'b')`, `x BETWEEN '…' AND '…'` and
 * `IS DISTINCT FROM` are comparisons with `=`, `>=`/`<=` and `=`; `x = ANY ('{…}')` reads the literal as an array of
 * x's type. Without such an operator (`d + '1 day'` on a date: no date + date) PostgreSQL picks among candidates:
 * not decided here, the literal stays as written.
 *
 * In:  an operator name and a Model type spelling. Out: the type (a `format_type` spelling without typmod) the
 * literal is read as, or undefined. Never: reads a database; user types (enums, composites) are undefined (their
 * literals print as written anyway).
 */
import type { Model } from '../model/types.js';
import { builtinCatalog } from './catalog/index.js';
import { unknownOperandType } from './expr-type.js';

/**
 * The type an untyped literal is read as beside an operand of type `other`, with operator `op`; `array`: the
 * literal is the array of `x op ANY (…)` / `ALL (…)`. The operator lookup is ./expr-type.ts `unknownOperandType`.
 *
 * @example
 * unknownLiteralType('<', 'interval') // 'interval'
 * unknownLiteralType('=', 'integer', true) // 'integer[]'
 * unknownLiteralType('@>', 'jsonb') // 'jsonb'
 * unknownLiteralType('+', 'date') // undefined (no date + date)
 */
export function unknownLiteralType(op: string, other: string | undefined, array = false): string | undefined {
  if (other === undefined || op === '' || op.includes('.')) return undefined;
  const t = withoutTypmod(other);
  const name = builtinCatalog().typeName(t);
  if (name === undefined || (array && name.startsWith('_')) || unknownOperandType(op, name) === undefined) return undefined;
  return array ? `${t}[]` : t;
}

/** A type spelling without its typmod or interval fields: `timestamp(3) without time zone` → `timestamp without time zone`. */
function withoutTypmod(t: string): string {
  return t.replace(/\s*\(\s*\d+\s*(?:,\s*-?\d+\s*)?\)/g, '').replace(/^interval\s+(year|month|day|hour|minute|second)\b.*?(?=(\[\])*$)/, 'interval');
}

/**
 * A column's type as its values are read: a domain is its base type (PostgreSQL resolves an operator on a domain
 * with its base type), followed through domains over domains. `types` are the Model's types by key.
 *
 * @example
 * valueType('public.short_span', model.types) // 'interval' for `CREATE DOMAIN short_span AS interval`
 */
export function valueType(spelling: string, types: Model['types']): string {
  let t = spelling;
  for (let i = 0; i < 16; i++) {
    const d = types[t];
    if (d?.kind !== 'domain') return t;
    t = d.baseType;
  }
  return t;
}

/**
 * The `columnDomain` of a normalise context over one row of `columns` (see `rowColumnType`): whether a column is of
 * a domain type, which PostgreSQL casts to its base type where an operator or function takes that.
 *
 * @example
 * rowColumnDomain([{ name: 'p', type: 'public.posint' }], model.types)('p') // true for `CREATE DOMAIN posint AS int`
 */
export function rowColumnDomain(columns: readonly { readonly name: string; readonly type: string }[], types: Model['types']): (name: string) => boolean {
  return (name) => {
    const c = columns.find((x) => x.name === name);
    return !!c && types[c.type]?.kind === 'domain';
  };
}

/**
 * The `columnType` of a normalise context over one row of `columns` (a table's; `[{ name: 'value', type }]` for a
 * domain's CHECK): each column's value type.
 *
 * @example
 * rowColumnType([{ name: 'span', type: 'interval' }], model.types)('span') // 'interval'
 */
export function rowColumnType(columns: readonly { readonly name: string; readonly type: string }[], types: Model['types']): (name: string) => string | undefined {
  return (name) => {
    const c = columns.find((x) => x.name === name);
    return c && valueType(c.type, types);
  };
}
