/**
 * A generated pair as an acceptance case: `generatePair(seed)` builds a schema and a mutated copy;
 * `pairCase(pair)` renders both with their seed rows and the per-table queries that read them back. A
 * reproduction is the same pair with some unit keys removed from both states (shrink.ts).
 *
 * @example
 * const c = pairCase(generatePair(12)); // { name: 'generated #12', old: [...], new: [...], seed, seedBack, keepsTables }
 */
import type { AcceptanceCase } from '../acceptance/harness.js';
import { generateSchema } from './generate.js';
import { mutate } from './mutate.js';
import { rng } from './random.js';
import { keepsQuery, render, type Schema, type Unit } from './schema.js';
import { ROLES_SQL } from './kinds.js';

export interface Pair {
  readonly seed: number;
  readonly old: Schema;
  readonly new: Schema;
  readonly mutations: readonly string[];
}

export function generatePair(seed: number): Pair {
  const r = rng(seed);
  const old = generateSchema(r);
  const next = structuredClone(old);
  const mutations = mutate(next, r, 1 + r.int(3));
  return { seed, old, new: next, mutations };
}

/** Rendered units of both states, keyed alike. */
export interface RenderedPair {
  readonly name: string;
  readonly old: readonly Unit[];
  readonly new: readonly Unit[];
  /** Per table present in both states: the unit key it belongs to, the relations whose data it reads, the query. */
  readonly keeps: readonly { key: string; tables: readonly string[]; query: string }[];
}

export function renderPair(p: Pair): RenderedPair {
  const keeps: RenderedPair['keeps'][number][] = [];
  for (const t of p.old.tables) {
    const n = p.new.tables.find((x) => x.name === t.name);
    if (!n) continue;
    const parts = [...p.old.parts, ...p.new.parts].filter((x) => x.parent === t.name).map((x) => x.name);
    // A partition detached as a table (or a table attached) takes its rows out of the parent (or brings them in)
    // by design, DETACH / ATTACH keeping them: the parent keeps the rows of its other partitions; the moved
    // table's own rows are checked below.
    const moved = [...new Set(parts)].filter((x) => [p.old, p.new].some((side) => side.tables.some((tb) => tb.name === x)));
    const all = keepsQuery(p.old, t, n);
    const query = all && moved.length ? all.replace(` FROM ${t.name} ORDER BY `, ` FROM ${t.name} WHERE tableoid::regclass::text NOT IN (${moved.map((x) => `'${x}'`).join(', ')}) ORDER BY `) : all;
    if (query) keeps.push({ key: `table:${t.name}`, tables: [t.name, ...new Set(parts)], query });
  }
  // A partition on one side and a table on the other (detached, or attached): its own rows.
  for (const [a, b] of [[p.old, p.new], [p.new, p.old]] as const) {
    for (const part of a.parts) {
      const t = b.tables.find((x) => x.name === part.name);
      const parent = a.tables.find((x) => x.name === part.parent);
      const query = t && parent && keepsQuery(b, t, parent);
      if (query && !keeps.some((k) => k.key === `table:${t!.name}`)) keeps.push({ key: `table:${t!.name}`, tables: [t!.name, parent!.name], query });
    }
  }
  // Grants name the suite's roles: both states create them first (a direction's target may be a fresh database).
  const roles: Unit[] = p.old.grants.length || p.new.grants.length ? [{ key: 'roles', ddl: [ROLES_SQL], seed: [] }] : [];
  return { name: `generated #${p.seed}: ${p.mutations.join('; ')}`, old: [...roles, ...render(p.old)], new: [...roles, ...render(p.new)], keeps };
}

/** The acceptance case of a rendered pair, without the unit keys in `removed`. */
export function pairCase(r: RenderedPair, removed: ReadonlySet<string> = new Set()): AcceptanceCase {
  const old = r.old.filter((u) => !removed.has(u.key));
  const next = r.new.filter((u) => !removed.has(u.key));
  const seedOf = (units: readonly Unit[]) => units.flatMap((u) => u.seed).join(';\n') || undefined;
  return {
    name: r.name,
    old: old.flatMap((u) => u.ddl),
    new: next.flatMap((u) => u.ddl),
    seed: seedOf(old),
    seedBack: seedOf(next),
    keepsTables: r.keeps.filter((k) => !removed.has(k.key)).map(({ tables, query }) => ({ tables, query })),
    planTwice: true,
  };
}

/** Every unit key of a rendered pair, last created first (the order shrinking tries them). */
export function unitKeys(r: RenderedPair): string[] {
  const keys: string[] = [];
  for (const u of [...r.old, ...r.new].reverse()) if (!keys.includes(u.key)) keys.push(u.key);
  return keys;
}
