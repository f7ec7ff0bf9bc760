/**
 * Names of PostgreSQL's own objects resolve natively (hunt 14a's leftover, GitLab's structure.sql): `reg*` constants
 * naming built-in objects or the file's, calls of functions taking `cstring`, and an SQL function's body reading only
 * pg_catalog's relations. A schema of those opens no dev database; an unknown name is still PostgreSQL's located error.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { MeridianError } from '../../src/errors.js';
import { emptyModel } from '../../src/model/types.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { unresolvedNames } from '../../src/parse/resolve.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { HUNT_14C2_CASES } from '../acceptance/cases-hunt-14c2.js';

const SCHEMA = [
  'CREATE TYPE mood AS ENUM (\'ok\');',
  'CREATE TABLE t (id int);',
  "CREATE VIEW catalog_columns AS SELECT a.attname, textin(textout(c.relname)) AS rel FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE a.atttypid = 'name'::regtype AND c.relkind = 'r' AND c.oid <> 'pg_class'::regclass AND c.relnamespace <> 'pg_catalog'::regnamespace;",
  "CREATE VIEW catalog_ids AS SELECT 'pg_catalog.pg_class'::regclass AS a, 't'::regclass AS b, 'now'::regproc AS c, 'textin(cstring)'::regprocedure AS d, 'public.mood'::regtype AS e, 'integer[]'::regtype AS f, 'default'::regcollation AS g;",
  'CREATE FUNCTION active_connections() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM pg_stat_activity WHERE state = \'active\' $$;',
  'CREATE FUNCTION backends() RETURNS integer LANGUAGE sql AS $$ SELECT count(*)::int FROM pg_catalog.pg_stat_activity $$;',
  "CREATE FUNCTION autovacuum() RETURNS TABLE(query text, query_start timestamp with time zone) LANGUAGE sql SECURITY DEFINER SET search_path TO 'pg_catalog', 'pg_temp' AS $$ SELECT query, a.query_start FROM pg_stat_activity a WHERE datname = current_database() AND state = 'active' $$;",
].join('\n');

const NO_DEV = async (): Promise<Database> => {
  throw new Error('the dev database must not be opened');
};

let pglite: Promise<Database> | undefined;
afterAll(async () => (await pglite)?.close());

describe('names of PostgreSQL\'s own objects', () => {
  it('resolve natively: reg* constants, cstring I/O calls, SQL bodies over pg_catalog', async () => {
    await initSchemaParser();
    const r = checkSchema([{ file: 'schema.sql', text: SCHEMA }]);
    expect(r.errors).toEqual([]);
    expect(unresolvedNames(r.model, emptyModel())).toEqual([]);
  });
  it('leave what only a database decides: unknown or overloaded names, a body reading the file\'s tables or a misspelt column, a wrong result type', async () => {
    await initSchemaParser();
    const text = [
      'CREATE TABLE t (id int);',
      "CREATE VIEW v AS SELECT 'no_such'::regclass AS a, 'no_such'::regtype AS b, 'abs'::regproc AS c, 'no_such'::regnamespace AS d;",
      'CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM t $$;',
      'CREATE FUNCTION g() RETURNS integer LANGUAGE sql AS $$ SELECT count(*) FROM pg_stat_activity $$;',
      "CREATE FUNCTION h() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM pg_stat_activity WHERE stat = 'active' $$;",
      'CREATE FUNCTION k() RETURNS TABLE(query text, pid text) LANGUAGE sql AS $$ SELECT query, pid FROM pg_stat_activity $$;',
    ].join('\n');
    const what = unresolvedNames(checkSchema([{ file: 'schema.sql', text }]).model, emptyModel()).map((u) => u.what);
    expect(what).toEqual([
      `'no_such'::regclass in view "public.v"`, `'no_such'::regtype in view "public.v"`, `'abs'::regproc in view "public.v"`, `'no_such'::regnamespace in view "public.v"`,
      'the body of SQL function "public.f()"', 'the body of SQL function "public.g()"', 'the body of SQL function "public.h()"', 'the body of SQL function "public.k()"',
    ]);
  });
  it.each(HUNT_14C2_CASES)('the acceptance case resolves natively: $name', async (c) => {
    await initSchemaParser();
    const r = checkSchema([{ file: 'case.sql', text: c.new.map((s) => `${s};`).join('\n') }]);
    expect(r.errors).toEqual([]);
    expect(unresolvedNames(r.model, emptyModel())).toEqual([]);
  });
  it('migrate diff writes the migration without a dev database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-catalog-'));
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'schema.sql'), SCHEMA);
    const r = await migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev: NO_DEV, cwd: dir });
    expect(r.file).toBeDefined();
  });
  it("an unknown relation ('no_such'::regclass) is PostgreSQL's error, located", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-catalog-'));
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'schema.sql'), "CREATE TABLE t (id int);\nCREATE VIEW v AS SELECT 'no_such'::regclass AS r;\n");
    const db = await (pglite ??= openDatabase('pglite://memory'));
    const e = await migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev: db, cwd: dir }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MeridianError);
    expect((e as MeridianError).code).toBe('E_VALIDATE');
    expect((e as MeridianError).message).toMatch(/relation "no_such" does not exist/);
    expect((e as MeridianError).location).toMatchObject({ file: 'schema.sql', line: 2 });
  });
});
