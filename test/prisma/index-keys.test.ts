/**
 * Index keys read from pg_get_indexdef text when a Model's index has none (src/prisma/indexes.ts): columns,
 * operator classes, sort order, expressions, and the partial index's predicate as PostgreSQL prints it.
 */
import { beforeAll, expect, it } from 'vitest';
import { initParser } from '../../src/parse/pg.js';
import { indexKeysFromDefinition, withIndexKeys } from '../../src/prisma/indexes.js';
import type { Index, Table } from '../../src/model/types.js';

beforeAll(() => initParser());

it('reads plain columns, operator classes, sort order and expressions', () => {
  expect(indexKeysFromDefinition('CREATE INDEX i ON public.t USING btree (a, lower(b) DESC)')).toEqual({
    keys: [{ column: 'a', descending: false, nullsFirst: false }, { descending: true, nullsFirst: true }], partial: false,
  });
  expect(indexKeysFromDefinition('CREATE UNIQUE INDEX "I x" ON public.t USING gin ("Some ""col""" jsonb_path_ops, c public.gin_trgm_ops)')).toEqual({
    keys: [{ column: 'Some "col"', opclass: 'jsonb_path_ops', descending: false, nullsFirst: false }, { column: 'c', opclass: 'gin_trgm_ops', descending: false, nullsFirst: false }], partial: false,
  });
  expect(indexKeysFromDefinition('CREATE INDEX i ON public.t USING btree (a DESC NULLS LAST, b NULLS FIRST, (c + 1)) INCLUDE (d) WHERE (status = \'a, (b)\'::text)')).toEqual({
    keys: [{ column: 'a', descending: true, nullsFirst: false }, { column: 'b', descending: false, nullsFirst: true }, { descending: false, nullsFirst: false }], partial: true,
  });
});

it('fills in the keys and predicate of an index that has none', () => {
  const def = 'CREATE INDEX i ON public.t USING btree (a text_pattern_ops) WHERE ((status = \'x WHERE y\'::text) AND (a IS NOT NULL))';
  const ix: Index = { kind: 'index', schema: 'public', name: 'i', table: 'public.t', unique: false, method: 'btree', keys: [], include: [], nullsNotDistinct: false, options: [], definition: def };
  const t = { kind: 'table', schema: 'public', name: 't', columns: [], constraints: {}, indexes: { i: ix } } as unknown as Table;
  const out = withIndexKeys(t).indexes.i!;
  expect(out.keys).toEqual([{ column: 'a', opclass: 'text_pattern_ops', descending: false, nullsFirst: false }]);
  expect(out.where).toEqual({ text: '((status = \'x WHERE y\'::text) AND (a IS NOT NULL))', canonical: '((status = \'x WHERE y\'::text) AND (a IS NOT NULL))' });
});
