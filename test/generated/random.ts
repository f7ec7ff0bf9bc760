/**
 * A small deterministic PRNG (mulberry32) for the schema generator: the same seed gives the same schema,
 * mutations and seed rows on every machine and run, so a failing seed is a reproduction.
 *
 * @example
 * const r = rng(42);
 * r.int(10); // 0‥9, the same every time for seed 42
 */
export interface Rng {
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A copy of the list in a random order. */
  shuffle<T>(list: readonly T[]): T[];
}

export function rng(seed: number): Rng {
  let a = (seed * 0x9e3779b1) >>> 0 || 1;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r: Rng = {
    int: (n) => Math.floor(next() * n),
    pick: (list) => {
      if (list.length === 0) throw new Error('pick from an empty list');
      return list[r.int(list.length)]!;
    },
    chance: (p) => next() < p,
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
  return r;
}
