import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { executeClean, planClean } from '../../src/workflow/clean.js';
import { runInProcess } from '../helpers/cli-inproc.js';
import { describeEachDatabase } from '../helpers/databases.js';

const SCHEMA = `
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE TABLE app.t (id serial PRIMARY KEY, m app.mood);
CREATE VIEW app.v AS SELECT id FROM app.t;
CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';
CREATE TABLE public.keepme_not (id int);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
`;

/** One object of every kind the Model manages, plus kinds it does not (reported unmanaged), all in `public`. */
const EVERY_KIND = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE FUNCTION is_positive(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v > 0';
CREATE DOMAIN posint AS integer CHECK (is_positive(VALUE));
CREATE TYPE pair AS (a integer, b text);
CREATE FUNCTION span(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS 'SELECT a - b';
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = span);
CREATE SEQUENCE counter;
CREATE TABLE parent (id serial PRIMARY KEY, m mood, p posint, pr pair, r floatrange, n bigint GENERATED ALWAYS AS IDENTITY, tags text, other_id int);
CREATE INDEX parent_tags_trgm ON parent USING gin (tags gin_trgm_ops);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id), c int DEFAULT nextval('counter'));
ALTER TABLE parent ADD CONSTRAINT parent_other_fkey FOREIGN KEY (other_id) REFERENCES child (id);
CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE base (id int);
CREATE TABLE derived (x int) INHERITS (base);
CREATE VIEW v AS SELECT id, m FROM parent;
CREATE VIEW vv AS SELECT id FROM v WHERE is_positive(id);
CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM child;
CREATE PROCEDURE proc() LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION add_int(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
CREATE AGGREGATE total(int) (sfunc = add_int, stype = int, initcond = '0');
CREATE FUNCTION make_parent() RETURNS parent LANGUAGE sql AS 'SELECT * FROM parent LIMIT 1';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER child_touch BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE child ENABLE ROW LEVEL SECURITY;
CREATE POLICY child_visible ON child USING (id > 0);
CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = add_int);
CREATE RULE child_log AS ON UPDATE TO child DO ALSO NOTIFY child_changed;
CREATE TABLE atlas_schema_revisions (version text PRIMARY KEY);
CREATE COLLATION bytes FROM "C";
ALTER TABLE child ADD COLUMN label text COLLATE bytes;
ALTER TABLE parent ADD CONSTRAINT parent_r_excl EXCLUDE USING gist (r WITH &&);
CREATE STATISTICS parent_st ON id, other_id FROM parent;
CREATE FOREIGN DATA WRAPPER clean_wrapper;
CREATE SERVER clean_server FOREIGN DATA WRAPPER clean_wrapper;
CREATE FOREIGN TABLE remote (a int) SERVER clean_server;
CREATE PUBLICATION clean_pub FOR TABLE parent, child;
COMMENT ON TABLE parent IS 'the parent';
`;

/** What is left in `public` that is not an extension's (an array type counts as its element's): relations, types, routines, operators, collations, statistics. */
const LEFT_IN_PUBLIC = `
SELECT kind || ' ' || name AS o FROM (
  SELECT 'relation' AS kind, c.relname::text AS name, 'pg_class'::regclass AS cls, c.oid FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL SELECT 'type', t.typname::text, 'pg_type'::regclass, CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
    FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace
  UNION ALL SELECT 'routine', p.proname::text, 'pg_proc'::regclass, p.oid FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
  UNION ALL SELECT 'operator', o.oprname::text, 'pg_operator'::regclass, o.oid FROM pg_operator o WHERE o.oprnamespace = 'public'::regnamespace
  UNION ALL SELECT 'collation', c.collname::text, 'pg_collation'::regclass, c.oid FROM pg_collation c WHERE c.collnamespace = 'public'::regnamespace
  UNION ALL SELECT 'statistics', s.stxname::text, 'pg_statistic_ext'::regclass, s.oid FROM pg_statistic_ext s WHERE s.stxnamespace = 'public'::regnamespace
) x
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = x.cls AND d.objid = x.oid AND d.deptype = 'e')
ORDER BY 1`;

describeEachDatabase('schema clean', (t) => {
  it('lists every object of every user schema (owned sequences go with their table; extension objects excluded)', async () => {
    await t.db.exec(SCHEMA);
    const targets = await planClean(t.db);
    const app = targets.find((x) => x.schema === 'app')!;
    expect(app.action).toBe('drop');
    expect(app.objects.map((o) => `${o.kind} ${o.name}`).sort()).toEqual(['enum mood', 'function f', 'table t', 'view v']);
    const pub = targets.find((x) => x.schema === 'public')!;
    expect(pub.action).toBe('keep');
    expect(pub.objects.map((o) => o.name)).toEqual(['keepme_not']);
  });
  it('drops everything in one transaction and keeps public', async () => {
    await t.db.exec(SCHEMA);
    await executeClean(t.db, await planClean(t.db));
    const left = await t.db.query<{ n: string }>(
      `SELECT nspname AS n FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
    );
    expect(left.rows.map((r) => r.n)).toEqual(['public']);
    const rels = await t.db.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'keepme_not'`);
    expect(rels.rowCount).toBe(0);
  });
  it('limits itself to the requested schemas and rejects unknown ones', async () => {
    await t.db.exec(SCHEMA);
    const targets = await planClean(t.db, { schemas: ['app'] });
    expect(targets.map((x) => x.schema)).toEqual(['app']);
    await expect(planClean(t.db, { schemas: ['nope'] })).rejects.toThrow(/schema "nope" does not exist/);
  });
  it('empties a kept schema holding every schema-scoped managed kind (aggregates, ranges, partitions, policies, collations, statistics, foreign tables; unmanaged kinds too); extensions and database-wide objects stay', async () => {
    await t.reset();
    await t.db.exec(EVERY_KIND);
    const [pub] = await planClean(t.db);
    expect(pub!.schema).toBe('public');
    expect(pub!.action).toBe('keep');
    // Partitions, owned sequences, indexes, triggers and policies go with their table: not listed.
    expect(pub!.objects.map((o) => `${o.kind} ${o.name}`)).toEqual([
      'aggregate total', 'collation bytes', 'domain posint', 'enum mood', 'foreign table remote', 'function add_int', 'function is_positive', 'function make_parent',
      'function span', 'function touch', 'materialized view mv', 'operator ===', 'procedure proc', 'range floatrange', 'rule child_log', 'sequence counter',
      'statistics parent_st', 'table atlas_schema_revisions', 'table base', 'table child', 'table derived', 'table events', 'table parent', 'type pair', 'view v', 'view vv',
    ]);
    await executeClean(t.db, [pub!]);
    expect((await t.db.query<{ o: string }>(LEFT_IN_PUBLIC)).rows.map((r) => r.o)).toEqual([]);
    expect((await t.db.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).rowCount).toBe(1);
    expect((await t.db.query(`SELECT 1 FROM pg_foreign_server WHERE srvname = 'clean_server' UNION ALL SELECT 1 FROM pg_publication WHERE pubname = 'clean_pub'`)).rowCount).toBe(2);
    expect(await planClean(t.db)).toEqual([{ schema: 'public', action: 'keep', objects: [] }]);
  });
  it('drops a schema holding an aggregate and a range type, and a schema holding only the revisions table', async () => {
    await t.reset();
    await t.db.exec(`CREATE SCHEMA app;
      CREATE FUNCTION app.add_int(s int, v int) RETURNS int LANGUAGE sql AS 'SELECT s + v';
      CREATE AGGREGATE app.total(int) (sfunc = app.add_int, stype = int, initcond = '0');
      CREATE TYPE app.floatrange AS RANGE (subtype = float8);
      CREATE SCHEMA atlas_schema_revisions; CREATE TABLE atlas_schema_revisions.atlas_schema_revisions (version text PRIMARY KEY);`);
    const targets = await planClean(t.db);
    expect(targets.map((x) => `${x.action} ${x.schema}: ${x.objects.map((o) => `${o.kind} ${o.name}`).join(', ')}`)).toEqual([
      'drop app: aggregate total, function add_int, range floatrange',
      'drop atlas_schema_revisions: table atlas_schema_revisions',
      'keep public: ',
    ]);
    await executeClean(t.db, targets);
    const left = await t.db.query<{ n: string }>(`SELECT nspname AS n FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`);
    expect(left.rows.map((r) => r.n)).toEqual(['public']);
  });
  it('fails as a whole, naming the blocker, when an object outside the cleaned schemas depends on one inside', async () => {
    await t.reset();
    await t.db.exec(`CREATE TABLE public.t (id int); CREATE SCHEMA other; CREATE VIEW other.v AS SELECT id FROM public.t;`);
    const targets = (await planClean(t.db)).filter((x) => x.schema === 'public');
    await expect(executeClean(t.db, targets)).rejects.toThrow(/schema clean: cannot drop table t because other objects depend on it.*Statement: DROP TABLE "public"."t"/);
    expect((await t.db.query(`SELECT 1 FROM pg_class WHERE relname = 't'`)).rowCount).toBe(1);
  });
  if (t.target.name !== 'pglite')
    it('CLI: refuses without a TTY, cleans with --auto-approve', async () => {
      await t.db.exec(SCHEMA);
      const cwd = mkdtempSync(join(tmpdir(), 'meridian-clean-'));
      const refused = await runInProcess(['schema', 'clean', '--url', t.url!], { cwd });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/error\[E_CONFIRM\].*--auto-approve/);
      expect(refused.stdout).toContain('table t');
      const ok = await runInProcess(['schema', 'clean', '--url', t.url!, '--auto-approve'], { cwd });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/Dropped \d+ object/);
      const db = await openDatabase(t.url!);
      try {
        expect((await db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'app'`)).rowCount).toBe(0);
      } finally {
        await db.close();
      }
    });
});
