/**
 * The dev database is kept clean: a dirty one is refused (naming what is in it) unless clearing is
 * allowed; after a success, after a failing statement and after a run killed mid-way (its lease left
 * behind) it is back to what it was; a next run after a killed one clears the leftovers itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { MeridianError } from '../../src/errors.js';
import { acquireDevDatabase, allowDevClear } from '../../src/workflow/dev-lease.js';
import { migrateDiff } from '../../src/workflow/migrate-diff.js';
import { modelFromSources } from '../../src/workflow/state.js';
import { createServerDatabase } from '../helpers/databases.js';

const SCHEMA = `CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t (id serial PRIMARY KEY, m mood);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCREATE VIEW v AS SELECT id FROM t;\n`;

/** Everything a dump would show of a database's user-visible state, plus its comment and public's owner. */
async function fingerprint(db: Database): Promise<unknown> {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    schemas: await q(`SELECT nspname, pg_get_userbyid(nspowner) AS owner, obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`),
    relations: await q(`SELECT c.oid::regclass::text AS r, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1`),
    functions: await q(`SELECT p.oid::regprocedure::text AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1`),
    types: await q(`SELECT t.oid::regtype::text AS t FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0 ORDER BY 1`),
    extensions: await q(`SELECT extname FROM pg_extension ORDER BY 1`),
    comment: await q(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()`),
    searchPath: await q(`SELECT current_setting('search_path') AS s`),
    casts: await q(`SELECT format_type(castsource, NULL) AS s, format_type(casttarget, NULL) AS t FROM pg_cast WHERE oid >= 16384 ORDER BY 1, 2`),
    publications: await q(`SELECT pubname FROM pg_publication ORDER BY 1`),
  };
}

async function rejected(p: Promise<unknown>): Promise<MeridianError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MeridianError) return e;
    throw e;
  }
  throw new Error('expected a MeridianError');
}

const TARGETS: { name: string; open: () => Promise<{ db: Database; done: () => Promise<void> }> }[] = [
  { name: 'pglite', open: async () => { const db = await openDatabase('pglite://memory'); return { db, done: () => db.close() }; } },
  ...(process.env.DATABASE_URL
    ? [{ name: 'postgres', open: async () => { const c = await createServerDatabase(process.env.DATABASE_URL!); const db = await openDatabase(c.url); return { db, done: async () => { await db.close(); await c.drop(); } }; } }]
    : []),
];

for (const target of TARGETS) {
  describe(`dev database hygiene [${target.name}]`, () => {
    let dev: Database;
    let done: () => Promise<void>;
    let start: unknown;
    beforeAll(async () => {
      ({ db: dev, done } = await target.open());
      start = await fingerprint(dev);
    });
    afterAll(async () => done());

    it('after a success, twice in a row, it is as it was (the second run does not trip over the first)', async () => {
      for (let i = 0; i < 2; i++) {
        const model = await modelFromSources(dev, [{ file: 'schema.sql', text: SCHEMA }]);
        expect(Object.keys(model.tables)).toEqual(['app.t']);
        expect(await fingerprint(dev)).toEqual(start);
      }
      const dir = mkdtempSync(join(tmpdir(), 'meridian-devclean-'));
      mkdirSync(join(dir, 'migrations'));
      writeFileSync(join(dir, 'schema.sql'), SCHEMA);
      await migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev, native: false, cwd: dir });
      await migrateDiff({ migrationsDir: join(dir, 'migrations'), schemaPath: join(dir, 'schema.sql'), dev, native: false, cwd: dir });
      expect(await fingerprint(dev)).toEqual(start);
    }, 60_000);

    it('objects outside schemas (a cast between built-in types, a publication) are gone after a run: the second run does not trip over them', async () => {
      const text = 'CREATE CAST (money AS bigint) WITHOUT FUNCTION;\nCREATE PUBLICATION p_all;\nCREATE TABLE t (id int);\n';
      for (let i = 0; i < 2; i++) {
        const model = await modelFromSources(dev, [{ file: 'schema.sql', text }]);
        expect(Object.keys(model.tables)).toEqual(['public.t']);
        expect(await fingerprint(dev)).toEqual(start);
      }
    }, 60_000);

    it('default privileges (in public and database-wide) are gone after a run, and make a dev database dirty', async () => {
      // Before, the cleanliness check did not see pg_default_acl: after a replay of `ALTER DEFAULT PRIVILEGES IN SCHEMA
      // public …` alone nothing else was in the database, so it was not reset, and the next replay (of a file without
      // them) read them back as the file's: `schema apply` of such a file planned nothing (pgschema's
      // default_privilege_* fixtures, hunt 8).
      const text = 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;\nALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n';
      const acls = async () => (await dev.query('SELECT count(*)::int AS n FROM pg_default_acl')).rows[0];
      for (let i = 0; i < 2; i++) {
        await modelFromSources(dev, [{ file: 'schema.sql', text }]);
        expect(await acls()).toEqual({ n: 0 });
        expect(await fingerprint(dev)).toEqual(start);
      }
      await dev.exec('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC');
      const e = await rejected(modelFromSources(dev, [{ file: 'schema.sql', text: 'CREATE TABLE t (id int);' }]));
      expect(e.code).toBe('E_DEV_DIRTY');
      expect(e.message).toMatch(/default privileges for role \S+ in schema public on tables/);
      await dev.exec('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM PUBLIC');
      expect(await acls()).toEqual({ n: 0 });
    }, 60_000);

    it('objects of the other kinds that live in a schema (text search, collations, operators) are gone after a run, and make a dev database dirty', async () => {
      // Before, the cleanliness check saw only relations, functions and types: these stayed in public after a run
      // and the next run with the same file failed (`duplicate key value violates unique constraint "pg_ts_dict_dictname_index"`).
      const text = "CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple);\nCREATE TEXT SEARCH CONFIGURATION c (PARSER = default);\n" +
        "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);\nCREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);\n";
      for (let i = 0; i < 2; i++) {
        await modelFromSources(dev, [{ file: 'schema.sql', text }]);
        expect(await devObjects(dev)).toEqual([]);
        expect(await fingerprint(dev)).toEqual(start);
      }
      await dev.exec("CREATE TEXT SEARCH DICTIONARY public.theirs (TEMPLATE = simple)");
      const e = await rejected(modelFromSources(dev, [{ file: 'schema.sql', text }]));
      expect(e.code).toBe('E_DEV_DIRTY');
      expect(e.message).toMatch(/text search dictionary theirs/);
      await dev.exec('DROP TEXT SEARCH DICTIONARY public.theirs');
      expect(await fingerprint(dev)).toEqual(start);
    }, 60_000);

    it('after a failing statement it is as it was', async () => {
      const e = await rejected(modelFromSources(dev, [{ file: 'schema.sql', text: `${SCHEMA}CREATE TABLE app.u (id int REFERENCES app.nope);\n` }]));
      expect(e.code).toBe('E_VALIDATE');
      expect(await fingerprint(dev)).toEqual(start);
    });

    it('after a run killed mid-way (its lease and objects left), the next run clears its leftovers', async () => {
      await acquireDevDatabase(dev);
      await dev.exec(SCHEMA); // … and the process dies here: no release
      expect(await fingerprint(dev)).not.toEqual(start);
      await modelFromSources(dev, [{ file: 'schema.sql', text: 'CREATE TABLE t (id int);' }]);
      expect(await fingerprint(dev)).toEqual(start);
    });

    it('a dirty dev database is refused, naming what it holds, and left untouched; --dev-clear empties it', async () => {
      await dev.exec(`CREATE SCHEMA theirs; CREATE TABLE public.keep (id int); CREATE FUNCTION public.mine() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
      const dirty = await fingerprint(dev);
      const e = await rejected(modelFromSources(dev, [{ file: 'schema.sql', text: SCHEMA }]));
      expect(e.code).toBe('E_DEV_DIRTY');
      expect(e.message).toMatch(/not clean: it holds function public\.mine, schema theirs, table public\.keep\./);
      expect(e.message).toMatch(/--dev-clear/);
      expect(await fingerprint(dev)).toEqual(dirty);
      await modelFromSources(allowDevClear(dev), [{ file: 'schema.sql', text: SCHEMA }]);
      expect(await devObjects(dev)).toEqual([]);
    });

    if (target.name === 'postgres') {
      it('pg_dump of the dev database after a run equals its starting dump', async () => {
        // pg_dump's \\restrict key is random per run; comments carry nothing.
        const dump = (u: string) => execFileSync('pg_dump', ['--schema-only', u], { encoding: 'utf8' }).replace(/^(--|\\(un)?restrict ).*$/gm, '');
        const other = await createServerDatabase(process.env.DATABASE_URL!);
        const fresh = await openDatabase(other.url);
        try {
          const before = dump(other.url);
          await modelFromSources(fresh, [{ file: 'schema.sql', text: SCHEMA }]);
          await rejected(modelFromSources(fresh, [{ file: 'schema.sql', text: 'CREATE TABLE x (id int REFERENCES nope);' }]));
          expect(dump(other.url)).toBe(before);
          expect(before).toMatch(/SET statement_timeout/); // a real dump was compared
        } finally {
          await fresh.close();
          await other.drop();
        }
      });
    }
  });
}

async function devObjects(db: Database): Promise<unknown[]> {
  const { devDatabaseContents } = await import('../../src/workflow/dev-lease.js');
  return devDatabaseContents(db);
}
