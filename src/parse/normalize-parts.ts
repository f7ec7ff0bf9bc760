/**
 * Pure helpers of the normaliser (./normalize.ts): the canonical shape and scope item types, column facts by scope,
 * constants' values, AND/OR flattening, DefElem values, a query's output names, setting names. In: parse nodes or
 * canonical forms. Out: strings and canonical forms. Never: I/O.
 */
import type { Node, Payload } from './ast.js';
import { figureColname, sv } from './colname.js';

/**
 * What a node normalises to: a comparison-only shape (`{ K: '1' }`, `{ Op: […] }`, `{ Col: […] }`, `{ Select: … }`)
 * or a tree's own shape without locations. Only compared (as JSON), never read back as a parse tree.
 */
export interface Canon {
  readonly K?: string;
  readonly Arr?: readonly Canon[];
  readonly Bool?: readonly unknown[];
  readonly [shape: string]: unknown;
}

/** A FROM item in scope: its reference name and, when known, its columns (shared with ./normalize-statements.ts). */
export interface ScopeItem {
  refname: string;
  /** The name PostgreSQL prints for it when it differs from `refname` (./ref-names.ts: `t_1` in a subquery under `t`). */
  name?: string;
  columns?: readonly string[];
  /** The columns' types, position by position, when known (a domain as its base type). */
  types?: readonly (string | undefined)[];
  /** Which columns are of a domain type, position by position, when known. */
  domains?: readonly boolean[];
  /** It has system columns (`tableoid`, `ctid`…), resolved when no column of its scope has the name. */
  system?: boolean;
  /** Columns a bare name does not resolve to: a join's USING column on the side it is not read through (./join-columns.ts). */
  hidden?: ReadonlySet<string>;
  /** Its columns are those of several PostgreSQL majors (./catalog-relations.ts): `*` over it is not expanded. */
  partial?: boolean;
}

/** What `of` tells of the column a reference resolves to (`row`: of a bare name over one row, with no scopes). */
export function columnFact<T>(fields: Node[], scopes: ScopeItem[][], of: (item: ScopeItem, i: number) => T | undefined, row: (col: string) => T | undefined): T | undefined {
  if (!fields.every((f) => f.String)) return undefined;
  const parts = fields.map(sv);
  const col = parts[parts.length - 1]!;
  if (scopes.length === 0) return parts.length === 1 ? row(col) : undefined;
  for (let depth = scopes.length - 1; depth >= 0; depth--) {
    const scope = scopes[depth]!;
    const hits = parts.length >= 2 ? scope.filter((s) => s.refname === parts[parts.length - 2]) : scope.filter((s) => s.columns?.includes(col) && !s.hidden?.has(col));
    if (hits.length > 1) return undefined;
    if (hits.length === 1) {
      const item = hits[0]!;
      const i = item.columns?.indexOf(col) ?? -1;
      return i < 0 ? undefined : of(item, i);
    }
  }
  return undefined;
}

/**
 * The value of a number, string or boolean A_Const as text (`1`, `1.5`, `abc`, `true`); undefined for NULL and a
 * bit string. The one reader of a constant's value (./kinds/nodes.ts, ./kinds/partition-bound.ts use it too).
 *
 * @example
 * scalarConst({ ival: { ival: 3 } }) // '3'
 */
export function scalarConst(c: Payload<'A_Const'>): string | undefined {
  if (c.ival !== undefined) return String(c.ival.ival ?? 0);
  if (c.fval !== undefined) return String(c.fval.fval);
  if (c.sval !== undefined) return c.sval.sval ?? '';
  if (c.boolval !== undefined) return c.boolval.boolval ? 'true' : 'false';
  return undefined;
}

/** The value of an A_Const as a string (numbers, strings and booleans compare by value; bit strings by their bits). */
export function constValue(c: Payload<'A_Const'>): string {
  if (c.isnull) return 'NULL';
  return scalarConst(c) ?? (c.bsval !== undefined ? bitStringValue(c.bsval.bsval ?? '') : '');
}

