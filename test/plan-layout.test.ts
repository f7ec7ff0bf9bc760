/**
 * The planner's layout (src/plan/layout.ts) is its only ordering table: no statement kind is placed by a
 * number anywhere in src/plan (issue #19: "adding a kind means declaring its edges, not picking a float"),
 * and the tie-breaks the tie-break test uses (reverse, seeded shuffles) are permutations of the layout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYOUT, earlier, place } from '../src/plan/layout.js';

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('planner layout', () => {
  it('no numeric phase or rank is passed to emit or returned by a kind in src/plan', () => {
    const offending = files('src/plan').flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return [...text.matchAll(/\bemit\(\s*-?\d|\bphase\s*:|\bphase\s*=\s*-?\d|\bMath\.min\(s\.phase/g)].map((m) => `${f}: ${m[0]}`);
    });
    expect(offending).toEqual([]);
  });

  it('every statement kind has one place; reverse and shuffles permute the places', () => {
    const kinds = LAYOUT.flat();
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const tb of ['reverse', { seed: 1 }, { seed: 42 }] as const) {
      const places = LAYOUT.map((entry) => place(entry[0], tb)).sort((a, b) => a - b);
      expect(places).toEqual(LAYOUT.map((_, i) => i));
    }
    expect(place('drop-view')).toBeLessThan(place('create-table'));
    expect(place('drop-view', 'reverse')).toBeGreaterThan(place('create-table', 'reverse'));
    expect(earlier('drop-server', 'drop-recreated-object')).toBe('drop-recreated-object');
    expect(earlier('drop-rule', 'drop-recreated-object')).toBe('drop-rule');
  });
});
