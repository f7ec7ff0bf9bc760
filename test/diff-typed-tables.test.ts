/**
 * Unit tests of src/diff/typed-tables.ts: what ALTER TYPE … CASCADE cannot do to typed tables is refused, located,
 * naming the tables (a composite type recreated while typed tables of it stay; an attribute retyped with no
 * assignment cast). Models from the native parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../src/diff/index.js';
import { MeridianError } from '../src/errors.js';
import { initSchemaParser } from '../src/parse/index.js';
import { parsedModel } from './helpers/model.js';
import type { Model } from '../src/model/types.js';

beforeAll(async () => {
  await initSchemaParser();
});

const model = (sql: string): Model => parsedModel(sql, 's.sql');
const refusal = (from: string, to: string): MeridianError | undefined => {
  try {
    diff(model(from), model(to));
    return undefined;
  } catch (e) {
    if (e instanceof MeridianError) return e;
    throw e;
  }
};

describe('typed tables under ALTER TYPE … CASCADE', () => {
  it('an attribute inserted before others (the type recreated) while a typed table stays: E_PLAN naming the table, located', () => {
    const e = refusal('CREATE TYPE person AS (name text, age int);\nCREATE TABLE people OF person;', 'CREATE TYPE person AS (name text, email text, age int);\nCREATE TABLE people OF person;');
    expect(e?.code).toBe('E_PLAN');
    expect(e?.message).toMatch(/composite type public\.person \(s\.sql:1:1\) is dropped and created again.*typed table public\.people is of it/);
    expect(e?.location).toMatchObject({ file: 's.sql', line: 1 });
  });
  it('an attribute retyped with no assignment cast (text → integer): E_PLAN naming the tables', () => {
    const e = refusal('CREATE TYPE person AS (name text, age text);\nCREATE TABLE a OF person;\nCREATE TABLE b OF person;', 'CREATE TYPE person AS (name text, age int);\nCREATE TABLE a OF person;\nCREATE TABLE b OF person;');
    expect(e?.code).toBe('E_PLAN');
    expect(e?.message).toMatch(/attribute age of composite type public\.person \(s\.sql:1:1\) changes type from text to integer, but public\.a, public\.b are typed tables of it/);
  });
  it('an assignment cast (bigint → integer, integer → text) and a dropped attribute are changed in place', () => {
    const changes = diff(model('CREATE TYPE person AS (name text, age bigint, n int, x int);\nCREATE TABLE people OF person;'), model('CREATE TYPE person AS (name text, age int, n text);\nCREATE TABLE people OF person;'));
    expect(changes.map((c) => c.kind)).toContain('alter_type');
    expect(changes.map((c) => c.kind)).not.toContain('drop_type');
  });
  it('the typed table recreated with its type: no refusal', () => {
    expect(refusal('CREATE TYPE person AS (name text, age int);\nCREATE TABLE people OF person;', 'CREATE TYPE person AS (name text, email text, age int);\nCREATE TABLE people (name text, email text, age int);')).toBeUndefined();
  });
});
