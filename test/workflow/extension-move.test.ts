/**
 * A relocatable extension that moves schema (`ALTER EXTENSION … SET SCHEMA`): the current Model's references to its
 * objects are spelled in the new schema before the diff (`followMovedExtensions`), as PostgreSQL leaves them; the
 * objects the Model defines itself, names the desired state does not use there, and comments stay.
 */
import { beforeAll, expect, it } from 'vitest';
import { followMovedExtensions } from '../../src/diff/extensions.js';
import { diff } from '../../src/diff/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';

beforeAll(initSchemaParser);

const fold = (text: string) => {
  const r = checkSchema([{ file: 's.sql', text }]);
  expect(r.errors).toEqual([]);
  return r.model;
};

it('rewrites signatures, operator classes and view queries that name the moved extension, and nothing else', () => {
  const uses = (s: string) => `CREATE TABLE public.own (id int);
CREATE TABLE t (id int PRIMARY KEY, name text, email ${s}.citext);
CREATE INDEX t_name ON t USING gin (name ${s}.gin_trgm_ops);
CREATE FUNCTION f(x ${s}.citext) RETURNS ${s}.citext LANGUAGE sql AS $$ SELECT x $$;
CREATE VIEW v AS SELECT id, ${s}.similarity(name, name) AS s, (SELECT count(*) FROM public.own) AS n FROM t;
COMMENT ON TABLE t IS 'was in public.citext';`;
  const current = fold(`CREATE SCHEMA ext; CREATE EXTENSION citext WITH SCHEMA public; CREATE EXTENSION pg_trgm WITH SCHEMA public;\n${uses('public')}`);
  const desired = fold(`CREATE SCHEMA ext; CREATE EXTENSION citext WITH SCHEMA ext; CREATE EXTENSION pg_trgm WITH SCHEMA ext;\n${uses('ext')}`);
  const moved = followMovedExtensions(current, desired);
  expect(Object.keys(moved.functions)).toEqual(Object.keys(desired.functions));
  expect(moved.tables['public.t']!.comment).toBe('was in public.citext');
  expect(moved.extensions).toBe(current.extensions);
  expect(diff(current, desired).map((c) => c.kind)).toEqual(['alter_extension', 'alter_extension']);
});

it('leaves a Model alone when no extension moves', () => {
  const m = fold('CREATE EXTENSION citext; CREATE TABLE t (e public.citext);');
  expect(followMovedExtensions(m, m)).toBe(m);
});
