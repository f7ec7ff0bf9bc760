/**
 * A type PostgreSQL cannot alter in place while a column uses it — an enum whose values are removed or reordered,
 * a composite whose attributes are retyped — is one `rebuild_type` change (renamed aside, created again, the columns
 * converted, the old one dropped).
 */
import { beforeAll, expect, it } from 'vitest';
import { diff } from '../src/diff/index.js';
import { checkSchema, initSchemaParser } from '../src/parse/index.js';

beforeAll(initSchemaParser);

const fold = (text: string) => checkSchema([{ file: 's.sql', text }]).model;

it('an enum reordered and a composite retyped while columns use them are rebuilt', () => {
  const kinds = (a: string, b: string) => diff(fold(a), fold(b)).map((c) => c.kind);
  expect(kinds("CREATE TYPE e AS ENUM ('a', 'b'); CREATE TABLE t (v e);", "CREATE TYPE e AS ENUM ('b', 'a'); CREATE TABLE t (v e);")).toEqual(['rebuild_type']);
  expect(kinds('CREATE TYPE p AS (x int); CREATE TABLE t (v p);', 'CREATE TYPE p AS (x bigint); CREATE TABLE t (v p);')).toEqual(['rebuild_type']);
});
