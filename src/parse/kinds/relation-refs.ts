/**
 * References to a relation inside a kept parse tree (a view's query, a rule, a policy's expression), as PostgreSQL
 * holds them by OID: what reads a relation, and the tree read again after the relation is renamed or moved.
 * Pure: trees in, trees out (./view.ts `followRelation` and ./rule.ts `retargetRules` apply them to the Model).
 */
import { walk, type Node } from '../ast.js';
import { sv } from './nodes.js';

export type RangeVarPayload = NonNullable<Node['RangeVar']>;

/** A relation's old and new place, for what reads it (views, rules) to follow. */
export interface RelationMove {
  readonly schema: string;
  readonly name: string;
  readonly toSchema: string;
  readonly toName: string;
  /** The relation's columns (a bare reference of its name that is not one of them is a whole-row reference; not checked without). */
  readonly columns?: readonly string[];
  /** The relation is in scope without naming it (a policy's expression on it): its name qualifies references. */
  readonly implicit?: boolean;
}

/**
 * `tree` (a parse tree whose relations are schema-qualified: a view's query, a rule) with relation `schema.name`
 * renamed or moved, as PostgreSQL prints an object that holds it by OID: its RangeVars name the new place, and the
 * references qualified by its old name (`t.a`, `public.t.a`) read the new one. When another FROM item anywhere in
 * the tree is referred by the old or the new name (an alias, a CTE, a like-named relation), PostgreSQL would pick
 * new reference names: refused through `refuse` (E_NATIVE: the dev database replays it). A new tree.
 *
 * @example
 * renameRelationInTree(q, { schema: 'public', name: 't', toSchema: 'public', toName: 'u', columns: ['a'] }, refuse)
 * // SELECT t.a FROM public.t  →  SELECT u.a FROM public.u
 */
export function renameRelationInTree(tree: Node, m: RelationMove, refuse: (why: string) => never): Node {
  const renamed = m.name !== m.toName;
  let hits = m.implicit ? 1 : 0;
  let bare = hits;
  const others = new Set<string>();
  // A RangeVar's payload: wrapped in a FROM list, bare as a statement's relation (a rule's INSERT INTO, UPDATE).
  const rangeVar = (x: object): RangeVarPayload | undefined => (typeof (x as RangeVarPayload).relname === 'string' ? x as RangeVarPayload : undefined);
  walk(tree, (x) => {
    const rv = rangeVar(x);
    if (rv) {
      if (rv.schemaname === m.schema && rv.relname === m.name) {
        hits++;
        if (!rv.alias) bare++;
        else others.add(rv.alias.aliasname!);
      } else others.add(rv.alias?.aliasname ?? rv.relname!);
    }
    for (const k of ['RangeSubselect', 'RangeFunction', 'JoinExpr', 'RangeTableFunc'] as const) {
      const a = (x as Record<string, { alias?: { aliasname?: string } } | undefined>)[k]?.alias?.aliasname;
      if (a) others.add(a);
    }
    if (x.CommonTableExpr?.ctename) others.add(x.CommonTableExpr.ctename);
  });
  if (!hits) return tree;
  if (renamed && bare && (others.has(m.name) || others.has(m.toName))) refuse(`another item of its FROM lists is named ${others.has(m.name) ? m.name : m.toName}`);
  return mapNodes(tree, (x) => {
    const rv = rangeVar(x);
    if (rv && rv.schemaname === m.schema && rv.relname === m.name) return { ...rv, schemaname: m.toSchema, relname: m.toName } as Node;
    const f: Node[] | undefined = x.ColumnRef?.fields;
    if (!f) return x;
    const star = !!f[f.length - 1]?.A_Star;
    const qual = f.slice(0, -1).map(sv);
    if (qual.length >= 2 && qual[qual.length - 2] === m.schema && qual[qual.length - 1] === m.name) {
      return { ColumnRef: { ...x.ColumnRef, fields: [...f.slice(0, qual.length - 2), { String: { sval: m.toSchema } }, { String: { sval: m.toName } }, f[f.length - 1]] } };
    }
    if (renamed && bare && qual.length === 1 && qual[0] === m.name) return { ColumnRef: { ...x.ColumnRef, fields: [{ String: { sval: m.toName } }, f[f.length - 1]] } };
    if (renamed && bare && !star && m.columns && f.length === 1 && sv(f[0]) === m.name && !m.columns.includes(m.name)) refuse(`a whole-row reference ${m.name}`);
    return x;
  });
}

/** `tree` with `f` applied to every object node, bottom-up, copied where it changed. */
function mapNodes(tree: Node, f: (n: Node) => Node): Node {
  const go = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(go);
    if (!v || typeof v !== 'object') return v;
    return f(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x)])) as Node);
  };
  return go(tree) as Node;
}

/** Does `tree` name relation `schema.name` (a qualified RangeVar)? */
export function readsRelation(tree: Node | undefined, schema: string, name: string): boolean {
  let hit = false;
  if (tree) walk(tree, (x) => { if (x.RangeVar?.schemaname === schema && x.RangeVar.relname === name) hit = true; });
  return hit;
}

