/**
 * Unit tests of src/diff/inheritance.ts: which parents a table leaves and joins in place, and when PostgreSQL
 * cannot reach the desired child in place (created again). Models from the native parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inheritanceMove } from '../src/diff/inheritance.js';
import { initSchemaParser } from '../src/parse/index.js';
import { parsedModel } from './helpers/model.js';
import type { Model } from '../src/model/types.js';

beforeAll(async () => {
  await initSchemaParser();
});

const model = (sql: string): Model => parsedModel(sql, 's.sql');
const move = (from: string, to: string) => {
  const [a, b] = [model(from), model(to)];
  return inheritanceMove(a.tables['public.c']!, b.tables['public.c']!, a, b);
};
const PQ = 'CREATE TABLE p (a int); CREATE TABLE q (b int);';

describe('inheritanceMove', () => {
  it('nothing when the parents and the local columns stay', () => {
    expect(move(`${PQ} CREATE TABLE c (x text) INHERITS (p);`, `${PQ} CREATE TABLE c (x text, y int) INHERITS (p);`)).toBeUndefined();
  });
  it('joins a parent whose columns the table has (INHERIT appends)', () => {
    expect(move(`${PQ} CREATE TABLE c (a int, b int) INHERITS (p);`, `${PQ} CREATE TABLE c (a int, b int) INHERITS (p, q);`)).toEqual({ detach: [], attach: ['public.q'] });
  });
  it('reordered parents: leaves from the first that moves and joins again in order', () => {
    expect(move(`${PQ} CREATE TABLE c (a int, b int) INHERITS (p, q);`, `${PQ} CREATE TABLE c (a int, b int) INHERITS (q, p);`)).toEqual({ detach: ['public.p', 'public.q'], attach: ['public.q', 'public.p'] });
  });
  it('leaves a parent: its columns become the table\'s own', () => {
    expect(move(`${PQ} CREATE TABLE c (x text) INHERITS (p, q);`, `${PQ} CREATE TABLE c (x text, b int) INHERITS (p);`)).toEqual({ detach: ['public.q'], attach: [] });
  });
  it('a column wanted as the child\'s own that it has only from a kept parent: left and joined again', () => {
    expect(move(`${PQ} CREATE TABLE c (x text) INHERITS (p, q);`, `${PQ} CREATE TABLE c (x text, b int) INHERITS (p, q);`)).toEqual({ detach: ['public.q'], attach: ['public.q'] });
  });
  it('created again when a column of its own must become inherited-only', () => {
    expect(move(`${PQ} CREATE TABLE c (a int, x text);`, `${PQ} CREATE TABLE c (x text) INHERITS (p);`)).toBe('recreate');
    expect(move(`${PQ} CREATE TABLE c (a int, x text) INHERITS (p);`, `${PQ} CREATE TABLE c (x text) INHERITS (p);`)).toBe('recreate');
  });
  it('created again when a parent it joins has a check the child would not have as its own', () => {
    const p = 'CREATE TABLE p (a int CONSTRAINT p_a CHECK (a > 0));';
    expect(move(`${p} CREATE TABLE c (a int);`, `${p} CREATE TABLE c (a int) INHERITS (p);`)).toBe('recreate');
    expect(move(`${p} CREATE TABLE c (a int);`, `${p} CREATE TABLE c (a int, CONSTRAINT p_a CHECK (a > 0)) INHERITS (p);`)).toEqual({ detach: [], attach: ['public.p'] });
  });
  it('a column new on a kept parent comes to the child inherited: no move', () => {
    expect(move(`${PQ} CREATE TABLE c (x text) INHERITS (p);`, 'CREATE TABLE p (a int, n int); CREATE TABLE q (b int); CREATE TABLE c (x text) INHERITS (p);')).toBeUndefined();
  });
});
