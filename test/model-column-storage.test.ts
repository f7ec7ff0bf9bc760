/**
 * A column's default storage (src/model/column-storage.ts `defaultStorage`), against PostgreSQL 15's pg_type.typstorage:
 * type modifiers anywhere in a spelling, the variable-length types stored PLAIN, domains followed to their base type.
 */
import { describe, expect, it } from 'vitest';
import { defaultStorage } from '../src/model/column-storage.js';
import type { Model } from '../src/model/types.js';

const types = {
  'app.Addr': { kind: 'domain', schema: 'app', name: 'Addr', baseType: 'inet', notNull: false, checks: [] },
  'app.at3': { kind: 'domain', schema: 'app', name: 'at3', baseType: 'timestamp(3) with time zone', notNull: false, checks: [] },
  'app.over': { kind: 'domain', schema: 'app', name: 'over', baseType: 'app.Addr', notNull: false, checks: [] },
} as unknown as Model['types'];

describe('defaultStorage', () => {
  it('a type modifier in the middle of a spelling does not change it', () => {
    expect(defaultStorage('timestamp(3) with time zone', { types })).toBe('PLAIN');
    expect(defaultStorage('time(2) without time zone', { types })).toBe('PLAIN');
    expect(defaultStorage('interval(2)', { types })).toBe('PLAIN');
    expect(defaultStorage('interval hour to minute', { types })).toBe('PLAIN');
    expect(defaultStorage('numeric(10,2)', { types })).toBe('MAIN');
    expect(defaultStorage('character varying(20)', { types })).toBe('EXTENDED');
  });
  it('tsquery is stored PLAIN, tsvector EXTENDED', () => {
    expect(defaultStorage('tsquery', { types })).toBe('PLAIN');
    expect(defaultStorage('tsvector', { types })).toBe('EXTENDED');
  });
  it('a domain\'s is its base type\'s, through domains over domains', () => {
    expect(defaultStorage('app.Addr', { types })).toBe('MAIN');
    expect(defaultStorage('app.at3', { types })).toBe('PLAIN');
    expect(defaultStorage('app.over', { types })).toBe('MAIN');
    expect(defaultStorage('app.Addr[]', { types })).toBe('EXTENDED');
  });
  it('contrib extensions\' fixed-length and PLAIN types (seg, isn\'s, cube) are PLAIN, citext and hstore EXTENDED', () => {
    const withCube = { ...types, 'app.box3': { kind: 'domain', schema: 'app', name: 'box3', baseType: 'public.cube', notNull: false, checks: [] } } as unknown as Model['types'];
    for (const t of ['public.seg', 'ext.isbn13', 'public.ean13', 'public.cube', 'app.box3']) expect(defaultStorage(t, { types: withCube }), t).toBe('PLAIN');
    for (const t of ['public.citext', 'public.hstore', 'public.ltree', 'public.seg[]']) expect(defaultStorage(t, { types: withCube }), t).toBe('EXTENDED');
  });
});
