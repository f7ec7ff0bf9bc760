/**
 * Constants the native fold cannot print as PostgreSQL does: those of an extension's type. PostgreSQL stores a
 * constant as its value and prints it with the type's output function (`'(1,2)'::cube` is stored `'(1, 2)'::cube`,
 * hstore's `'a=>1'` is `'"a"=>"1"'`, isn's `'9780393040029'::isbn13` is `'978-0-393-04002-9'`); src/model/constants.ts
 * knows the output of built-in types only, so a file that spells such a constant otherwise would be planned again
 * on every apply. The fold does not guess: it names these constants, and the workflow builds that state on the dev
 * database instead (as for a DO block: src/workflow/native.ts), where the type's own output function prints them.
 *
 * Told of by the normaliser (./normalize-expr.ts `observeConstants`): a cast constant kept as written; a column's
 * (or a domain's) bare constant default, whose type is the column's.
 *
 * In: observed (text, type) pairs, a folded Model. Out: the constants only a database decides. Never: I/O.
 */
import type { SourceLocation } from '../errors.js';
import type { Expr, Model } from '../model/types.js';
import { constantOutput } from '../model/constants.js';
import { builtinCatalog } from './catalog/index.js';
import { valueType } from './literal-type.js';
import { extensionMayDefine } from './ext-catalog.js';

/** A constant whose printed form only its type's output function decides. */
export interface UndecidedConstant {
  readonly text: string;
  /** Its type, as the Model spells it (`cube`, `public.hstore`, `public.isbn13[]`). */
  readonly type: string;
  readonly location: SourceLocation;
}

/**
 * Extension types whose output function prints any accepted input as it is (citext is text compared without case):
 * their constants compare as written.
 */
const OUTPUT_IS_INPUT: ReadonlySet<string> = new Set(['citext']);

/**
 * Whether a constant of `type` is printed by a function the native fold does not know: a type neither built in nor
 * defined by the file, that an extension the file creates may define (one the snapshot lists, or any type when an
 * extension is not in it), arrays of it included.
 *
 * @example
 * byOutputFunction('public.cube', model) // true
 * byOutputFunction('public.mood', model) // false: the file's enum (its labels print as written)
 */
export function byOutputFunction(type: string, model: Pick<Model, 'types' | 'extensions'>): boolean {
  const base = valueType(type.replace(/(\[\])+$/, ''), model.types).replace(/(\[\])+$/, '');
  if (model.types[base]) return false;
  // A typmod (`numeric(10,2)`, `timestamp(3) with time zone`, `public.vector(3)`) does not change the type.
  const plain = base.replace(/\s*\(\s*\d+\s*(?:,\s*-?\d+\s*)?\)/g, '');
  if (builtinCatalog().typeName(plain) !== undefined || /^interval\b/.test(plain)) return false;
  const name = plain.slice(plain.lastIndexOf('.') + 1).replace(/^"|"$/g, '');
  // A type no extension of the file may define does not exist (`'1'::int44`): the native checks report it, located.
  return !OUTPUT_IS_INPUT.has(name) && extensionMayDefine(name, model.extensions);
}

/** The text of an expression that is a bare constant (canonical `{"K": …}`, not NULL), else undefined. */
function bareConstant(e: Expr | undefined): string | undefined {
  if (!e?.canonical.startsWith('{"K":')) return undefined;
  try {
    const v = JSON.parse(e.canonical) as Record<string, unknown>;
    return Object.keys(v).length === 1 && typeof v.K === 'string' && v.K !== 'NULL' ? v.K : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The constants of a folded Model only a database prints: those the normaliser observed (`observed`, with the
 * statement each was in) and the bare constant defaults of columns and domains, each once.
 *
 * @example
 * undecidedConstants(model, [{ text: '(1,2)', type: 'cube', location }]) // [{ text: '(1,2)', type: 'cube', location }]
 */
export function undecidedConstants(model: Model, observed: readonly UndecidedConstant[]): UndecidedConstant[] {
  const out = new Map<string, UndecidedConstant>();
  const add = (c: UndecidedConstant) => {
    if (constantOutput(c.text, c.type) === undefined && byOutputFunction(c.type, model) && !out.has(`${c.type}\0${c.text}`)) out.set(`${c.type}\0${c.text}`, c);
  };
  for (const c of observed) add(c);
  for (const t of Object.values(model.tables)) {
    const location = t.loc ?? { file: '', line: 1, column: 1 };
    for (const col of t.columns) {
      const text = bareConstant(col.default);
      if (text !== undefined) add({ text, type: col.type, location });
    }
  }
  for (const d of Object.values(model.types)) {
    if (d.kind !== 'domain') continue;
    const text = bareConstant(d.default);
    if (text !== undefined) add({ text, type: d.baseType, location: d.loc ?? { file: '', line: 1, column: 1 } });
  }
  return [...out.values()];
}
