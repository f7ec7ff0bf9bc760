/**
 * A table whose columns are all fixed-width gets no TOAST table, and PostgreSQL drops its `toast.*` storage
 * parameters silently: the fold drops them too, with a warning, so a file that states them converges.
 */
import { beforeAll, expect, it } from 'vitest';
import { needsToastTable } from '../../src/model/toast.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(initSchemaParser);

it('PostgreSQL needs a TOAST table for an unbounded variable-width column, or bounded ones wider than 2032 bytes; never for fixed-width ones', () => {
  const cols = (...types: string[]) => ({ columns: types.map((type, i) => ({ name: `c${i}`, type })) }) as unknown as Parameters<typeof needsToastTable>[0];
  expect(needsToastTable(cols('integer', 'timestamp(3) with time zone', 'uuid'), {})).toBe(false);
  expect(needsToastTable(cols('integer', 'text'), {})).toBe(true);
  expect(needsToastTable(cols('integer', 'integer[]'), {})).toBe(true);
  expect(needsToastTable(cols('public.unknown_ext_type'), {})).toBe(true);
  expect(needsToastTable(cols(...Array<string>(400).fill('bigint')), {})).toBe(false);
  expect(needsToastTable(cols('integer', 'character varying(20)', 'numeric(10,2)'), {})).toBe(false);
  expect(needsToastTable(cols('integer', 'character varying(500)'), {})).toBe(false); // 2032 bytes at most: PostgreSQL 15 agrees
  expect(needsToastTable(cols('integer', 'character varying(505)'), {})).toBe(true);
  expect(needsToastTable(cols('integer', 'character varying'), {})).toBe(true);
});

it('the fold drops toast.* parameters of a table without a TOAST table, and keeps them where one exists', () => {
  const r = checkSchema([{ file: 's.sql', text: "CREATE TYPE mood AS ENUM ('ok');\nCREATE DOMAIN pos AS int;\nCREATE TABLE t (id int, m mood, p pos) WITH (fillfactor = 80, toast.autovacuum_enabled = false);\nCREATE TABLE u (id int, body text) WITH (toast.autovacuum_enabled = false);\n" }]);
  expect(r.errors).toEqual([]);
  expect(r.model.tables['public.t']!.options).toEqual(['fillfactor=80']);
  expect(r.model.tables['public.u']!.options).toEqual(['toast.autovacuum_enabled=false']);
  expect(r.warnings.map((w) => [w.code, w.location.line])).toEqual([['W_IGNORED', 3]]);
  expect(r.warnings[0]!.message).toMatch(/table public\.t has only fixed-width columns.*toast\.autovacuum_enabled=false/);
});
