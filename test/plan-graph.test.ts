/** The planner's dependency graph (src/plan/graph.ts) on its own: edges, layout ties, pulling, cycles. */
import { describe, expect, it } from 'vitest';
import { orderByGraph, type GraphNode } from '../src/plan/graph.js';

type N = GraphNode & { readonly name: string };
const names = (ns: readonly N[]) => orderByGraph(ns).map((n) => n.name);

describe('orderByGraph', () => {
  it('keeps the layout (rank, then order) where the graph leaves statements free', () => {
    expect(names([
      { name: 'c', rank: 2, order: 0 },
      { name: 'a', rank: 1, order: 2 },
      { name: 'b', rank: 1, order: 3 },
    ])).toEqual(['a', 'b', 'c']);
  });

  it('creates what is required first, whatever the ranks say (domain over a composite)', () => {
    expect(names([
      { name: 'domain', rank: 8.1, order: 0, creates: ['type:d'], requires: ['type:c'] },
      { name: 'composite', rank: 8.2, order: 1, creates: ['type:c'] },
    ])).toEqual(['composite', 'domain']);
  });

  it('drops before re-creating, and drops users before what they used', () => {
    expect(names([
      { name: 'create t', rank: 1, order: 0, creates: ['rel:t'] },
      { name: 'drop t', rank: 5, order: 1, drops: ['rel:t'] },
      { name: 'drop f', rank: 9, order: 2, drops: ['fn:f'], used: ['rel:t'] },
    ])).toEqual(['drop f', 'drop t', 'create t']);
  });

  it('runs alters after creates and before what requires the altered object', () => {
    expect(names([
      { name: 'view', rank: 1, order: 0, requires: ['rel:t'] },
      { name: 'add column', rank: 2, order: 1, alters: ['rel:t'] },
      { name: 'drop old view', rank: 3, order: 2, used: ['rel:t'] },
    ])).toEqual(['drop old view', 'add column', 'view']);
  });

  it('pulls a needed statement forward to just before the one that needs it, not its peers', () => {
    expect(names([
      { name: 'drop table', rank: 5, order: 0, drops: ['rel:t'] },
      { name: 'drop other table', rank: 5, order: 1 },
      { name: 'drop g', rank: 9, order: 2, drops: ['fn:g'] },
      { name: 'drop f', rank: 9, order: 3, drops: ['fn:f'], used: ['rel:t'] },
    ])).toEqual(['drop f', 'drop table', 'drop other table', 'drop g']);
  });

  it('breaks a cycle at its statement of smallest rank, the same way every time', () => {
    const cycle: N[] = [
      { name: 'x', rank: 2, order: 0, creates: ['a'], requires: ['b'] },
      { name: 'y', rank: 1, order: 1, creates: ['b'], requires: ['a'] },
      { name: 'z', rank: 3, order: 2, requires: ['a', 'b'] },
    ];
    expect(names(cycle)).toEqual(['y', 'x', 'z']);
    expect(names([...cycle].reverse())).toEqual(['y', 'x', 'z']);
  });
});
