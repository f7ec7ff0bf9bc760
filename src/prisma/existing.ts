/**
 * Reads an existing schema.prisma for re-introspection: its datasource/generator blocks, and for every
 * model, view and enum the names the user chose (`@@map`, `@map`), the schema (`@@schema`), relation
 * fields (name, relation name, `fields:`), custom attributes, documentation comments and block order.
 *
 * A line reader for schemas as Prisma formats them (one field per line); what it cannot read it skips.
 * In: schema text. Out: PslSchema. Pure.
 */

/** One attribute of a field or block, e.g. `@default(cuid())` → { name: 'default', args: 'cuid()' }. */
export interface PslAttribute {
  readonly name: string;
  /** The text inside the parentheses, or undefined without parentheses. */
  readonly args?: string;
  /** The attribute as written, e.g. `@default(cuid())`. */
  readonly text: string;
}

export interface PslField {
  readonly name: string;
  /** The base type without `?`/`[]`, e.g. `Int`, `User`, `Unsupported("tsvector")`. */
  readonly type: string;
  readonly arity: 'required' | 'optional' | 'list';
  readonly attrs: readonly PslAttribute[];
  /** The column this field maps to (`@map`, else its name). */
  readonly dbName: string;
  /** Whether the field carries `@map`. */
  readonly mapped: boolean;
  /** `///` lines above the field, without the slashes. */
  readonly docs: readonly string[];
  /** For relation fields: the relation name and `fields:`/`references:` lists (empty for back fields). */
  readonly relation?: { readonly name?: string; readonly fields: readonly string[]; readonly references: readonly string[] };
}

export interface PslEnumValue {
  readonly name: string;
  readonly dbName: string;
  readonly mapped: boolean;
}

export interface PslBlock {
  readonly kind: 'model' | 'view' | 'enum';
  readonly name: string;
  /** The table/view/type this block maps to (`@@map`, else its name). */
  readonly dbName: string;
  readonly mapped: boolean;
  /** `@@schema`, if given. */
  readonly schema?: string;
  readonly docs: readonly string[];
  readonly fields: readonly PslField[];
  readonly values: readonly PslEnumValue[];
  readonly attrs: readonly PslAttribute[];
}

export interface PslSchema {
  readonly datasource?: string;
  readonly generators: readonly string[];
  readonly blocks: readonly PslBlock[];
  /** The datasource's `schemas = [...]`, if any. */
  readonly schemas?: readonly string[];
}

/**
 * The index of the first character of `text`, from `start` on, at which `stop` holds outside double-quoted strings
 * (with their backslash escapes) and nested brackets (`()`, or `()[]`); a closing bracket at the top level is offered
 * to `stop` before it is counted. `text.length` when there is none. The one scanner of the Prisma schema's text.
 *
 * @example
 * const type = 'Decimal(10, 2) @db.Money';
 * topLevelIndex(type, 0, (i) => type[i] === ' ') // 14: the space after the parentheses, not the one inside
 */
export function topLevelIndex(text: string, start: number, stop: (i: number) => boolean, brackets: '()' | '()[]' = '()'): number {
  let depth = 0;
  let quote = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === '"') quote = false;
    } else if (ch === '"') quote = true;
    else if (ch === '(' || (ch === '[' && brackets === '()[]')) depth++;
    else if (ch === ')' || (ch === ']' && brackets === '()[]')) {
      if (depth === 0 && stop(i)) return i;
      depth--;
    } else if (depth === 0 && stop(i)) return i;
  }
  return text.length;
}

/** Splits `text` at top-level occurrences of `sep` (outside quotes, parentheses and brackets). */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = topLevelIndex(text, 0, (k) => text.startsWith(sep, k), '()[]'); i < text.length; i = topLevelIndex(text, start, (k) => text.startsWith(sep, k), '()[]')) {
    out.push(text.slice(start, i));
    start = i + sep.length;
  }
  out.push(text.slice(start));
  return out;
}

/** Attributes in `text` (`@id @default(autoincrement()) @map("x")`), in order. */
export function parseAttributes(text: string): PslAttribute[] {
  const out: PslAttribute[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    const m = /^@{1,2}([\w.]+)/.exec(text.slice(at));
    if (!m) break;
    let end = at + m[0].length;
    let args: string | undefined;
    if (text[end] === '(') {
      const j = topLevelIndex(text, end + 1, (k) => text[k] === ')');
      args = text.slice(end + 1, j);
      end = j + 1;
    }
    out.push({ name: m[1]!, args, text: text.slice(at, end) });
    i = end;
  }
  return out;
}

/** The string value of a quoted argument (`"x"`) or undefined. */
function unquote(s: string | undefined): string | undefined {
  const t = s?.trim();
  if (!t || !t.startsWith('"')) return undefined;
  try {
    return JSON.parse(t) as string;
  } catch {
    return t.slice(1, -1);
  }
}

