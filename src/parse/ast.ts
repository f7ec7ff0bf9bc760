/**
 * The parse tree's types, from libpg-query's own type package (`@pgsql/types`, the PostgreSQL 18 AST that
 * `libpg-query` 18 returns), and the accessors that unwrap a node. The tree is a union of one-key wrappers
 * (`{ ColumnRef: { fields, location } }`); `Tree` reads that union as one object whose keys are all optional
 * (`n.ColumnRef` is the payload or undefined, which is what reading the JSON gives), so `if (n.ColumnRef)`
 * narrows it. `Payload<'CreateStmt'>` is the library's `CreateStmt` with its node fields read as `Tree`s.
 *
 * In:  parse nodes. Out: their typed payloads. Never: parses, or does I/O (types only, and small functions).
 */
import type { Node as LibNode } from '@pgsql/types';

export type * as Pg from '@pgsql/types';

type KeysOf<T> = T extends unknown ? keyof T : never;
/** The node types: `ColumnRef`, `FuncCall`, `CreateStmt`, … */
export type NodeTag = KeysOf<LibNode>;
/** The library's payload of a node of type `K` (`NodePayload<'ColumnRef'>` is `Pg.ColumnRef`). */
export type NodePayload<K extends NodeTag> = Extract<LibNode, { [P in K]: unknown }>[K];

/** `T` with every parse-node field (`Node`, `Node[]`, nested) read as a `Tree`. */
export type Typed<T> = T extends LibNode ? Tree : T extends readonly (infer U)[] ? Typed<U>[] : T extends object ? { [P in keyof T]: Typed<T[P]> } : T;

/**
 * A parse-tree node (`{ ColumnRef: { … } }`): the library's node union read as one object of optional keys,
 * exactly one of which is present. Every node of the library's type is a `Tree`.
 *
 * @example
 * const n: Tree = parseExpression('a.b')!;
 * if (n.ColumnRef) n.ColumnRef.fields?.length // 2
 */
export type Tree = { [K in NodeTag]?: Typed<NodePayload<K>> };
/** A parse node (the same as `Tree`), under the names the rest of src/parse imports. */
export type PgNode = Tree;
export type { Tree as Node };

/** The payload of a node of type `K`, its node fields typed as `Tree`s (`Payload<'CreateStmt'>`). */
export type Payload<K extends NodeTag> = Typed<NodePayload<K>>;

/** A statement's type and payload (`['CreateStmt', { relation, tableElts, … }]`), one member per node type. */
export type TaggedNode = { [K in NodeTag]: [type: K, node: Payload<K>] }[NodeTag];

/**
 * The payload of `n` when it is a node of type `tag`, else undefined.
 *
 * @example
 * nodeAs(parseExpression('a.b')!, 'ColumnRef')?.fields?.length // 2
 */
export function nodeAs<K extends NodeTag>(n: Tree | undefined | null, tag: K): Payload<K> | undefined {
  return n && typeof n === 'object' && tag in n ? (n as { [P in K]?: Payload<K> })[tag] : undefined;
}

/**
 * The text of a `String` node (names in `fields`, `funcname`, `names` lists), or '' for anything else.
 *
 * @example
 * (nodeAs(tree, 'ColumnRef')?.fields ?? []).map(stringValue) // ['a', 'b']
 */
export function stringValue(n: Tree | undefined): string {
  return nodeAs(n, 'String')?.sval ?? '';
}

/**
 * A node's type and payload as a pair that narrows together (`switch (type)` types `payload`).
 *
 * @example
 * const [type, v] = tagOf({ ColumnRef: { fields: [] } });
 * if (type === 'ColumnRef') v.fields // Tree[] | undefined
 */
export function tagOf(n: Tree): TaggedNode {
  const type = Object.keys(n)[0] as NodeTag;
  return [type, (n as Record<string, unknown>)[type]] as TaggedNode;
}

/**
 * Calls `visit` on every object under `n`, depth first, parent before children: the nodes, and the payloads and
 * structs inside them (so `x.FuncCall` is seen on the node that holds it). The one generic walk over a parse tree:
 * `n` is `unknown` because a walk starts anywhere (a node, a payload, a list).
 *
 * @example
 * const calls: string[] = [];
 * walk(parseExpression('f(g(1))'), (x) => { if (x.FuncCall) calls.push(stringValue(x.FuncCall.funcname?.at(-1))); });
 * calls // ['f', 'g']
 */
export function walk(n: unknown, visit: (x: Tree) => void): void {
  if (n === null || typeof n !== 'object') return;
  if (Array.isArray(n)) {
    for (const x of n) walk(x, visit);
    return;
  }
  visit(n as Tree);
  for (const v of Object.values(n)) if (typeof v === 'object') walk(v, visit);
}
