/**
 * The planner's dependency graph over its statements, and their order.
 *
 * In:  statements, each declaring ids (`rel:<key>` for tables, views, sequences; `type:<key>` for types and
 *      the row types of tables and views; `fn:<schema.name>(<identity args>)`, one per overload; `schema:<name>`) it creates, alters, drops,
 *      requires (the object it creates or changes reads them in the desired Model) and used (the object it
 *      drops read them in the current Model).
 * Out: the statements in an order where, for every id X:
 *        - a statement that drops X runs before one that creates X (a recreate);
 *        - statements that create or alter X run before those that require X;
 *        - a statement that creates X runs before those that alter X;
 *        - a statement whose dropped object used X runs before those that drop X, and before those that alter X
 *          unless it also requires X (an object changed in place that reads X before and after);
 *      among the statements the graph leaves free, the smaller `rank` first (the planner's layout, Atlas's
 *      order of statement kinds), then the smaller `order` (emission order); a statement that another
 *      needs earlier than its own rank is pulled forward to just before it (and only it, not its peers).
 *      A cycle, which the declarations should not produce, is broken at its statement of smallest rank,
 *      deterministically.
 * Cost: O((V + E) log V): one pass to index the ids, Kahn's algorithm over a binary heap.
 */

/** A statement as the graph sees it. */
export interface GraphNode {
  readonly rank: number;
  readonly order: number;
  readonly creates?: readonly string[];
  readonly alters?: readonly string[];
  readonly drops?: readonly string[];
  readonly requires?: readonly string[];
  readonly used?: readonly string[];
}

/** Ids of the graph (see above). */
/** What the extensions create (types, wrappers that no object of the Model defines: `public.citext`, `postgres_fdw`): created and dropped with them. */
export const EXTENSIONS = 'extensions';

export const nodeId = {
  rel: (key: string) => `rel:${key}`,
  type: (key: string) => `type:${key}`,
  /** A function by signature: the Model's key of it, `schema.name(identity args)` (./function-refs.ts). */
  fn: (signature: string) => `fn:${signature}`,
  schema: (name: string) => `schema:${name}`,
  /** An index (or a sequence renamed) by its key. */
  index: (key: string) => `index:${key}`,
  /** The unique keys of a table (primary key, unique constraints and indexes): what foreign keys reference. */
  keys: (table: string) => `keys:${table}`,
  /** Default privileges of a schema (`*`: database-wide): set before the objects that get them are created. */
  defaults: (schema: string) => `defaults:${schema}`,
  /** The partition bounds of a partitioned table (detached before attached). */
  bounds: (table: string) => `bounds:${table}`,
  /** One statement of a change: the next statement of the same change requires it (a change's own order). */
  step: (order: number) => `step:${order}`,
  /** A trigger, policy, constraint or column of a table, by name. */
  part: (table: string, kind: 'trigger' | 'trigger-firing' | 'policy' | 'constraint' | 'column', name: string) => `${kind}:${table}\u0000${name}`,
  /**
   * A parent's CHECK that a table joining it in the plan has from it only: the parent's ADD CONSTRAINT runs after
   * the child's `INHERIT` (it recurses into the child; ./kinds/inheritance.ts).
   */
  inheritedCheck: (parent: string, name: string) => `inherited-check:${parent}\u0000${name}`,
  /** A sequence released from its owning column (`OWNED BY NONE`), before what would drop it along. */
  released: (sequence: string) => `released:${sequence}`,
  /**
   * A table's persistence, as the plan sets it (`ALTER TABLE … SET LOGGED | UNLOGGED`, which carries the table's
   * owned sequences along): an identity sequence given its own persistence is set after it.
   */
  persistence: (table: string) => `persistence:${table}`,
  /** A table no longer typed (`ALTER TABLE … NOT OF`): PostgreSQL refuses to add, drop or retype a typed table's columns. */
  untyped: (table: string) => `untyped:${table}`,
  /** A table's set of columns, as its column statements change it: `ALTER TABLE … OF type` checks it against the type's attributes. */
  columns: (table: string) => `columns:${table}`,
};

