/**
 * The planner's layout: the order of statement kinds in a plan, as Atlas presents them, used ONLY as the
 * tie-break among statements the dependency graph (./graph.ts, edges from ./edges.ts) leaves free. It is
 * presentation, not correctness: every order a plan must respect is an edge, and the planner's own test plans
 * every acceptance case and generated pair with this layout reversed and shuffled (`PlanOptions.tieBreak`) and
 * checks they still converge.
 *
 * Each entry is one place in the layout; the kinds of one entry share it (their statements keep the order
 * their changes were visited in, by `changeKey`). Adding a statement kind means declaring its edges in
 * ./edges.ts and naming its place here, never picking a number.
 *
 * Read top to bottom: renames; drops of dependants (triggers, policies, views, constraints, indexes,
 * columns, tables); the objects later statements build on (schemas, extensions, wrappers, servers, text search,
 * types, sequences, functions); tables and their columns; drops of what the old objects depended on;
 * functions over relations, casts, constraints, indexes, foreign keys, views, triggers, policies, rules,
 * publications, event triggers; comments and privileges last.
 */
export const LAYOUT = [
  ['rename'],
  ['move-extension'],
  ['alter-default-privileges'],
  ['drop-event-trigger', 'alter-event-trigger', 'drop-publication', 'remove-from-publication'],
  ['drop-trigger', 'drop-policy', 'drop-cast', 'drop-rule', 'drop-statistics'],
  ['drop-function-reading-relations'],
  ['drop-view'],
  ['drop-foreign-table'],
  ['detach-partition-leaving', 'no-inherit'],
  ['drop-foreign-key'],
  ['drop-constraint'],
  ['detach-partition'],
  ['release-sequence-owner'],
  ['drop-index'],
  ['drop-column'],
  ['drop-operator-class'],
  ['drop-operator-family'],
  ['drop-operator'],
  ['drop-aggregate'],
  ['drop-replaced-function'],
  ['drop-table'],
  ['drop-recreated-type'],
  ['loosen-type'],
  ['drop-recreated-object'],
  ['create-schema'],
  ['alter-schema-default-privileges'],
  ['create-extension'],
  ['alter-extension'],
  ['create-collation', 'create-foreign-data-wrapper'],
  ['alter-foreign-data-wrapper'],
  ['create-server'],
  ['alter-server'],
  ['create-user-mapping'],
  ['alter-user-mapping'],
  ['create-text-search-dictionary', 'alter-text-search-dictionary'],
  ['create-text-search-configuration', 'alter-text-search-configuration'],
  ['create-enum'],
  ['create-domain'],
  ['create-range', 'create-composite'],
  ['alter-composite'],
  ['add-enum-value'],
  ['rebuild-enum'],
  ['create-sequence', 'alter-sequence'],
  ['create-function'],
  ['create-table'],
  ['rename-partition-index'],
  ['create-foreign-table', 'alter-foreign-table'],
  ['add-column'],
  ['alter-column', 'alter-table'],
  ['alter-column-options', 'set-sequence-logged'],
  ['drop-function'],
  ['drop-sequence'],
  ['drop-type', 'drop-collation'],
  ['drop-enum'],
  ['drop-text-search-configuration'],
  ['drop-text-search-dictionary'],
  ['drop-schema'],
  ['drop-extension'],
  ['drop-user-mapping'],
  ['drop-server'],
  ['drop-foreign-data-wrapper'],
  ['replace-function'],
  ['create-aggregate'],
  ['create-cast', 'tighten-domain', 'create-operator', 'alter-operator'],
  ['create-operator-family'],
  ['create-operator-class'],
  ['add-constraint'],
  ['create-index'],
  ['attach-index'],
  ['add-foreign-key'],
  ['attach-partition', 'inherit'],
  ['validate-constraint'],
  ['set-sequence-owner'],
  ['create-view'],
  ['create-function-reading-relations'],
  ['create-view-index'],
  ['create-trigger'],
  ['set-row-level-security'],
  ['create-policy'],
  ['create-statistics', 'alter-statistics'],
  ['create-rule'],
  ['create-publication', 'alter-publication'],
  ['create-event-trigger'],
  ['revoke', 'comment'],
  ['grant'],
] as const;

/** A kind of statement: its place in `LAYOUT`. */
export type StatementKind = (typeof LAYOUT)[number][number];

/**
 * How ties among free statements are broken: `'layout'` (the default, Atlas's order); `'reverse'` (the layout
 * read bottom to top) and `{ seed }` (the layout's places shuffled by a seeded generator) are for tests that
 * prove the order a plan needs comes from its dependency graph alone.
 */
export type TieBreak = 'layout' | 'reverse' | { readonly seed: number };

const PLACE = new Map<StatementKind, number>();
LAYOUT.forEach((entry, i) => entry.forEach((k) => PLACE.set(k, i)));

/** The earlier of two kinds in the layout (e.g. a recreated object's drop: its kind's place or earlier). */
export function earlier(a: StatementKind, b: StatementKind): StatementKind {
  return PLACE.get(a)! <= PLACE.get(b)! ? a : b;
}

const shuffles = new Map<number, Int32Array>();
/** The layout's places permuted by a seeded Fisher–Yates shuffle (mulberry32). */
function shuffled(seed: number): Int32Array {
  let p = shuffles.get(seed);
  if (!p) {
    p = Int32Array.from({ length: LAYOUT.length }, (_, i) => i);
    let s = seed >>> 0;
    const rand = () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = p.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    shuffles.set(seed, p);
  }
  return p;
}

/**
 * A statement kind's place under a tie-break: smaller goes first among free statements.
 *
 * @example
 * place('drop-view') < place('create-table')            // true
 * place('drop-view', 'reverse') > place('create-table', 'reverse') // true
 */
export function place(kind: StatementKind, tieBreak: TieBreak = 'layout'): number {
  const i = PLACE.get(kind)!;
  if (tieBreak === 'layout') return i;
  if (tieBreak === 'reverse') return LAYOUT.length - 1 - i;
  return shuffled(tieBreak.seed)[i]!;
}
