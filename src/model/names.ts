/**
 * Identifier handling: the one quoting function of the project and the Model's map keys.
 */

/** Keywords that must be quoted when used as identifiers (PostgreSQL reserved + type/column-name keywords). */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast char character check coalesce ' +
    'collate collation column concurrently constraint create cross current_catalog current_date current_role current_schema current_time ' +
    'current_timestamp current_user dec decimal default deferrable desc distinct do else end except exists extract false fetch float for foreign ' +
    'freeze from full grant greatest group grouping having ilike in initially inner inout int integer intersect interval into is isnull join json ' +
    'json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize json_table json_value lateral leading ' +
    'least left like limit localtime localtimestamp merge_action national natural nchar none normalize not notnull null nullif numeric offset on only ' +
    'or order out outer overlaps overlay placing position precision primary real references returning right row select session_user setof similar ' +
    'smallint some substring symmetric system_user table tablesample then time timestamp to trailing treat trim true union unique user using values ' +
    'varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot ' +
    'xmlserialize xmltable'
  ).split(' '),
);

/**
 * Quotes an identifier when PostgreSQL needs it (upper case, special characters, reserved words),
 * doubling embedded double quotes. The only quoting function in Meridian.
 *
 * @example
 * quoteIdent('users')    // users
 * quoteIdent('User')     // "User"
 * quoteIdent('order')    // "order"
 * quoteIdent('a"b')      // "a""b"
 */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** Always quotes (Atlas's output style: `"users"`). */
export function quoteIdentAlways(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name`, each part quoted when needed. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * The key of a schema-qualified object in Model maps: `public.users`, `app."Order Items"`.
 * Unambiguous because parts that could contain dots are quoted.
 */
export function qualifiedKey(schema: string, name: string): string {
  return `${keyPart(schema)}.${keyPart(name)}`;
}

function keyPart(s: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}

/**
 * Splits `a.b`, `"A b".c` into its parts. With `fold`, unquoted parts are trimmed and folded to lower
 * case as PostgreSQL reads identifiers (for names written by users, e.g. `'Public.Users'::regclass`).
 *
 * @example
 * splitQualified('Sales."Order Items"', true) // ['sales', 'Order Items']
 */
export function splitQualified(s: string, fold = false): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '"') {
      let j = i + 1;
      let p = '';
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') { p += '"'; j += 2; continue; }
          break;
        }
        p += s[j++];
      }
      parts.push(p);
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && s[j] !== '.') j++;
      const p = s.slice(i, j);
      parts.push(fold ? p.trim().toLowerCase() : p);
      i = j;
    }
    if (s[i] === '.') i++;
  }
  return parts;
}

/** Splits a key made by `qualifiedKey` back into schema and name. */
export function splitKey(key: string): { schema: string; name: string } {
  const parts = splitQualified(key);
  return { schema: parts[0] ?? '', name: parts.slice(1).join('.') };
}

/** Quotes a string literal: `'it''s'`. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