/**
 * A bit-string constant's bits, as bit_in stores them and PostgreSQL prints them back (`'00011111'::"bit"`): the
 * parser gives `b0101` for `B'0101'` and `x1F` for `X'1F'` (four bits a hex digit).
 *
 * @example
 * bitStringValue('x1F') // '00011111'
 */
export function bitStringValue(bs: string): string {
  const digits = bs.slice(1);
  if (bs[0] !== 'x' && bs[0] !== 'X') return digits;
  return /^[0-9a-fA-F]*$/.test(digits) ? [...digits].map((d) => parseInt(d, 16).toString(2).padStart(4, '0')).join('') : bs;
}

/** Terms joined by AND / OR as the BoolExpr case builds them: nested terms of the same operator flattened, one term alone. */
export function joined(boolop: 'AND_EXPR' | 'OR_EXPR', terms: readonly Canon[]): Canon {
  const args = terms.flatMap((t) => (t.Bool && t.Bool[0] === boolop ? t.Bool.slice(1) : [t]));
  return args.length === 1 ? (args[0] as Canon) : { Bool: [boolop, ...args] };
}

export const isConst = (n: Canon | undefined): boolean => !!n && (n.K !== undefined || (n.Arr !== undefined && n.Arr.every(isConst)));

/** A DefElem argument as a plain string (`fillfactor=70` and `fillfactor='70'` are the same). */
export function optValue(a: Node): string {
  if (a.String) return a.String.sval ?? '';
  if (a.Integer) return String(a.Integer.ival ?? 0);
  if (a.Float) return String(a.Float.fval);
  if (a.Boolean) return a.Boolean.boolval ? 'true' : 'false';
  if (a.A_Const) return constValue(a.A_Const);
  return '';
}

/** The output names of a normalised query once its `*` are expanded (a set operation's: its first branch's); undefined while a `*` is left. */
export function targetNames(c: Canon | undefined): string[] | undefined {
  if (c?.SetOp) return targetNames((c.SetOp as Canon[])[2]);
  const targets = (c?.Select as { targets?: { T: [string, Canon] }[] } | undefined)?.targets;
  if (!targets || targets.some((t) => JSON.stringify(t.T[1]) === '{"Col":["*"]}' || (t.T[1]?.Col as unknown[] | undefined)?.at(-1) === '*')) return undefined;
  return targets.map((t) => t.T[0]);
}

export const mergeAlias = (cols: readonly string[] | undefined, alias: readonly string[]): string[] =>
  cols ? cols.map((c, i) => alias[i] ?? c) : [...alias];

/** Output column names of a SELECT (without expanding `*`). */
export function outputNames(s: Payload<'SelectStmt'>): string[] | undefined {
  if (s.op && s.op !== 'SETOP_NONE') return s.larg ? outputNames((s.larg as Node).SelectStmt ?? s.larg) : undefined;
  const out: string[] = [];
  for (const t of s.targetList ?? []) {
    const f = t.ResTarget!.val?.ColumnRef?.fields;
    if (f && sv(f[f.length - 1]) === '*') return undefined;
    out.push(t.ResTarget!.name ?? figureColname(t.ResTarget!.val));
  }
  return out;
}

/** The settings whose names PostgreSQL spells in mixed case (guc_tables.c); the others are lower case. */
const GUC_NAMES: Readonly<Record<string, string>> = { datestyle: 'DateStyle', intervalstyle: 'IntervalStyle', timezone: 'TimeZone' };

/**
 * A setting's name as PostgreSQL stores it in a function's `proconfig` (GUCArrayAdd normalises it to the setting's
 * own spelling): `SET timezone = 'UTC'` is kept, and printed by pg_get_functiondef, as `SET "TimeZone" TO 'UTC'`.
 *
 * @example
 * gucName('timezone') // 'TimeZone'
 * gucName('search_path') // 'search_path'
 */
export function gucName(name: string): string {
  const lower = name.toLowerCase();
  return Object.hasOwn(GUC_NAMES, lower) ? GUC_NAMES[lower]! : name;
}
