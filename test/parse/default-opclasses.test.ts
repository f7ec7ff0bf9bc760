/**
 * PostgreSQL's choice of a default operator class for an index key (GetDefaultOpClass), over the generated catalog
 * data (pg_opclass.opcdefault, the binary-coercible casts, typispreferred). Expected values checked with psql on
 * PostgreSQL 15: `CREATE INDEX … ON t (c)` then `SELECT opcname FROM pg_index i JOIN pg_opclass o ON o.oid = i.indclass[0]`.
 */
import { describe, expect, it } from 'vitest';
import { defaultOpclass } from '../../src/parse/catalog/default-opclasses.js';

describe('defaultOpclass', () => {
  it('the type\'s own class, then the one it is binary-coercible to (a preferred type wins a tie)', () => {
    expect(defaultOpclass('btree', { typname: 'int4' })).toBe('int4_ops');
    expect(defaultOpclass('btree', { typname: 'varchar' })).toBe('text_ops');
    expect(defaultOpclass('btree', { typname: 'cidr' })).toBe('inet_ops');
    expect(defaultOpclass('btree', { typname: 'regclass' })).toBe('oid_ops');
    expect(defaultOpclass('hash', { typname: 'varchar' })).toBe('text_ops');
    expect(defaultOpclass('brin', { typname: 'timestamptz' })).toBe('timestamptz_minmax_ops');
  });

  it('polymorphic classes for arrays, enums, ranges and composites; none where PostgreSQL has none', () => {
    expect(defaultOpclass('gin', { typname: '_text' })).toBe('array_ops');
    expect(defaultOpclass('gin', { user: 'array' })).toBe('array_ops');
    expect(defaultOpclass('btree', { user: 'enum' })).toBe('enum_ops');
    expect(defaultOpclass('gist', { typname: 'int4range' })).toBe('range_ops');
    expect(defaultOpclass('btree', { user: 'composite' })).toBe('record_ops');
    expect(defaultOpclass('gin', { typname: 'int4' })).toBeUndefined();
    expect(defaultOpclass('nosuch', { typname: 'int4' })).toBeUndefined();
  });
});
