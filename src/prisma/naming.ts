/**
 * Prisma names for database identifiers, as `prisma db pull` chooses them: names that are not valid
 * Prisma identifiers are sanitised (the original goes to `@map`/`@@map`), reserved model names are
 * prefixed with `Renamed`, and PostgreSQL's default constraint names are recognised so that `map:` is
 * written only for names a user chose.
 *
 * In: identifiers. Out: names. Pure.
 */

/**
 * Names Prisma's validator refuses for models, views and enums (Prisma 7's list: `PrismaClient` and the
 * JavaScript keywords); a table named so becomes `Renamed<name>` with `@@map`, as Prisma's introspection
 * does. test/prisma/naming.test.ts holds this list against the installed validator.
 */
export const RESERVED_MODEL_NAMES: ReadonlySet<string> = new Set(
  'PrismaClient async await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return super switch this throw true try typeof var void while with yield'.split(' '),
);

/** True when `name` is not a valid Prisma identifier (`[a-zA-Z][a-zA-Z0-9_]*`). */
export function needsSanitation(name: string): boolean {
  return /^[^a-zA-Z]/.test(name) || /[^_a-zA-Z0-9]/.test(name);
}

/**
 * Prisma's sanitisation: leading characters that are not letters are dropped, every other character
 * outside `[_a-zA-Z0-9]` becomes `_`.
 *
 * @example
 * sanitize('Transfer Log') // → 'Transfer_Log'
 * sanitize('2fa')          // → 'fa'
 */
export function sanitize(name: string): string {
  if (!needsSanitation(name)) return name;
  return name.replace(/^[^a-zA-Z]+/, '').replace(/[^_a-zA-Z0-9]/g, '_');
}

/**
 * The name Prisma gives an object whose name is taken by an object of another schema (multi-schema
 * introspection): `<schema>_<name>`, sanitised.
 *
 * @example
 * schemaPrefixedName('1first', '2A') // → 'first_2A'
 */
export function schemaPrefixedName(schema: string, name: string): string {
  return sanitize(`${schema}_${name}`) || 'unnamed';
}

/** The Prisma model name of a table or view, and whether it was renamed because the name is reserved. */
export function modelNameFor(name: string): { name: string; reserved: boolean } {
  const n = sanitize(name) || 'unnamed';
  if (RESERVED_MODEL_NAMES.has(n)) return { name: `Renamed${n}`, reserved: true };
  return { name: n, reserved: false };
}

/**
 * The Prisma name of an enum value: `''` becomes EMPTY_ENUM_VALUE, as Prisma writes it; a label with
 * nothing left after sanitisation gives `''` (Prisma comments such a value out).
 */
export function enumValueName(label: string): string {
  return label === '' ? 'EMPTY_ENUM_VALUE' : sanitize(label);
}

/**
 * Prisma's default constraint name for PostgreSQL (63-byte identifiers): `<table>_<columns>_<suffix>`,
 * the table/column part cut so the whole fits.
 *
 * @example
 * defaultConstraintName('Post', ['user_id'], 'fkey') // → 'Post_user_id_fkey'
 */
export function defaultConstraintName(table: string, columns: readonly string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey'): string {
  const base = suffix === 'pkey' ? table : `${table}_${columns.join('_')}`;
  return `${base.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}