/** The named argument `key:` of an argument list, or the first unnamed one when key is undefined. */
export function argument(args: string | undefined, key?: string): string | undefined {
  if (args === undefined) return undefined;
  for (const part of splitTopLevel(args, ',')) {
    const m = /^\s*(\w+)\s*:\s*([\s\S]*)$/.exec(part);
    if (key ? m?.[1] === key : !m) return (m && key ? m[2]! : part).trim();
  }
  return undefined;
}

/** `[a, b]` or `a` → ['a', 'b']. */
function nameList(v: string | undefined): string[] {
  if (!v) return [];
  const t = v.trim().replace(/^\[/, '').replace(/\]$/, '');
  return splitTopLevel(t, ',').map((s) => s.trim().replace(/\(.*$/, '')).filter(Boolean);
}

function parseField(line: string, docs: string[]): PslField | undefined {
  const m = /^(\w+)\s+(Unsupported\("(?:[^"\\]|\\.)*"\)|[\w.]+)(\[\]|\?)?\s*(.*)$/.exec(line);
  if (!m) return undefined;
  const attrs = parseAttributes(m[4] ?? '');
  const map = unquote(argument(attrs.find((a) => a.name === 'map')?.args));
  const rel = attrs.find((a) => a.name === 'relation');
  const relName = rel ? unquote(argument(rel.args, 'name') ?? argument(rel.args)) : undefined;
  return {
    name: m[1]!,
    type: m[2]!,
    arity: m[3] === '[]' ? 'list' : m[3] === '?' ? 'optional' : 'required',
    attrs,
    dbName: map ?? m[1]!,
    mapped: map !== undefined,
    docs,
    ...(rel ? { relation: { ...(relName !== undefined ? { name: relName } : {}), fields: nameList(argument(rel.args, 'fields')), references: nameList(argument(rel.args, 'references')) } } : {}),
  };
}

/**
 * Reads the parts of an existing schema.prisma that re-introspection keeps.
 *
 * @example
 * readPrismaSchema('model Foo {\n  id Int @id\n\n  @@map("foo")\n}\n').blocks[0]
 * // → { kind: 'model', name: 'Foo', dbName: 'foo', mapped: true, fields: [{ name: 'id', … }], … }
 */
export function readPrismaSchema(text: string): PslSchema {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const blocks: PslBlock[] = [];
  let datasource: string | undefined;
  const generators: string[] = [];
  let docs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const doc = /^\/\/\/\s?(.*)$/.exec(line);
    if (doc) {
      docs.push(doc[1]!);
      continue;
    }
    const open = /^(model|view|enum|datasource|generator|type)\s+(\w+)\s*\{\s*$/.exec(line);
    if (!open) {
      if (line !== '' || docs.length) docs = line === '' ? docs : [];
      continue;
    }
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== '}') end++;
    const body = lines.slice(i + 1, end);
    const raw = lines.slice(i, end + 1).join('\n');
    const blockDocs = docs;
    docs = [];
    i = end;
    if (open[1] === 'datasource') datasource ??= raw;
    if (open[1] === 'generator') generators.push(raw);
    if (open[1] !== 'model' && open[1] !== 'view' && open[1] !== 'enum') continue;
    const fields: PslField[] = [];
    const values: PslEnumValue[] = [];
    const attrs: PslAttribute[] = [];
    let fieldDocs: string[] = [];
    for (const b of body) {
      const l = b.trim().replace(/\s+\/\/(?!\/).*$/, '');
      const d = /^\/\/\/\s?(.*)$/.exec(l);
      if (d) {
        fieldDocs.push(d[1]!);
        continue;
      }
      if (l === '' || l.startsWith('//')) {
        if (l.startsWith('//')) fieldDocs = [];
        continue;
      }
      if (l.startsWith('@@')) {
        attrs.push(...parseAttributes(l));
        fieldDocs = [];
        continue;
      }
      if (open[1] === 'enum') {
        const v = /^(\w+)\s*(.*)$/.exec(l);
        if (v) {
          const map = unquote(argument(parseAttributes(v[2] ?? '').find((a) => a.name === 'map')?.args));
          values.push({ name: v[1]!, dbName: map ?? v[1]!, mapped: map !== undefined });
        }
      } else {
        const f = parseField(l, fieldDocs);
        if (f) fields.push(f);
      }
      fieldDocs = [];
    }
    const mapAttr = attrs.find((a) => a.name === 'map');
    const map = unquote(argument(mapAttr?.args, 'name') ?? argument(mapAttr?.args));
    const schema = unquote(argument(attrs.find((a) => a.name === 'schema')?.args));
    blocks.push({ kind: open[1], name: open[2]!, dbName: map ?? open[2]!, mapped: map !== undefined, ...(schema ? { schema } : {}), docs: blockDocs, fields, values, attrs });
  }
  const schemasLine = datasource ? /^\s*schemas\s*=\s*\[([^\]]*)\]/m.exec(datasource) : null;
  const schemas = schemasLine ? splitTopLevel(schemasLine[1]!, ',').map((s) => unquote(s)).filter((s): s is string => !!s) : undefined;
  return { ...(datasource ? { datasource } : {}), generators, blocks, ...(schemas ? { schemas } : {}) };
}
