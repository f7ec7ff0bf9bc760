/**
 * A relocatable extension that moves schema (`ALTER EXTENSION … SET SCHEMA`): the current Model's references to its
 * objects are spelled in the new schema before the diff (`followMovedExtensions`), as PostgreSQL leaves them; the
 * objects the Model defines itself, names the desired state does not use there, and comments stay.
 */
import { beforeAll, expect, it } from 'vitest';
import { followMovedExtensions } from '../../src/diff/extensions.js';
import { diff } from '../../src/diff/index.js';
import { checkSchema, initSchemaParser } from '../../src/parse/index.js';
import { MeridianError } from '../../src/errors.js';
import type { Model } from '../../src/model/types.js';

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

it('follows references structurally: string constants, trigger arguments and function bodies that spell the old schema stay as written', () => {
  const uses = (s: string) => `CREATE TABLE t (id int PRIMARY KEY, email ${s}.citext, d text DEFAULT 'public.citext' CHECK (d <> 'public.citext'));
CREATE VIEW v AS SELECT id, 'public.citext' AS lit, email::${s}.citext AS e /* public.citext */ FROM t;
CREATE FUNCTION f(x ${s}.citext) RETURNS text LANGUAGE sql AS $$ SELECT 'public.citext' $$;
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_audit BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg('public.citext');`;
  const current = fold(`CREATE SCHEMA ext; CREATE EXTENSION citext WITH SCHEMA public;\n${uses('public')}`);
  const desired = fold(`CREATE SCHEMA ext; CREATE EXTENSION citext WITH SCHEMA ext;\n${uses('ext')}`);
  const moved = followMovedExtensions(current, desired);
  // The constants are the same in both states: a rewrite of them would retype nothing but change the view, default, check, function and trigger.
  expect(diff(current, desired).map((c) => c.kind)).toEqual(['alter_extension']);
  expect(moved.views['public.v']!.query.text).toBe(desired.views['public.v']!.query.text);
  expect(moved.views['public.v']!.query.text).toContain("'public.citext' AS lit");
  expect(moved.tables['public.t']!.columns[2]!.default!.text).toBe("'public.citext'");
  expect(moved.functions['public.f(x ext.citext)']!.body).toContain("'public.citext'");
  // A body is text PostgreSQL keeps as written: one that names the moved type is not followed (the function is replaced).
  const body = (s: string) => `CREATE SCHEMA ext; CREATE EXTENSION citext WITH SCHEMA ${s};\nCREATE FUNCTION g() RETURNS ${s}.citext LANGUAGE sql AS $$ SELECT 'a'::${s}.citext $$;`;
  expect(diff(fold(body('public')), fold(body('ext'))).map((c) => c.kind)).toContain('create_function');
});

it('leaves a Model alone when no extension moves', () => {
  const m = fold('CREATE EXTENSION citext; CREATE TABLE t (e public.citext);');
  expect(followMovedExtensions(m, m)).toBe(m);
});

it('a non-relocatable extension is dropped and created again in its new schema, and refused while something uses it', () => {
  const fixed = (m: Model): Model => ({ ...m, extensions: { xml2: { ...m.extensions.xml2!, relocatable: false } } });
  const current = fixed(fold('CREATE SCHEMA ext; CREATE EXTENSION xml2 WITH SCHEMA public; CREATE TABLE t (id int);'));
  const desired = fold('CREATE SCHEMA ext;\nCREATE EXTENSION xml2 WITH SCHEMA ext; CREATE TABLE t (id int);');
  expect(diff(current, desired).map((c) => c.kind)).toEqual(['drop_extension', 'create_extension']);
  const using = fixed(fold("CREATE SCHEMA ext; CREATE EXTENSION xml2 WITH SCHEMA public; CREATE VIEW v AS SELECT public.xpath_string('<a/>'::text, '/a'::text) AS x;"));
  const wants = fold("CREATE SCHEMA ext;\nCREATE EXTENSION xml2 WITH SCHEMA ext; CREATE VIEW v AS SELECT ext.xpath_string('<a/>'::text, '/a'::text) AS x;");
  const err = (() => { try { diff(using, wants); } catch (e) { return e as MeridianError; } return undefined; })();
  expect(err?.code).toBe('E_PLAN');
  expect(err?.message).toMatch(/^extension "xml2" \(s\.sql:2:1\) moves from schema public to ext, but it is not relocatable .* what uses it: public\.v\. Keep it in public/);
});
