/**
 * What an expression of the Model refers to, read from its canonical form (the normalised parse tree the
 * parser and the inspector both write, src/parse/canonical.ts), never from its text:
 *  - functions it calls (`Fn` nodes: the canonical form keeps the function's name, not its schema), and each
 *    call's shape: how many arguments it passes, the types of those that are casts, named or VARIADIC;
 *  - constants passed to `nextval` / `currval` / `setval` (the canonical form resolves them to the
 *    sequence's key) — the sequences a default takes its values from;
 *  - types it casts to (`Cast` nodes: canonical type names, user types schema-qualified);
 *  - operators it applies (`Op` nodes: the operator's name, e.g. `===`);
 *  - columns it reads (`Col` nodes: the column's name, its last part; `new.a` in a trigger's WHEN reads `a`).
 * The planner turns them into edges of its graph (./edges.ts): a call stands for the overloads of that name
 * (any schema) it can resolve to (./function-refs.ts).
 */

import type { Constraint, Index } from '../model/types.js';

/** One function call of an expression. */
export interface FnCall {
  /** The function's name (unqualified). */
  readonly name: string;
  /** How many arguments it passes. */
  readonly arity: number;
  /** Each argument's type when the canonical form tells it (a cast to that type), else undefined. */
  readonly types: readonly (string | undefined)[];
  /** Some argument is passed by name (`f(b => 1)`). */
  readonly named: boolean;
  /** The last argument is passed as `VARIADIC array`. */
  readonly variadic: boolean;
  /** `agg(*)`. */
  readonly star: boolean;
}

export interface ExprRefs {
  /** Names of the functions called (unqualified). */
  readonly functions: readonly string[];
  /** The calls, one per distinct shape. */
  readonly calls: readonly FnCall[];
  /** Keys of the sequences read through nextval/currval/setval. */
  readonly sequences: readonly string[];
  /** Canonical type names cast to. */
  readonly types: readonly string[];
  /**
   * String constants (`'public.cfg'`, `'english'`): PostgreSQL resolves one that a reg* parameter or cast takes
   * (`to_tsvector('public.cfg', …)`, whose canonical form keeps the string only) to the object it names, and the
   * expression then depends on it.
   */
  readonly literals: readonly string[];
  /** Names of the operators applied (unqualified). */
  readonly operators: readonly string[];
  /** Names of the columns read (a reference's last part: `t.a` and `new.a` read `a`). */
  readonly columns: readonly string[];
  /** Keys of the relations a subquery reads (`EXISTS (SELECT 1 FROM acl …)` in a policy reads `public.acl`). */
  readonly relations: readonly string[];
}

const NONE: ExprRefs = { functions: [], calls: [], sequences: [], types: [], literals: [], operators: [], columns: [], relations: [] };
const memo = new Map<string, ExprRefs>();
const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval']);

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

/**
 * The references of one canonical form (memoised; `NONE` when it is not a parse tree).
 *
 * @example
 * exprRefs('{"Fn":["nextval",[{"K":"public.s"}],"","","","","","",""]}')
 * // { functions: ['nextval'], calls: [{ name: 'nextval', arity: 1, … }], sequences: ['public.s'], types: [], operators: [], columns: [] }
 */
export function exprRefs(canonical: string | undefined): ExprRefs {
  if (!canonical || (canonical[0] !== '{' && canonical[0] !== '[')) return NONE;
  let r = memo.get(canonical);
  if (r) return r;
  let tree: Json;
  try {
    tree = JSON.parse(canonical) as Json;
  } catch {
    return NONE;
  }
  const functions = new Set<string>();
  const calls = new Map<string, FnCall>();
  const sequences = new Set<string>();
  const types = new Set<string>();
  const literals = new Set<string>();
  const operators = new Set<string>();
  const columns = new Set<string>();
  const relations = new Set<string>();
  const walk = (n: Json): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const fn = n.Fn;
    if (Array.isArray(fn) && typeof fn[0] === 'string') {
      functions.add(fn[0]);
      const args = Array.isArray(fn[1]) ? fn[1] : [];
      const call: FnCall = {
        name: fn[0], arity: args.length,
        types: args.map((a) => (a && typeof a === 'object' && !Array.isArray(a) && Array.isArray(a.Cast) && typeof a.Cast[1] === 'string' ? a.Cast[1] : undefined)),
        named: args.some((a) => !!a && typeof a === 'object' && !Array.isArray(a) && 'NamedArgExpr' in a),
        variadic: fn[4] === 'VARIADIC', star: fn[2] === '*',
      };
      calls.set(JSON.stringify(call), call);
      const first = Array.isArray(fn[1]) ? fn[1][0] : undefined;
      if (SEQUENCE_FUNCTIONS.has(fn[0]) && first && typeof first === 'object' && !Array.isArray(first) && typeof first.K === 'string') sequences.add(first.K);
    }
    const cast = n.Cast;
    if (Array.isArray(cast) && typeof cast[1] === 'string') types.add(cast[1]);
    if (typeof n.K === 'string') literals.add(n.K);
    const op = n.Op;
    if (Array.isArray(op) && typeof op[1] === 'string') operators.add(op[1]);
    const col = n.Col;
    if (Array.isArray(col) && typeof col[col.length - 1] === 'string') columns.add(col[col.length - 1] as string);
    const rel = Array.isArray(n.Rel) ? n.Rel[0] : n.Rel;
    if (typeof rel === 'string') relations.add(rel);
    for (const v of Object.values(n)) walk(v);
  };
  walk(tree);
  r = functions.size || sequences.size || types.size || literals.size || operators.size || columns.size || relations.size
    ? { functions: [...functions], calls: [...calls.values()], sequences: [...sequences], types: [...types], literals: [...literals], operators: [...operators], columns: [...columns], relations: [...relations] } : NONE;
  if (memo.size > 100_000) memo.clear();
  memo.set(canonical, r);
  return r;
}

/**
 * The columns of its table a constraint reads: a key's columns and INCLUDE, a CHECK's expression, an exclusion's
 * elements and predicate (from its canonical form, src/parse/normalize.ts `canonicalConstraintText`).
 *
 * @example
 * constraintColumns({ kind: 'check', expr: { canonical: '{"Op":["",">",{"Col":["a"]},{"K":"0"}]}', … }, … }) // ['a']
 */
export function constraintColumns(k: Constraint): readonly string[] {
  switch (k.kind) {
    case 'check': return exprRefs(k.expr.canonical).columns;
    case 'exclusion': {
      if (!k.canonical?.startsWith('{')) return [];
      const tree = JSON.parse(k.canonical) as { excl?: [[unknown, ...unknown[]], string][] };
      const plain = (tree.excl ?? []).flatMap(([elem]) => (typeof elem[0] === 'string' ? [elem[0]] : []));
      return [...plain, ...exprRefs(k.canonical).columns];
    }
    case 'foreign_key': return k.columns;
    default: return [...k.columns, ...k.include];
  }
}

/**
 * The columns of its table an index reads: keys, expressions, INCLUDE, predicate.
 *
 * @example indexColumns(index) // ['a', 'b'] for `CREATE INDEX … (a, lower(b))`
 */
export function indexColumns(i: Index): readonly string[] {
  return [...i.keys.flatMap((k) => (k.column !== undefined ? [k.column] : exprRefs(k.expr?.canonical).columns)), ...i.include, ...exprRefs(i.where?.canonical).columns];
}
