/**
 * Wiping a dev database back to "freshly created": what the dev-database lease (dev-lease.ts) does before
 * and after each use, and what tests reset with.
 *
 * In:  a Database. Out: the same database with no schema but an empty `public` (its owner, privileges and
 * comment restored), no extension but plpgsql, no publication, foreign data wrapper, event trigger, cast,
 * transform, access method or procedural language of its own, and PostgreSQL's languages with their default privileges.
 * Never: runs on anything but a dev database (the callers lease it first).
 */
import type { Database } from '../db/database.js';
import { quoteIdent } from '../model/names.js';

// Every schema is dropped, public too (CASCADE is what takes every kind of object with its internal
// dependencies), and public is recreated with the owner and privileges it had and its standard comment: a database created
// by PostgreSQL 15+ has public owned by pg_database_owner, which a plain CREATE SCHEMA would not restore.
const RESET = `DO $$ DECLARE s record; owner name; acl aclitem[]; BEGIN
  SELECT pg_catalog.pg_get_userbyid(n.nspowner), n.nspacl INTO owner, acl FROM pg_namespace n WHERE n.nspname = 'public';
  -- event triggers first: they would fire on the drops below
  FOR s IN SELECT evtname FROM pg_event_trigger LOOP
    EXECUTE format('DROP EVENT TRIGGER IF EXISTS %I', s.evtname);
  END LOOP;
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog','information_schema','pg_toast')
      AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s.nspname);
  END LOOP;
  FOR s IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', s.extname);
  END LOOP;
  FOR s IN SELECT pubname FROM pg_publication LOOP
    EXECUTE format('DROP PUBLICATION IF EXISTS %I', s.pubname);
  END LOOP;
  -- database-wide default privileges back to PostgreSQL's (a schema's go with it): revoke all, grant the defaults
  FOR s IN SELECT d.defaclrole::regrole::text AS who, d.defaclobjtype AS t, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee, a.privilege_type AS priv
      FROM pg_default_acl d, aclexplode(d.defaclacl) a WHERE d.defaclnamespace = 0 LOOP
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s REVOKE %s ON %s FROM %s', s.who, s.priv,
      CASE s.t WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END, s.grantee);
  END LOOP;
  FOR s IN SELECT d.defaclrole::regrole::text AS who, d.defaclobjtype AS t FROM pg_default_acl d WHERE d.defaclnamespace = 0 LOOP
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT ALL ON %s TO %s', s.who,
      CASE s.t WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END, s.who);
    IF s.t = 'f' THEN EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT EXECUTE ON FUNCTIONS TO PUBLIC', s.who); END IF;
    IF s.t = 'T' THEN EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT USAGE ON TYPES TO PUBLIC', s.who); END IF;
  END LOOP;
  -- casts and procedural languages are database objects outside schemas: a cast between built-in types (WITHOUT
  -- FUNCTION, WITH INOUT) or a language created by the files stays after the schemas go (an extension's go with it)
  FOR s IN SELECT pg_catalog.format_type(c.castsource, NULL) AS src, pg_catalog.format_type(c.casttarget, NULL) AS tgt FROM pg_cast c
      WHERE c.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP CAST IF EXISTS (%s AS %s) CASCADE', s.src, s.tgt);
  END LOOP;
  FOR s IN SELECT l.lanname FROM pg_language l
      WHERE l.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_language'::regclass AND d.objid = l.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP LANGUAGE IF EXISTS %I CASCADE', s.lanname);
  END LOOP;
  -- the privileges on the languages that stay (plpgsql, sql) back to acldefault's: USAGE to PUBLIC and the owner
  FOR s IN SELECT l.lanname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END AS who
      FROM pg_language l, aclexplode(l.lanacl) a WHERE l.lanacl IS NOT NULL AND l.lanpltrusted AND a.grantee <> l.lanowner LOOP
    EXECUTE format('REVOKE ALL ON LANGUAGE %I FROM %s CASCADE', s.lanname, s.who);
  END LOOP;
  FOR s IN SELECT l.lanname, pg_catalog.pg_get_userbyid(l.lanowner) AS owner FROM pg_language l WHERE l.lanacl IS NOT NULL AND l.lanpltrusted LOOP
    EXECUTE format('GRANT USAGE ON LANGUAGE %I TO PUBLIC', s.lanname);
    EXECUTE format('GRANT USAGE ON LANGUAGE %I TO %I', s.lanname, s.owner);
  END LOOP;
  -- transforms and access methods a file created are outside schemas too (an AM's operator classes go with it)
  FOR s IN SELECT pg_catalog.format_type(t.trftype, NULL) AS typ, l.lanname FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
      WHERE t.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_transform'::regclass AND d.objid = t.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP TRANSFORM IF EXISTS FOR %s LANGUAGE %I CASCADE', s.typ, s.lanname);
  END LOOP;
  FOR s IN SELECT a.amname FROM pg_am a
      WHERE a.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_am'::regclass AND d.objid = a.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP ACCESS METHOD IF EXISTS %I CASCADE', s.amname);
  END LOOP;
  -- database-wide SQL/MED objects (servers and user mappings go with their wrapper)
  FOR s IN SELECT fdwname FROM pg_foreign_data_wrapper LOOP
    EXECUTE format('DROP FOREIGN DATA WRAPPER IF EXISTS %I CASCADE', s.fdwname);
  END LOOP;
  CREATE SCHEMA public;
  IF owner IS NOT NULL THEN EXECUTE format('ALTER SCHEMA public OWNER TO %I', owner); END IF;
  IF acl IS NOT NULL THEN
    REVOKE ALL ON SCHEMA public FROM PUBLIC;
    FOR s IN SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END AS who, a.privilege_type AS priv, a.is_grantable AS opt
        FROM unnest(acl) u, aclexplode(ARRAY[u]) a LOOP
      EXECUTE format('GRANT %s ON SCHEMA public TO %s%s', s.priv, s.who, CASE WHEN s.opt THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
  END IF;
  COMMENT ON SCHEMA public IS 'standard public schema';
END $$;`;

/**
 * Wipes a dev database back to "freshly created". Big schemas are emptied table by table in batches
 * first: one DROP SCHEMA … CASCADE over thousands of relations takes more locks than a server's default
 * max_locks_per_transaction allows ("out of shared memory").
 */
export async function resetDevDatabase(dev: Database): Promise<void> {
  const rels = await dev.query<{ name: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%'
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`,
  );
  if (rels.rows.length > 200) {
    const tables = rels.rows.map((r) => r.name);
    for (let i = 0; i < tables.length; i += 200) await dev.exec(`DROP TABLE IF EXISTS ${tables.slice(i, i + 200).join(', ')} CASCADE`).catch(() => dropOneByOne(dev, tables.slice(i, i + 200)));
  }
  await dev.exec(RESET);
  // A dev URL bound to a schema (`?search_path=app`) keeps that schema, empty, and replays into it.
  const bound = dev.boundSchema && dev.boundSchema !== 'public' ? quoteIdent(dev.boundSchema) : undefined;
  await dev.exec(bound ? `CREATE SCHEMA ${bound}; SET search_path TO ${bound}` : 'SET search_path TO public');
}

/** Fallback when a batch still needs too many locks: one table per statement. */
async function dropOneByOne(dev: Database, names: readonly string[]): Promise<void> {
  for (const n of names) await dev.exec(`DROP TABLE IF EXISTS ${n} CASCADE`);
}