function add(m: Map<string, number[]>, k: string, v: number): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * Orders nodes by their declared ids, ties by (rank, order).
 *
 * @example
 * orderByGraph([
 *   { rank: 8, order: 0, creates: ['type:app.d'], requires: ['type:app.c'] }, // CREATE DOMAIN d AS c
 *   { rank: 8, order: 1, creates: ['type:app.c'] },                          // CREATE TYPE c AS (…)
 * ]).map((n) => n.order) // [1, 0]
 *
 * `onCycle` hears of each node taken out of a cycle (declarations that contradict each other: a planner bug the
 * tests look for).
 */
export function orderByGraph<T extends GraphNode>(nodes: readonly T[], onCycle?: (node: T) => void): T[] {
  const n = nodes.length;
  const own = (a: number, b: number) => nodes[a]!.rank - nodes[b]!.rank || nodes[a]!.order - nodes[b]!.order;
  const creators = new Map<string, number[]>();
  const alterers = new Map<string, number[]>();
  const droppers = new Map<string, number[]>();
  nodes.forEach((s, i) => {
    for (const x of s.creates ?? []) add(creators, x, i);
    for (const x of s.alters ?? []) add(alterers, x, i);
    for (const x of s.drops ?? []) add(droppers, x, i);
  });
  const next: number[][] = nodes.map(() => []);
  const indegree = new Int32Array(n);
  const edge = (from: number, to: number) => {
    if (from === to) return;
    next[from]!.push(to);
    indegree[to]!++;
  };
  nodes.forEach((s, i) => {
    for (const x of s.requires ?? []) {
      for (const p of creators.get(x) ?? []) edge(p, i);
      for (const p of alterers.get(x) ?? []) edge(p, i);
    }
    for (const x of s.creates ?? []) for (const d of droppers.get(x) ?? []) edge(d, i);
    for (const x of s.alters ?? []) for (const p of creators.get(x) ?? []) edge(p, i);
    for (const x of s.used ?? []) {
      for (const d of droppers.get(x) ?? []) edge(i, d);
      // What a statement reads before and after (an object changed in place) waits for X's alterations instead.
      if (!s.requires?.includes(x)) for (const a of alterers.get(x) ?? []) edge(i, a);
    }
  });
  // A statement another one needs is pulled forward to just before it: its place in the layout is the
  // earliest of its own and of every statement that (transitively) waits for it. Computed over a plain
  // topological order, dependants first; nodes in a cycle keep their own place.
  const lead = Int32Array.from({ length: n }, (_, i) => i);
  {
    const deg = Int32Array.from(indegree);
    const topo: number[] = [];
    for (let i = 0; i < n; i++) if (deg[i] === 0) topo.push(i);
    for (let h = 0; h < topo.length; h++) for (const j of next[topo[h]!]!) if (--deg[j]! === 0) topo.push(j);
    for (let h = topo.length - 1; h >= 0; h--) {
      const i = topo[h]!;
      for (const j of next[i]!) if (own(lead[j]!, lead[i]!) < 0) lead[i] = lead[j]!;
    }
  }
  const before = (a: number, b: number) => own(lead[a]!, lead[b]!) || own(a, b);
  // Kahn's algorithm over a binary heap of the ready nodes.
  const heap: number[] = [];
  const push = (i: number) => {
    heap.push(i);
    for (let c = heap.length - 1; c > 0; ) {
      const p = (c - 1) >> 1;
      if (before(heap[c]!, heap[p]!) >= 0) break;
      [heap[c], heap[p]] = [heap[p]!, heap[c]!];
      c = p;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let p = 0; ; ) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && before(heap[l]!, heap[m]!) < 0) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!) < 0) m = r;
        if (m === p) break;
        [heap[m], heap[p]] = [heap[p]!, heap[m]!];
        p = m;
      }
    }
    return top;
  };
  for (let i = 0; i < n; i++) if (indegree[i] === 0) push(i);
  const done = new Uint8Array(n);
  const out: T[] = [];
  // For cycles: every node in (rank, order) order, walked once.
  let byRank: number[] | undefined;
  let cursor = 0;
  while (out.length < n) {
    let i: number;
    if (heap.length) i = pop();
    else {
      byRank ??= nodes.map((_, k) => k).sort(own);
      while (done[byRank[cursor]!]) cursor++;
      i = byRank[cursor]!;
      onCycle?.(nodes[i]!);
    }
    if (done[i]) continue;
    done[i] = 1;
    out.push(nodes[i]!);
    for (const j of next[i]!) if (--indegree[j]! === 0 && !done[j]) push(j);
  }
  return out;
}
