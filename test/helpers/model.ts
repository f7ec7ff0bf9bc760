/**
 * The Model of a schema text folded by the native parser, for unit tests of the diff and plan stages; the test
 * fails when the text has errors. Call `initSchemaParser()` in a `beforeAll` first.
 *
 * @example
 *   const m = parsedModel('CREATE TABLE t (a int);');
 *   const m2 = parsedModel(['CREATE TABLE t (a int)', 'CREATE INDEX ON t (a)']); // statements, joined with ';'
 */
import { expect } from 'vitest';
import { checkSchema } from '../../src/parse/index.js';
import type { Model } from '../../src/model/types.js';

export function parsedModel(sql: string | readonly string[], file = 'schema.sql'): Model {
  const text = typeof sql === 'string' ? sql : sql.map((s) => `${s};`).join('\n');
  const r = checkSchema([{ file, text }]);
  expect(r.errors).toEqual([]);
  return r.model;
}
