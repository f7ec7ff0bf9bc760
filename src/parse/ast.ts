/**
 * The parse tree's types, from libpg-query's own type package (`@pgsql/types`, the PostgreSQL 18 AST that
 * `libpg-query` 18 returns), and the one accessor that unwraps a node: the tree is a union of one-key
 * wrappers (`{ ColumnRef: { fields, location } }`), so reading a node as a given type is a lookup of its key.
 *
 * In:  parse nodes. Out: their typed payloads. Never: parses, or does I/O (types only, and one function).
 */
import type { Node } from '@pgsql/types';

export type { Node as PgNode } from '@pgsql/types';
export type * as Pg from '@pgsql/types';

type KeysOf<T> = T extends unknown ? keyof T : never;
/** The node types: `ColumnRef`, `FuncCall`, `CreateStmt`, … */
export type NodeTag = KeysOf<Node>;
/** The payload of a node of type `K` (`NodePayload<'ColumnRef'>` is `ColumnRef`). */
export type NodePayload<K extends NodeTag> = Extract<Node, { [P in K]: unknown }>[K];

/**
 * The payload of `n` when it is a node of type `tag`, else undefined.
 *
 * @example
 * nodeAs(parseExpression('a.b')!, 'ColumnRef')?.fields?.length // 2
 */
export function nodeAs<K extends NodeTag>(n: Node | undefined | null, tag: K): NodePayload<K> | undefined {
  return n && typeof n === 'object' && tag in n ? (n as unknown as Record<K, NodePayload<K>>)[tag] : undefined;
}

/**
 * The text of a `String` node (names in `fields`, `funcname`, `names` lists), or '' for anything else.
 *
 * @example
 * (nodeAs(tree, 'ColumnRef')?.fields ?? []).map(stringValue) // ['a', 'b']
 */
export function stringValue(n: Node | undefined): string {
  return nodeAs(n, 'String')?.sval ?? '';
}
