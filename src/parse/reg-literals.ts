/**
 * Constants of the object identifier types (`'name'::regtype`, `'now()'::regprocedure`, `'pg_catalog'::regnamespace`):
 * their input function looks the name up in the catalog, so a constant is valid exactly when the object exists (and, for
 * regproc and regoper, when the name is not overloaded). Decided natively when the object is one of PostgreSQL's own
 * (the built-in catalog snapshot) or one the file defines; otherwise undecided, and the dev database reads it (a role,
 * an object of an extension…), which also reports `'no_such'::regtype` as PostgreSQL does, located.
 *
 * In: the type (typname), the constant's text, what the file defines. Out: true (exists), false (not known natively),
 * undefined (not an object identifier type this module decides). Never: I/O. regclass and the text search types are
 * decided by ./resolve.ts (they name the Model's relations and text search objects).
 */
import { splitQualified } from '../model/names.js';
import { BUILTIN_COLLATIONS } from './catalog/builtins.js';
import { builtinCatalog, type BuiltinCatalog, type FunctionSignature } from './catalog/index.js';

/** What the file defines, as the resolver knows it (names bare and `schema.name`). */
export interface RegContext {
  readonly cat: BuiltinCatalog;
  readonly userType: (name: string) => boolean;
  readonly userCollation: (name: string) => boolean;
  readonly schema: (name: string) => boolean;
}

/** The schemas every database has before any file runs. */
const BUILTIN_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'information_schema', 'pg_toast', 'public']);

/**
 * Whether PostgreSQL's input function of the object identifier type `type` accepts `text`, where that is decidable
 * natively (see the module comment).
 *
 * @example
 * regLiteralFits('regtype', 'name', ctx)            // true
 * regLiteralFits('regprocedure', 'textin(cstring)', ctx) // true
 * regLiteralFits('regproc', 'abs', ctx)             // false: overloaded (PostgreSQL: "more than one function named")
 * regLiteralFits('int4', '1', ctx)                  // undefined
 */
export function regLiteralFits(type: string, text: string, ctx: RegContext): boolean | undefined {
  const { cat } = ctx;
  switch (type) {
    case 'regtype': {
      const parts = splitQualified(text.trim(), true);
      return cat.typeName(text.includes('"') ? text : text.toLowerCase()) !== undefined || ctx.userType(parts.join('.'));
    }
    case 'regnamespace': {
      const parts = splitQualified(text.trim(), true);
      return parts.length === 1 && (BUILTIN_SCHEMAS.has(parts[0]!) || ctx.schema(parts[0]!));
    }
    case 'regcollation': {
      const parts = splitQualified(text.trim(), true);
      return (builtinName(parts) && BUILTIN_COLLATIONS.has(parts.at(-1)!)) || ctx.userCollation(parts.join('.'));
    }
    case 'regproc': {
      const parts = splitQualified(text.trim(), true);
      return builtinName(parts) && allFunctions(cat, parts.at(-1)!).length === 1;
    }
    case 'regprocedure': {
      const m = /^\s*(.+?)\s*\((.*)\)\s*$/s.exec(text);
      if (!m) return false;
      const parts = splitQualified(m[1]!, true);
      const args = typeList(cat, m[2]!);
      return builtinName(parts) && args !== undefined && allFunctions(cat, parts.at(-1)!).some((sig) => sameList(sig.args, args));
    }
    case 'regoper': {
      const parts = splitQualified(text.trim());
      return builtinName(parts) && cat.operators(parts.at(-1)!).length === 1;
    }
    case 'regoperator': {
      const m = /^\s*(.+?)\s*\((.*)\)\s*$/s.exec(text);
      if (!m) return false;
      const parts = splitQualified(m[1]!);
      const operands = m[2]!.split(',').map((s) => s.trim());
      if (operands.length !== 2 || !builtinName(parts)) return false;
      const [l, r] = operands.map((s) => (/^none$/i.test(s) ? '' : cat.typeName(s.toLowerCase())));
      return l !== undefined && r !== undefined && r !== '' && cat.operators(parts.at(-1)!).some(([ol, or]) => ol === l && or === r);
    }
    default:
      return undefined;
  }
}

/** A name PostgreSQL's own objects may have: bare or qualified by pg_catalog. */
function builtinName(parts: readonly string[]): boolean {
  return parts.length === 1 || (parts.length === 2 && parts[0] === 'pg_catalog');
}

/** Every built-in signature of `name`, those taking `internal` or `cstring` included (`textin(cstring)`). */
function allFunctions(cat: BuiltinCatalog, name: string): readonly FunctionSignature[] {
  return [...cat.functions(name), ...cat.internalFunctions(name)];
}

/** The typnames of a comma-separated list of built-in type spellings (commas inside a typmod kept); undefined if one is not built in. */
function typeList(cat: BuiltinCatalog, list: string): string[] | undefined {
  if (!list.trim()) return [];
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of `${list},`) {
    if (ch === ',' && depth === 0) {
      const t = cat.typeName(cur.trim().toLowerCase());
      if (t === undefined) return undefined;
      out.push(t);
      cur = '';
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    cur += ch;
  }
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * How PostgreSQL prints a constant of an object identifier type that names one of its own objects (its output
 * function: the object's name, unqualified as pg_catalog is always searched; a type in format_type's spelling), or
 * undefined when it names another object (then it is kept as written) or is not of such a type.
 *
 * @example
 * regConstantOutput('pg_catalog.pg_class', 'regclass') // 'pg_class'
 * regConstantOutput('int4[]', 'regtype')               // 'integer[]'
 * regConstantOutput('pg_catalog.textin(cstring)', 'regprocedure') // 'textin(cstring)'
 * regConstantOutput('app.t', 'regclass')               // undefined
 */
export function regConstantOutput(text: string, type: string, cat: BuiltinCatalog = builtinCatalog()): string | undefined {
  switch (type) {
    case 'regclass': {
      const parts = splitQualified(text.trim(), true);
      return builtinName(parts) && cat.relation(parts.at(-1)!) ? parts.at(-1) : undefined;
    }
    case 'regtype': {
      if (text.includes('"')) return undefined;
      const t = cat.typeName(text.trim().toLowerCase());
      return t === undefined ? undefined : cat.spelling(t);
    }
    case 'regproc': {
      const parts = splitQualified(text.trim(), true);
      return builtinName(parts) && /^[a-z_][a-z0-9_]*$/.test(parts.at(-1)!) && allFunctions(cat, parts.at(-1)!).length === 1 ? parts.at(-1) : undefined;
    }
    case 'regprocedure': {
      const m = /^\s*(.+?)\s*\((.*)\)\s*$/s.exec(text);
      const parts = m ? splitQualified(m[1]!, true) : [];
      const args = m ? typeList(cat, m[2]!) : undefined;
      if (!m || !builtinName(parts) || !/^[a-z_][a-z0-9_]*$/.test(parts.at(-1)!) || args === undefined) return undefined;
      return allFunctions(cat, parts.at(-1)!).some((sig) => sameList(sig.args, args)) ? `${parts.at(-1)}(${args.map((a) => cat.spelling(a)).join(',')})` : undefined;
    }
    case 'regnamespace': {
      const parts = splitQualified(text.trim(), true);
      return parts.length === 1 && BUILTIN_SCHEMAS.has(parts[0]!) ? parts[0] : undefined;
    }
    default:
      return undefined;
  }
}
