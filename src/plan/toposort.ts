/**
 * Kahn's topological sort, O(V+E), deterministic (ties keep input order).
 * Returns the ordered nodes and the nodes left in cycles (in input order).
 *
 * @example
 * toposort(['a', 'b'], (n) => (n === 'a' ? ['b'] : [])) // { order: ['b', 'a'], cycles: [] }
 */
export function toposort<T>(nodes: readonly T[], dependsOn: (n: T) => readonly T[]): { order: T[]; cycles: T[] } {
  const index = new Map<T, number>();
  nodes.forEach((n, i) => index.set(n, i));
  const indegree = new Array<number>(nodes.length).fill(0);
  const dependants: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const d of new Set(dependsOn(n))) {
      const j = index.get(d);
      if (j === undefined || j === i) continue;
      indegree[i]!++;
      dependants[j]!.push(i);
    }
  });
  const queue: number[] = [];
  indegree.forEach((d, i) => d === 0 && queue.push(i));
  const order: T[] = [];
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    order.push(nodes[i]!);
    for (const j of dependants[i]!) if (--indegree[j]! === 0) queue.push(j);
  }
  const cycles = nodes.filter((_, i) => indegree[i]! > 0);
  return { order, cycles };
}
